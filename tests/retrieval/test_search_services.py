"""The search services the agent's tools call: index hits checked against the database's live facts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval import open_index
from retrieval.catalogue import ingest_records
from retrieval.embeddings import CachedEmbedder
from retrieval.search_index import SearchIndex
from tests.retrieval.catalogue import make_destinations, make_hotels, make_products
from tools.db import Database, sqlite_url
from tools.errors import InvalidRequest
from tools.search import CatalogueSearch, ProductQuery, catalogue_search
from tools.seed import delete_products, upsert_products

PRODUCTS = make_products()


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, embedder: CachedEmbedder) -> Iterator[SearchIndex]:
    idx = open_index("edge", tmp_path_factory.mktemp("search") / "index")
    ingest_records(idx, embedder, products=PRODUCTS, hotels=make_hotels(), destinations=make_destinations())
    yield idx
    idx.close()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(sqlite_url(tmp_path / "assistant.db"))
    database.create_schema()
    upsert_products(database, PRODUCTS)
    yield database
    database.dispose()


@pytest.fixture
def search(index: SearchIndex, embedder: CachedEmbedder, db: Database) -> CatalogueSearch:
    return catalogue_search(index, embedder, db)


def test_price_and_stock_come_from_the_database(search: CatalogueSearch, db: Database) -> None:
    target = PRODUCTS[123]
    upsert_products(db, [target.model_copy(update={"price_jpy": 777, "stock": 0})])
    hits = search.products.search(query=target.model_number, limit=3)
    assert hits[0].id == target.id and hits[0].price_jpy == 777 and hits[0].in_stock is False
    # sold out since indexing: an in-stock search no longer offers it
    in_stock = search.products.search(ProductQuery(query=target.model_number, in_stock=True, limit=5))
    assert target.id not in {h.id for h in in_stock}


def test_deleted_products_never_show(search: CatalogueSearch, db: Database) -> None:
    target = PRODUCTS[42]
    assert search.products.search(query=target.model_number, limit=1)[0].id == target.id
    delete_products(db, [target.id])
    assert target.id not in {h.id for h in search.products.search(query=target.model_number, limit=10)}


def test_bad_arguments_are_a_clear_domain_error(search: CatalogueSearch) -> None:
    with pytest.raises(InvalidRequest, match="minimum price"):
        search.products.search(query="kettle", min_price_jpy=5000, max_price_jpy=1000)
    with pytest.raises(InvalidRequest, match="month"):
        search.destinations.search(query="beach", min_avg_high_c=25)
    with pytest.raises(InvalidRequest):
        search.products.search(query="kettle", colour="red")


def test_hotels_and_destinations(search: CatalogueSearch) -> None:
    hotels = search.hotels.search(query="onsen ryokan", city="Hakone", amenities=["onsen"], limit=3)
    assert hotels and all(h.city == "Hakone" and "onsen" in h.amenities for h in hotels)
    warm = search.destinations.search(query="beach holiday", month=8, min_avg_high_c=30)
    assert [d.id for d in warm] == ["D002"] and warm[0].avg_high_c is not None and warm[0].avg_high_c >= 30


def test_argument_models_document_every_filter() -> None:
    schema = ProductQuery.model_json_schema()
    assert all(prop.get("description") for prop in schema["properties"].values())
