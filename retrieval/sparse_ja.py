"""Japanese keyword vectors: NFKC, Sudachi segmentation with its spelling normalisation, then BM25.

qdrant-edge's own multilingual tokenizer segments Japanese but keeps compounds whole
(ワイヤレスイヤホン is one token, so イヤホン alone never matches it) and drops digit-only tokens
(30時間 loses 30). Sudachi's shortest split (mode A) gives ワイヤレス|イヤホン, and its normalised form
merges spelling variants (イヤフォン -> イヤホン, Sony -> ソニー, 1万 -> 10000), so a member's wording and
a listing's meet. The tokens go to qdrant-edge's `Bm25` as whitespace-separated words, so the term
weighting, length normalisation and IDF are exactly those of the English sparse vector.

Particles, auxiliary verbs, symbols and spaces carry no meaning for search and are dropped; every
run of ASCII letters and digits is also kept whole (wh1000xm5), so a model number matches as typed.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

from qdrant_edge import Bm25, Bm25Config, TokenizerType

from retrieval.sparse import AVG_DOC_TOKENS, SparseVec

_SKIP_POS = frozenset({"助詞", "助動詞", "補助記号", "空白", "記号"})
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
_CODE = re.compile(r"[A-Za-z0-9]+(?:[-‐][A-Za-z0-9]+)*")


def is_japanese(text: str) -> bool:
    """A message with any kana or kanji is searched the Japanese way (mixed messages included)."""
    return bool(_JAPANESE.search(text))


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    from sudachipy import Dictionary

    return Dictionary(dict="small")


class JapaneseTokenizer:
    """Text -> search tokens; one Sudachi tokenizer per thread (they are not safe to share)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def _tokenizer(self) -> Any:
        tok = getattr(self._local, "tok", None)
        if tok is None:
            from sudachipy import SplitMode

            tok = self._local.tok = _dictionary().create(SplitMode.A)
        return tok

    def tokens(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFKC", text)
        out: list[str] = []
        for start in range(0, len(text), 4000):  # Sudachi refuses very long inputs
            for m in self._tokenizer().tokenize(text[start : start + 4000]):
                if m.part_of_speech()[0] in _SKIP_POS:
                    continue
                form = m.normalized_form().lower().strip()
                if form:
                    out.append(form)
        out += ["".join(ch for ch in code if ch.isalnum()).lower() for code in _CODE.findall(text) if len(code) > 1]
        return out


class JapaneseKeywordEncoder:
    """Japanese text -> BM25 sparse vector (term frequencies; the index applies IDF), like `KeywordEncoder`."""

    def __init__(self, avg_len: float = AVG_DOC_TOKENS) -> None:
        self._bm25 = Bm25(Bm25Config(tokenizer=TokenizerType.Whitespace, lowercase=True, avg_len=avg_len))
        self._tokens = JapaneseTokenizer()

    def document(self, text: str) -> SparseVec:
        vec = self._bm25.embed_document(" ".join(self._tokens.tokens(text)))
        return SparseVec(list(vec.indices), list(vec.values))

    def query(self, text: str) -> SparseVec:
        vec = self._bm25.embed_query(" ".join(self._tokens.tokens(text)))
        return SparseVec(list(vec.indices), list(vec.values))
