"""The shared pieces of the Japanese gloss: normalisation, numbers, and the piece list the rules rewrite.

Why a module of its own: every rule family (dates, amounts, stays, references) reads numbers the same way
and rewrites the same list of pieces, where a piece already glossed is left alone by later rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from kanjize import kanji2number

_KANJI_DIGITS = "〇一二三四五六七八九十百千万"
NUM = rf"(?:\d+(?:\.\d+)?[万千]?)+|[{_KANJI_DIGITS}]+|[{_KANJI_DIGITS}]*\d+"


def nfkc(text: str) -> str:
    """NFKC (full-width digits and letters, half-width katakana), lower case, thousands commas dropped."""
    text = unicodedata.normalize("NFKC", text).lower().replace("〜", "~").replace("～", "~")
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


def number(text: str) -> float | None:
    """ "15000", "1万5千", "1.5万", "三千", "十二" -> the number; None for anything else."""
    if not text:
        return None
    try:
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            return float(text)
        if re.fullmatch(r"\d+(?:\.\d+)?万", text):
            return float(text[:-1]) * 10000
        if re.fullmatch(r"\d+(?:\.\d+)?千", text):
            return float(text[:-1]) * 1000
        return float(kanji2number(text))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def to_int(text: str) -> int | None:
    value = number(text)
    return None if value is None else round(value)


@dataclass(frozen=True)
class Done:
    """An English gloss; later rules leave it alone."""

    text: str


Piece = str | Done
Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]]


def apply(pieces: list[Piece], pattern: re.Pattern[str], fn: Callable[[re.Match[str]], str | None]) -> list[Piece]:
    """Each match of `pattern` in a piece not yet glossed becomes a glossed piece (`fn` may decline)."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Done):
            out.append(piece)
            continue
        last = 0
        for m in pattern.finditer(piece):
            replacement = fn(m)
            if replacement is None:
                continue
            out.append(piece[last : m.start()])
            out.append(Done(f" {replacement} "))
            last = m.end()
        out.append(piece[last:])
    return [p for p in out if p != ""]
