"""An operator's catalogue file: good rows load (database + index), bad rows are named with line and reason."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from retrieval import open_index
from retrieval.embeddings import CachedEmbedder
from retrieval.index import ProductFilters
from retrieval.operator_import import CatalogueImportError, FieldMapping, index_imported, parse_catalogue
from retrieval.retriever import Retriever
from tools.db import Database, sqlite_url
from tools.seed import upsert_products
from tools.tables import ProductRow

MAPPING = """
attribute_prefixes = ["options"]

[fields]
id = "sku"
title = "name"
price_jpy = "price"
category = "category"
subcategory = "sub"
brand = "brand"
model_number = "model"
stock = "qty"
description = "desc"

[attributes]
colour = "variant.color"

[defaults]
shop_name = "Operator shop"
"""

# line in the file (header = line 1) -> (how the row is broken, words the reason must contain)
BAD_ROWS = {
    15: ("price", "-100", "price_jpy"),
    102: ("price", "cheap", "price_jpy"),
    257: ("name", "", "title is missing"),
    400: ("sku", "", "id is missing"),
    611: ("qty", "lots", "stock"),
    777: ("sku", "OP00010", "duplicate id"),  # the row on line 11 has it
    999: ("category", "", "category is missing"),
}


def _write_csv(path: Path, rows: int = 1000) -> None:
    header = ["sku", "name", "price", "category", "sub", "brand", "model", "qty", "desc", "options.size",
              "variant.color"]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for n in range(1, rows + 1):
            line = n + 1
            row = {
                "sku": f"OP{n:05d}", "name": f"Operator kettle {n}", "price": f"¥{1000 + n:,}",
                "category": "Home", "sub": "Kettles", "brand": "Kettlo", "model": f"KT-{n}", "qty": str(n % 4),
                "desc": "An electric kettle, with a comma, and \"quotes\"", "options.size": "1.2 L",
                "variant.color": "steel",
            }
            if line in BAD_ROWS:
                column, value, _ = BAD_ROWS[line]
                row[column] = value
            writer.writerow([row[h] for h in header])


@pytest.fixture
def mapping(tmp_path: Path) -> FieldMapping:
    path = tmp_path / "mapping.toml"
    path.write_text(MAPPING)
    return FieldMapping.from_toml(path)


def test_csv_with_seven_bad_rows_loads_the_other_993(tmp_path: Path, mapping: FieldMapping,
                                                    embedder: CachedEmbedder) -> None:
    path = tmp_path / "catalogue.csv"
    _write_csv(path)
    result = parse_catalogue(path, mapping)
    assert result.rows == 1000 and result.good == 993
    assert [b.line for b in result.bad] == sorted(BAD_ROWS)
    for bad in result.bad:
        assert BAD_ROWS[bad.line][2] in bad.reason, str(bad)
    assert "first seen on line 11" in result.bad[5].reason and str(result.bad[5]).startswith("line 777 (id OP00010)")
    first = result.products[0]
    assert first.price_jpy == 1001 and first.attributes == {"size": "1.2 L", "colour": "steel"}
    assert first.shop_name == "Operator shop"

    # the good rows reach the database (the CLI's path: tools.seed.upsert_products) ...
    db = Database(sqlite_url(tmp_path / "assistant.db"))
    try:
        db.create_schema()
        assert upsert_products(db, result.products) == 993
        with db.read() as session:
            assert session.execute(select(func.count()).select_from(ProductRow)).scalar_one() == 993
    finally:
        db.dispose()

    # ... and the index (a slice of them: embedding 993 rows is the benchmark's job)
    index = open_index("edge", tmp_path / "index")
    try:
        report = index_imported(result.products[:40], index, embedder)
        assert report.added == 40
        hits = Retriever(index, embedder).search("products", "KT-17", ProductFilters(brand="kettlo"), limit=3)
        assert hits[0].id == "OP00017" and hits[0].payload["source"] == "import"
    finally:
        index.close()


def test_json_lines_with_nested_variants_are_flattened(tmp_path: Path, mapping: FieldMapping) -> None:
    path = tmp_path / "catalogue.jsonl"
    good = {"sku": "J1", "name": "Trail shoe", "price": 12800, "category": "Sports", "sub": "Shoes", "brand": "Run",
            "model": "TS-1", "qty": 3, "desc": "Grippy.", "options": {"size": "27 cm", "width": "wide"},
            "variant": {"color": "blue"}}
    lines = [json.dumps(good), "{not json", json.dumps([1, 2]), "", json.dumps({**good, "sku": "J2", "price": 0})]
    path.write_text("\n".join(lines) + "\n")
    result = parse_catalogue(path, mapping)
    assert [p.id for p in result.products] == ["J1"]
    assert result.products[0].attributes == {"size": "27 cm", "width": "wide", "colour": "blue"}
    assert [(b.line, b.reason.split(" ")[0]) for b in result.bad] == [(2, "not"), (3, "expected"), (5, "price_jpy")]


def test_a_mapping_without_the_essentials_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mapping.toml"
    path.write_text('[fields]\nid = "sku"\ntitle = "name"\ncolour_of_box = "x"\n')
    with pytest.raises(CatalogueImportError, match="unknown product fields"):
        FieldMapping.from_toml(path)
    path.write_text('[fields]\nid = "sku"\ntitle = "name"\n')
    with pytest.raises(CatalogueImportError, match="price_jpy"):
        FieldMapping.from_toml(path)
