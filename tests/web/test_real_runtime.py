"""The web app over the real runtime (real services, database and checkpoints; scripted model): the
official `openai` client and `gradio_client` against the served app."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from gradio_client import Client
from openai import OpenAI

from assistant.web.auth import KeyRing
from testkit.scripted_model import say
from tests.web.conftest import free_port, serve
from tests.web.real_world import (
    booking_steps,
    offline_runtime,
    product_steps,
    real_runtime,
    real_settings,
    stay_words,
)

Serve = Callable[[list[Any]], tuple[str, Any]]


@pytest.fixture
def served_real(tmp_path: Path) -> Iterator[Serve]:
    """`served_real(steps)` -> (url, runtime): the app over a real runtime scripted with `steps`."""
    from app import create_app

    started: list[tuple[Any, Any, Any]] = []

    def start(steps: list[Any]) -> tuple[str, Any]:
        settings = real_settings(tmp_path / "var")
        runtime, model = real_runtime(settings, steps)
        port = free_port()
        server, thread = serve(create_app(settings, runtime), port)
        started.append((server, thread, runtime))
        runtime.scripted = model
        return f"http://127.0.0.1:{port}", runtime

    yield start
    for server, thread, runtime in started:
        server.should_exit = True
        thread.join(15)
        runtime.close()


@pytest.fixture
def served_offline(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    """The app over the real runtime with the offline engine (the default model)."""
    from app import create_app

    settings = real_settings(tmp_path / "var")
    runtime = offline_runtime(settings)
    port = free_port()
    server, thread = serve(create_app(settings, runtime), port)
    yield f"http://127.0.0.1:{port}", runtime
    server.should_exit = True
    thread.join(15)
    runtime.close()


def key(runtime: Any, member_id: str) -> str:
    return KeyRing(runtime.settings.secret_key, lambda _: True).key_for(member_id)


def test_openai_client_streams_a_product_search(served_real: Serve) -> None:
    url, runtime = served_real(product_steps())
    client = OpenAI(base_url=f"{url}/v1", api_key=key(runtime, "M0001"), max_retries=0)
    stream = client.chat.completions.create(
        model="member-assistant", stream=True,
        messages=[{"role": "system", "content": "ignored: the server has its own prompt"},
                  {"role": "user", "content": "wireless earbuds for running under 40,000 yen"}],
    )
    chunks = list(stream)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    top = runtime.services.catalogue  # the answer names the first search result, streamed in pieces
    assert text.startswith("Top pick: ") and len(text) > len("Top pick: ") + 10, (text, top)
    assert [step["tool"] for step in chunks[-1].model_extra["tool_steps"]] == ["search_products"]
    runtime.scripted.assert_all_used()


def test_openai_client_books_a_hotel_through_the_confirmation_flow(served_real: Serve) -> None:
    url, runtime = served_real(booking_steps())
    client = OpenAI(base_url=f"{url}/v1", api_key=key(runtime, "M0002"), max_retries=0)
    before = runtime.services.ledger.balance("M0002").total

    first = client.chat.completions.create(
        model="member-assistant", messages=[{"role": "user", "content": "A hotel in Kyoto for 2 nights"}]
    )
    thread_id = first.model_extra["thread_id"]
    assert "hotels in Kyoto" in first.choices[0].message.content
    assert first.model_extra["pending_action"] is None

    second = client.chat.completions.create(
        model="member-assistant", messages=[{"role": "user", "content": "Book the first one"}],
        metadata={"thread_id": thread_id}, stream=True,
    )
    chunks = list(second)
    pending = chunks[-1].model_extra["pending_action"]
    assert pending["tool"] == "book_hotel" and "2 nights" in pending["summary"] and "JPY" in pending["summary"]
    assert 'Reply "approve"' in "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert runtime.services.bookings.bookings("M0002").bookings == []  # nothing written before approval

    third = client.chat.completions.create(
        model="member-assistant", messages=[{"role": "user", "content": "approve"}],
        extra_headers={"X-Thread-Id": thread_id},
    )
    assert third.choices[0].message.content.startswith("Booked! Your booking id is BK")
    assert third.model_extra["pending_action"] is None
    [booking] = runtime.services.bookings.bookings("M0002").bookings
    assert booking.check_in.isoformat() == pending["args"]["check_in"]
    balance = runtime.services.ledger.balance("M0002")
    assert balance.total == before and balance.pending_total == booking.points_earned  # credited after check-out
    runtime.scripted.assert_all_used()


def test_gradio_client_drives_the_chat_endpoint(served_real: Serve) -> None:
    url, runtime = served_real(booking_steps())
    client = Client(url, verbose=False)
    member_key = key(runtime, "M0003")
    first = client.predict(member_key, "A hotel in Kyoto for 2 nights", "", api_name="/chat")
    assert "hotels in Kyoto" in first["answer"]
    paused = client.predict(member_key, "Book the first one", first["thread_id"], api_name="/chat")
    assert paused["pending_action"]["tool"] == "book_hotel"
    done = client.predict(member_key, "yes", first["thread_id"], api_name="/chat")
    assert done["answer"].startswith("Booked!") and done["pending_action"] is None
    assert len(runtime.services.bookings.bookings("M0003").bookings) == 1


def test_offline_engine_searches_and_books_through_the_openai_client(served_offline: tuple[str, Any]) -> None:
    url, runtime = served_offline
    client = OpenAI(base_url=f"{url}/v1", api_key=key(runtime, "M0004"), max_retries=0)
    assert [m.id for m in client.models.list()] == ["member-assistant", "offline"]

    stream = client.chat.completions.create(
        model="offline", stream=True,
        messages=[{"role": "user", "content": "wireless earbuds for running under 30000 yen"}],
    )
    chunks = list(stream)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    assert "search_products" in [step["tool"] for step in chunks[-1].model_extra["tool_steps"]]
    found = [step for step in chunks[-1].model_extra["tool_steps"] if step["tool"] == "search_products"]
    assert "¥" in text and found  # prices in the answer; the product ids stay in the cards and tool steps

    first = client.chat.completions.create(
        model="offline", messages=[{"role": "user", "content": f"A hotel in Kyoto {stay_words()}"}]
    )
    thread = {"thread_id": first.model_extra["thread_id"]}
    assert "Kyoto" in first.choices[0].message.content
    paused = client.chat.completions.create(
        model="offline", messages=[{"role": "user", "content": "book the first one"}], metadata=thread
    )
    pending = paused.model_extra["pending_action"]
    assert pending["tool"] == "book_hotel" and "JPY" in pending["summary"]
    done = client.chat.completions.create(
        model="offline", messages=[{"role": "user", "content": "approve"}], metadata=thread
    )
    assert done.model_extra["pending_action"] is None
    [booking] = runtime.services.bookings.bookings("M0004").bookings
    assert booking.id in done.choices[0].message.content


def test_a_stateless_openai_client_keeps_its_context_without_a_thread_id(served_offline: tuple[str, Any]) -> None:
    """Most chat front ends resend the whole history and no thread id: the member's thread whose messages
    match is resumed, so "the second one" still means the second product listed."""
    url, runtime = served_offline
    client = OpenAI(base_url=f"{url}/v1", api_key=key(runtime, "M0001"), max_retries=0)
    history: list[Any] = [{"role": "user", "content": "wireless earbuds under 15000 yen please"}]
    first = client.chat.completions.create(model="member-assistant", messages=history)
    assert [s["tool"] for s in first.model_extra["tool_steps"]] == ["search_products"]
    history += [{"role": "assistant", "content": first.choices[0].message.content},
                {"role": "user", "content": "tell me more about the second one"}]
    second = client.chat.completions.create(model="member-assistant", messages=history)
    thread_id = first.model_extra["thread_id"]
    assert second.model_extra["thread_id"] == thread_id
    [details] = [s for s in second.model_extra["tool_steps"] if s["tool"] == "get_product_details"]
    listed = next(item for item in runtime.conversations.transcript(member_id="M0001", thread_id=thread_id)
              if item.role == "tool" and item.name == "search_products").text
    ids = re.findall(r'"id":\s*"(P\d+)"', listed)
    assert details["args"]["product_id"] == ids[1]
    # Another member sending the same history gets a thread of their own, never this one.
    other = OpenAI(base_url=f"{url}/v1", api_key=key(runtime, "M0002"), max_retries=0)
    theirs = other.chat.completions.create(model="member-assistant", messages=history)
    assert theirs.model_extra["thread_id"] != thread_id


def test_a_stateless_history_no_thread_matches_seeds_a_new_thread(served_real: Serve) -> None:
    """A front end resending a conversation this server never saw (another device, a cleared database): a new
    thread is started from that history, so the model answering "the second one" sees the list it means."""
    seen: list[list[tuple[str, str]]] = []

    def answer(messages: list[Any]) -> Any:
        seen.append([(type(m).__name__, str(m.content)) for m in messages if type(m).__name__ != "SystemMessage"])
        return say("The second one is the Beta Pods.")

    url, runtime = served_real([answer])
    client = OpenAI(base_url=f"{url}/v1", api_key=key(runtime, "M0001"), max_retries=0)
    history: list[Any] = [
        {"role": "user", "content": "earbuds for running please"},
        {"role": "assistant", "content": "1. Alpha Buds  2. Beta Pods"},
        {"role": "user", "content": "yes"},  # a decision word carries no request: not seeded
        {"role": "user", "content": "tell me more about the second one"},
    ]
    reply = client.chat.completions.create(model="member-assistant", messages=history)
    assert reply.choices[0].message.content == "The second one is the Beta Pods."
    assert seen == [[("HumanMessage", "earbuds for running please"), ("AIMessage", "1. Alpha Buds  2. Beta Pods"),
                     ("HumanMessage", "tell me more about the second one")]]
    thread_id = reply.model_extra["thread_id"]
    said = [(i.role, i.text) for i in runtime.conversations.transcript(member_id="M0001", thread_id=thread_id)]
    assert said[:2] == [("user", "earbuds for running please"), ("assistant", "1. Alpha Buds  2. Beta Pods")]
    # The seeded thread is the member's own: another member sending the same history gets a fresh one.
    assert thread_id in [t.id for t in runtime.conversations.threads("M0001")]
    assert thread_id not in [t.id for t in runtime.conversations.threads("M0002")]
