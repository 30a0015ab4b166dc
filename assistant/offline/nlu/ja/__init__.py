"""Japanese for the offline engine, through the same understanding as English.

Why a gloss: every later stage (slots, acts, references, the dialogue policy) reads the member's words
through `slots.normalise`; for a message with Japanese in it, `normalise` returns an English gloss
built by Japanese rules (numbers, prices, dates, party, nights, points, data, ordinals, approvals) and a
phrase lexicon (`data/ja/lexicon_ja.yaml`). So one set of frames and dialogue state serves both
languages, and a mixed message ("ソニーの wireless earbuds") keeps its Latin words as they are.
The intent is decided by a classifier trained on Japanese exemplars over a multilingual embedding
(`assistant/offline/nlu/ja/intents.py`); answers use the templates in `prompts/offline/ja/`.
"""

from __future__ import annotations

from assistant.offline.nlu.ja.gloss import gloss
from assistant.offline.nlu.ja.lang import Language, has_japanese, language

__all__ = ["Language", "gloss", "has_japanese", "language"]
