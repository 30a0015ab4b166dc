"""Which language a message is in, from its script: kana and kanji against Latin letters.

Why the script and not a model: it is exact for the two languages we serve, costs nothing, and a mixed
message ("Sonyのヘッドホン") is Japanese as soon as a fair share of its letters is.
"""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["en", "ja"]

_JA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f々〆ヶ]")
_LATIN = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]")
# a message is Japanese when at least this share of its letters is kana or kanji
_SHARE = 0.25


def has_japanese(text: str) -> bool:
    return _JA.search(text) is not None


def language(text: str) -> Language | None:
    """ "ja" or "en"; None when the message has no letters at all ("2", "3000?"), so the caller keeps
    the conversation's language."""
    ja = len(_JA.findall(text))
    latin = len(_LATIN.findall(text))
    if ja == 0 and latin == 0:
        return None
    if ja >= 1 and ja / (ja + latin) >= _SHARE:
        return "ja"
    return "en"
