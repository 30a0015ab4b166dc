"""Bring a database to the current schema: Alembic migrations to head, run at start-up by every store.

Why migrations rather than `create_all`: `create_all` only adds missing tables, so a changed column never
reaches a database that already exists; a migration history says what each database has and changes it in
order. Every store that opens the database (the services, feedback, sessions, the thread registry) calls
`migrate`, so whichever starts first brings the schema to head and the others find it there. On PostgreSQL
this runs under the schema advisory lock (several processes may start at once on an empty database); on
SQLite the write lock serialises it.

A database created before migrations existed (by `create_all`: tables, no `alembic_version`) holds exactly
the initial revision's tables, so it is stamped at that revision and then upgraded like any other.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from tools.db import schema_lock
from tools.tables import Base

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "0001"  # the revision whose tables `create_all` made before migrations existed


def _config(connection: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision in tools/migrations."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "tools/migrations has no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Upgrade the database to head; a no-op (one read) when it is there already."""
    head = head_revision()
    if current_revision(engine) == head:
        return
    with schema_lock(engine), engine.begin() as conn:
        config = _config(conn)
        context = MigrationContext.configure(conn)
        if context.get_current_revision() is None and _has_schema_tables(conn):
            command.stamp(config, BASELINE)
        command.upgrade(config, "head")


def _has_schema_tables(conn: sa.Connection) -> bool:
    existing = set(sa.inspect(conn).get_table_names())
    return bool(existing & set(Base.metadata.tables))
