"""Words members type: subcategory names, typical misspellings, vague intents and amenity phrases.

The tables are data, one entry a line in queries.json.
"""

from __future__ import annotations

from data.vocab.tables import load_table

_TABLES = load_table("queries")
# how a member names each subcategory in a search box
QUERY_WORDS: dict[str, str] = _TABLES["QUERY_WORDS"]
MISSPELLINGS: dict[str, str] = _TABLES["MISSPELLINGS"]
# (query, tags all required for grade 3, tags any of which gives grade 1)
VAGUE_INTENTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = _TABLES["VAGUE_INTENTS"]
# (adjective before "hotel", phrase after it) a member uses for each amenity
AMENITY_WORDS: dict[str, tuple[str, str]] = _TABLES["AMENITY_WORDS"]
