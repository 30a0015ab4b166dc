"""Long conversations never overflow the model's context: old turns are summarised by LangChain's
SummarizationMiddleware once the history passes a token budget, keeping the most recent messages verbatim
(it never separates a tool call from its result).

With a real LLM the model writes the summary. With the offline engine (or a scripted test model) an
extractive summary is used instead: the member's requests and the ids the assistant worked with, which is
what later turns need, at no model cost and deterministically.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from langchain.agents.middleware import SummarizationMiddleware
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AnyMessage, BaseMessage, HumanMessage, ToolMessage

_ID = re.compile(r"\b(?:P\d{4,}|H\d{3,}(?:-R\d+)?|D\d{3,}|B[0-9A-Z]{4,}|T[0-9A-Z]{4,})\b")


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return " ".join(str(b.get("text", "")) if isinstance(b, dict) else str(b) for b in content)


def extractive_summary(messages: Sequence[AnyMessage]) -> str:
    """What the member asked (in order) and the ids that came up, in a few hundred characters."""
    asks = [_text(m)[:160] for m in messages if isinstance(m, HumanMessage)]
    ids: list[str] = []
    tools: list[str] = []
    for m in messages:
        if isinstance(m, AIMessage):
            tools += [tc["name"] for tc in m.tool_calls]
        if isinstance(m, ToolMessage | AIMessage):
            for found in _ID.findall(_text(m)):
                if found not in ids:
                    ids.append(found)
    lines = ["Earlier in this conversation:"]
    lines += [f"- the member asked: {a}" for a in asks[-8:]]
    if tools:
        lines.append("- tools used: " + ", ".join(dict.fromkeys(tools)))
    if ids:
        lines.append("- ids mentioned: " + ", ".join(ids[-20:]))
    return "\n".join(lines)


def context_window_middleware(
    model: BaseChatModel, *, at_tokens: int, keep_messages: int, use_model: bool
) -> SummarizationMiddleware[Any, Any]:
    return SummarizationMiddleware(
        model,
        trigger=("tokens", at_tokens),
        keep=("messages", keep_messages),
        summarizer=None if use_model else extractive_summary,
    )
