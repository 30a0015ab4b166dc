"""LLM provider faults over real HTTP (the OpenAI-compatible stub on loopback): timeouts, 429 and 500 are
retried; when the provider stays down the fallback model answers; with no fallback the member gets a polite
message, nothing is written, and the same conversation carries on once the provider is back."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.events import Notice, TurnEnd
from assistant.settings import Settings
from tests.fakes import OpenAIStub, fault, reply, slow, tool_reply
from tests.security.conftest import RuntimeFactory
from tests.security.harness import snapshot
from tests.security.world import ME, STAY, Arena

# litellm builds pydantic models of OpenAI's types lazily; pydantic warns about a ReadOnly TypedDict field in them.
pytestmark = pytest.mark.filterwarnings("ignore:Item .* is using the `ReadOnly` qualifier:UserWarning")


def provider(stub: OpenAIStub, **extra: Any) -> dict[str, Any]:
    return {"ASSISTANT_MODEL": "openai/stub-model", "ASSISTANT_API_BASE": stub.base_url,
            "ASSISTANT_MAX_RETRIES": 2, "ASSISTANT_TIMEOUT_S": 1.5, **extra}


def turn(conversations: Any, thread: str, text: str) -> tuple[str, list[Notice], Any]:
    events = list(conversations.send(member_id=ME, thread_id=thread, text=text))
    end = events[-1]
    assert isinstance(end, TurnEnd) and sum(isinstance(e, TurnEnd) for e in events) == 1
    return end.answer, [e for e in events if isinstance(e, Notice)], end.pending


def test_timeout_429_and_500_are_retried_and_the_member_sees_only_the_answer(
    make_runtime: RuntimeFactory, openai_stub: OpenAIStub
) -> None:
    openai_stub.script(slow(4, "too late"), fault(429, "slow down"), reply("Hello! How can I help?"))
    # As with a hosted provider: the stub is on loopback, where a timeout is otherwise not retried (a local
    # server that is slow would read the whole prompt again; see test_local_server_timeouts.py).
    runtime = make_runtime(None, **provider(openai_stub, ASSISTANT_RETRY_ON_TIMEOUT=True))
    thread = runtime.conversations.new_thread(ME)
    answer, notices, _ = turn(runtime.conversations, thread, "hi")
    assert answer == "Hello! How can I help?" and not notices
    assert len(openai_stub.requests) == 3


def test_provider_down_with_offline_fallback_still_answers(make_runtime: RuntimeFactory,
                                                           openai_stub: OpenAIStub) -> None:
    openai_stub.script(*[fault(500, "down") for _ in range(3)])
    seed = str(Settings().seed_dir)
    runtime = make_runtime(None, **provider(openai_stub, ASSISTANT_FALLBACK_MODEL="offline", ASSISTANT_SEED_DIR=seed))
    thread = runtime.conversations.new_thread(ME)
    answer, notices, _ = turn(runtime.conversations, thread, "What is my points balance?")
    assert not [n for n in notices if n.level == "error"], notices
    assert "5,000" in answer, answer  # the offline engine answered from the member's own ledger
    # The primary was tried (with its retries) before each fallback: the fallback is per model call.
    assert len(openai_stub.requests) >= 3


def test_provider_down_gives_a_polite_message_and_the_conversation_recovers(
    arena: Arena, make_runtime: RuntimeFactory, openai_stub: OpenAIStub
) -> None:
    runtime = make_runtime(None, **provider(openai_stub))
    conversations = runtime.conversations
    thread = conversations.new_thread(ME)
    openai_stub.script(tool_reply("quote_stay", STAY), *[fault(429, "quota exceeded for org-7731") for _ in range(3)])
    before = snapshot(runtime.services, arena)

    answer, notices, pending = turn(conversations, thread, "Quote me H0001 for one night")
    assert pending is None and answer == ""
    assert [n.level for n in notices] == ["error"]
    assert "try again" in notices[0].text.lower() and "Traceback" not in notices[0].text
    assert "org-7731" not in notices[0].text  # the provider's own words are not shown to the member
    assert snapshot(runtime.services, arena) == before

    # The provider is back: the same thread carries on, with its history, through to a confirmed booking.
    openai_stub.script(tool_reply("book_hotel", STAY), reply("Booked: see the confirmation."))
    answer, notices, pending = turn(conversations, thread, "Book it then")
    assert pending is not None and pending.tool == "book_hotel" and not notices
    events = list(conversations.decide(member_id=ME, thread_id=thread, approve=True))
    assert isinstance(events[-1], TurnEnd) and events[-1].answer == "Booked: see the confirmation."
    transcript = conversations.transcript(member_id=ME, thread_id=thread)
    assert [i.text for i in transcript if i.role == "user"] == ["Quote me H0001 for one night", "Book it then"]
    assert snapshot(runtime.services, arena).counts["bookings"] == before.counts["bookings"] + 1
    sent = openai_stub.requests[-1]["messages"]
    assert any("Quote me H0001" in str(m.get("content")) for m in sent), "the history reached the provider"
