"""The points ledger's rows: locking a member's balance, reading the open lots, appending entries and debiting
lots with their allocations.

Why a module of its own: these are the storage rules every ledger operation keeps (append-only entries, a
debit records which lots it consumed, the balance row is locked first); `tools/ledger.py` says what each
member-facing operation does with them, and other services (bookings, the catalogue) read balances from here.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tools.clock import Clock
from tools.db import insert_or_ignore
from tools.errors import InsufficientPoints, NotFound
from tools.ledger_models import ConsumedLot, EntryKind
from tools.tables import LedgerAllocationRow, LedgerEntryRow, MemberBalanceRow, MemberRow


class Lot(BaseModel):
    """A positive entry with points left on it: what a debit consumes, soonest-expiring first."""

    id: int
    remaining: int
    expires_on: date | None
    limited_time: bool
    campaign_id: str | None


def soonest_first(lot: Lot) -> tuple[int, date, int]:
    return (lot.expires_on is None, lot.expires_on or date.max, lot.id)


def require_member(session: Session, member_id: str) -> None:
    if session.get(MemberRow, member_id) is None:
        raise NotFound(f"No member with id '{member_id}'. Check the member id and try again.")


def lock_member(session: Session, member_id: str) -> MemberBalanceRow:
    """Lock the member's balance row for the rest of the transaction (creating it if missing).

    The locked row is remembered in `session.info`, so later steps of the same transaction reuse it.
    """
    locked: dict[str, MemberBalanceRow] = session.info.setdefault("locked_members", {})
    if member_id in locked:
        return locked[member_id]
    locked[member_id] = _lock_member(session, member_id)
    return locked[member_id]


def _lock_member(session: Session, member_id: str) -> MemberBalanceRow:
    statement = select(MemberBalanceRow).where(MemberBalanceRow.member_id == member_id).with_for_update()
    row = session.execute(statement).scalar_one_or_none()
    if row is None:
        require_member(session, member_id)
        insert_or_ignore(session, MemberBalanceRow,
                         {"member_id": member_id, "balance": 0})
        row = session.execute(statement).scalar_one()
    return row


def ledger_sum(session: Session, member_id: str) -> int:
    total = session.execute(
        select(func.coalesce(func.sum(LedgerEntryRow.points), 0)).where(LedgerEntryRow.member_id == member_id)
    ).scalar_one()
    return int(total)


def open_lots(session: Session, member_id: str) -> list[Lot]:
    """Positive entries with points left on them, soonest-expiring first."""
    used = func.coalesce(func.sum(LedgerAllocationRow.points), 0)
    rows = session.execute(
        select(LedgerEntryRow.id, (LedgerEntryRow.points - used).label("remaining"), LedgerEntryRow.expires_on,
               LedgerEntryRow.limited_time, LedgerEntryRow.campaign_id)
        .outerjoin(LedgerAllocationRow, LedgerAllocationRow.lot_id == LedgerEntryRow.id)
        .where(LedgerEntryRow.member_id == member_id, LedgerEntryRow.points > 0)
        .group_by(LedgerEntryRow.id, LedgerEntryRow.points, LedgerEntryRow.expires_on, LedgerEntryRow.limited_time,
                  LedgerEntryRow.campaign_id)
        .having(LedgerEntryRow.points - used > 0)
    ).all()
    lots = [Lot(id=r[0], remaining=int(r[1]), expires_on=r[2], limited_time=bool(r[3]), campaign_id=r[4])
            for r in rows]
    return sorted(lots, key=soonest_first)


def append_entry(session: Session, clock: Clock, balance: MemberBalanceRow, kind: EntryKind, points: int,
                 description: str, *, ref: str | None = None, bonus_points: int = 0, expires_on: date | None = None,
                 limited_time: bool = False, campaign_id: str | None = None) -> LedgerEntryRow:
    """Write one entry (dated by `clock`) and move the locked balance row by its points."""
    entry = LedgerEntryRow(member_id=balance.member_id, kind=kind, points=points, bonus_points=bonus_points,
                           created_on=clock.today(), created_at=clock.now(), expires_on=expires_on,
                           limited_time=limited_time, campaign_id=campaign_id, description=description[:300],
                           ref=ref)
    session.add(entry)
    balance.balance += points
    session.flush()
    return entry


def debit(session: Session, clock: Clock, balance: MemberBalanceRow, kind: EntryKind, amount: int, description: str,
          *, ref: str | None = None, prefer: list[int] | None = None, bonus_points: int = 0,
          lots: list[Lot] | None = None) -> tuple[LedgerEntryRow, list[ConsumedLot]]:
    """Write a negative entry of `amount` and allocate it to lots (`prefer`red ids first, then soonest-expiring)."""
    candidates = lots if lots is not None else open_lots(session, balance.member_id)
    preferred = set(prefer or [])
    candidates = sorted(candidates, key=lambda lot: (lot.id not in preferred, *soonest_first(lot)))
    entry = append_entry(session, clock, balance, kind, -amount, description, ref=ref, bonus_points=bonus_points)
    left = amount
    consumed: list[ConsumedLot] = []
    for lot in candidates:
        if left == 0:
            break
        take = min(left, lot.remaining)
        session.add(LedgerAllocationRow(debit_id=entry.id, lot_id=lot.id, points=take))
        consumed.append(ConsumedLot(expires_on=lot.expires_on, limited_time=lot.limited_time, points=take))
        left -= take
    if left:  # the lots do not cover the balance: refuse rather than write an inconsistent ledger
        raise InsufficientPoints(f"Only {amount - left:,} points are available to use; you asked for {amount:,}.")
    session.flush()
    return entry, consumed
