"""Who is travelling: adults and children from everyday phrases ("me and my husband", "2 adults and a kid").

Kept apart from the general slot extractor because party semantics are their own small grammar: counts
with nouns, couples and solo phrases, and (later) relatives and ages. It fills `adults` / `children`
and consumes the spans it used, like every other slot reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.offline.nlu.lexicon import Lexicon

Free = Callable[[int, int], bool]
Take = Callable[[int, int], None]


class PartyReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        words = "|".join(re.escape(w) for w in sorted(lexicon.number_words, key=len, reverse=True))
        count = rf"(\d+|{words})"
        adults = "|".join(re.escape(w) for w in sorted(lexicon.adult_words, key=len, reverse=True))
        kids = "|".join(re.escape(w) for w in sorted(lexicon.child_words, key=len, reverse=True))
        self._adults = re.compile(rf"\b{count}\s+(?:(?:grown|adult)\s+)?(?:{adults})\b")
        self._kids = re.compile(rf"\b{count}\s+(?:little\s+|small\s+|young\s+)?(?:{kids})\b")
        self._kid_single = re.compile(rf"\b(?:my|our|a|the|with)\s+(?:little\s+|small\s+|young\s+)?(?:{kids})\b")

    def _count_value(self, word: str) -> int:
        return int(word) if word.isdigit() else self.lex.number_words.get(word, 0)

    def read(self, t: str, slots: dict[str, Any], free: Free, take: Take) -> None:
        """Set `children` and `adults` in `slots` from the normalised text `t`."""
        for m in self._kids.finditer(t):
            if free(m.start(), m.end()):
                slots["children"] = self._count_value(m[1])
                take(m.start(), m.end())
                break
        if "children" not in slots:
            for m in self._kid_single.finditer(t):
                if free(m.start(), m.end()):
                    slots["children"] = 1
                    take(m.start(), m.end())
                    break
        for m in self._adults.finditer(t):
            if free(m.start(), m.end()):
                slots["adults"] = self._count_value(m[1])
                take(m.start(), m.end())
                break
        if "adults" not in slots:
            for start, end, n in self.lex.party.finditer(t):
                if free(start, end):
                    slots["adults"] = n
                    take(start, end)
                    break
