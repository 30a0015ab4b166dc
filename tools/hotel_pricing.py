"""Nightly rates and cancellation terms: computed from the hotel's rules, never stored per date.

Rate rule (integer JPY): `rate = base_rate_jpy * (100 + weekend_uplift + season_uplift) // 100`, i.e. the
uplifts add (they do not compound) and the result is rounded **down** to the yen. A night is a weekend night
when it starts on a Friday or a Saturday. The season uplift is the one of the month the night starts in.
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel

from data.schema import CancellationPolicy, Hotel, RoomType


class NightPrice(BaseModel):
    night: date
    rate_jpy: int
    weekend: bool
    season_uplift_pct: int


class CancellationTerms(BaseModel):
    free_until: date | None  # last day a cancellation is free (None: never free)
    fee_pct: int
    fee_jpy: int  # what cancelling after `free_until` costs on this stay
    no_show_pct: int
    text: str


def nights_of(check_in: date, nights: int) -> list[date]:
    return [check_in + timedelta(days=i) for i in range(nights)]


def night_rate(hotel: Hotel, room: RoomType, night: date) -> NightPrice:
    weekend = night.weekday() in (4, 5)
    season = hotel.season_uplift_pct.get(night.month, 0)
    uplift = (hotel.weekend_uplift_pct if weekend else 0) + season
    return NightPrice(night=night, rate_jpy=room.base_rate_jpy * (100 + uplift) // 100, weekend=weekend,
                      season_uplift_pct=season)


def stay_prices(hotel: Hotel, room: RoomType, check_in: date, nights: int) -> list[NightPrice]:
    return [night_rate(hotel, room, night) for night in nights_of(check_in, nights)]


def cancellation_terms(policy: CancellationPolicy, check_in: date, total_jpy: int, today: date) -> CancellationTerms:
    """The policy in concrete dates for one stay: free until `check_in - free_until_days`, then `fee_pct`."""
    fee = total_jpy * policy.fee_pct // 100
    free_until = check_in - timedelta(days=policy.free_until_days)
    if free_until < today:
        text = (f"Cancelling now costs {policy.fee_pct}% ({fee:,} JPY); the free cancellation period has passed. "
                f"No-show: {policy.no_show_pct}% of the stay.")
        return CancellationTerms(free_until=None, fee_pct=policy.fee_pct, fee_jpy=fee,
                                 no_show_pct=policy.no_show_pct, text=text)
    text = (f"Free cancellation until {free_until:%a %d %b %Y} (JST). After that the fee is {policy.fee_pct}% "
            f"({fee:,} JPY); no-show {policy.no_show_pct}%.")
    return CancellationTerms(free_until=free_until, fee_pct=policy.fee_pct, fee_jpy=fee,
                             no_show_pct=policy.no_show_pct, text=text)


def cancellation_fee(policy: CancellationPolicy, check_in: date, total_jpy: int, today: date) -> int:
    """0 while today is on or before the free-until day, else `floor(total * fee_pct / 100)`."""
    if today <= check_in - timedelta(days=policy.free_until_days):
        return 0
    return total_jpy * policy.fee_pct // 100
