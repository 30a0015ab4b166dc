"""The member's own profile, read for the system prompt and for advice that needs their usage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tools.errors import NotFound
from tools.tables import MemberRow


@dataclass(frozen=True)
class MemberProfile:
    id: str
    name: str
    rank: str
    mobile_plan_id: str | None
    monthly_data_gb: float | None
    linked: dict[str, Any]


def member_profile(services: Any, member_id: str) -> MemberProfile:
    """The profile of `member_id` (the session's member); NotFound if the id is unknown."""
    with services.db.read() as session:
        row = session.get(MemberRow, member_id)
        if row is None:
            raise NotFound(f"No member with id '{member_id}'.")
        return MemberProfile(
            id=row.id,
            name=row.name,
            rank=row.rank,
            mobile_plan_id=row.mobile_plan_id,
            monthly_data_gb=row.monthly_data_gb,
            linked=dict(row.linked or {}),
        )
