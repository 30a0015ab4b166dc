"""Exactly what a side effect will do, computed before the member approves it (nothing is written).

The confirmation middleware shows this to the member: for a booking the quote (price, nights, points used
and earned, cancellation terms), for a cancellation the fee the policy charges today and the points that
come back or are taken back, for a redemption the balance before and after. Each preview is the
`confirm` of its tool's registry entry; `preview_action` finds it there by the tool's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from tools import stay_points
from tools.agent_tools.base import compact
from tools.agent_tools.context import AssistantContext
from tools.agent_tools.registry import REGISTRY
from tools.agent_tools.schemas import BookHotelArgs, CancelBookingArgs, RedeemPointsArgs
from tools.bookings import points_outcome
from tools.cancellation import cancellation_fee, fee_pct_on
from tools.errors import DomainError, NotFound


@dataclass(frozen=True)
class ActionPreview:
    summary: str
    details: dict[str, Any] = field(default_factory=dict)
    ok: bool = True  # False: the action will fail as asked (the summary says why; details["error"], its kind)


def preview_action(tool: str, args: dict[str, Any], ctx: AssistantContext) -> ActionPreview:
    spec = REGISTRY.get(tool)
    if spec is None or spec.confirm is None:
        return ActionPreview(summary=f"Run {tool} with {args}")
    try:
        return spec.confirm(ctx, spec.args.model_validate(args))
    except DomainError as exc:
        return ActionPreview(summary=f"This cannot go ahead as asked: {exc.message}", details={"error": exc.code},
                             ok=False)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return ActionPreview(summary=f"This cannot go ahead as asked: {where}: {first.get('msg')}",
                             details={"error": "invalid_request"}, ok=False)


def booking_preview(ctx: AssistantContext, args: BookHotelArgs) -> ActionPreview:
    from tools.agent_tools.hotels import quote, quote_view

    q = quote(ctx, args)
    stay = q.stay
    guests = f"{stay.adults} adult{'s' if stay.adults != 1 else ''}" + (
        f", {stay.children} child{'ren' if stay.children != 1 else ''}" if stay.children else ""
    )
    pay = f"{q.total_jpy:,} JPY"
    if q.points_to_use:
        pay += f" ({q.points_to_use:,} points + {q.cash_to_pay_jpy:,} JPY)"
    summary = (
        f"Book {q.hotel_name}, {q.room_name}, {stay.check_in:%a %d %b} - {stay.check_out:%a %d %b %Y} "
        f"({stay.nights} night{'s' if stay.nights != 1 else ''}), {guests}: {pay}; "
        f"{earned_points_text(q.points_earned.total, q.points_credit_on)} {q.cancellation.text}"
    )
    return ActionPreview(summary=summary, details=quote_view(q))


def earned_points_text(points: int, credit_on: date) -> str:
    """What happens to the points a stay earns, as the confirmation states it."""
    if not points:
        return "No points are earned on this stay."
    return (f"{points:,} points earned, credited after check-out on {credit_on:%a %d %b %Y}: pending until "
            "then and not spendable; voided if the booking is cancelled.")


def cancellation_preview(ctx: AssistantContext, args: CancelBookingArgs) -> ActionPreview:
    from data.schema import CancellationPolicy
    from tools.tables import BookingRow

    with ctx.services.db.read() as session:
        row = session.get(BookingRow, args.booking_id)
        if row is None or row.member_id != ctx.member_id:  # another member's booking looks like no booking
            raise NotFound(f"No booking '{args.booking_id}' on your account. List your bookings to find the right id.")
        data = dict(row.data)
        status, check_in, check_out, total = row.status, row.check_in, row.check_out, row.total_jpy
        points_used, points_earned = row.points_used, row.points_earned
        held = stay_points.held_for(session, ctx.member_id, row.id)
    if status == "cancelled":
        return ActionPreview(summary=f"Booking {args.booking_id} is already cancelled.",
                             details={"error": "already_cancelled", "booking_id": args.booking_id}, ok=False)
    policy = CancellationPolicy.model_validate(data["policy"])
    # Held stay points are voided; only a booking credited at booking (before points were held) takes back.
    voided, reversed_ = (held, 0) if "points_credit_on" in data else (0, points_earned)
    today = ctx.services.clock.today()
    fee, fee_pct = cancellation_fee(policy, check_in, total, today), fee_pct_on(policy, check_in, today)
    fee_text = ("free of charge" if fee == 0 else
                f"with a fee of {fee:,} JPY ({fee_pct}% of the stay, charged to your card)")
    summary = (
        f"Cancel booking {args.booking_id} at {data.get('hotel_name', '')}, {check_in:%a %d %b} - "
        f"{check_out:%a %d %b %Y}, {fee_text}. {points_outcome(points_used, voided, reversed_)} "
        f"Hotel policy: {policy.text}"
    )
    details = {
        "booking_id": args.booking_id,
        "hotel_name": data.get("hotel_name"),
        **({"hotel_name_ja": data["hotel_name_ja"]} if data.get("hotel_name_ja") else {}),
        "check_in": check_in.isoformat(),
        "check_out": check_out.isoformat(),
        "total_jpy": total,
        "fee_jpy": fee,
        "fee_pct": fee_pct,
        "free": fee == 0,
        "points_refunded": points_used,
        "points_reversed": reversed_,
        "points_voided": voided,
        "policy": policy.text,
        "policy_terms": policy.model_dump(mode="json"),  # the same policy in fields: the Japanese summary's words
    }
    return ActionPreview(summary=summary, details=details)


def redemption_preview(ctx: AssistantContext, args: RedeemPointsArgs) -> ActionPreview:
    from tools.agent_tools.points import redeem_description

    balance = ctx.services.ledger.balance(ctx.member_id)
    if args.points > balance.total:
        return ActionPreview(
            summary=f"You have {balance.total:,} points, fewer than the {args.points:,} asked.",
            details={"error": "insufficient_points", "points": args.points, "balance_before": balance.total},
            ok=False,
        )
    summary = (
        f"{redeem_description(args)}: {args.points:,} points (worth {args.points:,} JPY); "
        f"balance {balance.total:,} -> {balance.total - args.points:,} points."
    )
    details = {
        "points": args.points,
        "value_jpy": args.points,
        "purpose": args.purpose,
        "balance_before": balance.total,
        "balance_after": balance.total - args.points,
        "expiring_soon": compact(balance.expiring_soon),
    }
    return ActionPreview(summary=summary, details=details)
