"""Issue 17 item 6: a corrupt or mismatched search index found at start is rebuilt from the database, so what an
operator imported (`assistant ingest --products`) survives, and the reason is logged. Real SQLite, real Qdrant
Edge on disk, the real embedding model and the real CLI; only the chat model is scripted (it asks for the search
a member would)."""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.runtime import Runtime, build_runtime
from assistant.settings import Settings
from data.schema import Product
from retrieval import open_index
from retrieval.embeddings import open_embedder
from retrieval.search_index import SearchIndex
from testkit.factories import TODAY
from tests.fakes import ScriptedChatModel, call, say
from tests.security.conftest import canary_settings
from tests.security.world import ME, world, write_seed_folder
from tools.db import Database
from tools.seed import upsert_products

IMPORTED_ID = "OPS-7001"
IMPORTED_TITLE = "Aurora Loom merino travel blanket"
QUERY = "merino wool travel blanket"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name in ("QDRANT_URL", "ASSISTANT_INDEX", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "seed").mkdir()
    seed = write_seed_folder(tmp_path / "seed", world())
    data_dir = tmp_path / "var"
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data_dir))  # what the operator's CLI reads
    monkeypatch.setenv("ASSISTANT_SEED_DIR", str(seed))
    return canary_settings(data_dir, ASSISTANT_SEED_DIR=str(seed))


def start(settings: Settings) -> Runtime:
    model = ScriptedChatModel([call("search_products", {"query": QUERY}), say("Here is what I found.")], cycle=True)
    return build_runtime(settings, model=model, today=TODAY)


def found_ids(runtime: Runtime) -> list[str]:
    """The product ids the member's search returns, read from the search tool's result in the transcript."""
    conversations = runtime.conversations
    thread_id = conversations.new_thread(ME)
    list(conversations.send(member_id=ME, thread_id=thread_id, text=f"do you have a {QUERY}?"))
    (result,) = [i for i in conversations.transcript(member_id=ME, thread_id=thread_id) if i.role == "tool"]
    assert result.ok, result.text
    return [hit["id"] for hit in json.loads(result.text)["products"]]


def operator_import(tmp_path: Path) -> None:
    """The operator's path: a CSV and a field mapping through `assistant ingest --products`."""
    rows = tmp_path / "operator.csv"
    with rows.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sku", "name", "price", "category", "subcategory", "brand", "description", "stock"])
        writer.writerow([IMPORTED_ID, IMPORTED_TITLE, "12,800", "Home", "Blankets", "Aurora Loom",
                         "A merino wool travel blanket that folds into its own pouch.", "9"])
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[fields]\nid = "sku"\ntitle = "name"\nprice_jpy = "price"\ncategory = "category"\n'
                       'subcategory = "subcategory"\nbrand = "brand"\ndescription = "description"\nstock = "stock"\n')
    result = CliRunner().invoke(app, ["ingest", "--products", str(rows), "--mapping", str(mapping)])
    assert result.exit_code == 0, result.output


def damage(index_dir: Path) -> None:
    (index_dir / "products" / "edge_config.json").write_text("{not json")
    for part in (index_dir / "hotels").rglob("*.dat"):
        part.write_bytes(b"\x00garbage")


def test_a_corrupt_index_is_rebuilt_from_the_database_and_keeps_the_operators_import(
        settings: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    start(settings).close()  # the first start: database seeded, index built
    operator_import(tmp_path)
    runtime = start(settings)
    try:
        assert IMPORTED_ID in found_ids(runtime)
    finally:
        runtime.close()

    damage(settings.index_dir)
    with caplog.at_level(logging.INFO, logger="assistant.runtime"):
        runtime = start(settings)  # the restart
    try:
        assert IMPORTED_ID in found_ids(runtime), "the rebuild dropped the operator's import"
        assert runtime.index is not None and runtime.index.count("products") == 3  # 2 seed + 1 imported
        assert runtime.index.count("hotels") == 2
    finally:
        runtime.close()
    reasons = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and r.name == "assistant.runtime"]
    assert any("unusable" in r and "database" in r for r in reasons), reasons
    assert any(p.name.startswith("index.corrupt-") for p in settings.data_dir.iterdir())


def test_an_index_that_does_not_match_the_database_is_brought_in_line_at_start(
        settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    start(settings).close()
    imported = Product.model_validate({**world().products[0].model_dump(), "id": IMPORTED_ID, "title": IMPORTED_TITLE,
                                       "description": "A merino wool travel blanket.", "category": "Home"})
    db = Database(settings.resolved_database_url)
    try:
        upsert_products(db, [imported])  # in the database, never indexed (an import cut short)
    finally:
        db.dispose()

    with caplog.at_level(logging.INFO, logger="assistant.runtime"):
        runtime = start(settings)
    try:
        assert IMPORTED_ID in found_ids(runtime)
    finally:
        runtime.close()
    reasons = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and r.name == "assistant.runtime"]
    assert any("does not match" in r and "products" in r for r in reasons), reasons

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="assistant.runtime"):
        start(settings).close()  # now in line: loaded, nothing rebuilt
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and r.name == "assistant.runtime"]


def cli_index(settings: Settings) -> tuple[SearchIndex, Any]:
    """The index folder as the CLI left it, with the query embedder, opened the way the app opens them."""
    return (open_index("edge", settings.index_dir, embedding_model=settings.embedding_model),
            open_embedder(settings.data_dir, model=settings.embedding_model))


def test_the_cli_rebuild_builds_the_index_from_the_database(settings: Settings) -> None:
    """`assistant ingest --rebuild` reads the catalogue from the database, as the start-up repair does: a product
    the operator put in the database (never indexed, never in the seed folder) is found by search afterwards."""
    start(settings).close()  # database seeded, index built
    imported = Product.model_validate({**world().products[0].model_dump(), "id": IMPORTED_ID, "title": IMPORTED_TITLE,
                                       "description": "A merino wool travel blanket.", "category": "Home"})
    db = Database(settings.resolved_database_url)
    try:
        upsert_products(db, [imported])  # an operator import's database write, the index not told
    finally:
        db.dispose()

    result = CliRunner().invoke(app, ["ingest", "--rebuild"])
    assert result.exit_code == 0, result.output
    assert "removed the old index" in result.output and "1 imported" in result.output

    index, embedder = cli_index(settings)
    try:  # the member's search on exactly the index the CLI wrote (the app's own start-up repair not run)
        runtime = build_runtime(settings, model=ScriptedChatModel(
            [call("search_products", {"query": QUERY}), say("Here is what I found.")], cycle=True),
            today=TODAY, shared_search=(index, embedder))
        try:
            assert IMPORTED_ID in found_ids(runtime)
        finally:
            runtime.close()
        assert index.count("products") == 3  # 2 seed + 1 imported
    finally:
        index.close()
        embedder.cache.close()


def test_the_cli_rebuild_seeds_an_empty_database_first(settings: Settings) -> None:
    """On a fresh data folder `ingest --rebuild` has no database to read yet: it seeds it from the data set,
    as the app's first start would, and indexes that."""
    result = CliRunner().invoke(app, ["ingest", "--rebuild"])
    assert result.exit_code == 0, result.output
    assert "seeded it from" in result.output and "2 products (0 imported), 2 hotels" in result.output
    index, embedder = cli_index(settings)
    try:
        assert index.count("products") == 2 and index.count("hotels") == 2
    finally:
        index.close()
        embedder.cache.close()
