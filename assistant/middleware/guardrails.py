"""Retrieved catalogue text reaches the model as quoted data, never as instructions.

Product descriptions, reviews, hotel and destination guides are written by third parties. The results of the
tools that return such text (`untrusted_output` in the tool registry) are wrapped in
`<catalogue_data tool="...">...</catalogue_data>` (the system prompt says what that means), and any tag-like
text inside that could close or fake the wrapper is neutralised. Side effects need the member's approval
anyway, so injected text cannot book anything.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from langchain.agents.middleware import AgentMiddleware, ToolCallRequest
from langchain_core.messages import ToolMessage
from langgraph.types import Command

from tools.agent_tools.registry import REGISTRY

CATALOGUE_TOOLS = REGISTRY.untrusted_output_names
"""The tools whose results are third-party text (a live view of the registry)."""
OPEN, CLOSE = "<catalogue_data", "</catalogue_data>"
_TAG = re.compile(r"</?\s*catalogue_data[^>]*>", re.IGNORECASE)


def quote_catalogue(tool: str, content: str) -> str:
    """Wrap `content` as quoted third-party data, with any wrapper-like tags inside defused."""
    return f'{OPEN} tool="{tool}">\n{_TAG.sub("[tag removed]", content)}\n{CLOSE}'


def unquote_catalogue(content: str) -> str:
    """The tool's own output from a quoted result (for the UI; the model sees the quoted form)."""
    if content.startswith(OPEN) and content.endswith(CLOSE):
        return content[content.index(">") + 2 : -len(CLOSE) - 1]
    return content


class CatalogueQuoting(AgentMiddleware[Any, Any]):
    """`wrap_tool_call` middleware quoting the results of the catalogue tools."""

    def _quote(self, request: ToolCallRequest, result: ToolMessage | Command[Any]) -> ToolMessage | Command[Any]:
        name = request.tool_call["name"]
        if name in CATALOGUE_TOOLS and isinstance(result, ToolMessage) and isinstance(result.content, str):
            return result.model_copy(update={"content": quote_catalogue(name, result.content)})
        return result

    def wrap_tool_call(
        self,
        request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], ToolMessage | Command[Any]],
    ) -> ToolMessage | Command[Any]:
        return self._quote(request, handler(request))

    async def awrap_tool_call(
        self,
        request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], Awaitable[ToolMessage | Command[Any]]],
    ) -> ToolMessage | Command[Any]:
        return self._quote(request, await handler(request))
