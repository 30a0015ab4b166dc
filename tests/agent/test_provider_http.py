"""The real provider path over real HTTP: litellm (through langchain-litellm's Router model) talks to an
OpenAI-compatible stub on loopback that returns scripted tool calls, streamed and not."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from langchain_core.messages import HumanMessage
from pytest_socket import SocketConnectBlockedError

from assistant.models import ModelConfigError, build_chat_model
from assistant.settings import load_settings
from tests.agent.conftest import RuntimeFactory
from tests.agent.helpers import balance, bookings, run
from tests.fakes import OpenAIStub, fault, reply, slow, tool_reply
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.registry import REGISTRY

STAY = {"hotel_id": "H0001", "room_type_id": "H0001-R1", "check_in": "2026-12-10", "nights": 2}


def provider(stub: OpenAIStub, **extra: Any) -> dict[str, Any]:
    return {
        "ASSISTANT_MODEL": "openai/stub-model",
        "ASSISTANT_API_BASE": stub.base_url,
        "ASSISTANT_API_KEY": "sk-test",
        "ASSISTANT_MAX_RETRIES": 2,
        "ASSISTANT_TIMEOUT_S": 5,
        **extra,
    }


def test_streamed_tool_calls_and_confirmation_over_http(make_runtime: RuntimeFactory, openai_stub: OpenAIStub) -> None:
    openai_stub.script(
        tool_reply("points_balance", {}),
        reply("You have 5,000 points. Shall I book Hotel H0001?"),
        tool_reply("book_hotel", STAY),
        reply("Booked, enjoy Beppu!"),
    )
    rt = make_runtime(None, **provider(openai_stub))
    assert rt.conversations.model_name == "openai/stub-model" and not rt.conversations.is_offline
    conv = rt.conversations
    thread = conv.new_thread("M0001")

    first = run(conv.send(member_id="M0001", thread_id=thread, text="How many points do I have?"))
    assert [c.name for c in first.tool_calls] == ["points_balance"]
    assert first.result("points_balance").data["total"] == 5_000  # type: ignore[index]
    assert first.answer == "You have 5,000 points. Shall I book Hotel H0001?"
    assert first.text == first.answer and len([e for e in first.events if e.kind == "text"]) > 3  # token stream
    assert first.end.usage.get("total_tokens", 0) > 0

    second = run(conv.send(member_id="M0001", thread_id=thread, text="Yes"))
    assert second.pending and second.pending.tool == "book_hotel" and bookings(rt.services, "M0001") == []
    third = run(conv.decide(member_id="M0001", thread_id=thread, approve=True))
    assert third.answer == "Booked, enjoy Beppu!" and len(bookings(rt.services, "M0001")) == 1
    openai_stub.assert_all_used()

    # What the provider saw: streamed requests, our tool schemas (no member id), the tool results, the key.
    requests = openai_stub.requests
    assert all(r["stream"] is True for r in requests) and all(r["model"] == "stub-model" for r in requests)
    names = {t["function"]["name"] for t in requests[0]["tools"]}
    assert {"search_products", "handoff_to_support"} <= names and "book_hotel" not in names
    assert names == set(REGISTRY.names) - set(REGISTRY.side_effect_names)  # every read-only tool, no action
    # The go-ahead ("Yes") is when the side-effect tools are on offer (assistant.middleware.action_tools).
    assert len({t["function"]["name"] for t in requests[2]["tools"]} - names) == 3
    assert "member_id" not in str(requests[0]["tools"])
    assert requests[0]["messages"][0]["role"] == "system" and "Member M0001" in requests[0]["messages"][1]["content"]
    tool_msg = [m for m in requests[1]["messages"] if m["role"] == "tool"][-1]
    assert '"total":5000' in tool_msg["content"]
    assert requests[-1]["messages"][-1]["role"] == "tool" and "BK" in requests[-1]["messages"][-1]["content"]


def test_non_streaming_invoke_with_tool_calls(make_runtime: RuntimeFactory, openai_stub: OpenAIStub) -> None:
    openai_stub.script(tool_reply("list_mobile_plans", {}), reply("Two plans: MP1 and MP2."))
    rt = make_runtime(None, **provider(openai_stub))
    agent = rt.conversations.agent
    context = AssistantContext(member_id="M0001", services=rt.services, thread_id="plain")
    result = agent.invoke(
        {"messages": [HumanMessage("Which mobile plans are there?")]},
        {"configurable": {"thread_id": "plain"}},
        context=context,
    )
    assert result["messages"][-1].content == "Two plans: MP1 and MP2."
    assert "MP1" in result["messages"][-2].content
    assert all(not r.get("stream") for r in openai_stub.requests)
    openai_stub.assert_all_used()


def test_provider_faults_are_retried(make_runtime: RuntimeFactory, openai_stub: OpenAIStub) -> None:
    openai_stub.script(fault(429, "slow down"), fault(500), reply("Hello after two faults."))
    rt = make_runtime(None, **provider(openai_stub))
    conv = rt.conversations
    turn = run(conv.send(member_id="M0001", thread_id=conv.new_thread("M0001"), text="hi"))
    assert turn.answer == "Hello after two faults." and len(openai_stub.requests) == 3


def test_provider_down_ends_the_turn_with_a_notice(make_runtime: RuntimeFactory, openai_stub: OpenAIStub) -> None:
    openai_stub.script(fault(500))
    rt = make_runtime(None, **provider(openai_stub, ASSISTANT_MAX_RETRIES=0))
    conv = rt.conversations
    thread = conv.new_thread("M0001")
    turn = run(conv.send(member_id="M0001", thread_id=thread, text="hi"), allow_errors=True)
    assert [n.level for n in turn.notices] == ["error"] and turn.answer == ""
    assert balance(rt.services, "M0001") == 5_000


def test_missing_provider_key_fails_at_start_naming_the_variable() -> None:
    with pytest.raises(ModelConfigError, match="OPENAI_API_KEY"):
        build_chat_model(load_settings(ASSISTANT_MODEL="openai/gpt-4.1-mini"))
    with pytest.raises(ModelConfigError, match="ANTHROPIC_API_KEY"):
        build_chat_model(load_settings(ASSISTANT_MODEL="anthropic/claude-sonnet-4-5"))
    with pytest.raises(ModelConfigError, match="ASSISTANT_FALLBACK_MODEL"):
        build_chat_model(
            load_settings(ASSISTANT_MODEL="openai/x", ASSISTANT_API_KEY="k", ASSISTANT_FALLBACK_MODEL="anthropic/y")
        )


def test_real_provider_hosts_are_blocked_in_tests() -> None:
    with pytest.raises(SocketConnectBlockedError), pytest.warns(UserWarning, match="192.0.2.1"):  # loopback only
        socket.create_connection(("192.0.2.1", 443), timeout=1)  # a documentation address, never reached
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ConnectionRefusedError):  # loopback is allowed (and nothing listens there)
        socket.create_connection(("127.0.0.1", port), timeout=1)


def test_provider_down_degrades_to_the_offline_engine(make_runtime: RuntimeFactory, openai_stub: OpenAIStub) -> None:
    # The stub has no script: every request fails with HTTP 500, retries included.
    rt = make_runtime(None, **provider(openai_stub, ASSISTANT_FALLBACK_MODEL="offline", ASSISTANT_MAX_RETRIES=0))
    conv = rt.conversations
    turn = run(conv.send(member_id="M0001", thread_id=conv.new_thread("M0001"), text="How many points do I have?"))
    assert [c.name for c in turn.tool_calls] == ["points_balance"]
    assert "5,000" in turn.answer and len(openai_stub.requests) >= 2


def test_provider_timeout_ends_the_turn_cleanly(make_runtime: RuntimeFactory, openai_stub: OpenAIStub) -> None:
    openai_stub.script(slow(3.0))
    rt = make_runtime(None, **provider(openai_stub, ASSISTANT_TIMEOUT_S=0.5, ASSISTANT_MAX_RETRIES=0))
    conv = rt.conversations
    turn = run(conv.send(member_id="M0001", thread_id=conv.new_thread("M0001"), text="hi"), allow_errors=True)
    assert [n.level for n in turn.notices] == ["error"] and "did not answer in time" in turn.notices[0].text
