"""The vector index both backends are: what a query, a filter, a point and a fingerprint scan mean, once.

Qdrant Edge (embedded) and qdrant-client (server) speak the same Qdrant model through different client
classes. The meaning lives here and each backend supplies only its client's calls (the `_`-prefixed
hooks), so the two cannot drift apart on, say, which branch a half-empty query takes.
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from retrieval.index import (
    CANDIDATES,
    DEFAULT_FUSION,
    Collection,
    Condition,
    FusionMethod,
    Hit,
    IndexPoint,
    Match,
    MatchAny,
    QueryVectors,
    Range,
    SearchMode,
)
from retrieval.sparse import DENSE_JA_NAME, DENSE_NAME, SPARSE_JA_NAME, SPARSE_NAME, VECTOR_NAMES, SparseVec

_POINT_NS = uuid.UUID("6f1c2a4e-3d5b-4c7a-9e8f-0a1b2c3d4e5f")


def point_uuid(collection: str, doc_id: str) -> str:
    """Qdrant wants integer or UUID point ids; ours are strings, so map them stably."""
    return str(uuid.uuid5(_POINT_NS, f"{collection}/{doc_id}"))


def to_hits(points: Iterable[Any]) -> list[Hit]:
    """Both clients answer with points carrying `.payload` and `.score`; the document id is in the payload."""
    return [
        Hit(id=str((p.payload or {}).get("id")), score=float(p.score), payload=dict(p.payload or {})) for p in points
    ]


@dataclass(frozen=True, slots=True)
class Branch:
    """One side of a hybrid query: its vector (in the client's type), which named vector, how many candidates."""

    vector: Any
    using: str
    candidates: int


class SearchIndex(ABC):
    """What the rest of the system needs from a vector index; `edge` and `server` both provide it."""

    backend: str

    # -- the client's calls (each backend) ---------------------------------------------------------

    @abstractmethod
    def exists(self, collection: Collection) -> bool: ...

    @abstractmethod
    def upsert(self, collection: Collection, points: Sequence[IndexPoint]) -> None: ...

    @abstractmethod
    def delete(self, collection: Collection, ids: Sequence[str]) -> None: ...

    @abstractmethod
    def optimize(self) -> None:
        """Make the index query-ready (edge: build HNSW and payload indexes); a no-op where not needed."""

    @abstractmethod
    def close(self) -> None: ...

    # The client's filter, field-condition and sparse-vector classes: the two clients name their fields
    # alike (`must=`; `key=`, `match=`, `range=`; `indices=`, `values=`), only the match and range differ.
    _filter_type: Callable[..., Any]
    _field_type: Callable[..., Any]
    _sparse_type: Callable[..., Any]

    @abstractmethod
    def _match(self, value: str | int | bool) -> Any: ...

    @abstractmethod
    def _match_any(self, values: list[str] | list[int]) -> Any: ...

    @abstractmethod
    def _range(self, gte: float | None, lte: float | None) -> Any: ...

    @abstractmethod
    def _nearest(self, collection: Collection, vector: Any, using: str, flt: Any, limit: int) -> Iterable[Any]:
        """One branch: the client's `limit` points nearest `vector` in the named vector `using`."""

    @abstractmethod
    def _fused(
        self, collection: Collection, branches: Sequence[Branch], flt: Any, limit: int, fusion: FusionMethod
    ) -> Iterable[Any]:
        """The client's `limit` points of the branches' candidates, fused by `fusion`."""

    @abstractmethod
    def _scroll(self, collection: Collection, flt: Any, offset: Any) -> tuple[list[dict[str, Any]], Any]:
        """One page of payloads (`id`, `doc_sha`) and the next offset (None after the last page)."""

    @abstractmethod
    def _count(self, collection: Collection) -> int: ...

    def _has(self, collection: Collection) -> bool:
        """Whether reads may touch the collection: a missing one reads as empty and is not created."""
        return self.exists(collection)

    def _searchable(self, collection: Collection) -> bool:
        """Whether a search may run: edge opens (or creates) the shard, the server answers nothing."""
        return True

    # -- what they mean (shared) -------------------------------------------------------------------

    def _filter(self, conditions: Sequence[Condition]) -> Any:
        """The backend's filter for `conditions` (all must hold); None for no conditions."""
        if not conditions:
            return None
        out: list[Any] = []
        for cond in conditions:
            if isinstance(cond, Match):
                out.append(self._field_type(key=cond.key, match=self._match(cond.value)))
            elif isinstance(cond, MatchAny):
                values = cast(list[str] | list[int], list(cond.values))
                out.append(self._field_type(key=cond.key, match=self._match_any(values)))
            elif isinstance(cond, Range):
                out.append(self._field_type(key=cond.key, range=self._range(cond.gte, cond.lte)))
            else:
                raise TypeError(f"unsupported condition {cond!r}")
        return self._filter_type(must=out)

    def _sparse_vector(self, vec: SparseVec) -> Any:
        return self._sparse_type(indices=vec.indices, values=vec.values)

    def _vectors(self, point: IndexPoint) -> dict[str, Any]:
        """A point's four named vectors; a document without Japanese text reuses its English ones."""
        return {
            DENSE_NAME: point.dense.tolist(),
            SPARSE_NAME: self._sparse_vector(point.sparse),
            DENSE_JA_NAME: (point.dense_ja if point.dense_ja is not None else point.dense).tolist(),
            SPARSE_JA_NAME: self._sparse_vector(point.sparse_ja or point.sparse),
        }

    def search(
        self,
        collection: Collection,
        query: QueryVectors,
        conditions: Sequence[Condition] = (),
        *,
        limit: int = 10,
        mode: SearchMode = "hybrid",
        fusion: FusionMethod = DEFAULT_FUSION,
    ) -> list[Hit]:
        """Fused when both vectors are there and the mode is hybrid, else the one branch the mode allows."""
        if not self._searchable(collection):
            return []
        flt = self._filter(conditions)
        dense_name, sparse_name = VECTOR_NAMES[query.lang]
        dense = query.dense.tolist() if query.dense is not None else None
        sparse = self._sparse_vector(query.sparse) if query.sparse is not None and query.sparse.indices else None
        if mode == "hybrid" and dense is not None and sparse is not None:
            per_branch = max(CANDIDATES, limit)
            branches = [Branch(dense, dense_name, per_branch), Branch(sparse, sparse_name, per_branch)]
            return to_hits(self._fused(collection, branches, flt, limit, fusion))
        if dense is not None and mode in ("dense", "hybrid"):
            return to_hits(self._nearest(collection, dense, dense_name, flt, limit))
        if sparse is not None and mode in ("sparse", "hybrid"):
            return to_hits(self._nearest(collection, sparse, sparse_name, flt, limit))
        return []

    def fingerprints(self, collection: Collection, where: Sequence[Condition] = ()) -> dict[str, str]:
        """id -> doc_sha of every stored document (matching `where`): what incremental ingest compares."""
        if not self._has(collection):
            return {}
        out: dict[str, str] = {}
        offset: Any = None
        flt = self._filter(where)
        while True:
            payloads, offset = self._scroll(collection, flt, offset)
            for payload in payloads:
                out[str(payload.get("id"))] = str(payload.get("doc_sha", ""))
            if offset is None:
                return out

    def count(self, collection: Collection) -> int:
        if not self._has(collection):
            return 0
        return self._count(collection)
