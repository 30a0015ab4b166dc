"""Thumbs up / down and an optional comment on an answer: the voice of the customer that QA reads.

One row per (member, thread, turn): a later vote or comment on the same answer updates it, so a member
changing their mind leaves one opinion, not two. The table is declared with the rest of the schema
(tools/tables.py) and migrated at start-up in the same database as everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import sqlalchemy as sa

from assistant.web.store_engine import store_engine
from tools.schema import migrate
from tools.tables import answer_feedback as feedback_table

Rating = Literal["up", "down"]
Source = Literal["ui", "api"]
MAX_COMMENT_CHARS = 2000



@dataclass(frozen=True)
class FeedbackRecord:
    member_id: str
    thread_id: str
    turn: int
    rating: Rating | None
    comment: str | None
    answer_excerpt: str | None
    model: str | None
    source: str


class FeedbackStore:
    """Reads and writes answer feedback through its own SQLAlchemy engine."""

    def __init__(self, url: str) -> None:
        self._engine = store_engine(url)

    def create(self) -> None:
        migrate(self._engine)  # several app processes may start at once: see tools/schema.py

    def ping(self) -> bool:
        """True when the database answers (for /healthz)."""
        try:
            with self._engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
            return True
        except sa.exc.SQLAlchemyError:
            return False

    def record(
        self,
        *,
        member_id: str,
        thread_id: str,
        turn: int,
        rating: Rating | None,
        comment: str | None = None,
        answer_excerpt: str | None = None,
        model: str | None = None,
        source: Source = "ui",
    ) -> FeedbackRecord:
        """Store the member's opinion of one answer; None fields keep what was there before."""
        if comment is not None:
            comment = comment.strip()[:MAX_COMMENT_CHARS] or None
        excerpt = answer_excerpt[:300] if answer_excerpt else None
        now = datetime.now(UTC)
        key = (
            (feedback_table.c.member_id == member_id)
            & (feedback_table.c.thread_id == thread_id)
            & (feedback_table.c.turn == turn)
        )
        with self._engine.begin() as conn:
            row = conn.execute(sa.select(feedback_table).where(key)).mappings().first()
            if row is None:
                conn.execute(
                    feedback_table.insert().values(
                        member_id=member_id, thread_id=thread_id, turn=turn, rating=rating, comment=comment,
                        answer_excerpt=excerpt, model=model, source=source, created_at=now, updated_at=now,
                    )
                )
            else:
                changes: dict[str, object] = {"updated_at": now, "source": source}
                if rating is not None:
                    changes["rating"] = rating
                if comment is not None:
                    changes["comment"] = comment
                if excerpt:
                    changes["answer_excerpt"] = excerpt
                conn.execute(feedback_table.update().where(key).values(**changes))
        found = self.for_thread(member_id=member_id, thread_id=thread_id)
        return next(item for item in found if item.turn == turn)

    def for_thread(self, *, member_id: str, thread_id: str) -> list[FeedbackRecord]:
        query = (
            sa.select(feedback_table)
            .where((feedback_table.c.member_id == member_id) & (feedback_table.c.thread_id == thread_id))
            .order_by(feedback_table.c.turn)
        )
        return self._records(query)

    def all(self, limit: int = 1000) -> list[FeedbackRecord]:
        """The latest feedback first (what the QA tab reads)."""
        query = sa.select(feedback_table).order_by(feedback_table.c.updated_at.desc()).limit(limit)
        return self._records(query)

    def _records(self, query: sa.Select[Any]) -> list[FeedbackRecord]:
        with self._engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            FeedbackRecord(
                member_id=row["member_id"], thread_id=row["thread_id"], turn=row["turn"], rating=row["rating"],
                comment=row["comment"], answer_excerpt=row["answer_excerpt"], model=row["model"],
                source=row["source"],
            )
            for row in rows
        ]

    def close(self) -> None:
        self._engine.dispose()
