"""Japanese dates as ISO dates (or, without a clock, English phrases that only say a date is there).

Why resolved here: Japanese is not ambiguous the way "next Friday" is (来週の金曜 is the Friday of next
week), so the rule knows the day once it knows `today`; the English date reader takes ISO dates as they are.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from assistant.offline.nlu.dates import next_date
from assistant.offline.nlu.ja.text import NUM, Rule
from assistant.offline.nlu.ja.text import to_int as _int

_WEEKDAYS = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]  # fmt: skip


def _week_day(today: date, weeks: int, weekday: int) -> date:
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(days=7 * weeks + weekday)


def _next_weekday(today: date, weekday: int) -> date:
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


@lru_cache(maxsize=8)
def date_rules(today: date | None) -> list[Rule]:
    def iso(d: date | None, fallback: str = "on a date") -> str | None:
        if d is None:
            return None
        return d.isoformat() if today is not None else fallback

    t = today or date(2026, 1, 5)
    weeks = {"今週": 0, "来週": 1, "再来週": 2}
    month_day = rf"(?:(\d{{4}})年)?({NUM})月({NUM})日"

    def full(m: re.Match[str]) -> str | None:
        month, day = _int(m[2]), _int(m[3])
        if month is None or day is None:
            return None
        return iso(next_date(t, month, day, int(m[1]) if m[1] else None))

    def span(m: re.Match[str]) -> str | None:
        start = full(m)
        month, day, end_day = _int(m[2]), _int(m[3]), _int(m[5] or "")
        if start is None or month is None or day is None or end_day is None:
            return None
        end_month = _int(m[4]) if m[4] else month
        first = next_date(t, month, day, int(m[1]) if m[1] else None)
        if first is None or end_month is None:
            return None
        end = next_date(first, end_month, end_day)
        if end is None or end <= first:
            return None
        return f"from {iso(first)} to {iso(end)}" if today is not None else "from a date to a date"

    def week(m: re.Match[str]) -> str | None:
        return iso(_week_day(t, weeks[m[1]], _WEEKDAYS[m[2]]))

    def weekend(m: re.Match[str]) -> str | None:
        which = m[1] or m[2]
        if which == "来週":
            return iso(_week_day(t, 1, 5), "next weekend")
        if which == "再来週":
            return iso(_week_day(t, 2, 5), "next weekend")
        sat = _week_day(t, 0, 5)
        return iso(sat if sat >= t else _week_day(t, 1, 5), "this weekend")

    def bare_weekday(m: re.Match[str]) -> str | None:
        return iso(_next_weekday(t, _WEEKDAYS[m[1]]))

    def relative(m: re.Match[str]) -> str | None:
        days = {"今日": 0, "本日": 0, "今夜": 0, "今晩": 0, "明日": 1, "あした": 1, "あす": 1, "明後日": 2,
                "あさって": 2}[m[0]]  # fmt: skip
        return iso(t + timedelta(days=days), "tomorrow")

    def later(m: re.Match[str]) -> str | None:
        n = _int(m[1])
        if n is None or n > 365:
            return None
        return iso(t + timedelta(days=n * (7 if m[2] else 1)))

    def next_month_day(m: re.Match[str]) -> str | None:
        day = _int(m[1])
        month = t.month % 12 + 1
        year = t.year + (1 if t.month == 12 else 0)
        return iso(next_date(t, month, day or 0, year)) if day else None

    def day_only(m: re.Match[str]) -> str | None:
        day = _int(m[1])
        if not day or day > 31:
            return None
        return iso(next_date(t, t.month, day) if day >= t.day else next_date(t, t.month % 12 + 1, day))

    def month_only(m: re.Match[str]) -> str | None:
        month = _int(m[1])
        return f"in {_MONTHS[month - 1]}" if month and 1 <= month <= 12 else None

    wd = "([月火水木金土日])曜?日?"
    return [
        (re.compile(rf"{month_day}\s*(?:~|-|から)\s*(?:({NUM})月)?({NUM})日(?:まで)?"), span),
        (re.compile(month_day), full),
        (re.compile(rf"(再来週|来週|今週)の?{wd}"), week),
        (re.compile(r"(再来週|来週|今週)?末|(?:(再来週|来週|今週)の?)?週末"), weekend),
        (re.compile(r"([月火水木金土日])曜日?"), bare_weekday),
        (re.compile(r"明後日|あさって|今日|本日|今夜|今晩|明日|あした|あす"), relative),
        (re.compile(rf"({NUM})(週間)?日?後"), later),
        (re.compile(rf"来月の?({NUM})日"), next_month_day),
        (re.compile(rf"(?<![\d月])({NUM})日(?=から|に|の|で|~|-|チェックイン|\s|$)"), day_only),
        (re.compile(rf"({NUM})月"), month_only),
        (re.compile(r"来月"), lambda m: "next month"),
    ]
