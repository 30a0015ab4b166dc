"""The database goes away in the middle of a booking (after the rooms and points rows were written, as the
booking row is inserted): the member gets a clean error, nothing is half-written, and the same request
retried with its idempotency key books exactly once.

On PostgreSQL the fault is real: the server terminates the booking's own connection. On SQLite the driver
raises the error an I/O failure would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from assistant.events import ToolResult
from assistant.runtime import build_runtime
from tests.fakes import ScriptedChatModel, call, say
from tests.security.conftest import canary_settings
from tests.security.harness import assert_booked_once, snapshot
from tests.security.world import ME, STAY, STAY_DAY, Arena, build_arena, open_services
from tools.services import Services

Fault = Callable[[Any, Any], None]


@contextmanager
def fault_on_booking_insert(services: Services, fault: Fault) -> Iterator[list[int]]:
    """Run `fault(connection, cursor)` once, just before the booking row is inserted."""
    fired: list[int] = []

    def before(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if not fired and statement.lstrip().upper().startswith("INSERT INTO BOOKINGS"):
            fired.append(1)
            fault(conn, cursor)

    event.listen(services.db.engine, "before_cursor_execute", before)
    try:
        yield fired
    finally:
        event.remove(services.db.engine, "before_cursor_execute", before)


def sqlite_io_error(conn: Any, cursor: Any) -> None:
    raise sa.exc.OperationalError("INSERT INTO bookings", {}, Exception("disk I/O error"))


def postgres_kill(admin_url: str) -> Fault:
    def kill(conn: Any, cursor: Any) -> None:
        pid = cursor.connection.info.backend_pid
        admin = sa.create_engine(admin_url)
        try:
            with admin.begin() as c:
                c.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        finally:
            admin.dispose()

    return kill


@pytest.fixture(params=["sqlite", "postgresql"])
def outage(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Arena, Fault]:
    if request.param == "postgresql":
        url = str(request.getfixturevalue("postgres_url"))
        return build_arena(url, tmp_path), postgres_kill(url)
    return build_arena(f"sqlite:///{tmp_path / 'outage.db'}", tmp_path), sqlite_io_error


def test_database_lost_mid_booking_writes_nothing_and_the_retry_books_once(outage: tuple[Arena, Fault],
                                                                         tmp_path: Path) -> None:
    arena, fault = outage
    model = ScriptedChatModel([call("book_hotel", dict(STAY)), say("Sorry, that did not work.")])
    runtime = build_runtime(canary_settings(tmp_path / "var"), model=model, services=open_services(arena),
                            with_index=False)
    try:
        services = runtime.services
        conversations = runtime.conversations
        thread = conversations.new_thread(ME)
        list(conversations.send(member_id=ME, thread_id=thread, text="book H0001"))
        before = snapshot(services, arena)

        with fault_on_booking_insert(services, fault) as fired:
            events = list(conversations.decide(member_id=ME, thread_id=thread, approve=True))
        assert fired, "the fault was injected"
        result = next(e for e in events if isinstance(e, ToolResult) and e.name == "book_hotel")
        assert not result.ok and "nothing was changed" in result.content
        assert "Traceback" not in result.content and "pg_terminate" not in result.content
        assert events[-1].answer == "Sorry, that did not work."  # type: ignore[union-attr]
        assert snapshot(services, arena) == before, "a half-written booking"

        # The database is back: the same request with the same idempotency key books exactly once.
        call_id = next(c.call_id for item in conversations.transcript(member_id=ME, thread_id=thread)
                       for c in item.tool_calls if c.name == "book_hotel")
        key = f"{thread}:{call_id}"
        args = dict(hotel_id="H0001", room_type_id="H0001-R1", check_in=STAY_DAY, nights=1)
        first = services.bookings.book(ME, idempotency_key=key, **args)  # type: ignore[arg-type]
        again = services.bookings.book(ME, idempotency_key=key, **args)  # type: ignore[arg-type]
        assert first.id == again.id
        assert_booked_once(services, before, snapshot(services, arena), first.points_earned)
    finally:
        runtime.close()
