"""Spelling correction of the member's free text before it is understood and searched.

"blutooth speker waterprof" searched as typed finds nothing that fits; corrected against the catalogue's
own vocabulary it is "bluetooth speaker waterproof". Why symspellpy: a symmetric-delete index answers an
edit-distance lookup in microseconds, and its dictionary is ours to build.

Two word sets, on purpose:
- **suggestions** come only from the data (titles, descriptions, names in `Gazetteer.vocabulary`) and
  the understanding's own files (exemplars, lexicon): a typo becomes a word the engine can use;
- **known words** are never corrected: those, the English words of symspellpy's bundled frequency list
  (no download: it ships inside the package), and every word of the lexicon (curated, unlike the
  exemplars: "nite", "ppl", chat shorthand such as "thx" and "btw").

Never corrected either: numbers and anything with a digit (sizes, prices, model numbers such as
"WH-4657-W"), brand names, words of one or two letters, and words with an apostrophe ("he's").
Japanese text is not touched (its English reading is rule-made).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from typing import Any

from rapidfuzz.distance import Indel
from symspellpy import SymSpell, Verbosity

from assistant.offline.nlu.gazetteer import Gazetteer

# English words of symspellpy's bundled frequency list count as known (82,765 words, sorted by frequency).
KNOWN_ENGLISH = 82765
_TOKEN = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]", re.IGNORECASE)
# Words of the understanding's own files outweigh one catalogue mention: "second" beats "send".
_NLU_WEIGHT = 20
_SHARED_WEIGHT = 15


def strings(node: Any) -> Iterable[str]:
    """Every string in a parsed YAML document (keys and values)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield str(k)
            yield from strings(v)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item)


def _english(limit: int) -> set[str]:
    """The `limit` most frequent words of symspellpy's bundled list (it is sorted by frequency)."""
    path = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
    words: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            words.add(line.split(" ", 1)[0])
            if len(words) >= limit:
                break
    return words


class SpellingCorrector:
    """Corrects unknown words to the closest word of the data or the understanding's vocabulary."""

    def __init__(self, vocabulary: Counter[str], known: set[str], protected: set[str]) -> None:
        self.known = known | set(vocabulary)
        self.protected = protected
        self._index = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        for word, count in vocabulary.items():
            if len(word) > 2 and word.isalpha():
                self._index.create_dictionary_entry(word, count)
        self._counts = vocabulary

    @classmethod
    def build(
        cls, gazetteer: Gazetteer, nlu_texts: Iterable[Any], lexicon_words: Iterable[str] = ()
    ) -> SpellingCorrector:
        """The data's words, weighted up where the understanding's own files use them too. Those files are
        training material with deliberate typos in it ("teh secnd one"), so a word of theirs is a
        suggestion only when it is English or the data's."""
        vocabulary = gazetteer.vocabulary()
        english = _english(KNOWN_ENGLISH)
        for doc in nlu_texts:
            for text in strings(doc):
                for word in _TOKEN.findall(text.lower()):
                    if word.isalpha() and (word in english or word in vocabulary):
                        vocabulary[word] += _NLU_WEIGHT
        protected = {name for name, _ in gazetteer.of_kind("brand")}
        protected |= {w for name in list(protected) for w in name.split()}
        known = english | {w for text in lexicon_words for w in _TOKEN.findall(text.lower())}
        return cls(vocabulary, known, protected)

    def word(self, token: str) -> str:
        """The correction of one lower-case word (the word itself when it is known or protected)."""
        if len(token) < 3 or token in self.known or token in self.protected or not token.isalpha():
            return token
        # two edits only in a long word: in a short one they reach unrelated words ("bento" -> "best")
        distance = 1 if len(token) < 8 else 2
        found = self._index.lookup(token, Verbosity.CLOSEST, max_edit_distance=distance)
        if len(token) < 6:  # a short typo drops or swaps letters; a shorter word is another word ("shud")
            found = [s for s in found if len(s.term) >= len(token)]
        if not found:
            return token
        # among the closest: a common word ("teh" is "the", not "tech") unless another shares clearly more
        # letters ("wich" is "which", not "with")
        best = max(found, key=lambda s: math.log(s.count) + _SHARED_WEIGHT * Indel.normalized_similarity(token, s.term))
        return str(best.term)

    def correct(self, text: str) -> str:
        """`text` with each unknown word corrected (in lower case); everything else kept as it was written."""
        out: list[str] = []
        last = 0
        for m in _TOKEN.finditer(text):
            token = m[0].lower()
            around = text[max(0, m.start() - 1) : m.start()] + text[m.end() : m.end() + 1]
            if re.search(r"[\d.-]", around) or "'" in token or "-" in token:
                continue  # "27.5cm", "wh-4657", "he's": not words to correct
            fixed = self.word(token)
            if fixed != token:
                out.append(text[last : m.start()])
                out.append(fixed)
                last = m.end()
        if not out:
            return text
        out.append(text[last:])
        return "".join(out)
