"""Japanese search: Sudachi keyword vectors, Japanese vectors beside English ones, and queries in either
language finding the same listings on a slice of the real bilingual catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

import pytest

from data.loader import iter_destinations, iter_hotels, iter_products
from retrieval.catalogue import ingest_records
from retrieval.edge_index import EdgeIndex
from retrieval.embeddings import CachedEmbedder, open_embedder
from retrieval.index import HotelFilters
from retrieval.retriever import Retriever
from retrieval.search_index import SearchIndex
from retrieval.sparse_ja import JapaneseTokenizer, is_japanese

PRODUCTS = list(islice(iter_products(), 300))


def test_tokens_are_normalised_and_keep_digits_and_codes() -> None:
    tokens = JapaneseTokenizer().tokens("ワイヤレスイヤフォン ＷＨ－１０００ＸＭ５ 30時間の")
    assert "イヤホン" in tokens and "ワイヤレス" in tokens  # variant spelling merged, compound split
    assert "30" in tokens and "wh1000xm5" in tokens  # NFKC first, digits kept, the code kept whole
    assert "の" not in tokens
    assert "ソニー" in JapaneseTokenizer().tokens("Sony")


def test_language_detection() -> None:
    assert is_japanese("ソニーのヘッドホン") and is_japanese("Sony ヘッドホン") and is_japanese("京都")
    assert not is_japanese("Sony headphones under 20,000 yen")


@pytest.fixture(scope="module")
def embedder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CachedEmbedder]:
    emb = open_embedder(tmp_path_factory.mktemp("ja-emb"), model="use-multilingual")
    yield emb
    if emb.cache is not None:
        emb.cache.close()


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, embedder: CachedEmbedder) -> Iterator[SearchIndex]:
    idx = EdgeIndex(tmp_path_factory.mktemp("ja-index") / "index", model="use-multilingual")
    ingest_records(idx, embedder, products=PRODUCTS, hotels=list(iter_hotels()),
                   destinations=list(iter_destinations()))
    yield idx
    idx.close()


def _subcategory_hits(retriever: Retriever, text: str) -> list[str]:
    by_id = {p.id: p for p in PRODUCTS}
    return [by_id[h.id].subcategory for h in retriever.search("products", text, limit=5)]


def test_a_japanese_query_finds_the_listings_an_english_one_does(index: SearchIndex, embedder: CachedEmbedder) -> None:
    retriever = Retriever(index, embedder)
    sub = next(p.subcategory for p in PRODUCTS if p.subcategory == "Rice Cookers")
    assert _subcategory_hits(retriever, "炊飯器")[:3] == [sub] * 3
    assert _subcategory_hits(retriever, "rice cooker")[:3] == [sub] * 3


def test_a_model_number_typed_full_width_finds_its_product(index: SearchIndex, embedder: CachedEmbedder) -> None:
    target = PRODUCTS[17]
    full_width = target.model_number.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    hits = Retriever(index, embedder).search("products", f"{full_width}の在庫", limit=3)
    assert hits and hits[0].id == target.id
    assert hits[0].payload.get("title_ja") == target.title_ja  # the card can show the Japanese title


def test_a_place_in_kanji_finds_its_hotels(index: SearchIndex, embedder: CachedEmbedder) -> None:
    hits = Retriever(index, embedder).search("hotels", "箱根の温泉旅館", HotelFilters(amenities=["onsen"]), limit=5)
    assert [h.payload["city"] for h in hits[:3]] == ["Hakone"] * 3
    assert hits[0].payload.get("name_ja") and hits[0].payload.get("area_ja")
