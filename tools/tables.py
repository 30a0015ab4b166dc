"""The relational schema (SQLAlchemy 2.0 declarative), the same on SQLite and PostgreSQL.

Columns that services filter or lock on are real columns; the rest of a catalogue record is kept as the
validated JSON of its `data.schema` model, so the schema can grow without a migration. Money and points are
integers. The ledger and its allocations are append-only: nothing updates or deletes them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JsonDict = dict[str, Any]


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {JsonDict: sa.JSON, list[str]: sa.JSON}


class Meta(Base):
    """Facts about the database itself (seed date, data set seed/size)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    value: Mapped[str] = mapped_column(sa.Text)


class MemberRow(Base):
    __tablename__ = "members"
    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    email: Mapped[str] = mapped_column(sa.String(200))
    rank: Mapped[str] = mapped_column(sa.String(20))
    linked: Mapped[JsonDict]
    mobile_plan_id: Mapped[str | None] = mapped_column(sa.String(32))
    monthly_data_gb: Mapped[float | None]


class MemberBalanceRow(Base):
    """One row per member: the lock that serialises their ledger writes, and a cached balance.

    The truth is always the ledger sum; `balance` is updated in the same transaction as every entry, and
    the tests and the benchmark check that the two agree.
    """

    __tablename__ = "member_balances"
    member_id: Mapped[str] = mapped_column(sa.ForeignKey("members.id"), primary_key=True)
    balance: Mapped[int] = mapped_column(sa.Integer, default=0)
    __table_args__ = (sa.CheckConstraint("balance >= 0", name="ck_balance_non_negative"),)


class LedgerEntryRow(Base):
    """One points movement. Positive `points` for earn and refunds, negative for redeem/expire/reversal."""

    __tablename__ = "ledger_entries"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(sa.ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(10))  # earn | redeem | expire | reverse
    points: Mapped[int]
    bonus_points: Mapped[int] = mapped_column(default=0)  # the part of an earn that counts to the monthly cap
    created_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    expires_on: Mapped[date | None]
    limited_time: Mapped[bool] = mapped_column(default=False)
    campaign_id: Mapped[str | None] = mapped_column(sa.String(32))
    description: Mapped[str] = mapped_column(sa.String(300))
    ref: Mapped[str | None] = mapped_column(sa.String(64), index=True)


class PendingPointsRow(Base):
    """Points earned on a stay, held until check-out: outside the ledger, so never spendable before then.

    `status`: pending -> credited (ledger entries written on or after `credit_on`) or voided (cancelled).
    `bonus_points` counts to the monthly bonus cap of `created_on` (the booking day) while not voided.
    """

    __tablename__ = "pending_points"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(sa.ForeignKey("members.id"), index=True)
    ref: Mapped[str] = mapped_column(sa.String(64), index=True)  # the booking id
    points: Mapped[int]
    bonus_points: Mapped[int] = mapped_column(default=0)
    created_on: Mapped[date]
    credit_on: Mapped[date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(sa.String(10))  # pending | credited | voided
    description: Mapped[str] = mapped_column(sa.String(300))
    data: Mapped[JsonDict]  # the earn quote's lines, credited as quoted
    settled_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))


class LedgerAllocationRow(Base):
    """Which earned lot a debit (redeem / expire / reversal) consumed, so lots know what is left."""

    __tablename__ = "ledger_allocations"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    debit_id: Mapped[int] = mapped_column(sa.ForeignKey("ledger_entries.id"), index=True)
    lot_id: Mapped[int] = mapped_column(sa.ForeignKey("ledger_entries.id"), index=True)
    points: Mapped[int]


class IdempotencyRow(Base):
    """First result of every side effect, by (member, key): a retry returns it instead of acting twice."""

    __tablename__ = "idempotency"
    scope: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    operation: Mapped[str] = mapped_column(sa.String(40))
    request_hash: Mapped[str] = mapped_column(sa.String(64))
    result: Mapped[JsonDict | None]
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))


class ShopRow(Base):
    __tablename__ = "shops"
    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    data: Mapped[JsonDict]


class ProductRow(Base):
    __tablename__ = "products"
    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    category: Mapped[str] = mapped_column(sa.String(100), index=True)
    subcategory: Mapped[str] = mapped_column(sa.String(100), index=True)
    shop_id: Mapped[str] = mapped_column(sa.String(32), index=True)
    brand: Mapped[str] = mapped_column(sa.String(200), index=True)
    price_jpy: Mapped[int] = mapped_column(index=True)
    rating: Mapped[float]
    review_count: Mapped[int]
    stock: Mapped[int]
    data: Mapped[JsonDict]


