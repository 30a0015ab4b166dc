"""The LangChain behaviours the agent is built on, pinned so that a langchain upgrade that changes them
fails here, loudly, rather than changing the member's dialogue silently.

Each test builds a tiny agent with `create_agent`, the middleware configured the way `assistant/middleware`
configures it, a scripted model and an in-memory checkpointer, and asserts what the rest of the product
reads: the interrupt payload and how a resume runs (or does not run) the tool, the message the
summariser leaves behind, and what the call limits do to the run. Where the product still reads a
LangChain-written string (`assistant/offline/history.py`, `assistant/streaming.py`), the test pins that
string too.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from langchain.agents import create_agent
from langchain.agents.middleware import (
    AgentMiddleware,
    HumanInTheLoopMiddleware,
    InterruptOnConfig,
    ModelCallLimitMiddleware,
    SummarizationMiddleware,
    ToolCallLimitMiddleware,
)
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import tool
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from testkit.scripted_model import ScriptedChatModel, call, calls, say


class Counter:
    """What the side-effecting tool did: a test asserts on this, not on any wording."""

    def __init__(self) -> None:
        self.booked: list[str] = []


def _agent(model: ScriptedChatModel, middleware: Sequence[AgentMiddleware[Any, Any]], counter: Counter) -> Any:
    @tool
    def book_room(room: str) -> str:
        """Book a room (a side effect)."""
        counter.booked.append(room)
        return f'{{"booked": "{room}"}}'

    @tool
    def look_up(query: str) -> str:
        """Read-only lookup."""
        return f'{{"found": "{query}"}}'

    return create_agent(model, tools=[book_room, look_up], middleware=list(middleware), checkpointer=InMemorySaver())


def _config() -> RunnableConfig:
    return {"configurable": {"thread_id": f"contract-{uuid.uuid4().hex[:8]}"}}


def _confirmation() -> HumanInTheLoopMiddleware[Any, Any]:
    # As assistant/middleware/confirmation.py: approve or reject only, with a description callable.
    config = InterruptOnConfig(
        allowed_decisions=["approve", "reject"], description=lambda call, state, runtime: f"book {call['args']}"
    )
    return HumanInTheLoopMiddleware(interrupt_on={"book_room": config})


def _messages(agent: Any, config: RunnableConfig) -> list[AnyMessage]:
    return list(agent.get_state(config).values["messages"])


# --- human in the loop ----------------------------------------------------------------------------------


def _paused_booking(counter: Counter, after: AIMessage) -> tuple[Any, RunnableConfig, ScriptedChatModel]:
    model = ScriptedChatModel([call("book_room", {"room": "R1"}, id="call-book"), after])
    agent = _agent(model, [_confirmation()], counter)
    config = _config()
    agent.invoke({"messages": [HumanMessage("book R1")]}, config)
    return agent, config, model


def test_a_side_effect_pauses_with_its_call_in_the_interrupt_and_does_not_run() -> None:
    counter = Counter()
    agent, config, _ = _paused_booking(counter, say("done"))
    interrupts = list(agent.get_state(config).interrupts)
    assert len(interrupts) == 1
    request = interrupts[0].value["action_requests"][0]  # Conversations._action_requests reads this shape
    assert (request["name"], request["args"]) == ("book_room", {"room": "R1"})
    assert request["description"] == "book {'room': 'R1'}"
    assert counter.booked == []


def test_approve_resumes_and_runs_the_tool_once() -> None:
    counter = Counter()
    agent, config, model = _paused_booking(counter, say("booked"))
    agent.invoke(Command(resume={"decisions": [{"type": "approve"}]}), config)
    assert counter.booked == ["R1"]
    assert agent.get_state(config).interrupts == ()
    results = [m for m in _messages(agent, config) if isinstance(m, ToolMessage)]
    assert [(m.tool_call_id, m.status) for m in results] == [("call-book", "success")]
    model.assert_all_used()


def test_reject_resumes_without_running_the_tool_and_tells_the_model_why() -> None:
    counter = Counter()
    agent, config, model = _paused_booking(counter, say("not booked"))
    agent.invoke(Command(resume={"decisions": [{"type": "reject", "message": "too dear"}]}), config)
    assert counter.booked == []
    results = [m for m in _messages(agent, config) if isinstance(m, ToolMessage)]
    assert [(m.tool_call_id, m.status) for m in results] == [("call-book", "error")]
    # assistant/offline/history.py recognises a rejection by this prefix, and the member's note after it.
    assert str(results[0].content).startswith("User rejected the tool call")
    assert "too dear" in str(results[0].content)
    # The model was called again after the rejection, with the rejection in its input.
    assert any(isinstance(m, ToolMessage) and m.status == "error" for m in model.calls[-1].messages)


# --- summarisation ---------------------------------------------------------------------------------------


def test_summarisation_replaces_old_turns_with_one_marked_message_and_keeps_recent_ones() -> None:
    summarised: list[int] = []

    def summarizer(messages: Sequence[AnyMessage]) -> str:
        summarised.append(len(messages))
        return "the member asked about rooms"

    middleware = SummarizationMiddleware(
        ScriptedChatModel([]), trigger=("messages", 6), keep=("messages", 2), summarizer=summarizer
    )
    model = ScriptedChatModel([say(f"answer {i}") for i in range(5)])
    agent = _agent(model, [middleware], Counter())
    config = _config()
    for i in range(5):
        agent.invoke({"messages": [HumanMessage(f"question {i}")]}, config)
    assert summarised, "the summariser was never called past the trigger"
    first = model.calls[-1].messages[0]
    assert isinstance(first, HumanMessage)
    # The offline engine skips the summary by this marker (and, for older checkpoints, by this prefix).
    assert first.additional_kwargs.get("lc_source") == "summarization"
    assert str(first.content).startswith("Here is a summary of the conversation")
    assert "the member asked about rooms" in str(first.content)
    assert str(model.calls[-1].messages[-1].content) == "question 4"


# --- call limits -----------------------------------------------------------------------------------------


def test_model_call_limit_ends_the_run_with_an_answer_from_the_limit_node() -> None:
    model = ScriptedChatModel([call("look_up", {"query": f"q{i}"}) for i in range(5)])
    agent = _agent(model, [ModelCallLimitMiddleware(run_limit=2, exit_behavior="end")], Counter())
    config = _config()
    nodes: list[str] = []
    for update in agent.stream({"messages": [HumanMessage("loop")]}, config, stream_mode="updates"):
        for node, value in update.items():
            messages = value.get("messages", []) if isinstance(value, dict) else []
            if any(isinstance(m, AIMessage) and not m.tool_calls for m in messages):
                nodes.append(node)
    assert model.used == 2
    final = _messages(agent, config)[-1]
    assert isinstance(final, AIMessage) and not final.tool_calls and str(final.content)
    # assistant/streaming.py tells the limit's answer apart from the model's by the node that wrote it.
    assert len(nodes) == 1 and nodes[0].startswith(ModelCallLimitMiddleware.__name__)


def test_tool_call_limit_continue_refuses_the_extra_calls_as_error_results() -> None:
    counter = Counter()
    model = ScriptedChatModel(
        [calls(("look_up", {"query": "a"}), ("look_up", {"query": "b"}), ("look_up", {"query": "c"})), say("ok")]
    )
    agent = _agent(model, [ToolCallLimitMiddleware(run_limit=2, exit_behavior="continue")], counter)
    config = _config()
    agent.invoke({"messages": [HumanMessage("three lookups")]}, config)
    results = [m for m in _messages(agent, config) if isinstance(m, ToolMessage)]
    assert sorted(m.status for m in results) == ["error", "success", "success"]  # two ran, one was refused
    refused = next(m for m in results if m.status == "error")
    assert "found" not in str(refused.content)
    model.assert_all_used()
