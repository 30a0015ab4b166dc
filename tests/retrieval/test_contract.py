"""One contract, two backends: the embedded Qdrant Edge index and qdrant-client (in-memory local mode).

Whatever the member asks, both backends must return the same kind of answer: filters respected,
exact brand / model-number matches on top, deletions gone, re-upserts visible, and (edge) the index
still there after a restart.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval import open_index
from retrieval.catalogue import ingest_records
from retrieval.documents import product_document
from retrieval.embeddings import CachedEmbedder
from retrieval.index import DestinationFilters, HotelFilters, ProductFilters
from retrieval.ingest import sync_collection
from retrieval.retriever import Retriever
from retrieval.search_index import SearchIndex
from tests.retrieval.catalogue import make_destinations, make_hotels, make_products

PRODUCTS = make_products()
HOTELS = make_hotels()
DESTINATIONS = make_destinations()
BY_ID = {p.id: p for p in PRODUCTS}
HOTEL_BY_ID = {h.id: h for h in HOTELS}


@pytest.fixture(scope="module", params=["edge", "server"])
def index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
          embedder: CachedEmbedder) -> Iterator[SearchIndex]:
    """The whole test catalogue, built once per backend: tests using it must not change it."""
    idx = open_index(request.param, tmp_path_factory.mktemp("contract") / "index")
    ingest_records(idx, embedder, products=PRODUCTS, hotels=HOTELS, destinations=DESTINATIONS)
    yield idx
    idx.close()


@pytest.fixture(params=["edge", "server"])
def own_index(request: pytest.FixtureRequest, tmp_path: Path, embedder: CachedEmbedder) -> Iterator[SearchIndex]:
    """Products only, for tests that delete or rewrite documents."""
    idx = open_index(request.param, tmp_path / "index")
    ingest_records(idx, embedder, products=PRODUCTS[:60])
    yield idx
    idx.close()


@pytest.fixture
def retriever(index: SearchIndex, embedder: CachedEmbedder) -> Retriever:
    return Retriever(index, embedder)


def test_counts_after_upsert(index: SearchIndex) -> None:
    assert index.count("products") == len(PRODUCTS)
    assert index.count("hotels") == len(HOTELS)
    assert index.count("destinations") == len(DESTINATIONS)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "sparse"])
def test_plain_query_finds_the_right_kind_of_product(retriever: Retriever, mode: str) -> None:
    hits = retriever.search("products", "rice cooker", limit=5, mode=mode)  # type: ignore[arg-type]
    assert len(hits) == 5
    assert all(BY_ID[h.id].subcategory == "Rice cookers" for h in hits)
    # results carry what an answer needs without another lookup
    top = hits[0].payload
    assert {"title", "price_jpy", "rating", "brand", "in_stock", "model_number"} <= top.keys()


def test_model_number_matches_exactly(retriever: Retriever) -> None:
    target = PRODUCTS[123]
    hits = retriever.search("products", target.model_number, limit=3)
    assert hits[0].id == target.id


def test_brand_filter_is_exact_and_case_insensitive(retriever: Retriever) -> None:
    hits = retriever.search("products", "headphones", ProductFilters(brand="sony"), limit=10)
    assert hits and all(BY_ID[h.id].brand == "Sony" for h in hits)


def test_product_filters_all_apply(retriever: Retriever) -> None:
    f = ProductFilters(category="home", max_price_jpy=10000, min_price_jpy=1000, min_rating=3.5, in_stock=True)
    hits = retriever.search("products", "rice cooker", f, limit=20)
    assert hits
    for h in hits:
        p = BY_ID[h.id]
        assert p.category == "Home" and 1000 <= p.price_jpy <= 10000 and p.rating >= 3.5 and p.stock > 0


def test_hotel_filters(retriever: Retriever) -> None:
    f = HotelFilters(city="Hakone", amenities=["onsen", "pool"], max_price_per_night_jpy=20000, guests=2)
    hits = retriever.search("hotels", "hot spring ryokan", f, limit=10)
    assert hits
    for h in hits:
        hotel = HOTEL_BY_ID[h.id]
        assert hotel.city == "Hakone" and {"onsen", "pool"} <= set(hotel.amenities)
        assert min(r.base_rate_jpy for r in hotel.room_types) <= 20000
    big = retriever.search("hotels", "family room", HotelFilters(guests=4), limit=50)
    assert big and all(max(r.capacity_total for r in HOTEL_BY_ID[h.id].room_types) >= 4 for h in big)
    stars = retriever.search("hotels", "hotel", HotelFilters(min_stars=4, area="gion"), limit=50)
    assert stars and all(HOTEL_BY_ID[h.id].stars >= 4 and HOTEL_BY_ID[h.id].area == "Gion" for h in stars)


def test_destination_filters(retriever: Retriever) -> None:
    winter = retriever.search("destinations", "somewhere to ski", DestinationFilters(month=2), limit=5)
    assert [h.id for h in winter][:1] == ["D001"]
    warm = retriever.search("destinations", "trip", DestinationFilters(month=8, min_avg_high_c=30), limit=10)
    assert {h.id for h in warm} == {"D002"}
    onsen = retriever.search("destinations", "relax", DestinationFilters(activities=["onsen"], region="kyushu"))
    assert [h.id for h in onsen] == ["D006"]


def test_delete_removes_from_results(own_index: SearchIndex, embedder: CachedEmbedder) -> None:
    target = PRODUCTS[42]
    retriever = Retriever(own_index, embedder)
    assert retriever.search("products", target.model_number, limit=1)[0].id == target.id
    own_index.delete("products", [target.id])
    assert own_index.count("products") == 59
    hits = retriever.search("products", target.model_number, limit=10)
    assert target.id not in {h.id for h in hits}


def test_reupsert_updates_payload_and_text(own_index: SearchIndex, embedder: CachedEmbedder) -> None:
    index, retriever = own_index, Retriever(own_index, embedder)
    old = PRODUCTS[5]
    new = old.model_copy(update={"title": "Kaleidoscope teapot KT-777", "price_jpy": 1234, "stock": 0})
    report = sync_collection(index, "products", [product_document(new)], embedder, prune=False)
    assert report.updated == 1  # (embedded once per session: the shared embedder's cache serves the rest)
    assert index.count("products") == 60
    hits = retriever.search("products", "kaleidoscope teapot", limit=3)
    assert hits[0].id == old.id and hits[0].payload["price_jpy"] == 1234 and hits[0].payload["in_stock"] is False
    in_stock = retriever.search("products", "kaleidoscope teapot", ProductFilters(in_stock=True), limit=10)
    assert old.id not in {h.id for h in in_stock}


def test_second_ingest_changes_nothing(index: SearchIndex, embedder: CachedEmbedder) -> None:
    before = embedder.texts_embedded
    reports = ingest_records(index, embedder, products=PRODUCTS, hotels=HOTELS, destinations=DESTINATIONS)
    assert embedder.texts_embedded == before
    assert all(not r.changed and r.unchanged == r.total for r in reports)


def test_edge_index_survives_reopen(tmp_path: Path, embedder: CachedEmbedder) -> None:
    idx = open_index("edge", tmp_path / "index")
    ingest_records(idx, embedder, products=PRODUCTS[:60], hotels=HOTELS, destinations=DESTINATIONS)
    idx.close()
    reopened = open_index("edge", tmp_path / "index", create=False)
    try:
        assert reopened.count("products") == 60
        hits = Retriever(reopened, embedder).search("products", PRODUCTS[42].model_number, limit=1)
        assert hits[0].id == PRODUCTS[42].id
    finally:
        reopened.close()
