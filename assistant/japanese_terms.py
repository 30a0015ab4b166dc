"""Cancellation terms and points lines in Japanese, written from the fields a tool result carries (issue 16).

Why from fields: the English `text` of a quote's cancellation terms and the `label` of a points line are
sentences the tools compose; a Japanese answer quoting them verbatim showed "Non-refundable: cancelling at
any time costs ..." in the middle of Japanese. The same fields the English is written from (dates, fee
percentages and yen, the rate per 100 JPY) fill the phrases of `prompts/ja/terms.yaml`, so both languages
state the same figures and nothing is translated by hand. Each function returns None when the fields it
needs are missing: the caller keeps the English then, rather than inventing a term.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

import yaml

from assistant.prompts import PROMPTS_DIR

_WEEKDAYS = "月火水木金土日"


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((PROMPTS_DIR / "ja" / "terms.yaml").read_text(encoding="utf-8"))
    return loaded


def day_ja(value: Any) -> str:
    """2026-12-05 -> 12月5日(土), as the Japanese answers write a date."""
    d = date.fromisoformat(str(value)[:10])
    return f"{d.month}月{d.day}日({_WEEKDAYS[d.weekday()]})"


def _yen(value: Any) -> str:
    return f"{int(value):,}円"


def cancellation_ja(terms: Any) -> str | None:
    """A quote's dated cancellation terms (tools/cancellation.py `CancellationTerms` as JSON) in Japanese."""
    if not isinstance(terms, Mapping) or "no_show_pct" not in terms or "fee_pct" not in terms:
        return None
    if "free_until_days" in terms:  # a hotel's policy as written, not one stay's dated terms: policy_ja
        return None
    words = phrases()["cancellation"]
    schedule = [s for s in terms.get("schedule") or [] if isinstance(s, Mapping)]
    no_show = terms["no_show_pct"]
    try:
        if not schedule and not terms.get("free_until") and not terms.get("non_refundable"):
            if "schedule" in terms:
                return str(words["started"]).format(no_show=no_show)
            return None  # an older result without a schedule: too little to say it in full
        if terms.get("non_refundable"):
            return str(words["non_refundable"]).format(fee=_yen(terms["fee_jpy"]), no_show=no_show)
        paid = [s for s in schedule if int(s.get("fee_pct", 0)) > 0]
        if terms.get("free_until"):
            until = day_ja(terms["free_until"])
            if not paid:
                return str(words["free_to_check_in"]).format(until=until, no_show=no_show)
            if len(paid) == 1:
                return str(words["free_then"]).format(until=until, pct=paid[0]["fee_pct"],
                                                      fee=_yen(paid[0]["fee_jpy"]), no_show=no_show)
            return str(words["free_then_steps"]).format(until=until, steps=_steps(paid), no_show=no_show)
        first, rest = (paid[0], paid[1:]) if paid else ({"fee_pct": terms["fee_pct"], "fee_jpy": terms["fee_jpy"]}, [])
        if not rest:
            return str(words["paid"]).format(pct=first["fee_pct"], fee=_yen(first["fee_jpy"]), no_show=no_show)
        return str(words["paid_then_steps"]).format(pct=first["fee_pct"], fee=_yen(first["fee_jpy"]),
                                                    steps=_steps(rest), no_show=no_show)
    except (KeyError, TypeError, ValueError):
        return None


def _steps(steps: list[Mapping[str, Any]]) -> str:
    words = phrases()["cancellation"]
    return str(words["step_joiner"]).join(
        str(words["step"]).format(starts=day_ja(s["starts_on"]), pct=s["fee_pct"], fee=_yen(s["fee_jpy"]))
        for s in steps
    )


def policy_ja(policy: Any) -> str | None:
    """A hotel's policy as written (data.schema `CancellationPolicy` as JSON: days before check-in) in Japanese."""
    if not isinstance(policy, Mapping) or "free_until_days" not in policy:
        return None
    words = phrases()["policy"]
    try:
        days, pct, no_show = int(policy["free_until_days"]), int(policy["fee_pct"]), int(policy["no_show_pct"])
        tiers = sorted((t for t in policy.get("tiers") or [] if isinstance(t, Mapping)),
                       key=lambda t: -int(t["days_before"]))
        if days == 0 and pct == 100 and not tiers:
            return str(words["non_refundable"])
        later = "".join(
            str(words["tier_on_the_day"] if int(t["days_before"]) == 0 else words["tier"]).format(
                days=t["days_before"], pct=t["fee_pct"])
            for t in tiers
        )
        key = "free" if days > 0 else "never_free"
        return str(words[key]).format(days=days, pct=pct, tiers=later, no_show=no_show)
    except (KeyError, TypeError, ValueError):
        return None


def earn_label_ja(line: Any) -> str | None:
    """One line of a points breakdown (tools/points_rules.py `EarnLine` as JSON) named in Japanese."""
    if not isinstance(line, Mapping) or "kind" not in line or "rate_per_100_jpy" not in line:
        return None
    words = phrases()["points"]
    kind, rate = str(line["kind"]), line["rate_per_100_jpy"]
    if kind == "linked":
        label = str(line.get("label", "")).lower()
        services: Mapping[str, str] = words["linked"]
        service = next((s for s in services if s != "other" and label.startswith(s)), "other")
        return str(services[service]).format(rate=rate)
    if kind in ("base", "shop", "campaign"):
        return str(words[kind]).format(rate=rate)
    return None
