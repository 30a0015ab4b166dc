"""Drive the running app's Gradio handlers the way any HTTP client can: `POST /gradio_api/queue/join` with a
`fn_index` and inputs of the caller's choosing, then read the event's messages from the SSE stream."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class Handler:
    fn_index: int
    name: str
    inputs: list[str]  # component types, in order
    trigger_id: int | None


def handlers(client: httpx.Client) -> list[Handler]:
    """Every event handler the page's `/config` declares (public or not: privacy there is only a label)."""
    config = client.get("/config").json()
    kinds = {c["id"]: c["type"] for c in config["components"]}
    found = []
    for dep in config["dependencies"]:
        targets = dep.get("targets") or []
        found.append(Handler(dep["id"], str(dep.get("api_name")), [kinds.get(i, "api") for i in dep["inputs"]],
                             targets[0][0] if targets else None))
    return found


def call(client: httpx.Client, handler: Handler, data: list[Any], event_data: Any = None) -> list[dict[str, Any]]:
    """Run one handler and return every message of its event (its outputs, warnings and errors)."""
    session_hash = uuid.uuid4().hex[:11]
    joined = client.post("/gradio_api/queue/join", json={
        "data": data, "event_data": event_data, "fn_index": handler.fn_index, "trigger_id": handler.trigger_id,
        "session_hash": session_hash,
    })
    joined.raise_for_status()
    messages: list[dict[str, Any]] = []
    with client.stream("GET", "/gradio_api/queue/data", params={"session_hash": session_hash}) as stream:
        for line in stream.iter_lines():
            if not line.startswith("data:"):
                continue
            message = json.loads(line[len("data:"):])
            messages.append(message)
            if message.get("msg") in ("process_completed", "close_stream", "unexpected_error"):
                break
    return messages
