"""Is every figure in an answer backed by a tool result? The offline engine's promise, checkable.

`ungrounded(answer, tool_results)` lists the prices, points figures and ids in `answer` that do not
appear in any tool result of the conversation (and the catalogue names in `known_names` that the answer
mentions but no tool returned). The engine runs it on its own answers; tests call `assert_grounded`.
Dates, counts of nights and guests are not checked: they come from the member's own words.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable
from typing import Any

_MONEY = re.compile(r"(?:[¥￥]\s?|\bJPY\s?)(\d[\d,]*)|(\d[\d,]*)\s?(?:JPY\b|yen\b|円)", re.IGNORECASE)
_POINTS = re.compile(r"(\d[\d,]*)\s?(?:points?\b|pts?\b|ポイント)", re.IGNORECASE)
_IDS = re.compile(r"\b(?:P\d{4,}|H\d{3,}(?:-R\d+)?|D\d{3,}|BK[-_]?[A-Z0-9]{3,}|B\d{4,}|T\d{4,})\b")
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def _walk(value: Any, out: list[str]) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _walk(item, out)
    elif isinstance(value, list):
        for item in value:
            _walk(item, out)
    elif value is not None:
        out.append(str(value))


def evidence_of(tool_results: Iterable[str]) -> tuple[set[int], str]:
    """All integers (absolute values) and the lower-cased text of the tool results."""
    numbers: set[int] = set()
    texts: list[str] = []
    for raw in tool_results:
        pieces = [raw]
        with contextlib.suppress(ValueError, TypeError):
            _walk(json.loads(raw), pieces)
        for piece in pieces:
            texts.append(piece.lower())
            for match in _NUMBER.finditer(piece):
                try:
                    numbers.add(abs(round(float(match.group().replace(",", "")))))
                except ValueError:
                    continue
    return numbers, "\n".join(texts)


def ungrounded(answer: str, tool_results: Iterable[str], known_names: Iterable[str] = ()) -> list[str]:
    numbers, text = evidence_of(tool_results)
    problems: list[str] = []
    for match in _MONEY.finditer(answer):
        value = int((match.group(1) or match.group(2)).replace(",", ""))
        if value not in numbers:
            problems.append(f"price {match.group().strip()}")
    for match in _POINTS.finditer(answer):
        value = int(match.group(1).replace(",", ""))
        if value not in numbers:
            problems.append(f"points {match.group().strip()}")
    for match in _IDS.finditer(answer):
        if match.group().lower() not in text:
            problems.append(f"id {match.group()}")
    lowered = answer.lower()
    for name in known_names:
        if len(name) >= 6 and name.lower() in lowered and name.lower() not in text:
            problems.append(f"name {name!r}")
    return problems


def assert_grounded(answer: str, tool_results: Iterable[str], known_names: Iterable[str] = ()) -> None:
    """Raise AssertionError naming every figure, id or name in `answer` that no tool result contains."""
    results = list(tool_results)
    problems = ungrounded(answer, results, known_names)
    assert not problems, f"ungrounded in answer {answer!r}: {problems}"
