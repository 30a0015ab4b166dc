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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import qdrant_edge as qe

from retrieval.embeddings import MODEL_ID, ModelSpec, model_spec
from retrieval.index import COLLECTIONS, PAYLOAD_INDEXES, Collection, FusionMethod, IndexPoint, IndexUnavailable
from retrieval.search_index import Branch, SearchIndex, point_uuid
from retrieval.sparse import DENSE_NAMES, SPARSE_NAMES

log = logging.getLogger("retrieval")

MARKER = "collection.json"
# 2: the Japanese vectors (dense_ja, bm25_ja) beside the English ones; an older shard is rebuilt.
FORMAT = 2
_SCHEMA = {
    "keyword": qe.PayloadSchemaType.Keyword,
    "float": qe.PayloadSchemaType.Float,
    "integer": qe.PayloadSchemaType.Integer,
    "bool": qe.PayloadSchemaType.Bool,
}


def _config(dim: int) -> qe.EdgeConfig:
    return qe.EdgeConfig(
        vectors={name: qe.EdgeVectorParams(size=dim, distance=qe.Distance.Cosine) for name in DENSE_NAMES},
        sparse_vectors={name: qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf) for name in SPARSE_NAMES},
    )


class EdgeIndex(SearchIndex):
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
        batch = [qe.Point(id=point_uuid(collection, p.id), vector=self._vectors(p), payload=p.payload) for p in points]
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

    def _has(self, collection: Collection) -> bool:
        return self.exists(collection) or collection in self._shards

    _filter_type = qe.Filter
    _field_type = qe.FieldCondition
    _sparse_type = qe.SparseVector

    def _match(self, value: str | int | bool) -> qe.MatchValue:
        return qe.MatchValue(value)

    def _match_any(self, values: list[str] | list[int]) -> qe.MatchAny:
        return qe.MatchAny(values)

    def _range(self, gte: float | None, lte: float | None) -> qe.RangeFloat:
        return qe.RangeFloat(gte=gte, lte=lte)

    def _nearest(self, collection: Collection, vector: Any, using: str, flt: Any, limit: int) -> list[Any]:
        query = qe.Query.Nearest(vector, using=using)
        return self._shard(collection).query(qe.QueryRequest(limit=limit, query=query, filter=flt, with_payload=True))

    def _fused(
        self, collection: Collection, branches: Sequence[Branch], flt: Any, limit: int, fusion: FusionMethod
    ) -> list[Any]:
        fuse: Any = qe.Fusion.Rrf(k=60) if fusion == "rrf" else qe.Fusion.Dbsf()
        prefetches = [
            qe.Prefetch(limit=b.candidates, query=qe.Query.Nearest(b.vector, using=b.using), filter=flt)
            for b in branches
        ]
        request = qe.QueryRequest(limit=limit, prefetches=prefetches, query=fuse, with_payload=True)
        return self._shard(collection).query(request)

    def _scroll(self, collection: Collection, flt: Any, offset: Any) -> tuple[list[dict[str, Any]], Any]:
        request = qe.ScrollRequest(offset=offset, limit=2000, filter=flt, with_payload=["id", "doc_sha"])
        records, offset = self._shard(collection).scroll(request)
        return [rec.payload or {} for rec in records], offset

    def _count(self, collection: Collection) -> int:
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
