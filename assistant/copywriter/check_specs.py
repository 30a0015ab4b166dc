"""Specification claims against the catalogue: figures in their unit, standards, features and attribute values.

A figure is compared with the subject's own figures of the same dimension (a converted equal value is
fine); the same number in another unit is a unit slip and a different number is contradicted; a figure of
a kind the subject's facts never state is unsupported (an invented spec). A feature ("waterproof") or an
attribute value the catalogue uses for other products ("Full frame", フルサイズ) must be in this subject's
facts; when the subject has that attribute with another value, the claim is contradicted.
"""

from __future__ import annotations

import re

from assistant.copywriter.claims import SPEC_CODE, Claim, code_of
from assistant.copywriter.facts import SubjectFacts
from assistant.copywriter.lexicon import FEATURE_GROUPS
from assistant.copywriter.units import DIMENSIONS, NUM, Quantity, fact_quantities, same_amount, same_dimension
from assistant.copywriter.verdicts import Verdict, contradicted, supported, unsupported


def _shown(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _in_base(q: Quantity) -> float | None:
    dim = DIMENSIONS.get(q.unit)
    return q.value * dim[1] if dim else (q.value if q.unit else None)


class SpecChecker:
    """Spec, feature and attribute verdicts for the subjects of one fact sheet."""

    def __init__(self, subjects: list[SubjectFacts], texts: dict[str, str], counters: tuple[str, ...]) -> None:
        self.subjects = subjects
        self.texts = texts
        self.figures = {s.id: fact_quantities(texts[s.id], counters) for s in subjects}

    def spec(self, claim: Claim) -> Verdict:
        if claim.unit == "code":
            return self._code(claim)
        value, unit = claim.value or 0.0, claim.unit or ""
        asked = Quantity(value, unit, claim.text, claim.start, claim.end)
        for s in self.subjects:
            for fact in self.figures[s.id]:
                if same_amount(value, unit, fact.value, fact.unit) or self._qualified(claim, asked, fact):
                    return supported(claim, f"{s.id} catalogue: {fact.text}")
        for s in self.subjects:
            swapped = [f for f in self.figures[s.id] if abs(f.value - value) < 1e-9 and f.unit != unit]
            if swapped:
                return contradicted(claim, f"{s.id} catalogue says {swapped[0].text}",
                                    reason=f"unit slip: the catalogue says {swapped[0].text}, not {claim.text}")
        for s in self.subjects:
            same = [f for f in self.figures[s.id] if same_dimension(f.unit, unit)]
            if same:
                texts = sorted({f.text for f in same})
                exact = [f for f in same if f.unit == unit]
                fix = (re.sub(NUM, _shown(exact[0].value), claim.text, count=1)
                       if len({f.value for f in exact}) == 1 and len(self.subjects) == 1 else None)
                return contradicted(claim, f"{s.id} catalogue says {', '.join(texts)}", fix)
        return unsupported(claim, f"the catalogue states no {unit} figure for this subject (invented spec)")

    @staticmethod
    def _qualified(claim: Claim, asked: Quantity, fact: Quantity) -> bool:
        """"Over 1,000 pieces" rests on 1,200 pieces; "under 300 g" on 250 g (weights and sizes only)."""
        if claim.qualifier == "exact" or not same_dimension(asked.unit, fact.unit):
            return False
        have, want = _in_base(fact), _in_base(asked)
        if have is None or want is None:
            return False
        if claim.qualifier == "at_least":
            return have >= want
        dim = DIMENSIONS.get(asked.unit)
        return dim is not None and dim[0] in {"mass", "length"} and have <= want

    def _code(self, claim: Claim) -> Verdict:
        code = claim.context or ""
        family = re.sub(r"[\d.]+", "", code)
        codes = {s.id: {code_of(m.group(0)) for m in SPEC_CODE.finditer(self.texts[s.id])} for s in self.subjects}
        for s in self.subjects:
            if code in codes[s.id]:
                return supported(claim, f"{s.id} catalogue lists {claim.text}")
        for s in self.subjects:
            same = [c for c in codes[s.id] if re.sub(r"[\d.]+", "", c) == family]
            if same:
                return contradicted(claim, f"{s.id} catalogue says {', '.join(sorted(same))}")
        return unsupported(claim, "this specification is not in the catalogue (invented spec)")

    def feature(self, claim: Claim) -> Verdict:
        words = FEATURE_GROUPS.get(claim.unit or "", [])
        for s in self.subjects:
            text = self.texts[s.id].casefold()
            for word in words:
                if contains(text, word.casefold()):
                    return supported(claim, f"{s.id} catalogue mentions {word!r}")
        return unsupported(claim, f"the catalogue does not say the product is {claim.unit} (invented spec)")

    def attribute(self, claim: Claim) -> Verdict:
        key, value = claim.unit or "", (claim.context or "").casefold()
        loose = re.sub(r"[\s\-]+", " ", value)
        for s in self.subjects:
            own = {**s.attributes, **s.source_attributes_ja}
            text = re.sub(r"[\s\-]+", " ", self.texts[s.id].casefold())
            if value in own.get(key, "").casefold() or contains(text, loose):
                return supported(claim, f"{s.id} {key}: {own.get(key, claim.context or value)}")
        having = [(s, {**s.attributes, **s.source_attributes_ja}) for s in self.subjects]
        for s, own in having:
            if key in own:
                return contradicted(claim, f"{s.id} {key}: {own[key]}")
        return unsupported(claim, f"the catalogue gives no {key} for this product (invented spec)")


def contains(text: str, word: str) -> bool:
    if word.isascii():
        return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text) is not None
    return word in text
