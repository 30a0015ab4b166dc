"""Per-member concurrency limits, so one member's burst of requests cannot starve everyone else.

The default is in-process (one server process); the security work swaps in a Redis-backed limiter with the
same two methods for several workers. A slot is held for the whole turn, streaming included.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Protocol


class MemberBusy(Exception):
    """The member already has the maximum number of turns in flight."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(
            f"You already have {limit} requests in progress. Wait for one to finish, then try again."
        )


class RateLimited(Exception):
    """The member sent more requests than the per-member rate limit allows in the window (HTTP 429)."""

    def __init__(self, limit: int, window_s: float, retry_after_s: int) -> None:
        self.limit, self.window_s, self.retry_after_s = limit, window_s, retry_after_s
        super().__init__(
            f"Too many requests: at most {limit} per {window_s:g} seconds per member. "
            f"Try again in {retry_after_s} second{'s' if retry_after_s != 1 else ''}."
        )


class ConcurrencyLimiter(Protocol):
    limit: int

    def try_acquire(self, member_id: str) -> bool:
        """Take a slot for the member; False when all their slots are busy."""

    def release(self, member_id: str) -> None:
        """Give back a slot taken by `try_acquire`."""


class InProcessLimiter:
    """At most `limit` turns in flight per member in this process."""

    def __init__(self, limit: int = 2) -> None:
        self.limit = limit
        self._in_flight: defaultdict[str, int] = defaultdict(int)
        self._lock = threading.Lock()

    def try_acquire(self, member_id: str) -> bool:
        with self._lock:
            if self._in_flight[member_id] >= self.limit:
                return False
            self._in_flight[member_id] += 1
            return True

    def release(self, member_id: str) -> None:
        with self._lock:
            remaining = self._in_flight[member_id] - 1
            if remaining > 0:
                self._in_flight[member_id] = remaining
            else:
                self._in_flight.pop(member_id, None)

    def in_flight(self, member_id: str) -> int:
        with self._lock:
            return self._in_flight.get(member_id, 0)
