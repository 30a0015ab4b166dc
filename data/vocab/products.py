"""The marketplace catalogue vocabulary: categories, subcategories, brands, price bands, attributes, tags.

Each `Subcategory` is what one kind of listing looks like on a Japanese marketplace. `tags` are the
generator's intent (always true for the subcategory); `maybe_tags` are added to some listings only.
Tags drive relevance judgements, so keep them honest: `gift:dad` only where a dad gift is plausible.
The tables are data, one record a line in products.json.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from data.vocab.tables import by_rating, load_table


@dataclass(frozen=True)
class Subcategory:
    category: str
    name: str
    nouns: tuple[str, ...]  # what the title calls the item; the first one is the plain query word
    brands: tuple[str, ...]
    price: tuple[int, int]  # JPY band
    attrs: dict[str, tuple[str, ...]]
    features: tuple[str, ...]
    tags: tuple[str, ...] = ()
    maybe_tags: tuple[str, ...] = ()
    code: str = "XX"  # letters used in model numbers
    weight: int = 2  # relative share of the catalogue
    extra: dict[str, str] = field(default_factory=dict)


_TABLES = load_table("products")
COLOURS: tuple[str, ...] = _TABLES["COLOURS"]
BASIC_COLOURS: tuple[str, ...] = _TABLES["BASIC_COLOURS"]
APPAREL_SIZES: tuple[str, ...] = _TABLES["APPAREL_SIZES"]
SUBCATEGORIES: tuple[Subcategory, ...] = tuple(Subcategory(**record) for record in _TABLES["SUBCATEGORIES"])

CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys(s.category for s in SUBCATEGORIES))

SHOP_PREFIXES: tuple[str, ...] = _TABLES["SHOP_PREFIXES"]
SHOP_NOUNS: dict[str, tuple[str, ...]] = _TABLES["SHOP_NOUNS"]

# Review snippets by rating bucket; {noun} and {feature} are filled from the listing.
REVIEW_TITLES: dict[int, tuple[str, ...]] = by_rating(_TABLES["REVIEW_TITLES"])
REVIEW_TEXTS: dict[int, tuple[str, ...]] = by_rating(_TABLES["REVIEW_TEXTS"])

# Review lines that only make sense for listings carrying the tag
TAG_REVIEWS: dict[str, str] = _TABLES["TAG_REVIEWS"]

# A description is an opener, a highlights sentence, an attributes sentence, maybe an intent phrase, a closer.
DESCRIPTION_OPENERS: tuple[str, ...] = _TABLES["DESCRIPTION_OPENERS"]
DESCRIPTION_MIDDLES: tuple[str, ...] = _TABLES["DESCRIPTION_MIDDLES"]
DESCRIPTION_ATTRS: tuple[str, ...] = _TABLES["DESCRIPTION_ATTRS"]
DESCRIPTION_CLOSERS: tuple[str, ...] = _TABLES["DESCRIPTION_CLOSERS"]
ADJECTIVES: tuple[str, ...] = _TABLES["ADJECTIVES"]

# Phrases for the audience / use tags, worked into some descriptions so the text carries the intent.
TAG_PHRASES: dict[str, str] = _TABLES["TAG_PHRASES"]
