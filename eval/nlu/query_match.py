"""Is a predicted product query the same search as the gold one? Ask the catalogue's real search.

A member judges a query by what it finds, not by its wording: "running sneakers" and "sneakers for
running" are the same search if the catalogue returns the same products, in the same order, on top.
`SameTopResults` compares the top-k product ids of the two queries (k = 5: what the assistant shows);
`catalogue_query_matcher` builds it over the real hybrid search (`tools.search.ProductSearch`) on the
committed small seed, once per run, with the index kept under `var/` so a second run only loads it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from eval.nlu.score import normalise_text

log = logging.getLogger("assistant.eval.nlu")

ROOT = Path(__file__).resolve().parents[2]
SMALL_SEED = ROOT / "data" / "generated" / "small"
DEFAULT_DATA_DIR = ROOT / "var"
TOP_K = 5

TopIds = Callable[[str], list[str]]


class SameTopResults:
    """Two queries match when `top_ids` gives the same ids in the same order for both (results cached)."""

    def __init__(self, top_ids: TopIds) -> None:
        self._top_ids = top_ids
        self._cache: dict[str, tuple[str, ...]] = {}

    def results(self, query: str) -> tuple[str, ...]:
        key = normalise_text(query)
        if key not in self._cache:
            self._cache[key] = tuple(self._top_ids(key)) if key else ()
        return self._cache[key]

    def same_results(self, gold: str, predicted: str) -> bool:
        expected = self.results(gold)
        return bool(expected) and self.results(predicted) == expected


@contextmanager
def catalogue_query_matcher(
    data_dir: Path = DEFAULT_DATA_DIR, seed_dir: Path = SMALL_SEED, top_k: int = TOP_K
) -> Iterator[SameTopResults]:
    """The product search the agent's tool calls, over `seed_dir`, without filters: the other slots are
    scored on their own, so only the words decide here. Built on first use (about a minute on 2 cores
    for the small seed), loaded after that."""
    import retrieval
    from retrieval.embeddings import open_embedder
    from tools.search import catalogue_search

    index_dir = Path(data_dir) / f"nlu-score-index-{Path(seed_dir).name}"
    index = retrieval.build_or_load_index("edge", index_dir=index_dir, data_dir=Path(data_dir), seed_dir=seed_dir)
    embedder = open_embedder(Path(data_dir))
    try:
        # db=None: the index payload is the seed itself, so there is no live price or stock to veto a hit.
        products = catalogue_search(index, embedder, None).products

        def top_ids(query: str) -> list[str]:
            return [hit.id for hit in products.search(query=query[:200], limit=top_k)]

        yield SameTopResults(top_ids)
    finally:
        index.close()
        cache = getattr(embedder, "cache", None)
        if cache is not None:
            cache.close()
