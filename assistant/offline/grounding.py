"""Is every figure in an answer backed by a tool result? The offline engine's promise, checkable by anyone.

A figure is grounded only when the same value of the same kind appears in a field of that kind in the
conversation's tool results or in the system-built confirmation (summary and details): "¥2,026" needs a
JPY field holding 2026, so the check-in date 2026-12-05 grounds nothing but a date, and an id or a star
count never vouches for a price or a points figure (`assistant.offline.figures` says what kind a field and
a written figure are). The member's own words and the arguments the tools were called with (the model's
reading of those words) are weaker evidence: they may ground a limit the member set ("hotels under
¥15,000"), never a product's price. Ids must appear in the evidence text and catalogue names among the
names the tools returned (or that the member typed: repeating them invents nothing).

`Evidence` gathers the facts; `ungrounded(answer, evidence)` lists what the answer states without them.
The engine runs it on its own answers and the eval on every model's, so both mean the same by "grounded".
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.offline.figures import (
    Figure,
    Kind,
    figures_in,
    is_date,
    is_numeric,
    iso_date_value,
    key_kind,
    normalise,
)

_IDS = re.compile(r"\b(?:P\d{4,}|H\d{3,}(?:-R\d+)?|D\d{3,}|BK[-_]?[A-Z0-9]{3,}|B\d{4,}|T\d{4,})\b")
_WRAPPED = re.compile(r"^<catalogue_data[^>]*>(?P<body>.*)</catalogue_data>$", re.DOTALL)
_NAME_KEYS = frozenset({"name", "title"})
_STATED_KINDS = frozenset({Kind.DATE, Kind.COUNT})
_LEADING_NUMBER = re.compile(r"^\s*(\d[\d,]*(?:\.\d+)?)(?![\d-])")


def _parse(raw: str) -> Any:
    text = raw.strip()
    wrapped = _WRAPPED.match(text)
    if wrapped:
        text = wrapped.group("body").strip()
    with contextlib.suppress(ValueError, TypeError):
        return json.loads(text)
    return text


@dataclass
class Evidence:
    """What the conversation established, by kind: facts (tool results, confirmations) and the member's
    own statements (their words, and tool arguments), plus the text ids and names are looked up in."""

    facts: dict[Kind, set[float]] = field(default_factory=dict)
    stated: dict[Kind, set[float]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    # -- gathering ------------------------------------------------------------------------------------
    def add_result(self, raw: str | Any, tool: str = "") -> None:
        """A tool's output (JSON text, quoted catalogue data, or plain text): numbers typed by their keys."""
        value = _parse(raw) if isinstance(raw, str) else raw
        self.texts.append(raw if isinstance(raw, str) else json.dumps(value, default=str, ensure_ascii=False))
        self._walk(value, (tool,) if tool else (), self.facts)

    def add_confirmation(self, summary: str, details: Mapping[str, Any] | None = None, tool: str = "") -> None:
        """What the system showed the member to approve: the summary's unit-marked figures and the details."""
        self.texts.append(summary)
        self.names.append(summary.lower())  # it names the hotel or product the member is approving
        self._text_figures(summary, self.facts)
        if details:
            self.add_result(dict(details), tool)

    def add_member_words(self, text: str) -> None:
        """The member's message: limits they set (a budget), dates, ids and names they typed."""
        self.texts.append(text)
        self.names.append(text.lower())
        self._text_figures(text, self.stated)

    def add_arguments(self, args: Mapping[str, Any], tool: str = "") -> None:
        """A tool call's arguments: the model's reading of the member's wishes, so only `stated`."""
        self.texts.append(json.dumps(dict(args), default=str, ensure_ascii=False))
        self._walk(dict(args), (tool,) if tool else (), self.stated, names=False)

    def _text_figures(self, text: str, into: dict[Kind, set[float]]) -> None:
        for figure in figures_in(text):
            into.setdefault(figure.kind, set()).add(figure.value)

    def _walk(self, value: Any, path: tuple[str, ...], into: dict[Kind, set[float]], names: bool = True) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                self._walk(item, (*path, str(key)), into, names)
        elif isinstance(value, list | tuple):
            for item in value:
                self._walk(item, path, into, names)  # a list's items are of the list's key's kind
        elif isinstance(value, bool) or value is None:
            return
        elif isinstance(value, int | float):
            self._number(float(value), path, into)
        else:
            text = str(value)
            if names and path and path[-1].lower().split("_")[-1] in _NAME_KEYS:
                self.names.append(text.lower())
            if is_date(text):
                day = iso_date_value(text)
                if day is not None:
                    into.setdefault(Kind.DATE, set()).add(day)
                return
            if is_numeric(text):
                self._number(float(text), path, into)
                return
            lead = _LEADING_NUMBER.match(text)
            if lead:  # a formatted field value: "rating": "4.6 (202 reviews)" is a rating of 4.6
                self._number(float(lead.group(1).replace(",", "")), path, into)
            self._text_figures(text, into)  # free text carries its own units ("base 1%", "12,000 JPY")

    @staticmethod
    def _number(value: float, path: tuple[str, ...], into: dict[Kind, set[float]]) -> None:
        kind = key_kind(path)
        if kind is None or kind is Kind.DATE:
            return
        into.setdefault(kind, set()).add(abs(value))
        if kind is Kind.PERCENT and 0 < abs(value) < 1:  # a fraction field (0.5) is also written 50%
            into[kind].add(round(abs(value) * 100, 6))

    # -- judging --------------------------------------------------------------------------------------
    def grounds(self, figure: Figure) -> bool:
        if _matches(figure, self.facts.get(figure.kind, ())):
            return True
        # The member's dates and head counts may be repeated back, and so may a limit they set ("under
        # ¥15,000"); a product's price, points or rating may not come from their words.
        if figure.kind in _STATED_KINDS or figure.bound:
            return _matches(figure, self.stated.get(figure.kind, ()))
        return False

    def has_text(self, needle: str) -> bool:
        lowered = needle.lower()
        return any(lowered in t.lower() for t in self.texts)

    def has_name(self, name: str) -> bool:
        lowered = name.lower()
        return any(lowered in n for n in self.names)


