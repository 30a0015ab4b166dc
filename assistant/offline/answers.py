"""The offline engine's words: Jinja templates in `prompts/offline/`, rendered strictly.

Each answer kind ("act") is one template. Templates vary their wording with `pick([...])`, a choice
seeded by the conversation (same conversation, same words) and `yen()` / `pts()` format figures that come
from tool results. Nothing here invents a figure: the policy passes only values read from tool results.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

from assistant.prompts import PROMPTS_DIR, render_prompt

OFFLINE_PROMPTS = PROMPTS_DIR / "offline"


def yen(value: Any) -> str:
    return f"¥{int(value):,}"


def pts(value: Any) -> str:
    n = int(value)
    return f"{n:,} point" + ("" if n == 1 else "s")


def _when(value: Any) -> str:
    """2026-12-04 -> "Fri 4 Dec" (dates come from tool results or the member's words)."""
    from datetime import date

    try:
        d = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{d:%a} {d.day} {d:%b}"


class AnswerWriter:
    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def pick(self, options: Sequence[str]) -> str:
        return options[self._random.randrange(len(options))]

    def render(self, act: str, **variables: Any) -> str:
        text = render_prompt(
            f"{act}.j2",
            folder=OFFLINE_PROMPTS,
            pick=self.pick,
            yen=yen,
            pts=pts,
            when=_when,
            **variables,
        )
        text = re.sub(r"\n{3,}", "\n\n", text)
        return re.sub(r"[ \t]+\n", "\n", text).strip()
