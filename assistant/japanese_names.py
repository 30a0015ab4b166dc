"""Names and terms in Japanese for a Japanese turn, read from the tool results themselves (issue 16).

Why: the engine links, compares and answers on the English fields (`name`, `hotel_name`, `title`, ...), so a
Japanese answer showed "Gion Richmond Hotel" where the data holds 祇園 リッチモンド ホテル beside it. The
tools return each name's `_ja` sibling where the data has one; this module pairs every English value with
its sibling (and every cancellation text and points label with its Japanese wording, from
`assistant.japanese_terms`), and `localise` swaps whole values in an answer's variables. A value is swapped
only when it equals a name or term of the results exactly (a bare lower-case word such as a search query
"earbuds" may match a category case-insensitively), so nothing is translated by hand and a value the data
has no Japanese for stays as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from assistant.japanese_terms import cancellation_ja, earn_label_ja, policy_ja

# The name fields a result may carry with a `_ja` sibling, most specific first: when one English value has
# two siblings (the city "Kyoto" 京都市 and the prefecture "Kyoto" 京都府), the first field's wins.
NAME_FIELDS = ("name", "hotel_name", "room_name", "title", "area", "city", "brand", "subcategory", "category",
               "prefecture", "known_for", "activities", "amenities", "call_option",
               # composed plan facts (tools.mobile_ja): tier and option labels, call and points lines, reasons
               "tiers", "data_tier", "options", "option_labels", "calls", "points", "reasons", "description")


def pick(item: Mapping[str, Any], field: str) -> Any:
    """The field's Japanese sibling when the item carries one, else the field itself."""
    return item.get(f"{field}_ja") or item.get(field)


def in_language(item: Mapping[str, Any], field: str, language: str) -> Any:
    """The field as a member writing `language` reads it: `pick` in Japanese, the field itself otherwise."""
    return pick(item, field) if language == "ja" else item.get(field)


def _dicts(value: Any) -> Iterable[Mapping[str, Any]]:
    if isinstance(value, Mapping):
        yield value
        for item in value.values():
            yield from _dicts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _dicts(item)


def _pairs(item: Mapping[str, Any]) -> Iterable[tuple[int, str, str]]:
    """(priority, English, Japanese) for every name field of one dict that has a `_ja` sibling."""
    for rank, field in enumerate(NAME_FIELDS):
        english, japanese = item.get(field), item.get(f"{field}_ja")
        if isinstance(english, str) and isinstance(japanese, str) and english and japanese:
            yield rank, english, japanese
        elif isinstance(english, list) and isinstance(japanese, list) and len(english) == len(japanese):
            for en, ja in zip(english, japanese, strict=True):
                if isinstance(en, str) and isinstance(ja, str) and en and ja:
                    yield rank, en, ja


def _terms(item: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    """(English, Japanese) for the composed terms of one dict: cancellation text, hotel policy, points label."""
    if isinstance(item.get("text"), str):
        japanese = cancellation_ja(item)
        if japanese:
            yield item["text"], japanese
    if isinstance(item.get("text"), str) and "free_until_days" in item:
        japanese = policy_ja(item)
        if japanese:
            yield item["text"], japanese
    if isinstance(item.get("label"), str):
        japanese = earn_label_ja(item)
        if japanese:
            yield item["label"], japanese


def japanese_map(results: Iterable[Any]) -> dict[str, str]:
    """English value -> its Japanese, from every name and term the results carry."""
    ranked: dict[str, tuple[int, str]] = {}
    found: dict[str, str] = {}
    for result in results:
        for item in _dicts(result):
            for rank, english, japanese in _pairs(item):
                if english not in ranked or rank < ranked[english][0]:
                    ranked[english] = (rank, japanese)
            for english, japanese in _terms(item):
                found.setdefault(english, japanese)
    names = {english: japanese for english, (_, japanese) in ranked.items()}
    return {**names, **found}


def localise(value: Any, names: Mapping[str, str]) -> Any:
    """`value` with every string that is a known English name or term replaced by its Japanese."""
    if not names:
        return value
    lower = {english.lower(): japanese for english, japanese in names.items()}
    return _swap(value, names, lower)


def _swap(value: Any, names: Mapping[str, str], lower: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        if value in names:
            return names[value]
        return lower.get(value, value) if value.islower() else value
    if isinstance(value, Mapping):
        return {key: _swap(item, names, lower) for key, item in value.items()}
    if isinstance(value, list):
        return [_swap(item, names, lower) for item in value]
    if isinstance(value, tuple):
        return tuple(_swap(item, names, lower) for item in value)
    return value
