"""The labelled retrieval query set: complete, consistent with the data, and reproducible."""

from __future__ import annotations

import json
from collections import Counter

from data.queries import KINDS, QUERIES_PATH, build_queries, write_queries
from data.schema import DataSet


def _load() -> list[dict]:
    return [json.loads(line) for line in QUERIES_PATH.read_text(encoding="utf-8").splitlines()]


def test_committed_queries_match_the_builder(small: DataSet, tmp_path) -> None:
    out = tmp_path / "queries.jsonl"
    write_queries(build_queries(small), out)
    assert out.read_bytes() == QUERIES_PATH.read_bytes(), (
        "eval/retrieval/queries.jsonl is stale: run python -m data.queries"
    )


def test_query_set_covers_every_kind_with_valid_judgements(small: DataSet) -> None:
    queries = _load()
    assert len(queries) >= 150
    assert len({q["id"] for q in queries}) == len(queries)
    kinds = Counter(q["kind"] for q in queries)
    assert set(kinds) == set(KINDS) and min(kinds.values()) >= 10
    ids = {
        "products": {p.id for p in small.products},
        "hotels": {h.id for h in small.hotels},
        "destinations": {d.id for d in small.destinations},
    }
    for q in queries:
        assert q["relevant"], q["id"]
        assert set(q["relevant"]) <= ids[q["collection"]], q["id"]
        assert all(g in (1, 2, 3) for g in q["relevant"].values())
        assert max(q["relevant"].values()) >= 2 or q["kind"] == "vague", q["id"]


def test_named_examples_are_judged_from_ground_truth(small: DataSet) -> None:
    by_text = {q["query"]: q for q in _load()}
    products = {p.id: p for p in small.products}
    cooker = by_text["rice cooker under 15000 yen"]
    assert all(products[i].subcategory == "Rice Cookers" and products[i].price_jpy <= 15000 for i in cooker["relevant"])
    assert cooker["filters"]["price_max"] == 15000
    hakone = by_text["onsen hotel in Hakone with breakfast"]
    hotels = {h.id: h for h in small.hotels}
    top = [i for i, g in hakone["relevant"].items() if g == 3]
    assert top and all(hotels[i].city == "Hakone" and {"onsen", "breakfast"} <= set(hotels[i].amenities) for i in top)
    warm = by_text["somewhere warm in January for the beach"]
    dests = {d.id: d for d in small.destinations}
    best = {dests[i].area for i, g in warm["relevant"].items() if g == 3}
    assert {"Ishigaki", "Miyakojima", "Naha"} <= best and "Niseko" not in best
    assert "headphnes" in " ".join(by_text) and "Hakkone" in " ".join(by_text)
    model_queries = [q for q in by_text.values() if q["kind"] == "model_number"]
    for q in model_queries:
        (pid,) = q["relevant"]
        assert products[pid].model_number in q["query"]
