"""Retrieval: offline embeddings (fastembed + bundled ONNX), BM25 keyword vectors, hybrid search with
payload filters, and the vector index behind one interface with two backends (embedded Qdrant Edge on
disk, or a Qdrant server / cluster through qdrant-client). Owns ingestion of the catalogue into the index
and the operator's CSV / JSON Lines import parsing. Never imports `tools` or `assistant`.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path
from typing import Literal

from retrieval.index import COLLECTIONS, IndexUnavailable
from retrieval.search_index import SearchIndex

log = logging.getLogger("retrieval")

Backend = Literal["edge", "server"]

__all__ = ["COLLECTIONS", "IndexUnavailable", "SearchIndex", "build_or_load_index", "index_is_built", "open_index"]


def open_index(
    backend: Backend,
    path: Path | str | None = None,
    *,
    url: str | None = None,
    api_key: str | None = None,
    shard_number: int = 1,
    replication_factor: int = 1,
    prefix: str = "assistant_",
    create: bool = True,
    embedding_model: str | None = None,
) -> SearchIndex:
    """Open (or create) the index: `edge` at `path` (a folder), `server` at `url` (None = in-memory).

    `embedding_model` is the setting name of the model whose vectors it holds (None: the default).
    """
    if backend == "edge":
        from retrieval.edge_index import EdgeIndex

        if path is None:
            raise ValueError("the edge backend needs a folder: pass path= (settings.index_dir)")
        return EdgeIndex(Path(path), create=create, model=embedding_model)
    if backend == "server":
        from retrieval.server_index import ServerIndex

        return ServerIndex.connect(
            url, api_key=api_key, prefix=prefix, shard_number=shard_number, replication_factor=replication_factor,
            model=embedding_model,
        )
    raise ValueError(f"unknown index backend {backend!r}: use 'edge' or 'server'")


def index_is_built(index: SearchIndex) -> bool:
    """Every collection exists and holds documents."""
    exists = getattr(index, "exists", None)
    if exists is not None and not all(exists(c) for c in COLLECTIONS):
        return False
    return all(index.count(c) > 0 for c in COLLECTIONS)


def build_or_load_index(
    backend: Backend,
    *,
    index_dir: Path | None,
    data_dir: Path,
    seed_dir: Path,
    url: str | None = None,
    api_key: str | None = None,
    shard_number: int = 1,
    replication_factor: int = 1,
    rebuild_corrupt: bool = True,
    embedding_model: str | None = None,
) -> SearchIndex:
    """App start-up: load the built index (no embedding, no HNSW rebuild) or build it from the seed data.

    A corrupt edge index (or one built with another embedding model) is moved aside and rebuilt when
    `rebuild_corrupt`, otherwise `IndexUnavailable` says what to run. Progress of a first build goes to the log.
    """
    started = time.perf_counter()
    index = open_index(
        backend, index_dir, url=url, api_key=api_key, shard_number=shard_number, replication_factor=replication_factor,
        embedding_model=embedding_model,
    )
    try:
        built = index_is_built(index)
        if built and hasattr(index, "load_all"):
            index.load_all()
        elif not built:
            for collection in COLLECTIONS:  # opens each collection present: a damaged one raises here, not mid-build
                index.count(collection)
    except IndexUnavailable as exc:
        index.close()
        if not rebuild_corrupt or backend != "edge" or index_dir is None:
            raise
        aside = Path(index_dir).with_name(f"{Path(index_dir).name}.corrupt-{int(time.time())}")
        log.warning("index unusable (%s); moving it to %s and rebuilding", exc, aside)
        shutil.move(str(index_dir), str(aside))
        index = open_index(backend, index_dir, embedding_model=embedding_model)
        built = False
    if built:
        log.info("loaded %s index in %.2fs", backend, time.perf_counter() - started)
        return index
    from retrieval.catalogue import ingest_catalogue
    from retrieval.embeddings import open_embedder

    log.info("no %s index yet: building it from %s (first run only)", backend, seed_dir)
    embedder = open_embedder(data_dir, model=embedding_model)

    def _log_progress(collection: str, done: int, total: int) -> None:
        log.info("indexing %s: %d/%d", collection, done, total)

    reports = ingest_catalogue(index, seed_dir, embedder, progress=_log_progress)
    log.info(
        "built %s index (%s) in %.1fs",
        backend,
        ", ".join(f"{r.collection}={r.total}" for r in reports),
        time.perf_counter() - started,
    )
    return index
