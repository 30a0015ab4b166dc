"""Nightly rates: computed from the hotel's rules, never stored per date (cancellation terms: tools/cancellation.py).

Rate rule (integer JPY): `rate = base_rate_jpy * (100 + weekend_uplift + season_uplift) // 100`, i.e. the
uplifts add (they do not compound) and the result is rounded **down** to the yen. A night is a weekend night
when it starts on a Friday or a Saturday. The season uplift is the one of the month the night starts in.
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel

from data.schema import Hotel, RoomType


class NightPrice(BaseModel):
    night: date
    rate_jpy: int
    weekend: bool
    season_uplift_pct: int


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
