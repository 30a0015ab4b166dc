"""Destination guides (areas, climate by month, access), built on the hand-written facts in `data.vocab.places`."""

from __future__ import annotations

from typing import Any

from data.japanese import destination_ja
from data.vocab.places import CLIMATES, MOMIJI_MONTH, PLACES, SAKURA_MONTH, Place

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WARM_JANUARY_C = 18  # a January average high at or above this counts as "warm in winter"


def _month_note(place: Place, month: int, high: int, low: int) -> str:
    notes: list[str] = []
    climate = place.climate
    if SAKURA_MONTH.get(climate) == month:
        notes.append("cherry blossoms" if climate not in ("naha", "yaeyama") else "early hikan-zakura cherry blossoms")
    if MOMIJI_MONTH.get(climate) == month and ("autumn leaves" in place.activities or "hiking" in place.activities):
        notes.append("autumn leaves at their best")
    if low <= -3:
        notes.append(
            "heavy snow" if climate in ("niseko", "aomori", "takayama", "highland", "sapporo") else "freezing nights"
        )
    elif low <= 0:
        notes.append("snow possible")
    if month == 6 and climate not in ("sapporo", "niseko", "hakodate", "naha", "yaeyama"):
        notes.append("rainy season (tsuyu)")
    if month in (5, 6) and climate in ("naha", "yaeyama"):
        notes.append("rainy season")
    if month in (8, 9) and climate in ("naha", "yaeyama", "kagoshima", "yakushima", "shikoku"):
        notes.append("typhoon risk")
    if month == 5:
        notes.append("Golden Week crowds early in the month")
    if "skiing" in place.activities and month in (1, 2):
        notes.append("peak ski season")
    if "beach" in place.activities and high >= 27:
        notes.append("beach season")
    if not notes:
        notes.append(
            "hot and humid"
            if high >= 30
            else "warm"
            if high >= 24
            else "mild"
            if high >= 15
            else "cool"
            if high >= 8
            else "cold"
        )
    return ", ".join(notes)


def _climate(place: Place) -> list[dict[str, Any]]:
    highs, lows, rain = CLIMATES[place.climate]
    rows = []
    for m in range(12):
        high, low = highs[m] + place.offset, lows[m] + place.offset
        rows.append(
            {
                "month": m + 1,
                "avg_high_c": high,
                "avg_low_c": low,
                "rain_days": rain[m],
                "note": _month_note(place, m + 1, high, low),
            }
        )
    return rows


def destination_tags(place: Place, climate: list[dict[str, Any]]) -> list[str]:
    tags = {f"activity:{a}" for a in place.activities} | {f"region:{place.region}"}
    if climate[0]["avg_high_c"] >= WARM_JANUARY_C:
        tags.add("climate:warm-winter")
    if climate[0]["avg_high_c"] <= 3:
        tags.add("climate:snowy-winter")
    if climate[7]["avg_high_c"] <= 26:
        tags.add("climate:cool-summer")
    return sorted(tags)


def generate_destinations() -> list[dict[str, Any]]:
    """All destination guides (hand-written facts; no randomness)."""
    rows = []
    for i, place in enumerate(PLACES):
        climate = _climate(place)
        rows.append(
            {
                "id": f"D{i + 1:03d}",
                "area": place.area,
                "city": place.city,
                "prefecture": place.prefecture,
                "region": place.region,
                "known_for": list(place.known_for),
                "activities": list(place.activities),
                "climate": climate,
                "best_months": sorted(place.best_months),
                "access": {"Osaka": place.from_osaka, "Tokyo": place.from_tokyo},
                "description": place.description,
                "truth_tags": destination_tags(place, climate),
            }
        )
        rows[-1].update(destination_ja(rows[-1], place))
    return rows
