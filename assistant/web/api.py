"""The OpenAI-compatible API: `/v1/chat/completions` (streaming or not), `/v1/models`, `/v1/feedback`.

Conversations are server-side threads, so a client sends only its new message; earlier messages in the
request are accepted (OpenAI clients send the whole history) but the thread is the memory. The thread comes
from `metadata.thread_id` or an `X-Thread-Id` header, never from `user`; without one a new thread is made
and returned in the `x-thread-id` header and the `thread_id` field. When the agent pauses before a side
effect, the answer says what will happen, `pending_action` carries it, and the member replies "approve" or
"reject" (or sends `metadata.decision`) on the same thread.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from openai.types.chat.chat_completion_chunk import ChoiceDelta
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from assistant.events import Notice, PendingAction, TextDelta, ToolCall, ToolResult, TurnEnd, TurnEvent
from assistant.guardrails import InertStream, inert_text
from assistant.web.api_models import (
    MAX_BODY_BYTES,
    ChatCompletionRequest,
    FeedbackRequest,
)
from assistant.web.api_responses import chunk_event, completion_body, completion_id, model_list, pending_json
from assistant.web.auth import bearer_token
from assistant.web.errors import ApiError, validation_message
from assistant.web.health import IndexProbe
from assistant.web.state import WebState
from assistant.web.streaming import aiterate_in_thread
from assistant.web.threads import NothingPending, ThreadNotFound
from assistant.web.turn_service import TurnRequest

log = logging.getLogger("assistant.web")

# A stable alias, so a client need not know which engine the operator configured.
MODEL_ALIAS = "member-assistant"
THREAD_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,80}$")

_Body = TypeVar("_Body", bound=BaseModel)


def approval_instructions(pending: PendingAction) -> str:
    return (
        f"\n\nWaiting for your approval: {pending.summary}\n"
        'Reply "approve" to go ahead or "reject" to cancel.'
    )


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline_refs(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    return node


def json_body(model: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` documenting a JSON body the route reads itself (to bound its size before parsing), so
    the OpenAPI schema, and the clients and fuzzers generated from it, know its shape."""
    schema = model.model_json_schema()
    schema = _inline_refs(schema, schema.pop("$defs", {}))
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def authenticate(state: WebState, request: Request) -> str:
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        raise ApiError(401, "Missing API key: send 'Authorization: Bearer <key>' (see `assistant keys`).",
                       code="missing_api_key", kind="authentication_error")
    try:
        member_id = state.keys.member_for(token)
    except Exception:  # the member directory is not readable yet
        member_id = None
        state.require_runtime()
    if member_id is None:
        raise ApiError(401, "Invalid API key.", code="invalid_api_key", kind="authentication_error")
    return member_id


async def read_json(request: Request) -> Any:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ApiError(413, f"Request body is larger than {MAX_BODY_BYTES // 1_000_000} MB.", code="body_too_large")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY_BYTES:
            raise ApiError(413, f"Request body is larger than {MAX_BODY_BYTES // 1_000_000} MB.",
                           code="body_too_large")
    if not body:
        raise ApiError(400, "Request body is empty; send a JSON object.", code="invalid_json")
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"Request body is not valid JSON: {exc}", code="invalid_json") from exc
    except RecursionError as exc:
        raise ApiError(400, "Request body is nested too deeply.", code="invalid_json") from exc


class _Turn:
    """Collects one turn's events into the answer the API returns."""

    def __init__(self) -> None:
        self.answer_parts: list[str] = []
        self.notices: list[str] = []
        self.steps: list[dict[str, Any]] = []
        self.end: TurnEnd | None = None
        self.pending: PendingAction | None = None
        self._defuser = InertStream()  # model text is untrusted: no HTML, link or image reaches a client

    def add(self, event: TurnEvent) -> str:
        """Record the event; return the text to stream to the client for it ("" for none)."""
        if isinstance(event, TextDelta):
            piece = self._defuser.feed(event.text)
            self.answer_parts.append(piece)
            return piece
        if isinstance(event, ToolCall):
            self.steps.append({"id": event.call_id, "tool": event.name, "args": event.args})
        elif isinstance(event, ToolResult):
            for step in self.steps:
                if step["id"] == event.call_id:
                    step["ok"] = event.ok
        elif isinstance(event, Notice):
            self.notices.append(event.text)
            if event.level != "info":
                return f"\n\n({event.text})"
        elif isinstance(event, PendingAction):
            self.pending = event
        elif isinstance(event, TurnEnd):
            self.end = event
            self.pending = event.pending or self.pending
            suffix = self._defuser.flush()
            self.answer_parts.append(suffix)
            if not "".join(self.answer_parts).strip() and event.answer:
                suffix = inert_text(event.answer)
                self.answer_parts.append(suffix)
            if self.pending is not None:
                suffix += approval_instructions(self.pending)
            return suffix
        return ""

    @property
    def content(self) -> str:
        text = "".join(self.answer_parts)
        if self.pending is not None:
            text += approval_instructions(self.pending)
        if not text.strip() and self.notices:
            text = " ".join(self.notices)
        return text


