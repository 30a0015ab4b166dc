"""Legal's approved claims: the only way a superlative, "No.1", "lowest" or "best" reaches a page.

The catalogue holds no comparison with other shops, so such wording can never rest on it (not even on the
shop's own description). Legal keeps a file of approved claims (`data/legal/approved_claims.yaml`, or the
file `ASSISTANT_APPROVED_CLAIMS` names), each with its exact text, its scope (products, brands, categories
or shops it may be said of), its expiry date and who approved it. A claim passes only when an entry's text
contains it, the page's subject is in the entry's scope, and the page ends before the entry expires.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant.copywriter.schema import Language

_ALL_LANGUAGES: tuple[Language, ...] = ("en", "ja")
DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "legal" / "approved_claims.yaml"


class ClaimScope(BaseModel):
    """What an approved claim may be said of; empty lists do not restrict (all empty: nothing is in scope)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    subjects: list[str] = Field(default_factory=list)  # product / hotel / plan ids
    brands: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    shops: list[str] = Field(default_factory=list)  # shop names

    def covers(self, subject_id: str, brand: str | None, category: str | None, shop: str | None) -> bool:
        checks = [(self.subjects, subject_id), (self.brands, brand), (self.categories, category),
                  (self.shops, shop)]
        used = [(allowed, value) for allowed, value in checks if allowed]
        if not used:
            return False
        return all(_fold(value or "") in {_fold(a) for a in allowed} for allowed, value in used)

    def describe(self) -> str:
        parts = [f"{name} {', '.join(values)}" for name, values in
                 (("subjects", self.subjects), ("brands", self.brands), ("categories", self.categories),
                  ("shops", self.shops)) if values]
        return "; ".join(parts) or "nothing"


class ApprovedClaim(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str = Field(min_length=2, max_length=200)
    scope: ClaimScope
    expires: date
    approver: str = Field(min_length=2)
    languages: list[Language] = Field(default_factory=lambda: list(_ALL_LANGUAGES))


class Approval(BaseModel):
    """The outcome of looking a claim up: the entry that approves it, or why none does."""

    entry: ApprovedClaim | None = None
    reason: str


class SubjectRef(BaseModel):
    id: str
    brand: str | None = None
    category: str | None = None  # the product's top category
    shop: str | None = None


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


class ClaimsPolicy(BaseModel):
    entries: list[ApprovedClaim] = Field(default_factory=list)

    def approve(self, claim: str, subjects: Sequence[SubjectRef], *, until: date, language: Language) -> Approval:
        """Approved when an entry holds the wording, covers one of the page's subjects and outlives the page."""
        wording = _fold(claim)
        matching = [e for e in self.entries if wording and wording in _fold(e.text)]
        if not matching:
            return Approval(reason="a superlative or comparison with no entry in legal's approved-claims file; "
                                   "remove it or ask legal to approve the exact wording")
        reasons: list[str] = []
        for entry in matching:
            if language not in entry.languages:
                reasons.append(f"legal's entry {entry.id} is approved for {', '.join(entry.languages)} pages only")
            elif entry.expires < until:
                reasons.append(f"legal's approval {entry.id} expires on {entry.expires.isoformat()}, before the page "
                               f"ends ({until.isoformat()})")
            elif not any(entry.scope.covers(s.id, s.brand, s.category, s.shop) for s in subjects):
                reasons.append(f"legal's approval {entry.id} covers {entry.scope.describe()}, not this page")
            else:
                return Approval(entry=entry, reason=f"approved by {entry.approver} ({entry.id}), scope "
                                                    f"{entry.scope.describe()}, until {entry.expires.isoformat()}")
        return Approval(reason="; ".join(reasons))


def policy_file() -> Path:
    override = os.environ.get("ASSISTANT_APPROVED_CLAIMS", "").strip()
    return Path(override) if override else DEFAULT_FILE


def load_policy(path: Path | None = None) -> ClaimsPolicy:
    """Legal's file, read on every brief (it is small, and an edit must take effect without a restart)."""
    path = path or policy_file()
    if not path.exists():
        return ClaimsPolicy()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return ClaimsPolicy.model_validate({"entries": data.get("claims") or []})
