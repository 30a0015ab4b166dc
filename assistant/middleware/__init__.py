"""The agent's middleware stack: LangChain 1.x middleware, configured for the member assistant.

Order matters (the first wraps the rest): the static system prompt; context-window control (summarise old
turns); model and tool call limits; the provider fallback; the loop guard (a repeated identical tool call is
not re-run, and an LLM then answers without tools); for an LLM, the per-member context message, the compact
tool schemas and the side-effect tools only when asked for (inside the fallback, so the offline engine never
sees them); human-in-the-loop
confirmation of side effects; unexpected tool failures as text; retrieved catalogue text quoted as data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain.agents.middleware import (
    AgentMiddleware,
    ModelCallLimitMiddleware,
    ModelFallbackMiddleware,
    ToolCallLimitMiddleware,
)
from langchain_core.language_models import BaseChatModel

from assistant.middleware.confirmation import confirmation_middleware
from assistant.middleware.context_window import context_window_middleware
from assistant.middleware.errors import tool_error_middleware
from assistant.middleware.guardrails import CatalogueQuoting
from assistant.middleware.limits import Limits
from assistant.middleware.loop_guard import LoopGuard
from assistant.middleware.prompt import PromptLayout, member_system_prompt


def build_middleware(
    model: BaseChatModel,
    *,
    limits: Limits | None = None,
    fallbacks: Sequence[BaseChatModel] = (),
    llm_summaries: bool = False,
) -> list[AgentMiddleware[Any, Any]]:
    limits = limits or Limits()
    stack: list[AgentMiddleware[Any, Any]] = [
        member_system_prompt(limits),
        context_window_middleware(
            model, at_tokens=limits.summarise_at_tokens, keep_messages=limits.keep_messages, use_model=llm_summaries
        ),
        ModelCallLimitMiddleware(run_limit=limits.model_calls_per_turn, exit_behavior="end"),
        ToolCallLimitMiddleware(run_limit=limits.tool_calls_per_turn, exit_behavior="continue"),
    ]
    if fallbacks:
        stack.append(ModelFallbackMiddleware(*fallbacks))
    stack += [LoopGuard(), PromptLayout(), confirmation_middleware(), tool_error_middleware(), CatalogueQuoting()]
    return stack


__all__ = ["Limits", "build_middleware"]
