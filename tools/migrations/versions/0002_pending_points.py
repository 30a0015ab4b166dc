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

from tools.migrations import columns as c

revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXED = ('credit_on', 'member_id', 'ref')


def upgrade() -> None:
    op.create_table('pending_points',
        c.serial(), *c.strings(member_id=32, ref=64), *c.ints('points', 'bonus_points'),
        *c.dates('created_on', 'credit_on'),
        *c.strings(status=10, description=300), *c.jsons('data'), *c.stamps('settled_at', nullable=True),
        *c.references(member_id='members.id'), sa.PrimaryKeyConstraint('id'),
    )
    c.create_indexes('pending_points', *_INDEXED)


def downgrade() -> None:
    c.drop_indexes('pending_points', *reversed(_INDEXED))
    op.drop_table('pending_points')
