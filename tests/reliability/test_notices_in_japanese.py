"""Issue 17 item 5 with issue 16: what a member who writes Japanese reads when a turn cannot do what was asked
is in Japanese (prompts/notices/ja/): a provider that times out, or an action that cannot run as asked (no
approval card, the reason told, nothing written). The note the model gets stays English (model-facing)."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import BaseMessage

from tests.fakes import ScriptedChatModel, call, say
from tests.security.conftest import RuntimeFactory
from tests.security.world import ME, STAY


class ProviderTimeoutError(TimeoutError):
    """What a provider client raises when the model does not answer in time (its name says Timeout)."""


def _times_out(_messages: list[BaseMessage]) -> str:
    raise ProviderTimeoutError("the provider did not answer")


def _turn(runtime: Any, text: str) -> tuple[str, list[Any]]:
    conversations = runtime.conversations
    thread_id = conversations.new_thread(ME)
    return thread_id, list(conversations.send(member_id=ME, thread_id=thread_id, text=text))


def _booked_ids(runtime: Any) -> set[str]:
    return {b.id for b in runtime.services.bookings.bookings(ME).bookings}


def _japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" for ch in text)


@pytest.mark.parametrize(("text", "japanese"),
                         [("ポイント残高を教えてください", True), ("what is my points balance?", False)],
                         ids=["ja", "en"])
def test_a_provider_timeout_is_told_in_the_members_language_and_says_nothing_changed(
        make_runtime: RuntimeFactory, text: str, japanese: bool) -> None:
    runtime = make_runtime(ScriptedChatModel([_times_out], cycle=True))
    balance = runtime.services.ledger.balance(ME).total
    _thread_id, events = _turn(runtime, text)

    (notice,) = [e for e in events if e.kind == "notice"]
    assert notice.level == "error" and events[-1].answer == ""
    assert _japanese(notice.text) == japanese, notice.text
    unchanged = "何も変更されていません" if japanese else "nothing was changed"
    assert unchanged in notice.text, notice.text
    assert runtime.services.ledger.balance(ME).total == balance


@pytest.mark.parametrize(("tool", "args", "facts"), [
    ("redeem_points", {"points": 9_000}, ["5,000", "9,000", "足りません"]),  # more than the balance
    ("book_hotel", {**STAY, "room_type_id": "H0001-R9"}, ["H0001-R9"]),  # no such room at the hotel
], ids=["over-balance", "no-such-room"])
def test_an_action_that_cannot_run_is_explained_in_japanese_without_an_approval_card(
        make_runtime: RuntimeFactory, tool: str, args: dict[str, Any], facts: list[str]) -> None:
    runtime = make_runtime(ScriptedChatModel([call(tool, args), say("そのままでは実行できません。")]))
    bookings, balance = _booked_ids(runtime), runtime.services.ledger.balance(ME).total
    thread_id, events = _turn(runtime, "お願いします、進めてください")

    assert not [e for e in events if e.kind == "pending_action"] and events[-1].pending is None
    assert runtime.conversations.pending(member_id=ME, thread_id=thread_id) is None
    (notice,) = [e.text for e in events if e.kind == "notice"]
    assert _japanese(notice) and "何も変更されていません" in notice, notice
    assert all(fact in notice for fact in facts), notice
    (result,) = [i for i in runtime.conversations.transcript(member_id=ME, thread_id=thread_id) if i.role == "tool"]
    assert not result.ok and "cannot run as asked" in result.text  # the model's note stays English
    assert _booked_ids(runtime) == bookings and runtime.services.ledger.balance(ME).total == balance


@pytest.mark.parametrize(("text", "facts", "not_said"), [
    ("この部屋を予約してください", ["確定"], "何も変更されていません"),
    ("book that room please", ["already booked"], "nothing was changed"),
], ids=["ja", "en"])
def test_a_timeout_after_the_approved_booking_names_the_booking_instead_of_nothing_changed(
        make_runtime: RuntimeFactory, text: str, facts: list[str], not_said: str) -> None:
    # The booking is approved and runs; the model then times out writing the answer (every retry too).
    runtime = make_runtime(ScriptedChatModel([call("book_hotel", dict(STAY)), *[_times_out] * 8]))
    before = _booked_ids(runtime)
    thread_id, _events = _turn(runtime, text)
    assert runtime.conversations.pending(member_id=ME, thread_id=thread_id) is not None
    events = list(runtime.conversations.decide(member_id=ME, thread_id=thread_id, approve=True))

    (booking_id,) = _booked_ids(runtime) - before
    (notice,) = [e.text for e in events if e.kind == "notice"]
    assert booking_id in notice and all(fact in notice for fact in facts), notice
    assert not_said not in notice, notice  # a member told nothing happened would book again
