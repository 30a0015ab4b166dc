"""The intent classifier's learned part: a linear SVM over the sentence embedding, the keyword/slot
features and word + character n-grams, with a probability calibrated on held-out folds.

Why this model: `python -m bench.intent_select` compares the candidates on the tuning material only (dev
cross-validation, and training on one source of labelled text while scoring on the other), and a linear
SVM over embeddings plus character n-grams generalised best: the n-grams catch typos and short cue words
the embedding blurs, the embedding catches paraphrase. The keyword features are down-weighted (they fit
the material they were written from and generalise less). The SVM decides; a sigmoid-calibrated copy of it
says how sure that decision is, so "I'm not sure" is a probability, not a raw margin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.calibration import CalibratedClassifierCV  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.svm import LinearSVC  # type: ignore[import-untyped]


@dataclass(frozen=True)
class ModelSettings:
    """The measured choice (bench/intent_select.py); tests and the bench may build variants."""

    c: float = 1.0
    embedding_weight: float = 2.0
    keyword_weight: float = 0.3
    word_ngrams: tuple[int, int] | None = (1, 2)
    char_ngrams: tuple[int, int] | None = (2, 5)
    calibration_folds: int = 3


class SvmIntentModel:
    def __init__(self, settings: ModelSettings = ModelSettings()) -> None:
        self.settings = settings
        self._ngrams: list[TfidfVectorizer] = []
        for analyzer, ngrams in (("word", settings.word_ngrams), ("char_wb", settings.char_ngrams)):
            if ngrams:
                self._ngrams.append(TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True))
        self._svm = LinearSVC(C=settings.c)
        self._calibrated: Any = None
        self.classes: list[str] = []

    def _matrix(self, texts: Sequence[str], vectors: np.ndarray, keywords: np.ndarray) -> Any:
        s = self.settings
        dense = np.hstack([vectors * s.embedding_weight, keywords * s.keyword_weight])
        return sparse.hstack([sparse.csr_matrix(dense), *(v.transform(texts) for v in self._ngrams)]).tocsr()

    def fit(self, texts: Sequence[str], vectors: np.ndarray, keywords: np.ndarray, labels: Sequence[str]) -> None:
        for v in self._ngrams:
            v.fit(texts)
        x = self._matrix(texts, vectors, keywords)
        self._svm.fit(x, list(labels))
        self.classes = [str(c) for c in self._svm.classes_]
        folds = self.settings.calibration_folds
        smallest = min(list(labels).count(c) for c in self.classes)
        if folds >= 2 and smallest >= folds:
            self._calibrated = CalibratedClassifierCV(LinearSVC(C=self.settings.c), method="sigmoid", cv=folds)
            self._calibrated.fit(x, list(labels))

    def predict(self, text: str, vector: np.ndarray, keywords: np.ndarray) -> tuple[str, float, dict[str, float]]:
        """(intent, calibrated probability of that intent, every intent's probability)."""
        x = self._matrix([text], vector[None, :], keywords[None, :])
        best = str(self._svm.predict(x)[0])
        if self._calibrated is None:
            margins = self._svm.decision_function(x)[0]
            e = np.exp(margins - margins.max())
            probs = dict(zip(self.classes, (e / e.sum()).tolist(), strict=True))
        else:
            names = [str(c) for c in self._calibrated.classes_]
            probs = dict(zip(names, self._calibrated.predict_proba(x)[0].tolist(), strict=True))
        return best, float(probs.get(best, 0.0)), probs
