"""The scenario file format: what a member says, and what must be true of the turns and the database after.

Why pydantic with `extra="forbid"` plus a line-keeping YAML loader: a typo in an expectation key
(`tool_called:` for `tools_called:`) must never make a scenario silently pass, and the person fixing it
needs the file and the line. `load_scenarios` therefore raises `ScenarioError` naming `file:line` of the
offending key. The format is documented in `eval/README.md`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

TOOL_NAMES: frozenset[str] = frozenset(
    {
        "search_products", "get_product_details", "compare_products", "review_highlights",
        "points_for_purchase", "search_hotels", "check_availability", "quote_stay", "book_hotel",
        "cancel_booking", "my_bookings", "search_destinations", "points_balance", "points_history",
        "redeem_points", "list_mobile_plans", "explain_mobile_plan", "recommend_mobile_plan",
        "handoff_to_support",
    }
)  # fmt: skip
SIDE_EFFECT_TOOLS: frozenset[str] = frozenset({"book_hotel", "cancel_booking", "redeem_points"})


class ScenarioError(ValueError):
    """A scenario file that cannot be used; the message starts with `file:line`."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- argument matchers --------------------------------------------------------------------------------

Scalar = str | int | float | bool | None


class DateMatch(_Strict):
    """A date argument (YYYY-MM-DD), relative to the day the run starts, since seed dates are relative."""

    days_ahead: int | tuple[int, int] | None = None  # exact, or [min, max] inclusive
    weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] | None = None
    equals: str | None = None  # an absolute ISO date (rarely useful: seeds are relative)


class ArgMatcher(_Strict):
    """One matcher for one argument; exactly one of the fields is given."""

    equals: Any = None
    contains: Scalar = None  # substring (case-insensitive) of a string, or an element of a list
    one_of: list[Any] | None = None
    range: tuple[float | None, float | None] | None = None  # inclusive [min, max]; null = open
    regex: str | None = None  # re.search, case-insensitive
    date: DateMatch | Literal["any"] | None = None
    absent: bool | None = None  # true: the argument must not be given (or be null/empty)

    @model_validator(mode="after")
    def _exactly_one(self) -> ArgMatcher:
        given = [name for name in type(self).model_fields if name in self.model_fields_set]
        if len(given) != 1:
            raise ValueError(f"an argument matcher takes exactly one of {sorted(type(self).model_fields)}")
        if self.regex is not None:
            re.compile(self.regex)
        return self

    @property
    def kind(self) -> str:
        return next(iter(self.model_fields_set))


def _coerce_matcher(value: Any) -> Any:
    """A bare value is shorthand for `equals` (so `nights: 3` reads naturally)."""
    if isinstance(value, dict):
        return value
    return {"equals": value}


class ToolExpectation(_Strict):
    name: str
    args: dict[str, ArgMatcher] = Field(default_factory=dict)

    @field_validator("name")
    @classmethod
    def _known_tool(cls, name: str) -> str:
        if name not in TOOL_NAMES:
            raise ValueError(f"unknown tool {name!r}; tools are: {', '.join(sorted(TOOL_NAMES))}")
        return name

    @field_validator("args", mode="before")
    @classmethod
    def _shorthand(cls, args: Any) -> Any:
        if isinstance(args, dict):
            return {key: _coerce_matcher(value) for key, value in args.items()}
        return args


class FromTool(_Strict):
    """A value taken from a tool result of this conversation: any `field` anywhere in `tool`'s JSON."""

    tool: str
    field: str
    which: Literal["any", "first", "all"] = "any"  # any value / the first value found / every value

    @field_validator("tool")
    @classmethod
    def _known_tool(cls, name: str) -> str:
        if name not in TOOL_NAMES:
            raise ValueError(f"unknown tool {name!r}")
        return name


class Mention(_Strict):
    """Literal text (`text`, case-insensitive), any of several (`any_of`), or a value from a tool result."""

    text: str | None = None
    any_of: list[str] | None = None
    from_tool: FromTool | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Mention:
        if len(self.model_fields_set) != 1:
            raise ValueError("a mention takes exactly one of text, any_of, from_tool")
        return self

    def describe(self) -> str:
        if self.text is not None:
            return repr(self.text)
        if self.any_of is not None:
            return "any of " + ", ".join(repr(t) for t in self.any_of)
        assert self.from_tool is not None
        return f"{self.from_tool.which} {self.from_tool.field!r} from {self.from_tool.tool}"


