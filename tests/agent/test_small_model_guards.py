"""Guards for small models, over real HTTP (the OpenAI-compatible stub on loopback): a repeated identical tool
call is not run again and the model then answers without tools; the side-effect tools are offered only when
the member asks for such an action."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from testkit.agent_world import TODAY
from tests.agent.conftest import RuntimeFactory
from tests.agent.helpers import bookings, run
from tests.fakes import OpenAIStub, reply, tool_reply
from tools.agent_tools.registry import REGISTRY

SIDE_EFFECTS = set(REGISTRY.side_effect_names)


def provider(stub: OpenAIStub) -> dict[str, Any]:
    return {"ASSISTANT_MODEL": "openai/stub-model", "ASSISTANT_API_BASE": stub.base_url, "ASSISTANT_TIMEOUT_S": 5}


def offered(request: dict[str, Any]) -> list[str]:
    return [t["function"]["name"] for t in request.get("tools") or []]


def test_a_repeated_call_is_not_run_again_and_the_model_answers_without_tools(
    make_runtime: RuntimeFactory, openai_stub: OpenAIStub, monkeypatch: pytest.MonkeyPatch
) -> None:
    openai_stub.script(
        tool_reply("points_balance", {}),
        tool_reply("points_balance", {}),
        reply("You have your balance above."),
    )
    rt = make_runtime(None, **provider(openai_stub))
    lookups: list[str] = []
    read_balance = rt.services.ledger.balance

    def counted(member_id: str, *args: Any, **kwargs: Any) -> Any:
        lookups.append(member_id)
        return read_balance(member_id, *args, **kwargs)

    monkeypatch.setattr(rt.services.ledger, "balance", counted)
    turn = run(rt.conversations.send(member_id="M0001", thread_id=rt.conversations.new_thread("M0001"),
                                     text="what is left on my points account"))
    assert turn.answer == "You have your balance above."
    assert len(openai_stub.requests) == 3
    first_result, second_result = (r.content for r in turn.results)
    assert "total" in first_result and second_result == first_result  # the earlier result again
    assert lookups == ["M0001"]  # the balance was read once
    assert offered(openai_stub.requests[1]) and not offered(openai_stub.requests[2])  # the answer comes without tools
    last = openai_stub.requests[2]["messages"][-1]
    assert last["role"] == "system" and "Answer the member now" in last["content"]
    roles = [m["role"] for m in openai_stub.requests[2]["messages"][-5:]]
    assert roles == ["assistant", "tool", "assistant", "tool", "system"]


def test_different_arguments_are_not_a_repeat(make_runtime: RuntimeFactory, openai_stub: OpenAIStub) -> None:
    openai_stub.script(
        tool_reply("explain_mobile_plan", {"plan_id": "MP-LITE"}),
        tool_reply("explain_mobile_plan", {"plan_id": "MP-LITE", "monthly_data_gb": 5}),
        reply("Here it is."),
    )
    rt = make_runtime(None, **provider(openai_stub))
    run(rt.conversations.send(member_id="M0001", thread_id=rt.conversations.new_thread("M0001"),
                              text="tell me about the lite plan at 5 GB"))
    assert offered(openai_stub.requests[2])  # nothing was repeated: the tools stay on offer
    assert openai_stub.requests[2]["messages"][-1]["role"] == "tool"  # no closing instruction


def test_a_call_from_an_earlier_request_may_be_made_again(
    make_runtime: RuntimeFactory, openai_stub: OpenAIStub
) -> None:
    """The balance can change between two messages: only a repeat within one request is skipped."""
    openai_stub.script(tool_reply("points_balance", {}), reply("First."), tool_reply("points_balance", {}),
                       reply("Second."))
    rt = make_runtime(None, **provider(openai_stub))
    conv = rt.conversations
    thread = conv.new_thread("M0001")
    run(conv.send(member_id="M0001", thread_id=thread, text="my points please"))
    again = run(conv.send(member_id="M0001", thread_id=thread, text="and my points now?"))
    assert "total" in again.results[0].content


def test_side_effect_tools_are_offered_only_when_the_member_asks(
    make_runtime: RuntimeFactory, openai_stub: OpenAIStub
) -> None:
    stay = {"hotel_id": "H0001", "room_type_id": "H0001-R1",
            "check_in": (TODAY + timedelta(days=9)).isoformat(), "nights": 2}
    openai_stub.script(reply("Which city?"), tool_reply("book_hotel", stay), reply("Booked."))
    rt = make_runtime(None, **provider(openai_stub))
    conv = rt.conversations
    thread = conv.new_thread("M0001")
    run(conv.send(member_id="M0001", thread_id=thread, text="any nice places to stay near the sea?"))
    looking = offered(openai_stub.requests[0])
    assert looking and not SIDE_EFFECTS & set(looking)

    asking = run(conv.send(member_id="M0001", thread_id=thread, text="please reserve H0001 for me"))
    booking = offered(openai_stub.requests[1])
    assert "book_hotel" in booking and {"cancel_booking", "redeem_points"}.isdisjoint(booking)
    assert booking[-1] == "book_hotel" and booking[: len(looking)] == looking  # a shared prefix for the cache
    assert asking.pending is not None and bookings(rt.services, "M0001") == []  # approval still comes first
    run(conv.decide(member_id="M0001", thread_id=thread, approve=True))
    assert "book_hotel" in offered(openai_stub.requests[2])  # the approved action is being answered


def test_a_go_ahead_offers_every_side_effect_tool(make_runtime: RuntimeFactory, openai_stub: OpenAIStub) -> None:
    openai_stub.script(reply("Shall I?"), reply("Which one?"), reply("Done?"))
    rt = make_runtime(None, **provider(openai_stub))
    conv = rt.conversations
    thread = conv.new_thread("M0001")
    for text in ("ポイントで支払いたい", "yes, go ahead", "キャンセルしたい"):
        run(conv.send(member_id="M0001", thread_id=thread, text=text))
    japanese_redeem, go_ahead, japanese_cancel = (set(offered(r)) & SIDE_EFFECTS for r in openai_stub.requests)
    assert japanese_redeem == {"redeem_points"}
    assert go_ahead == SIDE_EFFECTS
    assert japanese_cancel == {"cancel_booking"}
