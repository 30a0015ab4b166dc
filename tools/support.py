"""Support tickets: when the assistant cannot help, it opens a ticket a human picks up."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from tools.db import DatedService
from tools.errors import NotFound, parse_request
from tools.tables import MemberRow, TicketRow
from tools.validation import Id, LongText

TicketCategory = Literal["booking", "points", "order", "mobile", "account", "other"]


class Ticket(BaseModel):
    id: str
    member_id: str
    category: str
    summary: str
    status: str
    created_at: datetime


class _TicketArgs(BaseModel):
    member_id: Id
    category: TicketCategory
    summary: LongText


@dataclass(eq=False)
class SupportDesk(DatedService):
    """Support tickets a member opens through the assistant."""

    def open_ticket(self, member_id: str, category: str, summary: str) -> Ticket:
        args = parse_request(_TicketArgs, member_id=member_id, category=category, summary=summary)
        with self.db.write() as session:
            if session.get(MemberRow, args.member_id) is None:
                raise NotFound(f"No member with id '{args.member_id}'.")
            row = TicketRow(id="T" + secrets.token_hex(4).upper(), member_id=args.member_id, category=args.category,
                            summary=args.summary, status="open", created_at=self.clock.now())
            session.add(row)
            session.flush()
            return Ticket(id=row.id, member_id=row.member_id, category=row.category, summary=row.summary,
                          status=row.status, created_at=row.created_at)
