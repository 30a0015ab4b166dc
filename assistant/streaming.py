"""LangGraph's stream of one agent run -> the typed `TurnEvent`s every front end consumes.

The graph is streamed with `stream_mode=["messages", "updates"]`: "messages" carries the model's tokens as
they are produced (TextDelta), "updates" carries each node's result (the model's tool calls -> ToolCall,
the tool node's messages -> ToolResult, `__interrupt__` -> PendingAction). The caller adds the TurnEnd.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from langchain.agents.middleware import ModelCallLimitMiddleware, ToolCallLimitMiddleware
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, ToolMessage

from assistant.events import Notice, TextDelta, ToolCall, ToolResult, TurnEvent
from assistant.middleware.guardrails import unquote_catalogue

MODEL_NODE = "model"
# The graph nodes of the call-limit middleware are named after their class (`<Class>.before_model`), pinned
# by tests/agent/test_langchain_contract.py: an answer from one of them is the limit speaking, not the model.
LIMIT_NODES = tuple(f"{cls.__name__}." for cls in (ModelCallLimitMiddleware, ToolCallLimitMiddleware))


def message_text(message: BaseMessage) -> str:
    """Plain text of a message whose content may be a string or a list of content blocks."""
    content = message.content
    if isinstance(content, str):
        return content
    parts = []
    for block in content:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, dict) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "".join(parts)


def tool_result_event(message: ToolMessage) -> ToolResult:
    content = message_text(message)
    shown = unquote_catalogue(content)
    data: Any = None
    try:
        data = json.loads(shown)
    except ValueError:
        data = None
    ok = message.status != "error" and not (isinstance(data, dict) and "error" in data)
    return ToolResult(
        call_id=message.tool_call_id,
        name=message.name or "",
        content=shown,
        ok=ok,
        data=data if isinstance(data, dict | list) else None,
    )


@dataclass
class TurnCollector:
    """State of one turn's stream: what was said, which messages streamed, token usage, the interrupt."""

    answer_parts: list[str] = field(default_factory=list)
    streamed_ids: set[str] = field(default_factory=set)
    usage: dict[str, int] = field(default_factory=dict)
    interrupts: list[Any] = field(default_factory=list)
    _current_id: str | None = None

    @property
    def answer(self) -> str:
        return "\n\n".join(p.strip() for p in self.answer_parts if p.strip())

    def _append(self, message_id: str | None, text: str) -> None:
        if message_id != self._current_id or not self.answer_parts:
            self.answer_parts.append("")
            self._current_id = message_id
        self.answer_parts[-1] += text

    def _usage(self, message: AIMessage) -> None:
        for key, value in (message.usage_metadata or {}).items():
            if isinstance(value, int):
                self.usage[key] = self.usage.get(key, 0) + value

    def events(self, stream: Iterable[Any]) -> Iterator[TurnEvent]:
        for mode, payload in stream:
            if mode == "messages":
                yield from self._on_token(*payload)
            elif mode == "updates":
                yield from self._on_update(payload)

    def _on_token(self, chunk: BaseMessage, metadata: dict[str, Any]) -> Iterator[TurnEvent]:
        if metadata.get("langgraph_node") != MODEL_NODE or not isinstance(chunk, AIMessageChunk):
            return
        text = message_text(chunk)
        if text:
            if chunk.id:
                self.streamed_ids.add(chunk.id)
            self._append(chunk.id, text)
            yield TextDelta(text=text)

    def _on_update(self, update: dict[str, Any]) -> Iterator[TurnEvent]:
        for node, value in update.items():
            if node == "__interrupt__":
                self.interrupts.extend(value)
                continue
            if not isinstance(value, dict):
                continue
            messages = value.get("messages") or []
            for message in messages if isinstance(messages, list) else [messages]:
                yield from self._on_message(node, message)

    def _on_message(self, node: str, message: Any) -> Iterator[TurnEvent]:
        if isinstance(message, ToolMessage):
            yield tool_result_event(message)
        elif isinstance(message, AIMessage) and node == MODEL_NODE:
            self._usage(message)
            text = message_text(message)
            if text and message.id not in self.streamed_ids:
                # The model did not stream (or streamed elsewhere): deliver its text in one piece.
                self._append(message.id, text)
                yield TextDelta(text=text)
            for call in message.tool_calls:
                yield ToolCall(call_id=call["id"] or "", name=call["name"], args=call["args"])
        elif (
            isinstance(message, AIMessage) and node.startswith(LIMIT_NODES) and not message.tool_calls
            and message_text(message)
        ):
            # A call-limit middleware ended the turn: say so, as the answer and as a notice.
            text = message_text(message)
            self._append(message.id, text)
            yield Notice(level="warning", text=text)
            yield TextDelta(text=text)
