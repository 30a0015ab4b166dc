"""Text + filters -> hits: embeds the query both ways and asks the index for a fused ranking.

Products get one extra step: anything in the query that looks like a model number ("WH-1000XM5",
"sx 740") is looked up exactly first, so a member who types a model number gets that product on top
even where the dense half of the fusion prefers a similar-sounding neighbour.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

from retrieval.embeddings import Vectors
from retrieval.index import (
    DEFAULT_FUSION,
    Collection,
    FusionMethod,
    Hit,
    Language,
    MatchAny,
    QueryVectors,
    SearchFilters,
    SearchMode,
    code_key,
)
from retrieval.search_index import SearchIndex
from retrieval.sparse import KeywordEncoder
from retrieval.sparse_ja import JapaneseKeywordEncoder, is_japanese


class QueryEmbedder(Protocol):
    def embed_query(self, text: str) -> Vectors: ...


def code_candidates(text: str) -> list[str]:
    """Model-number-like keys in a query, from every contiguous run of 1-3 tokens that has both a letter
    and a digit (so 'ZO-1123X' and 'ZO 1123X' both yield 'zo1123x')."""
    tokens = re.findall(r"[A-Za-z0-9]+", unicodedata.normalize("NFKC", text))
    keys: list[str] = []
    for size in (3, 2, 1):
        for start in range(len(tokens) - size + 1):
            key = code_key("".join(tokens[start : start + size]))
            if len(key) >= 4 and any(c.isdigit() for c in key) and any(c.isalpha() for c in key):
                keys.append(key)
    return list(dict.fromkeys(keys))


class Retriever:
    """The one object the domain search services need: index + embedders, no state of its own."""

    def __init__(
        self,
        index: SearchIndex,
        embedder: QueryEmbedder,
        keywords: KeywordEncoder | None = None,
        *,
        fusion: FusionMethod = DEFAULT_FUSION,
        keywords_ja: JapaneseKeywordEncoder | None = None,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.keywords = keywords or KeywordEncoder()
        self.keywords_ja = keywords_ja or JapaneseKeywordEncoder()
        self.fusion: FusionMethod = fusion

    def query_vectors(self, text: str, mode: SearchMode = "hybrid") -> QueryVectors:
        """Dense and keyword vectors of the query; any kana or kanji makes it a Japanese query."""
        lang: Language = "ja" if is_japanese(text) else "en"
        dense = self.embedder.embed_query(text) if mode in ("hybrid", "dense") and text.strip() else None
        sparse = None
        if mode in ("hybrid", "sparse") and text.strip():
            sparse = self.keywords_ja.query(text) if lang == "ja" else self.keywords.query(text)
        return QueryVectors(dense=dense, sparse=sparse, lang=lang)

    def search(
        self,
        collection: Collection,
        text: str,
        filters: SearchFilters | None = None,
        *,
        limit: int = 10,
        mode: SearchMode = "hybrid",
    ) -> list[Hit]:
        conditions = filters.conditions() if filters is not None else []
        vectors = self.query_vectors(text, mode)
        hits = self.index.search(collection, vectors, conditions, limit=limit, mode=mode, fusion=self.fusion)
        if collection != "products" or mode != "hybrid":
            return hits
        codes = code_candidates(text)
        if not codes:
            return hits
        exact = self.index.search(
            collection, vectors, [*conditions, MatchAny("model_key", tuple(codes))], limit=limit, mode="dense"
        )
        if not exact:
            return hits
        first = {h.id for h in exact}
        return (exact + [h for h in hits if h.id not in first])[:limit]
