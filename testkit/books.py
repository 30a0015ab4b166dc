"""Consistency checks on the booking and points books, shared by the property tests and the load bench.

Why here: both must agree on what "consistent" means (no room night oversold or overfilled, each night's
taken count equal to its confirmed bookings, balances equal to the ledger sum), so it is written once.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tools.tables import BookingRow, LedgerEntryRow, RoomNightRow


def ledger_sums(session: Session) -> dict[str, int]:
    """member id -> the sum of that member's ledger entries (members without entries are absent)."""
    rows = session.execute(select(LedgerEntryRow.member_id, func.sum(LedgerEntryRow.points))
                           .group_by(LedgerEntryRow.member_id)).all()
    return {member_id: int(total) for member_id, total in rows}


def room_night_problems(session: Session) -> list[str]:
    """Every room night whose availability is out of range or disagrees with its confirmed bookings."""
    nights = session.execute(select(RoomNightRow.room_type_id, RoomNightRow.night, RoomNightRow.available,
                                    RoomNightRow.allotment)).all()
    confirmed = session.execute(select(BookingRow.room_type_id, BookingRow.check_in, BookingRow.check_out)
                                .where(BookingRow.status == "confirmed")).all()
    problems: list[str] = []
    for room, night, available, allotment in nights:
        taken = sum(1 for r, check_in, check_out in confirmed if r == room and check_in <= night < check_out)
        if available < 0 or available > allotment or allotment - available != taken:
            problems.append(f"{room} {night}: {available}/{allotment} left but {taken} confirmed bookings")
    return problems
