"""The agent graph: LangChain 1.x `create_agent` with the domain tools, the member context schema, the
middleware stack and a checkpointer. Nothing here loops by hand: the loop, the confirmation pause, the
limits and the fallback are LangChain/LangGraph middleware and nodes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain.agents import create_agent
from langchain_core.language_models import BaseChatModel
from langchain_core.tools import BaseTool
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph.state import CompiledStateGraph

from assistant.middleware import Limits, build_middleware
from tools.agent_tools import agent_tools
from tools.agent_tools.context import AssistantContext


def create_assistant_agent(
    model: BaseChatModel,
    *,
    checkpointer: BaseCheckpointSaver[Any] | None,
    tools: Sequence[BaseTool] | None = None,
    fallbacks: Sequence[BaseChatModel] = (),
    limits: Limits | None = None,
    llm_summaries: bool = False,
) -> CompiledStateGraph[Any, Any, Any, Any]:
    """The compiled agent; invoke it with `context=AssistantContext(...)` and a `thread_id` config."""
    return create_agent(
        model,
        tools=list(tools) if tools is not None else agent_tools(),
        middleware=build_middleware(model, limits=limits, fallbacks=fallbacks, llm_summaries=llm_summaries),
        context_schema=AssistantContext,
        checkpointer=checkpointer,
        name="member_assistant",
    )
