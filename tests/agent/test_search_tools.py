"""The search tools on the real hybrid index (Qdrant Edge + the bundled embedder) over the test world."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval import open_index
from retrieval.catalogue import ingest_dataset
from retrieval.embeddings import CachedEmbedder, open_embedder
from testkit.agent_world import world
from tests.agent.conftest import RuntimeFactory
from tests.agent.helpers import Turn, run
from tests.fakes import ScriptedChatModel, call, say


@pytest.fixture
def embedder(tmp_path: Path) -> Iterator[CachedEmbedder]:
    emb = open_embedder(tmp_path / "emb")
    yield emb
    if emb.cache is not None:
        emb.cache.close()


def _turn_on_the_index(make_runtime: RuntimeFactory, model: ScriptedChatModel, embedder: CachedEmbedder,
                       tmp_path: Path, text: str) -> Turn:
    """One member turn with the runtime's search services on a real edge index of the test world."""
    index = open_index("edge", tmp_path / "index")
    try:
        ingest_dataset(index, world(), embedder)
        conv = make_runtime(model, search=(index, embedder)).conversations
        return run(conv.send(member_id="M0001", thread_id=conv.new_thread("M0001"), text=text))
    finally:
        index.close()


def test_search_tools_use_the_hybrid_index(
    make_runtime: RuntimeFactory, embedder: CachedEmbedder, tmp_path: Path
) -> None:
    model = ScriptedChatModel(
        [
            call("search_products", {"query": "wireless earbuds", "max_price_jpy": 10_000, "limit": 2}),
            call("search_hotels", {"query": "onsen inn", "check_in": "2026-12-10", "nights": 2, "limit": 1}),
            call("search_hotels", {"query": "hotel", "city": "Sapporo"}),
            call("search_destinations", {"query": "somewhere warm", "month": 1}),
            say("Here you go."),
        ]
    )
    turn = _turn_on_the_index(make_runtime, model, embedder, tmp_path, "find things")
    products, dated, sapporo, destinations = (r.data for r in turn.results)
    assert isinstance(products, dict) and products["products"][0]["id"] == "P000004"
    assert all(p["price_jpy"] <= 10_000 for p in products["products"])
    assert isinstance(dated, dict) and dated["hotels"][0]["hotel_id"] == "H0001"
    assert dated["hotels"][0]["cheapest_room"]["total_jpy"] == 24_000  # live availability for the dates
    assert isinstance(sapporo, dict) and [h["hotel_id"] for h in sapporo["hotels"]] == ["H0002"]
    assert "No dates given" in sapporo["notes"][0]
    assert destinations == {"query": "somewhere warm", "month": 1, "destinations": []}
    model.assert_all_used()


def test_dated_hotel_search_offers_only_rooms_the_quote_will_accept(
    make_runtime: RuntimeFactory, embedder: CachedEmbedder, tmp_path: Path
) -> None:
    """Three adults do not fit a room for 2 adults + 1 child: search must not list it and then fail the quote."""
    stay = {"query": "onsen inn", "city": "Beppu", "check_in": "2026-12-10", "nights": 2, "limit": 1}
    model = ScriptedChatModel(
        [
            call("search_hotels", {**stay, "adults": 3}),
            call("quote_stay", {"hotel_id": "H0001", "room_type_id": "H0001-R2", "check_in": "2026-12-10",
                                "nights": 2, "adults": 3}),
            say("Here you go."),
        ]
    )
    turn = _turn_on_the_index(make_runtime, model, embedder, tmp_path, "room for 3 adults")
    found, quote = (r.data for r in turn.results)
    assert isinstance(found, dict) and found["hotels"][0]["cheapest_room"]["room_type_id"] == "H0001-R2"
    assert turn.results[1].ok and isinstance(quote, dict)
    model.assert_all_used()
