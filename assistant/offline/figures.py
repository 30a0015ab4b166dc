"""Typed figures: what kind of quantity a number is, in an answer and in a tool result.

Grounding compares figures of the same kind only, so that the digits of a date, an id or a star count can
never vouch for a price. An answer's figures are typed by their unit ("¥2,026" is a price, "12 points" a
points figure, "4.9 stars" a rating, "50%" a percentage, "10x" a multiplier, "2 nights" a count, "Fri 4 Dec"
a date); a tool result's numbers are
typed by the key of the field that holds them (`total_jpy`, `points_earned`, `rating`, `fee_pct`, ...).
A number whose key says nothing (an id, a code, a field called `level`) is evidence for no kind at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    JPY = "price"
    POINTS = "points"
    RATING = "rating"
    PERCENT = "percentage"
    MULTIPLIER = "multiplier"
    DATE = "date"
    COUNT = "count"


@dataclass(frozen=True)
class Figure:
    kind: Kind
    value: float
    text: str  # as written, for the report
    decimals: int = 0  # how precisely it was written (a rating "4.9" matches a field 4.87)
    bound: bool = False  # a limit ("under ¥15,000", "2万円以内"), which a budget the member stated may ground


_N = r"\d[\d,]*(?:\.\d+)?"
# Unit-marked figures, after NFKC (so "￥", "％" and full-width digits read as their ASCII forms).
_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (Kind.JPY, re.compile(rf"(?:¥|\bJPY)\s?(?P<n>{_N})(?P<man>\s?万)?", re.IGNORECASE)),
    (Kind.JPY, re.compile(rf"(?<![\d.,])(?P<n>{_N})(?P<man>\s?万)?\s?(?:JPY\b|yen\b|円)", re.IGNORECASE)),
    (Kind.POINTS, re.compile(rf"(?<![\d.,¥])(?P<n>{_N})[\s-]?(?:points?\b|pts?\b|ポイント)", re.IGNORECASE)),
    (Kind.RATING, re.compile(rf"(?<![\d.,])(?P<n>{_N})[\s-]?(?:stars?\b|★|☆)", re.IGNORECASE)),
    (Kind.RATING, re.compile(rf"(?:\brated|\brating(?: of)?|★|評価|星)\s?(?P<n>{_N})", re.IGNORECASE)),
    (Kind.RATING, re.compile(rf"(?<![\d.,])(?P<n>{_N})\s?/\s?5(?![\d.])")),
    (Kind.PERCENT, re.compile(rf"(?<![\d.,])(?P<n>{_N})\s?(?:%|percent\b|パーセント)", re.IGNORECASE)),
    (Kind.MULTIPLIER, re.compile(rf"(?<![\d.,])(?P<n>{_N})\s?(?:x\b|×|倍)", re.IGNORECASE)),
    (Kind.MULTIPLIER, re.compile(rf"(?:×|\bx)(?P<n>{_N})\b", re.IGNORECASE)),
    (
        Kind.COUNT,
        re.compile(
            r"(?<![\d.,])(?P<n>\d[\d,]*)\s?(?:nights?|adults?|guests?|children|child|people|"
            r"reviews?|ratings|left|rooms?)\b|(?P<ja>\d+)\s?(?:泊|名|人|件)",
            re.IGNORECASE,
        ),
    ),
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
# A calendar day, as (month, day) encoded month*100+day: the year is left to the reader in every answer.
_DATES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b\d{4}-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(rf"(?<![\d.,:])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s{_MONTH}", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:]|,\d)", re.IGNORECASE),
    re.compile(r"(?:\d{4}年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
)
# A limit rather than a fact about a product: the words just before or just after the figure. A range's
# ends are limits too ("8,000円〜12,000円", "5,000円から"), and so is a budget (予算 as "budget").
_LIMIT_BEFORE = re.compile(
    r"(?:under|below|up to|within|less than|no more than|at most|max(?:imum)?|budget(?: of| is)?|cheaper than|"
    r"over|above|at least|more than|min(?:imum)?|between|between \S+ and|予算(?:は|が)?|[〜~])\W{0,3}$",
    re.IGNORECASE,
)
_LIMIT_AFTER = re.compile(r"^\s?(?:以下|以内|まで|未満|以上|超|[〜~]|から)")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _number(raw: str) -> float:
    return float(raw.replace(",", ""))


def figures_in(text: str) -> list[Figure]:
    """Every unit-marked figure in `text`, each once (the first pattern to claim a span wins)."""
    text = normalise(text)
    claimed: list[tuple[int, int]] = []
    found: list[Figure] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in claimed):
                continue
            raw = match.group("n") or match.groupdict().get("ja") or ""
            try:
                value = _number(raw)
            except ValueError:
                continue
            if match.groupdict().get("man"):
                value *= 10_000
            decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
            bound = bool(_LIMIT_BEFORE.search(text[max(0, start - 24) : start]) or _LIMIT_AFTER.match(text[end:]))
            claimed.append((start, end))
            found.append(Figure(kind, value, match.group().strip(), decimals, bound))
    for pattern in _DATES:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in claimed):
                continue
            day = date_value(match)
            if day is not None:
                claimed.append((start, end))
                found.append(Figure(Kind.DATE, day, match.group().strip()))
    return found


def date_value(match: re.Match[str]) -> float | None:
    parts = match.groupdict()
    month = _MONTHS.index(parts["mon"][:3].lower()) + 1 if parts.get("mon") else int(parts["m"])
    day = int(parts["d"])
    return float(month * 100 + day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def iso_date_value(text: str) -> float | None:
    """2026-12-05 -> 1205 (the encoding of `figures_in`'s dates)."""
    match = _DATES[0].match(text.strip())
    return date_value(match) if match else None


# --- fields of a tool result --------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_NUMERIC = re.compile(r"^-?\d+(?:\.\d+)?$")
_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")

# Key words, strongest first: a key that names its unit outright ("cash_to_pay_jpy", "points_multiplier")
# decides; generic money words ("total", "fee") yield to a points context ("points_earned": {"total": ...}).
_STRONG: tuple[tuple[Kind, frozenset[str]], ...] = (
    (Kind.JPY, frozenset({"jpy", "yen"})),
    (Kind.MULTIPLIER, frozenset({"multiplier", "multipliers", "x", "times"})),
    (Kind.PERCENT, frozenset({"percent", "pct", "percentage", "discount"})),
    (Kind.COUNT, frozenset({"count", "counts", "num", "quantity", "qty", "nights", "adults", "children", "guests",
                            "rooms", "left", "stock", "reviews", "gb", "minutes", "days", "months",
                            "matches", "entries", "results", "items", "hits"})),
    (Kind.RATING, frozenset({"rating", "ratings", "stars", "star"})),
    (Kind.POINTS, frozenset({"points", "point", "pts", "pt", "balance"})),
)  # fmt: skip
_MONEY_WORDS = frozenset({"price", "prices", "total", "rate", "rates", "fee", "fees", "cost", "amount", "subtotal",
                          "bill", "cash", "charge", "refund"})  # fmt: skip


def _tokens(key: str) -> set[str]:
    return {t for t in _SPLIT.split(_CAMEL.sub("_", key).lower()) if t}


def key_kind(path: tuple[str, ...]) -> Kind | None:
    """The kind of a number by the keys leading to it (innermost first), or None when they do not say."""
    if not path:
        return None
    own = _tokens(path[-1])
    for kind, words in _STRONG:
        if own & words:
            return kind
    for key in reversed(path[:-1]):  # a generic key inherits a points or money context
        outer = _tokens(key)
        if outer & _STRONG[-1][1]:
            return Kind.POINTS
        if outer & _STRONG[0][1]:
            return Kind.JPY
    if own & _MONEY_WORDS:
        return Kind.JPY
    return None


def is_date(value: str) -> bool:
    return bool(_ISO_DATE.match(value.strip()))


def is_numeric(value: str) -> bool:
    return bool(_NUMERIC.match(value.strip()))
