"""Pure translation from turn events to Gradio chat messages (no Gradio event wiring here).

A turn becomes: the member's message, one collapsible step per tool call (`ChatMessage.metadata` with a
title and a pending/done status), a card strip after product and hotel results, and the answer streamed
into one bubble. Keeping this pure lets the tests check what a member sees without a browser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import gradio as gr

from assistant.events import Notice, PendingAction, TextDelta, ToolCall, ToolResult, TurnEnd, TurnEvent
from assistant.guardrails import error_code
from assistant.web.cards import NameLookup, PointsLookup, cards_for_tool, pending_card, safe_model_text, text
from assistant.web.ui_text import ALL_DECISION_LABELS, TOOL_TITLES_JA, Lang, decision_labels, t
from tools.agent_tools.registry import REGISTRY

ChatItem = gr.ChatMessage | dict[str, Any]

TOOL_LABELS = REGISTRY.labels
"""Tool name -> what the chat shows while it runs (a live view of the tool registry)."""


def tool_title(name: str, lang: Lang = "en") -> str:
    if lang == "ja" and name in TOOL_TITLES_JA:
        return TOOL_TITLES_JA[name]
    return TOOL_LABELS.get(name, name.replace("_", " ").capitalize())


def _args_line(args: dict[str, Any], lang: Lang) -> str:
    shown = [f"{key}: {value}" for key, value in args.items() if value not in (None, "", [], {})]
    return safe_model_text(" · ".join(shown)) or t(lang, "no_arguments")


_SINGULAR = {"products": "product", "hotels": "hotel", "results": "result", "items": "item",
             "bookings": "booking", "plans": "plan", "destinations": "destination"}


def _result_line(result: ToolResult, lang: Lang) -> str:
    data: Any = result.data
    if data is None:
        try:
            data = json.loads(result.content)
        except ValueError:
            data = None
    if isinstance(data, dict):
        for key in ("products", "hotels", "results", "items", "bookings", "plans", "destinations"):
            if isinstance(data.get(key), list):
                n = len(data[key])
                return t(lang, "found", n=n, what=key if n != 1 else _SINGULAR.get(key, key))
        if "error" in data:
            return f"{t(lang, 'problem')}: {safe_model_text(str(data['error']))[:300]}"
    if isinstance(data, list):
        return t(lang, "results", n=len(data))
    content = result.content.strip()
    return safe_model_text(content[:300] + ("…" if len(content) > 300 else ""))


def text_of(message: ChatItem) -> str:
    """The plain text of a chat message, whatever shape Gradio handed it back in."""
    content = message.content if isinstance(message, gr.ChatMessage) else message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return ""


def role_of(message: ChatItem) -> str:
    return message.role if isinstance(message, gr.ChatMessage) else str(message.get("role", ""))


def is_step(message: ChatItem) -> bool:
    metadata = message.metadata if isinstance(message, gr.ChatMessage) else message.get("metadata")
    return bool(metadata and metadata.get("title"))


class TurnView:
    """The chat as the member sees it while one turn streams in."""

    def __init__(self, history: Iterable[ChatItem], points: PointsLookup | None = None, lang: Lang = "en",
                 names: NameLookup | None = None) -> None:
        self.messages: list[ChatItem] = list(history)
        self.points = points
        self.lang: Lang = lang
        self.names = names
        self.pending: PendingAction | None = None
        self.answer = ""
        self.ended = False
        self._answer_at: int | None = None
        self._steps: dict[str, int] = {}
        self._raw_text: dict[int, str] = {}

    def add_user(self, text: str) -> None:
        self.messages.append(gr.ChatMessage(role="user", content=safe_model_text(text)))
        self._answer_at = None

    def end_bubble(self) -> None:
        """The next text starts a new answer bubble (a new assistant message in a replayed transcript)."""
        self._answer_at = None

    def apply(self, event: TurnEvent) -> None:
        if isinstance(event, TextDelta):
            self._append_text(event.text)
        elif isinstance(event, ToolCall):
            self._answer_at = None  # text after a tool step starts a new bubble below it
            self._steps[event.call_id] = len(self.messages)
            self.messages.append(gr.ChatMessage(
                role="assistant", content=_args_line(event.args, self.lang),
                metadata={"title": tool_title(event.name, self.lang), "id": event.call_id, "status": "pending"},
            ))
        elif isinstance(event, ToolResult):
            self._finish_step(event)
            cards = cards_for_tool(event.name, event.data, event.content, self.points, self.lang,
                                   self.names) if event.ok else ""
            if cards:
                if "ma-card-actions" in cards:  # "the second one" now means this list: older buttons go
                    self._retire_card_actions()
                self.messages.append(gr.ChatMessage(role="assistant", content=cards))
                self._answer_at = None
        elif isinstance(event, Notice):
            label = t(self.lang, {"info": "note", "warning": "warning", "error": "problem"}[event.level])
            self.messages.append(gr.ChatMessage(role="assistant",
                                                content=f"**{label}:** {safe_model_text(event.text)}"))
            self._answer_at = None
        elif isinstance(event, PendingAction):
            self.pending = event
        elif isinstance(event, TurnEnd):
            self.ended = True
            self.pending = event.pending or self.pending
            if not self.answer.strip() and event.answer.strip():
                self._append_text(event.answer)
            for index in self._steps.values():  # a step whose result never came is not left spinning
                self._set_status(index, "done")
            if self.pending is not None:
                self.show_approval(self.pending)

    def show_approval(self, pending: PendingAction) -> None:
        """The approval as the conversation's last message, where it was asked, with buttons named for the
        action; the page's script scrolls it into view and its buttons press the hidden decide buttons."""
        self.messages.append(gr.ChatMessage(role="assistant", content=approval_html(pending, self.lang)))
        self._answer_at = None

    def _retire_card_actions(self) -> None:
        for index, message in enumerate(self.messages):
            body = text_of(message)
            if "ma-card-actions" in body:
                self.messages[index] = gr.ChatMessage(role="assistant", content=_CARD_ACTIONS.sub("", body))

    def _append_text(self, piece: str) -> None:
        self.answer += piece
        if self._answer_at is None:
            self._answer_at = len(self.messages)
            self.messages.append(gr.ChatMessage(role="assistant", content=""))
            self._raw_text[self._answer_at] = ""
        self._raw_text[self._answer_at] += piece
        message = self.messages[self._answer_at]
        assert isinstance(message, gr.ChatMessage)
        message.content = safe_model_text(self._raw_text[self._answer_at])

    def _finish_step(self, result: ToolResult) -> None:
        index = self._steps.get(result.call_id)
        if index is None:
            return
        message = self.messages[index]
        if isinstance(message, gr.ChatMessage):
            # A failed step shows only its error code: the tool's text is written for the model, not the member.
            line = _result_line(result, self.lang) if result.ok else error_code(result.content, result.data)
            outcome = line if result.ok else f"{t(self.lang, 'failed')}: {line}"
            message.content = f"{text_of(message)}\n\n{outcome}"
            if not result.ok:
                message.metadata["log"] = "failed"
        self._set_status(index, "done")

    def _set_status(self, index: int, status: str) -> None:
        message = self.messages[index]
        if isinstance(message, gr.ChatMessage):
            message.metadata["status"] = status  # type: ignore[typeddict-item]