class HotelRow(Base):
    __tablename__ = "hotels"
    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(300))
    prefecture: Mapped[str] = mapped_column(sa.String(100), index=True)
    city: Mapped[str] = mapped_column(sa.String(100), index=True)
    area: Mapped[str] = mapped_column(sa.String(100), index=True)
    stars: Mapped[int]
    rating: Mapped[float]
    data: Mapped[JsonDict]  # the Hotel model without room_types


class RoomTypeRow(Base):
    __tablename__ = "room_types"
    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    hotel_id: Mapped[str] = mapped_column(sa.ForeignKey("hotels.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    capacity_adults: Mapped[int]
    capacity_total: Mapped[int]
    base_rate_jpy: Mapped[int]
    rooms: Mapped[int]
    data: Mapped[JsonDict]


class RoomNightRow(Base):
    """Inventory of one room type on one night, materialised lazily on the first booking that touches it."""

    __tablename__ = "room_nights"
    room_type_id: Mapped[str] = mapped_column(sa.ForeignKey("room_types.id"), primary_key=True)
    night: Mapped[date] = mapped_column(primary_key=True)
    allotment: Mapped[int]
    available: Mapped[int]
    __table_args__ = (sa.CheckConstraint("available >= 0", name="ck_room_nights_available"),)


class BookingRow(Base):
    __tablename__ = "bookings"
    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    member_id: Mapped[str] = mapped_column(sa.ForeignKey("members.id"), index=True)
    hotel_id: Mapped[str] = mapped_column(sa.ForeignKey("hotels.id"))
    room_type_id: Mapped[str] = mapped_column(sa.ForeignKey("room_types.id"))
    check_in: Mapped[date]
    check_out: Mapped[date]
    adults: Mapped[int]
    children: Mapped[int]
    total_jpy: Mapped[int]
    points_used: Mapped[int]
    points_earned: Mapped[int]
    status: Mapped[str] = mapped_column(sa.String(12))  # confirmed | cancelled
    cancellation_fee_jpy: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    data: Mapped[JsonDict]  # nightly prices, policy, earn breakdown as quoted


class MobilePlanRow(Base):
    __tablename__ = "mobile_plans"
    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    data: Mapped[JsonDict]


class CampaignRow(Base):
    __tablename__ = "campaigns"
    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    data: Mapped[JsonDict]


class DestinationRow(Base):
    __tablename__ = "destinations"
    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    area: Mapped[str] = mapped_column(sa.String(100))
    city: Mapped[str] = mapped_column(sa.String(100))
    prefecture: Mapped[str] = mapped_column(sa.String(100))
    data: Mapped[JsonDict]


class ProgrammeRow(Base):
    """The points programme's rules (a single row, id 1)."""

    __tablename__ = "points_programme"
    id: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[JsonDict]


class TicketRow(Base):
    __tablename__ = "support_tickets"
    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    member_id: Mapped[str] = mapped_column(sa.ForeignKey("members.id"), index=True)
    category: Mapped[str] = mapped_column(sa.String(40))
    summary: Mapped[str] = mapped_column(sa.String(2000))
    status: Mapped[str] = mapped_column(sa.String(20))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))


# The app's own tables, declared here too so that one metadata (and one migration history) describes every
# table the service creates. Core tables, because their stores speak SQLAlchemy Core.

answer_feedback = sa.Table(
    "answer_feedback",
    Base.metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("member_id", sa.String(40), nullable=False),
    sa.Column("thread_id", sa.String(80), nullable=False),
    sa.Column("turn", sa.Integer, nullable=False),
    sa.Column("rating", sa.String(8), nullable=True),
    sa.Column("comment", sa.Text, nullable=True),
    sa.Column("answer_excerpt", sa.String(300), nullable=True),
    sa.Column("model", sa.String(120), nullable=True),
    sa.Column("source", sa.String(8), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("member_id", "thread_id", "turn", name="uq_answer_feedback_turn"),
)
"""Thumbs up / down and comments on answers (assistant/web/feedback.py)."""

web_sessions = sa.Table(
    "web_sessions",
    Base.metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),
    sa.Column("member_id", sa.String(40), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
)
"""Server-side browser sessions, by the SHA-256 of the cookie's id (assistant/web/sessions.py)."""

assistant_threads = sa.Table(
    "assistant_threads",
    Base.metadata,
    sa.Column("thread_id", sa.String(64), primary_key=True),
    sa.Column("member_id", sa.String(32), nullable=False, index=True),
    sa.Column("title", sa.String(200), nullable=False, default=""),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)
"""Which member owns which conversation thread (assistant/memory.py)."""
