"""Building the search index from the database's catalogue (tools/catalogue_export.py), the one way both the
app's start-up repair (assistant/runtime.py) and `assistant ingest --rebuild` fill an index, so what an
operator imported (`assistant ingest --products`) is in the index whichever of the two rebuilt it; a rebuild
from the seed folder would drop it.

Seed products go in as the seed ingest writes them; imported ones under their own payload `source`, so a
later seed re-ingest never prunes them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from tools.catalogue_export import CatalogueExport, export_catalogue
from tools.db import Database

if TYPE_CHECKING:
    from retrieval.ingest import DocumentEmbedder, IngestReport, Progress
    from retrieval.search_index import SearchIndex


def seed_product_ids(seed_dir: Path | None) -> set[str]:
    """The product ids of the seed data set: every other product in the database is an operator import."""
    path = seed_dir / "products.jsonl" if seed_dir is not None else None
    if path is None or not path.exists():
        return set()
    with path.open(encoding="utf-8") as lines:
        return {str(json.loads(line)["id"]) for line in lines if line.strip()}


def index_from_database(
    index: SearchIndex, embedder: DocumentEmbedder, db: Database, seed_dir: Path | None, *,
    progress: Progress | None = None,
) -> tuple[CatalogueExport, list[IngestReport]]:
    """Make the index hold exactly the database's products, hotels and destination guides (optimised when
    anything changed); returns what was read and the per-collection reports."""
    from retrieval.catalogue import ingest_records
    from retrieval.documents import product_document
    from retrieval.index import Match
    from retrieval.ingest import sync_collection
    from retrieval.operator_import import IMPORT_SOURCE

    export = export_catalogue(db, seed_product_ids(seed_dir))
    reports = ingest_records(index, embedder, products=export.seed_products, hotels=export.hotels,
                             destinations=export.destinations, progress=progress, optimize=False)
    reports.append(sync_collection(
        index, "products", [product_document(p, source=IMPORT_SOURCE) for p in export.imported_products], embedder,
        scope=[Match("source", IMPORT_SOURCE)], progress=progress,
    ))
    if any(r.changed for r in reports):
        index.optimize()
    return export, reports
