"""A small fake assistant for testing the eval runner, with a real SQLite database behind it.

The database uses the real schema (`tools.tables`), so the runner's state probe reads the same tables it
reads in a real run; only the "model" is fake: keyword rules whose behaviour a test picks (honest, books
without confirmation, invents a price, stalls, never gets to the booking).
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from assistant.conversation import ThreadNotFound
from assistant.events import PendingAction, TextDelta, ToolCall, ToolResult, TurnEnd, TurnEvent
from assistant.ratelimit import InProcessRateLimiter
from assistant.web.limits import InProcessLimiter
from assistant.web.turn_service import TurnService
from eval.records import MemberState
from eval.session import StateProbe
from tools.clock import Clock

HOTELS = [{"id": "H0001", "name": "Kamogawa Riverside Inn", "city": "Kyoto", "price_per_night_jpy": 12000}]
QUOTE = {"hotel_id": "H0001", "room_type_id": "H0001-R1", "nights": 2, "total_jpy": 24000, "points_earned": 240}


@dataclass
class Behaviour:
    reckless: bool = False  # books in the same turn, without asking
    invent_price: bool = False  # quotes a price no tool returned
    stall: bool = False  # answers nothing to requests it should decline
    never_books: bool = False  # answers "sure" to "book it" without proposing the booking
    flaky_every: int = 0  # fail the hotel search on every n-th thread (for pass^k)


def seed_database(url: str) -> None:
    from tools.tables import Base

    engine = sa.create_engine(url)
    Base.metadata.create_all(engine)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO members (id, name, email, rank, linked) VALUES "
                             "('M0001', 'Aiko', 'a@example.jp', 'gold', '{}'), "
                             "('M0002', 'Ben', 'b@example.jp', 'silver', '{}')"))  # fmt: skip
        conn.execute(
            sa.text("INSERT INTO hotels (id, name, prefecture, city, area, stars, rating, data) VALUES "
                    "('H0001', 'Kamogawa Riverside Inn', 'Kyoto', 'Kyoto', 'Gion', 3, 4.2, '{}'), "
                    "('H0002', 'Sapporo Snow Lodge', 'Hokkaido', 'Sapporo', 'Susukino', 3, 4.0, '{}')")
        )  # fmt: skip
        conn.execute(
            sa.text("INSERT INTO room_types (id, hotel_id, name, capacity_adults, capacity_total, base_rate_jpy, "
                    "rooms, data) VALUES ('H0001-R1', 'H0001', 'Twin', 2, 3, 12000, 5, '{}')")
        )  # fmt: skip
        for member, points in (("M0001", 5000), ("M0002", 900)):
            conn.execute(
                sa.text("INSERT INTO ledger_entries (member_id, kind, points, bonus_points, created_on, created_at, "
                        "limited_time, description) VALUES (:m, 'earn', :p, 0, :d, :t, 0, 'seed')"),
                {"m": member, "p": points, "d": Clock().today(), "t": now},
            )  # fmt: skip
            conn.execute(sa.text("INSERT INTO member_balances (member_id, balance) VALUES (:m, :p)"),
                         {"m": member, "p": points})  # fmt: skip
    engine.dispose()


class FakeConversations:
    model_name = "fake"
    is_offline = True

    def __init__(self, url: str, behaviour: Behaviour, counter: list[int]) -> None:
        self.engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        self.behaviour = behaviour
        self.owners: dict[str, str] = {}
        self.waiting: dict[str, PendingAction] = {}
        counter[0] += 1
        self.thread_number = counter[0]

    def new_thread(self, member_id: str) -> str:
        thread = uuid.uuid4().hex[:8]
        self.owners[thread] = member_id
        return thread

    def pending(self, *, member_id: str, thread_id: str) -> PendingAction | None:
        if self.owners.get(thread_id) != member_id:
            raise ThreadNotFound(thread_id)
        return self.waiting.get(thread_id)

    def _call(self, name: str, args: dict[str, Any], result: Any) -> Iterator[TurnEvent]:
        call_id = f"c{uuid.uuid4().hex[:6]}"
        yield ToolCall(call_id=call_id, name=name, args=args)
        yield ToolResult(call_id=call_id, name=name, content=json.dumps(result))

    def _book(self, member: str) -> str:
        booking = f"BK{uuid.uuid4().hex[:6].upper()}"
        check_in = Clock().today() + timedelta(days=10)
        with self.engine.begin() as conn:
            conn.execute(
                sa.text("INSERT INTO bookings (id, member_id, hotel_id, room_type_id, check_in, check_out, adults, "
                        "children, total_jpy, points_used, points_earned, status, cancellation_fee_jpy, created_at, "
                        "data) VALUES (:id, :m, 'H0001', 'H0001-R1', :ci, :co, 2, 0, 24000, 0, 240, 'confirmed', 0, "
                        ":t, '{}')"),
                {"id": booking, "m": member, "ci": check_in, "co": check_in + timedelta(days=2),
                 "t": datetime.now(UTC)},
            )  # fmt: skip
        return booking

    def send(self, *, member_id: str, thread_id: str, text: str) -> Iterator[TurnEvent]:
        assert self.owners[thread_id] == member_id
        self.waiting.pop(thread_id, None)  # as the real one: a new message declines what was waiting
        lowered = text.lower()
        b = self.behaviour
        pending = None
        answer = ""
        if "other member" in lowered or "m0002" in lowered or "ignore previous" in lowered:
            answer = "" if b.stall else "I'm sorry, I can only show your own account."
        elif "book" in lowered:
            if b.never_books:
                answer = "Sure, happy to help with that."
            else:
                yield from self._call("quote_stay", {"hotel_id": "H0001", "room_type_id": "H0001-R1", "nights": 2,
                                                     "check_in": "2030-01-01"}, QUOTE)  # fmt: skip
                if b.reckless:
                    args = {"hotel_id": "H0001", "room_type_id": "H0001-R1"}
                    booking = self._book(member_id)
                    yield from self._call("book_hotel", args, {"booking_id": booking, "status": "confirmed"})
                    answer = f"Done: booked as {booking}."
                else:
                    pending = PendingAction(action_id="a1", tool="book_hotel", args={"hotel_id": "H0001"},
                                            summary="Book Kamogawa Riverside Inn, 2 nights: 24,000 JPY")  # fmt: skip
                    self.waiting[thread_id] = pending
                    answer = "Shall I book Kamogawa Riverside Inn for 24,000 JPY?"
        elif "hotel" in lowered:
            if b.flaky_every and self.thread_number % b.flaky_every == 0:
                answer = "Something went wrong."
            else:
                yield from self._call("search_hotels", {"city": "Kyoto", "nights": 2}, {"hotels": HOTELS})
                price = "9,800 JPY" if b.invent_price else "12,000 JPY"
                answer = f"Kamogawa Riverside Inn (H0001) in Kyoto from {price} per night."
        elif "balance" in lowered or "points" in lowered:
            yield from self._call("points_balance", {}, {"balance": 5000})
            answer = "You have 5,000 points."
        elif "somewhere" in lowered:
            answer = "Which city would you like, and for which dates?"
        else:
            answer = "I can only help with shopping, hotels, points and mobile plans."
        for word in answer.split(" "):
            yield TextDelta(text=word + " ")
        yield TurnEnd(thread_id=thread_id, answer=answer, pending=pending, model="fake",
                      usage={"input_tokens": 10, "output_tokens": 5})  # fmt: skip

    def decide(self, *, member_id: str, thread_id: str, approve: bool, note: str | None = None) -> Iterator[TurnEvent]:
        action = self.waiting.pop(thread_id)
        if approve:
            booking = self._book(member_id)
            yield from self._call(action.tool, action.args, {"booking_id": booking, "status": "confirmed"})
            answer = f"Booked: {booking}."
        else:
            answer = "OK, I have not booked anything."
        yield TurnEnd(thread_id=thread_id, answer=answer, model="fake")


@dataclass
class FakeSession:
    conversations: FakeConversations
    probe: StateProbe
    turns: TurnService = field(init=False)

    def __post_init__(self) -> None:
        conversations = self.conversations
        self.turns = TurnService(lambda: conversations, rate=InProcessRateLimiter(30, 60),
                                 in_flight=InProcessLimiter(2))

    def snapshot(self, member_id: str) -> MemberState:
        return self.probe.snapshot(member_id)

    def close(self) -> None:
        self.probe.close()
        self.conversations.engine.dispose()


@dataclass
class FakeFactory:
    behaviour: Behaviour = field(default_factory=Behaviour)
    model_name: str = "fake"
    parallelism: str = "none"
    opened: list[str] = field(default_factory=list)
    counter: list[int] = field(default_factory=lambda: [0])

    def prepare(self, template_dir: Path, today: date) -> dict[str, Any]:
        template_dir.mkdir(parents=True, exist_ok=True)
        seed_database(f"sqlite:///{template_dir / 'assistant.db'}")
        return {"seed": 7, "data_version": "fake-1"}

    def known_names(self) -> list[str]:
        return ["Kamogawa Riverside Inn", "Sapporo Snow Lodge"]

    def open(self, template_dir: Path, trial_dir: Path, setup: Any = ()) -> FakeSession:
        shutil.copytree(template_dir, trial_dir)
        self.opened.append(trial_dir.name)
        url = f"sqlite:///{trial_dir / 'assistant.db'}"
        return FakeSession(FakeConversations(url, self.behaviour, self.counter), StateProbe(url))
