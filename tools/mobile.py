"""Mobile plans: list, explain, and recommend from a member's data use and call habits, with the bill worked out.

Monthly cost = the price of the first tier covering the data use + calls. Calls are free through the
carrier's app on plans that offer it; otherwise they cost `call_rate_jpy_per_30s` per started 30 seconds,
counted here as 2 units per minute, unless a domestic call option is cheaper, in which case the recommendation
adds it: an option named "... unlimited ... call ..." covers every call; one named "N-Minute Call ..." covers
calls of up to N minutes each, so it is used only when the member's typical call is that short (or unknown,
and then the reason says so). International options never count.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field
from sqlalchemy import select

from data.schema import MobilePlan, PlanOption
from tools.db import Database
from tools.errors import InvalidRequest, NotFound, parse_request
from tools.mobile_ja import calls_ja, option_label_ja, option_line_ja, points_ja, tier_label_ja
from tools.tables import MobilePlanRow
from tools.validation import Id

MINUTES_PER_MONTH = 31 * 24 * 60


class PlanSummary(BaseModel):
    id: str
    name: str
    tiers: list[str]
    free_domestic_calls_via_app: bool
    description: str
    options: list[str] = Field(default_factory=list)  # "International Call Flat: 980 JPY/month"
    name_ja: str | None = None
    description_ja: str | None = None
    tiers_ja: list[str] = Field(default_factory=list)
    options_ja: list[str] = Field(default_factory=list)


class PlanTerms(BaseModel):
    """A plan's terms in words (tiers, calls, options, points), in English and Japanese: the explanation's
    fields, written once for the domain model and the tool's result (`PlanExplanationResult`)."""

    tiers: list[str]
    calls: str
    options: list[str]  # "label. description"
    points: str
    option_labels: list[str] = Field(default_factory=list)  # the label alone: "Device Insurance: 715 JPY/month"
    tiers_ja: list[str] = Field(default_factory=list)
    calls_ja: str | None = None
    options_ja: list[str] = Field(default_factory=list)
    points_ja: str | None = None
    option_labels_ja: list[str] = Field(default_factory=list)


class PlanExplanation(PlanTerms):
    plan: MobilePlan


class PlanCost(BaseModel):
    plan_id: str
    name: str
    data_tier: str
    data_price_jpy: int
    call_cost_jpy: int
    call_option: str | None = None
    monthly_total_jpy: int
    reasons: list[str]
    name_ja: str | None = None
    call_option_ja: str | None = None
    reasons_ja: list[str] = Field(default_factory=list)
    data_tier_ja: str | None = None


class PlanRecommendation(BaseModel):
    monthly_gb: float
    call_minutes_per_month: int
    uses_app_for_calls: bool
    ranked: list[PlanCost]  # cheapest first


class _Usage(BaseModel):
    monthly_gb: float = Field(ge=0, le=10_000)
    call_minutes_per_month: int = Field(default=0, ge=0, le=MINUTES_PER_MONTH)
    uses_app_for_calls: bool = False
    typical_call_minutes: int | None = Field(default=None, ge=1, le=600)


class _PlanId(BaseModel):
    plan_id: Id


def _tier_label(up_to_gb: float | None, price: int) -> str:
    return f"unlimited data: {price:,} JPY" if up_to_gb is None else f"up to {up_to_gb:g} GB: {price:,} JPY"


def _option_label(option: PlanOption) -> str:
    return f"{option.name}: {option.price_jpy:,} JPY/month"


def _call_option(plan: MobilePlan, typical_call_minutes: int | None) -> tuple[PlanOption, str, str] | None:
    """The cheapest domestic call option that covers this member's calls, with the assumption it rests on
    (in English and in Japanese)."""
    covering: list[tuple[PlanOption, str, str]] = []
    for option in plan.options:
        name = option.name.lower()
        if "call" not in name or "international" in name:
            continue
        if "unlimited" in name:
            covering.append((option, "covers every domestic call", "国内通話がすべてかけ放題になる"))
            continue
        limit = re.search(r"(\d+)[- ]min", name)
        if limit is None:
            continue
        minutes = int(limit.group(1))
        if typical_call_minutes is None:
            covering.append((option, f"covers calls of up to {minutes} minutes each (assuming yours are that short)",
                             f"1回{minutes}分以内の通話がかけ放題になる（通話がその長さに収まる前提です）"))
        elif typical_call_minutes <= minutes:
            covering.append((option, f"covers your calls of about {typical_call_minutes} minutes",
                             f"約{typical_call_minutes}分の通話をカバーできる"))
    return min(covering, key=lambda pair: pair[0].price_jpy) if covering else None