async def member_request(state: WebState, request: Request, model: type[_Body],
                         count_rate: bool = True) -> tuple[str, _Body]:
    """The authenticated, rate-checked member and their validated JSON body: every member POST starts so
    (a chat turn's rate is counted by the turn service instead, with its other limits).
    A size limit in the body (a message over its character limit) is 413; any other invalid body is 400."""
    member_id = authenticate(state, request)
    if count_rate:
        await run_in_threadpool(state.check_rate, member_id)
    payload = await read_json(request)
    try:
        return member_id, model.model_validate(payload)
    except ValidationError as exc:
        status = 413 if any("limit is" in str(err.get("msg", "")) for err in exc.errors()) else 400
        raise ApiError(status, validation_message(exc), code="invalid_request") from exc


def build_api_router(state: WebState) -> APIRouter:
    router = APIRouter()

    probe = IndexProbe()

    @router.get("/healthz")
    async def healthz() -> JSONResponse:
        """200 only when the database answers and the index answers a real query; 503 "starting" during the
        first start (the index build), "error" when start-up failed, "failing" when a check fails."""
        runtime = state.runtime
        ready = runtime is not None and state.sessions is not None
        db_ready = bool(state.feedback and await run_in_threadpool(state.feedback.ping))
        index = await run_in_threadpool(probe.check, runtime) if runtime is not None else None
        if state.start_error:
            status = "error"
        elif not ready:
            status = "starting"
        else:
            status = "ok" if db_ready and index is not None and index.ok else "failing"
        body: dict[str, Any] = {
            "status": status,
            "model": runtime.conversations.model_name if runtime else state.settings.model,
            "offline": bool(runtime and runtime.conversations.is_offline),
            "index_ready": bool(runtime and runtime.index is not None and index is not None and index.ok),
            "db_ready": db_ready,
        }
        if state.start_error:
            body["error"] = state.start_error
        elif index is not None and index.reason:
            body["index"] = index.reason
        return JSONResponse(body, status_code=200 if status == "ok" else 503)

    @router.get("/v1/models")
    async def models() -> JSONResponse:
        runtime = state.require_runtime()
        names = [MODEL_ALIAS, runtime.conversations.model_name]
        return JSONResponse(model_list(names))

    @router.post("/v1/chat/completions", openapi_extra=json_body(ChatCompletionRequest))
    async def chat_completions(request: Request) -> Any:
        member_id, req = await member_request(state, request, ChatCompletionRequest, count_rate=False)
        runtime = state.require_runtime()
        conversations = runtime.conversations
        if req.model not in (MODEL_ALIAS, conversations.model_name):
            raise ApiError(404, f"Unknown model {req.model!r}; GET /v1/models lists "
                                f"{MODEL_ALIAS!r} and {conversations.model_name!r}.",
                           code="model_not_found", param="model")
        last = req.messages[-1]
        if last.role != "user":
            raise ApiError(400, f"The last message must come from the user, not {last.role!r}.",
                           code="invalid_request", param="messages")
        text = req.last_user_text
        decision_field = req.metadata.decision if req.metadata else None
        if not text and decision_field is None:
            raise ApiError(400, "The last user message is empty.", code="invalid_request", param="messages")

        given = (req.metadata.thread_id if req.metadata else None) or request.headers.get("x-thread-id")
        if given is not None and not THREAD_ID.match(given):
            raise ApiError(400, "A thread id is 1-80 letters, digits, '-', '_', '.' or ':'.", code="invalid_request",
                           param="thread_id")
        history = [(m.role, m.text) for m in req.messages[:-1] if m.role in ("user", "assistant")]
        ask = TurnRequest(member_id=member_id, text=text, thread_id=given,
                          decision=None if decision_field is None else decision_field == "approve",
                          history=history if given is None else ())
        started = await run_in_threadpool(state.turns.start, ask)
        thread_id, factory, release = started.thread_id, started.factory, started.release
        model_name = conversations.model_name
        headers = {"x-thread-id": thread_id}
        if req.stream:
            return StreamingResponse(
                _sse(factory, release, thread_id, model_name), media_type="text/event-stream", headers=headers
            )
        try:
            events = await run_in_threadpool(lambda: list(factory()))
        except NothingPending as exc:  # a concurrent approval decided it first
            raise ApiError(409, exc.done or "Nothing on this thread is waiting for approval.",
                           code="already_done" if exc.done else "nothing_pending") from exc
        finally:
            release()
        turn = _Turn()
        for event in events:
            turn.add(event)
        return JSONResponse(_completion(turn, thread_id, model_name), headers=headers)

    @router.post("/v1/feedback", openapi_extra=json_body(FeedbackRequest))
    async def feedback(request: Request) -> JSONResponse:
        member_id, req = await member_request(state, request, FeedbackRequest)
        if req.rating is None and not (req.comment or "").strip():
            raise ApiError(400, "Send a rating ('up' or 'down'), a comment, or both.", code="invalid_request")
        runtime = state.require_runtime()
        if state.feedback is None:
            raise ApiError(503, "Feedback storage is not ready yet.", code="not_ready")
        try:
            items = await run_in_threadpool(
                lambda: runtime.conversations.transcript(member_id=member_id, thread_id=req.thread_id)
            )
        except ThreadNotFound as exc:
            raise ApiError(404, "No such thread for this member.", code="thread_not_found") from exc
        answers = _answers_by_turn(items)
        turns = len(answers)
        turn = req.turn or turns
        if turn < 1 or turn > turns:
            raise ApiError(400, f"This thread has {turns} answer(s); turn must be 1..{turns}.", code="invalid_turn")
        excerpt = answers[turn - 1]
        store = state.feedback
        record = await run_in_threadpool(
            lambda: store.record(member_id=member_id, thread_id=req.thread_id, turn=turn, rating=req.rating,
                                 comment=req.comment, answer_excerpt=excerpt,
                                 model=runtime.conversations.model_name, source="api")
        )
        return JSONResponse({"thread_id": record.thread_id, "turn": record.turn, "rating": record.rating,
                             "comment": record.comment, "stored": True})

    return router


