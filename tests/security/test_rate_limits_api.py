"""Per-member rate limits on the HTTP API and the chat: a clear 429 with Retry-After once a member passes the
limit, other members unaffected; in-process by default, shared through Redis when REDIS_URL is set (two
app instances pointing at one Redis enforce one limit)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import httpx
import pytest
import redis
from gradio_client import Client

from tests.security.conftest import RuntimeFactory
from tests.security.served import Served, echo_agent, serve
from tests.security.world import ME, VICTIM

LIMIT = 3


def clear_limits(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    try:
        for key in client.scan_iter("assistant:rl:*"):
            client.delete(key)
    finally:
        client.close()


def ask(client: httpx.Client, served: Served, member: str) -> httpx.Response:
    return client.post("/v1/chat/completions", headers=served.auth(member),
                       json={"model": "member-assistant", "messages": [{"role": "user", "content": "hello"}]})


@pytest.fixture
def limited(make_runtime: RuntimeFactory) -> Iterator[Served]:
    with serve(make_runtime(echo_agent(), ASSISTANT_RATE_LIMIT=LIMIT, ASSISTANT_RATE_WINDOW_S=60)) as served:
        yield served


def test_in_process_limit_answers_429_with_retry_after(limited: Served) -> None:
    from assistant.ratelimit import InProcessRateLimiter

    assert isinstance(limited.app.state.web.rate_limiter, InProcessRateLimiter)
    with httpx.Client(base_url=limited.url, timeout=60) as client:
        statuses = [ask(client, limited, ME).status_code for _ in range(LIMIT)]
        refused = ask(client, limited, ME)
        feedback = client.post("/v1/feedback", headers=limited.auth(ME), json={"thread_id": "T1", "rating": "up"})
        other = ask(client, limited, VICTIM)
    # The chat UI's API endpoint counts against the same limit.
    with pytest.raises(Exception, match="Too many requests"):
        Client(limited.url, verbose=False).predict(limited.key(ME), "hello", "", api_name="/chat")
    assert statuses == [200] * LIMIT
    assert refused.status_code == 429 and feedback.status_code == 429
    error = refused.json()["error"]
    assert error["code"] == "rate_limited" and error["type"] == "rate_limit_error"
    assert f"at most {LIMIT} per 60 seconds" in error["message"] and "Try again in" in error["message"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert other.status_code == 200, "another member is not limited by M0001's burst"


def test_redis_limit_is_shared_by_two_app_instances(make_runtime: RuntimeFactory, redis_url: str) -> None:
    from assistant.ratelimit import RedisRateLimiter

    clear_limits(redis_url)
    overrides = {"ASSISTANT_RATE_LIMIT": LIMIT, "ASSISTANT_RATE_WINDOW_S": 60, "REDIS_URL": redis_url}
    with ExitStack() as stack:
        first = stack.enter_context(serve(make_runtime(echo_agent(), **overrides)))
        second = stack.enter_context(serve(make_runtime(echo_agent(), **overrides)))
        assert isinstance(first.app.state.web.rate_limiter, RedisRateLimiter)
        with httpx.Client(timeout=60) as client:
            statuses = []
            for i in range(LIMIT + 3):
                served = (first, second)[i % 2]
                statuses.append(client.post(f"{served.url}/v1/chat/completions", headers=served.auth(ME), json={
                    "model": "member-assistant", "messages": [{"role": "user", "content": "hi"}]}).status_code)
    assert statuses == [200] * LIMIT + [429] * 3, statuses
    clear_limits(redis_url)
