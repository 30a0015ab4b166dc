"""A Japanese message as the English words the engine's understanding reads (see the package docstring).

Rules run in a fixed order over the parts of the message no earlier rule took: whole-message approvals,
idioms, stays and guests, dates (resolved against `today`; see `dates`), amounts, habits, ordinals and
references, then the phrase lexicon (places, brands, words); Japanese left over (particles, politeness) is
dropped, Latin words stay. Each rule family lives in its own module; this one only orders them.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from assistant.offline.nlu.ja.amounts import amount_rules, habit_rules, stay_rules
from assistant.offline.nlu.ja.dates import date_rules
from assistant.offline.nlu.ja.decisions import APPROVALS, DENIALS, decision
from assistant.offline.nlu.ja.lang import has_japanese
from assistant.offline.nlu.ja.lexicon import phrase_of, phrase_pattern
from assistant.offline.nlu.ja.references import owner_rules, ref_rules
from assistant.offline.nlu.ja.text import Done, Piece, apply, nfkc, number

__all__ = ["APPROVALS", "DENIALS", "decision", "gloss", "nfkc", "number"]

_IDIOMS: list[tuple[str, str]] = [
    ("一番安い", "the cheapest"),
    ("いちばん安い", "the cheapest"),
    ("一番高い", "the most expensive"),
    ("一番評価", "the best rated"),
    ("一番人気", "the best rated"),
    ("一緒", "together"),
    ("一度", "once"),
    ("一覧", "list"),
    ("万が一", "just in case"),
    ("一般", "general"),
    ("やっぱり", "actually"),
    ("やっぱ", "actually"),
    ("やはり", "actually"),
    ("じゃなくて", "actually"),
    ("ではなく", "actually"),
    ("に変更", "make it"),
    ("に変えて", "make it"),
    ("にして", "make it"),
    ("にしたい", "make it"),
    ("いや、", "actually "),
]


def gloss(text: str, today: date | None = None) -> str:
    """The English the engine reads for `text`; text with no Japanese in it comes back normalised only."""
    t = nfkc(text)
    if not has_japanese(t):
        return re.sub(r"\s+", " ", t).strip()
    said = decision(t)
    if said is not None:
        return "yes please" if said else "no thanks"

    pieces: list[Piece] = [t]
    pieces = apply(pieces, _idiom_pattern(), lambda m: dict(_IDIOMS)[m[0]])
    rules = [*owner_rules(), *stay_rules(), *date_rules(today), *amount_rules(), *habit_rules(), *ref_rules()]
    for pattern, fn in rules:
        pieces = apply(pieces, pattern, fn)
    pieces = apply(pieces, phrase_pattern(), lambda m: phrase_of(m[0]))
    words: list[str] = []
    for piece in pieces:
        if isinstance(piece, Done):
            words.append(piece.text)
        else:
            words.append(re.sub(r"[\u3000-\u30ff\u3400-\u9fff\uff66-\uff9f々〆ヶー]+", " ", piece))
    out = " ".join(words)
    out = out.replace("？", "?").replace("！", "!")
    return re.sub(r"\s+", " ", out).strip()


@lru_cache(maxsize=1)
def _idiom_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(ja) for ja, _en in sorted(_IDIOMS, key=lambda p: len(p[0]), reverse=True)))
