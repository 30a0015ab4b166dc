"""Human-in-the-loop confirmation of every side effect, with exactly what will happen.

LangChain's HumanInTheLoopMiddleware pauses the run (a LangGraph interrupt, checkpointed, so it survives a
restart) before every tool the registry marks as a side effect (`book_hotel`, `cancel_booking`,
`redeem_points`). Its description callable asks the tool's registry entry for a preview (the quote: price,
nights, points used and earned, cancellation policy; or the cancellation fee; or the balance after a
redemption) and returns it as JSON `{"summary", "details"}`, which
`assistant.conversation` turns into a `PendingAction`. Only approve and reject are allowed: the member
cannot be tricked into an edited call, and a rejection writes nothing.
"""

from __future__ import annotations

import json
from typing import Any

from langchain.agents.middleware import AgentState, HumanInTheLoopMiddleware, InterruptOnConfig
from langchain_core.messages import ToolCall
from langgraph.runtime import Runtime

from tools.agent_tools.context import AssistantContext
from tools.agent_tools.previews import preview_action
from tools.agent_tools.registry import REGISTRY


def describe_action(tool_call: ToolCall, state: AgentState[Any], runtime: Runtime[Any]) -> str:
    """The description attached to the interrupt: JSON with a one-line summary and the figures."""
    context = runtime.context
    if not isinstance(context, AssistantContext):
        raise TypeError("the agent must be invoked with context=AssistantContext(...)")
    preview = preview_action(tool_call["name"], tool_call["args"], context)
    return json.dumps({"summary": preview.summary, "details": preview.details, "ok": preview.ok}, default=str)


def parse_description(description: str) -> tuple[str, dict[str, Any], bool]:
    """(summary, details, ok) from a description written by `describe_action` (or plain text)."""
    try:
        data = json.loads(description)
        return str(data["summary"]), dict(data.get("details") or {}), bool(data.get("ok", True))
    except (ValueError, KeyError, TypeError):
        return description, {}, True


def confirmation_middleware() -> HumanInTheLoopMiddleware[Any, Any]:
    config = InterruptOnConfig(allowed_decisions=["approve", "reject"], description=describe_action)
    return HumanInTheLoopMiddleware(interrupt_on={name: config for name in sorted(REGISTRY.side_effect_names)})
