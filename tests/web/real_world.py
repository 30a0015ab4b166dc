"""The real runtime for web tests: the committed small seed data, real services, real checkpoints on disk,
and a scripted chat model (tests never reach an LLM)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from assistant.runtime import Runtime, build_runtime
from assistant.settings import Settings, load_settings
from testkit.scripted_model import ScriptedChatModel, call, last_tool_json, say
from tools.clock import Clock

CHECK_IN = str(Clock().today() + timedelta(days=24))
SEARCH = {"city": "Kyoto", "check_in": CHECK_IN, "nights": 2, "adults": 2}


def real_settings(data_dir: Path, **extra: object) -> Settings:
    return load_settings(ASSISTANT_DATA_DIR=str(data_dir), ASSISTANT_SECRET="web-tests-secret", **extra)


def offline_runtime(settings: Settings) -> Runtime:
    """The default engine (`ASSISTANT_MODEL=offline`): deterministic, no LLM; search by database filters."""
    return build_runtime(settings, with_index=False)


def stay_words() -> str:
    """How a member names the stay dates, e.g. "for 2 nights from 17 December"."""
    day = date.fromisoformat(CHECK_IN)
    return f"for 2 nights from {day.day} {day:%B}"


def real_runtime(settings: Settings, steps: list[Any]) -> tuple[Runtime, ScriptedChatModel]:
    model = ScriptedChatModel(steps)
    return build_runtime(settings, model=model, with_index=False), model


def _stay(messages: list[Any]) -> dict[str, Any]:
    hotel = last_tool_json(messages, "search_hotels")["hotels"][0]
    return {"hotel_id": hotel["hotel_id"], "room_type_id": hotel["cheapest_room"]["room_type_id"],
            "check_in": CHECK_IN, "nights": 2, "adults": 2}


def hotel_search_steps() -> list[Any]:
    return [
        call("search_hotels", SEARCH),
        lambda m: say(f"I found {len(last_tool_json(m, 'search_hotels')['hotels'])} hotels in Kyoto; the first is "
                      f"{last_tool_json(m, 'search_hotels')['hotels'][0]['name']}."),
    ]


def booking_steps() -> list[Any]:
    """search -> (member: "book the first one") quote + book, paused -> (approve) confirmation text."""
    return [
        *hotel_search_steps(),
        lambda m: call("quote_stay", _stay(m)),
        lambda m: call("book_hotel", _stay(m)),
        lambda m: say(f"Booked! Your booking id is {last_tool_json(m, 'book_hotel')['booking_id']}."),
    ]


def product_steps() -> list[Any]:
    return [
        call("search_products", {"query": "wireless earbuds for running", "max_price_jpy": 40000}),
        lambda m: say("Top pick: " + last_tool_json(m, "search_products")["products"][0]["title"]),
    ]
