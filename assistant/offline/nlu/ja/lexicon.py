"""The Japanese phrase lexicon (`data/ja/lexicon_ja.yaml`): places, brands and words with their English.

Why data and not code: place names, brand spellings (ソニー / Sony) and everyday words grow with the
catalogue; the rules only look them up, longest spelling first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assistant.offline.nlu.ja.text import nfkc

_LEXICON = Path(__file__).resolve().parents[2] / "data" / "ja" / "lexicon_ja.yaml"


@dataclass(frozen=True)
class _Lexicon:
    phrases: list[tuple[str, str]]  # longest first
    brand_spellings: list[str]

    @classmethod
    def load(cls, path: Path = _LEXICON) -> _Lexicon:
        raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        pairs: dict[str, str] = {}
        brands = [nfkc(str(s)) for spellings in (raw.get("brands") or {}).values() for s in spellings]
        for section in ("places", "brands"):
            for english, spellings in (raw.get(section) or {}).items():
                for spelling in spellings:
                    pairs[nfkc(str(spelling))] = str(english).lower()
        for ja, english in (raw.get("words") or {}).items():
            pairs[nfkc(str(ja))] = str(english)
        return cls(sorted(pairs.items(), key=lambda p: len(p[0]), reverse=True), brands)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    return _Lexicon.load()


@lru_cache(maxsize=1)
def phrase_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(ja) for ja, _en in lexicon().phrases))


@lru_cache(maxsize=1)
def phrase_table() -> dict[str, str]:
    return dict(lexicon().phrases)


def phrase_of(ja: str) -> str:
    return phrase_table().get(ja, "")
