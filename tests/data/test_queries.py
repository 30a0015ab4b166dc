"""The labelled retrieval query sets (English and Japanese): complete, consistent with the data, and reproducible."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from data.queries import KINDS, QUERIES_PATH, build_queries, write_queries
from data.queries_ja import QUERIES_JA_PATH, build_queries_ja
from data.schema import DataSet

# (committed file, builder, fewest queries of any kind)
SETS = [
    pytest.param(QUERIES_PATH, build_queries, 10, id="en"),
    pytest.param(QUERIES_JA_PATH, build_queries_ja, 8, id="ja"),
]


def _load(path: Path = QUERIES_PATH) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(("path", "build", "least"), SETS)
def test_committed_queries_match_the_builder(
    small: DataSet, tmp_path: Path, path: Path, build: Callable[[DataSet], list[dict]], least: int
) -> None:
    out = tmp_path / path.name
    write_queries(build(small), out)
    assert out.read_bytes() == path.read_bytes(), f"{path.name} is stale: run python -m data.{path.stem}"


@pytest.mark.parametrize(("path", "build", "least"), SETS)
def test_query_set_covers_every_kind_with_valid_judgements(
    small: DataSet, path: Path, build: Callable[[DataSet], list[dict]], least: int
) -> None:
    queries = _load(path)
    assert len(queries) >= 150
    assert len({q["id"] for q in queries}) == len(queries)
    kinds = Counter(q["kind"] for q in queries)
    assert set(kinds) == set(KINDS) and min(kinds.values()) >= least
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


def test_japanese_queries_are_written_in_japanese() -> None:
    for q in _load(QUERIES_JA_PATH):
        assert re.search(r"[\u3040-\u30ff\u3400-\u9fff]", q["query"]) or q["kind"] == "model_number", q
        assert q["lang"] == "ja" and q["id"].startswith("j")


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


def test_japanese_judgements_follow_the_ground_truth(small: DataSet) -> None:
    by_id = {p.id: p for p in small.products}
    for q in _load(QUERIES_JA_PATH):
        if q["kind"] == "price_bounded":
            cap = q["filters"]["price_max"]
            assert all(by_id[i].price_jpy <= cap for i in q["relevant"]), q["id"]
        if q["kind"] == "model_number":
            (only,) = q["relevant"]
            assert by_id[only].model_number in q["query"]
