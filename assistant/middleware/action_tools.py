"""Side-effect tools are offered to an LLM only when the member asks for such an action.

A small model offered every tool on every call sometimes calls `book_hotel` or `redeem_points` that nobody
asked for, with invented ids: the approval step stops it, but the request fails. So on the LLM path the
side-effect tools (the registry's `side_effect` flag) are offered only when the member's latest message asks
for that action (`prompts/agent/action_requests.yaml`, English and Japanese) or when the current request
already holds a side-effect call (awaiting approval, or approved and being answered). The other tools come
first in a fixed order and the side-effect tools last, so a request with and one without them share the
longest possible prompt prefix (a server's prefix cache keeps working).

The offline engine decides from its own understanding of the message and keeps every tool.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

import yaml
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage
from langchain_core.tools import BaseTool

from assistant.prompts import PROMPTS_DIR
from tools.agent_tools.registry import REGISTRY

REQUESTS_FILE = PROMPTS_DIR / "agent" / "action_requests.yaml"
ANY = "any"


@cache
def action_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Tool name (or "any") -> the patterns of a member's message asking for it."""
    data = yaml.safe_load(REQUESTS_FILE.read_text(encoding="utf-8")) or {}
    return {
        str(name): tuple(re.compile(str(pattern), re.IGNORECASE) for pattern in patterns or ())
        for name, patterns in data.items()
    }


def _text(message: AnyMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return " ".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)


def asked_actions(text: str) -> set[str]:
    """The side-effect tools a member's message asks for ("any" for a go-ahead)."""
    return {name for name, patterns in action_patterns().items() if any(p.search(text) for p in patterns)}


def _latest_request(messages: Sequence[AnyMessage]) -> tuple[str, list[AnyMessage]]:
    for index in range(len(messages) - 1, -1, -1):
        if isinstance(messages[index], HumanMessage):
            return _text(messages[index]), list(messages[index + 1 :])
    return "", list(messages)


def _name(tool: BaseTool | dict[str, Any]) -> str:
    if isinstance(tool, dict):
        return str(tool.get("function", tool).get("name", ""))
    return tool.name


def offered_tools(
    tools: Sequence[BaseTool | dict[str, Any]], messages: Sequence[AnyMessage]
) -> list[BaseTool | dict[str, Any]]:
    """`tools` with the side-effect tools last, and only those the member's latest message asks for."""
    text, since = _latest_request(messages)
    asked = asked_actions(text)
    in_progress = {
        call["name"] for m in since if isinstance(m, AIMessage) for call in m.tool_calls
    } & set(REGISTRY.side_effect_names)
    side_effects = [t for t in tools if _name(t) in REGISTRY.side_effect_names]
    if ANY not in asked and not in_progress:
        side_effects = [t for t in side_effects if _name(t) in asked]
    return [*(t for t in tools if _name(t) not in REGISTRY.side_effect_names), *side_effects]
