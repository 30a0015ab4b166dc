"""The system prompt, rendered per model call for the member in the runtime context."""

from __future__ import annotations

from typing import Any

from langchain.agents.middleware import AgentMiddleware, ModelRequest, dynamic_prompt
from langchain_core.messages import SystemMessage

from assistant.message_meta import dated_system_message
from assistant.middleware.limits import Limits
from assistant.prompts import render_prompt
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.members import member_profile

PROGRAMME_NAME = "Rakuraku Points"


def member_system_prompt(limits: Limits) -> AgentMiddleware[Any, Any]:
    """The system prompt middleware; the tool budget it states is the one the limit middleware enforces."""

    @dynamic_prompt
    def system_prompt(request: ModelRequest) -> SystemMessage:
        """`prompts/system.md.j2` with the member's name and rank and today's date (JST); the date also rides
        along as message metadata, which is where the offline engine reads it."""
        context = request.runtime.context
        if not isinstance(context, AssistantContext):
            raise TypeError("the agent must be invoked with context=AssistantContext(...)")
        profile = member_profile(context.services, context.member_id)
        today = context.services.clock.today()
        text = render_prompt(
            "system.md.j2",
            programme_name=PROGRAMME_NAME,
            member_name=profile.name,
            member_rank=profile.rank,
            today=today.isoformat(),
            max_tool_calls=limits.tool_calls_per_turn,
        )
        return dated_system_message(text, today)

    return system_prompt
