"""The typed event stream of one chat turn: the single contract the UI, the API, the CLI and the eval
runner consume, whatever model drives the agent.

A turn yields, in order: zero or more `ToolCall`/`ToolResult` pairs and `TextDelta`s as they happen, then
exactly one of `PendingAction` (the agent paused for the member's approval) or nothing more, then
`TurnEnd`. Errors the member should see arrive as `Notice`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True)


class TextDelta(_Event):
    """A piece of the assistant's answer, streamed as it is produced."""

    kind: Literal["text"] = "text"
    text: str


class ToolCall(_Event):
    """The model asked for a tool; shown to the member as a collapsible step."""

    kind: Literal["tool_call"] = "tool_call"
    call_id: str
    name: str
    args: dict[str, Any]


class ToolResult(_Event):
    """What the tool returned (compact JSON text), or the error text the model was given."""

    kind: Literal["tool_result"] = "tool_result"
    call_id: str
    name: str
    content: str
    ok: bool = True
    # Structured payload for cards (products, hotels, quotes); None when the tool returned plain text.
    data: dict[str, Any] | list[Any] | None = None


class PendingAction(_Event):
    """A side effect waiting for the member: exactly what will happen, and how to approve or reject it."""

    kind: Literal["pending_action"] = "pending_action"
    action_id: str  # the tool call id the decision refers to
    tool: str  # book_hotel | cancel_booking | redeem_points
    args: dict[str, Any]
    summary: str  # "Book Hotel X, Twin room, 3-5 Dec (2 nights), 2 adults: 24,000 JPY, 240 points earned"
    details: dict[str, Any] = Field(default_factory=dict)  # price, points, policy: what the member approves


class Notice(_Event):
    """Something the member should know that is not the answer (provider down, limit reached)."""

    kind: Literal["notice"] = "notice"
    level: Literal["info", "warning", "error"] = "info"
    text: str


class TurnEnd(_Event):
    """The turn is over; `answer` is the full text of the assistant's reply."""

    kind: Literal["turn_end"] = "turn_end"
    thread_id: str
    answer: str
    pending: PendingAction | None = None
    model: str = ""
    usage: dict[str, int] = Field(default_factory=dict)


TurnEvent = TextDelta | ToolCall | ToolResult | PendingAction | Notice | TurnEnd
