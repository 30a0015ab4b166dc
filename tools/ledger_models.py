"""What the points ledger answers with: balances, history pages, redemptions, earnings and expiry runs.

Kept apart from `tools/ledger.py` (which decides what is written) so that callers and the agent's tools can
depend on the shapes without the ledger's locking and allocation logic.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from tools.stay_points import PendingStay

EXPIRING_SOON_DAYS = 30
EntryKind = Literal["earn", "redeem", "expire", "reverse"]


class ExpiringBucket(BaseModel):
    expires_on: date
    points: int
    limited_time: bool


class Balance(BaseModel):
    member_id: str
    total: int
    expiring_soon_total: int
    expiring_soon: list[ExpiringBucket]  # within 30 days, soonest first
    limited_time_total: int
    pending_total: int = 0  # earned on stays not yet checked out: shown, not spendable (tools/stay_points.py)
    pending: list[PendingStay] = Field(default_factory=list)  # soonest credit first
    as_of: date


class LedgerEntry(BaseModel):
    id: int
    kind: str
    points: int
    description: str
    created_on: date
    expires_on: date | None
    limited_time: bool
    campaign_id: str | None = None
    ref: str | None = None


class HistoryPage(BaseModel):
    member_id: str
    entries: list[LedgerEntry]
    page: int
    page_size: int
    total_entries: int
    has_more: bool


class ConsumedLot(BaseModel):
    expires_on: date | None
    limited_time: bool
    points: int


class Redemption(BaseModel):
    entry_id: int
    member_id: str
    points: int
    balance_after: int
    consumed: list[ConsumedLot]


class Earning(BaseModel):
    entry_ids: list[int]
    member_id: str
    points: int
    balance_after: int


class ExpiryRun(BaseModel):
    as_of: date
    entries_written: int
    points_expired: int
