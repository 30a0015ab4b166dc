"""Real Japanese destinations: what they are known for, climate, access, and the districts hotels sit in.

Climate figures are rounded monthly normals of the nearest weather station (Japan Meteorological Agency
style 1991-2020 averages), adjusted by `offset` for altitude; they are plausible, not authoritative.
The tables themselves are data, one record a line in places.json.
"""

from __future__ import annotations

from dataclasses import dataclass

from data.vocab.tables import load_table


@dataclass(frozen=True)
class Place:
    area: str
    city: str
    prefecture: str
    region: str
    climate: str
    offset: int  # degrees added for altitude / local effects
    known_for: tuple[str, ...]
    activities: tuple[str, ...]
    best_months: tuple[int, ...]
    from_tokyo: str
    from_osaka: str
    description: str
    districts: tuple[str, ...]  # areas hotels sit in
    hotels: int  # relative share of the hotels


_TABLES = load_table("places")
# name -> (avg highs Jan..Dec, avg lows Jan..Dec, days with rain/snow Jan..Dec)
CLIMATES: dict[str, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]] = _TABLES["CLIMATES"]
# First month of cherry blossom and the peak month of autumn colour, by climate
SAKURA_MONTH: dict[str, int] = _TABLES["SAKURA_MONTH"]
MOMIJI_MONTH: dict[str, int] = _TABLES["MOMIJI_MONTH"]
PLACES: tuple[Place, ...] = tuple(Place(**record) for record in _TABLES["PLACES"])
