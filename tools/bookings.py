"""Hotel stays: quote, book, cancel, list (HotelBookings).

A booking is one transaction: lock the member, claim the idempotency key, take one room on every night
(lazily materialised `room_nights` row, then `UPDATE ... SET available = available - 1 WHERE available > 0`),
redeem the points used, credit the points earned, write the booking. If any night has no room left, the
whole transaction rolls back and SoldOut names the night.

Points earned on a stay (category "Travel") are held as pending from booking until the check-out day, then
credited (tools/stay_points.py): pending points show in the balance but cannot be spent, so a stay cannot be
booked, its points spent and the stay cancelled to keep them. Cancelling returns every point used (with its
original expiry date) and voids the pending points; a cancellation fee is charged in cash (card), never in
points. Bookings made before points were held (their points credited at booking) are reversed as before.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, Field
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from data.schema import CancellationPolicy, Hotel, LinkedServices, RoomType
from tools import idempotency, stay_points
from tools.cancellation import CancellationTerms, cancellation_fee, cancellation_terms, fee_pct_on
from tools.db import DatedService, insert_or_ignore
from tools.errors import Conflict, InsufficientPoints, InvalidRequest, NotAllowed, NotFound, SoldOut, parse_request
from tools.hotel_pricing import NightPrice, nights_of, stay_prices
from tools.hotels import Stay, StayArgs, fitting_rooms, load_hotel, rooms_left
from tools.ledger import PointsLedger
from tools.ledger_store import ledger_sum, lock_member
from tools.points_rules import EarnQuote, EarnRequest, PointsRulesEngine
from tools.stay_points import bonus_this_month, campaign_points
from tools.tables import BookingRow, MemberRow, RoomNightRow
from tools.validation import Id, IdempotencyKey

TRAVEL_CATEGORY = "Travel"


class _StayRequest(StayArgs):
    member_id: Id
    hotel_id: Id
    room_type_id: Id
    points_to_use: int = Field(default=0, ge=0, le=100_000_000)


class _BookRequest(_StayRequest):
    idempotency_key: IdempotencyKey


class _CancelRequest(BaseModel):
    member_id: Id
    booking_id: Id
    idempotency_key: IdempotencyKey


class _ListRequest(BaseModel):
    member_id: Id
    upcoming_only: bool = True


class StayQuote(BaseModel):
    member_id: str
    hotel_id: str
    hotel_name: str
    room_type_id: str
    room_name: str
    stay: Stay
    hotel_name_ja: str | None = None  # the data's Japanese names, for an answer in Japanese (issue 16)
    room_name_ja: str | None = None
    nightly: list[NightPrice]
    total_jpy: int
    points_balance: int
    max_points_usable: int
    points_to_use: int
    cash_to_pay_jpy: int
    points_earned: EarnQuote
    points_credit_on: date  # the check-out day: earned points are pending (not spendable) until then
    cancellation: CancellationTerms
    rooms_left: int  # the fewest rooms of this type left on any night of the stay
    sold_out_nights: list[date] = Field(default_factory=list)


class Booking(BaseModel):
    id: str
    member_id: str
    hotel_id: str
    hotel_name: str
    room_type_id: str
    room_name: str
    hotel_name_ja: str | None = None  # absent from bookings made before the names were stored
    room_name_ja: str | None = None
    check_in: date
    check_out: date
    nights: int
    adults: int
    children: int
    nightly_jpy: list[int]
    total_jpy: int
    points_used: int
    cash_jpy: int
    points_earned: int
    points_credit_on: date | None = None  # pending until this day (None: credited at booking, older bookings)
    status: str
    cancellation: CancellationTerms
    cancellation_fee_jpy: int = 0
    created_at: datetime


class BookingList(BaseModel):
    member_id: str
    bookings: list[Booking]


class Cancellation(BaseModel):
    booking_id: str
    status: str
    free: bool
    fee_jpy: int
    fee_pct: int = 0
    policy: str = ""  # the hotel's policy as written, the one applied
    policy_terms: CancellationPolicy | None = None  # the same policy in fields, for an answer in Japanese
    points_refunded: int
    points_reversed: int  # taken back from the balance (bookings credited at booking, before points were held)
    balance_after: int
    message: str
    points_voided: int = 0  # the stay's pending points, never credited


@dataclass(eq=False)
class HotelBookings(DatedService):
    """Quote, book, cancel and list the member's hotel stays."""

    rules: PointsRulesEngine
    ledger: PointsLedger

    def quote_stay(self, member_id: str, hotel_id: str, room_type_id: str, check_in: date | str,
                   nights: int | None = None, adults: int = 2, children: int = 0, points_to_use: int = 0,
                   check_out: date | str | None = None) -> StayQuote:
        request = parse_request(_StayRequest, member_id=member_id, hotel_id=hotel_id, room_type_id=room_type_id,
                                check_in=check_in, nights=nights, adults=adults, children=children,
                                points_to_use=points_to_use, check_out=check_out)
        with self.db.read() as session:
            quote = self._quote(session, request)
        if quote.sold_out_nights:
            sold = quote.sold_out_nights[0]
            raise SoldOut(f"{quote.room_name} at {quote.hotel_name} is sold out on the night of {sold:%a %d %b %Y}. "
                          "Try other dates or another room type.")
        return quote

    def book(self, member_id: str, hotel_id: str, room_type_id: str, check_in: date | str,
             nights: int | None = None, adults: int = 2, children: int = 0, points_to_use: int = 0, *,
             idempotency_key: str, check_out: date | str | None = None) -> Booking:
        request = parse_request(_BookRequest, member_id=member_id, hotel_id=hotel_id, room_type_id=room_type_id,
                                check_in=check_in, nights=nights, adults=adults, children=children,
                                points_to_use=points_to_use, check_out=check_out, idempotency_key=idempotency_key)
        payload = request.model_dump(mode="json", exclude={"member_id", "idempotency_key", "check_out", "nights"})
        payload["check_out"] = str(request.resolve(self.clock.today()).check_out)
        with self.db.write() as session:
            lock_member(session, request.member_id)
            done = idempotency.claim(session, self.clock, request.member_id, request.idempotency_key, "book",
                                     payload, Booking)
            if done is not None:
                return done
            quote, hotel = self._quote_with_hotel(session, request)
            allotment = _find_room(hotel, quote.room_type_id).rooms
            room_nights = [{"room_type_id": quote.room_type_id, "night": n.night, "allotment": allotment,
                            "available": allotment} for n in quote.nightly]
            insert_or_ignore(session, RoomNightRow, room_nights)
            for night in quote.nightly:
                taken = session.execute(
                    update(RoomNightRow)
                    .where(RoomNightRow.room_type_id == quote.room_type_id, RoomNightRow.night == night.night,
                           RoomNightRow.available > 0)
                    .values(available=RoomNightRow.available - 1)
                    .execution_options(synchronize_session=False, preserve_rowcount=True)
                )
                if getattr(taken, "rowcount", 0) != 1:
                    raise SoldOut(f"{quote.room_name} at {quote.hotel_name} is sold out on the night of "
                                  f"{night.night:%a %d %b %Y}. Try other dates or another room type.")
            booking_id = "BK" + secrets.token_hex(5).upper()
            if quote.points_to_use:
                self.ledger.redeem_in(session, request.member_id, quote.points_to_use,
                                      f"Points used on hotel booking {booking_id}", ref=booking_id)
            self.ledger.hold_quote_in(session, request.member_id, quote.points_earned, f"Hotel booking {booking_id}",
                                      ref=booking_id, credit_on=quote.points_credit_on)
            row = BookingRow(
                id=booking_id, member_id=request.member_id, hotel_id=quote.hotel_id, room_type_id=quote.room_type_id,
                check_in=quote.stay.check_in, check_out=quote.stay.check_out, adults=quote.stay.adults,
                children=quote.stay.children, total_jpy=quote.total_jpy, points_used=quote.points_to_use,
                points_earned=quote.points_earned.total, status="confirmed", cancellation_fee_jpy=0,
                created_at=self.clock.now(), cancelled_at=None,
                data={"hotel_name": quote.hotel_name, "room_name": quote.room_name,
                      **({"hotel_name_ja": quote.hotel_name_ja} if quote.hotel_name_ja else {}),
                      **({"room_name_ja": quote.room_name_ja} if quote.room_name_ja else {}),
                      "nightly_jpy": [n.rate_jpy for n in quote.nightly],
                      "cancellation": quote.cancellation.model_dump(mode="json"),
                      "booked_on": self.clock.today().isoformat(),
                      "points_credit_on": quote.points_credit_on.isoformat(),
                      "policy": hotel.cancellation.model_dump(mode="json"),
                      "earn": quote.points_earned.model_dump(mode="json")},
            )
            session.add(row)
            session.flush()
            booking = _booking(row)
            idempotency.record(session, request.member_id, request.idempotency_key, booking)
            return booking

    def cancel(self, member_id: str, booking_id: str, idempotency_key: str) -> Cancellation:
        request = parse_request(_CancelRequest, member_id=member_id, booking_id=booking_id,
                                idempotency_key=idempotency_key)
        today = self.clock.today()
        with self.db.write() as session:
            lock_member(session, request.member_id)
            done = idempotency.claim(session, self.clock, request.member_id, request.idempotency_key, "cancel",
                                     {"booking_id": request.booking_id}, Cancellation)
            if done is not None:
                return done
            row = session.get(BookingRow, request.booking_id)
            if row is None or row.member_id != request.member_id:  # someone else's booking looks like no booking
                raise NotFound(f"No booking '{request.booking_id}' on your account. List your bookings to find "
                               "the right id.")
            if row.status == "cancelled":
                raise Conflict(f"Booking {row.id} was already cancelled.")
            if today > row.check_in:
                raise NotAllowed(f"Booking {row.id} started on {row.check_in:%d %b %Y}, so it can no longer be "
                                 "cancelled here; please contact support.")
            policy = CancellationPolicy.model_validate(row.data["policy"])  # as it stood at booking
            fee = cancellation_fee(policy, row.check_in, row.total_jpy, today)
            fee_pct = fee_pct_on(policy, row.check_in, today)
            for night in nights_of(row.check_in, (row.check_out - row.check_in).days):
                session.execute(
                    update(RoomNightRow)
                    .where(RoomNightRow.room_type_id == row.room_type_id, RoomNightRow.night == night,
                           RoomNightRow.available < RoomNightRow.allotment)
                    .values(available=RoomNightRow.available + 1)
                    .execution_options(synchronize_session=False)
                )
            refunded = self.ledger.refund_in(session, row.member_id, row.id, f"Points returned: booking {row.id} "
                                             "cancelled")
            voided = stay_points.void_in(session, row.member_id, row.id)
            reversed_ = self.ledger.reverse_earn_in(session, row.member_id, row.id,
                                                    f"Points earned on booking {row.id} taken back (cancelled)")
            row.status = "cancelled"
            row.cancellation_fee_jpy = fee
            row.cancelled_at = self.clock.now()
            balance = ledger_sum(session, row.member_id)
            message = (f"Booking {row.id} is cancelled free of charge." if fee == 0 else
                       f"Booking {row.id} is cancelled with a fee of {fee:,} JPY ({fee_pct}% of the stay), "
                       "charged to your card.")
            message += " " + points_outcome(refunded, voided, reversed_)
            result = Cancellation(booking_id=row.id, status="cancelled", free=fee == 0, fee_jpy=fee, fee_pct=fee_pct,
                                  policy=policy.text, policy_terms=policy,
                                  points_refunded=refunded, points_reversed=reversed_, balance_after=balance,
                                  message=message.strip(), points_voided=voided)
            idempotency.record(session, request.member_id, request.idempotency_key, result)
            return result

    def bookings(self, member_id: str, upcoming_only: bool = True) -> BookingList:
        request = parse_request(_ListRequest, member_id=member_id, upcoming_only=upcoming_only)
        with self.db.read() as session:
            if session.get(MemberRow, request.member_id) is None:
                raise NotFound(f"No member with id '{request.member_id}'.")
            query = select(BookingRow).where(BookingRow.member_id == request.member_id)
            if request.upcoming_only:
                query = query.where(BookingRow.status == "confirmed", BookingRow.check_out > self.clock.today())
            rows = session.execute(query.order_by(BookingRow.check_in, BookingRow.id)).scalars().all()
            return BookingList(member_id=request.member_id, bookings=[_booking(r) for r in rows])

    # ---- internals ---------------------------------------------------------------------------------------

    def _quote(self, session: Session, request: _StayRequest) -> StayQuote:
        return self._quote_with_hotel(session, request)[0]

    def _quote_with_hotel(self, session: Session, request: _StayRequest) -> tuple[StayQuote, Hotel]:
        today = self.clock.today()
        stay = request.resolve(today)
        member = session.get(MemberRow, request.member_id)
        if member is None:
            raise NotFound(f"No member with id '{request.member_id}'.")
        hotel = load_hotel(session, request.hotel_id)
        room = _find_room(hotel, request.room_type_id)
        if room not in fitting_rooms(hotel, stay):
            raise InvalidRequest(f"{room.name} sleeps at most {room.capacity_adults} adults and "
                                 f"{room.capacity_total} guests in all; you asked for {stay.adults} adults and "
                                 f"{stay.children} children. Choose a bigger room type.")
        prices = stay_prices(hotel, room, stay.check_in, stay.nights)
        total = sum(p.rate_jpy for p in prices)
        balance = ledger_sum(session, request.member_id)
        if request.points_to_use > total:
            raise InvalidRequest(f"This stay costs {total:,} JPY, so you can use at most {total:,} points; you asked "
                                 f"to use {request.points_to_use:,}.")
        if request.points_to_use > balance:
            raise InsufficientPoints(f"You have {balance:,} points; you asked to use {request.points_to_use:,}. "
                                     f"Use {min(balance, total):,} points or fewer.")
        earn = self.rules.quote_earn(EarnRequest(
            linked=LinkedServices.model_validate(member.linked), price_jpy=total, points_used=request.points_to_use,
            category=TRAVEL_CATEGORY, shop_id=hotel.id, on=today,
            bonus_already_this_month=bonus_this_month(session, request.member_id, today),
            campaign_points_already=campaign_points(session, request.member_id)))
        left = rooms_left(session, [room], stay.nights_list)
        return StayQuote(
            member_id=request.member_id, hotel_id=hotel.id, hotel_name=hotel.name, room_type_id=room.id,
            room_name=room.name, hotel_name_ja=hotel.name_ja, room_name_ja=room.name_ja, stay=stay,
            nightly=prices, total_jpy=total, points_balance=balance,
            max_points_usable=min(balance, total), points_to_use=request.points_to_use,
            cash_to_pay_jpy=total - request.points_to_use, points_earned=earn,
            points_credit_on=stay.check_out,
            cancellation=cancellation_terms(hotel.cancellation, stay.check_in, total, today),
            rooms_left=min(left.get((room.id, n), room.rooms) for n in stay.nights_list),
            sold_out_nights=[n for n in stay.nights_list if left.get((room.id, n), room.rooms) <= 0],
        ), hotel


