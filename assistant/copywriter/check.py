"""Check every claim in the copy against the fact sheet: supported (and by which fact), unsupported, or
contradicted (and what the facts say instead).

Points figures are compared with the rules engine's own quote (in the fact sheet), never with arithmetic the
copy implies. Campaign claims rest on the programme's campaign the brief names, only when it runs for the
page's subjects and dates (`campaigns.py`). Superlatives are unsupported unless legal's approved-claims file
approves the wording for this subject and date (`policy.py`): the catalogue holds no comparison with other
shops, so "lowest price in Japan" can never rest on it.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.copywriter.check_specs import SpecChecker
from assistant.copywriter.claims import Claim, extract_claims, normalise, vocabulary_counters
from assistant.copywriter.facts import FactSheet, SubjectFacts
from assistant.copywriter.schema import LandingCopy, Language
from assistant.copywriter.units import NUM
from assistant.copywriter.verdicts import ClaimReport, Status, Verdict, contradicted, supported, unsupported
from assistant.copywriter.verdicts import swap_number as _swap_number

__all__ = ["ClaimChecker", "ClaimReport", "Status", "Verdict"]


def _yen(value: float) -> str:
    return f"¥{int(value):,}"


class ClaimChecker:
    """Verdicts for claims about the subjects of one fact sheet."""

    def __init__(self, sheet: FactSheet) -> None:
        self.sheet = sheet
        self.subjects = sheet.subjects
        self._texts = {s.id: normalise(s.catalogue_text()).replace("_", " ") for s in self.subjects}
        self._specs = SpecChecker(self.subjects, self._texts, vocabulary_counters(sheet.vocabulary))

    def check(self, copy: LandingCopy) -> ClaimReport:
        claims = extract_claims(copy, self.sheet.vocabulary)
        return ClaimReport(verdicts=[self.verdict(claim) for claim in claims])

    def verdict(self, claim: Claim) -> Verdict:
        method = getattr(self, f"_check_{claim.kind}")
        result: Verdict = method(claim)
        return result

    # -- helpers ---------------------------------------------------------------------------------------------
    def _ok(self, claim: Claim, fact: str) -> Verdict:
        return supported(claim, fact)

    def _no(self, claim: Claim, reason: str, expected: str | None = None) -> Verdict:
        return unsupported(claim, reason, expected)

    def _wrong(self, claim: Claim, expected: str, correction: str | None = None, reason: str = "") -> Verdict:
        return contradicted(claim, expected, correction, reason)

    def _with(self, attr: str) -> list[SubjectFacts]:
        return [s for s in self.subjects if getattr(s, attr) is not None]

    @staticmethod
    def _compare(value: float, actual: float, qualifier: str, tolerance: float = 0.0) -> bool:
        if qualifier == "at_most":
            return actual <= value + tolerance
        if qualifier == "at_least":
            return actual >= value - tolerance
        return abs(actual - value) <= tolerance

    # -- prices and discounts --------------------------------------------------------------------------------
    def _check_price(self, claim: Claim) -> Verdict:
        value = claim.value or 0
        if claim.context == "list_price":
            for s in self.subjects:
                if s.list_price_jpy == value:
                    return self._ok(claim, f"{s.id} list price {_yen(value)}")
            listed = [s for s in self.subjects if s.list_price_jpy]
            if listed:
                return self._wrong(claim, f"list price {_yen(listed[0].list_price_jpy or 0)}",
                                   _swap_number(claim.text, listed[0].list_price_jpy or 0))
            return self._no(claim, "the catalogue shows no earlier or list price for this product")
        if claim.context == "worth":
            for s in self.subjects:
                for points in self._points_values(s):
                    if points * self.sheet.point_value_jpy == value:
                        return self._ok(claim, f"{s.id}: {points:,} points x {self.sheet.point_value_jpy} JPY")
        for s in self.subjects:
            prices = {"price": s.price_jpy, **s.other_prices}
            for label, price in prices.items():
                if price is not None and self._compare(value, price, claim.qualifier):
                    return self._ok(claim, f"{s.id} {label} {_yen(price)}")
            if s.discount_jpy == value:
                return self._ok(claim, f"{s.id} discount {_yen(value)} (list {_yen(s.list_price_jpy or 0)})")
            if s.list_price_jpy == value:
                return self._wrong(claim, f"the price is {_yen(s.price_jpy or 0)}; {_yen(value)} is the list price",
                                   _swap_number(claim.text, s.price_jpy or 0))
        for s in self.subjects:
            for m in re.finditer(rf"(?:¥\s?)?({NUM})\s?(?:JPY|yen|円)?", self._texts[s.id]):
                if float(m.group(1).replace(",", "")) == value and m.group(0).strip() != m.group(1):
                    return self._ok(claim, f"{s.id} catalogue: {m.group(0).strip()}")
        priced = self._with("price_jpy")
        if not priced:
            return self._no(claim, "no price in the facts")
        first = priced[0]
        correction = _swap_number(claim.text, first.price_jpy or 0) if len(priced) == 1 else None
        return self._wrong(claim, f"{first.id} costs {_yen(first.price_jpy or 0)}", correction)

    def _check_discount(self, claim: Claim) -> Verdict:
        discounted = [s for s in self.subjects if s.discount_jpy]
        if not discounted:
            return self._no(claim, "the catalogue shows no discount (no list price above the price)")
        for s in discounted:
            if claim.unit == "%":
                value = 50 if claim.context == "half" else int(claim.value or 0)
                if value in s.discount_pcts or (claim.qualifier == "at_most" and value >= max(s.discount_pcts)):
                    return self._ok(claim, f"{s.id}: {_yen(s.list_price_jpy or 0)} -> {_yen(s.price_jpy or 0)}"
                                           f" is {max(s.discount_pcts)}% off")
            elif self._compare(claim.value or 0, s.discount_jpy or 0, claim.qualifier):
                return self._ok(claim, f"{s.id}: {_yen(s.list_price_jpy or 0)} - {_yen(s.price_jpy or 0)}")
        s = discounted[0]
        if claim.unit == "%":
            pct = min(s.discount_pcts)
            fixed = None if claim.context == "half" else _swap_number(claim.text, pct)
            return self._wrong(claim, f"{pct}% off ({_yen(s.list_price_jpy or 0)} -> {_yen(s.price_jpy or 0)})", fixed)
        return self._wrong(claim, f"{_yen(s.discount_jpy or 0)} off", _swap_number(claim.text, s.discount_jpy or 0))

    # -- points ----------------------------------------------------------------------------------------------
    def _points_values(self, s: SubjectFacts) -> list[int]:
        if not s.points:
            return []
        values = [s.points.total, s.points.with_all_linked_total]
        values += [line.points for line in s.points.lines if line.points > 0]
        return values

    def _check_points(self, claim: Claim) -> Verdict:
        quoted = self._with("points")
        value = claim.value or 0
        for s in self.subjects:
            if s.plan_points_bonus_rate and value == s.plan_points_bonus_rate:
                return self._ok(claim, f"{s.id}: +{s.plan_points_bonus_rate} points per 100 JPY for subscribers")
        if not quoted:
            return self._no(claim, "no points quote for this subject")
        for s in quoted:
            assert s.points
            if claim.qualifier == "at_most" and s.points.total <= value <= s.points.with_all_linked_total:
                return self._ok(claim, f"{s.id}: up to {s.points.with_all_linked_total:,} points with every "
                                       "linked service (rules engine)")
            if claim.qualifier == "at_least" and s.points.total >= value:
                return self._ok(claim, f"{s.id}: {s.points.total:,} points (rules engine)")
            if value == s.points.total:
                return self._ok(claim, f"{s.id}: {s.points.total:,} points at {_yen(s.points.price_jpy)} "
                                       f"({' + '.join(f'{line.points:,}' for line in s.points.lines)}; rules engine)")
            if value == s.points.with_all_linked_total:
                return self._ok(claim, f"{s.id}: {value:,.0f} points with every linked service (rules engine)")
            for line in s.points.lines:
                if line.points == value and line.points > 0:
                    return self._ok(claim, f"{s.id}: {line.label} = {line.points:,} points (rules engine)")
        first = quoted[0]
        assert first.points
        correction = _swap_number(claim.text, first.points.total) if len(quoted) == 1 else None
        return self._wrong(claim, f"{first.id} earns {first.points.total:,} points (rules engine)", correction)

    def _allowed_multipliers(self) -> dict[int, str]:
        """"Nx points" figures the page may state: the rules engine's quotes, and a real campaign's terms."""
        allowed: dict[int, str] = {}
        for s in self.subjects:
            if s.points:
                for m in s.points.multipliers:
                    allowed.setdefault(m, f"{s.id}: {m}x points per the rules engine quote")
        check = self.sheet.campaign
        if check.valid and check.campaign and check.applies_to:
            allowed.setdefault(check.campaign.total_multiplier, f"programme campaign {check.campaign.describe()}")
        return allowed

    def _campaign_problem(self, claim: Claim) -> Verdict | None:
        """A claim of the brief's campaign when the programme does not run it for this page: contradicted."""
        check = self.sheet.campaign
        if not check.problems:
            return None
        promised = {m for m in (self.sheet.offer.multiplier if self.sheet.offer else None,
                                check.campaign.total_multiplier if check.campaign else None) if m}
        if claim.kind in {"multiplier", "points_rate"} and int(claim.value or 0) not in promised:
            return None
        expected = check.campaign.describe() if check.campaign else "no such campaign in the programme"
        return self._wrong(claim, expected, reason="campaign not in the programme for this page: "
                                                   + "; ".join(check.problems))

    def _check_multiplier(self, claim: Claim) -> Verdict:
        problem = self._campaign_problem(claim)
        if problem:
            return problem
        allowed = self._allowed_multipliers()
        value = int(claim.value or 0)
        if value in allowed:
            return self._ok(claim, allowed[value])
        if claim.qualifier == "at_most" and allowed and value <= max(allowed):
            return self._ok(claim, allowed[max(allowed)])
        quoted = self._with("points")
        if not allowed:
            return self._no(claim, "no points multiplier in the facts or the programme's campaigns")
        best = quoted[0].points.total_rate if quoted and quoted[0].points else max(allowed)
        return self._wrong(claim, f"{best}x points (rules engine)", _swap_number(claim.text, best),
                           reason=f"no programme campaign gives {value}x points on this page; the rules engine "
                                  f"quotes {best}x")

    def _check_points_rate(self, claim: Claim) -> Verdict:
        problem = self._campaign_problem(claim) if claim.unit == "per100" else None
        if problem:
            return problem
        value = int(claim.value or 0)
        rates = {self.sheet.base_rate: "base rate: 1 point per 100 JPY"} if self.sheet.base_rate else {}
        rates |= {m: text for m, text in self._allowed_multipliers().items()}
        for s in self.subjects:
            if s.plan_points_bonus_rate:
                rates[s.plan_points_bonus_rate] = f"{s.id}: +{s.plan_points_bonus_rate} points per 100 JPY"
        if value in rates:
            return self._ok(claim, rates[value])
        return self._wrong(claim, f"{self.sheet.base_rate} point per 100 JPY base rate")

    # -- ratings, reviews, stock, delivery -------------------------------------------------------------------
    def _check_rating(self, claim: Claim) -> Verdict:
        rated = self._with("rating")
        if not rated:
            return self._no(claim, "no rating in the facts")
        if claim.context == "high":
            for s in rated:
                if (s.rating or 0) >= 4.0:
                    return self._ok(claim, f"{s.id} rating {s.rating:.1f}/5")
            return self._no(claim, f"the rating is {rated[0].rating:.1f}/5", f"{rated[0].rating:.1f}/5")
        value = claim.value or 0
        for s in rated:
            if self._compare(value, round(s.rating or 0, 1), claim.qualifier, 0.05):
                return self._ok(claim, f"{s.id} rating {s.rating:.1f}/5")
            if s.stars is not None and value == s.stars and "star" in claim.text.casefold() + "つ星":
                return self._ok(claim, f"{s.id} is a {s.stars}-star hotel")
        first = rated[0]
        return self._wrong(claim, f"{first.id} rating {first.rating:.1f}/5",
                           _swap_number(claim.text, first.rating or 0, 1) if len(rated) == 1 else None)

    def _check_reviews(self, claim: Claim) -> Verdict:
        counted = self._with("review_count")
        if not counted:
            return self._no(claim, "no review count in the facts")
        for s in counted:
            if self._compare(claim.value or 0, s.review_count or 0, claim.qualifier):
                return self._ok(claim, f"{s.id} has {s.review_count:,} reviews")
        first = counted[0]
        return self._wrong(claim, f"{first.id} has {first.review_count:,} reviews",
                           _swap_number(claim.text, first.review_count or 0) if len(counted) == 1 else None)

    def _check_stock(self, claim: Claim) -> Verdict:
        stocked = self._with("stock")
        if not stocked:
            return self._no(claim, "no stock figure in the facts")
        if "selling fast" in claim.text.casefold():
            return self._no(claim, "the catalogue has no sales-speed figure")
        for s in stocked:
            stock = s.stock or 0
            ok = {"count": stock == claim.value, "in_stock": stock > 0, "low": 0 < stock <= 10,
                  "sold_out": stock == 0}.get(claim.context or "", False)
            if ok:
                return self._ok(claim, f"{s.id} stock {stock}")
        first = stocked[0]
        return self._wrong(claim, f"{first.id} stock is {first.stock}")

    def _check_delivery(self, claim: Claim) -> Verdict:
        shipped = self._with("delivery_days")
        if not shipped:
            return self._no(claim, "no delivery facts for this subject")
        for s in shipped:
            days = s.delivery_days or 0
            if claim.context == "free" and s.free_shipping:
                return self._ok(claim, f"{s.id} ships free")
            ok = {"same_day": days == 0, "next_day": days <= 1, "fast": days <= 2,
                  "days": claim.value is not None and days <= claim.value}.get(claim.context or "", False)
            if ok:
                return self._ok(claim, f"{s.id} delivers in {days} day(s)")
        first = shipped[0]
        if claim.context == "free":
            return self._wrong(claim, f"{first.id} does not ship free")
        if claim.context == "fast":
            return self._no(claim, f"{first.id} delivers in {first.delivery_days} days", f"{first.delivery_days} days")
        days_said = claim.context == "days" and claim.unit != "hours"  # "within 48 hours": no day figure to swap in
        fixed = _swap_number(claim.text, first.delivery_days or 0) if days_said else None
        return self._wrong(claim, f"{first.id} delivers in {first.delivery_days} day(s)", fixed)

    # -- campaign, superlatives ------------------------------------------------------------------------------
    def _check_campaign(self, claim: Claim) -> Verdict:
        """Time-limited wording ("this weekend", "期間限定") rests on a real campaign covering the page's dates."""
        check = self.sheet.campaign
        weekend = any(w in claim.text.casefold() for w in ("weekend", "週末"))
        if check.asked_for:
            if check.problems or not check.campaign:
                return self._wrong(claim, check.campaign.describe() if check.campaign else "no such campaign",
                                   reason="campaign not in the programme for this page: " + "; ".join(check.problems))
            if weekend and not check.campaign.weekend:
                return self._wrong(claim, check.campaign.describe(),
                                   reason=f"{check.campaign.name} is not a weekend campaign")
            return self._ok(claim, f"programme campaign {check.campaign.describe()}")
        if self.sheet.running_campaigns and not any(w in claim.text.casefold() for w in ("weekend", "週末", "today")):
            return self._ok(claim, f"running campaign: {', '.join(self.sheet.running_campaigns)}")
        return self._no(claim, "the brief names no campaign of the programme")

    def _check_superlative(self, claim: Claim) -> Verdict:
        """Only legal's approved-claims file can vouch for a superlative; the catalogue (even the shop's own
        description) never does."""
        until = self.sheet.ends_on or self.sheet.starts_on or date.today()
        language: Language = "ja" if self.sheet.language == "ja" else "en"
        approval = self.sheet.policy.approve(claim.text, self.sheet.refs, until=until, language=language)
        if approval.entry is not None:
            return self._ok(claim, approval.reason)
        return self._no(claim, approval.reason)

    # -- specifications (check_specs.py) --------------------------------------------------------------------
    def _check_spec(self, claim: Claim) -> Verdict:
        return self._specs.spec(claim)

    def _check_feature(self, claim: Claim) -> Verdict:
        return self._specs.feature(claim)

    def _check_attribute(self, claim: Claim) -> Verdict:
        return self._specs.attribute(claim)
