"""The floor for the retrieval benchmark: an exact numpy scan with the same filters and the same fusion.

Dense: a matrix product over the rows the filter keeps. Sparse: BM25 postings with Qdrant's IDF
(ln((N - n + 0.5) / (n + 0.5) + 1)), scored with numpy. Hybrid: the same fusion over the same number
of candidates per branch as the index (DBSF by default, or RRF with k = 60). It is the ground truth for
"recall of the embedded index vs exact".
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from retrieval.index import (
    CANDIDATES,
    DEFAULT_FUSION,
    Condition,
    FusionMethod,
    Match,
    MatchAny,
    QueryVectors,
    Range,
    SearchMode,
)
from retrieval.sparse import SparseVec


class ExactScan:
    def __init__(self, ids: list[str], dense: npt.NDArray[np.float32], sparse: Sequence[SparseVec],
                 payloads: Sequence[dict[str, Any]]) -> None:
        self.ids = ids
        self.dense = np.ascontiguousarray(dense, dtype=np.float32)
        n = len(ids)
        self.columns: dict[str, np.ndarray] = {}
        for key in {k for p in payloads[:1] for k, v in p.items() if isinstance(v, str | int | float | bool)}:
            self.columns[key] = np.array([p.get(key) for p in payloads])
        postings: dict[int, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for row, vec in enumerate(sparse):
            for term, weight in zip(vec.indices, vec.values, strict=True):
                docs, weights = postings[term]
                docs.append(row)
                weights.append(weight)
        self.postings = {
            term: (np.array(docs, dtype=np.int64), np.array(weights, dtype=np.float32))
            for term, (docs, weights) in postings.items()
        }
        self.idf = {
            term: math.log((n - len(docs) + 0.5) / (len(docs) + 0.5) + 1.0) for term, (docs, _) in self.postings.items()
        }

    def mask(self, conditions: Sequence[Condition]) -> np.ndarray:
        keep = np.ones(len(self.ids), dtype=bool)
        for cond in conditions:
            col = self.columns[cond.key]
            if isinstance(cond, Match):
                keep &= col == cond.value
            elif isinstance(cond, MatchAny):
                keep &= np.isin(col, np.array(cond.values))
            elif isinstance(cond, Range):
                if cond.gte is not None:
                    keep &= col >= cond.gte
                if cond.lte is not None:
                    keep &= col <= cond.lte
        return keep

    def _dense_top(self, query: np.ndarray, rows: np.ndarray, k: int) -> list[tuple[int, float]]:
        if rows.size == 0:
            return []
        scores = self.dense[rows] @ query
        k = min(k, rows.size)
        top = np.argpartition(-scores, k - 1)[:k]
        return [(int(rows[i]), float(scores[i])) for i in top[np.argsort(-scores[top], kind="stable")]]

    def _sparse_top(self, query: SparseVec, keep: np.ndarray, k: int) -> list[tuple[int, float]]:
        acc = np.zeros(len(self.ids), dtype=np.float32)
        for term, qw in zip(query.indices, query.values, strict=True):
            hit = self.postings.get(term)
            if hit is not None:
                acc[hit[0]] += hit[1] * (qw * self.idf[term])
        acc[~keep] = 0.0
        rows = np.flatnonzero(acc > 0)
        if rows.size == 0:
            return []
        k = min(k, rows.size)
        top = rows[np.argpartition(-acc[rows], k - 1)[:k]]
        return [(int(r), float(acc[r])) for r in top[np.argsort(-acc[top], kind="stable")]]

    def search(self, query: QueryVectors, conditions: Sequence[Condition] = (), *, limit: int = 10,
               mode: SearchMode = "hybrid", fusion: FusionMethod = DEFAULT_FUSION) -> list[str]:
        keep = self.mask(conditions)
        rows = np.flatnonzero(keep)
        if mode == "dense":
            assert query.dense is not None
            return [self.ids[r] for r, _ in self._dense_top(query.dense, rows, limit)]
        if mode == "sparse":
            assert query.sparse is not None
            return [self.ids[r] for r, _ in self._sparse_top(query.sparse, keep, limit)]
        assert query.dense is not None and query.sparse is not None
        fused: dict[int, float] = defaultdict(float)
        rankings = (self._dense_top(query.dense, rows, CANDIDATES), self._sparse_top(query.sparse, keep, CANDIDATES))
        for ranking in rankings:
            if fusion == "rrf":
                for rank, (row, _) in enumerate(ranking):
                    fused[row] += 1.0 / (60 + rank + 1)
                continue
            for row, score in _dbsf([s for _, s in ranking], [r for r, _ in ranking]):
                fused[row] += score
        best = sorted(fused.items(), key=lambda item: -item[1])[:limit]
        return [self.ids[r] for r, _ in best]


def _dbsf(scores: list[float], rows: list[int]) -> list[tuple[int, float]]:
    """Distribution-based score fusion's normalisation (as Qdrant does it): (s - (mean - 3sd)) / 6sd."""
    if not scores:
        return []
    if len(scores) == 1:
        return [(rows[0], 0.5)]
    mean = sum(scores) / len(scores)
    variance = sum((s - mean) ** 2 for s in scores) / (len(scores) - 1)
    if variance == 0:
        return [(r, 0.5) for r in rows]
    low, high = mean - 3 * variance**0.5, mean + 3 * variance**0.5
    return [(r, (s - low) / (high - low)) for r, s in zip(rows, scores, strict=True)]
