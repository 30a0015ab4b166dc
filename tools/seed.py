"""Loading a generated DataSet into the database, and the operator's product ingest path.

Seed dates are relative (days ago / days ahead); `seed_database` materialises them against `today`, which is
recorded in `meta.seeded_on`. Seeding is idempotent: the first transaction claims the `seeded_on` row
(`INSERT ... ON CONFLICT DO NOTHING`), so a second or concurrent seeder finds it and does nothing.

Historical ledger entries are replayed oldest first: earns become lots, debits consume the soonest-expiring
lots that were still valid on their date. A debit larger than what was available is clamped (the ledger can
never go below zero), and lots already past their expiry date are written off at the end, so balances always
equal the ledger sum.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from data.schema import DataSet, Member, Product
from tools.clock import FixedClock
from tools.db import Database, insert_or_ignore
from tools.tables import (
    CampaignRow,
    DestinationRow,
    HotelRow,
    LedgerAllocationRow,
    LedgerEntryRow,
    MemberBalanceRow,
    MemberRow,
    Meta,
    MobilePlanRow,
    ProductRow,
    ProgrammeRow,
    RoomTypeRow,
    ShopRow,
)

SEEDED_ON = "seeded_on"


class SeedReport(BaseModel):
    seeded: bool  # False when the database already held a data set
    seeded_on: date
    members: int = 0
    products: int = 0
    hotels: int = 0
    ledger_entries: int = 0


def seeded_on(db: Database) -> date | None:
    with db.read() as session:
        row = session.get(Meta, SEEDED_ON)
        return date.fromisoformat(row.value) if row is not None else None


def seed_database(db: Database, dataset: DataSet, today: date) -> SeedReport:
    """Load `dataset` into an empty database (schema created if needed); a no-op if already seeded."""
    db.create_schema()
    with db.write() as session:
        claimed = insert_or_ignore(session, Meta,
                                   {"key": SEEDED_ON, "value": today.isoformat()})
        if not claimed:
            existing = session.get(Meta, SEEDED_ON)
            return SeedReport(seeded=False, seeded_on=date.fromisoformat(existing.value) if existing else today)
        session.add_all([Meta(key="dataset_seed", value=str(dataset.seed)),
                         Meta(key="dataset_size", value=dataset.size)])
        session.add(ProgrammeRow(id=1, data=dataset.points_rules.model_dump(mode="json")))
        _bulk(session, ShopRow, [{"id": s.id, "name": s.name, "data": s.model_dump(mode="json")}
                                 for s in dataset.shops])
        _bulk(session, ProductRow, [_product_row(p) for p in dataset.products])
        _bulk(session, HotelRow, [
            {"id": h.id, "name": h.name, "prefecture": h.prefecture, "city": h.city, "area": h.area, "stars": h.stars,
             "rating": h.rating, "data": h.model_dump(mode="json", exclude={"room_types"})} for h in dataset.hotels])
        _bulk(session, RoomTypeRow, [
            {"id": r.id, "hotel_id": h.id, "name": r.name, "capacity_adults": r.capacity_adults,
             "capacity_total": r.capacity_total, "base_rate_jpy": r.base_rate_jpy, "rooms": r.rooms,
             "data": r.model_dump(mode="json")} for h in dataset.hotels for r in h.room_types])
        _bulk(session, MobilePlanRow, [{"id": p.id, "data": p.model_dump(mode="json")} for p in dataset.mobile_plans])
        _bulk(session, CampaignRow, [
            {"id": c.id, "starts_on": today + timedelta(days=c.starts_in_days),
             "ends_on": today + timedelta(days=c.ends_in_days), "data": c.model_dump(mode="json")}
            for c in dataset.campaigns])
        _bulk(session, DestinationRow, [
            {"id": d.id, "area": d.area, "city": d.city, "prefecture": d.prefecture, "data": d.model_dump(mode="json")}
            for d in dataset.destinations])
        _bulk(session, MemberRow, [
            {"id": m.id, "name": m.name, "email": m.email, "rank": m.rank, "linked": m.linked.model_dump(),
             "mobile_plan_id": m.mobile_plan_id, "monthly_data_gb": m.monthly_data_gb} for m in dataset.members])
        entries = _replay_ledgers(session, dataset.members, today, FixedClock(today).now())
        return SeedReport(seeded=True, seeded_on=today, members=len(dataset.members),
                          products=len(dataset.products), hotels=len(dataset.hotels), ledger_entries=entries)


def ensure_seeded(db: Database, seed_dir: Path, today: date) -> SeedReport:
    """Create the schema and load the data set in `seed_dir` unless the database already holds one."""
    db.create_schema()
    existing = seeded_on(db)
    if existing is not None:
        return SeedReport(seeded=False, seeded_on=existing)
    from data.loader import load_dataset  # the generator's loader; imported only when seeding is needed

    return seed_database(db, load_dataset(seed_dir), today)


def upsert_products(db: Database, products: Iterable[Product]) -> int:
    """Insert or replace products by id (the operator's ingest path); returns how many were written."""
    rows = [_product_row(p) for p in products]
    with db.write() as session:
        for start in range(0, len(rows), 1000):
            chunk = rows[start:start + 1000]
            session.execute(delete(ProductRow).where(ProductRow.id.in_([r["id"] for r in chunk])))
            _bulk(session, ProductRow, chunk)
    return len(rows)


def delete_products(db: Database, ids: Iterable[str]) -> int:
    """Remove products by id; returns how many existed."""
    wanted = list(ids)
    deleted = 0
    with db.write() as session:
        for start in range(0, len(wanted), 1000):
            chunk = wanted[start:start + 1000]
            found = session.execute(select(ProductRow.id).where(ProductRow.id.in_(chunk))).scalars().all()
            session.execute(delete(ProductRow).where(ProductRow.id.in_(chunk)))
            deleted += len(found)
    return deleted


def _product_row(p: Product) -> dict[str, object]:
    return {"id": p.id, "title": p.title, "category": p.category, "subcategory": p.subcategory, "shop_id": p.shop_id,
            "brand": p.brand, "price_jpy": p.price_jpy, "rating": p.rating, "review_count": p.review_count,
            "stock": p.stock, "data": json.loads(p.model_dump_json())}


def _bulk(session: Session, table: Any, rows: list[dict[str, object]]) -> None:
    for start in range(0, len(rows), 1000):
        if rows[start:start + 1000]:
            session.execute(insert(table.__table__), rows[start:start + 1000])  # Core executemany: no RETURNING


def _replay_ledgers(session: Session, members: list[Member], today: date, now: datetime) -> int:
    """Replay every member's history in memory, then write entries, allocations and balances in bulk."""
    entries: list[dict[str, object]] = []
    allocations: list[tuple[int, int, int]] = []  # (debit index, lot index, points), indices into `entries`
    balances: list[dict[str, object]] = []
    for member in members:
        lots: list[tuple[int, date | None, list[int]]] = []  # (entry index, expires_on, [remaining])
        balance = 0

        def debit(kind: str, amount: int, on: date, description: str, valid: list[tuple[int, date | None, list[int]]],
                  days_ago: int, member_id: str = member.id) -> None:
            index = len(entries)
            entries.append(_entry_row(member_id, kind, -amount, on, now - timedelta(days=days_ago), None, False,
                                      description))
            need = amount
            for lot_index, _, left in valid:
                take = min(need, left[0])
                if take:
                    allocations.append((index, lot_index, take))
                    left[0] -= take
                    need -= take

        for seed in sorted(member.ledger, key=lambda e: (-e.days_ago, e.points < 0)):
            on = today - timedelta(days=seed.days_ago)
            if seed.points > 0:
                expires = today + timedelta(days=seed.expires_in_days) if seed.expires_in_days is not None else None
                lots.append((len(entries), expires, [seed.points]))
                entries.append(_entry_row(member.id, seed.kind, seed.points, on, now - timedelta(days=seed.days_ago),
                                          expires, seed.limited_time, seed.description,
                                          bonus=seed.points if seed.limited_time else 0))
                balance += seed.points
                continue
            valid = sorted((lot for lot in lots if lot[2][0] > 0 and (lot[1] is None or lot[1] >= on)),
                           key=lambda lot: (lot[1] is None, lot[1] or date.max, lot[0]))
            amount = min(-seed.points, sum(lot[2][0] for lot in valid))
            if amount > 0:
                debit(seed.kind, amount, on, seed.description, valid, seed.days_ago)
                balance -= amount
        for lot in sorted(lots, key=lambda lot: (lot[1] or date.max, lot[0])):
            expires = lot[1]
            if expires is not None and expires < today and lot[2][0] > 0:
                amount = lot[2][0]
                debit("expire", amount, today, f"Points expired ({expires:%d %b %Y})", [lot], 0)
                balance -= amount
        balances.append({"member_id": member.id, "balance": balance})
    ids: list[int] = []
    for start in range(0, len(entries), 1000):
        result = session.execute(
            insert(LedgerEntryRow).returning(LedgerEntryRow.id, sort_by_parameter_order=True),
            entries[start:start + 1000])
        ids.extend(result.scalars().all())
    _bulk(session, LedgerAllocationRow, [{"debit_id": ids[d], "lot_id": ids[lot], "points": points}
                                         for d, lot, points in allocations])
    _bulk(session, MemberBalanceRow, balances)
    return len(entries)


def _entry_row(member_id: str, kind: str, points: int, on: date, at: datetime, expires: date | None, limited: bool,
               description: str, bonus: int = 0) -> dict[str, object]:
    return {"member_id": member_id, "kind": kind, "points": points, "bonus_points": bonus, "created_on": on,
            "created_at": at, "expires_on": expires, "limited_time": limited, "campaign_id": None,
            "description": description[:300], "ref": None}
