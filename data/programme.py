"""The points programme's rules, its campaigns and the mobile carrier's plans (fixed facts, no randomness).

The tiered plan follows the public shape described in DESIGN.md: 1,078 JPY up to 3 GB, 2,178 JPY up to
20 GB, 3,278 JPY beyond, tax included, free domestic calls through the carrier's app.
The facts are data, one record a line in data/vocab/programme.json; each call returns fresh lists and dicts.
"""

from __future__ import annotations

from typing import Any

from data.vocab.tables import read_records


def points_rules() -> dict[str, Any]:
    rules: dict[str, Any] = read_records("programme")["points_rules"]
    return rules


def mobile_plans() -> list[dict[str, Any]]:
    """The plans, each with its options in full (the table names them by id)."""
    records = read_records("programme")
    options = {option["id"]: option for option in records["options"]}
    plans: list[dict[str, Any]] = records["mobile_plans"]
    for plan in plans:
        plan["options"] = [options[option] for option in plan["options"]]
    return plans


def campaigns() -> list[dict[str, Any]]:
    """Campaign windows are relative to the load date (negative start = already running)."""
    windows: list[dict[str, Any]] = read_records("programme")["campaigns"]
    return windows
