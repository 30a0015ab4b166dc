"""Property tests: whatever arguments a model (or an attacker) sends, every tool and every domain service
answers with a result or a typed, actionable error, never a crash and never a partial write; and after any
sequence of bookings, cancellations and redemptions the books balance.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langchain.tools import ToolRuntime
from sqlalchemy import func, select

from testkit.books import ledger_sums, room_night_problems
from testkit.factories import TODAY
from tests.security.world import ME, STAY_DAY, VICTIM, Arena, build_arena, open_services
from tools.agent_tools import agent_tools
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.registry import REGISTRY
from tools.errors import DomainError
from tools.services import Services
from tools.tables import BookingRow, IdempotencyRow, LedgerEntryRow, MemberRow, RoomNightRow, TicketRow

PROPERTY_SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                             suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
WRITE_TABLES = (BookingRow, LedgerEntryRow, RoomNightRow, IdempotencyRow, TicketRow)
ERROR_CODES = {"not_found", "invalid_request", "sold_out", "insufficient_points", "not_allowed", "conflict",
               "invalid_arguments", "domain_error"}

NASTY_TEXT = st.sampled_from(["", " ", "\x00", "M0002", "'; DROP TABLE bookings; --", "../../etc/passwd", "😀" * 50,
                              "x" * 5000, "<script>alert(1)</script>", "\u202eevil", "１２３", "NaN", "-1", "1e309",
                              "2026-02-30", "0000-00-00", "H0001", "H0001-R1", "P000101", "BK0000000000"])
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**15), 10**15) | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40) | NASTY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)).map(date.isoformat)
PLAUSIBLE: dict[str, st.SearchStrategy[Any]] = {
    "hotel_id": st.sampled_from(["H0001", "H0002", "H9999", "h0001", "H0001 "]),
    "room_type_id": st.sampled_from(["H0001-R1", "H0002-R1", "H0001-R9", "H0002-R1x"]),
    "product_id": st.sampled_from(["P000001", "P000101", "P999999", "P1"]),
    "product_ids": st.lists(st.sampled_from(["P000001", "P000002", "P000101", "P999999"]), max_size=6),
    "booking_id": st.sampled_from(["BK0000000000", "$VICTIM", "x"]),
    "check_in": st.one_of(DATES, st.just(STAY_DAY.isoformat()), st.just(TODAY.isoformat())),
    "nights": st.integers(-3, 30), "adults": st.integers(-1, 12), "children": st.integers(-1, 12),
    "points": st.integers(-10, 200_000), "points_to_use": st.integers(-10, 200_000),
    "plan_id": st.sampled_from(["MP1", "MP2", "MPX"]),
}


def tool_args(name: str, arena: Arena) -> st.SearchStrategy[dict[str, Any]]:
    fields = list(REGISTRY.args_models[name].model_fields)

    def value(field: str) -> st.SearchStrategy[Any]:
        plausible = PLAUSIBLE.get(field)
        if field == "booking_id":
            plausible = st.sampled_from([arena.victim_booking, "BK0000000000", "x" * 65])
        return st.one_of(plausible, ANY_JSON) if plausible is not None else ANY_JSON

    known = st.fixed_dictionaries({}, optional={f: value(f) for f in fields})
    extra = st.dictionaries(st.sampled_from(["member_id", "user", "__class__", "approved"]), ANY_JSON,
                            max_size=1)
    # ("runtime" is not among the extras: the agent's tool node always injects the session's own; the hostile
    # model tests show a model-supplied one is ignored.)
    return st.builds(lambda a, b: {**a, **b}, known, st.one_of(st.just({}), extra))


@pytest.fixture(scope="module")
def property_arena(tmp_path_factory: pytest.TempPathFactory) -> Arena:
    workdir = tmp_path_factory.mktemp("props")
    return build_arena(f"sqlite:///{workdir / 'props.db'}", workdir)


@pytest.fixture(scope="module")
def services(property_arena: Arena) -> Any:
    services = open_services(property_arena)
    yield services
    services.close()


def counts(services: Services) -> dict[str, int]:
    with services.db.read() as session:
        return {t.__tablename__: session.execute(select(func.count()).select_from(t)).scalar_one()
                for t in WRITE_TABLES}


def runtime_for(services: Services, call_id: str) -> ToolRuntime[Any, Any]:
    ctx = AssistantContext(member_id=ME, services=services, thread_id="T-props")
    return ToolRuntime(state={"messages": []}, context=ctx, config={}, stream_writer=lambda _: None,
                       tool_call_id=call_id, store=None)


TOOLS = {t.name: t for t in agent_tools()}


@pytest.mark.parametrize("name", list(REGISTRY.args_models))
def test_every_tool_answers_any_arguments_with_json_or_a_typed_error(name: str, property_arena: Arena,
                                                                     services: Services) -> None:
    tool = TOOLS[name]
    calls = [0]

    @PROPERTY_SETTINGS
    @given(args=tool_args(name, property_arena))
    def check(args: dict[str, Any]) -> None:
        calls[0] += 1
        before = counts(services)
        victim = services.ledger.balance(VICTIM).total
        text = tool.func(runtime=runtime_for(services, f"call-{name}-{calls[0]}"), **args)  # type: ignore[attr-defined]
        data = json.loads(text)
        if isinstance(data, dict) and "error" in data:
            assert data["error"] in ERROR_CODES and data["message"].strip(), text
            assert counts(services) == before, f"{name} failed but wrote: {text}"
        assert services.ledger.balance(VICTIM).total == victim

    check()


SERVICE_CALLS = st.one_of(
    st.builds(lambda *a: ("quote", a), st.sampled_from([ME, VICTIM, "M9999", "", "\x00"]), PLAUSIBLE["hotel_id"],
              PLAUSIBLE["room_type_id"], PLAUSIBLE["check_in"], PLAUSIBLE["nights"], PLAUSIBLE["adults"],
              PLAUSIBLE["children"], PLAUSIBLE["points_to_use"]),
    st.builds(lambda *a: ("book", a), st.just(ME), PLAUSIBLE["hotel_id"], PLAUSIBLE["room_type_id"],
              PLAUSIBLE["check_in"], PLAUSIBLE["nights"], PLAUSIBLE["adults"], PLAUSIBLE["children"],
              PLAUSIBLE["points_to_use"], st.text(max_size=210)),
    st.builds(lambda *a: ("redeem", a), st.sampled_from([ME, "M9999"]), st.one_of(PLAUSIBLE["points"], ANY_JSON),
              st.text(max_size=210)),
    st.builds(lambda *a: ("earn", a), st.sampled_from([ME, "M9999"]), st.integers(-100, 10**9),
              st.one_of(st.text(max_size=300), NASTY_TEXT), st.text(max_size=210)),
    st.builds(lambda *a: ("history", a), st.sampled_from([ME, "M9999", "x" * 100]), st.integers(-2, 10**6),
              st.integers(-2, 10**6)),
    st.builds(lambda *a: ("products", a), st.one_of(st.none(), NASTY_TEXT), st.one_of(st.none(), st.integers()),
              st.one_of(st.none(), st.integers()), st.one_of(st.none(), st.floats(allow_nan=True)),
              st.one_of(st.sampled_from(["relevance", "price_asc", "rating"]), NASTY_TEXT),
              st.integers(-5, 10**7), st.integers(-5, 10**4)),
    st.builds(lambda *a: ("compare", a), PLAUSIBLE["product_ids"]),
    st.builds(lambda *a: ("purchase", a), st.sampled_from([ME, "M9999"]), PLAUSIBLE["product_id"],
              st.integers(-5, 10**6), st.integers(-5, 10**9)),
    st.builds(lambda *a: ("hotels", a), PLAUSIBLE["check_in"], PLAUSIBLE["nights"], PLAUSIBLE["adults"],
              st.one_of(st.none(), NASTY_TEXT), st.one_of(st.none(), st.integers()), st.integers(-3, 10**6)),
    st.builds(lambda *a: ("availability", a), PLAUSIBLE["hotel_id"], PLAUSIBLE["check_in"], PLAUSIBLE["nights"]),
    st.builds(lambda *a: ("recommend", a), st.one_of(st.floats(allow_nan=True), st.integers()), st.integers(),
              st.booleans()),
    st.builds(lambda *a: ("plan", a), st.one_of(PLAUSIBLE["plan_id"], NASTY_TEXT)),
    st.builds(lambda *a: ("ticket", a), st.sampled_from([ME, "M9999"]), st.one_of(st.sampled_from(
        ["booking", "points", "other"]), NASTY_TEXT), st.one_of(st.text(max_size=50), NASTY_TEXT)),
)


def run_service_call(s: Services, op: str, a: tuple[Any, ...]) -> object:
    match op:
        case "quote":
            return s.bookings.quote_stay(a[0], a[1], a[2], a[3], nights=a[4], adults=a[5], children=a[6],
                                         points_to_use=a[7])
        case "book":
            return s.bookings.book(a[0], a[1], a[2], a[3], nights=a[4], adults=a[5], children=a[6],
                                   points_to_use=a[7], idempotency_key=a[8])
        case "redeem":
            return s.ledger.redeem(a[0], a[1], idempotency_key=a[2])
        case "earn":
            return s.ledger.earn(a[0], a[1], a[2], idempotency_key=a[3])
        case "history":
            return s.ledger.history(a[0], page=a[1], page_size=a[2])
        case "products":
            return s.catalogue.list_products(category=a[0], min_price=a[1], max_price=a[2], min_rating=a[3],
                                             sort=a[4], offset=a[5], limit=a[6])
        case "compare":
            return s.catalogue.compare(a[0])
        case "purchase":
            return s.catalogue.points_for_purchase(a[0], a[1], quantity=a[2], points_to_use=a[3])
        case "hotels":
            return s.hotels.search(a[0], nights=a[1], adults=a[2], location=a[3], max_price_per_night=a[4],
                                   limit=a[5])
        case "availability":
            return s.hotels.availability(a[0], a[1], nights=a[2])
        case "recommend":
            return s.mobile.recommend(a[0], call_minutes_per_month=a[1], uses_app_for_calls=a[2])
        case "plan":
            return s.mobile.explain_plan(a[0])
        case "ticket":
            return s.support.open_ticket(a[0], a[1], a[2])
    raise AssertionError(op)


@PROPERTY_SETTINGS
@given(call=SERVICE_CALLS)
def test_domain_services_return_or_raise_a_typed_error_and_write_nothing_on_error(
    call: tuple[str, tuple[Any, ...]], services: Services
) -> None:
    op, args = call
    before = counts(services)
    try:
        run_service_call(services, op, args)
    except DomainError as exc:
        assert exc.message.strip() and exc.code in ERROR_CODES
        assert counts(services) == before, f"{op} raised {exc.code} but wrote"


def books_balance(services: Services) -> None:
    """Each member's cached balance equals the sum of the ledger; no room night is oversold or overfilled."""
    with services.db.read() as session:
        members = session.execute(select(MemberRow.id)).scalars().all()
        ledger = ledger_sums(session)
        problems = room_night_problems(session)
    for member_id in members:
        assert services.ledger.balance(member_id).total == ledger.get(member_id, 0) >= 0, member_id
    assert problems == []


