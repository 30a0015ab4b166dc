"""Words Japanese members type: the vague intents and the spelling variants of the Japanese query set.

The tables are data, one entry a line in queries_ja.json.
"""

from __future__ import annotations

from data.vocab.tables import load_table

_TABLES = load_table("queries_ja")
# (query, all of these tags -> 3, any of these -> 1): the English set's intents plus a few of their own
VAGUE_INTENTS_JA: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = _TABLES["VAGUE_INTENTS_JA"]
# a member's spelling -> the subcategory it names (variants Japanese shops and members both use)
VARIANTS_JA: tuple[tuple[str, str], ...] = _TABLES["VARIANTS_JA"]
