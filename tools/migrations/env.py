"""Alembic's entry point: migrate the connection `tools.schema.migrate` hands over, or, from the `alembic`
command line, the database of `DATABASE_URL` (default: the embedded SQLite file in `var/`)."""

from __future__ import annotations

import os

import sqlalchemy as sa
from alembic import context

from tools.tables import Base


def _run(connection: sa.Connection) -> None:
    # Batch mode: SQLite cannot ALTER most things, so Alembic rebuilds the table there (a no-op elsewhere).
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = os.environ.get("DATABASE_URL") or "sqlite:///var/assistant.db"
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


main()
