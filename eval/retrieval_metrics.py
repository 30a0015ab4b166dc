"""Retrieval quality for the run report: nDCG@10 and recall@10 on the labelled query set.

The query set and its grading rules belong to the retrieval engineer (`eval/retrieval/`), and so does the
scoring (`bench/retrieval_quality.py`); this module only runs the production retriever (hybrid search plus
the exact model-number lookup, as the agent's tools use it) over the index the eval run already built, and
reports the means per collection. A failure here never fails the eval run: it is reported as an error.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any


def retrieval_report(queries_path: Path, index_folder: Path | None, seed_dir: Path | None = None) -> dict[str, Any]:
    """{"overall": {...}, "by_collection": {...}, "by_kind": {...}} or {"error": why}."""
    if index_folder is None or not (index_folder / "index").exists():
        return {"error": "no built index for this run"}
    try:
        import retrieval
        from bench.retrieval_quality import load_queries, ndcg_at_10, recall_at_10, to_filters
        from retrieval.embeddings import open_embedder
        from retrieval.retriever import Retriever

        queries = load_queries(queries_path)
        index = retrieval.build_or_load_index(
            "edge", index_dir=index_folder / "index", data_dir=index_folder, seed_dir=seed_dir or index_folder
        )
        try:
            retriever = Retriever(index, open_embedder(index_folder))
            scores: dict[str, list[tuple[float, float]]] = defaultdict(list)
            kinds: dict[str, list[tuple[float, float]]] = defaultdict(list)
            for q in queries:
                filters = to_filters(q["collection"], q.get("filters", {}))
                hits = retriever.search(q["collection"], q["query"], filters, limit=10)
                ranked = [h.id for h in hits]
                score = (ndcg_at_10(ranked, q["relevant"]), recall_at_10(ranked, q["relevant"]))
                scores[q["collection"]].append(score)
                kinds[q["kind"]].append(score)
        finally:
            if hasattr(index, "close"):
                index.close()
    except Exception as exc:  # the report says why; the chat scenarios still count
        return {"error": f"{type(exc).__name__}: {exc}"}

    def mean(values: list[tuple[float, float]]) -> dict[str, Any]:
        return {
            "queries": len(values),
            "ndcg_at_10": round(sum(v[0] for v in values) / len(values), 4),
            "recall_at_10": round(sum(v[1] for v in values) / len(values), 4),
        }

    every = [s for values in scores.values() for s in values]
    return {
        "retriever": "hybrid (dense + BM25, RRF) + model-number lookup",
        "overall": mean(every),
        "by_collection": {"all": mean(every), **{name: mean(v) for name, v in sorted(scores.items())}},
        "by_kind": {name: mean(v) for name, v in sorted(kinds.items())},
    }
