"""A small OpenAI-compatible chat-completions server on loopback, scripted reply by reply.

Tests point litellm (or the openai SDK) at `stub.base_url` so the request and response shapes a real
provider sees are exercised over real HTTP: plain and streamed (SSE) replies, tool calls, and faults
(HTTP 429/500, a reply slower than the client's timeout). Every request body is recorded.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class StubReply:
    """One scripted reply: text and/or tool calls, or a fault."""

    text: str = ""
    tool_calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    status: int = 200  # 429 / 500 to inject a provider fault
    delay_s: float = 0.0  # sleep before answering (longer than the client timeout = a timeout)
    error_message: str = "injected fault"


def reply(text: str) -> StubReply:
    return StubReply(text=text)


def tool_reply(name: str, args: dict[str, Any], *more: tuple[str, dict[str, Any]]) -> StubReply:
    return StubReply(tool_calls=[(name, args), *more])


def fault(status: int, message: str = "injected fault") -> StubReply:
    return StubReply(status=status, error_message=message)


def slow(delay_s: float, text: str = "late") -> StubReply:
    return StubReply(text=text, delay_s=delay_s)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (a timeout test) leaves a broken pipe behind: expected, not worth a traceback.
        return


class OpenAIStub:
    """Start with `with OpenAIStub() as stub:`; add replies with `stub.script(...)`."""

    def __init__(self, model: str = "stub-model") -> None:
        self.model = model
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._replies: list[StubReply] = []
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="openai-stub", daemon=True)

    @property
    def base_url(self) -> str:
        """The API base a client needs (ends in /v1)."""
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    def script(self, *replies: StubReply) -> OpenAIStub:
        with self._lock:
            self._replies.extend(replies)
        return self

    @property
    def remaining(self) -> int:
        return len(self._replies)

    def assert_all_used(self) -> None:
        if self._replies:
            raise AssertionError(f"{len(self._replies)} scripted stub replies were never requested")

    def start(self) -> OpenAIStub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> OpenAIStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next(self, body: dict[str, Any], headers: dict[str, str]) -> StubReply | None:
        with self._lock:
            self.requests.append(body)
            self.headers.append({k.lower(): v for k, v in headers.items() if k.lower() != "authorization"})
            return self._replies.pop(0) if self._replies else None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def _json(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": stub.model, "object": "model"}]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._json(404, {"error": {"message": f"no route {self.path}"}})
                    return
                scripted = stub._next(body, dict(self.headers))
                if scripted is None:
                    self._json(500, {"error": {"message": "openai stub: script exhausted", "type": "stub"}})
                    return
                if scripted.delay_s:
                    time.sleep(scripted.delay_s)
                if scripted.status != 200:
                    kind = "rate_limit_error" if scripted.status == 429 else "server_error"
                    self._json(
                        scripted.status, {"error": {"message": scripted.error_message, "type": kind, "code": kind}}
                    )
                    return
                if body.get("stream"):
                    self._stream(scripted, body)
                else:
                    self._json(200, _completion(scripted, body.get("model", stub.model)))

            def _stream(self, scripted: StubReply, body: dict[str, Any]) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
                for chunk in _chunks(scripted, body.get("model", stub.model), include_usage):
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

        return Handler


def _usage() -> dict[str, int]:
    return {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}


def _tool_calls(scripted: StubReply) -> list[dict[str, Any]]:
    return [
        {"id": f"call_{uuid.uuid4().hex[:12]}", "type": "function", "function": {"name": n, "arguments": json.dumps(a)}}
        for n, a in scripted.tool_calls
    ]


def _completion(scripted: StubReply, model: str) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": scripted.text or None}
    if scripted.tool_calls:
        message["tool_calls"] = _tool_calls(scripted)
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if scripted.tool_calls else "stop"}],
        "usage": _usage(),
    }


def _chunks(scripted: StubReply, model: str, include_usage: bool) -> Iterator[dict[str, Any]]:
    base = {"id": f"chatcmpl-{uuid.uuid4().hex[:12]}", "object": "chat.completion.chunk", "created": int(time.time())}
    base["model"] = model

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

    yield chunk({"role": "assistant", "content": ""})
    if scripted.text:
        words = scripted.text.split(" ")
        for i, word in enumerate(words):
            yield chunk({"content": word + (" " if i < len(words) - 1 else "")})
    for index, tc in enumerate(_tool_calls(scripted)):
        arguments = tc["function"]["arguments"]
        head = {"index": index, "id": tc["id"], "type": "function", "function": {"name": tc["function"]["name"]}}
        head["function"]["arguments"] = ""
        yield chunk({"tool_calls": [head]})
        middle = len(arguments) // 2
        for part in (arguments[:middle], arguments[middle:]):
            yield chunk({"tool_calls": [{"index": index, "function": {"arguments": part}}]})
    yield chunk({}, "tool_calls" if scripted.tool_calls else "stop")
    if include_usage:
        yield {**base, "choices": [], "usage": _usage()}
