"""Changes to a stay already planned, read from one message: "one night less", "two more nights", "push it
back a week", "stay until the Monday", "out on the 23rd".

Apart from the check-in dates (dates.py) because these mean nothing on their own: each is a `StayChange`
that the dialogue state applies to the stay planned so far (stay.py). The date reader reads them first so
that "out on the 23rd" is not taken for a check-in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.offline.nlu.lexicon import Lexicon

_COUNT = r"(\d+|a|an|one|two|three|four|five|six|seven)"
# The change in nights each phrase says: -1 or +1 times its count ("two nights less", "another night").
_NIGHTS_CHANGES = (
    (
        re.compile(
            rf"\b{_COUNT}\s+(?:nights?\s+(?:less|fewer|shorter)|(?:less|fewer)\s+nights?)\b"
            rf"|\b(?:one|a)\s+night\s+short(?:er)?\b"
        ),
        -1,
    ),
    (
        re.compile(
            rf"\b{_COUNT}\s+(?:more|extra|additional)\s+nights?\b|\b{_COUNT}\s+nights?\s+(?:more|longer)\b"
            rf"|\banother\s+night\b|\bextend\s+(?:it|the\s+stay|our\s+stay)?\s*by\s+{_COUNT}\s+nights?\b"
        ),
        1,
    ),
)
# "push it back a week", "bring it forward two days", "3 days later": the check-in moves, the length stays.
_SHIFT = re.compile(
    rf"\b(push|move|shift|put|bring|delay|postpone)\s+(?:it|that|the\s+(?:stay|booking|dates?|trip))?\s*"
    rf"(back|forward|later|earlier|ahead)?\s*(?:by\s+)?{_COUNT}\s+(days?|weeks?)\s*(later|earlier|back|forward)?\b"
    rf"|\b{_COUNT}\s+(days?|weeks?)\s+(later|earlier)\b"
)


@dataclass(frozen=True)
class StayChange:
    """A change to the planned stay that only means something against it ("one night less")."""

    key: str  # nights_add | shift_days | check_out_day | check_out_weekday
    value: int
    start: int
    end: int


class StayChangeReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self._weekdays = lexicon.weekday_names  # name -> 0..6
        self._number_words = lexicon.number_words
        weekday_alt = "|".join(sorted((re.escape(w) for w in self._weekdays), key=len, reverse=True))
        out_words = (
            r"(?:check(?:ing)?[- ]?out|out|leav(?:e|ing)|depart(?:ing)?|stay(?:ing)?\s+(?:until|till|to)|until|till)"
        )
        self._check_out_day = re.compile(rf"\b{out_words}\s+(?:on\s+)?the\s+(\d{{1,2}})(?:st|nd|rd|th)\b")
        self._check_out_weekday = re.compile(rf"\b{out_words}\s+(?:on\s+)?(?:the\s+)?({weekday_alt})\b")

    def read(self, text: str) -> list[StayChange]:
        """Changes to a planned stay: "one night less", "push it back a week", "stay until the Monday",
        "out on the 23rd". The dialogue state applies them to the stay already planned."""
        out: list[StayChange] = []
        for pattern, sign in _NIGHTS_CHANGES:
            for m in pattern.finditer(text):
                word = next((g for g in m.groups() if g), "one")
                out.append(StayChange("nights_add", sign * self._count(word), m.start(), m.end()))
                break
        for m in _SHIFT.finditer(text):
            verb, direction, n, unit, after = m[1], m[2], m[3] or m[6], m[4] or m[7], m[5] or m[8]
            days = self._count(n) * (7 if unit.startswith("week") else 1)
            way = f"{direction or ''} {after or ''} {verb or ''}"
            earlier = bool(re.search(r"forward|earlier|bring|ahead", way)) and "back" not in way
            out.append(StayChange("shift_days", -days if earlier else days, m.start(), m.end()))
            break
        for m in self._check_out_day.finditer(text):
            out.append(StayChange("check_out_day", int(m[1]), m.start(), m.end()))
            break
        for m in self._check_out_weekday.finditer(text):
            out.append(StayChange("check_out_weekday", self._weekdays[m[1]], m.start(), m.end()))
            break
        return out

    def _count(self, word: str) -> int:
        if word.isdigit():
            return int(word)
        return 1 if word in {"a", "an"} else self._number_words.get(word, 1)