def _matches(figure: Figure, values: Iterable[float]) -> bool:
    """Same value as written: integers exactly, decimals to the precision the answer wrote them with."""
    for value in values:
        if figure.decimals and figure.kind in {Kind.RATING, Kind.PERCENT, Kind.MULTIPLIER}:
            if round(value, figure.decimals) == figure.value:
                return True
        elif abs(value - figure.value) < 1e-9:
            return True
    return False


def evidence_from_results(tool_results: Iterable[str | tuple[str, str]]) -> Evidence:
    """Evidence from tool outputs alone: each item a result text, or (tool name, result text)."""
    evidence = Evidence()
    for item in tool_results:
        if isinstance(item, tuple):
            evidence.add_result(item[1], item[0])
        else:
            evidence.add_result(item)
    return evidence


def ungrounded(
    answer: str, evidence: Evidence | Iterable[str | tuple[str, str]], known_names: Iterable[str] = ()
) -> list[str]:
    """The figures, ids and catalogue names in `answer` that the evidence does not back (empty: grounded)."""
    if not isinstance(evidence, Evidence):
        evidence = evidence_from_results(evidence)
    problems = [f"{f.kind.value} {f.text}" for f in figures_in(answer) if not evidence.grounds(f)]
    for match in _IDS.finditer(normalise(answer)):
        if not evidence.has_text(match.group()):
            problems.append(f"id {match.group()}")
    lowered = answer.lower()
    for name in known_names:
        if len(name) >= 6 and name.lower() in lowered and not evidence.has_name(name):
            problems.append(f"name {name!r}")
    return problems


def assert_grounded(
    answer: str, evidence: Evidence | Iterable[str | tuple[str, str]], known_names: Iterable[str] = ()
) -> None:
    """Raise AssertionError naming every figure, id or name in `answer` that the evidence does not back."""
    if not isinstance(evidence, Evidence):
        evidence = evidence_from_results(list(evidence))
    problems = ungrounded(answer, evidence, known_names)
    assert not problems, f"ungrounded in answer {answer!r}: {problems}"
