"""The conversation API every front end uses (web UI, OpenAI-compatible API, CLI, eval).

A thread belongs to the member who created it; every call names the member (from the caller's session)
and a thread of someone else's is reported as not found, never as "forbidden", so its existence does not
leak. The agent runs with the member in its runtime context, its state checkpointed per thread, so a
pending confirmation survives a restart and is answered with `decide`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Command, Durability, StreamMode

from assistant.approvals import action_requests, cannot_run, decision, pending_action, refusal
from assistant.events import Notice, PendingAction, TextDelta, ToolResult, TurnEnd, TurnEvent
from assistant.logs import get_logger
from assistant.memory import ThreadInfo, ThreadRegistry
from assistant.notices import cannot_run_notice, failure_notice
from assistant.number_ranges import range_question
from assistant.streaming import TurnCollector, message_text
from assistant.transcript import DONE_TOOLS, transcript_items
from assistant.transcript import TranscriptItem as TranscriptItem  # re-exported: front ends and tests import it
from assistant.transcript import already_done as already_done  # re-exported
from assistant.turn_language import latest_language, member_language
from tools.agent_tools.context import AssistantContext

if TYPE_CHECKING:
    from tools.services import Services

log = get_logger("conversation")

MAX_MESSAGE_CHARS = 4000
# Graph steps, not model calls: each model call passes through several middleware nodes. The model and tool
# call limits are what stop a runaway turn; this only guards against a graph bug.
RECURSION_LIMIT = 500
STREAM_MODES: list[StreamMode] = ["messages", "updates"]
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
            return self._run(member_id, thread_id, self._resume(thread_id, approve=False, note=note), title=None,
                             said=text)
        question = range_question(text, latest_language([text]))
        if question is not None:  # "90 nights", "-500 points": asked about, never clamped by an engine
            return self._ask(thread_id, text, question)
        payload = {"messages": [HumanMessage(content=text)]}
        return self._run(member_id, thread_id, payload, title=text[:80], said=text)

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

        names = {request["name"] for request in action_requests(interrupts)}
        last_ai = next((m for m in reversed(self._messages(thread_id)) if isinstance(m, AIMessage)), None)
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
        return transcript_items(self._messages(thread_id))

    # --- internals -----------------------------------------------------------------------------------

    def _interrupts(self, thread_id: str) -> list[Any]:
        state = self.agent.get_state(self._config(thread_id))
        return list(state.interrupts)

    def _failure(self, exc: Exception, thread_id: str, said: str | None, done: list[ToolResult]) -> str:
        """The notice for a run an error ended. When an approved action already ran in it (the model failed
        while writing the answer after the booking), it names the record instead of "nothing was changed":
        a member told nothing happened would ask again and book twice."""
        lang = self._language(thread_id, said)
        items = [TranscriptItem(role="tool", text=r.content, call_id=r.call_id, name=r.name) for r in done]
        return failure_notice(exc, lang, already_done(items, "ja" if lang == "ja" else "en") if items else None)

    def _language(self, thread_id: str, said: str | None) -> str:
        """The member's language for a notice; English when the thread's state cannot be read (the store
        may be what failed)."""
        try:
            return member_language(self._messages(thread_id), said)
        except Exception:  # a notice must still be given
            return member_language([], said)

    def _messages(self, thread_id: str) -> list[Any]:
        return list((self.agent.get_state(self._config(thread_id)).values or {}).get("messages", []))

    def _resume(self, thread_id: str, *, approve: bool, note: str | None) -> Command[Any]:
        return decision(action_requests(self._interrupts(thread_id)), approve=approve, note=note)

    def _pending_from(self, interrupts: list[Any], thread_id: str) -> PendingAction | None:
        requests = action_requests(interrupts)
        if not requests or cannot_run(requests):
            return None  # an action that cannot run is never offered (one left after MAX_REFUSED_ACTIONS)
        return pending_action(requests, self._messages(thread_id), thread_id)

    def _run(self, member_id: str, thread_id: str, payload: Any, *, title: str | None,
             said: str | None = None) -> Iterator[TurnEvent]:
        """`payload` is the graph input, or a function that makes it under the thread's lock. `said` is the
        member's message of this turn, if any: with the thread's, it sets the language of the notices."""
        lock = self._lock(thread_id)
        with lock:
            if callable(payload):
                payload = payload()
            collector = TurnCollector()
            done: list[ToolResult] = []  # side effects this run committed: a failure after them says so

            def stream(graph_input: Any) -> Iterator[TurnEvent]:
                for event in collector.events(self.agent.stream(
                    graph_input,
                    self._config(thread_id),
                    context=self._context(member_id, thread_id),
                    stream_mode=STREAM_MODES,
                    durability=self.durability,
                )):
                    if isinstance(event, ToolResult) and event.ok and event.name in DONE_TOOLS:
                        done.append(event)
                    yield event

            try:
                yield from stream(payload)
                for _ in range(MAX_REFUSED_ACTIONS):  # the model may ask for another impossible action
                    requests = action_requests(collector.interrupts)
                    reasons = cannot_run(requests)
                    if not reasons:
                        break
                    # No approval card for an action that cannot run: the member is told why, the model gets
                    # the reason in place of the tool's result, and nothing is written.
                    lang = member_language(self._messages(thread_id), said)
                    for reason, details in reasons:
                        yield Notice(level="warning", text=cannot_run_notice(reason, details, lang))
                    collector.interrupts = []
                    yield from stream(refusal(requests))
            except Exception as exc:  # a provider outage must end the turn cleanly, not crash the UI
                log.warning("turn failed on thread %s: %s", thread_id, type(exc).__name__, exc_info=exc)
                yield Notice(level="error", text=self._failure(exc, thread_id, said, done))
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

