"""The product query: the words a person would type into a search box, out of a message that tells a story.

Members explain before they ask ("my old kettle finally died, need an electric kettle that boils fast") and
say who a thing is for ("a rice cooker for a family of 4"). Every word left in the query moves the hybrid
search, so the narrative has to go, not only the stop words. Two rules, each about the shape of the
sentence rather than about any product:

- **the request clause**: when a later clause carries the request ("need", "looking for", "show me", ...)
  and has product words of its own, the clauses before it are the story and are left out;
- **who it is for**: "for my wife", "for a family of 4", "for my dad" name a person, not a product.

Japanese messages are read through their English gloss, which is already search-shaped: these rules leave
them alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A request verb at the start of a clause (after an optional subject): where the member starts asking.
_REQUEST = re.compile(
    r"(?:^|[,.;:!?]\s*|\s-\s|\b(?:so|and|but|now)\s+)"
    r"(?:(?:i|we)(?:'m|'d| am| would| will| really)?\s+|(?:i|we|she|he|they)\s+(?:just\s+)?)?"
    r"(?:need|needs|want|wants|wanna|looking for|look for|searching for|hunting for|in the market for|find me|show me|"
    r"recommend|get me|buy|shopping for|could use|can you find|do you have|got any|are there any)\b"
    r"|(?:^|[,.;:!?]\s*|\s-\s|\b(?:so|and|but|now)\s+)(?:i'm|im|i am|we're|we are)\s+after\b"
)
# "for my wife", "for a family of 4", "for the kids' grandma": a person the thing is for.
_PEOPLE = (
    r"family|wife|husband|partner|girlfriend|boyfriend|mum|mom|mother|dad|father|parents|grandma|grandpa|"
    r"grandmother|grandfather|granny|friend|friends|colleague|colleagues|coworker|boss|sister|brother|"
    r"son|daughter|aunt|uncle|niece|nephew|in-laws|neighbour|neighbor|teacher|household"
)
_FOR_PERSON = re.compile(
    rf"\bfor\s+(?:(?:my|a|an|the|our|his|her|their)\s+)?(?:(?:little|young|old|elderly|new|best)\s+)?"
    rf"(?:{_PEOPLE})(?:'s)?(?:\s+of\s+(?:\d+|two|three|four|five|six))?\b"
)


def blank(chars: list[str], start: int, end: int) -> None:
    for i in range(max(start, 0), min(end, len(chars))):
        chars[i] = " "


def shape(rest: str, has_words: Callable[[str], bool]) -> str:
    """`rest` is the message with every recognised span blanked; `has_words(text)` says whether a piece
    still holds query words. Returns `rest` with the story and recipients blanked too."""
    chars = list(rest)
    for m in _FOR_PERSON.finditer(rest):
        blank(chars, m.start(), m.end())
    text = "".join(chars)
    cues = list(_REQUEST.finditer(text))
    for m in reversed(cues):
        if m.start() > 0 and text[: m.start()].strip() and has_words(text[m.end() :]):
            blank(chars, 0, m.start())
            break
    return "".join(chars)
