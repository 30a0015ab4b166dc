"""The conversation API every front end uses (web UI, OpenAI-compatible API, CLI, eval).

A thread belongs to the member who created it; every call names the member (from the caller's session)
and a thread of someone else's is reported as not found, never as "forbidden", so its existence does not
leak. The agent runs with the member in its runtime context, its state checkpointed per thread, so a
pending confirmation survives a restart and is answered with `decide`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import UndefinedError
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Command, Durability, StreamMode
from pydantic import BaseModel, Field

from assistant.confirmation_ja import japanese_summary
from assistant.events import Notice, PendingAction, TextDelta, ToolCall, TurnEnd, TurnEvent
from assistant.logs import get_logger
from assistant.memory import ThreadInfo, ThreadRegistry
from assistant.middleware.confirmation import parse_description
from assistant.number_ranges import range_question
from assistant.prompts import render_prompt
from assistant.streaming import TurnCollector, message_text, tool_result_event
from tools.agent_tools.context import AssistantContext

if TYPE_CHECKING:
    from tools.services import Services

log = get_logger("conversation")

MAX_MESSAGE_CHARS = 4000
# Graph steps, not model calls: each model call passes through several middleware nodes. The model and tool
# call limits are what stop a runaway turn; this only guards against a graph bug.
RECURSION_LIMIT = 500
STREAM_MODES: list[StreamMode] = ["messages", "updates"]
REJECT_NOTE = "The member rejected this action; nothing was done. Do not retry unless they ask again."
CANNOT_RUN_NOTE = ("It was not put to the member for approval, since it cannot run as asked: {reason} "
                   "Nothing was done. Tell the member why and what they could change; do not call it again unchanged.")
CANNOT_RUN_WITH_NOTE = ("It was not put to the member because another action asked at the same time cannot go "
                        "ahead. Nothing was done; ask the member again if they still want it.")
MAX_REFUSED_ACTIONS = 3


class ThreadNotFound(LookupError):
    """No such thread for this member (it may not exist, or belong to someone else: we do not say which)."""

    def __init__(self, thread_id: str) -> None:
        super().__init__(f"conversation {thread_id!r} not found")
        self.thread_id = thread_id


class NothingPending(LookupError):
    """`decide` was called on a thread with no action waiting for approval. `done` says, in words for the
    member, what the thread's last action already did (a second "approve" after the booking ran)."""

    def __init__(self, message: str, done: str | None = None) -> None:
        super().__init__(message)
        self.done = done


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
        folder = "done/ja" if (lang or _transcript_language(items)) == "ja" else "done"
        try:
            return render_prompt(f"{folder}/{item.name}.j2", **result).strip()
        except UndefinedError:  # a result without the record id: say nothing rather than half a sentence
            return None
    return None


# The side effects an approval runs, each with its "already done" text in prompts/done/<tool>.j2.
DONE_TOOLS = ("book_hotel", "cancel_booking", "redeem_points")


def _transcript_language(items: Sequence[TranscriptItem]) -> str:
    return _latest_language(item.text for item in reversed(items) if item.role == "user")


class TranscriptItem(BaseModel):
    """One entry of a reloaded conversation: a member message, an assistant message, or a tool result."""

    role: Literal["user", "assistant", "tool"]
    text: str
    tool_calls: list[ToolCall] = Field(default_factory=list)
    call_id: str | None = None
    name: str | None = None
    ok: bool = True


