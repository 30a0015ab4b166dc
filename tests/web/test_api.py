"""The OpenAI-compatible API over real HTTP: auth, streaming, threads, approvals, bad input, limits."""

from __future__ import annotations

import json
import threading

import httpx
import pytest
from openai import OpenAI

from tests.web.conftest import Served


def openai_client(served: Served, member_id: str = "M0001") -> OpenAI:
    return OpenAI(base_url=f"{served.url}/v1", api_key=served.key(member_id), max_retries=0)


def test_healthz_reports_model_and_readiness(http: httpx.Client) -> None:
    body = http.get("/healthz").json()
    assert body == {"status": "ok", "model": "offline", "offline": True, "index_ready": True, "db_ready": True}


def test_models_lists_alias_and_engine(fake_served: Served) -> None:
    ids = [model.id for model in openai_client(fake_served).models.list()]
    assert ids == ["member-assistant", "offline"]


def test_streamed_product_search_with_openai_client(fake_served: Served) -> None:
    client = openai_client(fake_served)
    stream = client.chat.completions.create(
        model="member-assistant", messages=[{"role": "user", "content": "earbuds for running"}], stream=True
    )
    chunks = list(stream)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    assert "2 earbuds that suit running" in text
    assert chunks[-1].choices[0].finish_reason == "stop"
    steps = chunks[-1].model_extra["tool_steps"]
    assert [step["tool"] for step in steps] == ["search_products"]
    assert chunks[0].model_extra["thread_id"].startswith("t-")


def test_booking_through_the_confirmation_flow_with_openai_client(fake_served: Served) -> None:
    client = openai_client(fake_served)
    first = client.chat.completions.with_raw_response.create(
        model="member-assistant", messages=[{"role": "user", "content": "a ryokan with an onsen in Hakone"}]
    )
    thread_id = first.headers["x-thread-id"]
    assert "Hakone" in first.parse().choices[0].message.content

    quote = client.chat.completions.create(
        model="member-assistant", messages=[{"role": "user", "content": "book the first one"}],
        metadata={"thread_id": thread_id},
    )
    pending = quote.model_extra["pending_action"]
    assert pending["tool"] == "book_hotel" and "36,000 JPY" in pending["summary"]
    assert 'Reply "approve"' in quote.choices[0].message.content
    assert fake_served.runtime.services.bookings.booked == {}  # nothing happens before approval

    done = client.chat.completions.create(
        model="member-assistant", messages=[{"role": "user", "content": "approve"}],
        extra_headers={"X-Thread-Id": thread_id}, stream=True,
    )
    text = "".join(chunk.choices[0].delta.content or "" for chunk in done if chunk.choices)
    assert "Booked!" in text
    assert len(fake_served.runtime.services.bookings.booked["M0001"]) == 1
    assert fake_served.runtime.services.ledger.points["M0001"] == 1560


def test_reject_by_metadata_decision(fake_served: Served, http: httpx.Client) -> None:
    headers = {"Authorization": f"Bearer {fake_served.key('M0001')}"}
    body = {"model": "offline", "messages": [{"role": "user", "content": "book it"}]}
    first = http.post("/v1/chat/completions", json=body, headers=headers)
    thread_id = first.json()["thread_id"]
    assert first.json()["pending_action"]["id"]
    body = {"model": "offline", "messages": [{"role": "user", "content": ""}],
            "metadata": {"thread_id": thread_id, "decision": "reject"}}
    second = http.post("/v1/chat/completions", json=body, headers=headers)
    assert second.status_code == 200, second.text
    assert "did not book" in second.json()["choices"][0]["message"]["content"]
    assert second.json()["pending_action"] is None
    assert fake_served.runtime.services.bookings.booked == {}


def test_threads_belong_to_their_member(fake_served: Served, http: httpx.Client) -> None:
    mine = {"Authorization": f"Bearer {fake_served.key('M0001')}"}
    theirs = {"Authorization": f"Bearer {fake_served.key('M0002')}"}
    body = {"model": "offline", "messages": [{"role": "user", "content": "hello"}]}
    thread_id = http.post("/v1/chat/completions", json=body, headers=mine).headers["x-thread-id"]
    stolen = http.post("/v1/chat/completions", json=body, headers={**theirs, "X-Thread-Id": thread_id})
    assert stolen.status_code == 404
    assert stolen.json()["error"]["code"] == "thread_not_found"


