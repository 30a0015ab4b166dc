"""The system prompt, rendered per model call for the member in the runtime context."""

from __future__ import annotations

from langchain.agents.middleware import ModelRequest, dynamic_prompt

from assistant.prompts import render_prompt
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.members import member_profile

PROGRAMME_NAME = "Rakuraku Points"
MAX_TOOL_CALLS = 20


@dynamic_prompt
def member_system_prompt(request: ModelRequest) -> str:
    """`prompts/system.md.j2` with the member's name and rank and today's date (JST)."""
    context = request.runtime.context
    if not isinstance(context, AssistantContext):
        raise TypeError("the agent must be invoked with context=AssistantContext(...)")
    profile = member_profile(context.services, context.member_id)
    return render_prompt(
        "system.md.j2",
        programme_name=PROGRAMME_NAME,
        member_name=profile.name,
        member_rank=profile.rank,
        today=context.services.clock.today().isoformat(),
        max_tool_calls=MAX_TOOL_CALLS,
    )
