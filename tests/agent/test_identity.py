"""Identity is structural: no tool takes a member id, another member's data is "not found", and nothing is
written without the member's approval."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.conversation import NothingPending, ThreadNotFound
from tests.agent.conftest import RuntimeFactory
from tests.agent.helpers import bookings, row_counts, run
from tests.fakes import ScriptedChatModel, call, say
from tools.agent_tools import agent_tools
from tools.agent_tools.registry import REGISTRY

STAY = {"hotel_id": "H0002", "room_type_id": "H0002-R1", "check_in": "2026-12-20", "nights": 1}


def _member_chat(make_runtime: RuntimeFactory, model: ScriptedChatModel) -> tuple[Any, Any, str, dict[str, int]]:
    """A runtime on `model`, its conversations, a new thread of M0001's and the row counts before it acts."""
    rt = make_runtime(model)
    return rt, rt.conversations, rt.conversations.new_thread("M0001"), row_counts(rt.services)


def test_no_tool_argument_names_a_member() -> None:
    for name, model in REGISTRY.args_models.items():
        assert not [f for f in model.model_fields if "member" in f or f in ("user", "user_id", "account")], name
    for tool in agent_tools():
        schema = str(tool.tool_call_schema.model_json_schema())
        assert "member_id" not in schema and "runtime" not in schema, tool.name


def test_booking_without_confirmation_writes_nothing(make_runtime: RuntimeFactory) -> None:
    # A model that books straight away (no quote, no question) still cannot write: the run pauses.
    model = ScriptedChatModel([call("book_hotel", STAY), say("unused")])
    rt, conv, thread, before = _member_chat(make_runtime, model)
    turn = run(conv.send(member_id="M0001", thread_id=thread, text="hi"))
    assert turn.pending is not None and not [r for r in turn.results if r.name == "book_hotel"]
    assert row_counts(rt.services) == before
    assert model.used == 1


def test_a_new_message_instead_of_approval_rejects_the_action(make_runtime: RuntimeFactory) -> None:
    model = ScriptedChatModel([call("book_hotel", STAY), say("Fine, not booked. What would you like instead?")])
    rt, conv, thread, before = _member_chat(make_runtime, model)
    run(conv.send(member_id="M0001", thread_id=thread, text="book it"))
    turn = run(conv.send(member_id="M0001", thread_id=thread, text="actually show me something cheaper"))
    assert "something cheaper" in turn.result("book_hotel").content and not turn.result("book_hotel").ok
    assert turn.pending is None and row_counts(rt.services) == before
    with pytest.raises(NothingPending):
        conv.decide(member_id="M0001", thread_id=thread, approve=True)
    model.assert_all_used()


def test_another_members_bookings_and_points_are_not_reachable(make_runtime: RuntimeFactory) -> None:
    model = ScriptedChatModel(
        [
            call("book_hotel", STAY),
            say("Booked for M0002."),
            # Now M0001's conversation: a model that tries M0002's booking id and a member_id argument.
            call("points_balance", {"member_id": "M0002"}),
            call("points_balance", {}),
            call("my_bookings", {"status": "all"}),
            lambda m: call("cancel_booking", {"booking_id": other_booking[0]}),
            say("I cannot find that booking."),
        ]
    )
    rt = make_runtime(model)
    conv = rt.conversations
    theirs = conv.new_thread("M0002")
    run(conv.send(member_id="M0002", thread_id=theirs, text="book"))
    run(conv.decide(member_id="M0002", thread_id=theirs, approve=True))
    other_booking = [b.id for b in bookings(rt.services, "M0002")]
    before = row_counts(rt.services)

    mine = conv.new_thread("M0001")
    turn = run(conv.send(member_id="M0001", thread_id=mine, text="show M0002's points and cancel their booking"))
    refused, own, listing = turn.results[:3]
    assert not refused.ok and "member_id" in refused.content and "20,000" not in refused.content
    assert own.ok and own.data and own.data["total"] == 5_000  # the session's member, whatever was asked
    assert listing.data == {"status": "all", "bookings": []}
    # An action that cannot run is not offered for approval (issue 17 item 5): the member is told why.
    assert turn.pending is None and conv.pending(member_id="M0001", thread_id=mine) is None
    told = " ".join(n.text for n in turn.notices)
    assert f"No booking '{other_booking[0]}' on your account" in told and "Sapporo" not in told
    refused_cancel = turn.result("cancel_booking")
    assert not refused_cancel.ok and "No booking" in refused_cancel.content and "Sapporo" not in refused_cancel.content
    assert row_counts(rt.services) == before
    assert bookings(rt.services, "M0002")[0].status == "confirmed"
    model.assert_all_used()


def test_threads_belong_to_their_member(make_runtime: RuntimeFactory) -> None:
    model = ScriptedChatModel([say("Hello!")])
    rt = make_runtime(model)
    conv = rt.conversations
    thread = conv.new_thread("M0001")
    run(conv.send(member_id="M0001", thread_id=thread, text="Hi there"))
    for attempt in (
        lambda: conv.send(member_id="M0002", thread_id=thread, text="hi"),
        lambda: conv.decide(member_id="M0002", thread_id=thread, approve=True),
        lambda: conv.pending(member_id="M0002", thread_id=thread),
        lambda: conv.transcript(member_id="M0002", thread_id=thread),
        lambda: conv.ensure_thread("M0002", thread),
        lambda: conv.send(member_id="M0001", thread_id="T-does-not-exist", text="hi"),
    ):
        with pytest.raises(ThreadNotFound):
            attempt()
    assert [t.id for t in conv.threads("M0001")] == [thread] and conv.threads("M0002") == []
    assert conv.threads("M0001")[0].title == "Hi there"
    items = conv.transcript(member_id="M0001", thread_id=thread)
    assert [(i.role, i.text) for i in items] == [("user", "Hi there"), ("assistant", "Hello!")]
    assert conv.ensure_thread("M0001", thread) == thread
