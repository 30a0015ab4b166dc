"""Per-member request limits: in-process by default, shared through Redis when `REDIS_URL` is set.

Why two backends: one process can count in memory, but a horizontally scaled deployment (several app
processes behind a load balancer) must count in one place, or every process grants the full quota and the
limit multiplies by the number of processes. Both use the same sliding-window-log algorithm so a limit means
the same thing on a laptop and in production: at most `limit` requests in any `window_s` seconds.
"""

from __future__ import annotations

import math
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from typing import Protocol

import redis


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


class InProcessRateLimiter:
    """A sliding-window log per key, guarded by one lock (cheap: a deque append per request)."""

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit, self.window_s = limit, window_s
        self._now = time.monotonic
        self._log: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> RateDecision:
        now = self._now()
        with self._lock:
            log = self._log.setdefault(key, deque())
            while log and log[0] <= now - self.window_s:
                log.popleft()
            if len(log) >= self.limit:
                return RateDecision(False, 0, max(1, math.ceil(log[0] + self.window_s - now)))
            log.append(now)
            return RateDecision(True, self.limit - len(log), 0)


# KEYS[1] = the key's sorted set; ARGV = now_ms, window_ms, limit, member. Atomic on the Redis server, so
# concurrent processes can never both take the last slot.
_SLIDING_WINDOW = """
local key, now, window, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return {0, 0, tonumber(oldest[2]) + window - now}
end
redis.call('ZADD', key, now, ARGV[4])
redis.call('PEXPIRE', key, window)
return {1, limit - count - 1, 0}
"""


class RedisRateLimiter:
    """The same sliding window kept in Redis, shared by every app process that points at it."""

    def __init__(self, url: str, limit: int, window_s: float, prefix: str = "assistant:rl:") -> None:
        self.limit, self.window_s = limit, window_s
        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._script = self._redis.register_script(_SLIDING_WINDOW)
        self._prefix = prefix

    def hit(self, key: str) -> RateDecision:
        # Redis server time, not ours, so processes on hosts with skewed clocks agree on the window.
        seconds, micros = self._redis.time()  # type: ignore[misc]
        now_ms = int(seconds) * 1000 + int(micros) // 1000
        window_ms = int(self.window_s * 1000)
        allowed, remaining, wait_ms = self._script(
            keys=[self._prefix + key], args=[now_ms, window_ms, self.limit, f"{now_ms}-{uuid.uuid4().hex}"]
        )
        return RateDecision(bool(allowed), int(remaining), max(0, math.ceil(int(wait_ms) / 1000)) if not allowed else 0)

    def close(self) -> None:
        self._redis.close()


def build_rate_limiter(redis_url: str | None, limit: int, window_s: float) -> RateLimiter:
    """Redis when a URL is configured (shared across processes), otherwise in-process."""
    if redis_url:
        return RedisRateLimiter(redis_url, limit, window_s)
    return InProcessRateLimiter(limit, window_s)
