"""How the slot readers share one utterance: each phrase fills one slot.

The extractor (slots.py) keeps the spans already taken; a reader asks `free(start, end)` before it reads a
phrase and calls `take(start, end)` once it has, so a later reader cannot read the same words again ("5
nights" is not also a price, "the 2nd" not also a party of two).
"""

from __future__ import annotations

from collections.abc import Callable

Free = Callable[[int, int], bool]
Take = Callable[[int, int], None]
