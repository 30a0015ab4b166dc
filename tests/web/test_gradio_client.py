"""`gradio_client` drives the chat endpoint of the running app, authenticated by the member's API key."""

from __future__ import annotations

import pytest
from gradio_client import Client

from tests.web.conftest import Served


def test_gradio_client_chat_books_through_approval(fake_served: Served) -> None:
    client = Client(fake_served.url, verbose=False)
    key = fake_served.key("M0001")
    first = client.predict(key, "earbuds for running", "", api_name="/chat")
    assert "earbuds that suit running" in first["answer"]
    assert first["pending_action"] is None
    thread_id = first["thread_id"]

    quote = client.predict(key, "book the first one", thread_id, api_name="/chat")
    assert quote["pending_action"]["tool"] == "book_hotel"
    done = client.predict(key, "approve", thread_id, api_name="/chat")
    assert "Booked!" in done["answer"]
    assert fake_served.runtime.services.ledger.points["M0001"] == 1560


def test_gradio_client_rejects_a_bad_key(fake_served: Served) -> None:
    client = Client(fake_served.url, verbose=False)
    with pytest.raises(Exception, match="Invalid API key"):
        client.predict("mk_M0001_" + "0" * 32, "hello", "", api_name="/chat")
