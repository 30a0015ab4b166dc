"""A process killed with SIGKILL in the middle of a booking (rooms taken and points written, the booking row
about to be inserted) or right after it committed: after a restart the booking either fully exists or not
at all, and retrying with the same idempotency key books exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.kill import kill_at_flag
from tests.security.harness import Snapshot, assert_booked_once, snapshot
from tests.security.world import ME, STAY_DAY, Arena, build_arena, open_services

KEY = "crash-test-key"

WORKER = """
import sys, time
from pathlib import Path
from sqlalchemy import event
from tests.security.world import ME, STAY_DAY
from testkit.factories import TODAY
from tools.services import build_services

url, when, flag = sys.argv[1], sys.argv[2], Path(sys.argv[3])
services = build_services(url, None, today=TODAY)

def before(conn, cursor, statement, *args):
    if when == "mid" and statement.lstrip().upper().startswith("INSERT INTO BOOKINGS"):
        flag.write_text("mid")
        time.sleep(120)  # killed here, inside the open transaction

event.listen(services.db.engine, "before_cursor_execute", before)
booking = services.bookings.book(ME, "H0001", "H0001-R1", STAY_DAY, nights=2, idempotency_key=sys.argv[4])
flag.write_text("committed " + booking.id)
time.sleep(120)  # killed here, after the commit, before anyone was told
"""


def kill_during_booking(url: str, when: str, tmp_path: Path) -> str:
    flag = tmp_path / f"flag-{when}"
    return kill_at_flag(WORKER, [url, when, str(flag), KEY], flag, timeout_s=90)


@pytest.fixture(params=["sqlite", "postgresql"])
def crash_arena(request: pytest.FixtureRequest, tmp_path: Path) -> Arena:
    if request.param == "postgresql":
        return build_arena(str(request.getfixturevalue("postgres_url")), tmp_path)
    return build_arena(f"sqlite:///{tmp_path / 'crash.db'}", tmp_path)


def snapshot_now(arena: Arena) -> Snapshot:
    """The arena's rows and balances, read through services opened and closed for it."""
    services = open_services(arena)
    try:
        return snapshot(services, arena)
    finally:
        services.close()


def test_killed_mid_booking_leaves_no_trace_and_the_retry_books_once(crash_arena: Arena, tmp_path: Path) -> None:
    before = snapshot_now(crash_arena)

    assert kill_during_booking(crash_arena.url, "mid", tmp_path) == "mid"

    services = open_services(crash_arena)  # "after restart"
    try:
        assert snapshot(services, crash_arena) == before, "a half-written booking survived the crash"
        booking = services.bookings.book(ME, "H0001", "H0001-R1", STAY_DAY, nights=2, idempotency_key=KEY)
        again = services.bookings.book(ME, "H0001", "H0001-R1", STAY_DAY, nights=2, idempotency_key=KEY)
        assert booking.id == again.id
        assert_booked_once(services, before, snapshot(services, crash_arena), booking.points_earned)
    finally:
        services.close()


def test_killed_right_after_commit_keeps_the_whole_booking(crash_arena: Arena, tmp_path: Path) -> None:
    before = snapshot_now(crash_arena)

    flag = kill_during_booking(crash_arena.url, "after", tmp_path)
    booking_id = flag.removeprefix("committed ")

    services = open_services(crash_arena)
    try:
        after = snapshot(services, crash_arena)
        mine = {b.id: b for b in services.bookings.bookings(ME).bookings}
        assert booking_id in mine and mine[booking_id].nights == 2
        assert_booked_once(services, before, after, mine[booking_id].points_earned)
        assert after.room_nights_available == before.room_nights_available - 2 + (after.counts["room_nights"]
                                                                                 - before.counts["room_nights"]) * 5
        # The client never heard back and retries with the same key: the same booking, not a second one.
        retried = services.bookings.book(ME, "H0001", "H0001-R1", STAY_DAY, nights=2, idempotency_key=KEY)
        assert retried.id == booking_id
        assert snapshot(services, crash_arena).counts == after.counts
    finally:
        services.close()
