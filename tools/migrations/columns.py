"""Column and index helpers for the migration scripts: one call declares several columns of a kind.

Why: a migration written out by autogenerate repeats `sa.Column(name, type, nullable=False)` once a column,
so every table reads like every other; these helpers say the same thing once a kind. They build exactly the
objects autogenerate wrote (same types, nullability and order), so a migrated schema does not change. A
revision's helpers must never change meaning once the revision has shipped: add a new helper instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op


def serial(name: str = "id") -> sa.Column[int]:
    """An integer key the database numbers."""
    return sa.Column(name, sa.Integer(), autoincrement=True, nullable=False)


def strings(nullable: bool = False, **lengths: int) -> list[sa.Column[str]]:
    """VARCHAR columns, `name=length` in table order."""
    return [sa.Column(name, sa.String(length=length), nullable=nullable) for name, length in lengths.items()]


class _Kind:
    """Columns of one SQL type, in table order: `ints("a", "b")`, `ints("c", nullable=True)`."""

    def __init__(self, make: Callable[[], sa.types.TypeEngine[Any]]) -> None:
        self._make = make

    def __call__(self, *names: str, nullable: bool = False) -> list[sa.Column[Any]]:
        return [sa.Column(name, self._make(), nullable=nullable) for name in names]


ints = _Kind(sa.Integer)
doubles = _Kind(sa.Double)
dates = _Kind(sa.Date)
texts = _Kind(sa.Text)
jsons = _Kind(sa.JSON)
flags = _Kind(sa.Boolean)
stamps = _Kind(lambda: sa.DateTime(timezone=True))  # timezone-aware DATETIME


def references(**targets: str) -> list[sa.ForeignKeyConstraint]:
    """Foreign keys, `column="table.column"`."""
    return [sa.ForeignKeyConstraint([column], [target]) for column, target in targets.items()]


def create_indexes(table: str, *columns: str) -> None:
    """The non-unique `ix_<table>_<column>` index on each column (batch mode: SQLite rebuilds the table)."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def drop_indexes(table: str, *columns: str) -> None:
    """Drop what `create_indexes` made, in the order given."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
