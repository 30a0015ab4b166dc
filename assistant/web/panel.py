"""The member side panel (points balance, expiring points, upcoming bookings) and the demo member list.

Both read the domain services directly: the panel shows the ledger's truth, not what the model said.
"""

from __future__ import annotations

import logging
from typing import Any

from assistant.web.auth import DemoMember
from assistant.web.cards import text, yen

log = logging.getLogger("assistant.web")

DEMO_MEMBER_LIMIT = 50


def demo_members(services: Any) -> list[DemoMember]:
    """The members the demo can sign in as, from the member directory (first `DEMO_MEMBER_LIMIT` by id)."""
    members = getattr(services, "members", None)
    for method in ("demo_members", "list", "all"):
        fn = getattr(members, method, None)
        if callable(fn):
            rows = fn()
            return [_member(row) for row in list(rows)[:DEMO_MEMBER_LIMIT]]
    import sqlalchemy as sa

    from tools.tables import MemberRow

    with services.db.read() as session:
        rows = session.execute(sa.select(MemberRow).order_by(MemberRow.id).limit(DEMO_MEMBER_LIMIT)).scalars()
        return [DemoMember(id=row.id, name=row.name, rank=row.rank) for row in rows]


def member_exists(services: Any, member_id: str) -> bool:
    """Whether the member directory knows this id (any member, not only the demo list)."""
    db = getattr(services, "db", None)
    if db is None:  # a directory without a database (test fakes): the demo list is all there is
        return any(member.id == member_id for member in demo_members(services))
    from tools.tables import MemberRow

    with db.read() as session:
        return session.get(MemberRow, member_id) is not None


def _member(row: Any) -> DemoMember:
    get = row.get if isinstance(row, dict) else lambda key, default="": getattr(row, key, default)
    return DemoMember(id=str(get("id", "")), name=str(get("name", "")), rank=str(get("rank", "") or ""))


def _booking_book(services: Any) -> Any:
    """`Services.bookings` (HotelBookings) where it exists; older shapes kept bookings on `hotels`."""
    source = getattr(services, "bookings", None)
    return source if callable(getattr(source, "bookings", None)) else services.hotels


def member_panel(services: Any, member: DemoMember | None) -> str:
    """HTML for the side panel: the balance with expiring points highlighted, then upcoming stays."""
    if member is None:
        return '<div class="ma-panel"><div class="ma-panel-empty">Sign in to see your points and bookings.</div></div>'
    parts = ['<div class="ma-panel">', f'<div class="ma-panel-member">{text(member.name)}'
             f'<span class="ma-rank">{text(member.rank)}</span></div>']
    try:
        balance = services.ledger.balance(member.id)
        parts.append(
            f'<div class="ma-balance"><div class="ma-balance-label">Points balance</div>'
            f'<div class="ma-balance-value" id="ma-balance-value">{int(balance.total):,} pts</div></div>'
        )
        if balance.expiring_soon_total:
            soonest = balance.expiring_soon[0].expires_on if balance.expiring_soon else None
            when = f" (first on {soonest:%d %b})" if soonest else ""
            parts.append(f'<div class="ma-expiring">Expiring soon: {int(balance.expiring_soon_total):,} pts '
                         f"within 30 days{text(when)}</div>")
    except Exception:  # the panel must never break the chat; the chat can still answer
        log.exception("points balance unavailable for the side panel")
        parts.append('<div class="ma-panel-error">Points balance unavailable right now.</div>')
    try:
        bookings = _booking_book(services).bookings(member.id, upcoming_only=True).bookings
        parts.append('<div class="ma-section">Upcoming stays</div>')
        if not bookings:
            parts.append('<div class="ma-panel-empty">No upcoming stays.</div>')
        for booking in bookings[:6]:
            parts.append(
                f'<div class="ma-booking"><div class="ma-booking-name">{text(booking.hotel_name)}</div>'
                f'<div class="ma-booking-meta">{booking.check_in:%d %b} → {booking.check_out:%d %b} · '
                f"{booking.nights} night{'s' if booking.nights != 1 else ''} · {yen(booking.total_jpy)}</div>"
                f'<div class="ma-booking-id">{text(booking.id)}</div></div>'
            )
    except Exception:
        log.exception("bookings unavailable for the side panel")
        parts.append('<div class="ma-panel-error">Bookings unavailable right now.</div>')
    parts.append("</div>")
    return "".join(parts)
