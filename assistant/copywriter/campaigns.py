"""Which programme campaign a brief promotes, and whether this page may promise it.

A landing page may only promise a campaign the programme really runs: for these products, on the page's
dates. The brief names one by id (the studio's picker) or by its words ("10x points this weekend",
"Weekend 10x on Electronics"); either is matched against the programme's campaigns (their dates,
multipliers, caps and eligible categories). A campaign the programme does not run, one outside its dates, or
one whose categories or shop exclude a subject is a *problem*: every claim of that campaign in the copy is
contradicted and the page cannot be exported until the brief is fixed. Points are then quoted by the rules
engine for the matched campaign's actual terms, never for what the brief says.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from assistant.copywriter.brief import CampaignOffer
from tools.points_rules import ActiveCampaign

_ID = re.compile(r"\b(C\d{3,})\b", re.I)
_NAME_MATCH = 85  # rapidfuzz partial token-set score for "the brief names this campaign"


class CampaignTerms(BaseModel):
    """A programme campaign as a page may state it."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    total_multiplier: int  # "Nx points": the base rate plus the campaign bonus
    bonus_multiplier: int
    category: str | None = None
    shop_id: str | None = None
    starts_on: date
    ends_on: date
    requires_entry: bool = False
    cap_points: int = 0

    @classmethod
    def of(cls, campaign: ActiveCampaign, base_rate: int = 1) -> CampaignTerms:
        return cls(id=campaign.id, name=campaign.name, total_multiplier=campaign.bonus_multiplier + base_rate,
                   bonus_multiplier=campaign.bonus_multiplier, category=campaign.category, shop_id=campaign.shop_id,
                   starts_on=campaign.starts_on, ends_on=campaign.ends_on, requires_entry=campaign.requires_entry,
                   cap_points=campaign.cap_points)

    @property
    def weekend(self) -> bool:
        """A weekend campaign: named so, or short and over a Saturday or Sunday."""
        days = (self.ends_on - self.starts_on).days + 1
        over_weekend = any((self.starts_on + timedelta(d)).weekday() >= 5 for d in range(min(days, 7)))
        return "weekend" in self.name.casefold() or (days <= 4 and over_weekend)

    def scope(self) -> str:
        if self.category:
            return f"{self.category} only"
        if self.shop_id:
            return f"shop {self.shop_id} only"
        return "every category"

    def describe(self) -> str:
        entry = ", entry required" if self.requires_entry else ""
        return (f"{self.id} {self.name}: {self.total_multiplier}x points, {self.scope()}, "
                f"{self.starts_on.isoformat()} to {self.ends_on.isoformat()}, "
                f"capped at {self.cap_points:,} bonus points{entry}")


class PageSubject(BaseModel):
    """What campaign eligibility looks at for one subject of the page."""

    id: str
    category: str | None = None  # products: the top category; hotels: "Travel"
    shop_id: str | None = None
    label: str = ""  # for messages ("Sports & Outdoors")


class CampaignCheck(BaseModel):
    """The brief's campaign against the programme, for this page and its dates."""

    asked: str | None = None  # what the brief said (its campaign line or id)
    campaign: CampaignTerms | None = None  # the programme campaign it names, if any
    applies_to: list[str] = Field(default_factory=list)  # subject ids the campaign covers on the page's dates
    problems: list[str] = Field(default_factory=list)  # why the page cannot promise it

    @property
    def valid(self) -> bool:
        return self.campaign is not None and not self.problems

    @property
    def asked_for(self) -> bool:
        return self.asked is not None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _covers(campaign: ActiveCampaign, start: date, end: date) -> bool:
    return campaign.starts_on <= start and end <= campaign.ends_on


def _eligible(campaign: ActiveCampaign, subject: PageSubject) -> bool:
    if campaign.category is not None and _fold(subject.category or "") != _fold(campaign.category):
        return False
    return campaign.shop_id is None or campaign.shop_id == subject.shop_id


def _score(campaign: ActiveCampaign, subjects: Sequence[PageSubject], start: date, end: date) -> int:
    return sum(_eligible(campaign, s) for s in subjects) + (len(subjects) + 1) * _covers(campaign, start, end)


def _named(text: str, programme: Sequence[ActiveCampaign]) -> ActiveCampaign | None:
    ids = {m.group(1).upper() for m in _ID.finditer(text)}
    for campaign in programme:
        if campaign.id.upper() in ids:
            return campaign
    best = max(programme, key=lambda c: fuzz.token_set_ratio(_fold(c.name), _fold(text)), default=None)
    if best is not None and fuzz.token_set_ratio(_fold(best.name), _fold(text)) >= _NAME_MATCH:
        return best
    return None


def check_campaign(
    programme: Sequence[ActiveCampaign],
    *,
    offer: CampaignOffer | None,
    campaign_id: str | None,
    subjects: Sequence[PageSubject],
    start: date,
    end: date,
    base_rate: int = 1,
) -> CampaignCheck:
    """Match the brief's campaign to the programme and list every reason the page may not promise it."""
    if not campaign_id and offer is None:
        return CampaignCheck()
    asked = campaign_id or (offer.text if offer else None)
    chosen: ActiveCampaign | None = None
    if campaign_id:
        chosen = next((c for c in programme if c.id.casefold() == campaign_id.strip().casefold()), None)
        if chosen is None:
            return CampaignCheck(asked=asked, problems=[f"the programme has no campaign {campaign_id!r}"])
    elif offer is not None:
        chosen = _named(offer.text, programme)
        if chosen is None and offer.multiplier:
            same = [c for c in programme if c.bonus_multiplier + base_rate == offer.multiplier]
            if same:
                chosen = max(same, key=lambda c: _score(c, subjects, start, end))
    if chosen is None:
        running = [c for c in programme if c.starts_on <= end and start <= c.ends_on]
        listed = "; ".join(CampaignTerms.of(c, base_rate).describe() for c in running) or "none"
        what = f"{offer.multiplier}x points" if offer and offer.multiplier else repr(asked)
        return CampaignCheck(asked=asked, problems=[
            f"no campaign in the programme offers {what}: it is invented (running on these dates: {listed})"])
    terms = CampaignTerms.of(chosen, base_rate)
    problems: list[str] = []
    if offer is not None and offer.multiplier and offer.multiplier != terms.total_multiplier:
        problems.append(f"{terms.id} {terms.name} gives {terms.total_multiplier}x points, not {offer.multiplier}x")
    if not _covers(chosen, start, end):
        when = "ended" if chosen.ends_on < start else "starts later" if chosen.starts_on > start else "ends earlier"
        problems.append(f"{terms.id} {terms.name} runs {terms.starts_on.isoformat()} to {terms.ends_on.isoformat()} "
                        f"({when}); the page runs {start.isoformat()} to {end.isoformat()}")
    applies = [s.id for s in subjects if _eligible(chosen, s)]
    for subject in subjects:
        if subject.id not in applies:
            problems.append(f"{terms.id} {terms.name} is for {terms.scope()}; {subject.id} is "
                            f"{subject.label or subject.category or 'not eligible'}")
    return CampaignCheck(asked=asked, campaign=terms, applies_to=applies if _covers(chosen, start, end) else [],
                         problems=problems)
