"""A stand-in runtime for the web tests until (and alongside) the real agent: it yields the same
`assistant.events` a real turn does, pauses bookings for approval, and books into an in-memory ledger
so the side panel visibly changes. The real-runtime tests use `assistant.runtime.build_runtime`.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from assistant.conversation import NothingPending, ThreadNotFound, TranscriptItem
from assistant.events import PendingAction, TextDelta, ToolCall, ToolResult, TurnEnd, TurnEvent
from assistant.settings import Settings
from tools.clock import Clock

HOTELS = [
    {"id": "H0001", "name": "Hakone Mist Ryokan", "area": "Hakone", "price_per_night_jpy": 18000, "rating": 4.6,
     "points_earned": 360, "reason": "Private onsen & kaiseki dinner"},
    {"id": "H0002", "name": "Ashinoko <b>Lake</b> Inn ![x](http://evil.example/x.png)", "area": "Hakone",
     "price_per_night_jpy": 12500, "rating": 4.2, "points_earned": 250, "reason": "Lake view, shared onsen"},
]
PRODUCTS = [
    {"id": "P000101", "title": "StrideBuds Run wireless earbuds", "shop_name": "Sound Shop", "price_jpy": 9800,
     "rating": 4.4, "points_earned": 98, "reason": "Sweat-proof, secure ear hooks"},
    {"id": "P000102", "title": "AirPace Sport earbuds", "shop_name": "Run Gear", "price_jpy": 12800,
     "rating": 4.1, "points_earned": 384, "reason": "10x points at this shop"},
]


@dataclass
class Balance:
    member_id: str
    total: int
    expiring_soon_total: int
    expiring_soon: list[Any]
    limited_time_total: int = 0
    as_of: date = field(default_factory=lambda: Clock().today())


@dataclass
class Bucket:
    expires_on: date
    points: int
    limited_time: bool = False


@dataclass
class Booking:
    id: str
    hotel_name: str
    check_in: date
    check_out: date
    nights: int
    total_jpy: int


@dataclass
class BookingList:
    member_id: str
    bookings: list[Booking]


class FakeLedger:
    def __init__(self) -> None:
        self.points = {"M0001": 1200, "M0002": 50}

    def balance(self, member_id: str) -> Balance:
        soon = [Bucket(Clock().today() + timedelta(days=12), 300)] if member_id == "M0001" else []
        return Balance(member_id, self.points[member_id], sum(b.points for b in soon), soon)


class FakeHotels:
    def __init__(self) -> None:
        self.booked: dict[str, list[Booking]] = {}

    def bookings(self, member_id: str, upcoming_only: bool = True) -> BookingList:
        return BookingList(member_id, list(self.booked.get(member_id, [])))


class FakeMembers:
    def list(self) -> list[dict[str, str]]:
        return [{"id": "M0001", "name": "Aiko Tanaka", "rank": "gold"},
                {"id": "M0002", "name": "Kenji Sato", "rank": "regular"}]


class FakeServices:
    def __init__(self) -> None:
        self.ledger = FakeLedger()
        self.bookings = FakeHotels()
        self.members = FakeMembers()


class FakeConversations:
    """Keyword-scripted turns with the real event shapes; `gate` lets a test hold a turn open."""

    model_name = "offline"
    is_offline = True

    def __init__(self, services: FakeServices) -> None:
        self.services = services
        self.owners: dict[str, str] = {}
        self.transcripts: dict[str, list[TranscriptItem]] = {}
        self.pendings: dict[str, PendingAction] = {}
        self.gate: threading.Event | None = None
        self.sent: list[str] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    # --- the Conversations API --------------------------------------------------------------------------
    def new_thread(self, member_id: str) -> str:
        thread_id = f"t-{uuid.uuid4().hex[:12]}"
        with self._lock:
            self.owners[thread_id] = member_id
            self.transcripts[thread_id] = []
        return thread_id

    def seed(self, *, member_id: str, thread_id: str, history: Any) -> None:
        self._own(member_id, thread_id)
        for role, text in history:
            self.transcripts[thread_id].append(TranscriptItem(role=role, text=text))

    def threads(self, member_id: str) -> list[Any]:
        return [t for t, owner in self.owners.items() if owner == member_id]

    def pending(self, *, member_id: str, thread_id: str) -> PendingAction | None:
        self._own(member_id, thread_id)
        return self.pendings.get(thread_id)

    def transcript(self, *, member_id: str, thread_id: str) -> list[TranscriptItem]:
        self._own(member_id, thread_id)
        return list(self.transcripts[thread_id])

    def send(self, *, member_id: str, thread_id: str, text: str) -> Iterator[TurnEvent]:
        self._own(member_id, thread_id)
        self.sent.append(text)
        self.transcripts[thread_id].append(TranscriptItem(role="user", text=text))
        self.pendings.pop(thread_id, None)  # as the real one: a new message declines what was waiting
        if self.gate is not None:
            self.gate.wait(10)
        lowered = text.lower()
        if "book" in lowered:
            yield from self._quote(thread_id)
        elif any(word in lowered for word in ("hotel", "ryokan", "stay", "onsen")):
            yield from self._tool(thread_id, "search_hotels", {"city": "Hakone", "nights": 2}, {"hotels": HOTELS})
            yield from self._say(thread_id, "I found 2 places in Hakone. Say **book the first one** to reserve.")
        elif any(word in lowered for word in ("earbud", "product", "headphone")):
            yield from self._tool(thread_id, "search_products", {"query": text[:40]}, {"products": PRODUCTS})
            yield from self._say(thread_id, "Here are 2 earbuds that suit running.")
        else:
            yield from self._say(thread_id, f"You said: {text}")

    def decide(self, *, member_id: str, thread_id: str, approve: bool, note: str | None = None) -> Iterator[TurnEvent]:
        self._own(member_id, thread_id)
        pending = self.pendings.pop(thread_id, None)
        if pending is None:
            raise NothingPending(thread_id)
        self.transcripts[thread_id].append(TranscriptItem(role="user", text="approve" if approve else "reject"))
        if not approve:
            yield from self._say(thread_id, "OK, I did not book it." + (f" You said: {note}" if note else ""))
            return
        booking = Booking(f"B{next(self._ids):05d}", HOTELS[0]["name"], Clock().today() + timedelta(days=10),
                          Clock().today() + timedelta(days=12), 2, 36000)
        self.services.bookings.booked.setdefault(member_id, []).append(booking)
        self.services.ledger.points[member_id] += 360
        yield from self._tool(thread_id, "book_hotel", pending.args, {"booking_id": booking.id, "status": "confirmed"})
        yield from self._say(thread_id, f"Booked! Your booking id is {booking.id}; you earn 360 points.")

    # --- helpers -------------------------------------------------------------------------------------------
    def _own(self, member_id: str, thread_id: str) -> None:
        if self.owners.get(thread_id) != member_id:
            raise ThreadNotFound(thread_id)

    def _tool(self, thread_id: str, name: str, args: dict[str, Any], data: dict[str, Any]) -> Iterator[TurnEvent]:
        call_id = f"call_{next(self._ids)}"
        yield ToolCall(call_id=call_id, name=name, args=args)
        time.sleep(0.01)
        yield ToolResult(call_id=call_id, name=name, content="{}", data=data)
        self.transcripts[thread_id].append(TranscriptItem(role="assistant", text="", tool_calls=[
            ToolCall(call_id=call_id, name=name, args=args)]))
        self.transcripts[thread_id].append(TranscriptItem(role="tool", text=json.dumps(data), call_id=call_id,
                                                          name=name))

    def _say(self, thread_id: str, answer: str, pending: PendingAction | None = None) -> Iterator[TurnEvent]:
        for piece in answer.split(" "):
            yield TextDelta(text=piece + " ")
        self.transcripts[thread_id].append(TranscriptItem(role="assistant", text=answer))
        yield TurnEnd(thread_id=thread_id, answer=answer, pending=pending, model=self.model_name)

    def _quote(self, thread_id: str) -> Iterator[TurnEvent]:
        args = {"hotel_id": "H0001", "room_type_id": "H0001-R1", "check_in": str(Clock().today() + timedelta(days=10)),
                "nights": 2, "adults": 2}
        yield from self._tool(thread_id, "quote_stay", args, {"total_jpy": 36000, "points_earned": 360})
        pending = PendingAction(
            action_id=f"call_{next(self._ids)}", tool="book_hotel", args=args,
            summary="Book Hakone Mist Ryokan, Japanese room, 2 nights, 2 adults: 36,000 JPY, 360 points earned",
            details={"total_jpy": 36000, "points_earned": 360, "cancellation": "Free until 3 days before"},
        )
        self.pendings[thread_id] = pending
        yield pending
        yield from self._say(thread_id, "Here is the quote for Hakone Mist Ryokan.", pending=pending)


class FakeRuntime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.services = FakeServices()
        self.index = object()
        self.conversations = FakeConversations(self.services)
        self.closed = False

    def close(self) -> None:
        self.closed = True
