"""Marketplace shops and products, composed from `data.vocab.products`.

Products are plain dicts shaped like `data.schema.Product` (validating 100k pydantic models would dominate
the generation time; the loader and the tests validate). Each product draws from its own random stream,
so product `P000123` is identical in every size that contains it.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from data.japanese import product_ja
from data.streams import stable_int, stream
from data.vocab.products import (
    ADJECTIVES,
    CATEGORIES,
    DESCRIPTION_ATTRS,
    DESCRIPTION_CLOSERS,
    DESCRIPTION_MIDDLES,
    DESCRIPTION_OPENERS,
    REVIEW_TEXTS,
    REVIEW_TITLES,
    SHOP_NOUNS,
    SHOP_PREFIXES,
    SUBCATEGORIES,
    TAG_PHRASES,
    TAG_REVIEWS,
    Subcategory,
)

_WEIGHTED_SUBCATS: list[int] = [i for i, s in enumerate(SUBCATEGORIES) for _ in range(s.weight)]
GENERAL_SHOP_NOUNS = ("Select Mart", "Online Store", "Direct", "Marketplace Shop", "Lifestyle Store", "Variety")
_SUFFIXES = ("", "", "", "X", "S", "II", "Pro", "M5", "XM4", "-B", "-W", "N", "R", "EX")
_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


SHOP_COUNT = 200  # fixed for every size, so a product's shop never depends on the size


def generate_shops(seed: int) -> list[dict[str, Any]]:
    """Shops with 1-3 categories each; every category is carried by several shops."""
    rng = stream(seed, "shops")
    shops: list[dict[str, Any]] = []
    names: set[str] = set()
    for i in range(SHOP_COUNT):
        primary = CATEGORIES[i % len(CATEGORIES)]
        categories = [primary]
        for _ in range(rng.choice((0, 0, 1, 2))):
            other = rng.choice(CATEGORIES)
            if other not in categories:
                categories.append(other)
        noun = rng.choice(SHOP_NOUNS[primary]) if len(categories) == 1 else rng.choice(GENERAL_SHOP_NOUNS)
        name = f"{rng.choice(SHOP_PREFIXES)} {noun}"
        if name in names:
            name = f"{name} {len(names) % 9 + 2}"
        while name in names:
            name = f"{name}+"
        names.add(name)
        roll = rng.random()
        multiplier = 1 if roll < 0.75 else rng.choice((2, 3, 4, 5)) if roll < 0.97 else 10
        shops.append(
            {
                "id": f"S{i + 1:04d}",
                "name": name,
                "categories": categories,
                "rating": round(rng.uniform(3.6, 4.9), 1),
                "_multiplier": multiplier,
            }
        )
    return shops


def public_shop(shop: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in shop.items() if not k.startswith("_")}


_KEEP_CASE = {
    "Japanese",
    "Hokkaido",
    "Koshihikari",
    "Yumepirika",
    "Kit",
    "Kat-style",
    "Nintendo",
    "Switch",
    "PlayStation",
    "Junmai",
    "Daiginjo",
    "Umeshu",
    "Kumon-style",
    "Go",
    "Shogi",
    "Santoku",
    "Gyuto",
    "Donabe",
    "Tamagoyaki",
    "Randoseru",
    "Bluetooth",
    "Sencha",
    "Matcha",
    "Yokan",
    "Senbei",
    "Kotatsu",
}


def catalogue_noun(noun: str) -> str:
    """'DC Circulator Fan' -> 'DC circulator fan': lower-case common words, keep acronyms and names."""
    return " ".join(
        w if w in _KEEP_CASE or w.isupper() or any(c.isdigit() for c in w) or w[1:] != w[1:].lower() else w.lower()
        for w in noun.split()
    )


def shelf_price(rng: random.Random, low: int, high: int) -> int:
    """A log-uniform price in the band, rounded the way Japanese shops price (980, 2,980, 12,800)."""
    raw = int(low * (high / low) ** rng.random())
    if raw < 1000:
        price = (raw // 100) * 100 + rng.choice((80, 80, 0, 50))
    elif raw < 10000:
        price = (raw // 500) * 500 + rng.choice((480, -20, 0, 480, 480))
    else:
        price = (raw // 1000) * 1000 + rng.choice((800, 800, 0, 980, 500))
    return max(price, 100)


def _model_number(rng: random.Random, brand: str, sub: Subcategory, taken: set[str]) -> str:
    lead = brand[0].upper() if brand[0].isalpha() else "K"
    style = stable_int(brand + sub.name) % 3
    while True:
        digits = rng.randint(100, 9999) if style != 2 else rng.randint(10, 99) * 10
        suffix = rng.choice(_SUFFIXES)
        if style == 0:
            model = f"{sub.code}-{digits}{suffix}"
        elif style == 1:
            model = f"{lead}{sub.code}-{digits}{suffix}"
        else:
            model = f"{lead}{rng.choice(_LETTERS)}-{sub.code}{digits}{suffix}"
        if model not in taken:
            taken.add(model)
            return model


def _reviews(
    rng: random.Random, quality: float, noun: str, features: list[str], count: int, tags: list[str]
) -> list[dict[str, Any]]:
    reviews: list[dict[str, Any]] = []
    for _ in range(min(count, rng.randint(2, 4))):
        stars = max(1, min(5, round(rng.gauss(quality, 0.9))))
        feature = rng.choice(features)
        text = rng.choice(REVIEW_TEXTS[stars]).format(
            noun=catalogue_noun(noun), feature=feature, feature_cap=feature[0].upper() + feature[1:]
        )
        tagged = [t for t in tags if t in TAG_REVIEWS]
        if stars >= 4 and tagged and rng.random() < 0.4:
            text = TAG_REVIEWS[rng.choice(tagged)]
        reviews.append(
            {"rating": stars, "title": rng.choice(REVIEW_TITLES[stars]), "text": text, "days_ago": rng.randint(1, 720)}
        )
    reviews.sort(key=lambda r: r["days_ago"])
    return reviews


def _attr_phrase(attrs: dict[str, str]) -> str:
    parts = [f"{k.replace('_', ' ')} {v}" for k, v in attrs.items()]
    return ", ".join(parts[:3])


def make_product(
    seed: int, index: int, shops_by_category: dict[str, list[dict[str, Any]]], taken_models: set[str]
) -> dict[str, Any]:
    """Product number `index` (0-based); its text and facts depend only on the seed and the index."""
    rng = stream(seed, "products", index)
    sub = SUBCATEGORIES[rng.choice(_WEIGHTED_SUBCATS)]
    brand = rng.choice(sub.brands)
    noun = rng.choice(sub.nouns)
    model = _model_number(rng, brand, sub, taken_models)
    attrs = {key: rng.choice(values) for key, values in sorted(sub.attrs.items())}
    tags = list(sub.tags) + [t for t in sub.maybe_tags if rng.random() < 0.35]
    features = rng.sample(sub.features, k=min(len(sub.features), 3))
    shop = rng.choice(shops_by_category[sub.category])

    low, high = sub.price
    # premium brands sit higher in the band: the first brands of each list are the established names
    position = sub.brands.index(brand) / max(1, len(sub.brands) - 1)
    price = shelf_price(rng, int(low * (1.4 - 0.4 * position)), int(high * (1.0 - 0.35 * position)))
    list_price = None
    if rng.random() < 0.25:
        list_price = (int(price * rng.uniform(1.1, 1.5)) // 100) * 100 + 80
    tags.append("price:budget" if price < low * 2 else "price:premium" if price > high / 2 else "price:mid")

    quality = max(2.4, min(4.9, rng.gauss(4.1, 0.45)))
    review_count = 0 if rng.random() < 0.03 else max(1, int(rng.lognormvariate(2.5 + (quality - 4.0) * 1.6, 1.1)))
    reviews = _reviews(rng, quality, noun, features, review_count, tags)
    rating = round(min(5.0, quality + rng.uniform(-0.15, 0.15)), 2) if review_count else 0.0

    roll = rng.random()
    stock = 0 if roll < 0.06 else rng.randint(1, 5) if roll < 0.16 else rng.randint(6, 500)
    multiplier = shop["_multiplier"] if rng.random() < 0.8 else rng.choice((1, 1, 2, 3, 5))

    title_attr = attrs.get("colour") or attrs.get("capacity") or attrs.get("size") or next(iter(attrs.values()), "")
    title = rng.choice(
        (
            f"{brand} {noun} {model}, {title_attr}",
            f"{brand} {model} {noun} ({title_attr})",
            f"[Free Shipping] {brand} {noun} {model} {title_attr}",
            f"{brand} {noun} {model} - {features[0].split(' that ')[0]}",
            f"{noun} {brand} {model} {title_attr} [Genuine Japan Model]",
        )
    ).rstrip(", ")
    values = {
        "brand": brand,
        "model": model,
        "noun": catalogue_noun(noun),
        "feature": features[0],
        "feature2": features[1 % len(features)],
        "adjective": rng.choice(ADJECTIVES),
        "attr_phrase": _attr_phrase(attrs),
    }
    sentences = [rng.choice(DESCRIPTION_OPENERS).format(**values), rng.choice(DESCRIPTION_MIDDLES).format(**values)]
    if attrs and rng.random() < 0.7:
        sentences.append(rng.choice(DESCRIPTION_ATTRS).format(**values))
    phrase_tags = [t for t in tags if t in TAG_PHRASES]
    if phrase_tags and rng.random() < 0.7:
        phrase = TAG_PHRASES[rng.choice(phrase_tags)]
        sentences.append(phrase[0].upper() + phrase[1:] + ".")
    closer = rng.choice(DESCRIPTION_CLOSERS)
    if closer:
        sentences.append(closer)
    description = " ".join(sentences).replace("the The ", "the ").replace("The The ", "The ")
    free_shipping = price >= 3980 or rng.random() < 0.3
    row = {
        "id": f"P{index + 1:06d}",
        "title": title,
        "category": sub.category,
        "subcategory": sub.name,
        "shop_id": shop["id"],
        "shop_name": shop["name"],
        "brand": brand,
        "model_number": model,
        "price_jpy": price,
        "list_price_jpy": list_price,
        "shop_points_multiplier": multiplier,
        "rating": rating,
        "review_count": review_count,
        "reviews": reviews,
        "stock": stock,
        "attributes": attrs,
        "description": description,
        "free_shipping": free_shipping,
        "delivery_days": rng.choice((1, 1, 1, 2, 2, 3)) if stock else rng.choice((7, 10, 14)),
        "truth_tags": sorted(set(tags)),
    }
    return {**row, **product_ja(row, seed, index)}  # Japanese from its own stream: the English is already drawn


def generate_products(seed: int, n_products: int, shops: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Stream the products in id order (nothing is held in memory beyond the model-number set)."""
    by_category: dict[str, list[dict[str, Any]]] = {c: [] for c in CATEGORIES}
    for shop in shops:
        for category in shop["categories"]:
            by_category[category].append(shop)
    taken: set[str] = set()
    for index in range(n_products):
        yield make_product(seed, index, by_category, taken)
