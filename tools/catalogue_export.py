"""The searchable catalogue as the database holds it: every product (the seed's and the operator's imports),
every hotel with its room types, every destination guide. The database is the source of truth for what a
member can buy or book, so a search index rebuilt from this export (a corrupt or mismatched index at start,
assistant/runtime.py) keeps what an operator imported, which a rebuild from the seed folder would drop.

Products are split by origin: those whose id the seed data set holds (`seed_ids`) and the rest, which only an
operator import (`assistant ingest --products`) can have written; the index keeps the two apart (payload
`source`), so a later seed re-ingest never prunes an import.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import func, select

from data.schema import Destination, Hotel, Product
from tools.db import Database
from tools.hotels import load_hotel_rows
from tools.tables import DestinationRow, HotelRow, ProductRow


@dataclass(frozen=True)
class CatalogueExport:
    seed_products: list[Product] = field(default_factory=list)
    imported_products: list[Product] = field(default_factory=list)
    hotels: list[Hotel] = field(default_factory=list)
    destinations: list[Destination] = field(default_factory=list)

    @property
    def products(self) -> int:
        return len(self.seed_products) + len(self.imported_products)


def export_catalogue(db: Database, seed_ids: Collection[str]) -> CatalogueExport:
    """Everything the search index holds, read from the database (ordered by id, so a rebuild is repeatable)."""
    export = CatalogueExport()
    with db.read() as session:
        for row in session.execute(select(ProductRow).order_by(ProductRow.id)).scalars():
            product = Product.model_validate(row.data)
            (export.seed_products if product.id in seed_ids else export.imported_products).append(product)
        export.hotels.extend(load_hotel_rows(session, list(session.execute(
            select(HotelRow).order_by(HotelRow.id)).scalars())))
        export.destinations.extend(Destination.model_validate(row.data) for row in session.execute(
            select(DestinationRow).order_by(DestinationRow.id)).scalars())
    return export


def catalogue_counts(db: Database) -> dict[str, int]:
    """How many records of each searchable kind the database holds, keyed like the index's collections."""
    with db.read() as session:
        return {name: int(session.execute(select(func.count()).select_from(table)).scalar_one())
                for name, table in (("products", ProductRow), ("hotels", HotelRow),
                                    ("destinations", DestinationRow))}
