"""Independent, reproducible random streams: one per entity kind (and per item where order must not matter).

`random.Random` seeded with an integer is stable across Python versions and processes (unlike `hash()`),
so the same seed gives the same bytes everywhere. Each entity kind has its own stream number so that
generating more hotels never reshuffles products, and each product has its own stream so a larger size is
a superset of a smaller one (the first 3,000 products of `medium` are the `small` products).
"""

from __future__ import annotations

import random
import zlib

STREAMS = {"shops": 1, "products": 2, "hotels": 3, "destinations": 4, "members": 5, "campaigns": 6, "queries": 7,
           "products_ja": 8, "hotels_ja": 9, "queries_ja": 10}


def stream(seed: int, kind: str, item: int = 0) -> random.Random:
    """A generator for one entity kind (and optionally one item of it)."""
    return random.Random(seed * 1_000_000_007 + STREAMS[kind] * 100_000_007 + item)


def stable_int(text: str) -> int:
    """A process-independent integer for a string (Python's `hash` is salted per process)."""
    return zlib.crc32(text.encode("utf-8"))
