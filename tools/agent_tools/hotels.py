"""Hotel tools: search, availability, quote, book, cancel, list the member's bookings.

The member is always the session's (`ctx.member_id`); a booking id of another member is "not found".
Side effects (book, cancel) use the tool call id as idempotency key, so a resumed or retried call never
books or cancels twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from langchain.tools import ToolRuntime

from tools.agent_tools.base import agent_tool, compact
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.previews import booking_preview, cancellation_preview
from tools.agent_tools.results import (
    AvailabilityResult,
    BookedResult,
    BookingsResult,
    CancellationResult,
    HotelSearchResult,
    QuoteResult,
)
from tools.agent_tools.schemas import (
    BookHotelArgs,
    CancelBookingArgs,
    CheckAvailabilityArgs,
    MyBookingsArgs,
    QuoteStayArgs,
    SearchHotelsArgs,
)

if TYPE_CHECKING:
    from tools.bookings import Booking, StayQuote
    from tools.search import CatalogueSearch


def idempotency_key(ctx: AssistantContext, runtime: ToolRuntime, action: str) -> str:
    """One key per (thread, tool call): the same approved call, run again after a crash, is a no-op."""
    return f"{ctx.thread_id}:{runtime.tool_call_id or action}"


def _japanese(**names: str | None) -> dict[str, str]:
    """The data's Japanese names beside the English ones, for an answer in Japanese; absent when the data has none."""
    return {key: value for key, value in names.items() if value}


def _room(room: Any) -> dict[str, Any]:
    data: dict[str, Any] = compact(room)
    data.pop("nightly", None)
    return data


@agent_tool("search_hotels", label="Searching hotels", untrusted_output=True, result=HotelSearchResult)
def search_hotels(ctx: AssistantContext, args: SearchHotelsArgs, runtime: ToolRuntime) -> Any:
    """Find hotels in Japan. With check_in and nights it returns only hotels with a fitting room free on every
    night, cheapest stay first, each with its cheapest room and total; without dates it matches by place,
    wishes and amenities only (then call check_availability). `query` is free text about the kind of stay."""
    search = ctx.services.search
    if search is not None:
        return _semantic_hotels(search, args)
    if args.check_in is None:
        return _hotels_without_dates(ctx, args)
    result = ctx.services.hotels.search(
        check_in=args.check_in,
        nights=args.nights or 1,
        location=args.city,
        max_price_per_night=args.max_price_per_night_jpy,
        **_shared_filters(args),
    )
    offers = []
    for offer in result.offers:
        item = compact(offer)
        item["cheapest_room"] = _room(offer.cheapest_room)
        offers.append(item)
    return {"stay": compact(result.stay), "hotels": offers, "matching": result.matching_hotels, "notes": result.notes}


_SHARED_FILTERS = {"adults", "children", "area", "min_stars", "min_rating", "amenities", "limit"}
"""The search arguments both hotel searches (database and index) take under the same names."""


def _shared_filters(args: SearchHotelsArgs) -> dict[str, Any]:
    return args.model_dump(include=_SHARED_FILTERS)


def _semantic_hotels(search: CatalogueSearch, args: SearchHotelsArgs) -> Any:
    dated = args.check_in is not None
    hits = search.hotels.search(
        query=args.query or "hotel",
        city=args.city,
        region=args.region,
        max_price_per_night_jpy=args.max_price_per_night_jpy,
        guests=args.adults + args.children,
        check_in=args.check_in,
        nights=(args.nights or 1) if dated else None,
        **_shared_filters(args),
    )
    hotels = []
    for hit in hits:
        item = compact(hit)
        item.pop("score", None)
        item["hotel_id"] = item.pop("id")
        if hit.available_room is not None:
            item["cheapest_room"] = _room(hit.available_room)
        item.pop("available_room", None)
        hotels.append(item)
    notes = [] if dated else ["No dates given: prices are weekday base rates; call check_availability with dates."]
    if not hotels:
        notes.append("No hotel matches; try a nearby city, other dates or fewer filters.")
    return {"hotels": hotels, "matching": len(hotels), "notes": notes}


def _hotels_without_dates(ctx: AssistantContext, args: SearchHotelsArgs) -> Any:
    from sqlalchemy import select

    from tools.hotels import load_hotel_row
    from tools.tables import HotelRow

    with ctx.services.db.read() as session:
        query = select(HotelRow).order_by(HotelRow.id)
        rows = session.execute(query).scalars().all()
        hotels = [load_hotel_row(session, row) for row in rows]
    city = (args.city or "").lower()
    found: list[dict[str, Any]] = []
    for h in hotels:
        if city and city not in (h.city.lower(), h.area.lower(), h.prefecture.lower()):
            continue
        if args.area and args.area.lower() != h.area.lower():
            continue
        if args.region and h.region != args.region:
            continue
        if args.min_stars and h.stars < args.min_stars:
            continue
        if args.min_rating and h.rating < args.min_rating:
            continue
        if not set(args.amenities) <= set(h.amenities):
            continue
        cheapest = min(r.base_rate_jpy for r in h.room_types)
        if args.max_price_per_night_jpy and cheapest > args.max_price_per_night_jpy:
            continue
        found.append(
            {
                "hotel_id": h.id,
                "name": h.name,
                "city": h.city,
                "area": h.area,
                "stars": h.stars,
                "rating": h.rating,
                "amenities": list(h.amenities),
                "from_jpy_per_night": cheapest,
            }
        )
    found.sort(key=lambda h: (-float(h["rating"]), h["hotel_id"]))
    return {
        "hotels": found[: args.limit],
        "matching": len(found),
        "notes": ["No dates given: prices are weekday base rates; call check_availability with dates."],
    }


