"""Quality on the labelled query set (eval/retrieval/queries.jsonl, over data/generated/small).

nDCG@10 with gain 2^grade - 1 against the ideal ordering of all judged documents, and recall@10 as
|relevant ∩ top10| / min(10, |relevant|), as the set's README prescribes. Each query runs with the
filters a good system extracts from it (the set lists them), in every mode: dense only, sparse only,
hybrid with RRF, hybrid with DBSF, and the full retriever (hybrid + exact model-number lookup).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

from retrieval.index import (
    Collection,
    DestinationFilters,
    FusionMethod,
    HotelFilters,
    ProductFilters,
    SearchFilters,
    SearchIndex,
    SearchMode,
)
from retrieval.retriever import Retriever

VARIANTS: dict[str, tuple[SearchMode, FusionMethod, bool]] = {
    # name: (mode, fusion, full retriever with the model-number lookup)
    "dense": ("dense", "rrf", False),
    "sparse": ("sparse", "rrf", False),
    "hybrid_rrf": ("hybrid", "rrf", False),
    "hybrid_dbsf": ("hybrid", "dbsf", False),
    "hybrid_rrf+codes": ("hybrid", "rrf", True),
    "hybrid_dbsf+codes": ("hybrid", "dbsf", True),
}


def load_queries(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def to_filters(collection: Collection, raw: dict[str, Any]) -> SearchFilters | None:
    """The set's filter vocabulary -> our filter models (keys we do not support are left to the text)."""
    if collection == "products":
        return ProductFilters(
            category=raw.get("category"), brand=raw.get("brand"),
            min_price_jpy=raw.get("price_min"), max_price_jpy=raw.get("price_max"),
        )
    if collection == "hotels":
        return HotelFilters(
            amenities=raw.get("amenities", []), min_stars=raw.get("stars_min"),
            max_price_per_night_jpy=raw.get("price_max"), region=raw.get("region"),
        )
    return DestinationFilters(region=raw.get("region"))


def ndcg_at_10(ranked: list[str], relevant: dict[str, int]) -> float:
    dcg = sum((2 ** relevant.get(doc, 0) - 1) / math.log2(i + 2) for i, doc in enumerate(ranked[:10]))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at_10(ranked: list[str], relevant: dict[str, int]) -> float:
    wanted = {d for d, g in relevant.items() if g >= 1}
    if not wanted:
        return 0.0
    return len(wanted & set(ranked[:10])) / min(10, len(wanted))


def evaluate(index: SearchIndex, embedder: Any, queries: list[dict[str, Any]],
             *, use_filters: bool = True) -> dict[str, Any]:
    """Scores per variant: overall means and a per-kind breakdown."""
    out: dict[str, Any] = {}
    for name, (mode, fusion, with_codes) in VARIANTS.items():
        retriever = Retriever(index, embedder, fusion=fusion)
        per_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for q in queries:
            collection: Collection = q["collection"]
            filters = to_filters(collection, q.get("filters", {})) if use_filters else None
            if with_codes:
                hits = retriever.search(collection, q["query"], filters, limit=10, mode=mode)
            else:
                conditions = filters.conditions() if filters is not None else []
                vectors = retriever.query_vectors(q["query"], mode)
                hits = index.search(collection, vectors, conditions, limit=10, mode=mode, fusion=fusion)
            ranked = [h.id for h in hits]
            per_kind[q["kind"]].append((ndcg_at_10(ranked, q["relevant"]), recall_at_10(ranked, q["relevant"])))
        every = [score for scores in per_kind.values() for score in scores]
        out[name] = {
            "ndcg@10": round(sum(s[0] for s in every) / len(every), 4),
            "recall@10": round(sum(s[1] for s in every) / len(every), 4),
            "by_kind": {
                kind: {"ndcg@10": round(sum(s[0] for s in v) / len(v), 4),
                       "recall@10": round(sum(s[1] for s in v) / len(v), 4), "n": len(v)}
                for kind, v in sorted(per_kind.items())
            },
        }
    return out
