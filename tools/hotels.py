"""Hotel search and availability (HotelInventory), and the stay arguments every hotel service validates.

Inventory per night lives in `room_nights`, materialised lazily: a night nobody booked yet has the room type's
full allotment, so search reads "row or allotment" and booking inserts the row before decrementing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from data.schema import Amenity, Hotel, RoomType
from tools.db import DatedService
from tools.errors import InvalidRequest, NotFound, parse_request
from tools.filters import check_price_range, where_text_is
from tools.hotel_pricing import nights_of, stay_prices
from tools.tables import HotelRow, RoomNightRow, RoomTypeRow
from tools.validation import Id, ShortText

MAX_NIGHTS = 14
MAX_ADULTS = 10
MAX_CHILDREN = 6
BOOKING_WINDOW_DAYS = 365


class StayArgs(BaseModel):
    """Dates and guests as asked; `resolve` checks them against today and turns them into a Stay."""

    check_in: date
    nights: int | None = None
    check_out: date | None = None
    adults: int = 2
    children: int = 0

    def resolve(self, today: date) -> Stay:
        check_in = self.check_in
        if check_in < today:
            raise InvalidRequest(f"Check-in {check_in:%d %b %Y} is in the past; today is {today:%d %b %Y} (JST). "
                                 "Choose a check-in date from today on.")
        if check_in > today + timedelta(days=BOOKING_WINDOW_DAYS):
            raise InvalidRequest(f"Stays can be booked up to {BOOKING_WINDOW_DAYS} days ahead; "
                                 f"{check_in:%d %b %Y} is further out.")
        nights = self.nights
        if self.check_out is not None:
            if self.check_out <= check_in:
                raise InvalidRequest(f"Check-out must be after check-in: you asked for {check_in:%d %b} to "
                                     f"{self.check_out:%d %b}.")
            by_dates = (self.check_out - check_in).days
            if nights is not None and nights != by_dates:
                raise InvalidRequest(f"{check_in:%d %b} to {self.check_out:%d %b} is {by_dates} nights, "
                                     f"not {nights}; send either the nights or the check-out date.")
            nights = by_dates
        if nights is None:
            raise InvalidRequest("Say how long the stay is: a number of nights (1 to 14) or a check-out date.")
        if not 1 <= nights <= MAX_NIGHTS:
            raise InvalidRequest(f"A stay can be 1 to {MAX_NIGHTS} nights; you asked for {nights}.")
        if not 1 <= self.adults <= MAX_ADULTS:
            raise InvalidRequest(f"Stays are for 1 to {MAX_ADULTS} adults; you asked for {self.adults}. "
                                 "For larger groups, book several rooms.")
        if not 0 <= self.children <= MAX_CHILDREN:
            raise InvalidRequest(f"Stays can include 0 to {MAX_CHILDREN} children; you asked for "
                                 f"{self.children}.")
        return Stay(check_in=check_in, check_out=check_in + timedelta(days=nights), nights=nights,
                    adults=self.adults, children=self.children)


class Stay(BaseModel):
    check_in: date
    check_out: date
    nights: int
    adults: int
    children: int

    @property
    def nights_list(self) -> list[date]:
        return nights_of(self.check_in, self.nights)


class HotelSearchArgs(StayArgs):
    location: ShortText | None = None  # matches city, area or prefecture
    city: ShortText | None = None
    area: ShortText | None = None
    prefecture: ShortText | None = None
    min_price_per_night: int | None = Field(default=None, ge=0)
    max_price_per_night: int | None = Field(default=None, ge=0)
    min_stars: int | None = Field(default=None, ge=1, le=5)
    min_rating: float | None = Field(default=None, ge=0, le=5)
    amenities: list[Amenity] = Field(default_factory=list, max_length=16)
    limit: int = Field(default=10, ge=1, le=50)


class NightAvailability(BaseModel):
    night: date
    rooms_left: int
    rate_jpy: int


class RoomOffer(BaseModel):
    room_type_id: str
    name: str
    name_ja: str | None = None  # the data's Japanese name, for an answer in Japanese (issue 16)
    capacity_adults: int
    capacity_total: int
    beds: str
    nightly: list[NightAvailability]
    total_jpy: int
    avg_per_night_jpy: int
    rooms_left: int  # the fewest left on any night of the stay


class HotelOffer(BaseModel):
    hotel_id: str
    name: str
    name_ja: str | None = None
    city: str
    area: str
    prefecture: str
    stars: int
    rating: float
    review_count: int
    amenities: list[str]
    cheapest_room: RoomOffer


class HotelSearchResult(BaseModel):
    stay: Stay
    offers: list[HotelOffer]  # cheapest total first
    matching_hotels: int
    notes: list[str] = Field(default_factory=list)


class HotelAvailability(BaseModel):
    hotel_id: str
    name: str
    name_ja: str | None = None
    stay: Stay
    rooms: list[RoomOffer]  # every room type that fits the guests, available or not


@dataclass(eq=False)
class HotelInventory(DatedService):
    """Read side of hotels: find stays that fit, and what is left per night."""

    def get_hotel(self, hotel_id: str) -> Hotel:
        hotel_id = parse_request(_HotelId, hotel_id=hotel_id).hotel_id
        with self.db.read() as session:
            return load_hotel(session, hotel_id)

    def search(self, check_in: date | str, nights: int | None = None, adults: int = 2, children: int = 0, *,
               check_out: date | str | None = None, location: str | None = None, city: str | None = None,
               area: str | None = None, prefecture: str | None = None, min_price_per_night: int | None = None,
               max_price_per_night: int | None = None, min_stars: int | None = None,
               min_rating: float | None = None, amenities: list[str] | None = None,
               limit: int = 10) -> HotelSearchResult:
        """Hotels that fit the stay and filters, each with its cheapest available fitting room, cheapest first.

        `location` matches a city, an area or a prefecture (case-insensitive); prices are per room per night.
        """
        args = parse_request(HotelSearchArgs, check_in=check_in, nights=nights, adults=adults, children=children,
                             check_out=check_out, location=location, city=city, area=area, prefecture=prefecture,
                             min_price_per_night=min_price_per_night, max_price_per_night=max_price_per_night,
                             min_stars=min_stars, min_rating=min_rating, amenities=amenities or [], limit=limit)
        stay = args.resolve(self.clock.today())
        check_price_range(args.min_price_per_night or None, args.max_price_per_night or None)  # 0: no bound
        query = where_text_is(select(HotelRow), ((HotelRow.city, args.city), (HotelRow.area, args.area),
                                                 (HotelRow.prefecture, args.prefecture)))
        if args.location:
            value = args.location.lower()
            query = query.where(or_(func.lower(HotelRow.city) == value, func.lower(HotelRow.area) == value,
                                    func.lower(HotelRow.prefecture) == value))
        if args.min_stars:
            query = query.where(HotelRow.stars >= args.min_stars)
        if args.min_rating is not None:
            query = query.where(HotelRow.rating >= args.min_rating)
        offers: list[HotelOffer] = []
        with self.db.read() as session:
            rows = [row for row in session.execute(query.order_by(HotelRow.id)).scalars().all()
                    if set(args.amenities) <= set(row.data.get("amenities", []))]
            hotels = load_hotel_rows(session, rows)
            left = rooms_left(session, [r for h in hotels for r in h.room_types], stay.nights_list)
        for hotel in hotels:
            candidates = [room_offer(hotel, room, stay, left) for room in fitting_rooms(hotel, stay)]
            candidates = [c for c in candidates if c.rooms_left > 0
                          and (args.max_price_per_night is None or c.avg_per_night_jpy <= args.max_price_per_night)
                          and (args.min_price_per_night is None or c.avg_per_night_jpy >= args.min_price_per_night)]
            if candidates:
                best = min(candidates, key=lambda c: (c.total_jpy, c.room_type_id))
                offers.append(HotelOffer(hotel_id=hotel.id, name=hotel.name, name_ja=hotel.name_ja, city=hotel.city,
                                         area=hotel.area,
                                         prefecture=hotel.prefecture, stars=hotel.stars, rating=hotel.rating,
                                         review_count=hotel.review_count, amenities=list(hotel.amenities),
                                         cheapest_room=best))
        offers.sort(key=lambda o: (o.cheapest_room.total_jpy, o.hotel_id))
        notes = []
        if not rows:
            notes.append("No hotels match that location and star rating; try a nearby city or the prefecture.")
        elif not offers:
            notes.append("Hotels exist there, but none has a fitting room free on every night within the "
                         "filters; try other dates, fewer guests or a wider price range.")
        return HotelSearchResult(stay=stay, offers=offers[: args.limit], matching_hotels=len(offers), notes=notes)

    def availability(self, hotel_id: str, check_in: date | str, nights: int | None = None,
                     adults: int = 2, children: int = 0, check_out: date | str | None = None) -> HotelAvailability:
        args = parse_request(_AvailabilityArgs, hotel_id=hotel_id, check_in=check_in, nights=nights, adults=adults,
                             children=children, check_out=check_out)
        stay = args.resolve(self.clock.today())
        with self.db.read() as session:
            hotel = load_hotel(session, args.hotel_id)
            left = rooms_left(session, hotel.room_types, stay.nights_list)
        rooms = [room_offer(hotel, room, stay, left) for room in fitting_rooms(hotel, stay)]
        return HotelAvailability(hotel_id=hotel.id, name=hotel.name, name_ja=hotel.name_ja, stay=stay, rooms=rooms)


class _HotelId(BaseModel):
    hotel_id: Id


class _AvailabilityArgs(StayArgs):
    hotel_id: Id


def fitting_rooms(hotel: Hotel, stay: Stay) -> list[RoomType]:
    return [room for room in hotel.room_types
            if room.capacity_adults >= stay.adults and room.capacity_total >= stay.adults + stay.children]


def room_offer(hotel: Hotel, room: RoomType, stay: Stay, left: dict[tuple[str, date], int]) -> RoomOffer:
    prices = stay_prices(hotel, room, stay.check_in, stay.nights)
    nightly = [NightAvailability(night=p.night, rate_jpy=p.rate_jpy,
                                 rooms_left=left.get((room.id, p.night), room.rooms)) for p in prices]
    total = sum(p.rate_jpy for p in prices)
    return RoomOffer(room_type_id=room.id, name=room.name, name_ja=room.name_ja, capacity_adults=room.capacity_adults,
                     capacity_total=room.capacity_total, beds=room.beds, nightly=nightly, total_jpy=total,
                     avg_per_night_jpy=total // stay.nights, rooms_left=min(n.rooms_left for n in nightly))


def rooms_left(session: Session, rooms: list[RoomType], nights: list[date]) -> dict[tuple[str, date], int]:
    """Materialised inventory rows for these room types and nights; absent keys mean "full allotment"."""
    if not rooms:
        return {}
    ids = [room.id for room in rooms]
    left: dict[tuple[str, date], int] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(RoomNightRow.room_type_id, RoomNightRow.night, RoomNightRow.available)
            .where(RoomNightRow.room_type_id.in_(ids[start:start + 500]),
                   RoomNightRow.night >= nights[0], RoomNightRow.night <= nights[-1])
        ).all()
        left.update({(r[0], r[1]): int(r[2]) for r in rows})
    return left


def load_hotel_rows(session: Session, rows: list[HotelRow]) -> list[Hotel]:
    """Hotels with their room types, in one query per 500 hotels."""
    rooms: dict[str, list[dict[str, object]]] = {row.id: [] for row in rows}
    ids = list(rooms)
    for start in range(0, len(ids), 500):
        for hotel_id, data in session.execute(
            select(RoomTypeRow.hotel_id, RoomTypeRow.data).where(RoomTypeRow.hotel_id.in_(ids[start:start + 500]))
            .order_by(RoomTypeRow.id)
        ).all():
            rooms[hotel_id].append(data)
    return [Hotel.model_validate({**row.data, "room_types": rooms[row.id]}) for row in rows]


def load_hotel(session: Session, hotel_id: str) -> Hotel:
    row = session.get(HotelRow, hotel_id)
    if row is None:
        raise NotFound(f"No hotel with id '{hotel_id}'. Search hotels first and use an id from the results.")
    return load_hotel_rows(session, [row])[0]


def load_hotel_row(session: Session, row: HotelRow) -> Hotel:
    """One hotel row with its room types (kept for callers that already hold the row)."""
    return load_hotel_rows(session, [row])[0]
