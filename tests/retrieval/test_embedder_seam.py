"""The Embedder seam: every bundled model behind one interface, the weight file checked at load, and an
index that refuses vectors of a model it was not built with."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.edge_index import EdgeIndex
from retrieval.embeddings import (
    MODELS,
    Embedder,
    EmbeddingModelMismatch,
    load_model,
    model_spec,
    open_embedder,
    verify_sha256,
)
from retrieval.index import IndexUnavailable


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_model_gives_unit_vectors_of_its_size(tmp_path: Path, name: str) -> None:
    embedder = load_model(tmp_path, name, threads=1)
    assert isinstance(embedder, Embedder)
    docs = embedder.embed(["Sony WH-1000XM5 wireless headphones", "京都・祇園の旅館 温泉付き"])
    query = embedder.embed_query("noise cancelling headphones")
    assert docs.shape == (2, MODELS[name].dim) and docs.dtype == np.float32
    assert query.shape == (MODELS[name].dim,)
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-3)
    assert embedder.texts_embedded == 2


def test_the_multilingual_model_matches_japanese_to_its_meaning(tmp_path: Path) -> None:
    embedder = open_embedder(tmp_path, model="use-multilingual", threads=1)
    docs = embedder.embed(["ワイヤレスイヤホン ノイズキャンセリング", "京都の温泉旅館 朝食付き", "ドライヤー 大風量"])
    query = embedder.embed_query("wireless earbuds")
    assert int(np.argmax(docs @ query)) == 0
    again = open_embedder(tmp_path, model="use-multilingual", threads=1)
    again.embed(["京都の温泉旅館 朝食付き"])
    assert again.texts_embedded == 0  # the second process reads the disk cache


def test_a_weight_file_with_another_checksum_is_refused(tmp_path: Path) -> None:
    weights = tmp_path / "model.bin"
    weights.write_bytes(b"not the model")
    with pytest.raises(EmbeddingModelMismatch, match="sha256"):
        verify_sha256(weights, "0" * 64)


def test_an_unknown_model_name_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="use one of"):
        model_spec("bert-large")


def test_an_index_built_for_one_model_refuses_another(tmp_path: Path) -> None:
    index = EdgeIndex(tmp_path / "index", model="minilm")
    assert index.count("products") == 0
    index._shard("products")  # creates the shard and its marker
    index.close()
    other = EdgeIndex(tmp_path / "index", model="use-multilingual")
    with pytest.raises(IndexUnavailable, match="rebuild"):
        other.count("products")
