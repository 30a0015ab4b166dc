"""The initial schema: every table of tools/tables.py as it stood when migrations were introduced.

Revision ID: 0001
Revises: (none)
Create Date: 2026-12-01 15:50:26.399438
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('answer_feedback',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('member_id', sa.String(length=40), nullable=False),
    sa.Column('thread_id', sa.String(length=80), nullable=False),
    sa.Column('turn', sa.Integer(), nullable=False),
    sa.Column('rating', sa.String(length=8), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('answer_excerpt', sa.String(length=300), nullable=True),
    sa.Column('model', sa.String(length=120), nullable=True),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('member_id', 'thread_id', 'turn', name='uq_answer_feedback_turn')
    )
    op.create_table('assistant_threads',
    sa.Column('thread_id', sa.String(length=64), nullable=False),
    sa.Column('member_id', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('thread_id')
    )
    with op.batch_alter_table('assistant_threads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assistant_threads_member_id'), ['member_id'], unique=False)

    op.create_table('campaigns',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('destinations',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('area', sa.String(length=100), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('prefecture', sa.String(length=100), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('hotels',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('prefecture', sa.String(length=100), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('area', sa.String(length=100), nullable=False),
    sa.Column('stars', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Double(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('hotels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hotels_area'), ['area'], unique=False)
        batch_op.create_index(batch_op.f('ix_hotels_city'), ['city'], unique=False)
        batch_op.create_index(batch_op.f('ix_hotels_prefecture'), ['prefecture'], unique=False)

    op.create_table('idempotency',
    sa.Column('scope', sa.String(length=64), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('operation', sa.String(length=40), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'key')
    )
    op.create_table('members',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('rank', sa.String(length=20), nullable=False),
    sa.Column('linked', sa.JSON(), nullable=False),
    sa.Column('mobile_plan_id', sa.String(length=32), nullable=True),
    sa.Column('monthly_data_gb', sa.Double(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('mobile_plans',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('points_programme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('products',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('category', sa.String(length=100), nullable=False),
    sa.Column('subcategory', sa.String(length=100), nullable=False),
    sa.Column('shop_id', sa.String(length=32), nullable=False),
    sa.Column('brand', sa.String(length=200), nullable=False),
    sa.Column('price_jpy', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Double(), nullable=False),
    sa.Column('review_count', sa.Integer(), nullable=False),
    sa.Column('stock', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_products_brand'), ['brand'], unique=False)
        batch_op.create_index(batch_op.f('ix_products_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_products_price_jpy'), ['price_jpy'], unique=False)
        batch_op.create_index(batch_op.f('ix_products_shop_id'), ['shop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_products_subcategory'), ['subcategory'], unique=False)

    op.create_table('shops',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('web_sessions',
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('member_id', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id_hash')
    )
    with op.batch_alter_table('web_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_sessions_expires_at'), ['expires_at'], unique=False)

    op.create_table('ledger_entries',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('member_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('bonus_points', sa.Integer(), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('limited_time', sa.Boolean(), nullable=False),
    sa.Column('campaign_id', sa.String(length=32), nullable=True),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_entries_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entries_ref'), ['ref'], unique=False)

    op.create_table('member_balances',
    sa.Column('member_id', sa.String(length=32), nullable=False),
    sa.Column('balance', sa.Integer(), nullable=False),
    sa.CheckConstraint('balance >= 0', name='ck_balance_non_negative'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], ),
    sa.PrimaryKeyConstraint('member_id')
    )
    op.create_table('room_types',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('hotel_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('capacity_adults', sa.Integer(), nullable=False),
    sa.Column('capacity_total', sa.Integer(), nullable=False),
    sa.Column('base_rate_jpy', sa.Integer(), nullable=False),
    sa.Column('rooms', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['hotel_id'], ['hotels.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('room_types', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_room_types_hotel_id'), ['hotel_id'], unique=False)

    op.create_table('support_tickets',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('member_id', sa.String(length=32), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('summary', sa.String(length=2000), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('support_tickets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_tickets_member_id'), ['member_id'], unique=False)

    op.create_table('bookings',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('member_id', sa.String(length=32), nullable=False),
    sa.Column('hotel_id', sa.String(length=32), nullable=False),
    sa.Column('room_type_id', sa.String(length=40), nullable=False),
    sa.Column('check_in', sa.Date(), nullable=False),
    sa.Column('check_out', sa.Date(), nullable=False),
    sa.Column('adults', sa.Integer(), nullable=False),
    sa.Column('children', sa.Integer(), nullable=False),
    sa.Column('total_jpy', sa.Integer(), nullable=False),
    sa.Column('points_used', sa.Integer(), nullable=False),
    sa.Column('points_earned', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('cancellation_fee_jpy', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['hotel_id'], ['hotels.id'], ),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], ),
    sa.ForeignKeyConstraint(['room_type_id'], ['room_types.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bookings_member_id'), ['member_id'], unique=False)

    op.create_table('ledger_allocations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('debit_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['debit_id'], ['ledger_entries.id'], ),
    sa.ForeignKeyConstraint(['lot_id'], ['ledger_entries.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ledger_allocations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_allocations_debit_id'), ['debit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_allocations_lot_id'), ['lot_id'], unique=False)

    op.create_table('room_nights',
    sa.Column('room_type_id', sa.String(length=40), nullable=False),
    sa.Column('night', sa.Date(), nullable=False),
    sa.Column('allotment', sa.Integer(), nullable=False),
    sa.Column('available', sa.Integer(), nullable=False),
    sa.CheckConstraint('available >= 0', name='ck_room_nights_available'),
    sa.ForeignKeyConstraint(['room_type_id'], ['room_types.id'], ),
    sa.PrimaryKeyConstraint('room_type_id', 'night')
    )


def downgrade() -> None:
    op.drop_table('room_nights')
    with op.batch_alter_table('ledger_allocations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_allocations_lot_id'))
        batch_op.drop_index(batch_op.f('ix_ledger_allocations_debit_id'))

    op.drop_table('ledger_allocations')
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bookings_member_id'))

    op.drop_table('bookings')
    with op.batch_alter_table('support_tickets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_tickets_member_id'))

    op.drop_table('support_tickets')
    with op.batch_alter_table('room_types', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_room_types_hotel_id'))

    op.drop_table('room_types')
    op.drop_table('member_balances')
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_entries_ref'))
        batch_op.drop_index(batch_op.f('ix_ledger_entries_member_id'))

    op.drop_table('ledger_entries')
    with op.batch_alter_table('web_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_sessions_expires_at'))

    op.drop_table('web_sessions')
    op.drop_table('shops')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_products_subcategory'))
        batch_op.drop_index(batch_op.f('ix_products_shop_id'))
        batch_op.drop_index(batch_op.f('ix_products_price_jpy'))
        batch_op.drop_index(batch_op.f('ix_products_category'))
        batch_op.drop_index(batch_op.f('ix_products_brand'))

    op.drop_table('products')
    op.drop_table('points_programme')
    op.drop_table('mobile_plans')
    op.drop_table('meta')
    op.drop_table('members')
    op.drop_table('idempotency')
    with op.batch_alter_table('hotels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hotels_prefecture'))
        batch_op.drop_index(batch_op.f('ix_hotels_city'))
        batch_op.drop_index(batch_op.f('ix_hotels_area'))

    op.drop_table('hotels')
    op.drop_table('destinations')
    op.drop_table('campaigns')
    with op.batch_alter_table('assistant_threads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assistant_threads_member_id'))

    op.drop_table('assistant_threads')
    op.drop_table('answer_feedback')
