"""Check-in dates from everyday phrases, relative to an injected `today` so that results are reproducible.

Conventions (written down because English is ambiguous): "next Friday" and a bare "Friday" mean the first
Friday strictly after today; "this weekend" is the coming Saturday (today if today is Saturday); "next
weekend" is the Saturday a week after that; "3/12" is month/day (as written in Japan and the US); a day and
month without a year that has already passed this year means next year; "Dec 3-5" and "from Dec 3 to Dec 5"
also give the number of nights. Changes to a stay already planned ("one night less", "out on the 23rd")
are read by stay_changes.py; `DateReader.read` returns both, each phrase read once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from assistant.offline.nlu.lexicon import Lexicon
from assistant.offline.nlu.stay_changes import StayChangeReader


@dataclass(frozen=True)
class DateMatch:
    check_in: date
    nights: int | None
    start: int
    end: int
    # Set when the words name only a day of the month ("the 19th") or only a weekday ("on the Saturday"):
    # as a correction, these are read against the stay already planned (same month, same week).
    day: int | None = None
    weekday: int | None = None


# "the 19th" alone, after a date word ("from the 19th", not "the 2nd one") or a correction ("I meant the 19th"):
# the next 19th to come (`day_in_or_after`); as a correction, the stay already planned reads it (stay.py).
_DAY_OF_MONTH = (
    re.compile(
        r"\b(?:on|from|for|until|till|by|starting|arriving|arrive|in|to)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b"
        r"(?!\s+(?:one|hotel|product|item|option|room|place|result|plan|choice|booking|and|or|vs)\b)"
    ),
    re.compile(
        r"\b(?:meant|mean|make\s+it|change\s+(?:it\s+)?to|move\s+(?:it\s+)?to|how\s+about|what\s+about|"
        r"instead|rather|check(?:ing)?[- ]?in(?:\s+on)?|arriv(?:e|ing)(?:\s+on)?)"
        r"\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b"
    ),
)


def next_date(today: date, month: int, day: int, year: int | None = None) -> date | None:
    """The date of `day`/`month` (of `year`, else this year or, once past, the next); None when there is no such day."""
    try:
        candidate = date(year or today.year, month, day)
    except ValueError:
        return None
    if year is None and candidate < today:
        try:
            candidate = date(today.year + 1, month, day)
        except ValueError:
            return None
    return candidate


def iso_date(value: Any) -> date | None:
    """The date an ISO text starts with ("2026-12-04", "2026-12-04T10:00"); None for anything else."""
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def following_month(year: int, month: int) -> tuple[int, int]:
    """The (year, month) after `month` of `year`."""
    return (year + 1, 1) if month == 12 else (year, month + 1)


def day_in_or_after(month_of: date, day: int, after: date) -> date | None:
    """Day `day` of the month of `month_of`, or of one of the two months after it: the first such date that
    exists and comes after `after` ("the 19th" read against today, or against a planned stay)."""
    year, month = month_of.year, month_of.month
    for _ in range(3):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate > after:
            return candidate
        year, month = following_month(year, month)
    return None


def _next_weekday(today: date, weekday: int, *, include_today: bool = False) -> date:
    delta = (weekday - today.weekday()) % 7
    if delta == 0 and not include_today:
        delta = 7
    return today + timedelta(days=delta)


class DateReader:
    """Finds the first check-in date expression in a lower-cased utterance."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._months = lexicon.month_names  # name -> month
        self._weekdays = lexicon.weekday_names  # name -> 0..6
        month_alt = "|".join(sorted((re.escape(m) for m in self._months if len(m) >= 3), key=len, reverse=True))
        weekday_alt = "|".join(sorted((re.escape(w) for w in self._weekdays), key=len, reverse=True))
        day = r"(\d{1,2})(?:st|nd|rd|th)?"
        self._iso = re.compile(r"\b(20\d\d)[-/.](\d{1,2})[-/.](\d{1,2})\b")
        self._slash = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")
        # "dec 3", "december 3rd", "dec 3-5", "dec 3 to 5"
        self._month_day = re.compile(
            rf"\b({month_alt})\.?\s+{day}(?:\s*(?:-|–|to|until|till)\s*{day}\b)?(?!\s*(?:gb|nights?|%))\b"
        )
        # "3 dec", "3rd of december", "3-5 dec"
        self._day_month = re.compile(rf"\b{day}(?:\s*(?:-|–|to|until|till)\s*{day})?\s+(?:of\s+)?({month_alt})\b")
        self._month_after = re.compile(rf"\s+(?:of\s+)?(?:next\s+month\b|(?:{month_alt})\b)")
        self._next_month_day = re.compile(
            r"\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?next\s+month\b"
            r"|\bnext\s+month\s+(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)?\b"
        )
        self._weekday = re.compile(rf"\b(this|next|on|coming|this coming)?\s*({weekday_alt})\b")
        self._in_n = re.compile(r"\bin\s+(\d+|a|one|two|three|four|five|six)\s+(days?|weeks?)\b")
        self._range_tail = re.compile(
            r"^\s*(?:-|–|to|until|till|through|,?\s*(?:and\s+)?(?:check(?:ing)?[- ]?out|out|leaving|departing)"
            r"(?:\s+on)?)\s*(?:the\s+)?"
        )
        self._number_words = lexicon.number_words
        self._changes = StayChangeReader(lexicon)

    def find(self, text: str, today: date) -> DateMatch | None:
        """Return the first date expression (earliest in the text) with its span."""
        found: list[DateMatch] = []
        for m in self._iso.finditer(text):
            try:
                found.append(DateMatch(date(int(m[1]), int(m[2]), int(m[3])), None, m.start(), m.end()))
            except ValueError:
                continue
        for m in self._slash.finditer(text):
            d = next_date(today, int(m[1]), int(m[2]))
            if d:
                found.append(DateMatch(d, None, m.start(), m.end()))
        for m in self._month_day.finditer(text):
            month_name = m[1]
            if month_name in {"may", "mar", "jun", "sun"} and not re.match(rf"{month_name}\.?\s+\d", m[0]):
                continue
            d = next_date(today, self._months[month_name], int(m[2]))
            if d:
                nights = self._span_nights(d, int(m[3])) if m[3] else None
                found.append(DateMatch(d, nights, m.start(), m.end()))
        for m in self._day_month.finditer(text):
            d = next_date(today, self._months[m[3]], int(m[1]))
            if d:
                nights = self._span_nights(d, int(m[2])) if m[2] else None
                found.append(DateMatch(d, nights, m.start(), m.end()))
        for m in self._next_month_day.finditer(text):
            d = self._next_month(today, int(m[1] or m[2]))
            if d:
                found.append(DateMatch(d, None, m.start(), m.end()))
        for pattern in _DAY_OF_MONTH:
            for m in pattern.finditer(text):
                if self._month_after.match(text, m.end()):
                    continue  # "from the 5th of february", "from the 12th of next month": the month is said
                d = day_in_or_after(today, int(m[1]), today)
                if d:
                    found.append(DateMatch(d, None, m.start(), m.end(), day=int(m[1])))
        for m in self._in_n.finditer(text):
            n = int(m[1]) if m[1].isdigit() else self._number_words.get(m[1], 1)
            days = n * 7 if m[2].startswith("week") else n
            found.append(DateMatch(today + timedelta(days=days), None, m.start(), m.end()))
        found.extend(self._relative(text, today))
        if not found:
            return None
        first = min(found, key=lambda f: (f.start, -(f.end - f.start)))
        return self._with_range(text, first, today)

    def read(self, text: str, today: date) -> tuple[dict[str, int | str], list[tuple[int, int]]]:
        """Every stay-date slot of an utterance and the spans they used: `check_in` (+ `nights`), the
        day-only / weekday-only reading of it (`check_in_day`, `check_in_weekday`), and the changes."""
        slots: dict[str, int | str] = {}
        spans: list[tuple[int, int]] = []
        found = self.find(text, today)
        changes = self._changes.read(text)
        if found is not None:
            lone = found.nights is None
            covered = any(
                c.start <= found.start and found.end <= c.end for c in changes if c.key.startswith("check_out")
            )
            if not (lone and covered):
                slots["check_in"] = found.check_in.isoformat()
                if found.nights:
                    slots["nights"] = found.nights
                if found.day is not None:
                    slots["check_in_day"] = found.day
                if found.weekday is not None:
                    slots["check_in_weekday"] = found.weekday
                spans.append((found.start, found.end))
        for change in changes:
            if all(change.end <= s or change.start >= e for s, e in spans):
                slots[change.key] = change.value
                spans.append((change.start, change.end))
        return slots, spans

    def _relative(self, text: str, today: date) -> list[DateMatch]:
        out: list[DateMatch] = []
        simple = [
            (r"\bday after tomorrow\b", 2),
            (r"\b(tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow)\b", 1),
            (r"\b(today|tonight)\b", 0),
        ]
        for pattern, days in simple:
            for m in re.finditer(pattern, text):
                out.append(DateMatch(today + timedelta(days=days), None, m.start(), m.end()))
        for m in re.finditer(r"\b(this|next|the|coming|this coming)?\s*weekend\b", text):
            saturday = _next_weekday(today, 5, include_today=True)
            if today.weekday() == 6:  # Sunday: "this weekend" is over, use the next one
                saturday = today + timedelta(days=6)
            if m[1] == "next":
                saturday += timedelta(days=7)
            out.append(DateMatch(saturday, None, m.start(), m.end()))
        for m in re.finditer(r"\b(?:the\s+)?weekend after next\b", text):
            out.append(
                DateMatch(_next_weekday(today, 5, include_today=True) + timedelta(days=14), None, m.start(), m.end())
            )
        for pattern, month, day in (
            (r"\bchristmas eve\b", 12, 24),
            (r"\b(christmas|xmas)( day)?\b", 12, 25),
            (r"\bnew year'?s eve\b", 12, 31),
            (r"\bnew year'?s day\b", 1, 1),
        ):
            for m in re.finditer(pattern, text):
                d = next_date(today, month, day)
                if d:
                    out.append(DateMatch(d, None, m.start(), m.end()))
        for m in re.finditer(r"\bnext week\b", text):
            out.append(DateMatch(_next_weekday(today, 0), None, m.start(), m.end()))
        for m in re.finditer(r"\bnext month\b", text):
            first = date(*following_month(today.year, today.month), 1)
            out.append(DateMatch(first, None, m.start(), m.end()))
        for m in self._weekday.finditer(text):
            name = m[2]
            if len(name) <= 3 and not m[1]:
                continue  # "sat", "sun", "wed" alone are too ambiguous
            start = m.start(2) if not m[1] else m.start()
            bare = m[1] in {None, "on"} or text[max(0, m.start(2) - 4) : m.start(2)] == "the "
            weekday = self._weekdays[name] if bare and m[1] != "next" else None
            out.append(DateMatch(_next_weekday(today, self._weekdays[name]), None, start, m.end(), weekday=weekday))
        return out

    @staticmethod
    def _next_month(today: date, day: int) -> date | None:
        year, month = following_month(today.year, today.month)
        try:
            return date(year, month, day)
        except ValueError:
            return None

    @staticmethod
    def _span_nights(check_in: date, end_day: int) -> int | None:
        if end_day > check_in.day:
            return end_day - check_in.day
        return None

    def _with_range(self, text: str, first: DateMatch, today: date) -> DateMatch:
        """`from <date> to <date>` gives nights; the second date must follow the first."""
        if first.nights is not None:
            return first
        tail = self._range_tail.match(text[first.end :])
        if not tail:
            return first
        rest_start = first.end + tail.end()
        second = self.find(text[rest_start:], first.check_in)
        if second is None or second.start != 0:
            # "3/12 to the 15th" style: a bare day number
            m = re.match(
                r"(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:nights?|adults?|people|gb|k\b|yen|,?\d))", text[rest_start:]
            )
            if m and int(m[1]) > first.check_in.day:
                return DateMatch(first.check_in, int(m[1]) - first.check_in.day, first.start, rest_start + m.end())
            return first
        nights = (second.check_in - first.check_in).days
        if 0 < nights <= 30:
            return DateMatch(first.check_in, nights, first.start, rest_start + second.end)
        return first
