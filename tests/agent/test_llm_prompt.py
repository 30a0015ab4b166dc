"""The prompt an LLM receives, over real HTTP (the OpenAI-compatible stub on loopback): a static prefix that a
server's prefix cache can reuse across members and days (instructions, then the compact tool schemas), then a
context message with the member, the date and a worked-out calendar, then the conversation."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from langchain_core.utils.function_calling import convert_to_openai_tool

from assistant.runtime import build_runtime
from assistant.settings import load_settings
from testkit.agent_world import TODAY
from tests.agent.conftest import RuntimeFactory
from tests.agent.helpers import run
from tests.fakes import OpenAIStub, reply, tool_reply
from tools.agent_tools import agent_tools
from tools.agent_tools.registry import REGISTRY
from tools.services import build_services


def provider(stub: OpenAIStub) -> dict[str, Any]:
    return {"ASSISTANT_MODEL": "openai/stub-model", "ASSISTANT_API_BASE": stub.base_url, "ASSISTANT_TIMEOUT_S": 5}


def prefix(request: dict[str, Any]) -> str:
    """What a server reads first: the system message and the tools, as the bytes the provider received."""
    return json.dumps([request["messages"][0], request["tools"]], sort_keys=True)


def test_prefix_is_byte_identical_across_members_and_days(
    make_runtime: RuntimeFactory, openai_stub: OpenAIStub, tmp_path: Any
) -> None:
    openai_stub.script(reply("Hello."), reply("Hello."), reply("Hello."))
    today_rt = make_runtime(None, **provider(openai_stub))
    for member in ("M0001", "M0002"):
        run(today_rt.conversations.send(member_id=member, thread_id=today_rt.conversations.new_thread(member),
                                        text="hi"))
    later = TODAY + timedelta(days=3)
    settings = load_settings(ASSISTANT_DATA_DIR=str(tmp_path / "var-later"), ASSISTANT_SEED_DIR=str(tmp_path / "x"),
                             DATABASE_URL=f"sqlite:///{tmp_path / 'assistant.db'}", **provider(openai_stub))
    later_rt = build_runtime(settings, services=build_services(settings.resolved_database_url, None, today=later),
                             with_index=False)
    try:
        conv = later_rt.conversations
        run(conv.send(member_id="M0001", thread_id=conv.new_thread("M0001"), text="hi"))
    finally:
        later_rt.close()

    first, second, third = openai_stub.requests
    assert prefix(first) == prefix(second) == prefix(third)
    system = first["messages"][0]["content"]
    for varying in ("M0001", "M0002", TODAY.isoformat(), later.isoformat()):
        assert varying not in system
    # The context message comes right after the prefix and carries what varies.
    contexts = [r["messages"][1] for r in (first, second, third)]
    assert all(c["role"] == "system" for c in contexts)
    assert "M0001" in contexts[0]["content"] and "M0002" in contexts[1]["content"]
    assert TODAY.isoformat() in contexts[0]["content"] and later.isoformat() in contexts[2]["content"]
    assert [m["role"] for m in first["messages"][2:]] == ["user"]


def test_the_calendar_gives_the_dates_worked_out(make_runtime: RuntimeFactory, openai_stub: OpenAIStub) -> None:
    openai_stub.script(reply("Hello."))
    rt = make_runtime(None, **provider(openai_stub))
    run(rt.conversations.send(member_id="M0001", thread_id=rt.conversations.new_thread("M0001"), text="hi"))
    context = openai_stub.requests[0]["messages"][1]["content"]
    friday = TODAY + timedelta(days=(4 - TODAY.weekday()) % 7 or 7)
    tomorrow = TODAY + timedelta(days=1)
    assert f"next Fri = {friday.isoformat()}" in context and tomorrow.isoformat() in context
    assert date.fromisoformat(friday.isoformat()).weekday() == 4


def test_tool_schemas_are_compact_but_complete(make_runtime: RuntimeFactory, openai_stub: OpenAIStub) -> None:
    openai_stub.script(reply("Hello."))
    rt = make_runtime(None, **provider(openai_stub))
    run(rt.conversations.send(member_id="M0001", thread_id=rt.conversations.new_thread("M0001"), text="hi"))
    sent = {t["function"]["name"]: t["function"] for t in openai_stub.requests[0]["tools"]}
    # "hi" asks for no booking, cancellation or redemption: those tools are not offered (see test_small_model_guards)
    full = {t.name: convert_to_openai_tool(t)["function"] for t in agent_tools()
            if t.name not in REGISTRY.side_effect_names}
    assert set(sent) == set(full)
    assert len(json.dumps(list(sent.values()))) < 0.5 * len(json.dumps(list(full.values())))
    for name, schema in full.items():  # every required parameter is still offered, none is invented
        params = sent[name]["parameters"]
        assert set(schema["parameters"].get("required", [])) == set(params.get("required", []))
        assert set(params["properties"]) <= set(schema["parameters"]["properties"])
    assert "anyOf" not in json.dumps(sent)


def test_argument_errors_go_back_to_the_model(make_runtime: RuntimeFactory, openai_stub: OpenAIStub) -> None:
    """A limit the compact schema no longer states (here the 1-14 nights) comes back as an error to correct.

    The member names no number, so the range check before the turn has nothing to ask about: the 40 is the
    model's own choice, and only the tool's validation can catch it.
    """
    bad = {"hotel_id": "H0001", "check_in": (TODAY + timedelta(days=9)).isoformat(), "nights": 40}
    openai_stub.script(tool_reply("check_availability", bad), reply("How many nights, at most 14?"))
    rt = make_runtime(None, **provider(openai_stub))
    turn = run(rt.conversations.send(member_id="M0001", thread_id=rt.conversations.new_thread("M0001"),
                                     text="rooms at H0001 for a long stay"))
    assert turn.answer == "How many nights, at most 14?"
    tool_message = openai_stub.requests[1]["messages"][-1]
    assert tool_message["role"] == "tool" and "nights" in tool_message["content"] and "14" in tool_message["content"]
    assert len(openai_stub.requests) == 2  # the model saw the error and answered; nothing was looked up
