"""Item 5 of issue 17, honest state after faults: two approvals of one booking sent at once (two tabs, a
double click) book once, and the one that lost gets 409 naming the booking; an approval after the booking
ran says it is booked, never "I haven't booked anything". Real database, the app served over HTTP."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import httpx
import pytest

from tests.fakes import ScriptedChatModel, call, say
from tests.security.conftest import RuntimeFactory
from tests.security.harness import snapshot
from tests.security.served import Served, serve
from tests.security.world import ME, STAY, Arena

BODY = {"model": "member-assistant"}


@pytest.fixture
def served(make_runtime: RuntimeFactory) -> Iterator[Served]:
    model = ScriptedChatModel([call("book_hotel", dict(STAY)), say("Done.")], cycle=True)
    with serve(make_runtime(model)) as running:
        yield running


def _ask_to_book(client: httpx.Client, served: Served) -> str:
    asked = client.post("/v1/chat/completions", headers=served.auth(ME),
                        json={**BODY, "messages": [{"role": "user", "content": "book it"}]})
    assert asked.status_code == 200 and asked.json()["pending_action"], asked.text
    return asked.headers["x-thread-id"]


def _approve(client: httpx.Client, served: Served, thread_id: str) -> httpx.Response:
    return client.post("/v1/chat/completions", headers={**served.auth(ME), "x-thread-id": thread_id},
                       json={**BODY, "messages": [{"role": "user", "content": "approve"}],
                             "metadata": {"decision": "approve"}})


def test_two_concurrent_approvals_book_once_and_the_other_gets_409(served: Served, arena: Arena) -> None:
    before = snapshot(served.runtime.services, arena)
    with httpx.Client(base_url=served.url, timeout=60) as client:
        thread_id = _ask_to_book(client, served)
        answers: list[httpx.Response] = []
        gate = threading.Barrier(2)

        def approve() -> None:
            gate.wait()
            answers.append(_approve(client, served, thread_id))

        workers = [threading.Thread(target=approve) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
    after = snapshot(served.runtime.services, arena)
    assert sorted(a.status_code for a in answers) == [200, 409], [a.text for a in answers]
    assert after.counts["bookings"] == before.counts["bookings"] + 1, "exactly one booking row"
    refused = next(a for a in answers if a.status_code == 409)
    assert re.search(r"already booked: booking \S+ is confirmed", refused.text), refused.text


def test_an_approval_after_the_booking_ran_names_the_booking(served: Served) -> None:
    with httpx.Client(base_url=served.url, timeout=60) as client:
        thread_id = _ask_to_book(client, served)
        first = _approve(client, served, thread_id)
        again = _approve(client, served, thread_id)
    assert first.status_code == 200, first.text
    steps = first.json()
    assert again.status_code == 409, again.text
    error = again.json()["error"]
    assert error["code"] == "already_done" and "is confirmed" in error["message"], error
    assert "haven't booked" not in again.text and steps