@agent_tool("check_availability", label="Checking availability", untrusted_output=True, result=AvailabilityResult)
def check_availability(ctx: AssistantContext, args: CheckAvailabilityArgs, runtime: ToolRuntime) -> Any:
    """Every room type of one hotel that fits the guests, with rooms left and the total for the stay.
    A room with rooms_left 0 is sold out on at least one night."""
    result = ctx.services.hotels.availability(
        args.hotel_id, args.check_in, nights=args.nights, adults=args.adults, children=args.children
    )
    return {
        "hotel_id": result.hotel_id,
        "name": result.name,
        **_japanese(name_ja=result.name_ja),
        "stay": compact(result.stay),
        "rooms": [_room(r) for r in result.rooms],
    }


_STAY_TERMS = {"hotel_id", "room_type_id", "check_in", "nights", "adults", "children", "points_to_use"}


def quote(ctx: AssistantContext, args: QuoteStayArgs) -> StayQuote:
    return ctx.services.bookings.quote_stay(ctx.member_id, **stay_terms(args))


def stay_terms(args: QuoteStayArgs) -> dict[str, Any]:
    """The stay a quote prices and a booking books: the same keywords for both, so they cannot drift."""
    return args.model_dump(include=_STAY_TERMS)


def stay_names(stay: StayQuote | Booking) -> dict[str, Any]:
    """Which hotel and room a quote or a booking is for, with the Japanese names where the data has them."""
    return {
        "hotel_id": stay.hotel_id,
        "hotel_name": stay.hotel_name,
        "room_type_id": stay.room_type_id,
        "room_name": stay.room_name,
        **_japanese(hotel_name_ja=stay.hotel_name_ja, room_name_ja=stay.room_name_ja),
    }


def quote_view(q: StayQuote) -> dict[str, Any]:
    return {
        **stay_names(q),
        "stay": compact(q.stay),
        "nightly_jpy": [n.rate_jpy for n in q.nightly],
        "total_jpy": q.total_jpy,
        "points_to_use": q.points_to_use,
        "cash_to_pay_jpy": q.cash_to_pay_jpy,
        "points_balance": q.points_balance,
        "max_points_usable": q.max_points_usable,
        "points_earned": q.points_earned.total,
        "points_credit_on": q.points_credit_on.isoformat(),
        "points_breakdown": [compact(line) for line in getattr(q.points_earned, "lines", [])],
        "cancellation": compact(q.cancellation),
        "rooms_left": q.rooms_left,
    }


@agent_tool("quote_stay", label="Pricing the stay", result=QuoteResult)
def quote_stay(ctx: AssistantContext, args: QuoteStayArgs, runtime: ToolRuntime) -> Any:
    """The exact price of a stay for the member: nightly rates, total, points they may use (1 point = 1 JPY)
    and the cash left to pay, points they would earn (pending until check-out, then credited), and the hotel's
    cancellation policy with its dated fees. Nothing is booked."""
    return quote_view(quote(ctx, args))


@agent_tool("book_hotel", label="Booking the hotel", side_effect=True, confirm=booking_preview, result=BookedResult)
def book_hotel(ctx: AssistantContext, args: BookHotelArgs, runtime: ToolRuntime) -> Any:
    """Book the quoted stay for the member (pauses for the member's approval first). Use the same arguments
    as the quote_stay you showed them, including points_to_use."""
    booking = ctx.services.bookings.book(
        ctx.member_id, **stay_terms(args), idempotency_key=idempotency_key(ctx, runtime, "book")
    )
    return {"booked": True, **booking_view(booking)}


def booking_view(b: Booking) -> dict[str, Any]:
    return {
        "booking_id": b.id,
        **stay_names(b),
        "check_in": b.check_in.isoformat(),
        "check_out": b.check_out.isoformat(),
        "nights": b.nights,
        "adults": b.adults,
        "children": b.children,
        "total_jpy": b.total_jpy,
        "points_used": b.points_used,
        "cash_jpy": b.cash_jpy,
        "points_earned": b.points_earned,
        **({"points_credit_on": b.points_credit_on.isoformat()} if b.points_credit_on else {}),
        "status": b.status,
        "cancellation": b.cancellation.text,
        "cancellation_policy": b.cancellation.policy,
        **({"cancellation_fee_jpy": b.cancellation_fee_jpy} if b.cancellation_fee_jpy else {}),
    }


@agent_tool("cancel_booking", label="Cancelling the booking", side_effect=True, confirm=cancellation_preview,
            result=CancellationResult)
def cancel_booking(ctx: AssistantContext, args: CancelBookingArgs, runtime: ToolRuntime) -> Any:
    """Cancel one of the member's bookings (pauses for the member's approval first). The hotel's policy decides
    the fee; points used come back and the stay's pending points (credited only after check-out) are voided."""
    return ctx.services.bookings.cancel(
        ctx.member_id, args.booking_id, idempotency_key=idempotency_key(ctx, runtime, "cancel")
    )


@agent_tool("my_bookings", label="Looking up your bookings", result=BookingsResult)
def my_bookings(ctx: AssistantContext, args: MyBookingsArgs, runtime: ToolRuntime) -> Any:
    """The member's own hotel bookings: upcoming (default), past, cancelled or all."""
    listing = ctx.services.bookings.bookings(ctx.member_id, upcoming_only=args.status == "upcoming")
    today = ctx.services.clock.today()
    chosen = []
    for b in listing.bookings:
        if args.status == "cancelled" and b.status != "cancelled":
            continue
        if args.status == "past" and (b.status == "cancelled" or b.check_out > today):
            continue
        chosen.append(booking_view(b))
    return {"status": args.status, "bookings": chosen}


TOOLS = [search_hotels, check_availability, quote_stay, book_hotel, cancel_booking, my_bookings]
