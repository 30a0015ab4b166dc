"""Relevance rules for destination queries: activity plus the month's climate, from the guides' facts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from data.schema import Destination, MonthClimate

Judgement = tuple[str, Callable[[Destination], int], dict[str, Any]]


def month(d: Destination, m: int) -> MonthClimate:
    return d.climate[m - 1]


def act(d: Destination, activity: str) -> bool:
    return activity in d.activities


def destination_judgements() -> list[Judgement]:
    """(query, grade rule, filters a good system would apply) for each destination query."""
    rules: list[Judgement] = [
        (
            "somewhere warm in January for the beach",
            lambda d: (
                3
                if act(d, "beach") and month(d, 1).avg_high_c >= 18
                else 1
                if act(d, "beach") and month(d, 1).avg_high_c >= 14
                else 0
            ),
            {"month": 1},
        ),
        (
            "where can I go skiing in February",
            lambda d: 3 if act(d, "skiing") and month(d, 2).avg_high_c <= 3 else 1 if act(d, "skiing") else 0,
            {"month": 2},
        ),
        (
            "best places for autumn leaves in November",
            lambda d: (
                3
                if act(d, "autumn leaves") and "autumn leaves" in month(d, 11).note
                else 1
                if act(d, "autumn leaves")
                else 0
            ),
            {"month": 11},
        ),
        (
            "cherry blossom trip in early April",
            lambda d: (
                3
                if "cherry blossoms" in month(d, 4).note and act(d, "cherry blossoms")
                else 2
                if "cherry blossoms" in month(d, 4).note
                else 0
            ),
            {"month": 4},
        ),
        (
            "cool place to escape the summer heat in August",
            lambda d: 3 if month(d, 8).avg_high_c <= 26 else 1 if month(d, 8).avg_high_c <= 28 else 0,
            {"month": 8},
        ),
        (
            "onsen town with snow in winter",
            lambda d: (
                3
                if act(d, "onsen") and month(d, 1).avg_low_c <= -3
                else 1
                if act(d, "onsen") and month(d, 1).avg_low_c <= 0
                else 0
            ),
            {"month": 1},
        ),
        (
            "diving and snorkelling trip in October",
            lambda d: (
                3
                if (act(d, "diving") or act(d, "snorkelling")) and month(d, 10).avg_high_c >= 25
                else 1
                if act(d, "diving") or act(d, "snorkelling")
                else 0
            ),
            {"month": 10},
        ),
        (
            "temples and history in the Kansai region",
            lambda d: 3 if act(d, "temples") and d.region == "kansai" else 1 if act(d, "temples") else 0,
            {"region": "kansai"},
        ),
        (
            "summer festivals in August",
            lambda d: 3 if act(d, "festivals") and 8 in d.best_months else 1 if act(d, "festivals") else 0,
            {"month": 8},
        ),
        ("seafood lover's weekend", lambda d: 3 if act(d, "seafood") else 1 if act(d, "food") else 0, {}),
        (
            "art museums on an island",
            lambda d: 3 if act(d, "art") and d.region == "shikoku" else 1 if act(d, "art") or act(d, "museums") else 0,
            {},
        ),
        (
            "hiking in May when it is not too hot",
            lambda d: 3 if act(d, "hiking") and 5 in d.best_months else 1 if act(d, "hiking") else 0,
            {"month": 5},
        ),
        ("see a Japanese castle", lambda d: 3 if act(d, "castles") else 1 if act(d, "history") else 0, {}),
        (
            "powder snow skiing with onsen afterwards",
            lambda d: 3 if act(d, "skiing") and act(d, "onsen") else 1 if act(d, "skiing") else 0,
            {},
        ),
        (
            "day trip from Tokyo to see temples",
            lambda d: 3 if (act(d, "temples") or act(d, "shrines")) and d.region == "kanto" else 0,
            {"region": "kanto"},
        ),
        (
            "beach holiday in July",
            lambda d: 3 if act(d, "beach") and month(d, 7).avg_high_c >= 29 else 1 if act(d, "beach") else 0,
            {"month": 7},
        ),
        ("theme parks with the kids", lambda d: 3 if act(d, "theme parks") else 0, {}),
        ("best night views in Japan", lambda d: 3 if act(d, "night views") else 0, {}),
        ("lavender fields in July", lambda d: 3 if any("lavender" in k for k in d.known_for) else 0, {"month": 7}),
        (
            "nightlife and street food",
            lambda d: 3 if act(d, "nightlife") and act(d, "food") else 1 if act(d, "nightlife") else 0,
            {},
        ),
        (
            "somewhere warm in Decmber",
            lambda d: 3 if month(d, 12).avg_high_c >= 20 else 1 if month(d, 12).avg_high_c >= 16 else 0,
            {"month": 12},
        ),
        (
            "rainforest hike among ancient cedars",
            lambda d: (
                3 if any("cedar" in k for k in d.known_for) else 1 if act(d, "hiking") and act(d, "nature") else 0
            ),
            {},
        ),
    ]
    return rules
