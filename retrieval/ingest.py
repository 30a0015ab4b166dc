"""Incremental ingestion: make a collection hold exactly the given documents, doing the least work.

Documents are compared with the index by stable id and a sha256 over text and payload: unchanged ones
are skipped entirely, changed or new ones are embedded (through the on-disk cache, so a price or stock
change re-uses the stored vector and only new text reaches the model) and upserted, and ids that
disappeared from the source are deleted. Safe to re-run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from retrieval.documents import IndexDocument
from retrieval.embeddings import Vectors
from retrieval.index import Collection, Condition, IndexPoint
from retrieval.search_index import SearchIndex
from retrieval.sparse import KeywordEncoder
from retrieval.sparse_ja import JapaneseKeywordEncoder

log = logging.getLogger("retrieval")

# progress(collection, done, total): called after each batch
Progress = Callable[[str, int, int], None]


class DocumentEmbedder(Protocol):
    """What ingestion needs from an embedder (CachedEmbedder provides it)."""

    @property
    def texts_embedded(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> Vectors: ...


@dataclass
class IngestReport:
    collection: str
    total: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    embedded: int = 0  # texts that went through the model (cache misses)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted)


def to_points(docs: Sequence[IndexDocument], embedder: DocumentEmbedder, keywords: KeywordEncoder,
              keywords_ja: JapaneseKeywordEncoder | None = None) -> list[IndexPoint]:
    """Both languages' vectors of each document; English and Japanese texts go to the model in one batch."""
    keywords_ja = keywords_ja or JapaneseKeywordEncoder()
    vectors = embedder.embed([d.text for d in docs] + [d.search_text_ja for d in docs])
    return [
        IndexPoint(
            id=d.id,
            dense=vectors[i],
            sparse=keywords.document(d.text),
            payload={**d.payload, "id": d.id, "text_sha": d.text_sha, "doc_sha": d.doc_sha},
            dense_ja=vectors[len(docs) + i],
            sparse_ja=keywords_ja.document(d.search_text_ja),
        )
        for i, d in enumerate(docs)
    ]


def sync_collection(
    index: SearchIndex,
    collection: Collection,
    docs: Iterable[IndexDocument],
    embedder: DocumentEmbedder,
    *,
    keywords: KeywordEncoder | None = None,
    keywords_ja: JapaneseKeywordEncoder | None = None,
    prune: bool = True,
    scope: Sequence[Condition] = (),
    batch_size: int = 256,
    progress: Progress | None = None,
) -> IngestReport:
    """Upsert new/changed documents; with `prune`, delete stored ids (within `scope`) not in `docs`."""
    started = time.perf_counter()
    keywords = keywords or KeywordEncoder()
    keywords_ja = keywords_ja or JapaneseKeywordEncoder()
    before = embedder.texts_embedded
    wanted = {d.id: d for d in docs}
    stored = index.fingerprints(collection, scope)
    report = IngestReport(collection=collection, total=len(wanted))
    todo: list[IndexDocument] = []
    for doc_id, doc in wanted.items():
        sha = stored.get(doc_id)
        if sha == doc.doc_sha:
            report.unchanged += 1
        else:
            todo.append(doc)
            if sha is None:
                report.added += 1
            else:
                report.updated += 1
    done = report.unchanged
    if progress:
        progress(collection, done, report.total)
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        index.upsert(collection, to_points(batch, embedder, keywords, keywords_ja))
        done += len(batch)
        if progress:
            progress(collection, done, report.total)
    if prune:
        gone = [doc_id for doc_id in stored if doc_id not in wanted]
        index.delete(collection, gone)
        report.deleted = len(gone)
    report.embedded = embedder.texts_embedded - before
    report.seconds = time.perf_counter() - started
    log.info(
        "ingest %s: %d docs, +%d ~%d -%d, %d embedded in %.1fs",
        collection, report.total, report.added, report.updated, report.deleted, report.embedded, report.seconds,
    )
    return report

