"""The points ledger: append-only entries, the balance derived from them, and redemption that cannot overdraw.

Entries are never updated or deleted. Every positive entry is a *lot* with an optional expiry date; every
debit (redeem, expire, reversal) records which lots it consumed (`ledger_allocations`), so "expiring soon"
and "limited-time" totals are exact. Redemption consumes the soonest-expiring points first (points with no
expiry last). Points expiring on day D are usable through D and expire from D + 1.

Writes for one member are serialised on their `member_balances` row (`SELECT ... FOR UPDATE` on PostgreSQL;
on SQLite every write transaction holds the database write lock from `BEGIN IMMEDIATE`), so concurrent
redemptions see each other's effects and the balance can never go negative (a CHECK constraint backs this).

This module is what each member-facing operation does; the row-level rules it keeps (locking, open lots,
appending and debiting entries) are in `tools/ledger_store.py`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.schema import PointsRules
from tools import idempotency, stay_points
from tools.db import DatedService
from tools.errors import InsufficientPoints, InvalidRequest, parse_request
from tools.ledger_models import (
    EXPIRING_SOON_DAYS,
    Balance,
    Earning,
    ExpiringBucket,
    ExpiryRun,
    HistoryPage,
    LedgerEntry,
    Redemption,
)
from tools.ledger_store import (
    Lot,
    append_entry,
    debit,
    ledger_sum,
    lock_member,
    open_lots,
    require_member,
)
from tools.points_rules import EarnQuote
from tools.tables import LedgerAllocationRow, LedgerEntryRow
from tools.validation import Id, IdempotencyKey, ShortText

__all__ = ["PointsLedger", "ledger_sum", "lock_member"]  # the store's two reads other services use


class _RedeemArgs(BaseModel):
    member_id: Id
    points: int = Field(ge=1, le=100_000_000)
    description: ShortText = "Points used"
    idempotency_key: IdempotencyKey


class _EarnArgs(BaseModel):
    member_id: Id
    points: int = Field(ge=1, le=100_000_000)
    description: ShortText
    idempotency_key: IdempotencyKey
    expires_on: date | None = None
    limited_time: bool = False


class _HistoryArgs(BaseModel):
    member_id: Id
    page: int = Field(default=1, ge=1, le=100_000)
    page_size: int = Field(default=20, ge=1, le=100)


@dataclass(eq=False)
class PointsLedger(DatedService):
    """Balance, history, earn, redeem, expire: the member-facing points account."""

    rules: PointsRules

    # ---- reads -------------------------------------------------------------------------------------------

    def balance(self, member_id: str) -> Balance:
        member_id = parse_request(_HistoryArgs, member_id=member_id).member_id
        today = self.clock.today()
        with self.db.read() as session:
            require_member(session, member_id)
            lots = open_lots(session, member_id)
            stale = any(lot.expires_on is not None and lot.expires_on < today for lot in lots) or bool(
                stay_points.due(session, member_id, today))
            total = ledger_sum(session, member_id)
            held = stay_points.pending(session, member_id)
        if stale:  # expired points not yet written off or stay points due: write them first, then read again
            with self.db.write() as session:
                lock_member(session, member_id)
                self.settle_member_in(session, member_id, today)
                self.expire_member_in(session, member_id, today)
            return self.balance(member_id)
        soon = today + timedelta(days=EXPIRING_SOON_DAYS)
        buckets: dict[tuple[date, bool], int] = defaultdict(int)
        for lot in lots:
            if lot.expires_on is not None and lot.expires_on <= soon:
                buckets[(lot.expires_on, lot.limited_time)] += lot.remaining
        expiring = [ExpiringBucket(expires_on=d, limited_time=lt, points=p) for (d, lt), p in sorted(buckets.items())]
        return Balance(
            member_id=member_id,
            total=total,
            expiring_soon_total=sum(b.points for b in expiring),
            expiring_soon=expiring,
            limited_time_total=sum(lot.remaining for lot in lots if lot.limited_time),
            pending_total=sum(p.points for p in held),
            pending=held,
            as_of=today,
        )

    def history(self, member_id: str, page: int = 1, page_size: int = 20) -> HistoryPage:
        args = parse_request(_HistoryArgs, member_id=member_id, page=page, page_size=page_size)
        self.settle_member(args.member_id)
        with self.db.read() as session:
            require_member(session, args.member_id)
            where = LedgerEntryRow.member_id == args.member_id
            count = session.execute(select(func.count()).select_from(LedgerEntryRow).where(where)).scalar_one()
            rows = session.execute(
                select(LedgerEntryRow).where(where).order_by(LedgerEntryRow.created_on.desc(),
                                                             LedgerEntryRow.id.desc())
                .offset((args.page - 1) * args.page_size).limit(args.page_size)
            ).scalars().all()
            entries = [_entry(row) for row in rows]
        return HistoryPage(member_id=args.member_id, entries=entries, page=args.page, page_size=args.page_size,
                           total_entries=count, has_more=args.page * args.page_size < count)

    # ---- side effects ------------------------------------------------------------------------------------

    def redeem(self, member_id: str, points: int, idempotency_key: str, description: str = "Points used") -> Redemption:
        args = parse_request(_RedeemArgs, member_id=member_id, points=points, description=description,
                             idempotency_key=idempotency_key)
        if args.points < self.rules.min_redeem_points:
            raise InvalidRequest(f"The smallest redemption is {self.rules.min_redeem_points:,} points.")
        payload = {"points": args.points, "description": args.description}
        with self.db.write() as session:
            lock_member(session, args.member_id)
            done = idempotency.claim(session, self.clock, args.member_id, args.idempotency_key, "redeem", payload,
                                     Redemption)
            if done is not None:
                return done
            result = self.redeem_in(session, args.member_id, args.points, args.description, ref=None)
            idempotency.record(session, args.member_id, args.idempotency_key, result)
            return result

    def earn(self, member_id: str, points: int, description: str, idempotency_key: str,
             expires_on: date | None = None, limited_time: bool = False) -> Earning:
        """Credit points directly (goodwill, manual adjustments); purchases go through `earn_quote_in`."""
        args = parse_request(_EarnArgs, member_id=member_id, points=points, description=description,
                             idempotency_key=idempotency_key, expires_on=expires_on, limited_time=limited_time)
        if args.expires_on is not None and args.expires_on < self.clock.today():
            raise InvalidRequest(f"Expiry date {args.expires_on:%d %b %Y} is in the past.")
        payload = args.model_dump(mode="json", exclude={"member_id", "idempotency_key"})
        with self.db.write() as session:
            balance = lock_member(session, args.member_id)
            done = idempotency.claim(session, self.clock, args.member_id, args.idempotency_key, "earn", payload,
                                     Earning)
            if done is not None:
                return done
            entry = append_entry(session, self.clock, balance, "earn", args.points, args.description,
                                 expires_on=args.expires_on, limited_time=args.limited_time)
            result = Earning(entry_ids=[entry.id], member_id=args.member_id, points=args.points,
                             balance_after=balance.balance)
            idempotency.record(session, args.member_id, args.idempotency_key, result)
            return result

    def settle(self, today: date | None = None) -> int:
        """Credit every member's stay points whose check-out day has come (start-up; safe to run any time)."""
        today = today or self.clock.today()
        with self.db.read() as session:
            members = stay_points.members_due(session, today)
        credited = 0
        for member_id in members:
            with self.db.write() as session:
                lock_member(session, member_id)
                credited += self.settle_member_in(session, member_id, today)
        return credited

    def settle_member(self, member_id: str) -> int:
        today = self.clock.today()
        with self.db.read() as session:
            if not stay_points.due(session, member_id, today):
                return 0
        with self.db.write() as session:
            lock_member(session, member_id)
            return self.settle_member_in(session, member_id, today)

    def expire(self, today: date | None = None) -> ExpiryRun:
        """Write off every lot past its expiry date (safe to run any number of times); stay points due are
        credited first, so a run on any day leaves the books as of that day."""
        today = today or self.clock.today()
        self.settle(today)
        with self.db.read() as session:
            members = session.execute(
                select(LedgerEntryRow.member_id).where(LedgerEntryRow.points > 0,
                                                       LedgerEntryRow.expires_on < today).distinct()
            ).scalars().all()
        written = expired = 0
        for member_id in members:
            with self.db.write() as session:
                lock_member(session, member_id)
                before = {lot.id: lot.remaining for lot in open_lots(session, member_id)}
                after = {lot.id for lot in self.expire_member_in(session, member_id, today)}
                written += sum(1 for lot_id in before if lot_id not in after)
                expired += sum(points for lot_id, points in before.items() if lot_id not in after)
        return ExpiryRun(as_of=today, entries_written=written, points_expired=expired)

    # ---- building blocks for other services' transactions ------------------------------------------------

    def redeem_in(self, session: Session, member_id: str, points: int, description: str, ref: str | None
                  ) -> Redemption:
        """Redeem inside the caller's transaction; the member row must already be locked."""
        balance = lock_member(session, member_id)
        self.settle_member_in(session, member_id, self.clock.today())
        lots = self.expire_member_in(session, member_id, self.clock.today())
        if points > balance.balance:
            raise InsufficientPoints(
                f"You have {balance.balance:,} points; you asked to use {points:,}. "
                f"Use {balance.balance:,} points or fewer."
            )
        entry, consumed = debit(session, self.clock, balance, "redeem", points, description, ref=ref, lots=lots)
        return Redemption(entry_id=entry.id, member_id=member_id, points=points, balance_after=balance.balance,
                          consumed=consumed)

    def earn_quote_in(self, session: Session, member_id: str, quote: EarnQuote, description: str,
                      ref: str | None) -> list[int]:
        """Credit a rules-engine quote: one regular entry plus one entry per limited-time line."""
        balance = lock_member(session, member_id)
        ids: list[int] = []
        regular = [line for line in quote.lines if not line.limited_time and line.granted > 0]
        if regular:
            bonus = sum(line.granted for line in regular if line.kind != "base")
            entry = append_entry(session, self.clock, balance, "earn", sum(line.granted for line in regular),
                                 description, ref=ref, bonus_points=bonus)
            ids.append(entry.id)
        for line in quote.lines:
            if line.limited_time and line.granted > 0:
                entry = append_entry(session, self.clock, balance, "earn", line.granted,
                                     f"{description}: {line.label}", ref=ref, bonus_points=line.granted,
                                     expires_on=line.expires_on, limited_time=True, campaign_id=line.campaign_id)
                ids.append(entry.id)
        return ids

    def hold_quote_in(self, session: Session, member_id: str, quote: EarnQuote, description: str, ref: str,
                      credit_on: date) -> int:
        """Hold a stay's earned points until `credit_on` (its check-out day); see tools/stay_points.py."""
        lock_member(session, member_id)
        return stay_points.hold_in(session, member_id, quote, description, ref, self.clock.today(), credit_on)

    def settle_member_in(self, session: Session, member_id: str, today: date) -> int:
        """Credit the member's held stay points whose check-out day is today or earlier; returns the points.

        Regular points become one entry; each limited-time line its own entry, its expiry moved by the days
        the points were held, so they keep the validity they were quoted with. Entries carry no bonus (the
        held row counted to the cap of the month it was earned in).
        """
        balance = lock_member(session, member_id)
        credited = 0
        for row in stay_points.due(session, member_id, today):
            lines = stay_points.lines_of(row)
            held_days = timedelta(days=(today - date.fromisoformat(row.data.get("earned_on", str(today)))).days)
            regular = sum(line.granted for line in lines if not line.limited_time)
            description = f"{row.description} (stay completed)"
            if regular:
                append_entry(session, self.clock, balance, "earn", regular, description, ref=row.ref)
            for line in lines:
                if line.limited_time:
                    append_entry(session, self.clock, balance, "earn", line.granted, f"{description}: {line.label}",
                                 ref=row.ref, limited_time=True, campaign_id=line.campaign_id,
                                 expires_on=line.expires_on + held_days if line.expires_on else None)
            row.status, row.settled_at = "credited", self.clock.now()
            credited += row.points
        session.flush()
        return credited

    def refund_in(self, session: Session, member_id: str, ref: str, description: str) -> int:
        """Give back the points redeemed under `ref`, with the expiry dates they had."""
        balance = lock_member(session, member_id)
        redeem_ids = select(LedgerEntryRow.id).where(LedgerEntryRow.ref == ref, LedgerEntryRow.kind == "redeem",
                                                     LedgerEntryRow.member_id == member_id)
        rows = session.execute(
            select(LedgerEntryRow.expires_on, LedgerEntryRow.limited_time, LedgerEntryRow.campaign_id,
                   func.sum(LedgerAllocationRow.points))
            .join(LedgerAllocationRow, LedgerAllocationRow.lot_id == LedgerEntryRow.id)
            .where(LedgerAllocationRow.debit_id.in_(redeem_ids))
            .group_by(LedgerEntryRow.expires_on, LedgerEntryRow.limited_time, LedgerEntryRow.campaign_id)
        ).all()
        refunded = 0
        for expires_on, limited, campaign_id, points in rows:
            append_entry(session, self.clock, balance, "reverse", int(points), description, ref=ref,
                         expires_on=expires_on, limited_time=bool(limited), campaign_id=campaign_id)
            refunded += int(points)
        return refunded

    def reverse_earn_in(self, session: Session, member_id: str, ref: str, description: str) -> int:
        """Take back the points earned under `ref`: from those lots first, then the soonest-expiring others.

        Never below zero: if the member already spent more than they have left, only what is left is taken.
        """
        balance = lock_member(session, member_id)
        lots = self.expire_member_in(session, member_id, self.clock.today())
        earned = session.execute(
            select(LedgerEntryRow.id, LedgerEntryRow.points, LedgerEntryRow.bonus_points)
            .where(LedgerEntryRow.ref == ref, LedgerEntryRow.kind == "earn", LedgerEntryRow.member_id == member_id)
        ).all()
        total = sum(int(points) for _, points, _ in earned)
        amount = min(total, balance.balance)
        if amount <= 0:
            return 0
        bonus = sum(int(b) for _, _, b in earned)
        debit(session, self.clock, balance, "reverse", amount, description, ref=ref,
              prefer=[int(i) for i, _, _ in earned], bonus_points=-min(bonus, amount), lots=lots)
        return amount

    def expire_member_in(self, session: Session, member_id: str, today: date) -> list[Lot]:
        """Write off the member's lots past their date; returns the lots still open afterwards."""
        balance = lock_member(session, member_id)
        still_open: list[Lot] = []
        for lot in open_lots(session, member_id):
            if lot.expires_on is not None and lot.expires_on < today:
                label = "Limited-time points expired" if lot.limited_time else "Points expired"
                debit(session, self.clock, balance, "expire", lot.remaining, f"{label} ({lot.expires_on:%d %b %Y})",
                      lots=[lot], bonus_points=0)
            else:
                still_open.append(lot)
        return still_open


def _entry(row: LedgerEntryRow) -> LedgerEntry:
    return LedgerEntry(id=row.id, kind=row.kind, points=row.points, description=row.description,
                       created_on=row.created_on, expires_on=row.expires_on, limited_time=row.limited_time,
                       campaign_id=row.campaign_id, ref=row.ref)

