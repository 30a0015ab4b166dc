"""Fixtures for the copy studio: a small hand-built catalogue in the data-set schema, and the fact source.

The generated data set is used when it exists (`data/generated/small`); these fixtures keep the tests
independent of it and pin every number the assertions check.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.copywriter.facts import DataSetFacts
from data.schema import (
    Campaign,
    CancellationPolicy,
    Hotel,
    MobilePlan,
    PlanOption,
    PlanTier,
    PointsRules,
    Product,
    RoomType,
)
from testkit.factories import make_product

TODAY = date(2026, 11, 20)

RULES = PointsRules(base_rate=1, linked_bonus_rate={"mobile": 1, "card": 2, "bank": 1}, monthly_bonus_cap=5000,
                    bonus_expiry_days=30, regular_expiry_days=365)


@pytest.fixture
def products() -> list[Product]:
    return [
        make_product(),
        make_product(
            id="P000002", title="Kumo Stainless Steel Water Bottle 500 ml", category="Sports & Outdoors",
            subcategory="Bottles", shop_id="S002", shop_name="Kumo Outdoor", brand="Kumo", model_number="KB-500",
            price_jpy=2980, list_price_jpy=None, shop_points_multiplier=1, rating=4.7, review_count=356,
            stock=5, attributes={"colour": "navy", "capacity": "500 ml", "material": "stainless steel"},
            description="Double-wall vacuum bottle that keeps drinks cold for 24 hours.", free_shipping=False,
            delivery_days=3,
        ),
        make_product(
            id="P000003", title="Hinoki Cutting Board (Large)", category="Home & Kitchen", subcategory="Kitchen",
            shop_id="S003", shop_name="Kiso Woodworks", brand="Kiso", model_number="HB-L",
            price_jpy=5500, list_price_jpy=6600, shop_points_multiplier=2, rating=4.6, review_count=88,
            stock=0, attributes={"colour": "natural", "material": "hinoki cypress", "size": "42 x 24 cm"},
            description="A cutting board of Japanese hinoki cypress, gentle on knife edges.", free_shipping=True,
            delivery_days=4,
        ),
    ]


@pytest.fixture
def hotels() -> list[Hotel]:
    return [Hotel(
        id="H0001", name="Hakone Yumoto Ryokan Sakura", prefecture="Kanagawa", city="Hakone", area="Yumoto",
        region="kanto", destination_id=None, stars=4, amenities=["onsen", "breakfast", "wifi"],
        room_types=[RoomType(id="H0001-R1", name="Japanese-style room", capacity_adults=2, capacity_total=3,
                             beds="futon x2", base_rate_jpy=18000, rooms=5)],
        weekend_uplift_pct=20, season_uplift_pct={}, cancellation=CancellationPolicy(
            free_until_days=3, fee_pct=50, no_show_pct=100, text="Free cancellation until 3 days before."),
        check_in="15:00", check_out="10:00", rating=4.5, review_count=640,
        description="A riverside ryokan with private open-air baths.", access="5 min walk from Hakone-Yumoto Station",
        truth_tags=[],
    )]


@pytest.fixture
def plans() -> list[MobilePlan]:
    return [MobilePlan(
        id="MP-TIERED", name="Tiered Plan", tiers=[PlanTier(up_to_gb=3, price_jpy=1078),
                                                 PlanTier(up_to_gb=20, price_jpy=2178),
                                                 PlanTier(up_to_gb=None, price_jpy=3278)],
        free_domestic_calls_via_app=True, call_rate_jpy_per_30s=22,
        options=[PlanOption(id="O1", name="Device insurance", price_jpy=715, description="Covers damage.")],
        points_bonus_rate=1, description="One plan that follows your data use.",
    )]


@pytest.fixture
def campaigns() -> list[Campaign]:
    return [
        # Ended last week: must not show up in any quote.
        Campaign(id="C1", name="Autumn Electronics", description="", bonus_multiplier=4,
                 category="Electronics", starts_in_days=-20, ends_in_days=-7, limited_time_expiry_days=30,
                 cap_points=1000),
        # Running over this weekend for every category, entry required: the "10x points this weekend" of the
        # briefs (a page promoting it assumes the shopper enters).
        Campaign(id="C2", name="Weekend 10x", description="", bonus_multiplier=9, category=None,
                 starts_in_days=-1, ends_in_days=2, limited_time_expiry_days=30, cap_points=5000,
                 requires_entry=True),
        # Running, but for Home & Kitchen only, and with a small cap.
        Campaign(id="C3", name="Kitchen Fair 4x", description="", bonus_multiplier=3, category="Home & Kitchen",
                 starts_in_days=-3, ends_in_days=10, limited_time_expiry_days=30, cap_points=100),
        # Starts next week.
        Campaign(id="C4", name="Super Sale 5x", description="", bonus_multiplier=4, category=None,
                 starts_in_days=7, ends_in_days=14, limited_time_expiry_days=30, cap_points=7000),
    ]


@pytest.fixture
def facts_source(products: list[Product], hotels: list[Hotel], plans: list[MobilePlan],
                 campaigns: list[Campaign]) -> DataSetFacts:
    return DataSetFacts(products=products, hotels=hotels, mobile_plans=plans, rules=RULES, campaigns=campaigns,
                        today=TODAY)
