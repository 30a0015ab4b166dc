"""The points rules, table-driven: each row is a purchase a member could make and the points they must get."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from data.schema import LinkedServices
from testkit.factories import RULES, TODAY
from tools.errors import InvalidRequest
from tools.points_rules import ActiveCampaign, EarnRequest, PointsRulesEngine

CARD = LinkedServices(card=True)
ALL = LinkedServices(mobile=True, card=True, bank=True)


def campaign(cid: str = "C1", *, multiplier: int = 4, category: str | None = "Electronics", shop_id: str | None = None,
             starts: int = -5, ends: int = 5, cap: int = 10_000, entry: bool = False) -> ActiveCampaign:
    return ActiveCampaign(id=cid, name=f"Campaign {cid}", bonus_multiplier=multiplier, category=category,
                          shop_id=shop_id, starts_on=TODAY + timedelta(days=starts),
                          ends_on=TODAY + timedelta(days=ends),
                          requires_entry=entry, limited_time_expiry_days=30, cap_points=cap)


# (case id, request fields, campaigns, expected granted points per line kind, total, limited-time total)
CASES: list[tuple[str, dict[str, Any], list[ActiveCampaign], dict[str, list[int]], int, int]] = [
    ("base only", {"price_jpy": 10_000}, [], {"base": [100]}, 100, 0),
    ("rounding 99 JPY earns 0", {"price_jpy": 99}, [], {"base": [0]}, 0, 0),
    ("rounding 100 JPY earns 1", {"price_jpy": 100}, [], {"base": [1]}, 1, 0),
    ("rounding 199 JPY earns 1", {"price_jpy": 199}, [], {"base": [1]}, 1, 0),
    ("0 JPY paid earns 0", {"price_jpy": 0}, [], {"base": [0]}, 0, 0),
    ("mobile bonus +1x", {"price_jpy": 10_000, "linked": LinkedServices(mobile=True)}, [],
     {"base": [100], "linked": [100]}, 200, 0),
    ("card bonus +2x", {"price_jpy": 10_000, "linked": CARD}, [], {"base": [100], "linked": [200]}, 300, 0),
    ("bank bonus +1x", {"price_jpy": 10_000, "linked": LinkedServices(bank=True)}, [],
     {"base": [100], "linked": [100]}, 200, 0),
    ("every linked service", {"price_jpy": 10_000, "linked": ALL}, [],
     {"base": [100], "linked": [100, 200, 100]}, 500, 0),
    ("lines round separately (199 JPY, card)", {"price_jpy": 199, "linked": CARD}, [],
     {"base": [1], "linked": [3]}, 4, 0),
    ("shop 3x adds (3-1)x, limited-time", {"price_jpy": 10_000, "shop_multiplier": 3}, [],
     {"base": [100], "shop": [200]}, 300, 200),
    ("points used are not earned on", {"price_jpy": 10_000, "points_used": 4_000}, [], {"base": [60]}, 60, 0),
    ("paid entirely with points", {"price_jpy": 5_000, "points_used": 5_000, "linked": CARD}, [],
     {"base": [0], "linked": [0]}, 0, 0),
    ("campaign in category", {"price_jpy": 10_000, "category": "Electronics"}, [campaign()],
     {"base": [100], "campaign": [400]}, 500, 400),
    ("campaign in another category", {"price_jpy": 10_000, "category": "Food"}, [campaign()], {"base": [100]}, 100, 0),
    ("campaign not started yet", {"price_jpy": 10_000, "category": "Electronics"}, [campaign(starts=1, ends=9)],
     {"base": [100]}, 100, 0),
    ("campaign ended", {"price_jpy": 10_000, "category": "Electronics"}, [campaign(starts=-9, ends=-1)],
     {"base": [100]}, 100, 0),
    ("campaign for one shop", {"price_jpy": 10_000, "shop_id": "S01"}, [campaign(category=None, shop_id="S01")],
     {"base": [100], "campaign": [400]}, 500, 400),
    ("campaign needing entry, not entered", {"price_jpy": 10_000, "category": "Electronics"},
     [campaign(entry=True)], {"base": [100]}, 100, 0),
    ("campaign needing entry, entered", {"price_jpy": 10_000, "category": "Electronics",
                                         "entered_campaigns": frozenset({"C1"})},
     [campaign(entry=True)], {"base": [100], "campaign": [400]}, 500, 400),
    ("campaign's own cap nearly used", {"price_jpy": 10_000, "category": "Electronics",
                                        "campaign_points_already": {"C1": 100}},
     [campaign(cap=150)], {"base": [100], "campaign": [50]}, 150, 50),
    ("monthly cap reached mid-purchase", {"price_jpy": 10_000, "linked": CARD, "bonus_already_this_month": 900},
     [], {"base": [100], "linked": [100]}, 200, 0),
    ("monthly cap already used up", {"price_jpy": 10_000, "linked": CARD, "bonus_already_this_month": 1_000},
     [], {"base": [100], "linked": [0]}, 100, 0),
    ("cap cuts later lines first", {"price_jpy": 10_000, "linked": CARD, "shop_multiplier": 3,
                                    "bonus_already_this_month": 700},
     [], {"base": [100], "linked": [200], "shop": [100]}, 400, 100),
]


@pytest.mark.parametrize(("request_fields", "campaigns", "granted", "total", "limited"),
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_earn_quote(request_fields: dict[str, Any], campaigns: list[ActiveCampaign], granted: dict[str, list[int]],
                    total: int, limited: int) -> None:
    engine = PointsRulesEngine(RULES, campaigns)
    quote = engine.quote_earn(EarnRequest(on=TODAY, **request_fields))
    by_kind: dict[str, list[int]] = {}
    for line in quote.lines:
        by_kind.setdefault(line.kind, []).append(line.granted)
    assert by_kind == granted
    assert quote.total == total == sum(line.granted for line in quote.lines)
    assert quote.limited_time_points == limited
    assert quote.regular_points == total - limited
    assert quote.cap.bonus_granted == total - quote.lines[0].granted


def test_cap_is_shown_with_the_amount_cut() -> None:
    quote = PointsRulesEngine(RULES, []).quote_earn(
        EarnRequest(on=TODAY, price_jpy=10_000, linked=CARD, bonus_already_this_month=900))
    assert quote.cap.room_left == 100 and quote.cap.cut == 100
    assert quote.lines[1].cut_by_cap == 100
    assert any("Monthly bonus cap" in note for note in quote.notes)


def test_limited_time_points_carry_their_expiry() -> None:
    engine = PointsRulesEngine(RULES, [campaign()])
    quote = engine.quote_earn(EarnRequest(on=TODAY, price_jpy=10_000, shop_multiplier=2, category="Electronics"))
    expiry = {line.kind: line.expires_on for line in quote.lines}
    assert expiry == {"base": None, "shop": TODAY + timedelta(days=RULES.bonus_expiry_days),
                      "campaign": TODAY + timedelta(days=30)}


def test_entry_campaign_not_entered_tells_the_member_how_to_get_it() -> None:
    quote = PointsRulesEngine(RULES, [campaign(entry=True)]).quote_earn(
        EarnRequest(on=TODAY, price_jpy=10_000, category="Electronics"))
    assert any("Enter campaign" in note and "400" in note for note in quote.notes)


def test_using_more_points_than_the_price_is_refused() -> None:
    with pytest.raises(InvalidRequest, match="at most 5,000 points"):
        PointsRulesEngine(RULES, []).quote_earn(EarnRequest(on=TODAY, price_jpy=5_000, points_used=6_000))
