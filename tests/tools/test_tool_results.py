"""Every tool's real output matches the result model its registry entry declares: it validates, and it has no
key the model leaves undeclared (so a reader of the typed fields sees everything the tool says). Run on a
real database, and for the search tools also on the real hybrid index, because each path shapes its items."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from langchain.tools import ToolRuntime
from pydantic import BaseModel

from data.schema import DataSet, Destination, MonthClimate
from retrieval import open_index
from retrieval.catalogue import ingest_dataset
from retrieval.embeddings import open_embedder
from testkit.agent_world import TODAY, world
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.registry import REGISTRY
from tools.agent_tools.results import ToolResult
from tools.db import Database
from tools.search import catalogue_search
from tools.seed import seed_database
from tools.services import Services, build_services

DAY = (TODAY + timedelta(days=10)).isoformat()
STAY = {"hotel_id": "H0001", "check_in": DAY, "nights": 2}
BOOK = {**STAY, "room_type_id": "H0001-R1", "points_to_use": 500}

# In this order: the booking made by book_hotel is listed and then cancelled.
CALLS: list[tuple[str, dict[str, Any]]] = [
    ("search_products", {"query": "headphones"}),
    ("get_product_details", {"product_id": "P000001"}),
    ("compare_products", {"product_ids": ["P000001", "P000002"]}),
    ("review_highlights", {"product_id": "P000001"}),
    ("points_for_purchase", {"product_id": "P000002", "points_to_use": 100}),
    ("search_hotels", {"city": "Beppu"}),
    ("search_hotels", {"city": "Beppu", "check_in": DAY, "nights": 2}),
    ("check_availability", STAY),
    ("quote_stay", BOOK),
    ("book_hotel", BOOK),
    ("my_bookings", {"status": "all"}),
    ("cancel_booking", {"booking_id": "$BOOKING"}),
    ("search_destinations", {"query": "onsen", "month": 1}),
    ("search_destinations", {"query": "onsen"}),
    ("points_balance", {}),
    ("points_history", {}),
    ("redeem_points", {"points": 100}),
    ("list_campaigns", {}),
    ("list_mobile_plans", {}),
    ("explain_mobile_plan", {"plan_id": "MP1", "monthly_data_gb": 5}),
    ("recommend_mobile_plan", {"monthly_data_gb": 5}),
    ("handoff_to_support", {"category": "order", "reason": "My parcel did not arrive"}),
]
INDEXED_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("search_products", {"query": "earbuds"}),
    ("search_hotels", {"query": "onsen", "check_in": DAY, "nights": 2}),
    ("search_hotels", {"query": "hotel", "city": "Beppu"}),
    ("search_destinations", {"query": "onsen", "month": 1}),
]


def _data() -> DataSet:
    climate = [MonthClimate(month=m, avg_high_c=8 + m, avg_low_c=m, rain_days=6, note="mild") for m in range(1, 13)]
    guide = Destination(id="D001", area="Beppu Onsen", city="Beppu", prefecture="Oita", region="kyushu",
                        known_for=["onsen"], activities=["onsen hopping"], climate=climate, best_months=[1, 2],
                        access={"Fukuoka": "2 h"}, description="Steaming onsen town.", truth_tags=[])  # fmt: skip
    return world().model_copy(update={"destinations": [guide]})


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    url = f"sqlite:///{tmp_path / 'results.db'}"
    db = Database(url)
    seed_database(db, _data(), TODAY)
    db.dispose()
    built = build_services(url, None, today=TODAY)
    yield built
    built.close()


def _run(services: Services, name: str, args: dict[str, Any], call_id: str) -> Any:
    ctx = AssistantContext(member_id="M0001", services=services, thread_id="t-results")
    runtime = ToolRuntime(state={"messages": []}, context=ctx, config={}, stream_writer=lambda _: None,
                          tool_call_id=call_id, store=None)  # fmt: skip
    tool = REGISTRY[name].tool
    assert tool.func is not None  # type: ignore[attr-defined]
    data = json.loads(tool.func(runtime, **args))  # type: ignore[attr-defined]
    assert not (isinstance(data, dict) and "error" in data), f"{name}: {data}"
    return data


def undeclared(model: BaseModel, where: str = "") -> list[str]:
    """Keys of the tool's output that the result model (or a nested result model) does not declare."""
    found = [f"{where}{key}" for key in model.model_extra or {}]
    for field in type(model).model_fields:
        value = getattr(model, field)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ToolResult):
                found += undeclared(item, f"{where}{field}.")
    return found


def _check(name: str, data: Any) -> None:
    result_model = REGISTRY[name].result
    assert result_model is not None, f"{name} has no result model"
    parsed = result_model.model_validate(data)
    assert undeclared(parsed) == [], f"{name} returns keys its result model does not declare"


def test_every_tool_declares_a_result_model_and_is_exercised() -> None:
    assert {name for name, _ in CALLS} == set(REGISTRY.names)
    assert all(spec.result is not None and issubclass(spec.result, ToolResult) for spec in REGISTRY)


def test_every_tools_output_matches_its_result_model(services: Services) -> None:
    booking = ""
    for i, (name, args) in enumerate(CALLS):
        args = {k: (booking if v == "$BOOKING" else v) for k, v in args.items()}
        data = _run(services, name, args, f"c{i}")
        booking = data.get("booking_id", booking) if name == "book_hotel" else booking
        _check(name, data)
    destinations = _run(services, "search_destinations", {"query": "onsen", "month": 1}, "d1")["destinations"]
    assert destinations, "the database path of search_destinations found nothing to check"


def test_the_search_tools_output_on_the_index_matches_their_result_models(services: Services, tmp_path: Path) -> None:
    embedder = open_embedder(tmp_path / "emb")
    index = open_index("edge", tmp_path / "index")
    try:
        ingest_dataset(index, _data(), embedder)
        indexed = replace(services, search=catalogue_search(index, embedder, services.db, services.hotels))
        for i, (name, args) in enumerate(INDEXED_CALLS):
            data = _run(indexed, name, args, f"i{i}")
            assert next(iter(v for v in data.values() if isinstance(v, list))), f"{name} found nothing: {data}"
            _check(name, data)
    finally:
        index.close()
        if embedder.cache is not None:
            embedder.cache.close()
