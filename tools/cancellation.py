"""A hotel's cancellation policy in dates and yen for one stay: what the quote promises and what cancelling costs.

Why one module: the quote, the confirmation preview, the booking record and the cancellation all read the fee
from `fee_schedule`, so the terms a member is shown and the fee charged when they cancel cannot disagree
(tests/tools/test_cancellation_policy.py checks it for every hotel of the data, on several days).

Days are JST calendar days, counted as d = days before check-in (check-in day: d = 0):
- `free_until_days` N > 0: free while d >= N, then `fee_pct`;
- N = 0: no free period at all, `fee_pct` from booking on (with 100%: non-refundable);
- a tier (days_before D, fee_pct) charges its fee while d <= D; of the tiers covering d, the one closest to
  check-in (smallest D) wins, so "30% from 6 days before, 100% on the day" reads as written;
- cancelling is possible through the check-in day; later it is a no-show (`no_show_pct`), handled by support.
A fee is `floor(total * pct / 100)` JPY, charged to the card, never in points.
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, Field

from data.schema import CancellationPolicy

_OPEN = 10**6  # "any number of days before check-in": the tier a policy starts with


class FeeStep(BaseModel):
    """Cancelling on any day from `starts_on` (None: from booking) through `ends_on` costs `fee_pct`."""

    starts_on: date | None
    ends_on: date
    fee_pct: int
    fee_jpy: int


class CancellationTerms(BaseModel):
    """The policy for one stay as of the day it was quoted or booked."""

    free_until: date | None  # last day a cancellation is free (None: never free from the day quoted)
    fee_pct: int  # the fee once the free period is over (the first step that charges)
    fee_jpy: int
    no_show_pct: int
    text: str  # the terms in dates and yen
    # Absent from results recorded before the policy was dated (idempotent replays of old requests):
    non_refundable: bool = False  # every cancellation from the day quoted costs the full stay
    fee_today_jpy: int = 0  # what cancelling on the day quoted costs
    schedule: list[FeeStep] = Field(default_factory=list)  # the day quoted through the check-in day
    policy: str = ""  # the hotel's own words


def _tiers(policy: CancellationPolicy) -> list[tuple[int, int]]:
    """(days_before, pct) for the whole policy: the opening tier, the fee after the free period, the tiers."""
    if policy.free_until_days > 0:
        base = [(_OPEN, 0), (policy.free_until_days - 1, policy.fee_pct)]
    else:
        base = [(_OPEN, policy.fee_pct)]
    return base + [(t.days_before, t.fee_pct) for t in policy.tiers]


def fee_pct_on(policy: CancellationPolicy, check_in: date, day: date) -> int:
    """The percentage of the stay that cancelling on `day` costs (after check-in: the no-show percentage)."""
    before = (check_in - day).days
    if before < 0:
        return policy.no_show_pct
    return min((d, pct) for d, pct in _tiers(policy) if d >= before)[1]


def cancellation_fee(policy: CancellationPolicy, check_in: date, total_jpy: int, day: date) -> int:
    """What cancelling on `day` costs, in JPY: `floor(total * pct / 100)`."""
    return total_jpy * fee_pct_on(policy, check_in, day) // 100


def fee_schedule(policy: CancellationPolicy, check_in: date, total_jpy: int, since: date) -> list[FeeStep]:
    """Every day from `since` through the check-in day, as runs of days with the same fee, earliest first."""
    if since > check_in:
        return []
    cuts = sorted({d for d, _ in _tiers(policy) if d < (check_in - since).days}, reverse=True)
    starts = [since] + [check_in - timedelta(days=d) for d in cuts]
    steps: list[FeeStep] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - timedelta(days=1) if i + 1 < len(starts) else check_in
        pct = fee_pct_on(policy, check_in, start)
        if steps and steps[-1].fee_pct == pct:
            steps[-1] = steps[-1].model_copy(update={"ends_on": end})
            continue
        steps.append(FeeStep(starts_on=start if steps else None, ends_on=end, fee_pct=pct,
                             fee_jpy=total_jpy * pct // 100))
    return steps


def cancellation_terms(policy: CancellationPolicy, check_in: date, total_jpy: int, today: date) -> CancellationTerms:
    """The policy in concrete dates for one stay quoted or booked on `today`."""
    steps = fee_schedule(policy, check_in, total_jpy, today)
    free = steps[0] if steps and steps[0].fee_pct == 0 else None
    paid = [s for s in steps if s.fee_pct > 0]
    first = paid[0] if paid else None
    non_refundable = bool(steps) and all(s.fee_pct == 100 for s in steps)
    return CancellationTerms(
        free_until=free.ends_on if free else None,
        fee_pct=first.fee_pct if first else 0,
        fee_jpy=first.fee_jpy if first else 0,
        no_show_pct=policy.no_show_pct,
        non_refundable=non_refundable,
        fee_today_jpy=steps[0].fee_jpy if steps else cancellation_fee(policy, check_in, total_jpy, today),
        schedule=steps,
        policy=policy.text,
        text=_text(policy, check_in, total_jpy, steps),
    )


def _text(policy: CancellationPolicy, check_in: date, total_jpy: int, steps: list[FeeStep]) -> str:
    no_show = f"no-show {policy.no_show_pct}%."
    if not steps:
        return f"The stay has started: it can no longer be cancelled here; {no_show}"
    first, rest = steps[0], steps[1:]
    if first.fee_pct == 0:
        if not rest:
            return f"Free cancellation until the check-in day, {first.ends_on:%a %d %b %Y} (JST); {no_show}"
        opening = f"Free cancellation until {first.ends_on:%a %d %b %Y} (JST)."
    elif all(s.fee_pct == 100 for s in steps) and policy.free_until_days == 0:
        return f"Non-refundable: cancelling at any time costs the full stay ({total_jpy:,} JPY); {no_show}"
    else:
        opening = f"Cancelling costs {first.fee_pct}% of the stay ({first.fee_jpy:,} JPY)"
        if policy.free_until_days:
            ended = check_in - timedelta(days=policy.free_until_days)
            opening += f"; the policy's free period ended on {ended:%a %d %b %Y}"
        opening += "."
    if not rest:
        return f"{opening} No-show {policy.no_show_pct}%."
    if len(rest) == 1 and first.fee_pct == 0:
        return f"{opening} After that the fee is {rest[0].fee_pct}% ({rest[0].fee_jpy:,} JPY); {no_show}"
    later = ", ".join(f"{s.fee_pct}% ({s.fee_jpy:,} JPY) from {s.starts_on:%a %d %b}" for s in rest)
    return f"{opening} After that: {later}; {no_show}"
