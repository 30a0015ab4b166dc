"""Find every concrete claim in landing-page copy (EN and JA): the things a regulator or a customer could hold
us to.

Extraction is deliberately greedy: a number next to a yen sign, a points figure, a multiplier, a rating, a
review count, stock and delivery promises, specifications (quantities with units, standards such as IPX7 or
Bluetooth 5.3, feature words such as "waterproof"), attribute values such as a colour, superlatives and
time-limited offers. Anything found here must then be supported by a fact (see `check.py`); a false
positive costs a marketer one look, a false negative is a legal risk.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel

from assistant.copywriter.lexicon import (
    ATTRIBUTE_STOPWORDS,
    ATTRIBUTE_STOPWORDS_JA,
    FEATURE_GROUPS,
    SUPERLATIVE_PATTERNS_EN,
    SUPERLATIVE_PATTERNS_JA,
    SUPERLATIVE_SCOPE,
)
from assistant.copywriter.schema import LandingCopy
from assistant.copywriter.units import NUM, counters_of, number, quantities

ClaimKind = Literal[
    "price", "discount", "points", "multiplier", "points_rate", "rating", "reviews", "stock", "delivery",
    "spec", "feature", "attribute", "superlative", "campaign",
]
Qualifier = Literal["exact", "at_least", "at_most"]


class Claim(BaseModel):
    """One checkable statement: where it is (field and character span) and what it asserts."""

    id: str
    kind: ClaimKind
    field: str
    text: str
    start: int
    end: int
    value: float | None = None
    unit: str | None = None  # JPY, %, pt, x, normalised spec unit, feature group, attribute key
    qualifier: Qualifier = "exact"
    context: str | None = None  # e.g. list_price, worth, free, next_day, in_stock, high


YEN_PRE = r"(?:¥|JPY\s?|yen\s)"
YEN_POST = r"(?:\s?(?:yen|JPY)\b|円)"
AT_MOST_BEFORE = re.compile(r"(?:under|below|less than|no more than|up to|at most|just under|最大)\s*$", re.I)
AT_LEAST_BEFORE = re.compile(r"(?:over|more than|at least|above|nearly|almost|upwards of)\s*$", re.I)
AT_MOST_AFTER = re.compile(r"^\s*(?:以下|未満|まで|or less)", re.I)
AT_LEAST_AFTER = re.compile(r"^\s*(?:\+|以上|超|or more)", re.I)
LIST_PRICE_BEFORE = re.compile(
    r"(?:was|regular(?:ly)?|list price|usually|normally|rrp|originally|instead of|(?:down|reduced|cut) from|"
    r"通常価格|通常|定価|参考価格|"
    r"希望小売価格|メーカー希望)[^\d¥]{0,12}$",
    re.I,
)
WORTH_BEFORE = re.compile(r"(?:worth|value of|相当)[^\d¥]{0,6}$", re.I)
WORTH_AFTER = re.compile(r"^\s*(?:相当|分)")

SPEC_CODE = re.compile(
    r"\bIP(?:X[0-8]|[0-6][0-8])\b|\bbluetooth\s?\d(?:\.\d)?\b|\bwi-?fi\s?\d+[a-z]?\b|\bUSB[- ]?(?:type[- ]?)?C\b|"
    r"\bUSB\s?\d(?:\.\d)?\b|\b[48]K\b|\b5G\b|\bHDR\d*\b|\bOLED\b|\bNFC\b|\bQi\b",
    re.I,
)


def normalise(text: str) -> str:
    """NFKC per character (full-width digits and ¥ to ASCII) while keeping every offset in place."""
    out = []
    for char in text:
        folded = unicodedata.normalize("NFKC", char)
        out.append(folded if len(folded) == 1 else char)
    return "".join(out).replace("￥", "¥")


@dataclass
class _Hit:
    kind: ClaimKind
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    qualifier: Qualifier = "exact"
    context: str | None = None


Finder = Callable[[str], Iterable[_Hit]]


def _qualifier(text: str, start: int, end: int) -> Qualifier:
    before, after = text[max(0, start - 20):start], text[end:end + 8]
    if AT_MOST_BEFORE.search(before) or AT_MOST_AFTER.search(after):
        return "at_most"
    if AT_LEAST_BEFORE.search(before) or AT_LEAST_AFTER.search(after):
        return "at_least"
    return "exact"


def _find(pattern: str, kind: ClaimKind, *, unit: str | None = None, context: str | None = None,
          scale: float = 1.0, flags: int = re.I) -> Finder:
    compiled = re.compile(pattern, flags)

    def finder(text: str) -> Iterable[_Hit]:
        for m in compiled.finditer(text):
            raw = next((m.group(g) for g in ("n", "n2") if g in compiled.groupindex and m.group(g)), None)
            value = number(raw) * scale if raw else None
            if value is not None and "man" in compiled.groupindex and m.group("man"):
                value *= 10000
            yield _Hit(kind, m.start(), m.end(), value, unit, _qualifier(text, m.start(), m.end()), context)

    return finder


def _prices(text: str) -> Iterable[_Hit]:
    pattern = re.compile(rf"{YEN_PRE}\s?(?P<n>{NUM})(?P<man>万)?|(?P<n2>{NUM})\s?(?P<man2>万)?{YEN_POST}", re.I)
    for m in pattern.finditer(text):
        value = number(m.group("n") or m.group("n2"))
        if m.group("man") or m.group("man2"):
            value *= 10000
        before, after = text[max(0, m.start() - 30):m.start()], text[m.end():m.end() + 6]
        context = None
        if LIST_PRICE_BEFORE.search(before):
            context = "list_price"
        elif WORTH_BEFORE.search(before) or WORTH_AFTER.search(after):
            context = "worth"
        yield _Hit("price", m.start(), m.end(), value, "JPY", _qualifier(text, m.start(), m.end()), context)


def _quantities(counters: tuple[str, ...]) -> Finder:
    """Numbers with a unit, or with one of the catalogue's counters ("32 speeds", "3段階")."""

    def finder(text: str) -> Iterable[_Hit]:
        for q in quantities(text, counters):
            yield _Hit("spec", q.start, q.end, q.value, q.unit, _qualifier(text, q.start, q.end))

    return finder


