"""The scenario file format: loading YAML scenarios with the file and line of every error.

Why a line-keeping YAML loader: a typo in an expectation key (`tool_called:` for `tools_called:`) must never
make a scenario silently pass, and the person fixing it needs the file and the line. `load_scenarios`
therefore raises `ScenarioError` naming `file:line` of the offending key. The models themselves are in
`eval/scenario_models.py` (re-exported here); the format is documented in `eval/README.md`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from eval.scenario_models import (
    SIDE_EFFECT_TOOLS,
    TOOL_NAMES,
    ArgMatcher,
    BookingMatch,
    Bounds,
    CatalogueEdit,
    DateMatch,
    EndExpect,
    FromTool,
    Mention,
    Scenario,
    ScenarioError,
    ToolExpectation,
    Turn,
    TurnExpect,
)

__all__ = [
    "SIDE_EFFECT_TOOLS", "TOOL_NAMES", "ArgMatcher", "BookingMatch", "Bounds", "CatalogueEdit", "DateMatch",
    "EndExpect", "FromTool", "Mention", "Scenario", "ScenarioError", "ToolExpectation", "Turn", "TurnExpect",
    "load_file", "load_scenarios",
]


# --- loading with line numbers ------------------------------------------------------------------------

Loc = tuple[str | int, ...]


def _to_python(node: yaml.Node, loc: Loc, lines: dict[Loc, int], constructor: yaml.SafeLoader) -> Any:
    """Turn a composed YAML node into plain data, recording the 1-based line of every key and item."""
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            lines[(*loc, key)] = key_node.start_mark.line + 1
            out[key] = _to_python(value_node, (*loc, key), lines, constructor)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*loc, i), lines, constructor) for i, item in enumerate(node.value)]
    return constructor.construct_object(node, deep=True)


def _line_for(loc: Sequence[str | int], lines: dict[Loc, int]) -> int:
    """The line of the deepest part of a pydantic error location that the YAML file has."""
    parts = list(loc)
    while parts:
        key = tuple(parts)
        if key in lines:
            return lines[key]
        parts.pop()
    return lines.get((), 1)


def _clean_loc(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    # pydantic adds the tag of a union member ("str", "DateMatch") or a validator name: not in the file.
    return tuple(p for p in loc if not (isinstance(p, str) and (p[:1].isupper() or p.startswith("function-"))))


def _format_error(path: Path, error: dict[str, Any], lines: dict[Loc, int]) -> str:
    loc = _clean_loc(error.get("loc", ()))
    line = _line_for(loc, lines)
    where = ".".join(str(p) for p in loc) or "scenario"
    if error.get("type") == "extra_forbidden":
        message = f"unknown key {loc[-1]!r}" if loc else "unknown key"
    else:
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{path}:{line}: {where}: {message}"


def load_file(path: Path) -> list[Scenario]:
    """Scenarios of one YAML file: a single mapping, or a list of them."""
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ScenarioError(f"{path}:{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if root is None:
        return []
    lines: dict[Loc, int] = {}
    data = _to_python(root, (), lines, yaml.SafeLoader(""))
    items: list[tuple[Any, Loc]]
    items = [(item, (i,)) for i, item in enumerate(data)] if isinstance(data, list) else [(data, ())]
    scenarios = []
    for item, prefix in items:
        if not isinstance(item, dict):
            raise ScenarioError(f"{path}:{_line_for(prefix, lines)}: a scenario is a mapping with id, member, turns")
        sub = {loc[len(prefix) :]: line for loc, line in lines.items() if loc[: len(prefix)] == prefix}
        item = {**item, "source": str(path), "line": sub.get((), 1)}
        try:
            scenarios.append(Scenario.model_validate(item))
        except ValidationError as exc:
            messages = [_format_error(path, e, sub) for e in exc.errors(include_url=False)]  # type: ignore[arg-type]
            raise ScenarioError("\n".join(messages)) from None
    return scenarios


def load_scenarios(
    directory: Path, *, tags: Iterable[str] = (), ids: Iterable[str] = ()
) -> list[Scenario]:
    """Every scenario under `directory` (`*.yaml`, `*.yml`, recursively), filtered by tag and id.

    Raises ScenarioError for a bad file or a duplicated id, naming both places.
    """
    files = sorted([*directory.rglob("*.yaml"), *directory.rglob("*.yml")])
    if not files and directory.is_file():
        files = [directory]
    if not files:
        raise ScenarioError(f"{directory}: no scenario files (*.yaml) found")
    seen: dict[str, Scenario] = {}
    for path in files:
        for scenario in load_file(path):
            if scenario.id in seen:
                first = seen[scenario.id]
                raise ScenarioError(
                    f"{path}:{scenario.line}: duplicate scenario id {scenario.id!r} "
                    f"(first at {first.source}:{first.line})"
                )
            seen[scenario.id] = scenario
    wanted_tags, wanted_ids = set(tags), set(ids)
    unknown_ids = wanted_ids - set(seen)
    if unknown_ids:
        raise ScenarioError(f"{directory}: no scenario with id {', '.join(sorted(unknown_ids))}")
    chosen = [
        s
        for s in seen.values()
        if (not wanted_tags or wanted_tags & set(s.tags)) and (not wanted_ids or s.id in wanted_ids)
    ]
    return sorted(chosen, key=lambda s: s.id)
