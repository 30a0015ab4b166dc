"""One database handle for SQLite (embedded default) and PostgreSQL (production), with the same code.

Why the SQLite set-up looks the way it does: in WAL mode readers never block the writer, but a deferred
transaction that reads and *then* writes fails at once with "database is locked" when another writer got
there first (its snapshot is stale, and the busy timeout cannot help). So every write transaction starts
with `BEGIN IMMEDIATE`, which takes the write lock up front and waits (busy timeout) for it instead. Writes
are therefore serialised on SQLite, which is what makes the booking and ledger invariants hold there.
On PostgreSQL, write transactions run at READ COMMITTED and serialise on the rows they touch
(`UPDATE ... WHERE available > 0` per night, `SELECT ... FOR UPDATE` on the member's balance row).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session

from tools.clock import Clock
from tools.errors import TryAgain

SQLITE_BUSY_TIMEOUT_MS = 30_000
_WRITE_OPTION = "tools_write"


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


class Database:
    """Engine plus the two kinds of transaction the services use: `read()` and `write()`."""

    def __init__(self, url: str, *, pool_size: int = 10, max_overflow: int = 20,
                 busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = self._sqlite_engine(url, pool_size, max_overflow, busy_timeout_ms)
        else:
            self.engine = sa.create_engine(
                url, pool_size=pool_size, max_overflow=max_overflow, pool_recycle=1800, pool_timeout=60
            )

    @staticmethod
    def _sqlite_engine(url: str, pool_size: int, max_overflow: int, busy_timeout_ms: int) -> Engine:
        memory = url in ("sqlite://", "sqlite:///:memory:")
        if memory:
            engine = sa.create_engine(
                url, connect_args={"check_same_thread": False}, poolclass=sa.pool.StaticPool
            )
        else:
            engine = sa.create_engine(
                url,
                connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
                pool_size=pool_size,
                max_overflow=max_overflow,
                pool_timeout=120,
            )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # Take transaction control away from the sqlite3 module so that our BEGIN is the one used.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            if not memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: sa.Connection) -> None:
            write = conn.get_execution_options().get(_WRITE_OPTION, False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: committed on success, rolled back (nothing written) on any exception."""
        with self.engine.connect() as conn:
            conn.execution_options(**{_WRITE_OPTION: True})
            with Session(bind=conn, expire_on_commit=False) as session:
                try:
                    yield session
                    session.commit()
                except sa.exc.OperationalError as exc:
                    session.rollback()
                    if _is_contention(exc):
                        raise TryAgain("The service is busy right now and nothing was changed; please try again "
                                       "in a moment.") from exc
                    raise
                except BaseException:
                    session.rollback()
                    raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction (one consistent snapshot on SQLite WAL)."""
        with self.engine.connect() as conn, Session(bind=conn, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.rollback()

    def create_schema(self) -> None:
        """Migrate the database to the current schema (idempotent; safe on start-up, also with several
        processes starting at once on one PostgreSQL: see tools/schema.py)."""
        from tools.schema import migrate  # tools.schema imports this module for the lock

        migrate(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


SCHEMA_LOCK_KEY = 727_274_001  # one PostgreSQL advisory lock id for every start-up DDL of the service
SCHEMA_LOCK_TIMEOUT_S = 300.0


@contextmanager
def schema_lock(engine: Engine) -> Iterator[None]:
    """Serialise schema creation across processes that start at once on one PostgreSQL (two replicas behind a
    load balancer): concurrent CREATE TABLE, even IF NOT EXISTS, races on the system catalogue and fails one
    of them. A server-wide advisory lock makes the second wait and then find the tables. No-op on SQLite."""
    if engine.dialect.name != "postgresql":
        yield
        return
    # Polled with pg_try_advisory_lock, never a blocking pg_advisory_lock: a session blocked inside a statement
    # holds a snapshot, and the other process's CREATE INDEX CONCURRENTLY (LangGraph's checkpoint migrations)
    # would wait for it forever while it waits for the lock.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        deadline = time.monotonic() + SCHEMA_LOCK_TIMEOUT_S
        while not conn.execute(sa.text("SELECT pg_try_advisory_lock(:key)"), {"key": SCHEMA_LOCK_KEY}).scalar():
            if time.monotonic() > deadline:
                raise TimeoutError(f"another process held the schema lock for {SCHEMA_LOCK_TIMEOUT_S:.0f}s")
            time.sleep(0.1)
        try:
            yield
        finally:
            conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": SCHEMA_LOCK_KEY})


def _is_contention(exc: sa.exc.OperationalError) -> bool:
    """SQLite's busy timeout ran out, or PostgreSQL broke a deadlock / serialisation conflict."""
    text = str(exc.orig).lower()
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return "database is locked" in text or sqlstate in ("40001", "40P01", "55P03")


def insert_or_ignore(
    session: Session, table: sa.Table | type[DeclarativeBase], values: dict[str, Any] | list[dict[str, Any]]
) -> int:
    """`INSERT ... ON CONFLICT DO NOTHING` on either backend; returns how many rows were inserted.

    On PostgreSQL a concurrent insert of the same key waits for the other transaction and then does nothing,
    which is what makes lazy inventory rows and idempotency keys race-free.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement: Any = pg_insert(table).values(values).on_conflict_do_nothing()
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(table).values(values).on_conflict_do_nothing()
    result = session.execute(statement, execution_options={"preserve_rowcount": True})
    count = int(getattr(result, "rowcount", -1))
    if count < 0:
        raise RuntimeError("The database driver did not report how many rows were inserted.")
    return count


@dataclass(eq=False)
class DatedService:
    """What every domain service holds: the database it reads and writes, and the clock that says which day it
    is (in JST). A service adds the other services it needs as fields after these two."""

    db: Database
    clock: Clock
