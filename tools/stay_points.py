"""Points earned on a stay are held until check-out, then credited; and the earned-so-far totals the caps count.

Why held: a stay can be cancelled until its check-in day. Crediting at booking let a member spend the points
and then cancel, and the reversal could only take back what was left ("never below zero"), so book -> redeem
-> cancel minted points. Held points sit in `pending_points`, outside the ledger: the balance shows them as
pending, redemption cannot reach them, cancelling voids them, and they become ledger entries (spendable) on
the check-out day.

When "after check-out" is evaluated: on the service's Clock (JST, honouring `ASSISTANT_TODAY`), points whose
`credit_on` (the check-out day) is today or earlier are credited by `PointsLedger.settle_member_in`, which runs
on every balance and history read, inside every redemption and booking, and for all members at start-up
(`build_services`) and in `PointsLedger.expire`. It is idempotent, so any of them may run it first.

The caps (monthly bonus cap, campaign caps) count held points too, in the month they were earned (booked), so
holding points never lets a member earn past a cap; credited entries carry no bonus so nothing counts twice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tools.points_rules import EarnLine, EarnQuote
from tools.tables import LedgerEntryRow, PendingPointsRow


class PendingStay(BaseModel):
    """Points of one booking, held until `credit_on` (its check-out day)."""

    ref: str
    points: int
    credit_on: date
    description: str


def hold_in(session: Session, member_id: str, quote: EarnQuote, description: str, ref: str, today: date,
            credit_on: date) -> int:
    """Hold the quote's granted points until `credit_on`; returns the points held (0: nothing to hold)."""
    lines = [line for line in quote.lines if line.granted > 0]
    if not lines:
        return 0
    session.add(PendingPointsRow(
        member_id=member_id, ref=ref, points=sum(line.granted for line in lines),
        bonus_points=sum(line.granted for line in lines if line.kind != "base"), created_on=today,
        credit_on=credit_on, status="pending", description=description[:300],
        data={"lines": [line.model_dump(mode="json") for line in lines], "earned_on": today.isoformat()},
        settled_at=None))
    session.flush()
    return sum(line.granted for line in lines)


def void_in(session: Session, member_id: str, ref: str) -> int:
    """Void the points still held for `ref` (a cancelled stay); returns how many."""
    rows = _held(session, member_id, PendingPointsRow.ref == ref)
    for row in rows:
        row.status = "voided"
    session.flush()
    return sum(row.points for row in rows)


def held_for(session: Session, member_id: str, ref: str) -> int:
    return sum(row.points for row in _held(session, member_id, PendingPointsRow.ref == ref))


def pending(session: Session, member_id: str) -> list[PendingStay]:
    return [PendingStay(ref=r.ref, points=r.points, credit_on=r.credit_on, description=r.description)
            for r in _held(session, member_id)]


def due(session: Session, member_id: str, today: date) -> list[PendingPointsRow]:
    """Held rows whose check-out day has come: to credit now."""
    return _held(session, member_id, PendingPointsRow.credit_on <= today)


def members_due(session: Session, today: date) -> list[str]:
    return list(session.execute(
        select(PendingPointsRow.member_id).where(PendingPointsRow.status == "pending",
                                                 PendingPointsRow.credit_on <= today).distinct()
    ).scalars().all())


def lines_of(row: PendingPointsRow) -> list[EarnLine]:
    return [EarnLine.model_validate(line) for line in row.data.get("lines", [])]


def _held(session: Session, member_id: str, *where: object) -> list[PendingPointsRow]:
    query = select(PendingPointsRow).where(PendingPointsRow.member_id == member_id,
                                           PendingPointsRow.status == "pending", *where)  # type: ignore[arg-type]
    return list(session.execute(query.order_by(PendingPointsRow.credit_on, PendingPointsRow.id)).scalars().all())


def bonus_this_month(session: Session, member_id: str, on: date) -> int:
    """Bonus points already earned in `on`'s calendar month (net of reversals, held stays included), for the
    monthly cap."""
    month = (on.replace(day=1), on)
    credited = session.execute(
        select(func.coalesce(func.sum(LedgerEntryRow.bonus_points), 0)).where(
            LedgerEntryRow.member_id == member_id, LedgerEntryRow.created_on >= month[0],
            LedgerEntryRow.created_on <= month[1])
    ).scalar_one()
    held = session.execute(
        select(func.coalesce(func.sum(PendingPointsRow.bonus_points), 0)).where(
            PendingPointsRow.member_id == member_id, PendingPointsRow.status != "voided",
            PendingPointsRow.created_on >= month[0], PendingPointsRow.created_on <= month[1])
    ).scalar_one()
    return max(0, int(credited) + int(held))


def campaign_points(session: Session, member_id: str) -> dict[str, int]:
    """Points earned per campaign so far (credited and held), for the campaigns' caps."""
    rows = session.execute(
        select(LedgerEntryRow.campaign_id, func.sum(LedgerEntryRow.points))
        .where(LedgerEntryRow.member_id == member_id, LedgerEntryRow.campaign_id.is_not(None),
               LedgerEntryRow.kind == "earn")
        .group_by(LedgerEntryRow.campaign_id)
    ).all()
    totals: dict[str, int] = defaultdict(int, {str(c): int(p) for c, p in rows})
    for row in _held(session, member_id):
        for line in lines_of(row):
            if line.campaign_id:
                totals[line.campaign_id] += line.granted
    return dict(totals)
