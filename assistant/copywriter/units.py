"""Numbers with units, in copy and in the catalogue: what unit a figure is in, and when two figures agree.

A spec figure is only ever compared in its own dimension (length, mass, volume, time, data, charge,
energy, power): "14 inch" and "35.6 cm" are the same screen, "20,000 Wh" is not "20,000 mAh" (a unit slip,
the same number in another unit). Besides the measurement units, the catalogue's own counters ("32 speeds",
"450 pieces", "3段階", "〜12畳") are learnt from the attribute values of the whole catalogue, so a page's
"64 speed settings" is checked against the product's speed count without a list written for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

# spelling -> canonical unit (casefolded spellings, plus the JA ones as written)
UNITS: dict[str, str] = {
    "mah": "mAh", "ah": "Ah", "wh": "Wh", "kwh": "kWh", "w": "W", "kw": "kW", "v": "V", "gb": "GB", "tb": "TB",
    "mb": "MB", "mm": "mm", "cm": "cm", "km": "km", "m": "m", "kg": "kg", "g": "g", "mg": "mg", "l": "L",
    "ml": "ml", "inch": "in", "inches": "in", '"': "in", "インチ": "in", "型": "in", "hz": "Hz", "khz": "kHz",
    "db": "dB", "hour": "h", "hours": "h", "hr": "h", "hrs": "h", "h": "h", "時間": "h", "minute": "min",
    "minutes": "min", "min": "min", "mins": "min", "分": "min", "℃": "°C", "°c": "°C", "fps": "fps", "mp": "MP",
    "megapixel": "MP", "megapixels": "MP", "cc": "cc", "piece": "pcs", "pieces": "pcs", "pcs": "pcs",
    "個入り": "pcs", "枚入り": "pcs", "個": "pcs", "ピース": "pcs", "人分": "servings", "%": "%", "day": "days",
    "days": "days", "日間": "days", "week": "weeks", "weeks": "weeks", "週間": "weeks", "年": "years",
    "year": "years", "years": "years", "歳": "years", "ミリ": "mm", "センチ": "cm", "キロ": "kg",
    "グラム": "g", "リットル": "L", "ミリリットル": "ml",
}
# JA counters the catalogue writes for its English counters (ja.py renders them the same way).
JA_COUNTERS: dict[str, str] = {"段階": "speed", "合": "cup", "畳": "tatami", "巻": "volume", "人": "player"}

# canonical unit -> (dimension, factor to the dimension's base unit)
DIMENSIONS: dict[str, tuple[str, float]] = {
    "mm": ("length", 1.0), "cm": ("length", 10.0), "m": ("length", 1000.0), "km": ("length", 1e6),
    "in": ("length", 25.4), "mg": ("mass", 0.001), "g": ("mass", 1.0), "kg": ("mass", 1000.0),
    "ml": ("volume", 1.0), "L": ("volume", 1000.0), "min": ("time", 1.0), "h": ("time", 60.0),
    "days": ("time", 1440.0), "weeks": ("time", 10080.0), "MB": ("data", 1.0), "GB": ("data", 1000.0),
    "TB": ("data", 1e6), "mAh": ("charge", 1.0), "Ah": ("charge", 1000.0), "Wh": ("energy", 1.0),
    "kWh": ("energy", 1000.0), "W": ("power", 1.0), "kW": ("power", 1000.0), "Hz": ("frequency", 1.0),
    "kHz": ("frequency", 1000.0),
}
_MEASURE_RE = (
    r"mAh|Ah|kWh|Wh|kW|kHz|Hz|dB|GB|TB|MB|mm|cm|km|kg|mg|ml|mL|inch(?:es)?|hours?|hrs?|minutes?|mins?|"
    r"megapixels?|fps|MP|pieces?|pcs|cc|days?|weeks?|years?|時間|分|インチ|型|℃|°C|個入り|枚入り|個|ピース|人分|"
    r"日間|週間|年|歳|ミリリットル|ミリ|センチ|キロ|グラム|リットル|W|V|m|g|L|h|\""
)
# A figure starts after a non-digit (a kana or kanji may touch it: "容量20,000mAh"), never inside a code or a time.
_LEAD = r"(?<![A-Za-z0-9.,:/])"
QUANTITY = re.compile(rf"{_LEAD}(?P<n>{NUM})\s?-?\s?(?P<u>{_MEASURE_RE})(?![A-Za-z])")
# "6 hours (24 with case)": the bracketed figure is in the unit before it.
_BRACKETED = re.compile(rf"\(\s*(?P<n>{NUM})\s+with\b", re.I)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "twelve": 12}
_WORD_QUANTITY = re.compile(rf"\b(?P<w>{'|'.join(_NUMBER_WORDS)})[- ](?P<u>year|month|day|week|hour)s?\b", re.I)
# Kanji that follow a number in dates, prices and counts copy writes anyway ("12月5日", "3泊"): never a spec.
_DATE_AND_COUNT_KANJI = set("日時週月年分秒円件点倍泊位名号")
_FUNCTION_WORDS = {"with", "to", "and", "or", "for", "of", "in", "per", "up", "from", "the", "a", "an", "x"}


def number(text: str) -> float:
    return float(text.replace(",", ""))


def canonical(unit: str) -> str:
    return UNITS.get(unit.casefold(), UNITS.get(unit, JA_COUNTERS.get(unit, unit)))


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # canonical
    text: str
    start: int
    end: int


@lru_cache(maxsize=8)
def _counter_pattern(counters: tuple[str, ...]) -> re.Pattern[str] | None:
    """Counters learnt from the catalogue, each with its plural and at most one word between ("1,000
    magnetic pieces", "64 speed settings")."""
    if not counters:
        return None
    en = [c for c in counters if c.isascii()]
    ja = [c for c in counters if not c.isascii()]
    parts = []
    if en:
        words = "|".join(re.escape(c) for c in sorted(en, key=len, reverse=True))
        parts.append(rf"{_LEAD}(?P<n>{NUM})[\s-](?:[A-Za-z]+\s)?(?P<u>{words})(?:e?s)?\b")
    if ja:
        words = "|".join(re.escape(c) for c in sorted(ja, key=len, reverse=True))
        parts.append(rf"{_LEAD}(?P<n2>{NUM})\s?(?P<u2>{words})")
    return re.compile("|".join(parts), re.I)


def counters_of(values: Iterable[str]) -> tuple[str, ...]:
    """Counter words the catalogue writes after a number, beside the measurement units: "32 speeds" ->
    speed, "up to 12 tatami" -> tatami, "3段階" -> 段階 (singular, lower case)."""
    found: set[str] = {"piece"}  # a measurement unit, but a counted one: "1,000 magnetic pieces"
    pattern = rf"(?:^|[^\d.,/])(?:{NUM})\s?-?\s?([A-Za-z]{{3,}}|[\u30a0-\u30ff]{{2,}}|[\u4e00-\u9fff])"
    for value in values:
        for m in re.finditer(pattern, value):
            word = m.group(1)
            if word.isascii():
                word = word.casefold()
                word = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
                if word in _FUNCTION_WORDS or word in UNITS or word + "s" in UNITS:
                    continue
            else:
                word = re.sub(r"(?:以上|以下|以内|産|間)$", "", word)
                if not word or word in UNITS or word in _DATE_AND_COUNT_KANJI:
                    continue
            found.add(word)
    found |= set(JA_COUNTERS)
    return tuple(sorted(found))


def quantities(text: str, counters: tuple[str, ...] = ()) -> list[Quantity]:
    """Every number-with-unit in the text, measurement units first, then the catalogue's counters."""
    found: list[Quantity] = []
    for m in QUANTITY.finditer(text):
        found.append(Quantity(number(m.group("n")), canonical(m.group("u")), m.group(0), m.start(), m.end()))
        bracket = _BRACKETED.match(text, m.end() + (1 if text[m.end():m.end() + 1] == " " else 0))
        if bracket:
            found.append(Quantity(number(bracket.group("n")), found[-1].unit, bracket.group(0), bracket.start(),
                                  bracket.end()))
    pattern = _counter_pattern(counters)
    if pattern is not None:
        for m in pattern.finditer(text):
            if any(m.start() < q.end and q.start < m.end() for q in found):
                continue
            raw, unit = (m.group("n"), m.group("u")) if m.groupdict().get("n") else (m.group("n2"), m.group("u2"))
            found.append(Quantity(number(raw), canonical(unit.casefold() if unit.isascii() else unit),
                                  m.group(0), m.start(), m.end()))
    return found


def fact_quantities(text: str, counters: tuple[str, ...] = ()) -> list[Quantity]:
    """Quantities in the catalogue's own text, also those it spells out ("a one-year warranty")."""
    found = quantities(text, counters)
    for m in _WORD_QUANTITY.finditer(text):
        found.append(Quantity(float(_NUMBER_WORDS[m.group("w").casefold()]), canonical(m.group("u") + "s"),
                              m.group(0), m.start(), m.end()))
    return found


def same_amount(a: float, unit_a: str, b: float, unit_b: str) -> bool:
    """Equal figures: the same number in the same unit, or a converted value within rounding (3%)."""
    if unit_a == unit_b:
        return abs(a - b) < 1e-9
    dim_a, dim_b = DIMENSIONS.get(unit_a), DIMENSIONS.get(unit_b)
    if dim_a is None or dim_b is None or dim_a[0] != dim_b[0]:
        return False
    base_a, base_b = a * dim_a[1], b * dim_b[1]
    return abs(base_a - base_b) <= 0.03 * max(abs(base_a), abs(base_b))


def same_dimension(unit_a: str, unit_b: str) -> bool:
    if unit_a == unit_b:
        return True
    dim_a, dim_b = DIMENSIONS.get(unit_a), DIMENSIONS.get(unit_b)
    return dim_a is not None and dim_b is not None and dim_a[0] == dim_b[0]
