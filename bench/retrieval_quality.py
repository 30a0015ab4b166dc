"""Quality on the labelled query set (eval/retrieval/queries.jsonl, over data/generated/small).

nDCG@10 with gain 2^grade - 1 against the ideal ordering of all judged documents, and recall@10 as
|relevant ∩ top10| / min(10, |relevant|), as the set's README prescribes. Each query runs with the
filters a good system extracts from it (the set lists them), in every mode: dense only, sparse only,
hybrid with RRF, hybrid with DBSF, and the full retriever (hybrid + exact model-number lookup).

The set is split in two halves by a hash of the query id (`SPLIT_RULE`): the fusion is chosen on the dev
half only and reported on the held-back half, so the reported figure is not the best of several tries on
the queries it is reported on.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Any, Literal

from retrieval.index import (
    DEFAULT_FUSION,
    Collection,
    DestinationFilters,
    FusionMethod,
    HotelFilters,
    ProductFilters,
    SearchFilters,
    SearchMode,
)
from retrieval.retriever import Retriever
from retrieval.search_index import SearchIndex

VARIANTS: dict[str, tuple[SearchMode, FusionMethod, bool]] = {
    # name: (mode, fusion, full retriever with the model-number lookup)
    "dense": ("dense", "rrf", False),
    "sparse": ("sparse", "rrf", False),
    "hybrid_rrf": ("hybrid", "rrf", False),
    "hybrid_dbsf": ("hybrid", "dbsf", False),
    "hybrid_rrf+codes": ("hybrid", "rrf", True),
    "hybrid_dbsf+codes": ("hybrid", "dbsf", True),
}

SPLIT_RULE = "int(sha256(query id, UTF-8), 16) % 2 == 0 -> dev, else held-back test"
Split = Literal["dev", "test"]


def split_of(query_id: str) -> Split:
    """Which half a labelled query belongs to: stable across runs and independent of its text or kind."""
    return "dev" if int(hashlib.sha256(query_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


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


QueryScore = tuple[str, str, float, float]  # query id, kind, nDCG@10, recall@10


def score_queries(index: SearchIndex, embedder: Any, queries: list[dict[str, Any]],
                  *, use_filters: bool = True) -> dict[str, list[QueryScore]]:
    """Per-query scores for every variant, so any subset (a split half, a kind) can be summarised later."""
    out: dict[str, list[QueryScore]] = {}
    for name, (mode, fusion, with_codes) in VARIANTS.items():
        retriever = Retriever(index, embedder, fusion=fusion)
        scores: list[QueryScore] = []
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
            scores.append((q["id"], q["kind"], ndcg_at_10(ranked, q["relevant"]), recall_at_10(ranked, q["relevant"])))
        out[name] = scores
    return out


def summarise(scores: list[QueryScore]) -> dict[str, Any]:
    """Mean nDCG@10 / recall@10 over the given queries, overall and per kind."""
    per_kind: dict[str, list[QueryScore]] = defaultdict(list)
    for score in scores:
        per_kind[score[1]].append(score)

    def means(v: list[QueryScore]) -> dict[str, Any]:
        return {"ndcg@10": round(sum(s[2] for s in v) / len(v), 4),
                "recall@10": round(sum(s[3] for s in v) / len(v), 4), "n": len(v)}

    return {**means(scores), "by_kind": {kind: means(v) for kind, v in sorted(per_kind.items())}}


def evaluate(index: SearchIndex, embedder: Any, queries: list[dict[str, Any]],
             *, use_filters: bool = True) -> dict[str, Any]:
    """Scores per variant on each half of the split and on the whole set."""
    per_query = score_queries(index, embedder, queries, use_filters=use_filters)
    return {
        half: {name: summarise([s for s in scores if half == "all" or split_of(s[0]) == half])
               for name, scores in per_query.items()}
        for half in ("dev", "test", "all")
    }


def _q(scores: dict[str, Any]) -> dict[str, float]:
    return {"ndcg@10": scores["ndcg@10"], "recall@10": scores["recall@10"]}


def quality_section(quality: dict[str, Any], labelled: list[dict[str, Any]],
                    label: str = "eval/retrieval/queries.jsonl") -> dict[str, Any]:
    """Choose the fusion on the dev half (hybrid + code lookup, as the product runs it); report both halves."""
    scores = quality["with_filters"]
    best = max(("rrf", "dbsf"), key=lambda f: scores["dev"][f"hybrid_{f}+codes"]["ndcg@10"])

    def rows(half: str) -> dict[str, Any]:
        return {
            "queries": scores[half]["dense"]["n"],
            "dense": _q(scores[half]["dense"]),
            "sparse": _q(scores[half]["sparse"]),
            "hybrid_without_code_lookup": _q(scores[half][f"hybrid_{best}"]),
            "hybrid": _q(scores[half][f"hybrid_{best}+codes"]),
        }

    return {
        "split": {"rule": SPLIT_RULE, "dev": sum(split_of(q["id"]) == "dev" for q in labelled),
                  "test": sum(split_of(q["id"]) == "test" for q in labelled)},
        "fusion_chosen": best,
        "fusion_chosen_on": "dev half: higher nDCG@10 of hybrid + exact model-number lookup, filters applied",
        "product_default_fusion": DEFAULT_FUSION,
        "quality": {"measured_on": f"held-back half of {label}", **rows("test")},
        "quality_dev": {"measured_on": f"dev half of {label} (the fusion was chosen here)", **rows("dev")},
        "quality_variants": quality,
    }
