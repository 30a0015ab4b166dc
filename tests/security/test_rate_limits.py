"""Per-member rate limits hold in one process and across processes sharing Redis."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from assistant.ratelimit import InProcessRateLimiter, RedisRateLimiter, build_rate_limiter


def test_in_process_limit_allows_exactly_the_quota_under_concurrency() -> None:
    limiter = InProcessRateLimiter(limit=10, window_s=60)
    with ThreadPoolExecutor(16) as pool:
        decisions = list(pool.map(lambda _: limiter.hit("M0001"), range(50)))
    assert sum(d.allowed for d in decisions) == 10
    refused = [d for d in decisions if not d.allowed]
    assert all(1 <= d.retry_after_s <= 60 for d in refused), "a refused member is told when to retry"
    # Another member is not affected by M0001's burst.
    assert limiter.hit("M0002").allowed


def test_redis_limit_is_shared_by_every_limiter_pointing_at_it(redis_url: str) -> None:
    prefix = f"test:{uuid.uuid4().hex}:"
    # Two limiters = two app processes behind a load balancer sharing one Redis.
    first = RedisRateLimiter(redis_url, limit=7, window_s=30, prefix=prefix)
    second = RedisRateLimiter(redis_url, limit=7, window_s=30, prefix=prefix)
    with ThreadPoolExecutor(12) as pool:
        decisions = list(pool.map(lambda i: (first if i % 2 else second).hit("M0001"), range(40)))
    assert sum(d.allowed for d in decisions) == 7
    assert not first.hit("M0001").allowed and not second.hit("M0001").allowed
    assert first.hit("M0002").allowed
    first.close()
    second.close()


def test_factory_picks_redis_only_when_configured(redis_url: str) -> None:
    assert isinstance(build_rate_limiter(None, 5, 60), InProcessRateLimiter)
    assert isinstance(build_rate_limiter(redis_url, 5, 60), RedisRateLimiter)
