"""The calendar helpers the date reader and the stay corrections share (nlu/dates.py) and the frames' slot
tables (frames.py): pure functions, checked on month and year ends."""

from __future__ import annotations

from datetime import date

from assistant.offline.frames import FRAME_TYPES, Rule, slot_rules
from assistant.offline.nlu.dates import day_in_or_after, following_month, iso_date


def test_day_in_or_after_skips_a_month_without_that_day_and_days_gone() -> None:
    assert day_in_or_after(date(2026, 11, 20), 31, date(2026, 11, 20)) == date(2026, 12, 31)
    assert day_in_or_after(date(2026, 12, 20), 19, date(2026, 12, 20)) == date(2027, 1, 19)
    assert day_in_or_after(date(2027, 1, 5), 19, date(2027, 1, 5)) == date(2027, 1, 19)
    # read against a planned stay: its month first, never a day already past
    assert day_in_or_after(date(2027, 3, 10), 2, date(2026, 12, 3)) == date(2027, 3, 2)
    assert day_in_or_after(date(2026, 12, 10), 2, date(2026, 12, 3)) == date(2027, 1, 2)
    assert day_in_or_after(date(2028, 1, 31), 30, date(2028, 1, 31)) == date(2028, 3, 30)


def test_following_month_and_iso_date() -> None:
    assert following_month(2026, 12) == (2027, 1)
    assert following_month(2027, 2) == (2027, 3)
    assert iso_date("2026-12-04T10:00:00") == date(2026, 12, 4)
    assert iso_date("next friday") is None and iso_date(None) is None


def test_slot_rules_replace_and_union() -> None:
    assert slot_rules(replace=("a", "b"), union=("c",)) == {"a": Rule.REPLACE, "b": Rule.REPLACE, "c": Rule.UNION}
    union = {task: sorted(k for k, r in cls.RULES.items() if r is Rule.UNION) for task, cls in FRAME_TYPES.items()}
    assert union == {"products": ["exclude"], "hotels": [], "destinations": ["activities", "exclude"], "mobile": []}
