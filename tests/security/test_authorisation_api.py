"""Authorisation matrix, HTTP: member A's key x every API route (and the Gradio API) x member B's thread,
pending action and identity -> 401/404, never B's data, and B's conversation is untouched."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from gradio_client import Client

from tests.security.conftest import RuntimeFactory
from tests.security.served import Served, echo_agent, serve
from tests.security.world import ME, VICTIM, Arena, forbidden_strings

MODEL = "member-assistant"


@pytest.fixture
def served(make_runtime: RuntimeFactory) -> Iterator[Served]:
    with serve(make_runtime(echo_agent())) as app:
        yield app


def chat(client: httpx.Client, member: str | None, text: str, *, headers: dict[str, str] | None = None,
         **extra: Any) -> httpx.Response:
    body = {"model": MODEL, "messages": [{"role": "user", "content": text}], **extra}
    return client.post("/v1/chat/completions", json=body, headers=headers or {})


def test_member_a_cannot_touch_member_bs_thread_through_any_route(served: Served, arena: Arena) -> None:
    b_before = served.runtime.services.bookings.bookings(VICTIM).bookings
    with httpx.Client(base_url=served.url, timeout=60) as client:
        opened = chat(client, VICTIM, "book the room", headers=served.auth(VICTIM))
        assert opened.status_code == 200, opened.text
        b_thread = opened.json()["thread_id"]
        assert opened.json()["pending_action"]["tool"] == "book_hotel"
        b_transcript = served.runtime.conversations.transcript(member_id=VICTIM, thread_id=b_thread)

        a = served.auth(ME)
        attempts = {
            "metadata thread": chat(client, ME, "what did we say?", headers=a, metadata={"thread_id": b_thread}),
            "header thread": chat(client, ME, "what did we say?", headers={**a, "X-Thread-Id": b_thread}),
            "approve by text": chat(client, ME, "approve", headers=a, metadata={"thread_id": b_thread}),
            "approve by decision": chat(client, ME, "ok", headers=a,
                                        metadata={"thread_id": b_thread, "decision": "approve"}),
            "reject by decision": chat(client, ME, "no", headers=a,
                                       metadata={"thread_id": b_thread, "decision": "reject"}),
            "streamed": chat(client, ME, "approve", headers=a, metadata={"thread_id": b_thread}, stream=True),
            "feedback": client.post("/v1/feedback", headers=a, json={"thread_id": b_thread, "rating": "down",
                                                                      "comment": "x"}),
        }
        for name, response in attempts.items():
            assert response.status_code == 404, f"{name}: {response.status_code} {response.text}"
            assert response.json()["error"]["code"] == "thread_not_found", name
            assert not [s for s in forbidden_strings(arena) if s in response.text], name

        # Gradio's API endpoint, with A's key and B's thread.
        gradio = Client(served.url, verbose=False)
        with pytest.raises(Exception, match="No such thread"):
            gradio.predict(served.key(ME), "approve", b_thread, api_name="/chat")

        # B's conversation is exactly as B left it, still waiting for B, and B can still approve it.
        assert served.runtime.conversations.transcript(member_id=VICTIM, thread_id=b_thread) == b_transcript
        assert served.runtime.conversations.pending(member_id=VICTIM, thread_id=b_thread) is not None
        assert served.runtime.services.bookings.bookings(VICTIM).bookings == b_before
        done = chat(client, VICTIM, "approve", headers=served.auth(VICTIM), metadata={"thread_id": b_thread})
        assert done.status_code == 200 and '"booked"' in done.json()["choices"][0]["message"]["content"]
        assert len(served.runtime.services.bookings.bookings(VICTIM).bookings) == len(b_before) + 1


def test_identity_comes_from_the_key_never_from_the_request(served: Served, arena: Arena) -> None:
    mine = served.runtime.services.ledger.balance(ME).total
    with httpx.Client(base_url=served.url, timeout=60) as client:
        for extra in ({"user": VICTIM}, {"metadata": {"member_id": VICTIM}}, {"member_id": VICTIM}):
            response = chat(client, ME, "my balance", headers={**served.auth(ME), "X-Member-Id": VICTIM}, **extra)
            assert response.status_code == 200, response.text
            content = response.json()["choices"][0]["message"]["content"]
            assert f'"total":{mine}' in content.replace(" ", ""), content
            assert not [s for s in forbidden_strings(arena) if s in response.text]


def test_forged_or_foreign_keys_are_401(served: Served) -> None:
    from assistant.web.auth import KeyRing

    a_tail = served.key(ME).rsplit("_", 1)[1]
    headers = {
        "forged: B's id with A's signature": f"Bearer mk_{VICTIM}_{a_tail}",
        "B's id, wrong secret": "Bearer " + KeyRing("not-the-server-secret", lambda _: True).key_for(VICTIM),
        "unknown member": "Bearer " + served.key("M9999"),
        "basic auth": "Basic " + served.key(ME),
        "not a key": "Bearer " + "x" * 500,
    }
    with httpx.Client(base_url=served.url, timeout=30) as client:
        for name, value in headers.items():
            response = chat(client, None, "my balance", headers={"Authorization": value})
            assert response.status_code == 401, f"{name}: {response.text}"
            feedback = client.post("/v1/feedback", headers={"Authorization": value},
                                   json={"thread_id": "T1", "rating": "up"})
            assert feedback.status_code == 401, name


def test_public_routes_carry_no_member_data(served: Served, arena: Arena) -> None:
    with httpx.Client(base_url=served.url, timeout=30) as client:
        for path in ("/healthz", "/v1/models", "/openapi.json"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert not [s for s in forbidden_strings(arena) if s in response.text], path
