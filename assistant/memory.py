"""Conversation memory: the LangGraph checkpointer (every turn's state, pending confirmations included) and
the `assistant_threads` table that says which member owns which thread.

SQLite in the data folder by default (`conversations.db`, WAL mode, its own file so chat checkpoints never
contend with booking transactions); PostgreSQL (`PostgresSaver` on a connection pool) when DATABASE_URL is
PostgreSQL. A restart opens the same store, so a conversation resumes where it stopped.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from langgraph.checkpoint.base import BaseCheckpointSaver

from tools.db import schema_lock
from tools.schema import migrate
from tools.tables import assistant_threads as threads_table


@dataclass(frozen=True)
class ThreadInfo:
    """A conversation as listed to its member."""

    id: str
    title: str
    updated_at: datetime


def _is_postgres(url: str) -> bool:
    return url.startswith(("postgresql", "postgres:"))


def _libpq_url(url: str) -> str:
    """SQLAlchemy's `postgresql+psycopg://` -> the plain URI libpq understands."""
    scheme, rest = url.split("://", 1)
    return f"postgresql://{rest}" if scheme.startswith("postgres") else url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL without an fsync per commit: a title or timestamp lost in a power cut is harmless.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class ThreadRegistry:
    """thread id -> member, title and last activity. The only place that decides who owns a thread."""

    def __init__(self, url: str) -> None:
        self.engine = sa.create_engine(url, pool_pre_ping=True)
        if url.startswith("sqlite"):
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        migrate(self.engine)  # several app processes may start at once: see tools/schema.py

    def create(self, member_id: str, title: str = "") -> str:
        thread_id = f"T{uuid.uuid4().hex[:16]}"
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(
                threads_table.insert().values(
                    thread_id=thread_id, member_id=member_id, title=title[:200], created_at=now, updated_at=now
                )
            )
        return thread_id

    def adopt(self, thread_id: str, member_id: str) -> bool:
        """Register a caller-chosen thread id for `member_id`; False if another member already owns it."""
        owner = self.owner(thread_id)
        if owner is not None:
            return owner == member_id
        now = datetime.now(UTC)
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    threads_table.insert().values(
                        thread_id=thread_id, member_id=member_id, title="", created_at=now, updated_at=now
                    )
                )
        except sa.exc.IntegrityError:
            return self.owner(thread_id) == member_id
        return True

    def owner(self, thread_id: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(threads_table.c.member_id).where(threads_table.c.thread_id == thread_id)
            ).first()
        return row[0] if row else None

    def touch(self, thread_id: str, title: str | None = None) -> None:
        values: dict[str, Any] = {"updated_at": datetime.now(UTC)}
        with self.engine.begin() as conn:
            if title:
                # Only the first message names the thread.
                conn.execute(
                    threads_table.update()
                    .where(threads_table.c.thread_id == thread_id, threads_table.c.title == "")
                    .values(title=title[:200])
                )
            conn.execute(threads_table.update().where(threads_table.c.thread_id == thread_id).values(**values))

    def list(self, member_id: str, limit: int = 50) -> list[ThreadInfo]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(threads_table.c.thread_id, threads_table.c.title, threads_table.c.updated_at)
                .where(threads_table.c.member_id == member_id)
                .order_by(threads_table.c.updated_at.desc())
                .limit(limit)
            ).all()
        return [ThreadInfo(id=r[0], title=r[1], updated_at=r[2]) for r in rows]

    def close(self) -> None:
        self.engine.dispose()


class ConversationMemory:
    """The checkpointer the agent writes through plus the thread registry; `close()` releases both."""

    def __init__(self, checkpointer: BaseCheckpointSaver[Any], threads: ThreadRegistry, closer: Any) -> None:
        self.checkpointer = checkpointer
        self.threads = threads
        self._closer = closer

    def close(self) -> None:
        self.threads.close()
        self._closer()


def open_memory(*, data_dir: Path, database_url: str | None) -> ConversationMemory:
    """PostgreSQL when `database_url` is PostgreSQL, else SQLite at `data_dir/conversations.db`."""
    if database_url and _is_postgres(database_url):
        return _open_postgres(database_url)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "conversations.db"
    from langgraph.checkpoint.sqlite import SqliteSaver

    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    saver = SqliteSaver(conn)
    saver.setup()
    threads = ThreadRegistry(f"sqlite:///{path}")
    return ConversationMemory(saver, threads, conn.close)


def _open_postgres(database_url: str) -> ConversationMemory:
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool

    pool: ConnectionPool[Any] = ConnectionPool(
        _libpq_url(database_url),
        min_size=1,
        max_size=8,
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        open=True,
    )
    saver = PostgresSaver(pool)
    sa_url = (
        database_url if "+psycopg" in database_url else database_url.replace("postgresql://", "postgresql+psycopg://")
    )
    threads = ThreadRegistry(sa_url)
    with schema_lock(threads.engine):  # the checkpoint migrations race too when replicas start together
        saver.setup()
    return ConversationMemory(saver, threads, pool.close)
