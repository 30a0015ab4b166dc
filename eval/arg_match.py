"""Does one recorded tool argument satisfy a scenario's matcher (equals, contains, one_of, range, regex, date, absent)?

Kept apart from the turn checks in `eval.expectations` because it is pure: a value, a matcher and the run's day
in, a verdict and a short reason out, so every matcher kind is testable on its own.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from eval.scenario import ArgMatcher

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def lookup(args: dict[str, Any], key: str) -> tuple[bool, Any]:
    """The value at a dotted `key` in a tool call's arguments, and whether it is there at all."""
    value: Any = args
    for part in key.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return False, None
    return True, value


def _norm(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def match_arg(matcher: ArgMatcher, present: bool, value: Any, today: date) -> tuple[bool, str]:
    """Whether one argument value satisfies its matcher, and a short reason when it does not."""
    kind = matcher.kind
    if kind == "absent":
        empty = not present or value in (None, "", [], {})
        return (empty == bool(matcher.absent)), f"got {value!r}"
    if not present or value is None:
        return False, "argument missing"
    if kind == "equals":
        expected = matcher.equals
        if isinstance(expected, (int, float)) and not isinstance(expected, bool) and isinstance(value, (int, float)):
            return float(value) == float(expected), f"got {value!r}"
        if isinstance(expected, list) and isinstance(value, list):
            return [_norm(v) for v in value] == [_norm(v) for v in expected], f"got {value!r}"
        return _norm(value) == _norm(expected), f"got {value!r}"
    if kind == "contains":
        needle = _norm(matcher.contains)
        if isinstance(value, list):
            return any(_norm(v) == needle or (isinstance(v, str) and str(needle) in _norm(v)) for v in value), (
                f"got {value!r}"
            )
        return str(needle) in str(_norm(value)), f"got {value!r}"
    if kind == "one_of":
        return _norm(value) in [_norm(v) for v in matcher.one_of or []], f"got {value!r}"
    if kind == "range":
        low, high = matcher.range or (None, None)
        try:
            number = float(value)
        except (TypeError, ValueError):
            return False, f"got {value!r}, not a number"
        ok = (low is None or number >= low) and (high is None or number <= high)
        return ok, f"got {value!r}"
    if kind == "regex":
        return bool(re.search(matcher.regex or "", str(value), re.IGNORECASE)), f"got {value!r}"
    if kind == "date":
        try:
            day = date.fromisoformat(str(value)[:10])
        except ValueError:
            return False, f"got {value!r}, not a date"
        spec = matcher.date
        if spec == "any" or spec is None:
            return True, ""
        ahead = (day - today).days
        if spec.equals is not None and day != date.fromisoformat(spec.equals):
            return False, f"got {day}"
        if spec.days_ahead is not None:
            low, high = spec.days_ahead if isinstance(spec.days_ahead, tuple) else (spec.days_ahead,) * 2
            if not low <= ahead <= high:
                return False, f"got {day} ({ahead} days ahead, wanted {low}..{high})"
        if spec.weekday is not None and WEEKDAYS[day.weekday()] != spec.weekday:
            return False, f"got {day}, a {WEEKDAYS[day.weekday()]}"
        return True, ""
    return False, f"unknown matcher {kind}"  # pragma: no cover - the scenario model forbids it


def describe_matcher(key: str, matcher: ArgMatcher) -> str:
    raw = matcher.model_dump(exclude_unset=True)
    return f"{key} {matcher.kind} {json.dumps(raw[matcher.kind], default=str)}"