def _coerce_mention(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class TurnExpect(_Strict):
    """What must be true of one turn. Omitted fields are not checked."""

    tools_called: list[ToolExpectation] | None = None  # [] = no tool at all
    tools_not_called: list[str] = Field(default_factory=list)
    pending: str | None = None  # a confirmation must be pending for this tool at the end of the turn
    no_pending: bool = False  # nothing may be pending at the end of the turn
    mentions: list[Mention] = Field(default_factory=list)
    not_mentions: list[Mention] = Field(default_factory=list)
    refusal: bool | None = None  # true: the answer declines; false: it must not decline
    asks_question: bool | None = None  # true: the answer asks the member something (a clarifying question)

    @field_validator("tools_not_called")
    @classmethod
    def _known_tools(cls, names: list[str]) -> list[str]:
        unknown = sorted(set(names) - TOOL_NAMES)
        if unknown:
            raise ValueError(f"unknown tool(s) {', '.join(unknown)}")
        return names

    @field_validator("pending")
    @classmethod
    def _side_effect_tool(cls, name: str | None) -> str | None:
        if name is not None and name not in SIDE_EFFECT_TOOLS:
            raise ValueError(f"only {', '.join(sorted(SIDE_EFFECT_TOOLS))} pause for confirmation")
        return name

    @field_validator("mentions", "not_mentions", mode="before")
    @classmethod
    def _shorthand(cls, items: Any) -> Any:
        return [_coerce_mention(item) for item in items] if isinstance(items, list) else items


class Turn(_Strict):
    """A member message (`user`) or a decision on the pending action (`approve: true|false`)."""

    user: str | None = None
    approve: bool | None = None
    note: str | None = None  # optional text sent with a decision (e.g. why the member rejected)
    expect: TurnExpect = Field(default_factory=TurnExpect)

    @model_validator(mode="after")
    def _one_kind(self) -> Turn:
        if (self.user is None) == (self.approve is None):
            raise ValueError("a turn is either `user: <message>` or `approve: true|false`")
        if self.note is not None and self.approve is None:
            raise ValueError("`note` goes with `approve`")
        return self

    @property
    def label(self) -> str:
        if self.user is not None:
            return self.user
        return "[approve]" if self.approve else "[reject]"


class Bounds(_Strict):
    equals: int | None = None
    min: int | None = None
    max: int | None = None

    def check(self, value: int) -> bool:
        if self.equals is not None and value != self.equals:
            return False
        if self.min is not None and value < self.min:
            return False
        return not (self.max is not None and value > self.max)

    def describe(self) -> str:
        if self.equals is not None:
            return f"= {self.equals}"
        parts = []
        if self.min is not None:
            parts.append(f">= {self.min}")
        if self.max is not None:
            parts.append(f"<= {self.max}")
        return " and ".join(parts) or "any"


def _coerce_bounds(value: Any) -> Any:
    return {"equals": value} if isinstance(value, int) and not isinstance(value, bool) else value


class BookingMatch(_Strict):
    """Fields a created booking must have (all optional)."""

    hotel_id: str | None = None
    room_type_id: str | None = None
    nights: int | None = None
    adults: int | None = None
    children: int | None = None
    points_used: Bounds | None = None
    check_in_days_ahead: int | tuple[int, int] | None = None

    @field_validator("points_used", mode="before")
    @classmethod
    def _bounds(cls, value: Any) -> Any:
        return _coerce_bounds(value)


class EndExpect(_Strict):
    """The member's database state after the conversation, compared with before it (τ-bench's end state)."""

    bookings_created: Bounds | None = None
    booking: BookingMatch | None = None  # every booking created must match
    bookings_cancelled: Bounds | None = None
    points_change: Bounds | None = None
    redemptions: Bounds | None = None
    tickets_created: Bounds | None = None
    nothing_written: bool = False  # no booking, ledger, balance or inventory row changed for anyone

    @field_validator(
        "bookings_created", "bookings_cancelled", "points_change", "redemptions", "tickets_created", mode="before"
    )
    @classmethod
    def _bounds(cls, value: Any) -> Any:
        return _coerce_bounds(value)

    @model_validator(mode="after")
    def _consistent(self) -> EndExpect:
        if self.nothing_written:
            for name in ("bookings_created", "bookings_cancelled", "redemptions"):
                bounds = getattr(self, name)
                if bounds is not None and not bounds.check(0):
                    raise ValueError(f"nothing_written contradicts {name}")
        return self

    @property
    def expects_side_effect(self) -> bool:
        """True when the scenario only passes if something was written."""
        for name in ("bookings_created", "bookings_cancelled", "redemptions", "points_change"):
            bounds: Bounds | None = getattr(self, name)
            if bounds is not None and not bounds.check(0):
                return True
        return False


class CatalogueEdit(_Strict):
    """Text planted in the trial's copy of the catalogue before the run (prompt injection in catalogue data)."""

    product: str | None = Field(default=None, pattern=r"^P\d+$")
    hotel: str | None = Field(default=None, pattern=r"^H\d+$")
    append_description: str | None = None
    append_review: str | None = None  # products only: a new 5-star review with this text

    @model_validator(mode="after")
    def _target(self) -> CatalogueEdit:
        if (self.product is None) == (self.hotel is None):
            raise ValueError("a catalogue edit names exactly one of product, hotel")
        if (self.append_description is None) == (self.append_review is None):
            raise ValueError("a catalogue edit gives exactly one of append_description, append_review")
        if self.hotel is not None and self.append_review is not None:
            raise ValueError("hotels have no reviews to append to; use append_description")
        return self


class Scenario(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    title: str = ""
    tags: list[str] = Field(min_length=1)
    member: str = Field(pattern=r"^M\d+$")
    goal: str | None = None  # prose for the simulated member (`--user-model`); scripted turns still required
    setup: list[CatalogueEdit] = Field(default_factory=list)
    turns: list[Turn] = Field(min_length=1)
    end: EndExpect = Field(default_factory=EndExpect)
    grounded: bool = True  # check that figures, ids and names in answers come from tool results
    max_user_turns: int = Field(default=8, ge=1, le=30)  # simulated member's budget
    source: str = ""  # file the scenario came from (set by the loader)
    line: int = 0

    @property
    def adversarial(self) -> bool:
        return "adversarial" in self.tags or any(t.expect.refusal for t in self.turns)


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
