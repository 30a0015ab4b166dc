"""The campaign brief a marketer fills in, and the brand voices it can pick from.

The brief's campaign is checked, not trusted: it must name a campaign the programme runs for these subjects
on the page's dates (`campaigns.py`), and `approved_claims` is only the wording the marketer would like to
use; a superlative passes when legal's approved-claims file approves it (`policy.py`). Brand voices are YAML files in
`prompts/copy/voices/`, so marketing can add one without touching code.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant.copywriter.schema import Language

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts" / "copy"
VOICES_DIR = PROMPTS_DIR / "voices"

SubjectKind = Literal["product", "hotel", "destination", "mobile_plan"]
Length = Literal["short", "medium", "long"]
_ID_KIND: dict[str, SubjectKind] = {"P": "product", "H": "hotel", "D": "destination"}


class BriefError(ValueError):
    """A brief that cannot be served as written; the message says what to change."""


class BrandVoice(BaseModel):
    """How the brand sounds: words for the LLM prompt and phrasings for the offline templates."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    description: str
    tone: list[str]
    do: list[str] = Field(default_factory=list)
    dont: list[str] = Field(default_factory=list)
    # Offline phrasings per language: openers for headlines and the default call to action.
    openers: dict[Language, list[str]]
    cta: dict[Language, str]
    exclaim: bool = False


class CampaignOffer(BaseModel):
    """What the brief's campaign line promises, parsed: the total points multiplier and its time frame."""

    model_config = ConfigDict(frozen=True)

    text: str
    multiplier: int | None = Field(default=None, ge=2, le=100)  # total, e.g. 10 for "10x points"
    time_frame: str | None = None  # the phrase naming the time ("this weekend", "週末")

    @property
    def bonus_rate(self) -> int:
        """Extra points per 100 JPY on top of the base rate (10x total -> +9)."""
        return (self.multiplier - 1) if self.multiplier else 0


_MULTIPLIER = [
    re.compile(r"(\d{1,3})\s*(?:x|×|times)\s*(?:the\s+)?points?", re.I),
    re.compile(r"points?\s*(?:x|×)\s*(\d{1,3})", re.I),
    re.compile(r"ポイント\s*(?:最大)?\s*(\d{1,3})\s*倍"),
    re.compile(r"(\d{1,3})\s*倍\s*ポイント"),
]
_TIME_FRAME = re.compile(
    r"this weekend|this week|today|tonight|limited[- ]time|this month|until [\w ,]+|for \d+ days|"
    r"今週末|週末|今週|本日|今日|今月|期間限定|今だけ|\d+日間",
    re.I,
)


def parse_campaign(text: str | None) -> CampaignOffer | None:
    """Read "10x points this weekend" / "週末はポイント10倍" into a multiplier and a time frame."""
    if not text or not text.strip():
        return None
    clean = unicodedata.normalize("NFKC", text.strip())
    multiplier = None
    for pattern in _MULTIPLIER:
        match = pattern.search(clean)
        if match:
            multiplier = int(match.group(1))
            break
    if multiplier is not None and not 2 <= multiplier <= 100:
        raise BriefError(f"A campaign multiplier must be between 2x and 100x; the brief says {multiplier}x.")
    frame = _TIME_FRAME.search(clean)
    return CampaignOffer(text=clean, multiplier=multiplier, time_frame=frame.group(0) if frame else None)


class CampaignBrief(BaseModel):
    """One request to the copy studio."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    subject_ids: list[str] = Field(min_length=1, max_length=12)
    voice: str = "friendly"
    language: Language = "en"
    audience: str = Field(default="members of the loyalty programme", max_length=200)
    length: Length = "medium"
    cta: str | None = Field(default=None, max_length=32)
    campaign: str | None = Field(default=None, max_length=200)
    # A programme campaign by id (the studio's picker): its own terms, not the brief's words, are the facts.
    campaign_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,20}$")
    # The dates the page runs (default: today only); a campaign must cover all of them.
    starts_on: date | None = None
    ends_on: date | None = None
    approved_claims: list[str] = Field(default_factory=list, max_length=20)
    variants: int = Field(default=1, ge=1, le=5)
    # The page's image slot: the catalogue's image when it has one (auto), none, or a placeholder for design.
    image: Literal["auto", "none", "placeholder"] = "auto"

    @field_validator("subject_ids")
    @classmethod
    def _known_kind(cls, ids: list[str]) -> list[str]:
        cleaned = [i.strip() for i in ids if i.strip()]
        for subject_id in cleaned:
            subject_kind(subject_id)
        if not cleaned:
            raise ValueError("name at least one product, hotel, destination or mobile plan id")
        return list(dict.fromkeys(cleaned))

    @model_validator(mode="after")
    def _period_in_order(self) -> CampaignBrief:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("the page's end date is before its start date")
        return self

    @property
    def offer(self) -> CampaignOffer | None:
        return parse_campaign(self.campaign)

    @property
    def bullets_wanted(self) -> int:
        return {"short": 3, "medium": 4, "long": 5}[self.length]

    @property
    def paragraphs_wanted(self) -> int:
        return {"short": 1, "medium": 2, "long": 3}[self.length]


def subject_kind(subject_id: str) -> SubjectKind:
    """Products are P..., hotels H..., destinations D...; anything else is looked up as a mobile plan id."""
    head = subject_id[:1].upper()
    if head in _ID_KIND and subject_id[1:2].isdigit():
        return _ID_KIND[head]
    if not re.fullmatch(r"[A-Za-z0-9_-]{2,40}", subject_id):
        raise ValueError(f"{subject_id!r} is not a product (P000001), hotel (H0001), destination (D001) or plan id")
    return "mobile_plan"


def make_brief(**values: object) -> CampaignBrief:
    """Validate a brief, turning pydantic's report into one BriefError a marketer can act on."""
    try:
        brief = CampaignBrief.model_validate(values)
        _ = brief.offer  # parse the campaign now, so a bad multiplier fails here
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'brief'}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors(include_url=False)[:3]
        )
        raise BriefError(details) from None
    if brief.voice not in load_voices():
        raise BriefError(f"Unknown voice {brief.voice!r}; choose one of: {', '.join(sorted(load_voices()))}.")
    return brief


@cache
def load_voices(directory: Path = VOICES_DIR) -> dict[str, BrandVoice]:
    """Every brand voice file, by id."""
    voices: dict[str, BrandVoice] = {}
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        voice = BrandVoice.model_validate({"id": path.stem, **data})
        voices[voice.id] = voice
    if not voices:
        raise BriefError(f"No brand voices found in {directory}")
    return voices
