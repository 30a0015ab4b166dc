"""Reading the conversation the agent hands the offline engine: turns, tool calls and their results.

The engine has no memory of its own and no side channel into the services: everything it knows comes
from the messages. This module turns them into `Turn`s (what the member said, and the tool events that
followed), unwraps quoted catalogue results, recognises confirmations that were approved or rejected
(a rejection with the member's new words starts a new turn), and finds today's date in the system prompt.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage

from assistant.message_meta import message_today

_WROTE_INSTEAD = re.compile(r"wrote instead:\s*(.+)$", re.DOTALL)
_REJECTED = "User rejected the tool call"
# LangChain's SummarizationMiddleware marks the message that replaces old turns (pinned by
# tests/agent/test_langchain_contract.py).
_SUMMARY_SOURCE = "summarization"


def text_of(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return " ".join(str(b.get("text", "")) if isinstance(b, dict) else str(b) for b in content)


def unwrap(content: str) -> str:
    """A tool's own output from the quoted form the guardrail middleware gives the model."""
    stripped = content.strip()
    if stripped.startswith("<catalogue_data") and stripped.endswith("</catalogue_data>"):
        return stripped[stripped.index(">") + 1 : -len("</catalogue_data>")].strip()
    return stripped


@dataclass
class ToolEvent:
    call_id: str
    name: str
    args: dict[str, Any]
    result: Any = None  # parsed JSON of the result (None until the result arrives or if not JSON)
    text: str = ""
    done: bool = False
    rejected: bool = False

    @property
    def error(self) -> str | None:
        """The domain error code of a result, if the tool reported one."""
        if isinstance(self.result, dict) and "error" in self.result:
            return str(self.result.get("error"))
        return None

    @property
    def ok(self) -> bool:
        return self.done and not self.rejected and self.error is None and self.result is not None


@dataclass
class Turn:
    index: int
    text: str
    events: list[ToolEvent] = field(default_factory=list)
    answer: str | None = None  # what the engine (or another model) answered at the end of the turn
    answer_meta: dict[str, Any] = field(default_factory=dict)
    said: str = ""  # the member's own words when `text` is their English reading (a Japanese message)

    def last(self, name: str) -> ToolEvent | None:
        for event in reversed(self.events):
            if event.name == name:
                return event
        return None

    def called(self, name: str) -> bool:
        return self.last(name) is not None


@dataclass
class History:
    turns: list[Turn]
    today: date | None
    seed: int  # stable per conversation: drives the wording choices and tool call ids

    @property
    def current(self) -> Turn:
        return self.turns[-1]

    @property
    def earlier(self) -> list[Turn]:
        return self.turns[:-1]


def read_history(messages: Sequence[BaseMessage]) -> History:
    turns: list[Turn] = []
    today: date | None = None
    pending: dict[str, ToolEvent] = {}
    for message in messages:
        if isinstance(message, SystemMessage):
            today = message_today(message) or today
        elif isinstance(message, HumanMessage):
            text = text_of(message)
            if message.additional_kwargs.get("lc_source") == _SUMMARY_SOURCE:
                continue
            turns.append(Turn(len(turns), text.strip()))
        elif isinstance(message, AIMessage):
            if not turns:
                turns.append(Turn(0, ""))
            for call in message.tool_calls:
                event = ToolEvent(str(call.get("id") or ""), call["name"], dict(call.get("args") or {}))
                turns[-1].events.append(event)
                pending[event.call_id] = event
            if not message.tool_calls and text_of(message).strip():
                turns[-1].answer = text_of(message)
                turns[-1].answer_meta = dict(message.response_metadata.get("offline") or {})
        elif isinstance(message, ToolMessage):
            if message.tool_call_id not in pending:
                continue
            event = pending.pop(message.tool_call_id)
            raw = unwrap(text_of(message))
            event.text, event.done = raw, True
            if raw.startswith(_REJECTED):
                event.rejected = True
                wrote = _WROTE_INSTEAD.search(raw)
                if wrote:
                    turns.append(Turn(len(turns), wrote[1].strip()))
                continue
            try:
                event.result = json.loads(raw)
            except ValueError:
                event.result = {"error": "text", "message": raw} if message.status == "error" else None
    if not turns:
        turns.append(Turn(0, ""))
    digest = hashlib.sha256("\n".join(t.text for t in turns).encode()).digest()
    return History(turns, today, int.from_bytes(digest[:8], "big"))
