"""Unexpected tool failures become text the model can act on, never a crashed turn.

Domain errors (not found, sold out, not enough points) and argument errors are already returned as text by
the tools and by LangGraph's ToolNode; this middleware catches everything else (a database outage, a bug)
and tells the model, without internals, that the service failed, so it can apologise or try another way.
"""

from __future__ import annotations

import logging
from typing import Any

from langchain.agents.middleware import ToolCallRequest, ToolErrorMiddleware

from assistant.logs import get_logger
from tools.agent_tools.base import error_text

log = get_logger("tools")


def _on_error(exc: Exception, request: ToolCallRequest) -> str:
    name = request.tool_call["name"]
    log.log(logging.ERROR, "tool %s failed with %s", name, type(exc).__name__, exc_info=exc)
    # `message` may reach a member (the offline engine answers with it); the instruction is a `hint`, which no
    # front end shows (tools.agent_tools.base.error_text).
    return error_text(
        "service_unavailable",
        "The service is temporarily unavailable and nothing was changed.",
        hint=f"The {name} service failed unexpectedly. Tell the member it is temporarily unavailable; "
        "do not retry more than once.",
    )


def tool_error_middleware() -> ToolErrorMiddleware[Any, Any]:
    return ToolErrorMiddleware(on_error=_on_error)
