"""Issue 17 item 5: the member approves a booking, the booking commits, and the process is killed (SIGKILL) before
the run's answer is stored. After a restart the thread offers no second approval, and an approval, a "no" or
the API's approval all report the existing booking; nothing is booked twice and nobody is told "I haven't
booked anything". Real SQLite database and conversation memory on disk; only the chat model is scripted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.conversation import NothingPending
from assistant.ratelimit import InProcessRateLimiter
from assistant.runtime import Runtime, build_runtime
from assistant.web.limits import InProcessLimiter
from assistant.web.turn_service import TurnRefused, TurnRequest, TurnService
from tests.fakes import ScriptedChatModel, say
from tests.reliability.kill import kill_at_flag
from tests.security.conftest import canary_settings
from tests.security.world import ME, Arena, build_arena, open_services

WORKER = """
import sys, time
from pathlib import Path
from assistant.runtime import build_runtime
from tests.fakes import ScriptedChatModel, call, say
from tests.security.conftest import canary_settings
from tests.security.world import ME, STAY
from testkit.factories import TODAY
from tools.services import build_services

url, data_dir, flag = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
model = ScriptedChatModel([call("book_hotel", dict(STAY)), say("Booked.")])
runtime = build_runtime(canary_settings(data_dir), model=model, services=build_services(url, None, today=TODAY),
                        with_index=False)
conversations = runtime.conversations
thread_id = conversations.new_thread(ME)
list(conversations.send(member_id=ME, thread_id=thread_id, text="book that room"))
assert conversations.pending(member_id=ME, thread_id=thread_id) is not None
bookings = type(runtime.services.bookings)
book = bookings.book

def book_then_die(self, *args, **kwargs):
    booking = book(self, *args, **kwargs)  # committed
    flag.write_text(f"{thread_id} {booking.id}")
    time.sleep(120)  # killed here: before the tool's result and the answer reach the checkpoint

bookings.book = book_then_die
list(conversations.decide(member_id=ME, thread_id=thread_id, approve=True))
"""


def crash_after_commit(url: str, data_dir: Path, tmp_path: Path) -> tuple[str, str]:
    flag = tmp_path / "committed"
    thread_id, booking_id = kill_at_flag(WORKER, [url, str(data_dir), str(flag)], flag).split()
    return thread_id, booking_id


@pytest.fixture
def arena(tmp_path: Path) -> Arena:
    return build_arena(f"sqlite:///{tmp_path / 'crash.db'}", tmp_path)


@pytest.fixture
def restarted(arena: Arena, tmp_path: Path) -> Iterator[tuple[Runtime, str, str]]:
    """(the runtime after the restart, the thread, the booking the killed process committed)."""
    data_dir = tmp_path / "var"
    thread_id, booking_id = crash_after_commit(arena.url, data_dir, tmp_path)
    runtime = build_runtime(canary_settings(data_dir), model=ScriptedChatModel([say("Your stay is booked.")],
                                                                               cycle=True),
                            services=open_services(arena), with_index=False)
    yield runtime, thread_id, booking_id
    runtime.close()


def _my_bookings(runtime: Runtime) -> list[str]:
    return [b.id for b in runtime.services.bookings.bookings(ME).bookings]


@pytest.mark.parametrize("approve", [True, False], ids=["approve", "no"])
def test_after_a_crash_past_the_commit_the_decision_reports_the_existing_booking(
        restarted: tuple[Runtime, str, str], approve: bool) -> None:
    runtime, thread_id, booking_id = restarted
    conversations = runtime.conversations
    assert _my_bookings(runtime).count(booking_id) == 1

    assert conversations.pending(member_id=ME, thread_id=thread_id) is None, "a second approval card"
    with pytest.raises(NothingPending) as answered:
        list(conversations.decide(member_id=ME, thread_id=thread_id, approve=approve))
    done = answered.value.done or ""
    assert booking_id in done and "confirmed" in done, done
    assert "haven't booked" not in done
    assert _my_bookings(runtime) == [booking_id], "booked twice, or the booking lost"
    results = [i for i in conversations.transcript(member_id=ME, thread_id=thread_id) if i.role == "tool"]
    assert [r.name for r in results] == ["book_hotel"] and booking_id in results[0].text


def test_after_a_crash_past_the_commit_the_apis_approval_gets_409_naming_the_booking(
        restarted: tuple[Runtime, str, str]) -> None:
    runtime, thread_id, booking_id = restarted
    turns = TurnService(lambda: runtime.conversations, rate=InProcessRateLimiter(100, 60),
                        in_flight=InProcessLimiter(2))
    with pytest.raises(TurnRefused) as refused:
        turns.start(TurnRequest(member_id=ME, text="approve", thread_id=thread_id, decision=True))
    assert refused.value.code == "already_done" and booking_id in refused.value.text("en")
    assert _my_bookings(runtime) == [booking_id]
