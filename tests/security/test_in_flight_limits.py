"""The per-member in-flight limit holds across app processes sharing Redis, and a crashed process cannot
keep a slot: slots expire on the Redis server. Against a real Redis (skips with a message where absent)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.settings import load_settings
from assistant.web.limits import InProcessLimiter, MemberBusy, RedisInFlightLimiter, build_in_flight_limiter
from assistant.web.state import WebState
from assistant.web.turn_service import TurnRequest, TurnService
from tests.web.fake_runtime import FakeConversations, FakeServices

pytestmark = pytest.mark.redis


def _prefix() -> str:
    return f"test:inflight:{uuid.uuid4().hex}:"


def test_two_processes_share_one_limit(redis_url: str) -> None:
    prefix = _prefix()
    first = RedisInFlightLimiter(redis_url, 2, prefix=prefix)
    second = RedisInFlightLimiter(redis_url, 2, prefix=prefix)
    with ThreadPoolExecutor(8) as pool:
        taken = list(pool.map(lambda i: (first if i % 2 else second).try_acquire("M0001"), range(12)))
    assert sum(taken) == 2
    assert first.in_flight("M0001") == second.in_flight("M0001") == 2
    assert second.try_acquire("M0002"), "another member has their own slots"
    for limiter in (first, second, first, second):  # each gives back its own (a stray release does nothing)
        limiter.release("M0001")
    assert first.in_flight("M0001") == 0
    assert first.try_acquire("M0001") and second.try_acquire("M0001"), "released slots are free everywhere"
    for limiter in (first, second):
        limiter.close()


def test_a_release_never_frees_another_processes_slot(redis_url: str) -> None:
    prefix = _prefix()
    first = RedisInFlightLimiter(redis_url, 2, prefix=prefix)
    second = RedisInFlightLimiter(redis_url, 2, prefix=prefix)
    assert first.try_acquire("M0001")
    second.release("M0001")  # holds nothing: a stray release (a double release) changes nothing
    second.release("M0001")
    assert first.in_flight("M0001") == 1
    first.close()
    second.close()


def test_a_crashed_processes_slots_expire(redis_url: str) -> None:
    prefix = _prefix()
    script = (
        "import sys, time\n"
        "from assistant.web.limits import RedisInFlightLimiter\n"
        f"limiter = RedisInFlightLimiter({redis_url!r}, 2, ttl_s=2, prefix={prefix!r})\n"
        "assert limiter.try_acquire('M0001') and limiter.try_acquire('M0001')\n"
        "print('held', flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": os.getcwd()})
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        child.send_signal(signal.SIGKILL)  # dies mid-turn: no release ever runs
        child.wait(30)
        survivor = RedisInFlightLimiter(redis_url, 2, prefix=prefix)
        assert not survivor.try_acquire("M0001"), "the dead process's slots still count until they expire"
        deadline = time.monotonic() + 30
        while not survivor.try_acquire("M0001"):
            assert time.monotonic() < deadline, "a crashed process's slot never expired"
            time.sleep(0.2)
        survivor.close()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)


def test_redis_is_used_only_when_configured(redis_url: str) -> None:
    assert isinstance(build_in_flight_limiter(None, 2), InProcessLimiter)
    shared = build_in_flight_limiter(redis_url, 2)
    assert isinstance(shared, RedisInFlightLimiter)
    shared.close()
    state = WebState(load_settings(REDIS_URL=redis_url, ASSISTANT_MEMBER_CONCURRENCY=3))
    assert isinstance(state.limiter, RedisInFlightLimiter) and state.limiter.limit == 3


def test_turn_services_of_two_processes_refuse_the_member_together(redis_url: str) -> None:
    """Two app processes' turn services (same Redis): the member's third turn is refused by either."""
    prefix = _prefix()
    conversations = FakeConversations(FakeServices())

    def service() -> TurnService:
        from assistant.ratelimit import InProcessRateLimiter

        return TurnService(lambda: conversations, rate=InProcessRateLimiter(100, 60),
                           in_flight=RedisInFlightLimiter(redis_url, 2, prefix=prefix))

    first, second = service(), service()
    held = [first.start(TurnRequest(member_id="M0001", text="hello")),
            second.start(TurnRequest(member_id="M0001", text="hello"))]
    for either in (first, second):
        with pytest.raises(MemberBusy):
            either.start(TurnRequest(member_id="M0001", text="hello"))
    assert conversations.sent == []  # a refused turn ran nothing (nor did the held ones yet)
    for turn in held:
        list(turn.events())  # the turn runs and gives its slot back, however it ends
    assert second.start(TurnRequest(member_id="M0001", text="again")).thread_id
