"""A thread's record as the member sees it when they come back, and what its last side effect already did.

The record is rebuilt from the checkpointed messages (member, assistant and tool entries), so it shows what
happened, not what a front end remembers. `already_done` reads it to answer an approval that arrives after
the action ran (a double click, a retry after a crash) with the record's id, instead of a decline.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from jinja2 import UndefinedError
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from pydantic import BaseModel, Field

from assistant.events import ToolCall
from assistant.prompts import render_prompt
from assistant.streaming import message_text, tool_result_event
from assistant.turn_language import latest_language

# The side effects an approval runs, each with its "already done" text in prompts/done/<tool>.j2.
DONE_TOOLS = ("book_hotel", "cancel_booking", "redeem_points")


class TranscriptItem(BaseModel):
    """One entry of a reloaded conversation: a member message, an assistant message, or a tool result."""

    role: Literal["user", "assistant", "tool"]
    text: str
    tool_calls: list[ToolCall] = Field(default_factory=list)
    call_id: str | None = None
    name: str | None = None
    ok: bool = True


def transcript_items(messages: Sequence[Any]) -> list[TranscriptItem]:
    """The thread's checkpointed messages as transcript entries (anything else in the state is left out)."""
    items: list[TranscriptItem] = []
    for message in messages:
        if isinstance(message, HumanMessage):
            items.append(TranscriptItem(role="user", text=message_text(message)))
        elif isinstance(message, AIMessage):
            calls = [ToolCall(call_id=c["id"] or "", name=c["name"], args=c["args"]) for c in message.tool_calls]
            items.append(TranscriptItem(role="assistant", text=message_text(message), tool_calls=calls))
        elif isinstance(message, ToolMessage):
            result = tool_result_event(message)
            items.append(
                TranscriptItem(role="tool", text=result.content, call_id=result.call_id, name=result.name, ok=result.ok)
            )
    return items


def already_done(items: Sequence[TranscriptItem], lang: Literal["en", "ja"] | None = None) -> str | None:
    """What the last side effect on a thread did, named by its record id, if it ran: the honest answer to an
    approval that arrives after the action (a double click, a retry after a crash), instead of a decline.

    Worded from `prompts/done/` in `lang`, by default the language of the member's latest message, so a member
    who writes Japanese reads it in Japanese (`prompts/done/ja/`)."""
    for item in reversed(items):
        if item.role != "tool" or item.name not in DONE_TOOLS:
            continue
        if not item.ok:
            return None
        try:
            result = json.loads(item.text)
        except ValueError:
            return None
        if not isinstance(result, dict) or "error" in result:
            return None
        folder = "done/ja" if (lang or transcript_language(items)) == "ja" else "done"
        try:
            return render_prompt(f"{folder}/{item.name}.j2", **result).strip()
        except UndefinedError:  # a result without the record id: say nothing rather than half a sentence
            return None
    return None


def transcript_language(items: Sequence[TranscriptItem]) -> str:
    """The language of the member's latest message in the transcript."""
    return latest_language(item.text for item in reversed(items) if item.role == "user")