def _find_room(hotel: Hotel, room_type_id: str) -> RoomType:
    for room in hotel.room_types:
        if room.id == room_type_id:
            return room
    choices = ", ".join(f"{r.id} ({r.name})" for r in hotel.room_types)
    raise NotFound(f"{hotel.name} has no room type '{room_type_id}'. Its room types are: {choices}.")


def _booking(row: BookingRow) -> Booking:
    return Booking(
        id=row.id, member_id=row.member_id, hotel_id=row.hotel_id, hotel_name=row.data["hotel_name"],
        room_type_id=row.room_type_id, room_name=row.data["room_name"], hotel_name_ja=row.data.get("hotel_name_ja"),
        room_name_ja=row.data.get("room_name_ja"), check_in=row.check_in,
        check_out=row.check_out, nights=(row.check_out - row.check_in).days, adults=row.adults,
        children=row.children, nightly_jpy=list(row.data["nightly_jpy"]), total_jpy=row.total_jpy,
        points_used=row.points_used, cash_jpy=row.total_jpy - row.points_used, points_earned=row.points_earned,
        points_credit_on=date.fromisoformat(row.data["points_credit_on"]) if "points_credit_on" in row.data else None,
        status=row.status, cancellation=_booked_terms(row),
        cancellation_fee_jpy=row.cancellation_fee_jpy, created_at=row.created_at,
    )


def _booked_terms(row: BookingRow) -> CancellationTerms:
    """The terms of the policy stored with the booking, as of the booking day (recomputed, so every record,
    including one written before the policy was dated, states the fees the cancellation will charge)."""
    booked_on = date.fromisoformat(row.data["booked_on"]) if "booked_on" in row.data else row.created_at.date()
    policy = CancellationPolicy.model_validate(row.data["policy"])
    return cancellation_terms(policy, row.check_in, row.total_jpy, min(booked_on, row.check_in))


def points_outcome(refunded: int, voided: int, reversed_: int) -> str:
    """What a cancellation does to points, in one sentence each (the cancellation's message and preview)."""
    parts = []
    if refunded:
        parts.append(f"{refunded:,} points you used are back in your account.")
    if voided:
        parts.append(f"The {voided:,} points this stay would have earned were pending until check-out and are "
                     "voided; they were never spendable.")
    if reversed_:
        parts.append(f"{reversed_:,} points earned on this booking are taken back.")
    return " ".join(parts) or "No points were used or earned on this booking."
