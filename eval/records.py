"""What the runner observed: one record per turn and per trial, serialisable to the run folder.

Why a separate module: the runner writes these, the expectation checks and metrics read them, and the report
and comparison re-read them from JSON later (resume, `--compare`), so they are the eval's own data contract.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class ToolCallRecord(BaseModel):
    call_id: str
    name: str
    args: dict[str, Any]
    result: str | None = None  # the tool's JSON text (or error text); None if no result arrived
    ok: bool = True
    rejected: bool = False  # the member rejected this (paused) call: it never ran


class PendingRecord(BaseModel):
    tool: str
    args: dict[str, Any]
    summary: str
    details: dict[str, Any] = Field(default_factory=dict)


class BookingState(BaseModel):
    status: str
    hotel_id: str
    room_type_id: str
    check_in: str
    check_out: str
    adults: int
    children: int
    points_used: int
    total_jpy: int


class MemberState(BaseModel):
    """The member's side of the database at one moment, plus a fingerprint of every domain write."""

    bookings: dict[str, BookingState] = Field(default_factory=dict)
    balance: int = 0
    redemptions: int = 0  # ledger entries of kind redeem
    reversals: int = 0  # ledger entries of kind reverse
    tickets: int = 0
    fingerprint: str = ""  # hash of bookings, non-expiry ledger entries, inventory and tickets of everyone


# What a scenario turn is: a member message, or the member approving / rejecting the pending action.
TurnKind = Literal["user", "approve", "reject"]


class TurnRecord(BaseModel):
    index: int
    kind: TurnKind
    text: str  # the member's message, or the decision's note
    answer: str = ""
    tool_calls: list[ToolCallRecord] = Field(default_factory=list)
    pending: PendingRecord | None = None
    notices: list[str] = Field(default_factory=list)
    latency_ms: float = 0.0
    usage: dict[str, int] = Field(default_factory=dict)
    error: str | None = None  # an exception the conversation raised (the turn then has no answer)
    state_after: MemberState | None = None


class CheckResult(BaseModel):
    """One expectation and whether it held; `category` names the kind of failure for the report."""

    turn: int | None  # None for end-of-conversation checks
    check: str  # e.g. "tools_called[0]", "end.bookings_created"
    expectation: str  # in words
    passed: bool
    detail: str = ""
    category: str = ""


class TrialResult(BaseModel):
    scenario_id: str
    trial: int
    tags: list[str]
    member: str
    success: bool
    turns: list[TurnRecord]
    checks: list[CheckResult]
    state_before: MemberState | None = None
    state_after: MemberState | None = None
    tool_precision: tuple[int, int] = (0, 0)  # (expected tools called, tools called) in checked turns
    tool_recall: tuple[int, int] = (0, 0)  # (expected tools called, expected tools)
    argument_matches: tuple[int, int] = (0, 0)  # (matchers that held, matchers evaluated)
    confirmation_ok: bool = True
    side_effect_scenario: bool = False
    grounded_answers: tuple[int, int] = (0, 0)  # (grounded answers, answers checked)
    refusal: tuple[int, int] = (0, 0)  # (refusal expectations met, refusal expectations)
    cost_usd: float = 0.0
    error: str | None = None
    seconds: float = 0.0

    @property
    def failures(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.passed]
