"""The tuned document path (BASIC graph optimisation, no spinning, length-sorted batches of 16) must give
the vectors fastembed gives with its own defaults, in the caller's order, so caches built before the
tuning stay valid and search quality does not move."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np
from fastembed import TextEmbedding

from data.loader import iter_hotels, iter_products
from retrieval.documents import hotel_document, product_document
from retrieval.embeddings import FASTEMBED_NAME, DenseEmbedder


def _texts() -> list[str]:
    texts = [product_document(p).text for p in islice(iter_products(), 24)]
    texts += [hotel_document(h).text for h in islice(iter_hotels(), 8)]
    # a text past 256 tokens (truncation is unchanged at 512), a one-word query-like text, a duplicate
    texts += [" ".join(texts[:4]), "headphones", texts[3]]
    return texts


def test_tuned_vectors_match_fastembed_defaults_in_input_order(tmp_path: Path) -> None:
    texts = _texts()
    tuned = DenseEmbedder(tmp_path)
    got = tuned.embed(texts)
    reference = TextEmbedding(  # fastembed as the project called it before the tuning
        FASTEMBED_NAME,
        specific_model_path=str(tuned._model_dir),
        cache_dir=str(tuned._model_dir.parent),
        local_files_only=True,
    )
    want = np.asarray(list(reference.embed(texts, batch_size=64)), dtype=np.float32)

    assert got.shape == (len(texts), 384) and got.dtype == np.float32
    cosines = (got * want).sum(axis=1)
    assert cosines.min() >= 0.999, f"row {int(cosines.argmin())} drifted: cosine {cosines.min():.5f}"
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-4)
    # order is the caller's, not the length-sorted one: the duplicate lands on its original's vector
    np.testing.assert_allclose(got[-1], got[3], atol=1e-5)
    # the single-text query path agrees with the batch path
    query = tuned.embed_query("headphones")
    assert float(query @ got[-2]) >= 0.999
