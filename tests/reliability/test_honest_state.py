"""Issue 17 item 5, honest state after faults, over the real database with only the chat model scripted: an
approval that arrives after the action ran names the existing record in the member's language (prompts/done/),
also after the process died between the commit and the stored answer."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.conversation import NothingPending
from assistant.ratelimit import InProcessRateLimiter
from assistant.web.limits import InProcessLimiter
from assistant.web.turn_service import TurnRefused, TurnRequest, TurnService
from tests.fakes import ScriptedChatModel, call, say
from tests.security.conftest import RuntimeFactory
from tests.security.world import ME, STAY

JAPANESE_ASK = "この部屋を予約してください"


def _booked_ids(runtime: Any) -> set[str]:
    return {b.id for b in runtime.services.bookings.bookings(ME).bookings}


def _book_and_approve(runtime: Any, text: str) -> tuple[str, str]:
    """Ask for the stay in `text`, approve it; (thread id, the new booking's id read from the database)."""
    conversations = runtime.conversations
    before = _booked_ids(runtime)
    thread_id = conversations.new_thread(ME)
    list(conversations.send(member_id=ME, thread_id=thread_id, text=text))
    assert conversations.pending(member_id=ME, thread_id=thread_id) is not None
    list(conversations.decide(member_id=ME, thread_id=thread_id, approve=True))
    (booking_id,) = _booked_ids(runtime) - before
    return thread_id, booking_id


def test_a_second_approval_is_answered_in_japanese_for_a_member_who_writes_japanese(
        make_runtime: RuntimeFactory) -> None:
    runtime = make_runtime(ScriptedChatModel([call("book_hotel", dict(STAY)), say("予約しました。")], cycle=True))
    thread_id, booking_id = _book_and_approve(runtime, JAPANESE_ASK)

    with pytest.raises(NothingPending) as refused:
        list(runtime.conversations.decide(member_id=ME, thread_id=thread_id, approve=True))
    done = refused.value.done or ""
    assert booking_id in done and "確定" in done and "booked" not in done, done

    turns = TurnService(lambda: runtime.conversations, rate=InProcessRateLimiter(100, 60),
                        in_flight=InProcessLimiter(2))
    with pytest.raises(TurnRefused) as api_refused:
        turns.start(TurnRequest(member_id=ME, text="承認します", thread_id=thread_id, decision=True))
    assert api_refused.value.code == "already_done"
    ja, en = api_refused.value.text("ja"), api_refused.value.text("en")
    assert booking_id in ja and "確定" in ja, ja
    assert booking_id in en and "already booked" in en, en


def test_a_second_approval_stays_english_for_a_member_who_writes_english(make_runtime: RuntimeFactory) -> None:
    runtime = make_runtime(ScriptedChatModel([call("book_hotel", dict(STAY)), say("Booked.")], cycle=True))
    thread_id, booking_id = _book_and_approve(runtime, "book that room please")

    with pytest.raises(NothingPending) as refused:
        list(runtime.conversations.decide(member_id=ME, thread_id=thread_id, approve=True))
    assert refused.value.done == f"That is already booked: booking {booking_id} is confirmed."


def _events(runtime: Any, text: str) -> tuple[str, list[Any]]:
    conversations = runtime.conversations
    thread_id = conversations.new_thread(ME)
    return thread_id, list(conversations.send(member_id=ME, thread_id=thread_id, text=text))



@pytest.mark.parametrize(("tool", "args", "reason"), [
    ("redeem_points", {"points": 9_000}, "5,000"),  # more than the balance: the reason names the balance
    ("book_hotel", {**STAY, "room_type_id": "H0001-R9"}, "H0001-R9"),  # no such room at the hotel
])
def test_no_approval_is_offered_for_an_action_that_cannot_run(make_runtime: RuntimeFactory, tool: str,
                                                              args: dict[str, Any], reason: str) -> None:
    model = ScriptedChatModel([call(tool, args), say("That cannot go ahead as asked.")])
    runtime = make_runtime(model)
    bookings, balance = _booked_ids(runtime), runtime.services.ledger.balance(ME).total
    thread_id, events = _events(runtime, "go ahead")

    assert not [e for e in events if e.kind == "pending_action"], "an approval card for an action that cannot run"
    assert events[-1].pending is None
    assert runtime.conversations.pending(member_id=ME, thread_id=thread_id) is None
    told = [e.text for e in events if e.kind == "notice"]
    assert any(reason in t for t in told), told  # the member is told why
    assert events[-1].answer  # and the model answered, with the reason in place of the tool's result
    (result,) = [i for i in runtime.conversations.transcript(member_id=ME, thread_id=thread_id) if i.role == "tool"]
    assert result.name == tool and not result.ok and reason in result.text
    assert _booked_ids(runtime) == bookings and runtime.services.ledger.balance(ME).total == balance
    with pytest.raises(NothingPending):  # and an approval sent anyway has nothing to approve
        list(runtime.conversations.decide(member_id=ME, thread_id=thread_id, approve=True))
    assert _booked_ids(runtime) == bookings and runtime.services.ledger.balance(ME).total == balance