def stream_turn(view: TurnView, events: Iterable[TurnEvent]) -> Iterator[TurnView]:
    """Apply each event and yield the view after it (what the Gradio handler streams to the browser)."""
    for event in events:
        view.apply(event)
        yield view


def pending_html(pending: PendingAction | None, lang: Lang = "en") -> str:
    return pending_card(pending.summary, pending.details, lang) if pending is not None else ""


_CARD_ACTIONS = re.compile(r'<div class="ma-card-actions">.*?</div>', re.S)
_APPROVAL_ACTIONS = re.compile(r'<div class="ma-approval-actions">.*?</div>', re.S)
LIVE_APPROVAL = "ma-approval ma-live"


def approval_html(pending: PendingAction, lang: Lang) -> str:
    approve, reject = decision_labels(pending.tool, lang)
    return (
        f'<div class="{LIVE_APPROVAL}" id="ma-approval-{text(pending.action_id)}">'
        f"{pending_card(pending.summary, pending.details, lang)}"
        '<div class="ma-approval-actions">'
        f'<button type="button" class="ma-decide ma-approve" value="approve">{text(approve)}</button>'
        f'<button type="button" class="ma-decide ma-reject" value="reject">{text(reject)}</button>'
        "</div></div>"
    )


def settle_approvals(messages: list[ChatItem], outcome: str) -> list[ChatItem]:
    """The chat with every live approval turned into a record of what was decided (its buttons gone), so
    an old approval can never be pressed again."""
    settled: list[ChatItem] = []
    for message in messages:
        body = text_of(message)
        if LIVE_APPROVAL in body:
            body = _APPROVAL_ACTIONS.sub(f'<div class="ma-approval-outcome">{text(outcome)}</div>', body)
            message = gr.ChatMessage(role="assistant", content=body.replace(LIVE_APPROVAL, "ma-approval ma-settled"))
        settled.append(message)
    return settled