def _answers_by_turn(items: list[Any]) -> list[str | None]:
    """One entry per member message: the last assistant text before the next member message (None if none)."""
    answers: list[str | None] = []
    for item in items:
        if _role(item) == "user":
            answers.append(None)
        elif _role(item) == "assistant" and _text(item).strip() and answers:
            answers[-1] = _text(item)
    return answers


def _role(item: Any) -> str:
    return str(item.get("role") if isinstance(item, dict) else getattr(item, "role", ""))


def _text(item: Any) -> str:
    value = item.get("text") if isinstance(item, dict) else getattr(item, "text", "")
    return str(value or "")


def _completion(turn: _Turn, thread_id: str, model_name: str) -> dict[str, Any]:
    return completion_body(content=turn.content, usage=dict(turn.end.usage) if turn.end else {},
                           thread_id=thread_id, model_name=model_name, pending=turn.pending,
                           tool_steps=turn.steps, notices=turn.notices)


async def _sse(factory: Callable[[], Iterator[TurnEvent]], release: Callable[[], None], thread_id: str,
               model_name: str) -> AsyncIterator[str]:
    chunk_id = completion_id()
    turn = _Turn()
    yield chunk_event(chunk_id, model_name, thread_id, ChoiceDelta(role="assistant", content=""))
    try:
        async for event in aiterate_in_thread(factory, on_done=release):
            piece = turn.add(event)
            if isinstance(event, ToolCall):
                yield chunk_event(chunk_id, model_name, thread_id, ChoiceDelta(),
                                  tool_step={"tool": event.name, "args": event.args})
            if piece:
                yield chunk_event(chunk_id, model_name, thread_id, ChoiceDelta(content=piece))
    except (ThreadNotFound, NothingPending) as exc:
        message = ("Nothing on this thread is waiting for approval." if isinstance(exc, NothingPending)
                   else "No such thread for this member.")
        yield f"data: {json.dumps({'error': {'message': message, 'type': 'invalid_request_error'}})}\n\n"
        return
    except Exception as exc:  # the stream has started: report in-band rather than cutting the connection
        log.exception("streamed turn failed")
        failure = {"error": {"message": f"The assistant failed: {type(exc).__name__}", "type": "server_error"}}
        yield f"data: {json.dumps(failure)}\n\n"
        return
    yield chunk_event(chunk_id, model_name, thread_id, ChoiceDelta(), finish=True,
                      pending_action=pending_json(turn.pending), tool_steps=turn.steps)
    yield "data: [DONE]\n\n"
