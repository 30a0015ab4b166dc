"""Small helpers for driving Conversations in tests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from assistant.events import Notice, PendingAction, TextDelta, ToolCall, ToolResult, TurnEnd, TurnEvent


@dataclass
class Turn:
    events: list[TurnEvent]

    @property
    def end(self) -> TurnEnd:
        ends = [e for e in self.events if isinstance(e, TurnEnd)]
        assert len(ends) == 1, f"expected exactly one TurnEnd, got {len(ends)}"
        assert self.events[-1] is ends[0], "TurnEnd must be the last event"
        return ends[0]

    @property
    def answer(self) -> str:
        return self.end.answer

    @property
    def pending(self) -> PendingAction | None:
        return self.end.pending

    @property
    def tool_calls(self) -> list[ToolCall]:
        return [e for e in self.events if isinstance(e, ToolCall)]

    @property
    def results(self) -> list[ToolResult]:
        return [e for e in self.events if isinstance(e, ToolResult)]

    def result(self, name: str) -> ToolResult:
        found = [r for r in self.results if r.name == name]
        assert found, f"no {name} result in {[r.name for r in self.results]}"
        return found[-1]

    @property
    def notices(self) -> list[Notice]:
        return [e for e in self.events if isinstance(e, Notice)]

    @property
    def text(self) -> str:
        return "".join(e.text for e in self.events if isinstance(e, TextDelta))


def run(events: Iterable[TurnEvent], *, allow_errors: bool = False) -> Turn:
    turn = Turn(list(events))
    _ = turn.end
    if not allow_errors:
        errors = [n.text for n in turn.notices if n.level == "error"]
        assert not errors, f"the turn failed: {errors}"
    return turn


def row_counts(services: Any) -> dict[str, int]:
    from tools.tables import Base

    with services.db.read() as session:
        return {
            t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
            for t in Base.metadata.sorted_tables
        }


def balance(services: Any, member_id: str) -> int:
    return int(services.ledger.balance(member_id).total)


def bookings(services: Any, member_id: str) -> list[Any]:
    return list(services.bookings.bookings(member_id, upcoming_only=False).bookings)
