"""`list_campaigns` on the seeded programme: what a member asking "any points campaigns on?" must be told.

Run on the small data set's own campaigns (their windows are relative to the seed day), on SQLite and
PostgreSQL. Expectations are read from the data (dates, caps, categories), never typed in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from langchain.tools import ToolRuntime

from data.loader import SMALL_DIR, load_dataset
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.registry import REGISTRY
from tools.services import Services, build_services

DATA = load_dataset(SMALL_DIR)


@pytest.fixture
def services(database_url: str) -> Iterator[Services]:
    built = build_services(database_url, SMALL_DIR)
    yield built
    built.close()


def campaigns(services: Services, **args: Any) -> list[dict[str, Any]]:
    ctx = AssistantContext(member_id="M0001", services=services, thread_id="t-campaigns")
    runtime = ToolRuntime(state={"messages": []}, context=ctx, config={}, stream_writer=lambda _: None,
                          tool_call_id="c1", store=None)  # fmt: skip
    tool = REGISTRY["list_campaigns"].tool
    body = json.loads(tool.func(runtime, **args))  # type: ignore[attr-defined]
    assert "error" not in body, body
    listed: list[dict[str, Any]] = body["campaigns"]
    return listed


def test_running_and_upcoming_campaigns_are_listed_with_their_terms_and_ended_ones_never(services: Services) -> None:
    listed = {c["id"]: c for c in campaigns(services)}
    for seed in DATA.campaigns:
        if seed.ends_in_days < 0:
            assert seed.id not in listed, f"ended campaign {seed.id} offered"
            continue
        shown = listed[seed.id]
        assert shown["status"] == ("upcoming" if seed.starts_in_days > 0 else "running")
        assert shown["total_multiplier"] == seed.bonus_multiplier + 1
        assert shown["cap_points"] == seed.cap_points and shown["requires_entry"] == seed.requires_entry
        assert shown.get("category") == seed.category
        assert shown["name_ja"] and shown["description_ja"], "a Japanese member needs the campaign in Japanese"
    statuses = [c["status"] for c in campaigns(services)]
    assert statuses == sorted(statuses, key=lambda s: s != "running"), "running campaigns come first"


def test_filters_keep_campaigns_on_every_category_and_can_drop_upcoming_ones(services: Services) -> None:
    travel = campaigns(services, category="travel")
    assert travel and all(c.get("category") in (None, "Travel") for c in travel)
    assert not any(c.get("shop_id") for c in travel), "a stay earns with the hotel as its shop"
    assert all(c["status"] == "running" for c in campaigns(services, include_upcoming=False))


def test_a_stay_booked_under_the_travel_campaign_counts_towards_its_cap(services: Services) -> None:
    travel = next(c for c in DATA.campaigns if c.category == "Travel" and c.starts_in_days <= 0 <= c.ends_in_days)
    before = next(c for c in campaigns(services) if c["id"] == travel.id)["earned_points"]
    hotel = DATA.hotels[0]
    services.bookings.book("M0001", hotel.id, hotel.room_types[0].id, services.clock.today() + timedelta(days=5),
                           nights=2, adults=1, idempotency_key="campaign-cap")
    after = next(c for c in campaigns(services) if c["id"] == travel.id)["earned_points"]
    assert after > before