OPS = st.lists(st.one_of(
    st.tuples(st.just("book"), st.sampled_from([ME, VICTIM]), st.sampled_from(["H0001-R1", "H0002-R1"]),
              st.integers(5, 12), st.integers(1, 3), st.sampled_from([0, 1_000, 4_000])),
    st.tuples(st.just("cancel"), st.sampled_from([ME, VICTIM]), st.integers(0, 5)),
    st.tuples(st.just("redeem"), st.sampled_from([ME, VICTIM]), st.sampled_from([1, 50, 999, 3_000, 90_000])),
), min_size=1, max_size=12)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=OPS)
def test_any_sequence_of_side_effects_keeps_the_books_balanced(ops: list[tuple[Any, ...]], tmp_path: Path) -> None:
    workdir = tmp_path / f"seq-{uuid.uuid4().hex}"
    workdir.mkdir()
    services = open_services(build_arena(f"sqlite:///{workdir / 'seq.db'}", workdir))
    try:
        for i, op in enumerate(ops):
            try:
                if op[0] == "book":
                    _, member, room, day, nights, points = op
                    services.bookings.book(member, room.split("-")[0], room, TODAY + timedelta(days=day),
                                           nights=nights, points_to_use=points, idempotency_key=f"k{i}")
                elif op[0] == "cancel":
                    _, member, which = op
                    mine = services.bookings.bookings(member).bookings
                    if mine:
                        services.bookings.cancel(member, mine[which % len(mine)].id, idempotency_key=f"c{i}")
                else:
                    _, member, points = op
                    services.ledger.redeem(member, points, idempotency_key=f"r{i}")
            except DomainError:
                pass
            books_balance(services)
    finally:
        services.close()
