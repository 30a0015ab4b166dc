"""The terminal chat: streamed answer, tool calls shown, the y/n confirmation books (or not)."""

from __future__ import annotations

import io

from rich.console import Console

from assistant.commands.chat import ChatSession
from assistant.web.turn_service import TurnService
from tests.agent.conftest import RuntimeFactory
from tests.agent.helpers import bookings
from tests.fakes import ScriptedChatModel, call, say

STAY = {"hotel_id": "H0001", "room_type_id": "H0001-R1", "check_in": "2026-12-10", "nights": 2}


def test_chat_session_shows_tools_and_asks_before_booking(make_runtime: RuntimeFactory) -> None:
    model = ScriptedChatModel(
        [call("quote_stay", STAY), call("book_hotel", STAY), say("Booked!"), call("book_hotel", STAY), say("Fine.")]
    )
    rt = make_runtime(model)
    lines = iter(["Book H0001 for 2 nights", "and again", "/threads", "/quit"])
    answers = iter([True, False])
    out = io.StringIO()
    session = ChatSession(
        TurnService.from_settings(rt.conversations, rt.settings),
        "M0001",
        None,
        console=Console(file=out, width=200, color_system=None),
        ask=lambda: next(lines),
        confirm=lambda: next(answers),
    )
    session.loop()
    text = out.getvalue()
    assert "-> quote_stay(" in text and "<- quote_stay: ok" in text
    assert "Confirm book_hotel" in text and "24,000 JPY" in text
    assert "assistant Booked!" in text and "assistant Fine." in text
    assert session.thread_id in text and "Book H0001 for 2 nights" in text  # the /threads listing
    assert len(bookings(rt.services, "M0001")) == 1  # approved once, rejected once
    model.assert_all_used()
