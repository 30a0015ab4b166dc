"""The filter pieces the database searches share: a price range that must make sense, and exact
(case-insensitive) matches on text columns.

Why a module: the catalogue's product list, the hotel search and the indexed product search all take a price
range and say the same thing when its minimum is above its maximum; the two database searches also narrow a
query by several text columns the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import Select, func
from sqlalchemy.orm import InstrumentedAttribute

from tools.errors import InvalidRequest

Q = TypeVar("Q", bound=Select[Any])


def check_price_range(low: int | None, high: int | None) -> None:
    """InvalidRequest when both ends of a price range (JPY) are given and the minimum is above the maximum."""
    if low is not None and high is not None and low > high:
        raise InvalidRequest(f"The minimum price ({low:,} JPY) is above the maximum ({high:,} JPY).")


def where_text_is(query: Q, matches: Iterable[tuple[InstrumentedAttribute[str], str | None]]) -> Q:
    """`query` narrowed to rows whose column equals each given value, ignoring case (None or "": no filter)."""
    for column, value in matches:
        if value:
            query = query.where(func.lower(column) == value.lower())
    return query
