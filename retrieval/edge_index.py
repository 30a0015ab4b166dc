"""The embedded backend: Qdrant Edge (the Qdrant engine in-process), one shard folder per collection.

Ingest builds the shards and `optimize()`s them (HNSW graph, payload indexes) once; start-up only
`EdgeShard.load`s the folders, which takes a fraction of a second and rebuilds nothing. A folder without
our `collection.json` marker is a half-written or foreign shard and is reported, never silently used.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import qdrant_edge as qe

from retrieval.embeddings import MODEL_ID, ModelSpec, model_spec
from retrieval.index import (
    CANDIDATES,
    COLLECTIONS,
    DEFAULT_FUSION,
    PAYLOAD_INDEXES,
    Collection,
    Condition,
    FusionMethod,
    Hit,
    IndexPoint,
    IndexUnavailable,
    Match,
    MatchAny,
    QueryVectors,
    Range,
    SearchMode,
)
from retrieval.sparse import DENSE_JA_NAME, DENSE_NAME, SPARSE_JA_NAME, SPARSE_NAME, VECTOR_NAMES, SparseVec

log = logging.getLogger("retrieval")

MARKER = "collection.json"
# 2: the Japanese vectors (dense_ja, bm25_ja) beside the English ones; an older shard is rebuilt.
FORMAT = 2
_POINT_NS = uuid.UUID("6f1c2a4e-3d5b-4c7a-9e8f-0a1b2c3d4e5f")

_SCHEMA = {
    "keyword": qe.PayloadSchemaType.Keyword,
    "float": qe.PayloadSchemaType.Float,
    "integer": qe.PayloadSchemaType.Integer,
    "bool": qe.PayloadSchemaType.Bool,
}


def point_uuid(collection: str, doc_id: str) -> str:
    """Qdrant wants integer or UUID point ids; ours are strings, so map them stably."""
    return str(uuid.uuid5(_POINT_NS, f"{collection}/{doc_id}"))


def _condition(cond: Condition) -> qe.FieldCondition:
    if isinstance(cond, Match):
        return qe.FieldCondition(key=cond.key, match=qe.MatchValue(cond.value))
    if isinstance(cond, MatchAny):
        return qe.FieldCondition(key=cond.key, match=qe.MatchAny(cast(list[str] | list[int], list(cond.values))))
    if isinstance(cond, Range):
        return qe.FieldCondition(key=cond.key, range=qe.RangeFloat(gte=cond.gte, lte=cond.lte))
    raise TypeError(f"unsupported condition {cond!r}")


def edge_filter(conditions: Sequence[Condition]) -> qe.Filter | None:
    if not conditions:
        return None
    return qe.Filter(must=[_condition(c) for c in conditions])


def _sparse(vec: SparseVec) -> qe.SparseVector:
    return qe.SparseVector(indices=vec.indices, values=vec.values)


def _config(dim: int) -> qe.EdgeConfig:
    dense = qe.EdgeVectorParams(size=dim, distance=qe.Distance.Cosine)
    return qe.EdgeConfig(
        vectors={DENSE_NAME: dense, DENSE_JA_NAME: qe.EdgeVectorParams(size=dim, distance=qe.Distance.Cosine)},
        sparse_vectors={
            SPARSE_NAME: qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf),
            SPARSE_JA_NAME: qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf),
        },
    )


class EdgeIndex:
    """`SearchIndex` on qdrant-edge shards under `path` (one sub-folder per collection).

    `model` names the embedding model whose vectors it holds (None: the default); each shard's marker
    records it, and a shard built for another model is reported as unavailable (rebuild), never mixed.
    """

    backend = "edge"

    def __init__(self, path: Path, *, create: bool = True, model: str | None = None) -> None:
        self.path = Path(path)
        self.model: ModelSpec = model_spec(model)
        self._create = create
        self._shards: dict[str, qe.EdgeShard] = {}
        self._lock = threading.Lock()
        self._dirty: set[str] = set()

    # -- shards --------------------------------------------------------------------------------

    def exists(self, collection: Collection) -> bool:
        return (self.path / collection / MARKER).exists()

    def _shard(self, collection: Collection) -> qe.EdgeShard:
        shard = self._shards.get(collection)
        if shard is not None:
            return shard
        with self._lock:
            shard = self._shards.get(collection)
            if shard is None:
                shard = self._open(collection)
                self._shards[collection] = shard
        return shard

    def _open(self, collection: Collection) -> qe.EdgeShard:
        folder = self.path / collection
        marker = folder / MARKER
        if marker.exists():
            meta = json.loads(marker.read_text())
            built_with = meta.get("model", MODEL_ID)  # markers before the model seam: MiniLM
            if meta.get("dim") != self.model.dim or built_with != self.model.model_id:
                raise IndexUnavailable(
                    f"{folder} was built for {built_with} ({meta.get('dim')} dims), not {self.model.model_id} "
                    f"({self.model.dim}); rebuild it with `assistant ingest --rebuild`"
                )
            if meta.get("format", 1) != FORMAT:
                raise IndexUnavailable(f"{folder} is index format {meta.get('format', 1)}, not {FORMAT}; rebuild it")
            try:
                return qe.EdgeShard.load(str(folder))
            except Exception as exc:
                raise IndexUnavailable(f"cannot load the index at {folder}: {exc}; rebuild it") from exc
        if not self._create:
            raise IndexUnavailable(f"no index at {folder}; run `assistant ingest` to build it")
        if folder.exists():
            shutil.rmtree(folder)  # half-written: no marker means it never finished being created
        folder.mkdir(parents=True)
        shard = qe.EdgeShard.create(str(folder), _config(self.model.dim))
        for key, kind in PAYLOAD_INDEXES[collection].items():
            shard.update(qe.UpdateOperation.create_field_index(key, _SCHEMA[kind]))
        marker.write_text(json.dumps(
            {"collection": collection, "dim": self.model.dim, "model": self.model.model_id, "format": FORMAT}
        ))
        return shard

    # -- writes --------------------------------------------------------------------------------

    def upsert(self, collection: Collection, points: Sequence[IndexPoint]) -> None:
        if not points:
            return
        batch = [
            qe.Point(
                id=point_uuid(collection, p.id),
                vector={
                    DENSE_NAME: p.dense.tolist(),
                    SPARSE_NAME: _sparse(p.sparse),
                    DENSE_JA_NAME: (p.dense_ja if p.dense_ja is not None else p.dense).tolist(),
                    SPARSE_JA_NAME: _sparse(p.sparse_ja or p.sparse),
                },
                payload=p.payload,
            )
            for p in points
        ]
        self._shard(collection).update(qe.UpdateOperation.upsert_points(batch))
        self._dirty.add(collection)

    def delete(self, collection: Collection, ids: Sequence[str]) -> None:
        if not ids:
            return
        uuids: list[Any] = [point_uuid(collection, i) for i in ids]
        self._shard(collection).update(qe.UpdateOperation.delete_points(uuids))
        self._dirty.add(collection)

    def optimize(self) -> None:
        for name in sorted(self._dirty):
            shard = self._shards[name]
            shard.optimize()
            shard.flush()
        self._dirty.clear()

    # -- reads ---------------------------------------------------------------------------------

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
        flt = edge_filter(conditions)
        dense_name, sparse_name = VECTOR_NAMES[query.lang]
        dense = qe.Query.Nearest(query.dense.tolist(), using=dense_name) if query.dense is not None else None
        sparse = (
            qe.Query.Nearest(_sparse(query.sparse), using=sparse_name)
            if query.sparse is not None and query.sparse.indices
            else None
        )
        if mode == "dense" or (mode == "hybrid" and sparse is None):
            branch = dense
        elif mode == "sparse" or dense is None:
            branch = sparse
        else:
            branch = None
        if branch is not None:
            request = qe.QueryRequest(limit=limit, query=branch, filter=flt, with_payload=True)
        elif mode == "hybrid" and dense is not None and sparse is not None:
            fuse: Any = qe.Fusion.Rrf(k=60) if fusion == "rrf" else qe.Fusion.Dbsf()
            request = qe.QueryRequest(
                limit=limit,
                prefetches=[
                    qe.Prefetch(limit=max(CANDIDATES, limit), query=dense, filter=flt),
                    qe.Prefetch(limit=max(CANDIDATES, limit), query=sparse, filter=flt),
                ],
                query=fuse,
                with_payload=True,
            )
        else:
            return []
        points = self._shard(collection).query(request)
        return [Hit(id=str((p.payload or {}).get("id")), score=float(p.score), payload=dict(p.payload or {}))
                for p in points]

    def fingerprints(self, collection: Collection, where: Sequence[Condition] = ()) -> dict[str, str]:
        if not self.exists(collection) and collection not in self._shards:
            return {}
        shard = self._shard(collection)
        out: dict[str, str] = {}
        offset: Any = None
        flt = edge_filter(where)
        while True:
            records, offset = shard.scroll(
                qe.ScrollRequest(offset=offset, limit=2000, filter=flt, with_payload=["id", "doc_sha"])
            )
            for rec in records:
                payload = rec.payload or {}
                out[str(payload.get("id"))] = str(payload.get("doc_sha", ""))
            if offset is None:
                return out

    def count(self, collection: Collection) -> int:
        if not self.exists(collection) and collection not in self._shards:
            return 0
        return int(self._shard(collection).count(qe.CountRequest(exact=True)))

    def close(self) -> None:
        with self._lock:
            for shard in self._shards.values():
                shard.flush()
                shard.close()
            self._shards.clear()

    def load_all(self, collections: Sequence[Collection] = COLLECTIONS) -> None:
        """Open the collections now (start-up), so the first query pays nothing."""
        for name in collections:
            self._shard(name)
