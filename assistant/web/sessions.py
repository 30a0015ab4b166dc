"""Server-side browser sessions: what a member token or member key is exchanged for.

The browser holds only an opaque random id in an HttpOnly cookie; the member it stands for lives here, in
the app's database (so a restart or a second app process behind the same database keeps it). Only the
id's SHA-256 is stored, so a leaked table cannot be replayed as cookies. Sessions expire server-side.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from assistant.web.store_engine import store_engine
from tools.schema import migrate
from tools.tables import web_sessions as session_table

COOKIE_NAME = "ma_session"
MAX_COOKIE_CHARS = 200



def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)  # SQLite drops the zone


class SessionStore:
    """Opens, resolves and ends member sessions through its own SQLAlchemy engine."""

    def __init__(self, url: str, ttl_s: int) -> None:
        self._engine = store_engine(url)
        self.ttl_s = ttl_s

    def create(self) -> None:
        migrate(self._engine)  # several app processes may start at once: see tools/schema.py

    def open(self, member_id: str) -> str:
        """A new session for the member; returns the id to put in the cookie (never stored as such)."""
        session_id = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self._engine.begin() as db:
            db.execute(session_table.delete().where(session_table.c.expires_at < now))
            db.execute(session_table.insert().values(
                id_hash=_hash(session_id), member_id=member_id, created_at=now,
                expires_at=now + timedelta(seconds=self.ttl_s),
            ))
        return session_id

    def member_for(self, session_id: str | None) -> str | None:
        """The member of a live session, or None for a missing, unknown or expired id."""
        if not session_id or len(session_id) > MAX_COOKIE_CHARS:
            return None
        with self._engine.connect() as db:
            row = db.execute(sa.select(session_table.c.member_id, session_table.c.expires_at)
                             .where(session_table.c.id_hash == _hash(session_id))).first()
        if row is None or _aware(row.expires_at) <= datetime.now(UTC):
            return None
        return str(row.member_id)

    def end(self, session_id: str | None) -> None:
        if session_id and len(session_id) <= MAX_COOKIE_CHARS:
            with self._engine.begin() as db:
                db.execute(session_table.delete().where(session_table.c.id_hash == _hash(session_id)))

    def close(self) -> None:
        self._engine.dispose()
