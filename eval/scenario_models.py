"""The scenario models: what a member says, and what must be true of the turns and the database after.

Pydantic with `extra="forbid"` throughout, so a typo in an expectation key (`tool_called:` for
`tools_called:`) is an error, never a silently passing scenario. Loading (with file and line in every
error) lives in `eval/scenario.py`; the format is documented in `eval/README.md`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from tools.agent_tools.registry import REGISTRY

# The agent's own tool list, so a renamed tool can never leave scenarios checking a name that is gone.
TOOL_NAMES = REGISTRY.names
"""Every tool a scenario may name (a live view of the tool registry)."""
SIDE_EFFECT_TOOLS = REGISTRY.side_effect_names
"""The tools that pause for the member's confirmation."""
__all__ = ["SIDE_EFFECT_TOOLS", "TOOL_NAMES"]


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


def _known_tool(name: str) -> str:
    if name not in TOOL_NAMES:
        raise ValueError(f"unknown tool {name!r}; tools are: {', '.join(sorted(TOOL_NAMES))}")
    return name


ToolName = Annotated[str, AfterValidator(_known_tool)]  # a tool of the registry


class ToolExpectation(_Strict):
    name: ToolName
    args: dict[str, ArgMatcher] = Field(default_factory=dict)

    @field_validator("args", mode="before")
    @classmethod
    def _shorthand(cls, args: Any) -> Any:
        if isinstance(args, dict):
            return {key: _coerce_matcher(value) for key, value in args.items()}
        return args


class FromTool(_Strict):
    """A value taken from a tool result of this conversation: any `field` anywhere in `tool`'s JSON."""

    tool: ToolName
    field: str
    which: Literal["any", "first", "all"] = "any"  # any value / the first value found / every value


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
    """Fields a created booking must have (all optional: a key left out is not checked)."""

    hotel_id: str | None = Field(default=None, description="The hotel booked, e.g. H0012.")
    room_type_id: str | None = Field(default=None, description="The room type booked, e.g. H0012-R2.")
    nights: int | None = Field(default=None, description="Nights of the stay (check-out minus check-in).")
    adults: int | None = Field(default=None, description="Adults on the booking.")
    children: int | None = Field(default=None, description="Children on the booking (0: none).")
    points_used: Bounds | None = Field(
        default=None, description="Points spent on the stay: a number (exactly that) or {equals | min | max}."
    )
    check_in_days_ahead: int | tuple[int, int] | None = Field(
        default=None, description="Check-in, in days after the day the run starts: exact, or [min, max] inclusive."
    )

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
