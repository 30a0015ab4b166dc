"""The server backend: qdrant-client against a Qdrant server or distributed cluster (QDRANT_URL).

Same collections, vectors, payload and fusion as the embedded backend, so the app moves to a cluster by
setting one variable. Shard number and replication factor apply when a collection is created.
`QdrantClient(":memory:")` runs this same code in tests (qdrant-client's local mode is a brute-force
scan: correct, but far too slow to be the embedded default).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from qdrant_client import QdrantClient, models

from retrieval.embeddings import model_spec
from retrieval.index import PAYLOAD_INDEXES, Collection, FusionMethod, IndexPoint, IndexUnavailable
from retrieval.search_index import Branch, SearchIndex, point_uuid
from retrieval.sparse import DENSE_JA_NAME, DENSE_NAME, DENSE_NAMES, SPARSE_NAMES

log = logging.getLogger("retrieval")

_SCHEMA = {
    "keyword": models.PayloadSchemaType.KEYWORD,
    "float": models.PayloadSchemaType.FLOAT,
    "integer": models.PayloadSchemaType.INTEGER,
    "bool": models.PayloadSchemaType.BOOL,
}


class ServerIndex(SearchIndex):
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
                    for name in DENSE_NAMES
                },
                sparse_vectors_config={
                    name: models.SparseVectorParams(modifier=models.Modifier.IDF)
                    for name in SPARSE_NAMES
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
            models.PointStruct(id=point_uuid(collection, p.id), vector=self._vectors(p), payload=p.payload)
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

    def _searchable(self, collection: Collection) -> bool:
        return self.exists(collection)

    _filter_type = models.Filter
    _field_type = models.FieldCondition
    _sparse_type = models.SparseVector

    def _match(self, value: str | int | bool) -> models.MatchValue:
        return models.MatchValue(value=value)

    def _match_any(self, values: list[str] | list[int]) -> models.MatchAny:
        return models.MatchAny(any=values)

    def _range(self, gte: float | None, lte: float | None) -> models.Range:
        return models.Range(gte=gte, lte=lte)

    def _nearest(self, collection: Collection, vector: Any, using: str, flt: Any, limit: int) -> list[Any]:
        name = self._name(collection)
        return self.client.query_points(
            name, query=vector, using=using, query_filter=flt, limit=limit, with_payload=True
        ).points

    def _fused(
        self, collection: Collection, branches: Sequence[Branch], flt: Any, limit: int, fusion: FusionMethod
    ) -> list[Any]:
        fuse: Any = (
            models.RrfQuery(rrf=models.Rrf(k=60)) if fusion == "rrf" else models.FusionQuery(fusion=models.Fusion.DBSF)
        )
        prefetch = [models.Prefetch(query=b.vector, using=b.using, filter=flt, limit=b.candidates) for b in branches]
        name = self._name(collection)
        return self.client.query_points(name, prefetch=prefetch, query=fuse, limit=limit, with_payload=True).points

    def _scroll(self, collection: Collection, flt: Any, offset: Any) -> tuple[list[dict[str, Any]], Any]:
        records, offset = self.client.scroll(
            self._name(collection),
            scroll_filter=flt,
            limit=2000,
            offset=offset,
            with_payload=["id", "doc_sha"],
            with_vectors=False,
        )
        return [rec.payload or {} for rec in records], offset

    def _count(self, collection: Collection) -> int:
        return int(self.client.count(self._name(collection), exact=True).count)

    def close(self) -> None:
        self.client.close()
