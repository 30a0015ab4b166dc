"""The initial schema: every table of tools/tables.py as it stood when migrations were introduced.

Revision ID: 0001
Revises: (none)
Create Date: 2026-12-01 15:50:26.399438
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tools.migrations import columns as c

revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Table = tuple[str, list[sa.schema.SchemaItem], tuple[str, ...]]


def _tables() -> list[Table]:
    """(name, columns and constraints, indexed columns) in creation order: a table after those it references.

    Built afresh on each call: a Column belongs to the one table it is first given to.
    """
    pk = sa.PrimaryKeyConstraint
    return [
        ('answer_feedback', [
            c.serial(), *c.strings(member_id=40, thread_id=80), *c.ints('turn'),
            *c.strings(nullable=True, rating=8), *c.texts('comment', nullable=True),
            *c.strings(nullable=True, answer_excerpt=300, model=120), *c.strings(source=8),
            *c.stamps('created_at', 'updated_at'),
            pk('id'), sa.UniqueConstraint('member_id', 'thread_id', 'turn', name='uq_answer_feedback_turn'),
        ], ()),
        ('assistant_threads', [
            *c.strings(thread_id=64, member_id=32, title=200), *c.stamps('created_at', 'updated_at'), pk('thread_id'),
        ], ('member_id',)),
        ('campaigns', [*c.strings(id=32), *c.dates('starts_on', 'ends_on'), *c.jsons('data'), pk('id')], ()),
        ('destinations', [*c.strings(id=32, area=100, city=100, prefecture=100), *c.jsons('data'), pk('id')], ()),
        ('hotels', [
            *c.strings(id=32, name=300, prefecture=100, city=100, area=100), *c.ints('stars'), *c.doubles('rating'),
            *c.jsons('data'), pk('id'),
        ], ('area', 'city', 'prefecture')),
        ('idempotency', [
            *c.strings(scope=64, key=200, operation=40, request_hash=64), *c.jsons('result', nullable=True),
            *c.stamps('created_at'), pk('scope', 'key'),
        ], ()),
        ('members', [
            *c.strings(id=32, name=200, email=200, rank=20), *c.jsons('linked'),
            *c.strings(nullable=True, mobile_plan_id=32), *c.doubles('monthly_data_gb', nullable=True), pk('id'),
        ], ()),
        ('meta', [*c.strings(key=64), *c.texts('value'), pk('key')], ()),
        ('mobile_plans', [*c.strings(id=32), *c.jsons('data'), pk('id')], ()),
        ('points_programme', [*c.ints('id'), *c.jsons('data'), pk('id')], ()),
        ('products', [
            *c.strings(id=32, title=500, category=100, subcategory=100, shop_id=32, brand=200), *c.ints('price_jpy'),
            *c.doubles('rating'), *c.ints('review_count', 'stock'), *c.jsons('data'), pk('id'),
        ], ('brand', 'category', 'price_jpy', 'shop_id', 'subcategory')),
        ('shops', [*c.strings(id=32, name=200), *c.jsons('data'), pk('id')], ()),
        ('web_sessions', [
            *c.strings(id_hash=64, member_id=40), *c.stamps('created_at', 'expires_at'), pk('id_hash'),
        ], ('expires_at',)),
        ('ledger_entries', [
            c.serial(), *c.strings(member_id=32, kind=10), *c.ints('points', 'bonus_points'), *c.dates('created_on'),
            *c.stamps('created_at'), *c.dates('expires_on', nullable=True), *c.flags('limited_time'),
            *c.strings(nullable=True, campaign_id=32), *c.strings(description=300), *c.strings(nullable=True, ref=64),
            *c.references(member_id='members.id'), pk('id'),
        ], ('member_id', 'ref')),
        ('member_balances', [
            *c.strings(member_id=32), *c.ints('balance'),
            sa.CheckConstraint('balance >= 0', name='ck_balance_non_negative'),
            *c.references(member_id='members.id'), pk('member_id'),
        ], ()),
        ('room_types', [
            *c.strings(id=40, hotel_id=32, name=200),
            *c.ints('capacity_adults', 'capacity_total', 'base_rate_jpy', 'rooms'), *c.jsons('data'),
            *c.references(hotel_id='hotels.id'), pk('id'),
        ], ('hotel_id',)),
        ('support_tickets', [
            *c.strings(id=32, member_id=32, category=40, summary=2000, status=20), *c.stamps('created_at'),
            *c.references(member_id='members.id'), pk('id'),
        ], ('member_id',)),
        ('bookings', [
            *c.strings(id=32, member_id=32, hotel_id=32, room_type_id=40), *c.dates('check_in', 'check_out'),
            *c.ints('adults', 'children', 'total_jpy', 'points_used', 'points_earned'), *c.strings(status=12),
            *c.ints('cancellation_fee_jpy'), *c.stamps('created_at'), *c.stamps('cancelled_at', nullable=True),
            *c.jsons('data'),
            *c.references(hotel_id='hotels.id', member_id='members.id', room_type_id='room_types.id'), pk('id'),
        ], ('member_id',)),
        ('ledger_allocations', [
            c.serial(), *c.ints('debit_id', 'lot_id', 'points'),
            *c.references(debit_id='ledger_entries.id', lot_id='ledger_entries.id'), pk('id'),
        ], ('debit_id', 'lot_id')),
        ('room_nights', [
            *c.strings(room_type_id=40), *c.dates('night'), *c.ints('allotment', 'available'),
            sa.CheckConstraint('available >= 0', name='ck_room_nights_available'),
            *c.references(room_type_id='room_types.id'), pk('room_type_id', 'night'),
        ], ()),
    ]


def upgrade() -> None:
    for name, items, indexed in _tables():
        op.create_table(name, *items)
        if indexed:
            c.create_indexes(name, *indexed)


def downgrade() -> None:
    for name, _, indexed in reversed(_tables()):
        if indexed:
            c.drop_indexes(name, *reversed(indexed))
        op.drop_table(name)
