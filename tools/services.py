"""Everything the agent's tools need, built once where the program starts: `build_services(url, seed_dir)`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from data.schema import PointsRules
from tools.bookings import HotelBookings
from tools.catalogue import Catalogue
from tools.clock import Clock, FixedClock
from tools.db import Database
from tools.hotels import HotelInventory
from tools.ledger import PointsLedger
from tools.mobile import MobilePlans
from tools.points_rules import ActiveCampaign, PointsRulesEngine
from tools.seed import ensure_seeded
from tools.support import SupportDesk
from tools.tables import CampaignRow, ProgrammeRow

if TYPE_CHECKING:
    from retrieval.embeddings import Embedder
    from retrieval.search_index import SearchIndex
    from tools.search import CatalogueSearch

# Used only when the database holds no programme (an empty, unseeded database): the public facts.
DEFAULT_RULES = PointsRules(linked_bonus_rate={"mobile": 1, "card": 2, "bank": 1}, monthly_bonus_cap=5_000,
                            bonus_expiry_days=45, regular_expiry_days=365)


@dataclass(frozen=True)
class Services:
    """The tools' services, fixed once built: a tool never finds them rewired under it mid-conversation."""

    db: Database
    clock: Clock
    rules: PointsRulesEngine
    ledger: PointsLedger
    catalogue: Catalogue
    hotels: HotelInventory
    bookings: HotelBookings
    mobile: MobilePlans
    support: SupportDesk
    search: CatalogueSearch | None = None  # hybrid retrieval over the index (None: the database's own filters)

    def close(self) -> None:
        self.db.dispose()


def load_rules(db: Database) -> PointsRulesEngine:
    """The programme and every campaign (with calendar dates) as stored at seed time."""
    with db.read() as session:
        programme = session.get(ProgrammeRow, 1)
        rules = PointsRules.model_validate(programme.data) if programme is not None else DEFAULT_RULES
        campaigns = session.execute(select(CampaignRow).order_by(CampaignRow.id)).scalars().all()
        active = [ActiveCampaign.model_validate({**row.data, "starts_on": row.starts_on, "ends_on": row.ends_on})
                  for row in campaigns]
    return PointsRulesEngine(rules, active)


def build_services(
    database_url: str,
    seed_dir: Path | None,
    today: date | None = None,
    *,
    day: date | None = None,
    index: SearchIndex | None = None,
    embedder: Embedder | None = None,
) -> Services:
    """Create the schema, seed from `seed_dir` if the database is empty, and wire the services.

    `today` pins the clock to noon of that day (tests, reproducible runs); `day` moves the real clock to that
    calendar day (the `ASSISTANT_TODAY` setting); by default the clock is real time in JST. With an opened
    `index` and query `embedder` the search tools use hybrid retrieval (the caller keeps and closes both).
    """
    clock: Clock = FixedClock(today) if today is not None else Clock(day)
    db = Database(database_url)
    db.create_schema()
    if seed_dir is not None:
        ensure_seeded(db, seed_dir, clock.today())
    engine = load_rules(db)
    ledger = PointsLedger(db, clock, engine.rules)
    ledger.settle()  # stay points whose check-out day has come are credited (tools/stay_points.py)
    hotels = HotelInventory(db, clock)
    return Services(
        db=db, clock=clock, rules=engine, ledger=ledger, catalogue=Catalogue(db, clock, engine),
        hotels=hotels, bookings=HotelBookings(db, clock, engine, ledger),
        mobile=MobilePlans(db), support=SupportDesk(db, clock), search=_search(index, embedder, db, hotels),
    )


def _search(
    index: SearchIndex | None, embedder: Embedder | None, db: Database, hotels: HotelInventory
) -> CatalogueSearch | None:
    if index is None or embedder is None:
        return None
    from tools.search import catalogue_search  # the retrieval stack loads only where there is an index

    return catalogue_search(index, embedder, db, hotels)