@lru_cache(maxsize=8)
def _counters(values: frozenset[str]) -> tuple[str, ...]:
    return counters_of(values)


def vocabulary_counters(vocabulary: dict[str, list[str]]) -> tuple[str, ...]:
    return _counters(frozenset(v for values in vocabulary.values() for v in values))


def _spec_codes(text: str) -> Iterable[_Hit]:
    for m in SPEC_CODE.finditer(text):
        yield _Hit("spec", m.start(), m.end(), None, "code", "exact", code_of(m.group(0)))


def code_of(text: str) -> str:
    return re.sub(r"[\s\-]", "", text.casefold()).replace("type", "")


def _word_pattern(word: str) -> str:
    escaped = re.escape(word)
    if word.isascii():
        lead = r"(?<![\w#])" if word[0].isalnum() or word[0] == "#" else ""
        trail = r"(?![\w])" if word[-1].isalnum() or word[-1] == "." else ""
        return f"{lead}{escaped}{trail}"
    return escaped


def _features(text: str) -> Iterable[_Hit]:
    for group, words in FEATURE_GROUPS.items():
        pattern = re.compile("|".join(_word_pattern(w) for w in sorted(words, key=len, reverse=True)), re.I)
        for m in pattern.finditer(text):
            yield _Hit("feature", m.start(), m.end(), None, group)


