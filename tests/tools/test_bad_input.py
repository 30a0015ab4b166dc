"""Bad input to every service: a typed error with a message a member can act on, and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from testkit.factories import TODAY
from tools.errors import Conflict, DomainError, InsufficientPoints, InvalidRequest, NotFound
from tools.services import Services

from .conftest import row_counts

FRI = TODAY + timedelta(days=3)
LONG = "x" * 10_000
NUL = "M0001\x00; DROP TABLE members"

Call = Callable[[Services], object]


def book(**overrides: object) -> Call:
    args: dict[str, object] = {"member_id": "M0001", "hotel_id": "H0001", "room_type_id": "H0001-R1",
                               "check_in": FRI, "nights": 2, "adults": 2, "children": 0, "points_to_use": 0,
                               "idempotency_key": "k"}
    args.update(overrides)
    return lambda s: s.bookings.book(**args)  # type: ignore[arg-type]


def search(**overrides: object) -> Call:
    args: dict[str, object] = {"city": "Beppu", "check_in": FRI, "nights": 2}
    args.update(overrides)
    return lambda s: s.hotels.search(**args)


# (case id, call, error type, words the message must contain)
CASES: list[tuple[str, Call, type[DomainError], str]] = [
    ("book: unknown member", book(member_id="M9999"), NotFound, "No member with id 'M9999'"),
    ("book: unknown hotel", book(hotel_id="H9999"), NotFound, "No hotel with id 'H9999'"),
    ("book: unknown room type", book(room_type_id="H0001-R9"), NotFound, "Its room types are"),
    ("book: check-in in the past", book(check_in=TODAY - timedelta(days=1)), InvalidRequest, "is in the past"),
    ("book: check-out before check-in", book(nights=None, check_out=FRI - timedelta(days=2)), InvalidRequest,
     "Check-out must be after check-in: you asked for 04 Dec to 02 Dec"),
    ("book: 0 nights", book(nights=0), InvalidRequest, "1 to 14 nights"),
    ("book: 30 nights", book(nights=30), InvalidRequest, "1 to 14 nights"),
    ("book: 0 guests", book(adults=0), InvalidRequest, "1 to 10 adults; you asked for 0"),
    ("book: 50 guests", book(adults=50), InvalidRequest, "1 to 10 adults; you asked for 50"),
    ("book: too many for the room", book(adults=2, children=3), InvalidRequest, "Choose a bigger room type"),
    ("book: negative points", book(points_to_use=-5), InvalidRequest, "points_to_use"),
    ("book: more points than held", book(points_to_use=5_001), InsufficientPoints, "You have 5,000 points"),
    ("book: 10k-character id", book(hotel_id=LONG), InvalidRequest, "at most 64 characters"),
    ("book: NUL byte in member id", book(member_id=NUL), InvalidRequest, "control characters"),
    ("book: empty idempotency key", book(idempotency_key=""), InvalidRequest, "idempotency_key"),
    ("book: date that is not a date", book(check_in="next-ish"), InvalidRequest, "check_in"),
    ("book: two years ahead", book(check_in=TODAY + timedelta(days=800)), InvalidRequest, "365 days ahead"),
    ("quote: unknown hotel", lambda s: s.bookings.quote_stay("M0001", "H404", "H404-R1", FRI, 1), NotFound, "H404"),
    ("cancel: unknown booking", lambda s: s.bookings.cancel("M0001", "BK404", "k"), NotFound, "on your account"),
    ("bookings: unknown member", lambda s: s.bookings.bookings("M404"), NotFound, "M404"),
    ("search: 0 guests", search(adults=0), InvalidRequest, "you asked for 0"),
    ("search: 50 guests", search(adults=50), InvalidRequest, "you asked for 50"),
    ("search: check-out before check-in", search(nights=None, check_out=FRI - timedelta(days=1)), InvalidRequest,
     "Check-out must be after check-in"),
    ("search: past date", search(check_in=date(2020, 1, 1)), InvalidRequest, "is in the past"),
    ("search: min above max price", search(min_price_per_night=9_000, max_price_per_night=100), InvalidRequest,
     "above the maximum"),
    ("search: unknown amenity", search(amenities=["helipad"]), InvalidRequest, "amenities"),
    ("search: absurd city", search(city=LONG), InvalidRequest, "at most 100 characters"),
    ("availability: unknown hotel", lambda s: s.hotels.availability("H404", FRI, 1), NotFound, "H404"),
    ("redeem: negative points", lambda s: s.ledger.redeem("M0001", -10, "k"), InvalidRequest, "points"),
    ("redeem: more than held", lambda s: s.ledger.redeem("M0001", 5_001, "k"), InsufficientPoints,
     "You have 5,000 points; you asked to use 5,001"),
    ("redeem: unknown member", lambda s: s.ledger.redeem("M404", 10, "k"), NotFound, "M404"),
    ("earn: expiry in the past", lambda s: s.ledger.earn("M0001", 10, "Goodwill", "k", expires_on=date(2020, 1, 1)),
     InvalidRequest, "in the past"),
    ("balance: NUL byte", lambda s: s.ledger.balance(NUL), InvalidRequest, "control characters"),
    ("history: page 0", lambda s: s.ledger.history("M0001", page=0), InvalidRequest, "page"),
    ("product: unknown id", lambda s: s.catalogue.get_product("P404"), NotFound, "'P404'"),
    ("products: min above max", lambda s: s.catalogue.list_products(min_price=500, max_price=100), InvalidRequest,
     "above the maximum"),
    ("products: negative price", lambda s: s.catalogue.list_products(max_price=-1), InvalidRequest, "max_price"),
    ("compare: one product", lambda s: s.catalogue.compare(["P000001"]), InvalidRequest, "ids"),
    ("points for purchase: out of stock", lambda s: s.catalogue.points_for_purchase("M0001", "P000003"),
     DomainError, "left in stock"),
    ("points for purchase: 0 quantity", lambda s: s.catalogue.points_for_purchase("M0001", "P000001", 0),
     InvalidRequest, "quantity"),
    ("mobile: unknown plan", lambda s: s.mobile.explain_plan("MP404"), NotFound, "Available plans: MP1, MP2"),
    ("mobile: negative data", lambda s: s.mobile.recommend(-3), InvalidRequest, "monthly_gb"),
    ("support: unknown category", lambda s: s.support.open_ticket("M0001", "rant", "help"), InvalidRequest,
     "category"),
    ("support: 10k-character summary", lambda s: s.support.open_ticket("M0001", "other", LONG), InvalidRequest,
     "at most 2000 characters"),
]


@pytest.mark.parametrize(("call", "error", "words"), [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_bad_input_is_refused_clearly_and_writes_nothing(lite: Services, call: Call, error: type[DomainError],
                                                         words: str) -> None:
    before = row_counts(lite)
    with pytest.raises(error) as caught:
        call(lite)
    assert words in caught.value.message
    assert len(caught.value.message) < 400 and "Traceback" not in caught.value.message
    assert caught.value.to_dict()["error"] == caught.value.code
    assert row_counts(lite) == before


def test_redeem_key_reused_for_other_amount_is_a_conflict(lite: Services) -> None:
    first = lite.ledger.redeem("M0001", 100, "same-key")
    assert lite.ledger.redeem("M0001", 100, "same-key") == first
    before = row_counts(lite)
    with pytest.raises(Conflict):
        lite.ledger.redeem("M0001", 200, "same-key")
    assert row_counts(lite) == before
    assert lite.ledger.balance("M0001").total == 4_900
