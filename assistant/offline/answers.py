"""The offline engine's words: Jinja templates in `prompts/offline/`, rendered strictly.

Each answer kind ("act") is one template; a Japanese conversation uses `prompts/offline/ja/<act>.j2`
(polite です/ます style, 12,800円, 12月5日(土)), falling back to English for an act with no Japanese
template. Templates vary their wording with `pick([...])`, a choice
seeded by the conversation (same conversation, same words) and `yen()` / `pts()` format figures that come
from tool results. Nothing here invents a figure: the policy passes only values read from tool results.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

from assistant.japanese_terms import day_ja
from assistant.offline.nlu.dates import iso_date
from assistant.prompts import PROMPTS_DIR, render_prompt

OFFLINE_PROMPTS = PROMPTS_DIR / "offline"


def yen(value: Any) -> str:
    return f"¥{int(value):,}"


def pts(value: Any) -> str:
    n = int(value)
    return f"{n:,} point" + ("" if n == 1 else "s")


def _when(value: Any) -> str:
    """2026-12-04 -> "Fri 4 Dec" (dates come from tool results or the member's words; anything else as is)."""
    d = iso_date(value)
    return str(value) if d is None else f"{d:%a} {d.day} {d:%b}"


def yen_ja(value: Any) -> str:
    return f"{int(value):,}円"


def pts_ja(value: Any) -> str:
    return f"{int(value):,}ポイント"


def _when_ja(value: Any) -> str:
    """2026-12-05 -> "12月5日(土)", as every Japanese answer writes a date (japanese_terms.day_ja)."""
    return str(value) if iso_date(value) is None else day_ja(value)


class AnswerWriter:
    def __init__(self, seed: int, language: str = "en") -> None:
        self._random = random.Random(seed)
        self.language = language

    def pick(self, options: Sequence[str]) -> str:
        return options[self._random.randrange(len(options))]

    def render(self, act: str, **variables: Any) -> str:
        japanese = self.language == "ja" and (OFFLINE_PROMPTS / "ja" / f"{act}.j2").is_file()
        text = render_prompt(
            f"{act}.j2",
            folder=OFFLINE_PROMPTS / "ja" if japanese else OFFLINE_PROMPTS,
            pick=self.pick,
            yen=yen_ja if japanese else yen,
            pts=pts_ja if japanese else pts,
            when=_when_ja if japanese else _when,
            **variables,
        )
        text = re.sub(r"\n{3,}", "\n\n", text)
        return re.sub(r"[ \t]+\n", "\n", text).strip()
