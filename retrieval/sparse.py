"""BM25 keyword vectors computed in-process by qdrant-edge's `Bm25` (no files, no hub).

Documents and queries are tokenised with English stemming and stop words, so "headphone" finds
"headphones" and brand names, model numbers ("WH-1000XM5") and place names match exactly. The index
applies the IDF weighting (sparse vector with the IDF modifier), so these vectors carry only the
term-frequency part and stay valid as the corpus grows.
"""

from __future__ import annotations

from dataclasses import dataclass

from qdrant_edge import Bm25, Bm25Config

SPARSE_NAME = "bm25"
DENSE_NAME = "dense"
# The Japanese text's vectors (retrieval/documents.py): Japanese queries search these.
SPARSE_JA_NAME = "bm25_ja"
DENSE_JA_NAME = "dense_ja"
# Which (dense, sparse) vectors a query in each language searches.
VECTOR_NAMES = {"en": (DENSE_NAME, SPARSE_NAME), "ja": (DENSE_JA_NAME, SPARSE_JA_NAME)}
# Every named vector a collection is created with (both backends build the same ones).
DENSE_NAMES = tuple(dense for dense, _ in VECTOR_NAMES.values())
SPARSE_NAMES = tuple(sparse for _, sparse in VECTOR_NAMES.values())
# Typical length of our documents in tokens; BM25's length normalisation is relative to it.
AVG_DOC_TOKENS = 60.0


@dataclass(frozen=True, slots=True)
class SparseVec:
    """A backend-neutral sparse vector (each backend converts it to its own type)."""

    indices: list[int]
    values: list[float]


class KeywordEncoder:
    """Text -> BM25 sparse vector; cheap enough (microseconds) that nothing is cached."""

    def __init__(self, avg_len: float = AVG_DOC_TOKENS) -> None:
        self._bm25 = Bm25(Bm25Config(language="english", avg_len=avg_len))

    def document(self, text: str) -> SparseVec:
        vec = self._bm25.embed_document(text)
        return SparseVec(list(vec.indices), list(vec.values))

    def query(self, text: str) -> SparseVec:
        vec = self._bm25.embed_query(text)
        return SparseVec(list(vec.indices), list(vec.values))
