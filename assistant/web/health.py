"""What `/healthz` reports: starting (503) while the first index builds, ok (200) only when the database
answers and the search index answers a real query, failing (503) otherwise, with the reason.

A process that is up but whose index cannot search is not healthy: a load balancer must stop sending it
members, whose every search would otherwise fail. The probe is one small product search through the same
path the tools use (query embedding, hybrid search, fusion); its result is kept for a few seconds so a
health check every second costs one search every few.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("assistant.web")

PROBE_QUERY = "wireless earbuds"
PROBE_TTL_S = 5.0


@dataclass(frozen=True)
class Probe:
    ok: bool
    reason: str | None = None


class IndexProbe:
    """Runs the real search probe at most once every `ttl_s` seconds per runtime."""

    def __init__(self, ttl_s: float = PROBE_TTL_S) -> None:
        self.ttl_s = ttl_s
        self._lock = threading.Lock()
        self._last: tuple[Any, float, Probe] | None = None  # (runtime, monotonic time, result)

    def check(self, runtime: Any) -> Probe:
        now = time.monotonic()
        with self._lock:
            last = self._last
            if last is not None and last[0] is runtime and now - last[1] < self.ttl_s:
                return last[2]
        result = probe_index(runtime)
        with self._lock:
            self._last = (runtime, time.monotonic(), result)
        return result


def probe_index(runtime: Any) -> Probe:
    """A real query against the index; ok when it runs (an empty catalogue is no fault of the index)."""
    if runtime.index is None:
        return Probe(True, "no search index configured: search uses the database's filters")
    search = getattr(runtime.services, "search", None)
    products = getattr(search, "products", None)
    if products is None or not hasattr(products, "search"):
        return Probe(True)  # a runtime without the hybrid search (test fakes): nothing to query
    try:
        products.search(query=PROBE_QUERY)
    except Exception as exc:  # whatever breaks a member's search breaks the probe, and says what
        log.error("health probe: the search index failed a query: %s", type(exc).__name__, exc_info=exc)
        return Probe(False, f"search index failed a query ({type(exc).__name__})")
    return Probe(True)
