"""Stay points pending until check-out: the pending_points table (issue 17, item 8).

Points earned on a hotel stay are held here from booking until the check-out day, then credited to the
ledger; cancelling voids them. Bookings made before this revision keep their points in the ledger (they were
credited at booking) and are reversed on cancellation as before.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 18:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('pending_points',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('member_id', sa.String(length=32), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('bonus_points', sa.Integer(), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('credit_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('settled_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pending_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pending_points_credit_on'), ['credit_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_pending_points_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pending_points_ref'), ['ref'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('pending_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pending_points_ref'))
        batch_op.drop_index(batch_op.f('ix_pending_points_member_id'))
        batch_op.drop_index(batch_op.f('ix_pending_points_credit_on'))
    op.drop_table('pending_points')
