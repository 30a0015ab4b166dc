"""Reusable argument types: ids, idempotency keys and free text, bounded and free of control characters.

Arguments may come from a language model, so absurd values (10k-character strings, NUL bytes) are expected
and must be refused with a clear message before they reach SQL.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, StringConstraints


def _printable(value: str) -> str:
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value) or "\x7f" in value:
        raise ValueError("Text contains control characters (such as NUL); please send plain text.")
    return value


Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64), AfterValidator(_printable)]
IdempotencyKey = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), AfterValidator(_printable)
]
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), AfterValidator(_printable)
]
LongText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), AfterValidator(_printable)
]
