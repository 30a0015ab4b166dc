"""References to a list on screen: "the second one", "first two", "1 and 3", "first vs last", "that one".

Apart from the other slots because these numbers and words count items shown, not guests, nights or yen:
the `ref` slot holds positions ("2", "1,2", "-1") or a kind of reference ("it", "cheapest") that
`assistant/offline/references.py` resolves against the list.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.offline.nlu.lexicon import Lexicon, alternation
from assistant.offline.nlu.spans import Free, Take
from assistant.offline.nlu.units import count_value

# "the first of those / of them / on that list": an ordinal over what was shown, not "the first of May".
_OF_THE_LIST = re.compile(
    r"\s+of\s+(?:those|these|them|the\s+(?:list|lot|ones|results|options|hotels|products|plans|places))\b"
)


class ReferenceReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self._ordinal_words = alternation(lexicon.ordinals)

    def read(self, t: str, slots: dict[str, Any], free: Free, take: Take) -> None:
        """Ordinal references: "the second one", "first two", "1 and 3", "first vs last", "that one"."""
        ords = self._ordinal_words
        pair = re.compile(
            r"\b(?:the\s+)?(first|top|last)\s+(two|three|four|2|3|4)\b(?!\s*(?:nights?|adults?|people|kids?|gb|days?))"
        )
        m = pair.search(t)
        if m and free(m.start(), m.end()):
            n = count_value(self.lex, m[2])
            slots["ref"] = ",".join(str(i) for i in (range(1, n + 1) if m[1] != "last" else range(-n, 0)))
            take(m.start(), m.end())
            return
        noun = r"(?:\s+(?:one|hotel|product|item|option|room|place|result|plan|choice|booking))?"
        mention = re.compile(
            rf"\b(?:the\s+)?({ords}){noun}\b"
            rf"|\b(?:number|no\.|option|item|#)\s*(\d|one|two|three|four|five)\b|(?<![\w/.,-])(\d)(?![\w/.,%-])(?=\s*(?:\?|$|,|and\b|or\b|vs\b|versus\b|&))"
            rf"|(?:(?<=\band\s)|(?<=\bvs\s)|(?<=\bor\s)|(?<=\bversus\s)|(?<=\bto\s))(\d)\b(?!\s*(?:adults?|kids?|children|nights?|people|gb|k\b|yen|points?))"
        )
        found: list[int] = []
        spans: list[tuple[int, int]] = []
        for m in mention.finditer(t):
            if not free(m.start(), m.end()):
                continue
            word = m[1] or m[2] or m[3] or m[4]
            following = t[m.end() : m.end() + 12]
            if m[1] == "top" and not re.match(r"\s+(one|hotel|product|item|option|result|pick|choice)", t[m.end(1) :]):
                continue
            after = t[m.end(1) :]
            first_of = re.match(r"\s+(time|night|day|of|thing|step)", after) and not _OF_THE_LIST.match(after)
            if m[1] == "first" and first_of:
                continue  # "the first night", "the first of May"; "the first of those" is a reference
            if m[1] in {"last", "final"} and re.match(r"\s+(week|month|year|night|time|minute)", t[m.end(1) :]):
                continue
            if m[1] and re.match(r"\s*(night|adult|kid|child|people|gb|day|week)", following):
                continue
            value = self._ordinal_value(word) or (count_value(self.lex, word) if m[2] else 0)
            if value and value not in found:
                found.append(value)
                spans.append((m.start(), m.end()))
        if found:
            slots["ref"] = ",".join(str(v) for v in found)
            for start, end in spans:
                take(start, end)
            return
        for start, end, kind in self.lex.references.finditer(t):
            if free(start, end):
                if kind == "it" and (end - start) <= 4 and not self._standalone_it(t, start, end):
                    continue
                slots["ref"] = kind
                take(start, end)
                return

    @staticmethod
    def _standalone_it(t: str, start: int, end: int) -> bool:
        """ "it" / "that" count as a reference only as an object ("book it", "tell me about that")."""
        before = t[:start].rstrip().split(" ")[-1:] or [""]
        after = t[end:].lstrip()[:1]
        return before[0] in {
            "book",
            "reserve",
            "about",
            "on",
            "for",
            "cancel",
            "quote",
            "price",
            "take",
            "compare",
            "buy",
            "want",
            "get",
            "of",
            "with",
            "is",
            "does",
            "add",
            "choose",
            "pick",
        } and (after in {"", ".", "?", "!", ",", "f", "t", "p", "i", "a", "w", "o", "h"})

    def _ordinal_value(self, word: str) -> int:
        if word.isdigit():
            return int(word)
        return self.lex.ordinals.get(word, 0)
