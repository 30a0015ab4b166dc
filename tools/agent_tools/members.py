"""The member's own profile, read for the system prompt and for advice that needs their usage."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from tools.errors import NotFound
from tools.tables import MemberRow

if TYPE_CHECKING:
    from tools.services import Services


@dataclass(frozen=True)
class MemberProfile:
    """The member row's columns of the same names (`linked` as a plain dict)."""

    id: str
    name: str
    rank: str
    mobile_plan_id: str | None
    monthly_data_gb: float | None
    linked: dict[str, Any]


def member_profile(services: Services, member_id: str) -> MemberProfile:
    """The profile of `member_id` (the session's member); NotFound if the id is unknown."""
    with services.db.read() as session:
        row = session.get(MemberRow, member_id)
        if row is None:
            raise NotFound(f"No member with id '{member_id}'.")
        columns = {field.name: getattr(row, field.name) for field in fields(MemberProfile)}
        return MemberProfile(**{**columns, "linked": dict(row.linked or {})})
