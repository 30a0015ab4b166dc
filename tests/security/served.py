"""The real app (real runtime, scripted or offline model) served by uvicorn on a loopback port, and a
scripted "echo agent" whose behaviour follows the member's words, so one model serves many requests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage

from assistant.web.auth import KeyRing
from tests.fakes import ScriptedChatModel, call, say
from tests.security.world import STAY
from tests.served_app import free_port
from tests.served_app import serve as start_server


@dataclass
class Served:
    url: str
    app: Any
    runtime: Any

    def key(self, member_id: str) -> str:
        return KeyRing(self.runtime.settings.secret_key, lambda _: True).key_for(member_id)

    def auth(self, member_id: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key(member_id)}"}


@contextmanager
def serve(runtime: Any) -> Iterator[Served]:
    from app import create_app

    app = create_app(runtime.settings, runtime)
    port = free_port()
    server, thread = start_server(app, port, name="uvicorn-security")
    try:
        yield Served(f"http://127.0.0.1:{port}", app, runtime)
    finally:
        server.should_exit = True
        thread.join(15)


def _echo(messages: list[BaseMessage]) -> AIMessage:
    last = messages[-1]
    if last.type == "tool":
        return say(f"Result: {last.content}")
    text = str(last.content).lower()
    if "book" in text:
        return call("book_hotel", dict(STAY))
    if "balance" in text:
        return call("points_balance", {})
    if "bookings" in text:
        return call("my_bookings", {"status": "all"})
    if "search" in text:
        return call("search_products", {"query": text[:100]})
    return say("Hello! " + json.dumps({"heard": len(text)}))


def echo_agent() -> ScriptedChatModel:
    """Books on "book", shows the balance on "balance", lists bookings on "bookings", searches on "search"."""
    return ScriptedChatModel([_echo], cycle=True)