_SUPERLATIVE_EN = re.compile(
    "(?:" + "|".join(f"(?:{p})" for p in SUPERLATIVE_PATTERNS_EN) + ")"
    + rf"(?P<scope>[^.!?。\n\d¥]{{0,40}}?\b{SUPERLATIVE_SCOPE}\b)?",
    re.I,
)
_SUPERLATIVE_JA = re.compile("|".join(f"(?:{p})" for p in SUPERLATIVE_PATTERNS_JA), re.I)
_NEXT_WORD = re.compile(r"[ \t]+[A-Za-z][\w'-]*")
_WIDE = re.compile(r"[^\x00-\u2fff]")  # kana, kanji, full-width forms: text the Japanese forms can occur in


def _superlatives(text: str) -> Iterable[_Hit]:
    """Rankings and comparisons, with the word they qualify ("best headphones", "No.1 rice") or the scope they
    claim ("lowest price in Japan"), so a catalogue's "best sellers" does not vouch for "best headphones"."""
    for m in _SUPERLATIVE_EN.finditer(text):
        end = m.end()
        if not m.group("scope") and m.group(0)[-1:].isalnum():
            following = _NEXT_WORD.match(text, end)
            if following:
                end = following.end()
        yield _Hit("superlative", m.start(), end)
    if _WIDE.search(text):
        for m in _SUPERLATIVE_JA.finditer(text):
            yield _Hit("superlative", m.start(), m.end())


