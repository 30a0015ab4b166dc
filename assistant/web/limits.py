"""Per-member limits on turns: requests in flight (here) and the refusals the rate limit raises.

Why a Redis backend: the in-process count is per process, so with several app processes behind a load
balancer a member could hold `limit` turns in every one of them. With `REDIS_URL` set, every process counts
in one sorted set per member whose entries expire on their own, so a process that crashes mid-turn leaks its
slot for at most `ttl_s` seconds instead of forever. A slot is held for the whole turn, streaming included.
"""

from __future__ import annotations

import threading
import uuid
from collections import defaultdict
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from assistant.ratelimit import RateLimiter

# How long a Redis slot lives without being released: longer than any turn (the model and tool limits end a
# turn well before), short enough that a crashed process gives its slots back within minutes.
SLOT_TTL_S = 300


class MemberBusy(Exception):
    """The member already has the maximum number of turns in flight."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.lang = "en"  # the language of the refused message (TurnService.start sets it)
        super().__init__(
            f"You already have {limit} requests in progress. Wait for one to finish, then try again."
        )

    def text(self, lang: str) -> str:
        """The refusal in the member's language (issue 16)."""
        if lang != "ja":
            return str(self)
        return f"処理中のリクエストが{self.limit}件あります。終わってからもう一度お試しください。"


class RateLimited(Exception):
    """The member sent more requests than the per-member rate limit allows in the window (HTTP 429)."""

    def __init__(self, limit: int, window_s: float, retry_after_s: int) -> None:
        self.limit, self.window_s, self.retry_after_s = limit, window_s, retry_after_s
        self.lang = "en"
        super().__init__(
            f"Too many requests: at most {limit} per {window_s:g} seconds per member. "
            f"Try again in {retry_after_s} second{'s' if retry_after_s != 1 else ''}."
        )

    def text(self, lang: str) -> str:
        """The refusal in the member's language (issue 16)."""
        if lang != "ja":
            return str(self)
        return (f"リクエストが多すぎます（{self.window_s:g}秒あたり{self.limit}回まで）。"
                f"{self.retry_after_s}秒後にもう一度お試しください。")


def count_request(limiter: RateLimiter, member_id: str) -> None:
    """Count one request of the member; RateLimited (429, with when to retry) when over the limit."""
    decision = limiter.hit(member_id)
    if not decision.allowed:
        raise RateLimited(limiter.limit, limiter.window_s, decision.retry_after_s)


class ConcurrencyLimiter(Protocol):
    limit: int

    def try_acquire(self, member_id: str) -> bool:
        """Take a slot for the member; False when all their slots are busy."""

    def release(self, member_id: str) -> None:
        """Give back a slot taken by `try_acquire`."""

    def in_flight(self, member_id: str) -> int:
        """The member's turns in flight now (every process's, for a shared limiter)."""


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


# One round trip, atomic on the server: drop expired slots, then take one if fewer than the limit are held.
# The server's clock decides expiry, so app hosts whose clocks differ still agree.
_ACQUIRE = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], now_ms + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
"""
_COUNT = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms)
return redis.call('ZCARD', KEYS[1])
"""


class RedisInFlightLimiter:
    """At most `limit` turns in flight per member across every process sharing the Redis at `url`.

    Each slot is a random token in the member's sorted set, scored by when it expires; this process keeps the
    tokens it took so `release(member_id)` removes one of its own (never another process's)."""

    def __init__(self, url: str, limit: int = 2, *, ttl_s: float = SLOT_TTL_S,
                 prefix: str = "assistant:inflight:") -> None:
        import redis

        self.limit, self.ttl_ms, self.prefix = limit, max(1, int(ttl_s * 1000)), prefix
        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._acquire = self._redis.register_script(_ACQUIRE)
        self._count = self._redis.register_script(_COUNT)
        self._held: defaultdict[str, list[str]] = defaultdict(list)
        self._lock = threading.Lock()

    def _key(self, member_id: str) -> str:
        return f"{self.prefix}{member_id}"

    def try_acquire(self, member_id: str) -> bool:
        token = uuid.uuid4().hex
        if not self._acquire(keys=[self._key(member_id)], args=[self.limit, self.ttl_ms, token]):
            return False
        with self._lock:
            self._held[member_id].append(token)
        return True

    def release(self, member_id: str) -> None:
        with self._lock:
            held = self._held.get(member_id)
            if not held:
                return
            token = held.pop()
            if not held:
                self._held.pop(member_id, None)
        self._redis.zrem(self._key(member_id), token)

    def in_flight(self, member_id: str) -> int:
        return int(self._count(keys=[self._key(member_id)]))

    def close(self) -> None:
        self._redis.close()


def build_in_flight_limiter(redis_url: str | None, limit: int) -> ConcurrencyLimiter:
    """Shared through Redis when a URL is configured, otherwise counted in this process."""
    if redis_url:
        return RedisInFlightLimiter(redis_url, limit)
    return InProcessLimiter(limit)
