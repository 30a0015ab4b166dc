"""Index the whole catalogue of a data set: products, hotels and destination guides, then optimise once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from data.schema import DataSet, Destination, Hotel, Product
from retrieval.documents import destination_document, hotel_document, product_document
from retrieval.index import Match
from retrieval.ingest import DocumentEmbedder, IngestReport, Progress, sync_collection
from retrieval.search_index import SearchIndex
from retrieval.sparse import KeywordEncoder

SEED_SOURCE = "seed"
M = TypeVar("M", bound=BaseModel)


def ingest_records(
    index: SearchIndex,
    embedder: DocumentEmbedder,
    *,
    products: Iterable[Product] = (),
    hotels: Iterable[Hotel] = (),
    destinations: Iterable[Destination] = (),
    progress: Progress | None = None,
    optimize: bool = True,
) -> list[IngestReport]:
    """Make the index mirror these records (seed products only: operator imports are left alone)."""
    keywords = KeywordEncoder()
    reports = [
        sync_collection(
            index,
            "products",
            (product_document(p, source=SEED_SOURCE) for p in products),
            embedder,
            keywords=keywords,
            scope=[Match("source", SEED_SOURCE)],
            progress=progress,
        ),
        sync_collection(
            index, "hotels", (hotel_document(h) for h in hotels), embedder, keywords=keywords, progress=progress
        ),
        sync_collection(
            index,
            "destinations",
            (destination_document(d) for d in destinations),
            embedder,
            keywords=keywords,
            progress=progress,
        ),
    ]
    if optimize and any(r.changed for r in reports):
        index.optimize()
    return reports


def ingest_dataset(
    index: SearchIndex, dataset: DataSet, embedder: DocumentEmbedder, *, progress: Progress | None = None
) -> list[IngestReport]:
    return ingest_records(
        index,
        embedder,
        products=dataset.products,
        hotels=dataset.hotels,
        destinations=dataset.destinations,
        progress=progress,
    )


def read_records(folder: Path, name: str, model: type[M]) -> Iterator[M]:
    """Stream one JSON Lines file of the generator's output (`products.jsonl`...) as validated records."""
    path = Path(folder) / f"{name}.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: is {folder} a generated data set?")
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield model.model_validate_json(line)


def ingest_catalogue(
    index: SearchIndex, seed_dir: Path, embedder: DocumentEmbedder, *, progress: Progress | None = None
) -> list[IngestReport]:
    """Index the data set the generator wrote to `seed_dir` (streamed: no need to hold members etc.)."""
    return ingest_records(
        index,
        embedder,
        products=read_records(seed_dir, "products", Product),
        hotels=read_records(seed_dir, "hotels", Hotel),
        destinations=read_records(seed_dir, "destinations", Destination),
        progress=progress,
    )