class MobilePlans:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _plans(self) -> list[MobilePlan]:
        with self.db.read() as session:
            rows = session.execute(select(MobilePlanRow).order_by(MobilePlanRow.id)).scalars().all()
            return [MobilePlan.model_validate(row.data) for row in rows]

    def list_plans(self) -> list[PlanSummary]:
        return [PlanSummary(id=p.id, name=p.name, tiers=[_tier_label(t.up_to_gb, t.price_jpy) for t in p.tiers],
                            free_domestic_calls_via_app=p.free_domestic_calls_via_app, description=p.description,
                            options=[_option_label(o) for o in p.options], name_ja=p.name_ja,
                            description_ja=p.description_ja,
                            tiers_ja=[tier_label_ja(t.up_to_gb, t.price_jpy) for t in p.tiers],
                            options_ja=[option_label_ja(o) for o in p.options])
                for p in self._plans()]

    def explain_plan(self, plan_id: str) -> PlanExplanation:
        plan_id = parse_request(_PlanId, plan_id=plan_id).plan_id
        plans = {p.id: p for p in self._plans()}
        plan = plans.get(plan_id)
        if plan is None:
            raise NotFound(f"No mobile plan '{plan_id}'. Available plans: {', '.join(sorted(plans))}.")
        calls = (f"Domestic calls are free through the app; otherwise {plan.call_rate_jpy_per_30s} JPY per 30 s."
                 if plan.free_domestic_calls_via_app else f"Calls cost {plan.call_rate_jpy_per_30s} JPY per 30 s.")
        return PlanExplanation(
            plan=plan, tiers=[_tier_label(t.up_to_gb, t.price_jpy) for t in plan.tiers], calls=calls,
            options=[f"{_option_label(o)}. {o.description}" for o in plan.options],
            points=f"Subscribers earn +{plan.points_bonus_rate} point(s) per 100 JPY on marketplace purchases.",
            option_labels=[_option_label(o) for o in plan.options],
            tiers_ja=[tier_label_ja(t.up_to_gb, t.price_jpy) for t in plan.tiers], calls_ja=calls_ja(plan),
            options_ja=[option_line_ja(o) for o in plan.options], points_ja=points_ja(plan),
            option_labels_ja=[option_label_ja(o) for o in plan.options],
        )

    def monthly_cost(self, plan: MobilePlan, monthly_gb: float, call_minutes: int, uses_app: bool,
                     typical_call_minutes: int | None = None) -> PlanCost | None:
        """The bill for this usage, or None when no tier covers it."""
        tier = next((t for t in plan.tiers if t.up_to_gb is None or monthly_gb <= t.up_to_gb), None)
        if tier is None:
            return None
        reasons = [f"{monthly_gb:g} GB a month falls in the {_tier_label(tier.up_to_gb, tier.price_jpy)} tier."]
        reasons_ja = [f"月{monthly_gb:g}GBは「{tier_label_ja(tier.up_to_gb, tier.price_jpy)}」の料金です。"]
        option = option_ja = None
        if call_minutes == 0:
            calls = 0
        elif uses_app and plan.free_domestic_calls_via_app:
            calls = 0
            reasons.append(f"Your {call_minutes:,} call minutes are free through the app.")
            reasons_ja.append(f"通話{call_minutes:,}分はアプリからなら無料です。")
        else:
            calls = call_minutes * 2 * plan.call_rate_jpy_per_30s
            reasons.append(f"{call_minutes:,} call minutes at {plan.call_rate_jpy_per_30s} JPY per 30 s cost "
                           f"{calls:,} JPY.")
            reasons_ja.append(f"通話{call_minutes:,}分は30秒{plan.call_rate_jpy_per_30s}円で{calls:,}円です。")
            found = _call_option(plan, typical_call_minutes)
            if found is not None and found[0].price_jpy < calls:
                extra, covers, covers_ja = found
                reasons.append(f"The '{extra.name}' option ({extra.price_jpy:,} JPY) {covers} and is cheaper than "
                               "paying per call, so it is included.")
                reasons_ja.append(f"「{extra.name_ja or extra.name}」（{extra.price_jpy:,}円）は{covers_ja}ので、"
                                  "通話ごとに払うより安く、料金に含めています。")
                calls, option, option_ja = extra.price_jpy, extra.name, extra.name_ja
            if plan.free_domestic_calls_via_app and not uses_app:
                reasons.append("Calling through the app would make domestic calls free.")
                reasons_ja.append("アプリから発信すれば国内通話は無料になります。")
        return PlanCost(plan_id=plan.id, name=plan.name, data_tier=_tier_label(tier.up_to_gb, tier.price_jpy),
                        data_price_jpy=tier.price_jpy, call_cost_jpy=calls, call_option=option,
                        monthly_total_jpy=tier.price_jpy + calls, reasons=reasons, name_ja=plan.name_ja,
                        reasons_ja=reasons_ja, data_tier_ja=tier_label_ja(tier.up_to_gb, tier.price_jpy),
                        call_option_ja=option_ja)

    def recommend(self, monthly_gb: float, call_minutes_per_month: int = 0, uses_app_for_calls: bool = False,
                  typical_call_minutes: int | None = None) -> PlanRecommendation:
        usage = parse_request(_Usage, monthly_gb=monthly_gb, call_minutes_per_month=call_minutes_per_month,
                              uses_app_for_calls=uses_app_for_calls, typical_call_minutes=typical_call_minutes)
        costs = [c for p in self._plans() if (c := self.monthly_cost(
            p, usage.monthly_gb, usage.call_minutes_per_month, usage.uses_app_for_calls,
            usage.typical_call_minutes)) is not None]
        if not costs:
            raise InvalidRequest(f"No plan covers {usage.monthly_gb:g} GB a month.")
        costs.sort(key=lambda c: (c.monthly_total_jpy, c.plan_id))
        return PlanRecommendation(monthly_gb=usage.monthly_gb, call_minutes_per_month=usage.call_minutes_per_month,
                                  uses_app_for_calls=usage.uses_app_for_calls, ranked=costs)
