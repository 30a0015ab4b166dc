"""The member side panel (points balance, expiring points, upcoming bookings) and the demo member list.

Both read the domain services directly: the panel shows the ledger's truth, not what the model said.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from assistant.japanese_names import in_language
from assistant.web.auth import DemoMember
from assistant.web.cards import text, yen
from assistant.web.ui_text import Lang, plural, t

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


def _day(value: date, lang: Lang) -> str:
    return f"{value.month}月{value.day}日" if lang == "ja" else f"{value:%d %b}"


def member_panel(services: Any, member: DemoMember | None, lang: Lang = "en") -> str:
    """HTML for the side panel: the balance with pending and expiring points, then upcoming stays."""
    if member is None:
        return f'<div class="ma-panel"><div class="ma-panel-empty">{t(lang, "panel_sign_in")}</div></div>'
    parts = ['<div class="ma-panel">', f'<div class="ma-panel-member">{text(member.name)}'
             f'<span class="ma-rank">{text(member.rank)}</span></div>']
    try:
        balance = services.ledger.balance(member.id)
        parts.append(
            f'<div class="ma-balance"><div class="ma-balance-label">{t(lang, "balance")}</div>'
            f'<div class="ma-balance-value" id="ma-balance-value">'
            f'{t(lang, "balance_short", n=f"{int(balance.total):,}")}</div></div>'
        )
        pending = int(getattr(balance, "pending_total", 0) or 0)
        if pending:
            parts.append(f'<div class="ma-pending-points">{t(lang, "pending_points", n=f"{pending:,}")}</div>')
        if balance.expiring_soon_total:
            soonest = balance.expiring_soon[0].expires_on if balance.expiring_soon else None
            when = t(lang, "expiring_first", day=_day(soonest, lang)) if soonest else ""
            parts.append(f'<div class="ma-expiring">'
                         f'{text(t(lang, "expiring", n=f"{int(balance.expiring_soon_total):,}", when=when))}</div>')
    except Exception:  # the panel must never break the chat; the chat can still answer
        log.exception("points balance unavailable for the side panel")
        parts.append(f'<div class="ma-panel-error">{t(lang, "balance_unavailable")}</div>')
    try:
        bookings = _booking_book(services).bookings(member.id, upcoming_only=True).bookings
        parts.append(f'<div class="ma-section">{t(lang, "upcoming")}</div>')
        if not bookings:
            parts.append(f'<div class="ma-panel-empty">{t(lang, "no_upcoming")}</div>')
        for booking in bookings[:6]:
            nights = t(lang, "nights", n=booking.nights, s=plural(booking.nights))
            parts.append(
                f'<div class="ma-booking"><div class="ma-booking-name">{text(_hotel_name(services, booking, lang))}'
                f'</div><div class="ma-booking-meta">{_day(booking.check_in, lang)} → {_day(booking.check_out, lang)}'
                f" · {nights} · {yen(booking.total_jpy)}</div>"
                f'<div class="ma-booking-id">{text(booking.id)}</div></div>'
            )
    except Exception:
        log.exception("bookings unavailable for the side panel")
        parts.append(f'<div class="ma-panel-error">{t(lang, "bookings_unavailable")}</div>')
    parts.append("</div>")
    return "".join(parts)


def balance_chip(services: Any, member: DemoMember | None, lang: Lang = "en") -> str:
    """The balance at the top of the page (shown at phone width, where the side panel is below the chat)."""
    if member is None:
        return ""
    try:
        total = int(services.ledger.balance(member.id).total)
    except Exception:
        log.exception("points balance unavailable for the top bar")
        return ""
    return (f'<div class="ma-chip"><span class="ma-chip-label">{t(lang, "balance")}</span> '
            f'<span class="ma-chip-value" id="ma-chip-value">{t(lang, "balance_short", n=f"{total:,}")}</span></div>')


def _hotel_name(services: Any, booking: Any, lang: Lang) -> str:
    """The booked hotel's name as a card shows it (`japanese_names.in_language` over the data's siblings)."""
    names: dict[str, Any] = {"name": booking.hotel_name}
    if lang == "ja":
        from assistant.web.names import japanese_hotel

        names.update(japanese_hotel(services, str(getattr(booking, "hotel_id", ""))))
    return str(in_language(names, "name", lang))
