"""`assistant ingest`: build or update the search index, or import an operator's product file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from retrieval.embeddings import CachedEmbedder
    from retrieval.ingest import IngestReport
    from retrieval.search_index import SearchIndex


def main(
    products: Path | None = typer.Option(
        None, "--products", help="CSV or JSON Lines catalogue to import (needs --mapping)", exists=True, dir_okay=False
    ),
    mapping: Path | None = typer.Option(
        None, "--mapping", help="TOML field mapping for --products", exists=True, dir_okay=False
    ),
    delete_products: str | None = typer.Option(
        None, "--delete-products", help="Comma-separated product ids to remove from the database and the index"
    ),
    seed_dir: Path | None = typer.Option(None, "--seed-dir", help="Data set folder (default: ASSISTANT_SEED_DIR)"),
    rebuild: bool = typer.Option(
        False, "--rebuild", help="Drop the embedded index and build it again from the database (operator imports "
        "included; an empty database is seeded from the data set first)"
    ),
) -> None:
    """Build or update the search index (safe to re-run); --products FILE --mapping FILE imports a catalogue.

    Without options the index is brought in line with the data set folder (imports, kept under their own source,
    are left alone); `--rebuild` builds it from the database instead, as the app does at start for a missing or
    damaged index, so what an operator imported is in the rebuilt index."""
    import shutil
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from assistant.settings import load_settings
    from retrieval import open_index
    from retrieval.embeddings import open_embedder
    console = Console()
    settings = load_settings()
    backend = settings.resolved_index_backend
    if products is not None and mapping is None:
        raise typer.BadParameter("--products needs --mapping FILE (which column is the id, title, price...)")
    if rebuild and backend == "edge" and settings.index_dir.exists():
        shutil.rmtree(settings.index_dir)
        console.print(f"removed the old index at {settings.index_dir}")

    started = time.perf_counter()
    embedder = open_embedder(settings.data_dir, model=settings.embedding_model)
    index = open_index(
        backend,
        settings.index_dir,
        url=settings.qdrant_url,
        api_key=settings.qdrant_api_key.get_secret_value() if settings.qdrant_api_key else None,
        shard_number=settings.qdrant_shards,
        replication_factor=settings.qdrant_replication,
        embedding_model=settings.embedding_model,
    )
    where = settings.index_dir if backend == "edge" else (settings.qdrant_url or "in-memory")
    console.print(f"index: [bold]{backend}[/] at {where}")
    if backend == "server" and not settings.qdrant_url:
        console.print("[yellow]no QDRANT_URL: this in-memory index is discarded when the command ends[/]")
    progress = Progress(
        TextColumn("{task.description:<13}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    )
    tasks: dict[str, TaskID] = {}

    def on_progress(collection: str, done: int, total: int) -> None:
        if collection not in tasks:
            tasks[collection] = progress.add_task(collection, total=total)
        progress.update(tasks[collection], completed=done, total=total)

    reports: list[IngestReport] = []
    exit_code = 0
    try:
        if delete_products:
            _delete(settings.resolved_database_url, index, [i.strip() for i in delete_products.split(",") if i.strip()],
                    console)
        elif products is not None and mapping is not None:
            exit_code = _import(products, mapping, settings.resolved_database_url, index, embedder, progress,
                                on_progress, reports, console)
        elif rebuild:
            reports = _rebuild_from_database(settings.resolved_database_url, seed_dir or settings.seed_dir,
                                             settings.today, index, embedder, progress, on_progress, console)
        else:
            from retrieval.catalogue import ingest_catalogue

            source = seed_dir or settings.seed_dir
            if not source.exists():
                console.print(
                    f"[red]no data set at {source}[/]: run `assistant generate-data` or set ASSISTANT_SEED_DIR"
                )
                raise typer.Exit(2)
            with progress:
                reports = ingest_catalogue(index, source, embedder, progress=on_progress)
    finally:
        index.close()
        if embedder.cache is not None:
            embedder.cache.close()
    if reports:
        table = Table("collection", "documents", "added", "updated", "deleted", "unchanged", "embedded", "seconds")
        for r in reports:
            table.add_row(r.collection, str(r.total), str(r.added), str(r.updated), str(r.deleted), str(r.unchanged),
                          str(r.embedded), f"{r.seconds:.1f}")
        console.print(table)
        embedded = sum(r.embedded for r in reports)
        if embedded == 0 and not any(r.changed for r in reports):
            console.print("index already up to date: nothing embedded, nothing changed")
        elif embedded == 0:
            console.print("nothing embedded (all text was already in the embedding cache)")
    console.print(f"done in {time.perf_counter() - started:.1f}s")
    if exit_code:
        raise typer.Exit(exit_code)


def _import(products: Path, mapping: Path, database_url: str, index: SearchIndex, embedder: CachedEmbedder,
            progress: Progress, on_progress: Callable[[str, int, int], None], reports: list[IngestReport],
            console: Console) -> int:
    """Validate the file, store good rows in the database, then index them; list every bad row."""
    from rich.table import Table

    from retrieval.operator_import import CatalogueImportError, FieldMapping, index_imported, parse_catalogue
    from tools.db import Database
    from tools.seed import upsert_products

    try:
        result = parse_catalogue(products, FieldMapping.from_toml(mapping))
    except CatalogueImportError as exc:
        console.print(f"[red]{exc}[/]")
        return 2
    console.print(f"{products.name}: {result.rows} rows, {result.good} valid, {len(result.bad)} rejected")
    if result.bad:
        table = Table("line", "id", "reason", title="rejected rows")
        for bad in result.bad:
            table.add_row(str(bad.line), bad.row_id or "", bad.reason)
        console.print(table)
    if result.products:
        db = Database(database_url)
        try:
            db.create_schema()
            stored = upsert_products(db, result.products)
        finally:
            db.dispose()
        console.print(f"stored {stored} products in the database")
        with progress:
            reports.append(index_imported(result.products, index, embedder, progress=on_progress))
    return 1 if result.bad else 0


def _rebuild_from_database(database_url: str, seed_dir: Path, day: date | None, index: SearchIndex,
                           embedder: CachedEmbedder, progress: Progress, on_progress: Callable[[str, int, int], None],
                           console: Console) -> list[IngestReport]:
    """The index from the database's catalogue (tools/catalogue_index.py); an empty database is seeded from the
    data set first, as the app's first start would."""
    from tools.catalogue_index import index_from_database
    from tools.clock import Clock
    from tools.db import Database
    from tools.seed import ensure_seeded

    db = Database(database_url)
    try:
        db.create_schema()
        if seed_dir.exists() and ensure_seeded(db, seed_dir, Clock(day).today()).seeded:
            console.print(f"the database was empty: seeded it from {seed_dir}")
        with progress:
            export, reports = index_from_database(index, embedder, db, seed_dir, progress=on_progress)
    finally:
        db.dispose()
    console.print(f"from the database: {export.products} products ({len(export.imported_products)} imported), "
                  f"{len(export.hotels)} hotels, {len(export.destinations)} destinations")
    return reports


def _delete(database_url: str, index: SearchIndex, ids: list[str], console: Console) -> None:
    from tools.db import Database
    from tools.seed import delete_products

    db = Database(database_url)
    try:
        db.create_schema()
        removed = delete_products(db, ids)
    finally:
        db.dispose()
    index.delete("products", ids)
    index.optimize()
    console.print(f"deleted {removed} of {len(ids)} products from the database and the index")
