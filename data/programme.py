"""The points programme's rules, its campaigns and the mobile carrier's plans (fixed facts, no randomness).

The tiered plan follows the public shape described in DESIGN.md: 1,078 JPY up to 3 GB, 2,178 JPY up to
20 GB, 3,278 JPY beyond, tax included, free domestic calls through the carrier's app.
"""

from __future__ import annotations

from typing import Any


def points_rules() -> dict[str, Any]:
    return {
        "base_rate": 1,
        "linked_bonus_rate": {"bank": 1, "card": 2, "mobile": 1},
        "monthly_bonus_cap": 5000,
        "bonus_expiry_days": 45,
        "regular_expiry_days": 365,
        "point_value_jpy": 1,
        "min_redeem_points": 1,
    }


_COMMON_OPTIONS = [
    {
        "id": "opt-call15",
        "name": "15-Minute Call Option",
        "price_jpy": 1100,
        "description": "Unlimited domestic calls of up to 15 minutes each from the standard dialler (no app needed).",
    },
    {
        "id": "opt-intl",
        "name": "International Call Flat",
        "price_jpy": 980,
        "description": "Calls from Japan to 66 countries and regions without per-minute charges.",
    },
    {
        "id": "opt-insurance",
        "name": "Device Insurance",
        "price_jpy": 715,
        "description": "Covers breakage, water damage and theft of your handset, with a replacement in two days.",
    },
]


def mobile_plans() -> list[dict[str, Any]]:
    return [
        {
            "id": "plan-tiered",
            "name": "Tiered Unlimited",
            "tiers": [
                {"up_to_gb": 3.0, "price_jpy": 1078},
                {"up_to_gb": 20.0, "price_jpy": 2178},
                {"up_to_gb": None, "price_jpy": 3278},
            ],
            "free_domestic_calls_via_app": True,
            "call_rate_jpy_per_30s": 22,
            "options": _COMMON_OPTIONS,
            "points_bonus_rate": 1,
            "description": (
                "One plan that charges only for the data you use: 1,078 JPY up to 3 GB, 2,178 JPY up to "
                "20 GB and 3,278 JPY for unlimited data beyond that (tax included). Domestic calls are "
                "free through the carrier's app; without it, calls cost 22 JPY per 30 seconds. "
                "Subscribers earn +1 point per 100 JPY on marketplace purchases."
            ),
        },
        {
            "id": "plan-light",
            "name": "Data Light",
            "tiers": [{"up_to_gb": 1.0, "price_jpy": 550}, {"up_to_gb": 5.0, "price_jpy": 990}],
            "free_domestic_calls_via_app": False,
            "call_rate_jpy_per_30s": 22,
            "options": [_COMMON_OPTIONS[2]],
            "points_bonus_rate": 0,
            "description": (
                "A data-only eSIM for tablets, a second phone or very light use: 550 JPY up to 1 GB, "
                "990 JPY up to 5 GB (a hard cap: speed drops to 200 kbps after 5 GB). No voice calls "
                "through the app and no subscriber points bonus."
            ),
        },
        {
            "id": "plan-youth",
            "name": "Under-22 Tiered",
            "tiers": [
                {"up_to_gb": 3.0, "price_jpy": 968},
                {"up_to_gb": 20.0, "price_jpy": 1958},
                {"up_to_gb": None, "price_jpy": 2948},
            ],
            "free_domestic_calls_via_app": True,
            "call_rate_jpy_per_30s": 22,
            "options": _COMMON_OPTIONS,
            "points_bonus_rate": 1,
            "description": (
                "The tiered plan at a lower price for members aged 22 or under: 968, 1,958 or 2,948 JPY "
                "a month by data used, with free domestic calls through the app and the same +1 points bonus."
            ),
        },
    ]


def campaigns() -> list[dict[str, Any]]:
    """Campaign windows are relative to the load date (negative start = already running)."""
    return [
        {
            "id": "C001",
            "name": "Weekend 10x on Electronics",
            "description": (
                "Earn 10x points (base + 9x bonus) on Electronics this weekend. "
                "Entry required; bonus points are limited-time."
            ),
            "bonus_multiplier": 9,
            "category": "Electronics",
            "shop_id": None,
            "starts_in_days": -1,
            "ends_in_days": 2,
            "requires_entry": True,
            "limited_time_expiry_days": 45,
            "cap_points": 5000,
        },
        {
            "id": "C002",
            "name": "Travel 5x: hotels nationwide",
            "description": (
                "Book any hotel and earn 5x points (base + 4x bonus) on the stay, up to 10,000 bonus points."
            ),
            "bonus_multiplier": 4,
            "category": "Travel",
            "shop_id": None,
            "starts_in_days": -10,
            "ends_in_days": 20,
            "requires_entry": False,
            "limited_time_expiry_days": 45,
            "cap_points": 10000,
        },
        {
            "id": "C003",
            "name": "Shop Anniversary 3x",
            "description": "Tokyo shop anniversary sale: 3x points (base + 2x bonus) on everything from shop S0001.",
            "bonus_multiplier": 2,
            "category": None,
            "shop_id": "S0001",
            "starts_in_days": -3,
            "ends_in_days": 4,
            "requires_entry": False,
            "limited_time_expiry_days": 30,
            "cap_points": 3000,
        },
        {
            "id": "C004",
            "name": "Super Sale Week",
            "description": "Up to 5x points across the marketplace (base + 4x bonus) for entrants. Starts next week.",
            "bonus_multiplier": 4,
            "category": None,
            "shop_id": None,
            "starts_in_days": 7,
            "ends_in_days": 14,
            "requires_entry": True,
            "limited_time_expiry_days": 45,
            "cap_points": 7000,
        },
        {
            "id": "C005",
            "name": "Autumn Kitchen Fair 4x",
            "description": "4x points on Home & Kitchen (base + 3x bonus). This campaign has ended.",
            "bonus_multiplier": 3,
            "category": "Home & Kitchen",
            "shop_id": None,
            "starts_in_days": -40,
            "ends_in_days": -10,
            "requires_entry": False,
            "limited_time_expiry_days": 45,
            "cap_points": 4000,
        },
    ]
