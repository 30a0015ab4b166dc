"""The schema comes from Alembic migrations: a fresh database migrates to head with exactly the tables of the
one metadata, a second start changes nothing and keeps the rows, a database made by the old `create_all`
is adopted, and on PostgreSQL several processes starting at once on an empty database all succeed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from assistant.web.feedback import FeedbackStore
from assistant.web.sessions import SessionStore
from tools.db import Database, sqlite_url
from tools.schema import current_revision, head_revision, migrate
from tools.tables import Base, Meta

ADDED_LATER = {"pending_points"}  # tables created by revisions after the baseline (0002)


def _differences(engine: sa.Engine) -> list[object]:
    with engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def test_fresh_database_migrates_to_head_with_the_metadata_schema(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "fresh.db"))
    assert current_revision(db.engine) is None
    db.create_schema()
    assert current_revision(db.engine) == head_revision()
    assert _tables(db.engine) == set(Base.metadata.tables)
    assert {"answer_feedback", "web_sessions", "assistant_threads", "idempotency"} <= _tables(db.engine)
    assert _differences(db.engine) == [], "the migrations and tools/tables.py describe the same schema"
    db.dispose()


def test_second_start_is_a_no_op_and_keeps_the_rows(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "twice.db")
    first = Database(url)
    first.create_schema()
    with first.write() as session:
        session.add(Meta(key="kept", value="yes"))
    first.dispose()
    # The other stores of the same database start too, as app.py does.
    for store in (FeedbackStore(url), SessionStore(url, ttl_s=60)):
        store.create()
        store.close()
    second = Database(url)
    second.create_schema()
    assert current_revision(second.engine) == head_revision()
    with second.read() as session:
        assert session.get(Meta, "kept") is not None
    with second.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar() == 1
    second.dispose()


def test_database_made_by_create_all_is_adopted_without_losing_rows(tmp_path: Path) -> None:
    engine = sa.create_engine(sqlite_url(tmp_path / "old.db"))
    # How the schema was made before migrations: the tables of that time (later revisions add the rest).
    Base.metadata.create_all(engine, tables=[t for t in Base.metadata.sorted_tables if t.name not in ADDED_LATER])
    with engine.begin() as conn:
        conn.execute(sa.insert(Meta).values(key="seeded_on", value="2026-01-01"))
    migrate(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.execute(sa.select(Meta.value).where(Meta.key == "seeded_on")).scalar() == "2026-01-01"
    engine.dispose()


@pytest.mark.postgres
def test_postgres_processes_starting_at_once_all_migrate(postgres_url: str) -> None:
    databases = [Database(postgres_url, pool_size=1, max_overflow=1) for _ in range(4)]
    try:
        with ThreadPoolExecutor(len(databases)) as pool:
            list(pool.map(lambda db: db.create_schema(), databases))  # raises if any start failed
        engine = databases[0].engine
        assert current_revision(engine) == head_revision()
        assert _tables(engine) == set(Base.metadata.tables)
        assert _differences(engine) == []
        sessions = SessionStore(postgres_url, ttl_s=60)
        sessions.create()  # a store starting after the services finds the schema there
        session_id = sessions.open("M0001")
        assert sessions.member_for(session_id) == "M0001"
        sessions.close()
    finally:
        for db in databases:
            db.dispose()