class Conversations:
    """Threads, turns and confirmations over one compiled agent graph."""

    # When LangGraph writes checkpoints. "exit" writes once when the run ends (at the answer or at the pause for
    # a confirmation), which is what a restart needs, at a fraction of the cost of a write per graph step
    # (bench/agent.py). A crash in the middle of a run loses only that run; a side effect it already did is
    # not repeated when the member approves again, because the tool call id is its idempotency key.
    durability: Durability = "exit"

    def __init__(
        self,
        *,
        agent: CompiledStateGraph[Any, Any, Any, Any],
        threads: ThreadRegistry,
        services: Services,
        model_name: str,
        is_offline: bool,
    ) -> None:
        self.agent = agent
        self.registry = threads
        self.services = services
        self.model_name = model_name
        self.is_offline = is_offline
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    # --- threads -------------------------------------------------------------------------------------

    def new_thread(self, member_id: str) -> str:
        return self.registry.create(member_id)

    def ensure_thread(self, member_id: str, thread_id: str | None) -> str:
        """Resume `thread_id` if it is the member's, register it if it is new; ThreadNotFound if not theirs."""
        if not thread_id:
            return self.new_thread(member_id)
        if not self.registry.adopt(thread_id, member_id):
            raise ThreadNotFound(thread_id)
        return thread_id

    def threads(self, member_id: str) -> list[ThreadInfo]:
        return self.registry.list(member_id)

    def seed(self, *, member_id: str, thread_id: str, history: Sequence[tuple[str, str]]) -> None:
        """Write a stateless client's earlier messages into a new thread, as if they had been said here.

        Why: a chat front end that resends the whole history (and no thread id) may hold a conversation this
        server has no thread for (another device, a cleared database); seeding keeps "the second one"
        meaning what the member saw. Only member and assistant text is taken (each cut to the message limit),
        recorded as the model node's output, so nothing runs and the next message continues from it."""
        self._check(member_id, thread_id)
        messages: list[HumanMessage | AIMessage] = []
        for role, text in history:
            body = text.strip()[:MAX_MESSAGE_CHARS]
            if body and role == "user":
                messages.append(HumanMessage(content=body))
            elif body and role == "assistant":
                messages.append(AIMessage(content=body))
        if not messages:
            return
        with self._lock(thread_id):
            self.agent.update_state(self._config(thread_id), {"messages": messages}, as_node="model")
        first = next((m for m in messages if isinstance(m, HumanMessage)), None)
        self.registry.touch(thread_id, title=message_text(first)[:80] if first is not None else None)

    def _check(self, member_id: str, thread_id: str) -> None:
        if not thread_id or self.registry.owner(thread_id) != member_id:
            raise ThreadNotFound(thread_id)

    def _lock(self, thread_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(thread_id, threading.Lock())

    def _config(self, thread_id: str) -> RunnableConfig:
        return {"configurable": {"thread_id": thread_id}, "recursion_limit": RECURSION_LIMIT}

    def _context(self, member_id: str, thread_id: str) -> AssistantContext:
        return AssistantContext(member_id=member_id, services=self.services, thread_id=thread_id)

    # --- turns ---------------------------------------------------------------------------------------

    def send(self, *, member_id: str, thread_id: str, text: str) -> Iterator[TurnEvent]:
        """The member's message -> the turn's events, ending with exactly one TurnEnd.

        If an action is waiting for approval, a new message counts as "no" to it: the action is rejected
        (nothing written) with the member's words as the reason, and the model answers that.
        """
        self._check(member_id, thread_id)
        text = text.strip()[:MAX_MESSAGE_CHARS]
        self._complete_if_ran(member_id, thread_id)
        if self._interrupts(thread_id):
            note = f"The member did not approve and wrote instead: {text}"
            return self._run(member_id, thread_id, self._resume(thread_id, approve=False, note=note), title=None)
        question = range_question(text, _latest_language([text]))
        if question is not None:  # "90 nights", "-500 points": asked about, never clamped by an engine
            return self._ask(thread_id, text, question)
        payload = {"messages": [HumanMessage(content=text)]}
        return self._run(member_id, thread_id, payload, title=text[:80])

    def _ask(self, thread_id: str, text: str, question: str) -> Iterator[TurnEvent]:
        """A turn answered without the model: the message and the question are recorded as said, so the
        member's reply continues the conversation."""
        with self._lock(thread_id):
            messages = [HumanMessage(content=text), AIMessage(content=question)]
            self.agent.update_state(self._config(thread_id), {"messages": messages}, as_node="model")
            self.registry.touch(thread_id, title=text[:80])
        yield TextDelta(text=question)
        yield TurnEnd(thread_id=thread_id, answer=question, pending=None, model=self.model_name, usage={})

    def decide(self, *, member_id: str, thread_id: str, approve: bool, note: str | None = None) -> Iterator[TurnEvent]:
        """Approve or reject the pending action(s); the agent continues from the confirmation."""
        self._check(member_id, thread_id)
        if self.pending(member_id=member_id, thread_id=thread_id) is None:
            raise NothingPending(f"nothing is waiting for approval in conversation {thread_id!r}",
                                 already_done(self.transcript(member_id=member_id, thread_id=thread_id)))

        def resume() -> Command[Any]:
            # Checked again under the thread's lock: two approvals of one action can both pass the check above
            # (a double click, two tabs); the one that waited finds it decided and is refused (409), never
            # resumed a second time.
            if self._pending_from(self._interrupts(thread_id), thread_id) is None:
                raise NothingPending(f"the action in conversation {thread_id!r} was already decided",
                                     already_done(self.transcript(member_id=member_id, thread_id=thread_id)))
            return self._resume(thread_id, approve=approve, note=note)

        return self._run(member_id, thread_id, resume, title=None)

    def pending(self, *, member_id: str, thread_id: str) -> PendingAction | None:
        self._check(member_id, thread_id)
        self._complete_if_ran(member_id, thread_id)
        return self._pending_from(self._interrupts(thread_id), thread_id)

    def _complete_if_ran(self, member_id: str, thread_id: str) -> None:
        """An approved action whose side effect committed, in a run that died before its end was checkpointed
        (a crash, a kill), still looks like it waits for approval. It is not offered again, nor can a "no" or
        a new message undo it: the run is completed with the approval the member gave, which replays the
        recorded result (the tool call id is the idempotency key: nothing is written twice), so the thread's
        record shows the booking or redemption and a later approval gets the "already done" answer."""
        interrupts = self._interrupts(thread_id)
        if not interrupts or not self._already_ran(member_id, thread_id, interrupts):
            return
        log.warning("thread %s: the approved action ran before the process stopped; completing its run", thread_id)

        def approve() -> Command[Any]:
            if not self._interrupts(thread_id):  # completed meanwhile (another request got the lock first)
                raise NothingPending(f"the action in conversation {thread_id!r} was already completed")
            return self._resume(thread_id, approve=True, note=None)

        try:
            for _ in self._run(member_id, thread_id, approve, title=None):
                pass
        except NothingPending:
            pass

    def _already_ran(self, member_id: str, thread_id: str, interrupts: list[Any]) -> bool:
        from sqlalchemy import select

        from tools.tables import IdempotencyRow

        names = {request["name"] for request in self._action_requests(interrupts)}
        messages = (self.agent.get_state(self._config(thread_id)).values or {}).get("messages", [])
        last_ai = next((m for m in reversed(messages) if isinstance(m, AIMessage)), None)
        # The key the side-effect tools record their result under (tools/agent_tools/hotels.idempotency_key).
        keys = [f"{thread_id}:{c['id']}" for c in (last_ai.tool_calls if last_ai else []) if c["name"] in names]
        if not keys:
            return False
        with self.services.db.read() as session:
            return session.execute(select(IdempotencyRow.key).where(
                IdempotencyRow.scope == member_id, IdempotencyRow.key.in_(keys),
                IdempotencyRow.result.is_not(None))).first() is not None

    def transcript(self, *, member_id: str, thread_id: str) -> list[TranscriptItem]:
        self._check(member_id, thread_id)
        state = self.agent.get_state(self._config(thread_id))
        items: list[TranscriptItem] = []
        for message in (state.values or {}).get("messages", []):
            if isinstance(message, HumanMessage):
                items.append(TranscriptItem(role="user", text=message_text(message)))
            elif isinstance(message, AIMessage):
                calls = [ToolCall(call_id=c["id"] or "", name=c["name"], args=c["args"]) for c in message.tool_calls]
                items.append(TranscriptItem(role="assistant", text=message_text(message), tool_calls=calls))
            elif isinstance(message, ToolMessage):
                result = tool_result_event(message)
                items.append(
                    TranscriptItem(
                        role="tool", text=result.content, call_id=result.call_id, name=result.name, ok=result.ok
                    )
                )
        return items

    # --- internals -----------------------------------------------------------------------------------

    def _interrupts(self, thread_id: str) -> list[Any]:
        state = self.agent.get_state(self._config(thread_id))
        return list(state.interrupts)

    def _resume(self, thread_id: str, *, approve: bool, note: str | None) -> Command[Any]:
        requests = self._action_requests(self._interrupts(thread_id))
        decision: dict[str, Any] = (
            {"type": "approve"} if approve else {"type": "reject", "message": note or REJECT_NOTE}
        )
        return Command(resume={"decisions": [decision for _ in requests]})

    @staticmethod
    def _action_requests(interrupts: list[Any]) -> list[dict[str, Any]]:
        requests: list[dict[str, Any]] = []
        for item in interrupts:
            value = getattr(item, "value", item)
            if isinstance(value, dict):
                requests.extend(value.get("action_requests", []))
        return requests

    def _pending_from(self, interrupts: list[Any], thread_id: str) -> PendingAction | None:
        requests = self._action_requests(interrupts)
        if not requests or _cannot_run(requests):
            return None  # an action that cannot run is never offered (one left after MAX_REFUSED_ACTIONS)
        state = self.agent.get_state(self._config(thread_id))
        last_ai = next(
            (m for m in reversed((state.values or {}).get("messages", [])) if isinstance(m, AIMessage)), None
        )
        summaries, details_list = [], []
        for request in requests:
            summary, details, _ok = parse_description(str(request.get("description", "")))
            summaries.append(summary)
            details_list.append(details)
        first = requests[0]
        call_id = next(
            (
                c["id"]
                for c in (last_ai.tool_calls if last_ai else [])
                if c["name"] == first["name"] and c["args"] == first["args"]
            ),
            None,
        )
        details = details_list[0] if len(requests) == 1 else {"actions": details_list}
        if len(requests) == 1 and _member_writes_japanese((state.values or {}).get("messages", [])):
            summaries = [japanese_summary(first["name"], details) or summaries[0]]
        return PendingAction(
            action_id=call_id or f"{thread_id}:{first['name']}",
            tool=first["name"],
            args=dict(first["args"]),
            summary="; ".join(summaries),
            details=details,
        )

    def _run(self, member_id: str, thread_id: str, payload: Any, *, title: str | None) -> Iterator[TurnEvent]:
        """`payload` is the graph input, or a function that makes it under the thread's lock."""
        lock = self._lock(thread_id)
        with lock:
            if callable(payload):
                payload = payload()
            collector = TurnCollector()

            def stream(graph_input: Any) -> Iterator[TurnEvent]:
                yield from collector.events(self.agent.stream(
                    graph_input,
                    self._config(thread_id),
                    context=self._context(member_id, thread_id),
                    stream_mode=STREAM_MODES,
                    durability=self.durability,
                ))

            try:
                yield from stream(payload)
                for _ in range(MAX_REFUSED_ACTIONS):  # the model may ask for another impossible action
                    requests = self._action_requests(collector.interrupts)
                    reasons = _cannot_run(requests)
                    if not reasons:
                        break
                    # No approval card for an action that cannot run: the member is told why, the model gets
                    # the reason in place of the tool's result, and nothing is written.
                    for reason in reasons:
                        yield Notice(level="warning", text=reason)
                    collector.interrupts = []
                    yield from stream(_refusal(requests))
            except Exception as exc:  # a provider outage must end the turn cleanly, not crash the UI
                log.warning("turn failed on thread %s: %s", thread_id, type(exc).__name__, exc_info=exc)
                yield Notice(level="error", text=_failure_text(exc))
            pending = self._pending_from(collector.interrupts, thread_id) if collector.interrupts else None
            if pending is not None:
                yield pending
            self.registry.touch(thread_id, title=title)
            yield TurnEnd(
                thread_id=thread_id,
                answer=collector.answer,
                pending=pending,
                model=self.model_name,
                usage=collector.usage,
            )


def _cannot_run(requests: list[dict[str, Any]]) -> list[str]:
    """Why the waiting actions cannot run as asked: the summaries of those whose preview is not ok."""
    reasons = []
    for request in requests:
        summary, _details, ok = parse_description(str(request.get("description", "")))
        if not ok:
            reasons.append(summary)
    return reasons


def _refusal(requests: list[dict[str, Any]]) -> Command[Any]:
    """Resume a confirmation the member was never asked: every waiting action is rejected, with the reason."""
    decisions = []
    for request in requests:
        summary, _details, ok = parse_description(str(request.get("description", "")))
        reason = CANNOT_RUN_NOTE.format(reason=summary) if not ok else CANNOT_RUN_WITH_NOTE
        decisions.append({"type": "reject", "message": reason})
    return Command(resume={"decisions": decisions})


def _failure_text(exc: Exception) -> str:
    name = type(exc).__name__
    if "RateLimit" in name:
        return "The language model is busy right now (rate limited). Please try again in a moment."
    if "Timeout" in name or "APIConnection" in name or "ServiceUnavailable" in name or "InternalServer" in name:
        return "The language model did not answer in time. Please try again; nothing was changed."
    return f"Something went wrong while answering ({name}). Nothing was changed; please try again."


def _member_writes_japanese(messages: list[Any]) -> bool:
    """Whether the member's latest message is Japanese: the confirmation is then written in Japanese."""
    return _latest_language(message_text(m) for m in reversed(messages) if isinstance(m, HumanMessage)) == "ja"


def _latest_language(texts_newest_first: Iterable[str]) -> str:
    """The language of the first of these member messages that has letters at all ("2" keeps looking)."""
    from assistant.offline.nlu.ja.lang import language

    for text in texts_newest_first:
        said = language(text)
        if said is not None:
            return said
    return "en"