def _value_pattern(value: str) -> str:
    """An attribute value as written in copy: "Full frame" also as "full-frame"."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", value.casefold()) if w]
    joined = r"[\s\-]?".join(words) if not value.isascii() else r"[\s\-]".join(words)
    if value.isascii():
        return rf"(?<![\w#]){joined}(?![\w])"
    return joined


_FIGURE_ONLY = re.compile(r"[〜~]?[\d\s.,\-x×〜]+\S{0,4}")  # "12 pieces", "〜12畳": the quantity finder's job


@lru_cache(maxsize=8)
def _attribute_patterns(entries: frozenset[tuple[str, str]]) -> list[tuple[str, str, re.Pattern[str]]]:
    usable = sorted((key, value) for key, value in entries
                    if len(value) >= 3 and value.casefold() not in ATTRIBUTE_STOPWORDS
                    and value not in ATTRIBUTE_STOPWORDS_JA and not _FIGURE_ONLY.fullmatch(value))
    return [(key, value, re.compile(_value_pattern(value))) for key, value in usable]


def _attributes(vocabulary: dict[str, list[str]]) -> Finder:
    """Values the catalogue gives for an attribute anywhere ("Full frame" sensors, フルサイズ): a page naming one
    asserts that attribute of its subject."""
    patterns = _attribute_patterns(frozenset((k, v) for k, values in vocabulary.items() for v in values))

    def finder(text: str) -> Iterable[_Hit]:
        folded = text.casefold()
        for key, value, pattern in patterns:
            for m in pattern.finditer(folded):
                yield _Hit("attribute", m.start(), m.end(), None, key, "exact", value)

    return finder


def _savings(text: str) -> Iterable[_Hit]:
    pattern = re.compile(rf"(?:save|saving|savings of)\s+(?:up to\s+)?(?P<yen>{YEN_PRE})?\s?(?P<n>{NUM})"
                         rf"(?P<unit>\s?%|{YEN_POST})?", re.I)
    for m in pattern.finditer(text):
        if not (m.group("yen") or m.group("unit")):
            continue
        unit = "%" if (m.group("unit") or "").strip() == "%" else "JPY"
        yield _Hit("discount", m.start(), m.end(), number(m.group("n")), unit, _qualifier(text, m.start(), m.end()))


# Delivery promises that yield a day figure, checked against the product's delivery days: a verb of delivery
# (EN) or a delivery noun (JA) with "tomorrow", "same day", "within 48 hours", "2 business days", 翌日, 当日,
# 最短, N日以内, N営業日, N時間以内. A figure in hours is held as days (48 hours = 2 days).
_DELIVERS = (r"(?:arriv(?:es?|ing)|deliver(?:s|ed|y|ies)?|ship(?:s|ped|ping)?|dispatch(?:es|ed)?|sent out|posted|"
             r"reach(?:es)? you|gets? to you|(?:at|to|on) your door(?:step)?|in your hands|with you|get it|"
             r"have it|receive it)")
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "ten": 10, "twenty-four": 24, "forty-eight": 48, "seventy-two": 72}
_COUNT = r"(?P<n>\d+|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + ")"
_JA_DELIVERS = r"(?:お届け|配送|発送|到着|出荷|配達|届)"
_DELIVERY_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b{_DELIVERS}\b[^.!?\d]{{0,30}}?\b(?:with)?in\s+(?:just\s+|only\s+|about\s+|as little as\s+)?"
                rf"{_COUNT}\s+(?:business\s+|working\s+)?(?P<u>days?|hours?)\b", re.I), "days"),
    (re.compile(r"(?<![\w.])(?P<n>\d+)[- ](?:business[- ]|working[- ])?(?P<u>day|hour)\s+"
                r"(?:delivery|shipping|dispatch|arrival)\b", re.I), "days"),
    (re.compile(rf"\b(?:{_DELIVERS}|delivery|shipping)\b[^.!?\d]{{0,20}}?\b(?:by\s+)?tomorrow\b", re.I), "next_day"),
    (re.compile(r"\b(?:next|following)[- ](?:business[- ]|working[- ])?day\s+(?:delivery|shipping|dispatch|arrival)\b|"
                r"\bovernight\s+(?:delivery|shipping)\b", re.I), "next_day"),
    (re.compile(rf"\b{_DELIVERS}\b[^.!?\d]{{0,15}}?\b(?:the\s+)?(?:next|following)\s+(?:business\s+)?day\b", re.I),
     "next_day"),
    (re.compile(r"\bsame[- ]day\s+(?:delivery|shipping|dispatch|despatch)\b", re.I), "same_day"),
    (re.compile(rf"\b{_DELIVERS}\b[^.!?\d]{{0,15}}?\b(?:(?:on\s+)?the\s+same\s+day|today)\b", re.I), "same_day"),
    # Japanese
    (re.compile(rf"(?:最短で?\s?)?(?:翌日|明日|翌営業日)(?!以降)[^。、!！\d]{{0,6}}?{_JA_DELIVERS}|"
                rf"{_JA_DELIVERS}[^。、!！\d]{{0,6}}?(?:最短で?\s?)?(?:翌日|明日|翌営業日)(?!以降)|"
                r"最短\s?翌日|(?:翌日|明日)着"), "next_day"),
    (re.compile(rf"(?:最短で?\s?)?(?:当日|即日|本日|今日)[^。、!！\d]{{0,6}}?{_JA_DELIVERS}|"
                r"最短\s?(?:当日|即日)"), "same_day"),
    (re.compile(rf"(?:最短で?\s?)?(?P<n>\d+)\s?(?:営業)?日(?:以内|程度|ほど|前後|後)?(?:に|で|の)?[^。、!！\d]{{0,5}}?"
                rf"{_JA_DELIVERS}|"
                rf"{_JA_DELIVERS}(?:まで|は|予定|目安)[^。、\d]{{0,6}}?(?:最短で?\s?)?(?P<n2>\d+)\s?(?:営業)?日|"
                rf"最短\s?(?P<n3>\d+)\s?(?:営業)?日"), "days"),
    (re.compile(rf"(?P<n>\d+)\s?(?P<u>時間)(?:以内)?(?:に|で|の)?\s?{_JA_DELIVERS}"), "days"),
]


def _deliveries(text: str) -> Iterable[_Hit]:
    """Every start a form matches at (overlapping ones too): "Free shipping, delivered in 3 days" must offer
    "delivered in 3 days" once "Free shipping" is taken."""
    for pattern, context in _DELIVERY_FORMS:
        pos = 0
        while m := pattern.search(text, pos):
            pos = m.start() + 1
            groups = m.groupdict()
            raw = next((groups[g] for g in ("n", "n2", "n3") if groups.get(g)), None)
            value: float | None = None
            unit = None
            if raw is not None:
                value = float(_COUNT_WORDS.get(raw.casefold(), 0) or number(raw))
                if (groups.get("u") or "").casefold().startswith(("hour", "時間")):
                    value, unit = value / 24, "hours"
            yield _Hit("delivery", m.start(), m.end(), value, unit, _qualifier(text, m.start(), m.end()), context)


# Order is priority: where two findings overlap, the earlier finder wins (then the longer span).
FINDERS: list[Finder] = [
    # Discounts: amounts and percentages off.
    _savings,
    _find(rf"{YEN_PRE}\s?(?P<n>{NUM})\s+(?:off|discount)", "discount", unit="JPY"),
    _find(rf"(?P<n>{NUM}){YEN_POST}\s?(?:off\b|discount|引き|値引き|OFF|オフ|お得)", "discount", unit="JPY"),
    _find(rf"(?P<n>{NUM})\s?%\s?(?:off\b|discount|オフ|OFF|引き|割引)", "discount", unit="%"),
    _find(r"(?P<n>\d)\s?割引", "discount", unit="%", scale=10),
    _find(r"half[- ](?:price|off)|半額", "discount", unit="%", context="half"),
    # Points: multipliers, earn rates, amounts.
    _find(r"(?P<n>\d{1,3})\s?(?:x|×|times)\s?(?:the\s+)?(?:(?:bonus|reward|member)\s+)?(?:points?|pts)\b",
          "multiplier", unit="x"),
    _find(r"points?\s?(?:x|×)\s?(?P<n>\d{1,3})\b", "multiplier", unit="x"),
    _find(r"ポイント\s?(?:が)?\s?(?:最大\s?)?(?P<n>\d{1,3})\s?倍", "multiplier", unit="x"),
    _find(r"(?P<n>\d{1,3})\s?倍\s?(?:の)?\s?ポイント", "multiplier", unit="x"),
    _find(r"(?<![\w.])(?P<n>\d{1,3})\s?(?:x|×)(?![\w])(?!\s?\d)", "multiplier", unit="x"),
    _find(r"(?<![\w.])(?P<n>\d{1,3})\s?倍", "multiplier", unit="x"),
    _find(rf"(?P<n>{NUM})\s?%\s?(?:back|in points|points back|points return|return in points|ポイント還元|還元)",
          "points_rate", unit="%"),
    _find(rf"(?:ポイント還元率|還元率)\s?(?P<n>{NUM})\s?%", "points_rate", unit="%"),
    _find(rf"(?P<n>{NUM})\s?(?:points?|pts?)\s+(?:for|per|on)\s+(?:every\s+)?{YEN_PRE}?\s?100{YEN_POST}?",
          "points_rate", unit="per100"),
    _find(rf"100{YEN_POST}\s?(?:につき|ごとに|毎に)\s?(?P<n>{NUM})\s?(?:ポイント|pt|P)", "points_rate", unit="per100"),
    _find(rf"(?P<n>{NUM})\s?(?:bonus\s+|reward\s+)?(?:points?|pts?)\b", "points", unit="pt"),
    _find(rf"(?P<n>{NUM})\s?(?:ポイント|pt|P)(?![A-Za-z\d])", "points", unit="pt", flags=0),
    # Prices.
    _prices,
    # Ratings and reviews.
    _find(r"(?P<n>[0-5](?:\.\d{1,2})?)\s?(?:/\s?5(?:\.0)?|out of 5|stars?\b|-star\b|つ星)", "rating"),
    _find(r"★\s?(?P<n>[0-5](?:\.\d{1,2})?)|rated\s+(?P<n2>[0-5](?:\.\d{1,2})?)", "rating"),
    _find(r"(?:評価|星|レビュー平均)\s?(?P<n>[0-5](?:\.\d{1,2})?)(?![\d,])", "rating"),
    _find(r"highly[- ]rated|(?<!the )(?<!our )(?<!its )(?<!'s )top[- ]rated|well[- ]reviewed|高評価|高い評価", "rating",
          context="high"),  # "the top-rated" ranks the product against others: a superlative
    _find(rf"(?P<n>{NUM})\s?\+?\s?(?:(?:customer|verified|five-star|5-star|glowing|happy|positive)\s+)?"
          r"(?:reviews?|ratings?|reviewers)", "reviews"),
    _find(rf"(?P<n>{NUM})\s?件(?:以上)?\s?(?:の)?\s?(?:レビュー|口コミ|クチコミ|評価)", "reviews"),
    _find(rf"(?:レビュー|口コミ|クチコミ)\s?(?P<n>{NUM})\s?件", "reviews"),
    # Stock.
    _find(r"only\s+(?P<n>\d+)\s+(?:left|remaining)|(?P<n2>\d+)\s+(?:left|remaining)\s+in\s+stock", "stock",
          context="count"),
    _find(r"残り\s?(?P<n>\d+)\s?(?:点|個|台|枚|着|本)", "stock", context="count"),
    _find(r"\bin[- ]stock\b|在庫あり|即納|ready to ship", "stock", context="in_stock"),
    _find(r"limited stock|low stock|(?:last |only a )?few left|almost (?:gone|sold out)|selling fast|"
          r"残りわずか|在庫(?:残り)?わずか|在庫僅少|while stocks? lasts?|在庫限り", "stock", context="low"),
    _find(r"sold[- ]out|out of stock|売り切れ|完売|在庫切れ", "stock", context="sold_out"),
    # Delivery.
    _find(r"free (?:shipping|delivery)|ships? free|送料無料|送料込み", "delivery", context="free"),
    _deliveries,
    _find(r"fast (?:shipping|delivery)|express (?:shipping|delivery)|quick delivery|スピード配送|迅速", "delivery",
          context="fast"),
    # Time-limited offers.
    _find(r"this weekend(?: only)?|weekend only|today only|this week only|limited[- ]time(?: offer| only)?|"
          r"for a limited time|ends (?:soon|tonight|today|sunday)|last chance|flash sale|期間限定|今だけ|本日限り|"
          r"週末限定|今週末|この週末|週末|終了間近|タイムセール", "campaign"),
    # Comparisons nobody can prove from a catalogue.
    _superlatives,
    # Specifications.
    _spec_codes,
]


def extract_from_text(field: str, text: str, vocabulary: dict[str, list[str]] | None = None) -> list[Claim]:
    """All claims in one piece of text, without overlaps, in reading order."""
    clean = normalise(text)
    vocabulary = vocabulary or {}
    finders = [*FINDERS, _quantities(vocabulary_counters(vocabulary)), _features, _attributes(vocabulary)]
    taken: list[_Hit] = []
    for finder in finders:
        candidates = sorted(finder(clean), key=lambda h: (h.start, -(h.end - h.start)))
        for hit in candidates:
            if any(hit.start < t.end and t.start < hit.end for t in taken):
                continue
            taken.append(hit)
    taken.sort(key=lambda h: h.start)
    return [
        Claim(id="", kind=h.kind, field=field, text=clean[h.start:h.end], start=h.start, end=h.end, value=h.value,
              unit=h.unit, qualifier=h.qualifier, context=h.context)
        for h in taken
    ]


def extract_claims(copy: LandingCopy, vocabulary: dict[str, list[str]] | None = None) -> list[Claim]:
    """Every claim in the copy, numbered c1, c2, ... in reading order (headline first)."""
    claims: list[Claim] = []
    for field, text in copy.fields():
        claims.extend(extract_from_text(field, text, vocabulary))
    return [claim.model_copy(update={"id": f"c{i}"}) for i, claim in enumerate(claims, start=1)]
