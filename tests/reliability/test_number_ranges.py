"""Issue 17 item 5: a number outside any sensible range (90 nights, 40 guests, a negative points amount) is asked
about before anything runs, never clamped or dropped by an engine; a sensible one goes to the model untouched.
(A points amount above the balance: test_honest_state, no approval card and the reason told.)"""

from __future__ import annotations

from typing import Any

import pytest

from tests.fakes import ScriptedChatModel, say
from tests.security.conftest import RuntimeFactory
from tests.security.world import ME


def _turn(runtime: Any, thread_id: str, text: str) -> list[Any]:
    return list(runtime.conversations.send(member_id=ME, thread_id=thread_id, text=text))


@pytest.mark.parametrize(("text", "facts"), [
    ("a hotel in Kyoto for 90 nights from 26 December", ["90", "14"]),
    ("a room in Sapporo for 40 guests, 2 nights from 26 December", ["40", "10"]),
    ("a hotel for 2 adults and 25 children, 2 nights", ["25", "10"]),
    ("use -500 points on my mobile bill", ["-500"]),
    ("京都のホテルを12月26日から90泊", ["90", "14", "泊"]),
    ("京都のホテルを12月26日から2泊、40名で", ["40", "10", "名"]),
], ids=["nights", "guests", "children", "negative-points", "nights-ja", "guests-ja"])
def test_an_impossible_number_is_asked_about_before_anything_runs(make_runtime: RuntimeFactory, text: str,
                                                                  facts: list[str]) -> None:
    model = ScriptedChatModel([say("For 3 nights, then.")])
    runtime = make_runtime(model)
    thread_id = runtime.conversations.new_thread(ME)

    events = _turn(runtime, thread_id, text)
    assert not [e for e in events if e.kind in ("tool_call", "notice", "pending_action")], events
    answer = events[-1].answer
    assert all(fact in answer for fact in facts), answer  # the number the member wrote, and the range
    assert "?" in answer or "？" in answer, answer  # a question, not an answer
    assert model.calls == [], "the model ran on a number that should have been asked about"

    reply = _turn(runtime, thread_id, "3 nights, 2 adults, 1,000 points")  # the member's answer reaches the model
    assert reply[-1].answer == "For 3 nights, then."
    seen = [getattr(m, "content", "") for m in model.calls[0].messages]
    assert text in seen and answer in seen, "the question and the message it answered are the conversation"


def test_sensible_numbers_go_to_the_model_unchanged(make_runtime: RuntimeFactory) -> None:
    texts = ["a hotel in Kyoto for 14 nights, 10 adults, and use 2,000 points", "a tent for 12 people",
             "京都の旅館に2泊、大人2名で"]
    model = ScriptedChatModel([say("Here you are.")], cycle=True)
    runtime = make_runtime(model)
    for text in texts:
        thread_id = runtime.conversations.new_thread(ME)
        assert _turn(runtime, thread_id, text)[-1].answer == "Here you are.", text
    assert len(model.calls) == len(texts)
