"""What the claim check says about one claim (supported, unsupported, contradicted) and about a page."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from assistant.copywriter.claims import Claim
from assistant.copywriter.units import NUM

Status = Literal["supported", "unsupported", "contradicted"]


class Verdict(BaseModel):
    claim: Claim
    status: Status
    fact: str | None = None  # the fact a supported claim rests on
    expected: str | None = None  # what the facts say, for a flagged claim
    correction: str | None = None  # replacement text for the claim's span, when the right value is known
    reason: str = ""


class ClaimReport(BaseModel):
    verdicts: list[Verdict]

    @property
    def flagged(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.status != "supported"]

    @property
    def passed(self) -> bool:
        return not self.flagged

    def counts(self) -> dict[str, int]:
        result = {"claims": len(self.verdicts), "supported": 0, "unsupported": 0, "contradicted": 0}
        for verdict in self.verdicts:
            result[verdict.status] += 1
        return result


def supported(claim: Claim, fact: str) -> Verdict:
    return Verdict(claim=claim, status="supported", fact=fact, reason="matches the facts")


def unsupported(claim: Claim, reason: str, expected: str | None = None) -> Verdict:
    return Verdict(claim=claim, status="unsupported", expected=expected, reason=reason)


def contradicted(claim: Claim, expected: str, correction: str | None = None, reason: str = "") -> Verdict:
    return Verdict(claim=claim, status="contradicted", expected=expected, correction=correction,
                   reason=reason or f"the facts say {expected}")


def swap_number(text: str, value: float, decimals: int = 0) -> str:
    """The claim's text with its (first) number replaced: "¥9,800" -> "¥12,800", "4.9/5" -> "4.4/5"."""
    shown = f"{value:,.{decimals}f}" if decimals else f"{int(value):,}"
    return re.sub(NUM, shown, text, count=1)
