"""The server backend: qdrant-client against a Qdrant server or distributed cluster (QDRANT_URL).

Same collections, vectors, payload and fusion as the embedded backend, so the app moves to a cluster by
setting one variable. Shard number and replication factor apply when a collection is created.
`QdrantClient(":memory:")` runs this same code in tests (qdrant-client's local mode is a brute-force
scan: correct, but far too slow to be the embedded default).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, cast

from qdrant_client import QdrantClient, models

from retrieval.edge_index import point_uuid
from retrieval.embeddings import model_spec
from retrieval.index import (
    CANDIDATES,
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

_SCHEMA = {
    "keyword": models.PayloadSchemaType.KEYWORD,
    "float": models.PayloadSchemaType.FLOAT,
    "integer": models.PayloadSchemaType.INTEGER,
    "bool": models.PayloadSchemaType.BOOL,
}


def _condition(cond: Condition) -> models.FieldCondition:
    if isinstance(cond, Match):
        return models.FieldCondition(key=cond.key, match=models.MatchValue(value=cond.value))
    if isinstance(cond, MatchAny):
        values = cast(list[str] | list[int], list(cond.values))
        return models.FieldCondition(key=cond.key, match=models.MatchAny(any=values))
    if isinstance(cond, Range):
        return models.FieldCondition(key=cond.key, range=models.Range(gte=cond.gte, lte=cond.lte))
    raise TypeError(f"unsupported condition {cond!r}")


def server_filter(conditions: Sequence[Condition]) -> models.Filter | None:
    if not conditions:
        return None
    return models.Filter(must=[_condition(c) for c in conditions])


def _sparse(vec: SparseVec) -> models.SparseVector:
    return models.SparseVector(indices=vec.indices, values=vec.values)


class ServerIndex:
    """`SearchIndex` on qdrant-client; collections are named `<prefix><collection>`."""

    backend = "server"

    def __init__(
        self,
        client: QdrantClient,
        *,
        prefix: str = "assistant_",
        shard_number: int = 1,
        replication_factor: int = 1,
        local: bool = False,
        model: str | None = None,
    ) -> None:
        self.client = client
        self.dim = model_spec(model).dim
        self.prefix = prefix
        self.shard_number = shard_number
        self.replication_factor = replication_factor
        self._local = local  # payload indexes mean nothing to the local scan (and it warns about them)
        self._ready: set[str] = set()

    @classmethod
    def connect(
        cls,
        url: str | None,
        *,
        api_key: str | None = None,
        prefix: str = "assistant_",
        shard_number: int = 1,
        replication_factor: int = 1,
        timeout: int = 30,
        model: str | None = None,
    ) -> ServerIndex:
        """A server at `url`, or an in-memory local instance when `url` is None or ':memory:'."""
        if not url or url == ":memory:":
            return cls(QdrantClient(":memory:"), prefix=prefix, local=True, model=model)
        client = QdrantClient(url=url, api_key=api_key, timeout=timeout)
        try:
            client.get_collections()
        except Exception as exc:
            raise IndexUnavailable(f"cannot reach Qdrant at {url}: {exc}") from exc
        return cls(client, prefix=prefix, shard_number=shard_number, replication_factor=replication_factor,
                   model=model)

    def _name(self, collection: Collection) -> str:
        return f"{self.prefix}{collection}"

    def exists(self, collection: Collection) -> bool:
        return bool(self.client.collection_exists(self._name(collection)))

    def _ensure(self, collection: Collection) -> str:
        name = self._name(collection)
        if name in self._ready:
            return name
        if not self.client.collection_exists(name):
            self.client.create_collection(
                name,
                vectors_config={
                    name: models.VectorParams(size=self.dim, distance=models.Distance.COSINE)
                    for name in (DENSE_NAME, DENSE_JA_NAME)
                },
                sparse_vectors_config={
                    name: models.SparseVectorParams(modifier=models.Modifier.IDF)
                    for name in (SPARSE_NAME, SPARSE_JA_NAME)
                },
                shard_number=self.shard_number,
                replication_factor=self.replication_factor,
            )
            if not self._local:
                for key, kind in PAYLOAD_INDEXES[collection].items():
                    self.client.create_payload_index(name, key, field_schema=_SCHEMA[kind])
        else:
            info = self.client.get_collection(name)
            vectors = info.config.params.vectors
            size = vectors[DENSE_NAME].size if isinstance(vectors, dict) and DENSE_NAME in vectors else None
            if size != self.dim:
                raise IndexUnavailable(f"collection {name} has dense size {size}, expected {self.dim}; recreate it")
            if not isinstance(vectors, dict) or DENSE_JA_NAME not in vectors:
                raise IndexUnavailable(f"collection {name} has no Japanese vectors ({DENSE_JA_NAME}); recreate it")
        self._ready.add(name)
        return name

    def upsert(self, collection: Collection, points: Sequence[IndexPoint]) -> None:
        if not points:
            return
        name = self._ensure(collection)
        batch = [
            models.PointStruct(
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
        self.client.upsert(name, points=batch, wait=True)

    def delete(self, collection: Collection, ids: Sequence[str]) -> None:
        if not ids or not self.exists(collection):
            return
        selector = models.PointIdsList(points=[point_uuid(collection, i) for i in ids])
        self.client.delete(self._name(collection), points_selector=selector, wait=True)

    def optimize(self) -> None:
        """The server optimises in the background; nothing to wait for."""

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
        if not self.exists(collection):
            return []
        flt = server_filter(conditions)
        dense_name, sparse_name = VECTOR_NAMES[query.lang]
        dense = query.dense.tolist() if query.dense is not None else None
        sparse = _sparse(query.sparse) if query.sparse is not None and query.sparse.indices else None
        kwargs: dict[str, Any]
        if mode == "hybrid" and dense is not None and sparse is not None:
            fuse: Any = (
                models.RrfQuery(rrf=models.Rrf(k=60))
                if fusion == "rrf"
                else models.FusionQuery(fusion=models.Fusion.DBSF)
            )
            kwargs = {
                "prefetch": [
                    models.Prefetch(query=dense, using=dense_name, filter=flt, limit=max(CANDIDATES, limit)),
                    models.Prefetch(query=sparse, using=sparse_name, filter=flt, limit=max(CANDIDATES, limit)),
                ],
                "query": fuse,
            }
        elif dense is not None and mode in ("dense", "hybrid"):
            kwargs = {"query": dense, "using": dense_name, "query_filter": flt}
        elif sparse is not None and mode in ("sparse", "hybrid"):
            kwargs = {"query": sparse, "using": sparse_name, "query_filter": flt}
        else:
            return []
        response = self.client.query_points(self._name(collection), limit=limit, with_payload=True, **kwargs)
        return [Hit(id=str((p.payload or {}).get("id")), score=float(p.score), payload=dict(p.payload or {}))
                for p in response.points]

    def fingerprints(self, collection: Collection, where: Sequence[Condition] = ()) -> dict[str, str]:
        if not self.exists(collection):
            return {}
        out: dict[str, str] = {}
        offset: Any = None
        while True:
            records, offset = self.client.scroll(
                self._name(collection),
                scroll_filter=server_filter(where),
                limit=2000,
                offset=offset,
                with_payload=["id", "doc_sha"],
                with_vectors=False,
            )
            for rec in records:
                payload = rec.payload or {}
                out[str(payload.get("id"))] = str(payload.get("doc_sha", ""))
            if offset is None:
                return out

    def count(self, collection: Collection) -> int:
        if not self.exists(collection):
            return 0
        return int(self.client.count(self._name(collection), exact=True).count)

    def close(self) -> None:
        self.client.close()
