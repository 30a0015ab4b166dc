"""Slot extraction: the readers of each slot family in order, consuming spans so that one phrase fills one slot.

Order matters and is deliberate: ids and model numbers, dates (they contain numbers), rating and star
floors, then explicit units (points, GB), prices, exclusions, nights and the party, references, then the
vocabulary tables, and last the product query, which is what is left once everything else is taken.
Each family has its reader module (dates, constraints, units, prices, party, references, vocabulary);
this one only runs them over one normalised message and keeps the spans they took.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from assistant.offline.nlu import query as query_shape
from assistant.offline.nlu.constraints import ConstraintReader
from assistant.offline.nlu.dates import DateReader
from assistant.offline.nlu.ja import gloss, has_japanese
from assistant.offline.nlu.lexicon import Lexicon
from assistant.offline.nlu.party import PartyReader
from assistant.offline.nlu.prices import PriceReader
from assistant.offline.nlu.references import ReferenceReader
from assistant.offline.nlu.units import UnitReader
from assistant.offline.nlu.vocabulary import VocabularyReader

Slots = dict[str, Any]

# Spans that are not part of a product query once recognised (a place or "4 people" may well be).
_QUERY_CONSUMES = {
    "id",
    "date",
    "unit",
    "price",
    "ref",
    "pref",
    "brand",
    "category",
    "region",
    "constraint",
    "exclude",
    "calls",
    "data_use",
    "climate",
    "other",
}


def normalise(text: str, today: date | None = None) -> str:
    """Lower-case, fold full-width characters, unify quotes and dashes; Japanese becomes its English gloss
    (`nlu/ja`), dates resolved against `today` when given."""
    text = unicodedata.normalize("NFKC", text).lower()
    if has_japanese(text):
        text = gloss(text, today)
    text = text.replace("’", "'").replace("‘", "'").replace("〜", "-").replace("~", " ~ ")
    text = text.replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text).strip()


class SlotExtractor:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.dates = DateReader(lexicon)
        self.constraints = ConstraintReader(lexicon)
        self.units = UnitReader(lexicon)
        self.prices = PriceReader(lexicon)
        self.party = PartyReader(lexicon)
        self.references = ReferenceReader(lexicon)
        self.vocabulary = VocabularyReader(lexicon)
        self._ids = re.compile(r"\b([phbdmt]\d{3,}(?:-r\d+)?|bk-?\w{4,}|[a-z]+-\d{3,})\b")

    # -- public ----------------------------------------------------------------------------------------
    def extract(self, text: str, today: date) -> Slots:
        t = normalise(text, today)
        taken: list[tuple[int, int, str]] = []
        slots: Slots = {}
        current = ["other"]

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e, _label in taken)

        def take(start: int, end: int) -> None:
            taken.append((start, end, current[0]))

        def take_as(label: str) -> Any:
            return lambda start, end: taken.append((start, end, label))

        current[0] = "id"
        self._ids_into(t, slots, take)
        self.constraints.models(t, slots, free, take_as("model"))
        dated, spans = self.dates.read(t, today)
        if all(free(start, end) for start, end in spans):
            slots.update(dated)
            taken.extend((start, end, "date") for start, end in spans)
        self.constraints.floors(t, slots, free, take_as("constraint"))
        current[0] = "unit"
        self.units.points_and_data(t, slots, free, take)
        current[0] = "price"
        self.prices.read(t, slots, free, take)
        self.constraints.exclusions(t, slots, free, take_as("exclude"))  # "nothing for toddlers" is no party
        current[0] = "party"
        self.units.nights(t, slots, free, take)
        self.party.read(t, slots, free, take)
        current[0] = "ref"
        self.references.read(t, slots, free, take)
        fixed = list(taken)

        def free_fixed(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e, _label in fixed)

        self.vocabulary.read(t, slots, free_fixed, taken)
        consumed = [(s, e) for s, e, label in taken if label in _QUERY_CONSUMES]
        query = self._query(t, consumed, shaped=not has_japanese(text))
        landmark = self.vocabulary.landmark(query)
        if landmark:
            slots["landmark"] = landmark
        model = str(slots.get("model", ""))
        if model and model.lower() not in query:  # "anker 737": the number is what to search for
            query = f"{query} {model.lower()}".strip()
        if query:
            slots["query"] = query
        return slots

    # -- pieces ----------------------------------------------------------------------------------------
    def _ids_into(self, t: str, slots: Slots, take: Any) -> None:
        models = self.lex.gazetteer.models
        for m in self._ids.finditer(t):
            if re.sub(r"[^a-z0-9]", "", m[1]) in models:
                continue  # "WH-4657-W" is a catalogue model, not a booking or plan id
            slots.setdefault("id", m[1].upper())
            take(m.start(), m.end())

    def _query(self, t: str, taken: list[tuple[int, int]], shaped: bool = True) -> str:
        chars = list(t)
        for s, e in taken:
            for i in range(s, e):
                chars[i] = " "
        rest = "".join(chars)
        if shaped:  # the story and the recipients left out (nlu/query.py)
            rest = query_shape.shape(rest, lambda piece: bool(self._words(piece)))
        return " ".join(self._words(rest))

    def _words(self, rest: str) -> list[str]:
        words = re.findall(r"[a-z][a-z0-9'&+-]*", rest)
        stop = self.lex.query_stopwords
        return [w for w in words if w not in stop and len(w) > 1]


_PRODUCT_INTENTS = {"search_products", "refine", "points_for_purchase"}


def slots_for_intent(intent: str, slots: Slots, intent_slots: dict[str, list[str]]) -> Slots:
    """Keep only the slots an intent uses, renaming where one phrase means different things by topic.

    "onsen" is an amenity for a hotel and an activity for a destination; a product query is only a query
    when the member is shopping.
    """
    out = dict(slots)
    if intent in _PRODUCT_INTENTS and "min_stars" in out:
        out.setdefault("min_rating", float(out.pop("min_stars")))  # a product's stars are its rating
    if intent == "search_destinations":
        acts = set(out.pop("activities", [])) | set(out.pop("amenities", []))
        if acts:
            out["activities"] = sorted(acts)
    elif "amenities" in intent_slots.get(intent, []) and "activities" in out:
        acts = set(out.pop("activities"))
        amen = set(out.get("amenities", []))
        amen |= {a for a in acts if a == "onsen"}
        if amen:
            out["amenities"] = sorted(amen)
    allowed = set(intent_slots.get(intent, []))
    return {k: v for k, v in out.items() if k in allowed}
