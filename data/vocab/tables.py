"""Reads the hand-written vocabulary tables, kept as JSON beside the modules that name them.

A table is data, not code: one record a line in `<module>.json`, read once at import. Lists come back as tuples,
so every table is immutable and equal to the Python literal it replaced (the generator draws the same bytes).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


def read_records(module: str) -> dict[str, Any]:
    """The named tables of `data/vocab/<module>.json` as plain JSON (fresh lists and dicts on every call)."""
    records: dict[str, Any] = json.loads(Path(__file__).with_name(f"{module}.json").read_text(encoding="utf-8"))
    return records


def load_table(module: str) -> dict[str, Any]:
    """The named tables of `data/vocab/<module>.json`, lists as tuples."""
    tables: dict[str, Any] = _frozen(read_records(module))
    return tables


def by_rating(table: dict[str, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """A table keyed by star rating (JSON keys are strings)."""
    return {int(rating): lines for rating, lines in table.items()}
