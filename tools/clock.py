"""The service's notion of "today": Japan time, injectable so tests and seeds can pin it.

Members live in Japan, so a stay "tomorrow" and the points-month boundary are counted in JST whatever the
server's time zone is. Japan has no daylight saving time, so a fixed +09:00 offset is exact.

`ASSISTANT_TODAY=YYYY-MM-DD` moves the whole service to another calendar day (the time of day still runs):
the services, the seed loader (seed dates are relative to this day), the offline engine and the eval
runner's run day all count from it. It exists so CI can prove that nothing depends on the real date
(`ASSISTANT_TODAY=2028-02-29 bash .ci/run`) and so a demo or a bug report can be replayed on a fixed day.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

JST = timezone(timedelta(hours=9), "JST")
TODAY_VARIABLE = "ASSISTANT_TODAY"


def pinned_day(environ: Mapping[str, str] | None = None) -> date | None:
    """The day `ASSISTANT_TODAY` names, or None when it is unset; a malformed value is a clear error."""
    raw = (os.environ if environ is None else environ).get(TODAY_VARIABLE, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise ValueError(f"{TODAY_VARIABLE}={raw!r} is not a date: write it as YYYY-MM-DD") from exc


class Clock:
    """Real time in JST, on the day `day` names when given (by default the day `ASSISTANT_TODAY` names)."""

    def __init__(self, day: date | None = None) -> None:
        self.day = day if day is not None else pinned_day()

    def now(self) -> datetime:
        real = datetime.now(JST)
        if self.day is None:
            return real
        return datetime.combine(self.day, real.timetz())

    def today(self) -> date:
        return self.now().date()


@dataclass
class FixedClock(Clock):
    """A clock pinned to one day (noon JST); `advance` moves it, for tests of expiry and cancellation."""

    day: date

    def now(self) -> datetime:
        return datetime(self.day.year, self.day.month, self.day.day, 12, 0, tzinfo=JST)

    def today(self) -> date:
        return self.day

    def advance(self, days: int) -> None:
        self.day = self.day + timedelta(days=days)