def has_live_approval(messages: Iterable[ChatItem]) -> bool:
    return any(LIVE_APPROVAL in text_of(message) for message in messages)


def transcript_messages(items: Iterable[Any], points: PointsLookup | None = None, lang: Lang = "en",
                        names: NameLookup | None = None, pending: PendingAction | None = None) -> list[ChatItem]:
    """Rebuild the chat from `Conversations.transcript` after a reload or a restart: the same steps and
    cards as when the turn streamed in, replayed from the checkpointed messages (and the approval still
    waiting, if any, at the end)."""
    view = TurnView([], points, lang, names)
    for item in items:
        role = _field(item, "role")
        text = str(_field(item, "text") or "")
        if role == "user":
            view.add_user(text)
        elif role == "assistant":
            for call in _field(item, "tool_calls") or []:
                view.apply(call if isinstance(call, ToolCall) else ToolCall(
                    call_id=str(_field(call, "call_id") or ""), name=str(_field(call, "name") or ""),
                    args=dict(_field(call, "args") or {}),
                ))
            if text.strip():
                view.apply(TextDelta(text=text))
                view.end_bubble()
        elif role == "tool":
            ok = _field(item, "ok")
            view.apply(ToolResult(call_id=str(_field(item, "call_id") or ""), name=str(_field(item, "name") or ""),
                                  content=text, ok=True if ok is None else bool(ok)))
    view.apply(TurnEnd(thread_id="", answer=view.answer or " ", pending=pending))
    return view.messages


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def answer_at(history: list[ChatItem], index: int) -> tuple[int, str | None]:
    """The turn number (1-based, counted in member messages) of the message at `index`, and that turn's
    answer text (its last assistant bubble that is neither a tool step, a card strip nor an approval)."""
    # Decision bubbles ("Book this stay", "予約しない") are clicks, not member messages: the checkpointed
    # thread (and so the API's turn numbers) does not count them either.
    turn = sum(1 for message in history[: index + 1]
               if role_of(message) == "user" and text_of(message) not in ALL_DECISION_LABELS)
    answer = None
    start = max((i for i, m in enumerate(history[: index + 1]) if role_of(m) == "user"), default=-1)
    for message in history[start + 1:]:
        if role_of(message) == "user":
            break
        body = text_of(message)
        if (role_of(message) == "assistant" and not is_step(message) and "ma-cards" not in body
                and "ma-approval" not in body and body.strip()):
            answer = body
    return turn, answer
