"""Check-in dates from everyday phrases, relative to an injected `today` so that results are reproducible.

Conventions (written down because English is ambiguous): "next Friday" and a bare "Friday" mean the first
Friday strictly after today; "this weekend" is the coming Saturday (today if today is Saturday); "next
weekend" is the Saturday a week after that; "3/12" is month/day (as written in Japan and the US); a day and
month without a year that has already passed this year means next year; "Dec 3-5" and "from Dec 3 to Dec 5"
also give the number of nights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.offline.nlu.lexicon import Lexicon


@dataclass(frozen=True)
class DateMatch:
    check_in: date
    nights: int | None
    start: int
    end: int


def _future(today: date, month: int, day: int, year: int | None = None) -> date | None:
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
        self._the_day = re.compile(
            r"\b(?:on|from|for|until|till|by|starting|arriving|arrive|in|to)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b"
            r"(?!\s+(?:one|hotel|product|item|option|room|place|result|plan|choice|booking|and|or|vs)\b)"
        )
        self._weekday = re.compile(rf"\b(this|next|on|coming|this coming)?\s*({weekday_alt})\b")
        self._in_n = re.compile(r"\bin\s+(\d+|a|one|two|three|four|five|six)\s+(days?|weeks?)\b")
        self._range_tail = re.compile(r"^\s*(?:-|–|to|until|till|through)\s*(?:the\s+)?")
        self._number_words = lexicon.number_words

    def find(self, text: str, today: date) -> DateMatch | None:
        """Return the first date expression (earliest in the text) with its span."""
        found: list[DateMatch] = []
        for m in self._iso.finditer(text):
            try:
                found.append(DateMatch(date(int(m[1]), int(m[2]), int(m[3])), None, m.start(), m.end()))
            except ValueError:
                continue
        for m in self._slash.finditer(text):
            d = _future(today, int(m[1]), int(m[2]))
            if d:
                found.append(DateMatch(d, None, m.start(), m.end()))
        for m in self._month_day.finditer(text):
            month_name = m[1]
            if month_name in {"may", "mar", "jun", "sun"} and not re.match(rf"{month_name}\.?\s+\d", m[0]):
                continue
            d = _future(today, self._months[month_name], int(m[2]))
            if d:
                nights = self._span_nights(d, int(m[3])) if m[3] else None
                found.append(DateMatch(d, nights, m.start(), m.end()))
        for m in self._day_month.finditer(text):
            d = _future(today, self._months[m[3]], int(m[1]))
            if d:
                nights = self._span_nights(d, int(m[2])) if m[2] else None
                found.append(DateMatch(d, nights, m.start(), m.end()))
        for m in self._the_day.finditer(text):
            d = self._day_of_month(today, int(m[1]))
            if d:
                found.append(DateMatch(d, None, m.start(), m.end()))
        for m in self._in_n.finditer(text):
            n = int(m[1]) if m[1].isdigit() else self._number_words.get(m[1], 1)
            days = n * 7 if m[2].startswith("week") else n
            found.append(DateMatch(today + timedelta(days=days), None, m.start(), m.end()))
        found.extend(self._relative(text, today))
        if not found:
            return None
        first = min(found, key=lambda f: (f.start, -(f.end - f.start)))
        return self._with_range(text, first, today)

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
                d = _future(today, month, day)
                if d:
                    out.append(DateMatch(d, None, m.start(), m.end()))
        for m in re.finditer(r"\bnext week\b", text):
            out.append(DateMatch(_next_weekday(today, 0), None, m.start(), m.end()))
        for m in re.finditer(r"\bnext month\b", text):
            first = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
            out.append(DateMatch(first, None, m.start(), m.end()))
        for m in self._weekday.finditer(text):
            name = m[2]
            if len(name) <= 3 and not m[1]:
                continue  # "sat", "sun", "wed" alone are too ambiguous
            start = m.start(2) if not m[1] else m.start()
            out.append(DateMatch(_next_weekday(today, self._weekdays[name]), None, start, m.end()))
        return out

    @staticmethod
    def _day_of_month(today: date, day: int) -> date | None:
        year, month = today.year, today.month
        for _ in range(3):
            try:
                d = date(year, month, day)
            except ValueError:
                d = None
            if d and d > today:
                return d
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
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