BAD_REQUESTS = [
    ("malformed JSON", b'{"model": "offline", "messages": [', 400, "invalid_json"),
    ("wrong role", {"model": "offline", "messages": [{"role": "wizard", "content": "hi"}]}, 400, "invalid_request"),
    ("tool role", {"model": "offline", "messages": [{"role": "tool", "content": "hi"}]}, 400, "invalid_request"),
    ("last not user", {"model": "offline", "messages": [{"role": "assistant", "content": "hi"}]}, 400,
     "invalid_request"),
    ("no messages", {"model": "offline", "messages": []}, 400, "invalid_request"),
    ("not an object", [1, 2, 3], 400, "invalid_request"),
    ("deeply nested", b"[" * 100_000 + b"]" * 100_000, 400, "invalid_json"),
    ("content not text", {"model": "offline", "messages": [{"role": "user", "content": 5}]}, 400, "invalid_request"),
    ("bad metadata", {"model": "offline", "messages": [{"role": "user", "content": "hi"}], "metadata": "x"}, 400,
     "invalid_request"),
    ("client tools", {"model": "offline", "messages": [{"role": "user", "content": "hi"}],
                      "tools": [{"type": "function", "function": {"name": "f"}}]}, 400, "invalid_request"),
    ("1 MB message", {"model": "offline", "messages": [{"role": "user", "content": "x" * 1_000_001}]}, 413,
     "body_too_large"),
    ("long message", {"model": "offline", "messages": [{"role": "user", "content": "x" * 20_000}]}, 413,
     "invalid_request"),
    ("unknown model", {"model": "gpt-17", "messages": [{"role": "user", "content": "hi"}]}, 404, "model_not_found"),
    ("image content", {"model": "offline", "messages": [{"role": "user", "content": [
        {"type": "image_url", "image_url": {"url": "http://x"}}]}]}, 400, "invalid_request"),
]


@pytest.mark.parametrize(("case", "body", "status", "code"), BAD_REQUESTS, ids=[case[0] for case in BAD_REQUESTS])
def test_bad_requests_get_a_reason_and_the_server_keeps_serving(
    fake_served: Served, http: httpx.Client, case: str, body: object, status: int, code: str
) -> None:
    headers = {"Authorization": f"Bearer {fake_served.key('M0001')}", "Content-Type": "application/json"}
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = http.post("/v1/chat/completions", content=content, headers=headers)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    assert http.get("/healthz").status_code == 200


@pytest.mark.parametrize("authorization", [None, "Bearer nope", "Basic abc", "Bearer mk_M0001_" + "0" * 32,
                                           "Bearer mk_M9999_" + "0" * 32])
def test_missing_or_wrong_key_is_401(http: httpx.Client, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = http.post("/v1/chat/completions", json={"model": "offline", "messages": []}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["type"] == "authentication_error"


def test_key_of_unknown_member_is_rejected(fake_served: Served, http: httpx.Client) -> None:
    headers = {"Authorization": f"Bearer {fake_served.key('M9999')}"}  # well signed, but no such member
    response = http.post("/v1/chat/completions", json={"model": "offline", "messages": []}, headers=headers)
    assert response.status_code == 401


def test_third_concurrent_request_of_one_member_is_429_others_unaffected(fake_served: Served) -> None:
    conversations = fake_served.runtime.conversations
    conversations.gate = threading.Event()
    body = {"model": "offline", "messages": [{"role": "user", "content": "hello"}]}
    results: list[int] = []

    def call() -> None:
        with httpx.Client(base_url=fake_served.url, timeout=30) as client:
            headers = {"Authorization": f"Bearer {fake_served.key('M0001')}"}
            results.append(client.post("/v1/chat/completions", json=body, headers=headers).status_code)

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    with httpx.Client(base_url=fake_served.url, timeout=30) as client:
        for _ in range(100):  # wait until both turns are in flight
            if len(conversations.sent) == 2:
                break
            threading.Event().wait(0.05)
        busy = client.post("/v1/chat/completions", json=body,
                           headers={"Authorization": f"Bearer {fake_served.key('M0001')}"})
        assert busy.status_code == 429
        assert "2 requests in progress" in busy.json()["error"]["message"]
        conversations.gate.set()
        other = client.post("/v1/chat/completions", json=body,
                            headers={"Authorization": f"Bearer {fake_served.key('M0002')}"})
        assert other.status_code == 200
    for thread in threads:
        thread.join(10)
    assert sorted(results) == [200, 200]


def test_feedback_route_stores_rating_and_comment(fake_served: Served, http: httpx.Client) -> None:
    headers = {"Authorization": f"Bearer {fake_served.key('M0001')}"}
    body = {"model": "offline", "messages": [{"role": "user", "content": "hello"}]}
    thread_id = http.post("/v1/chat/completions", json=body, headers=headers).headers["x-thread-id"]
    stored = http.post("/v1/feedback", json={"thread_id": thread_id, "rating": "down", "comment": "too vague"},
                       headers=headers)
    assert stored.status_code == 200, stored.text
    assert stored.json() == {"thread_id": thread_id, "turn": 1, "rating": "down", "comment": "too vague",
                             "stored": True}
    assert http.post("/v1/feedback", json={"thread_id": thread_id, "turn": 5, "rating": "up"},
                     headers=headers).status_code == 400
    other = {"Authorization": f"Bearer {fake_served.key('M0002')}"}
    assert http.post("/v1/feedback", json={"thread_id": thread_id, "rating": "up"}, headers=other).status_code == 404
