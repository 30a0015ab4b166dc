"""Retrieval fixtures: one real embedder per session, its cache warmed with the test catalogue once.

The bundled model loads in well under a second, but embedding on two busy shared cores is slow; tests
that need a *fresh* data folder get a copy of the warm cache (`warm_data_dir`) unless what they test is
the embedding itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.documents import destination_document, hotel_document, product_document
from retrieval.embeddings import CachedEmbedder, open_embedder
from tests.retrieval.catalogue import make_destinations, make_hotels, make_products


@pytest.fixture(scope="session")
def embedder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CachedEmbedder]:
    emb = open_embedder(tmp_path_factory.mktemp("retrieval-data"))
    docs = [product_document(p) for p in make_products()] + [hotel_document(h) for h in make_hotels()]
    docs += [destination_document(d) for d in make_destinations()]
    emb.embed([d.text for d in docs])
    yield emb
    if emb.cache is not None:
        emb.cache.close()


@pytest.fixture
def warm_data_dir(tmp_path: Path, embedder: CachedEmbedder) -> Path:
    """A fresh data folder whose embedding cache already knows the test catalogue."""
    data_dir = tmp_path / "var"
    assert embedder.cache is not None
    embedder.cache.copy_to(data_dir / "embedding-cache" / f"{embedder.model_id}.sqlite")
    return data_dir
