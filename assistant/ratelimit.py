"""Per-member request limits: in-process by default, shared through Redis when `REDIS_URL` is set.

Why two backends: one process can count in memory, but a horizontally scaled deployment (several app
processes behind a load balancer) must count in one place, or every process grants the full quota and the
limit multiplies by the number of processes. Both are the `limits` library's moving window (a log of hit
times per key: at most `limit` requests in any `window_s` seconds), over its memory or Redis storage, so a
limit means the same thing on a laptop and in production. The Redis acquire is one Lua script on the
server, so concurrent processes can never both take the last slot; the timestamps are the app hosts'
clocks, which a multi-host deployment keeps in step (NTP) as it does for token expiry.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Protocol

import redis
from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import MovingWindowRateLimiter

# Every limit of this service counts per member; the namespace keeps its keys apart from other users of
# the same Redis (the Redis key is `<prefix>:member/<member id>/<limit>/<window>/second`).
_NAMESPACE = "member"


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    remaining: int
    retry_after_s: int  # whole seconds until the next request would be allowed (0 when allowed)


class RateLimiter(Protocol):
    limit: int
    window_s: float

    def hit(self, key: str) -> RateDecision:
        """Count one request for `key` and say whether it may proceed."""
        ...


class _MovingWindowLimiter:
    """`limit` requests per `window_s` seconds per key, counted by `limits` in the given storage."""

    def __init__(self, storage: MemoryStorage | RedisStorage, limit: int, window_s: float,
                 namespace: str = _NAMESPACE) -> None:
        self.limit, self.window_s = limit, window_s
        # `limits` counts windows in whole seconds; a fractional setting rounds up (never a looser limit).
        self._item: RateLimitItem = RateLimitItemPerSecond(limit, max(1, math.ceil(window_s)), namespace=namespace)
        self._storage = storage
        self._strategy = MovingWindowRateLimiter(storage)

    def hit(self, key: str) -> RateDecision:
        if self._strategy.hit(self._item, key):
            # Read after the hit: the remaining count is advisory (another request may land in between).
            remaining = self._strategy.get_window_stats(self._item, key).remaining
            return RateDecision(True, max(0, remaining), 0)
        reset_at = self._strategy.get_window_stats(self._item, key).reset_time
        return RateDecision(False, 0, max(1, math.ceil(reset_at - time.time())))


    def blocked_for(self, key: str) -> int:
        """Seconds until `key` may be counted again without being refused (0: it may now); counts nothing."""
        if self._strategy.test(self._item, key):
            return 0
        reset_at = self._strategy.get_window_stats(self._item, key).reset_time
        return max(1, math.ceil(reset_at - time.time()))


class InProcessRateLimiter(_MovingWindowLimiter):
    """Counts in this process's memory (thread-safe: `limits` locks per key)."""

    def __init__(self, limit: int, window_s: float, namespace: str = _NAMESPACE) -> None:
        super().__init__(MemoryStorage(), limit, window_s, namespace)


class RedisRateLimiter(_MovingWindowLimiter):
    """Counts in Redis, shared by every app process that points at it."""

    def __init__(self, url: str, limit: int, window_s: float, prefix: str = "assistant:rl:",
                 namespace: str = _NAMESPACE) -> None:
        # One client we own (and close), handed to `limits` through its connection pool.
        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        storage = RedisStorage(url, connection_pool=self._redis.connection_pool, key_prefix=prefix.rstrip(":"))
        super().__init__(storage, limit, window_s, namespace)

    def close(self) -> None:
        self._redis.close()


def build_rate_limiter(redis_url: str | None, limit: int, window_s: float) -> RateLimiter:
    """Redis when a URL is configured (shared across processes), otherwise in-process."""
    if redis_url:
        return RedisRateLimiter(redis_url, limit, window_s)
    return InProcessRateLimiter(limit, window_s)


class SignInAttempts:
    """Failed sign-ins (staff keys, member keys, member tokens), counted per client address and per name.

    Only failures count, so a signed-in staff member's own requests (HTTP Basic sends the key on every one)
    never use the allowance; past `limit` failures in `window_s` seconds, further attempts from that address
    or for that name are refused (429) before the credential is even checked, so guessing is slowed to
    `limit` tries a window. Shared through Redis when configured, so every app process counts together."""

    def __init__(self, limiter: _MovingWindowLimiter) -> None:
        self._limiter = limiter
        self.limit, self.window_s = limiter.limit, limiter.window_s

    def retry_after(self, *keys: str) -> int:
        """Seconds until these keys may try again (0: they may now)."""
        return max((self._limiter.blocked_for(key) for key in keys), default=0)

    def failed(self, *keys: str) -> None:
        for key in keys:
            self._limiter.hit(key)


def build_signin_attempts(redis_url: str | None, limit: int, window_s: float) -> SignInAttempts:
    if redis_url:
        return SignInAttempts(RedisRateLimiter(redis_url, limit, window_s, namespace="signin"))
    return SignInAttempts(InProcessRateLimiter(limit, window_s, namespace="signin"))
