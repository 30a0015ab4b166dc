"""Numbers outside any sensible range are asked about, never clamped or dropped (issue 17 item 5).

A member who writes "90 nights", "40 guests" or "-500 points" has either made a typo or wants something the
programme cannot do. Left to the engines, such a number is silently changed (a stay read as 1 night, a sign
lost) or ends in a validation error, so before the turn runs `Conversations.send` asks one question naming
the number and the range. The ranges are the tools' own (`tools/agent_tools/schemas.py`: a stay of 1-14
nights, 1-10 adults and 0-10 children per booking) and points are never negative; an amount above the
balance is the redemption preview's to refuse (no approval card, the reason told). The questions are
templates in `prompts/ranges/` (Japanese in `prompts/ranges/ja/`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotated_types import Ge, Le

from assistant.prompts import render_prompt
from tools.agent_tools.schemas import StayArgs

_NUMBER = r"(?<![0-9A-Za-z.,-])(-?\d[\d,]*)"
_STAY_WORDS = re.compile(
    r"\b(hotels?|rooms?|stay|stays|staying|book|booking|nights?|ryokan|inn)\b|泊|ホテル|宿|部屋|予約"
)


@dataclass(frozen=True)
class _Kind:
    name: str  # the template: prompts/ranges/<name>.j2
    pattern: re.Pattern[str]
    field: str | None  # the StayArgs field whose bounds apply; None: any negative number
    needs_stay: bool = False  # only in a message about a stay ("a tent for 12 people" is not a room)


_KINDS = (
    _Kind("nights", re.compile(_NUMBER + r"\s*(?:-\s*)?(?:nights?\b|泊)", re.IGNORECASE), "nights"),
    _Kind("guests", re.compile(_NUMBER + r"\s*(?:guests?|people|persons?|adults?|名|人)(?![a-z])", re.IGNORECASE),
          "adults", needs_stay=True),
    _Kind("children", re.compile(_NUMBER + r"\s*(?:kids?|children|child|子供|子ども)", re.IGNORECASE), "children",
          needs_stay=True),
    _Kind("points", re.compile(_NUMBER + r"\s*(?:points?\b|pts?\b|ポイント)", re.IGNORECASE), None),
)


def _bounds(field: str) -> tuple[int, int]:
    low, high = 0, 0
    for rule in StayArgs.model_fields[field].metadata:
        if isinstance(rule, Ge):
            low = int(rule.ge)  # type: ignore[call-overload]
        elif isinstance(rule, Le):
            high = int(rule.le)  # type: ignore[call-overload]
    return low, high


def range_question(text: str, lang: str) -> str | None:
    """The question to ask when `text` gives a count outside what can be booked or used, else None."""
    about_stay = bool(_STAY_WORDS.search(text))
    for kind in _KINDS:
        if kind.needs_stay and not about_stay:
            continue
        for match in kind.pattern.finditer(text):
            value = int(re.sub(r"[\s,]", "", match[1]))
            low, high = _bounds(kind.field) if kind.field else (0, 0)
            if value < low or (kind.field and value > high):
                folder = "ranges/ja" if lang == "ja" else "ranges"
                return render_prompt(f"{folder}/{kind.name}.j2", value=value, low=low, high=high).strip()
    return None
