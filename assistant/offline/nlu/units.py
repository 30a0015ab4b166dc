"""Counts with a unit: points ("2,000 points", "3000 of my points", "all my points"), data ("15 GB") and
nights ("3 nights", "a week's stay").

Apart from prices because a unit decides what the number is: read before the prices, so "5000 points" is
never a budget, and before the party, so "2 nights" is never two guests.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.offline.nlu.lexicon import Lexicon, alternation
from assistant.offline.nlu.prices import NUMBER, amount
from assistant.offline.nlu.spans import Free, Take


def count_value(lexicon: Lexicon, word: str) -> int:
    """A count as a digit or a number word ("3", "three"); 0 for a word that is not one."""
    return int(word) if word.isdigit() else lexicon.number_words.get(word, 0)


class UnitReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self._points = re.compile(rf"{NUMBER}\s*(?:points?|pts?|ポイント)\b")
        self._points_of = re.compile(
            rf"\b{NUMBER}\s+(?:of (?:my|our) points\b|(?:of (?:it|that|this|the (?:price|cost|bill|total)) )?"
            rf"(?:with|in|using) (?:my )?points\b)"
        )
        self._gb = re.compile(rf"(\d+(?:\.\d+)?)\s*(?:{alternation(lexicon.data_units)})\b")
        count = rf"(\d+|{alternation(lexicon.number_words)})"
        self._nights = re.compile(rf"\b{count}[\s-]*(?:{alternation(lexicon.night_words)})\b")

    def points_and_data(self, t: str, slots: dict[str, Any], free: Free, take: Take) -> None:
        """`points` (a number or "all") and `data_gb`."""
        if re.search(r"\ball (of )?(my|the) points\b|\bevery point\b", t):
            slots["points"] = "all"
        for m in self._points.finditer(t):
            if free(m.start(), m.end()):
                slots["points"] = amount(m[1], m[2])
                take(m.start(), m.end())
                break
        for m in self._points_of.finditer(t):
            if "points" not in slots and free(m.start(), m.end()):
                slots["points"] = amount(m[1], m[2])
                take(m.start(), m.end())
        for m in self._gb.finditer(t):
            if free(m.start(), m.end()):
                value = float(m[1])
                slots["data_gb"] = int(value) if value.is_integer() else value
                take(m.start(), m.end())
                break

    def nights(self, t: str, slots: dict[str, Any], free: Free, take: Take) -> None:
        """`nights`: a count of nights (1 to 60), else a stay phrase of the lexicon ("a week")."""
        for m in self._nights.finditer(t):
            if free(m.start(), m.end()):
                n = count_value(self.lex, m[1])
                if 0 < n <= 60:
                    slots["nights"] = n
                    take(m.start(), m.end())
                    break
        if "nights" not in slots:
            for start, end, n in self.lex.stay.finditer(t):
                if free(start, end):
                    slots["nights"] = n
                    take(start, end)
                    break
