"""The Japanese side of the marketplace vocabulary: how a Japanese listing names and sells the same item.

Keyed by the English vocabulary (`data.vocab.products`), so the Japanese text of a product is a function
of the English facts the generator already drew: nothing here touches the English random streams.
Brands keep their Latin spelling where Japanese shops do (Anker, JBL) and get the katakana or kanji
Japanese shops put first (ソニー, 象印) where one is in common use.
The tables are data, one entry a line in products_ja.json.
"""

from __future__ import annotations

from data.vocab.tables import by_rating, load_table

_TABLES = load_table("products_ja")
# subcategory -> (Japanese shelf name, the word a member types in a Japanese search box)
SUBCATEGORY_JA: dict[str, tuple[str, str]] = _TABLES["SUBCATEGORY_JA"]
CATEGORY_JA: dict[str, str] = _TABLES["CATEGORY_JA"]
NOUN_JA: dict[str, str] = _TABLES["NOUN_JA"]
# Brands Japanese shops write in katakana or kanji first; the rest keep their Latin spelling.
BRAND_JA: dict[str, str] = _TABLES["BRAND_JA"]
ATTR_KEY_JA: dict[str, str] = _TABLES["ATTR_KEY_JA"]
# Attribute values in words; values that are figures with units go through `attribute_value_ja`.
VALUE_JA: dict[str, str] = _TABLES["VALUE_JA"]
# (English unit, Japanese unit): "20 hours" -> "20時間"; applied after VALUE_JA misses.
UNITS_JA: tuple[tuple[str, str], ...] = _TABLES["UNITS_JA"]

# What a Japanese listing says in its headline: marketplace badges, chosen per product by its own facts.
TITLE_BADGES: tuple[str, ...] = _TABLES["TITLE_BADGES"]
DESCRIPTION_OPENERS_JA: tuple[str, ...] = _TABLES["DESCRIPTION_OPENERS_JA"]
DESCRIPTION_MIDDLES_JA: tuple[str, ...] = _TABLES["DESCRIPTION_MIDDLES_JA"]
DESCRIPTION_CLOSERS_JA: tuple[str, ...] = _TABLES["DESCRIPTION_CLOSERS_JA"]
DELIVERY_JA = {True: "送料無料でお届けします。", False: ""}

REVIEW_TITLES_JA: dict[int, tuple[str, ...]] = by_rating(_TABLES["REVIEW_TITLES_JA"])
REVIEW_TEXTS_JA: dict[int, tuple[str, ...]] = by_rating(_TABLES["REVIEW_TEXTS_JA"])

# truth tag -> the selling line a Japanese listing writes for it
TAG_PHRASES_JA: dict[str, str] = _TABLES["TAG_PHRASES_JA"]
