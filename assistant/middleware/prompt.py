"""The prompt, laid out so that a model server can reuse its work across conversations.

A server's prefix (KV) cache only helps while the start of the prompt is byte-identical, and a local model on
a small machine spends most of a turn reading the prompt. So the prompt is built in two parts:

1. a static prefix: `prompts/system.md.j2` (instructions, no member, no date) followed by the tool schemas
   (`assistant.middleware.compact_tools`), identical for every member and every day;
2. then a short context message (`prompts/agent/context.md.j2`): the member's name and rank, today's date and
   a calendar with the dates a member is likely to name already worked out ("next Friday = 2026-12-04"), so a
   small model copies a date instead of doing calendar arithmetic; then the conversation.

The date also rides along as message metadata on the system message (`assistant.message_meta`), which is where
the offline engine reads it; the offline engine gets neither the context message nor the compact schemas, so
what it sees is unchanged.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

from langchain.agents.middleware import AgentMiddleware, ModelRequest, dynamic_prompt
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import SystemMessage

from assistant.message_meta import dated_system_message
from assistant.middleware.action_tools import offered_tools
from assistant.middleware.compact_tools import compact_tool
from assistant.middleware.limits import Limits
from assistant.middleware.request_rewrite import RequestRewrite
from assistant.prompts import render_prompt
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.members import member_profile

PROGRAMME_NAME = "Rakuraku Points"
CONTEXT_KEY = "assistant_context"  # marks the context message (metadata, not sent to a provider)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Model types that get the prompt as before: the offline engine reads data, not prose.
_UNCHANGED_MODEL_TYPES = frozenset({"offline-engine"})


@cache
def static_system_text(max_tool_calls: int) -> str:
    """The system prompt: the same bytes for every member and every day."""
    return render_prompt("system.md.j2", programme_name=PROGRAMME_NAME, max_tool_calls=max_tool_calls)


def _context(request: ModelRequest) -> AssistantContext:
    context = request.runtime.context
    if not isinstance(context, AssistantContext):
        raise TypeError("the agent must be invoked with context=AssistantContext(...)")
    return context


def member_system_prompt(limits: Limits) -> AgentMiddleware[Any, Any]:
    """The system prompt middleware; the tool budget it states is the one the limit middleware enforces."""

    @dynamic_prompt
    def system_prompt(request: ModelRequest) -> SystemMessage:
        """The static `prompts/system.md.j2`, carrying today's date (JST) as metadata for the offline engine."""
        today = _context(request).services.clock.today()
        return dated_system_message(static_system_text(limits.tool_calls_per_turn), today)

    return system_prompt


def _day(d: date, *, short: bool = False) -> str:
    name = _WEEKDAYS[d.weekday()]
    return f"{name[:3] if short else name} {d.isoformat()}"


def calendar(today: date) -> str:
    """The dates a member is likely to name, worked out: "next Friday" (and a bare "Friday") is the first
    Friday strictly after today, "this weekend" the coming Saturday and Sunday (the offline engine's reading)."""
    parts = [f"tomorrow = {_day(today + timedelta(days=1), short=True)}"]
    saturday = today + timedelta(days=(5 - today.weekday()) % 7)
    parts.append(f"this weekend = {_day(saturday, short=True)} to {_day(saturday + timedelta(days=1), short=True)}")
    for ahead in range(1, 8):
        day = today + timedelta(days=ahead)
        parts.append(f"next {_WEEKDAYS[day.weekday()][:3]} = {day.isoformat()}")
    next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    parts.append(f"next month starts {next_month.isoformat()}")
    return "; ".join(parts) + "."


def context_message(request: ModelRequest) -> SystemMessage:
    """The member, the date and the calendar: the part of the prompt that changes per member and per day."""
    context = _context(request)
    profile = member_profile(context.services, context.member_id)
    today = context.services.clock.today()
    text = render_prompt(
        "agent/context.md.j2",
        member_name=profile.name,
        member_rank=profile.rank,
        today=_day(today),
        calendar=calendar(today),
    )
    return SystemMessage(content=text, additional_kwargs={CONTEXT_KEY: True})


def uses_llm_layout(model: BaseChatModel) -> bool:
    return getattr(model, "_llm_type", "") not in _UNCHANGED_MODEL_TYPES


class PromptLayout(RequestRewrite):
    """For an LLM: the context message after the static prefix, and the compact tool schemas (the side-effect
    ones only when the member asks for such an action: `assistant.middleware.action_tools`).

    It sits inside the fallback middleware, so a request that falls back to the offline engine reaches it
    in the engine's own form."""

    def rewrite(self, request: ModelRequest) -> ModelRequest:
        if not uses_llm_layout(request.model):
            return request
        return request.override(
            messages=[context_message(request), *request.messages],
            tools=[compact_tool(tool) for tool in offered_tools(request.tools, request.messages)],
        )
