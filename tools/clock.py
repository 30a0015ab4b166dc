"""The service's notion of "today": Japan time, injectable so tests and seeds can pin it.

Members live in Japan, so a stay "tomorrow" and the points-month boundary are counted in JST whatever the
server's time zone is. Japan has no daylight saving time, so a fixed +09:00 offset is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

JST = timezone(timedelta(hours=9), "JST")


class Clock:
    """Real time, in JST."""

    def now(self) -> datetime:
        return datetime.now(JST)

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
