"""The one turn service every web front end calls (the widget's send and confirm, the Gradio `chat`
endpoint, the API): the same size, encoding, rate and in-flight limits, server-issued threads only, and
the same answer to a decision with nothing waiting. Real HTTP against the served app (fake runtime)."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
import pytest

from assistant.ratelimit import InProcessRateLimiter
from assistant.web.api_models import MAX_MESSAGE_CHARS
from tests.web.conftest import Served
from tests.web.gradio_http import Handler, call, handlers
from tests.web.test_signin import signed_in


def chat(http: httpx.Client, served: Served, member: str, text: str, **extra: Any) -> httpx.Response:
    body = {"model": "member-assistant", "messages": [{"role": "user", "content": text}], **extra}
    return http.post("/v1/chat/completions", json=body, headers={"Authorization": f"Bearer {served.key(member)}"})


def handler(client: httpx.Client, name: str) -> Handler:
    return next(h for h in handlers(client) if h.name == name)


def respond(client: httpx.Client, text: str, thread_id: str | None = None) -> list[dict[str, Any]]:
    """The widget's send, as the signed-in M0001's page would call it (the browser state names the thread)."""
    return call(client, handler(client, "respond"), [text, [], {"member_id": "M0001", "thread_id": thread_id}])


def shown(messages: list[dict[str, Any]]) -> str:
    return json.dumps(messages)


def test_client_chosen_thread_ids_are_not_adopted(fake_served: Served, http: httpx.Client) -> None:
    conversations = fake_served.runtime.conversations
    made_up = chat(http, fake_served, "M0001", "hello", metadata={"thread_id": "my-own-id"})
    assert made_up.status_code == 404 and made_up.json()["error"]["code"] == "thread_not_found"
    theirs = conversations.new_thread("M0002")
    stolen = chat(http, fake_served, "M0001", "hello", metadata={"thread_id": theirs})
    assert stolen.status_code == 404 and stolen.json()["error"] == made_up.json()["error"]  # existence hidden
    assert "my-own-id" not in conversations.owners and conversations.sent == []
    fresh = chat(http, fake_served, "M0001", "hello")
    assert fresh.status_code == 200 and conversations.owners[fresh.json()["thread_id"]] == "M0001"


@pytest.mark.parametrize("text", ["hi\x00there", "\ud800 lone surrogate"])
def test_text_no_database_can_store_is_a_400(fake_served: Served, http: httpx.Client, text: str) -> None:
    body = json.dumps({"model": "member-assistant", "messages": [{"role": "user", "content": text}]})
    response = http.post("/v1/chat/completions", content=body.encode(), headers={
        "Authorization": f"Bearer {fake_served.key('M0001')}", "Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_text"
    assert fake_served.runtime.conversations.sent == []


def test_a_decision_with_nothing_waiting_is_409_on_the_api_and_a_notice_in_the_widget(
    fake_served: Served, http: httpx.Client
) -> None:
    thread = chat(http, fake_served, "M0001", "hello").json()["thread_id"]
    api = chat(http, fake_served, "M0001", "approve", metadata={"thread_id": thread, "decision": "approve"})
    assert api.status_code == 409 and api.json()["error"]["code"] == "nothing_pending"
    member = signed_in(fake_served, "M0001")
    try:
        seen = call(member, handler(member, "confirm"), [[], {"member_id": "M0001", "thread_id": thread}])
    finally:
        member.close()
    assert "Nothing on this thread is waiting for approval" in shown(seen)
    assert fake_served.runtime.services.bookings.booked == {}


def test_the_widget_has_the_apis_size_limit(fake_served: Served) -> None:
    member = signed_in(fake_served, "M0001")
    try:
        seen = respond(member, "x" * (MAX_MESSAGE_CHARS + 1))
    finally:
        member.close()
    assert "the limit is" in shown(seen)
    assert fake_served.runtime.conversations.sent == [] and fake_served.runtime.conversations.owners == {}


def test_the_rate_limit_counts_the_widget_the_chat_endpoint_and_the_api_together(
    fake_served: Served, http: httpx.Client
) -> None:
    fake_served.web.rate_limiter = InProcessRateLimiter(3, 60)
    try:
        member = signed_in(fake_served, "M0001")
        try:
            assert "You said" in shown(respond(member, "one"))
            assert "You said" in shown(respond(member, "two"))
        finally:
            member.close()
        assert chat(http, fake_served, "M0001", "three").status_code == 200
        refused = chat(http, fake_served, "M0001", "four")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert chat(http, fake_served, "M0002", "another member").status_code == 200
        endpoint = call(http, handler(http, "chat"), [fake_served.key("M0001"), "five", ""])
        assert "Too many requests" in shown(endpoint)
        assert fake_served.runtime.conversations.sent == ["one", "two", "three", "another member"]
    finally:
        fake_served.web.rate_limiter = InProcessRateLimiter(fake_served.settings.rate_limit_requests,
                                                            fake_served.settings.rate_limit_window_s)


def test_the_in_flight_limit_is_shared_by_the_api_and_the_widget(fake_served: Served, http: httpx.Client) -> None:
    conversations = fake_served.runtime.conversations
    conversations.gate = threading.Event()
    key = {"Authorization": f"Bearer {fake_served.key('M0001')}"}
    body = {"model": "member-assistant", "messages": [{"role": "user", "content": "held"}]}
    held = [threading.Thread(target=lambda: httpx.post(f"{fake_served.url}/v1/chat/completions", json=body,
                                                       headers=key, timeout=30)) for _ in range(2)]
    for thread in held:
        thread.start()
    try:
        deadline = time.monotonic() + 10
        while conversations.sent.count("held") < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert conversations.sent.count("held") == 2
        member = signed_in(fake_served, "M0001")
        try:
            busy = respond(member, "from the widget")
        finally:
            member.close()
        assert "answers in progress" in shown(busy)
        api = chat(http, fake_served, "M0001", "from the api")
        assert api.status_code == 429 and api.json()["error"]["code"] == "too_many_in_flight"
        assert chat(http, fake_served, "M0002", "someone else").status_code == 200  # other members unaffected
    finally:
        conversations.gate.set()
        for thread in held:
            thread.join(15)
        conversations.gate = None
    assert "from the widget" not in conversations.sent and "from the api" not in conversations.sent
    assert fake_served.web.limiter.in_flight("M0001") == 0  # every slot came back


def test_a_stale_widget_thread_starts_a_new_conversation(fake_served: Served) -> None:
    member = signed_in(fake_served, "M0001")
    try:
        seen = respond(member, "hello again", thread_id="t-gone")
    finally:
        member.close()
    assert "You said: hello again" in shown(seen)
    owned = fake_served.runtime.conversations.threads("M0001")
    assert len(owned) == 1 and owned[0] != "t-gone"


def test_a_member_who_writes_japanese_reads_the_refusals_in_japanese(fake_served: Served, http: httpx.Client) -> None:
    lost = chat(http, fake_served, "M0001", "京都のホテル", metadata={"thread_id": "no-such-thread"})
    assert lost.status_code == 404 and "見つかりません" in lost.json()["error"]["message"]
    assert "No such thread" in chat(http, fake_served, "M0001", "hello", metadata={"thread_id": "x"}).text
    fake_served.web.rate_limiter = InProcessRateLimiter(1, 60)
    try:
        assert chat(http, fake_served, "M0001", "こんにちは").status_code == 200
        limited = chat(http, fake_served, "M0001", "ポイントはいくら？")
        assert limited.status_code == 429 and "秒後にもう一度" in limited.json()["error"]["message"]
    finally:
        fake_served.web.rate_limiter = InProcessRateLimiter(fake_served.settings.rate_limit_requests,
                                                            fake_served.settings.rate_limit_window_s)
