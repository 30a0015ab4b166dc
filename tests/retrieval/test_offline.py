"""Retrieval works with the network gone: only loopback sockets are allowed, and no hub variable is set.

The model is loaded from scratch inside the block (a fresh data folder: the model folder is assembled
from the installed packages), then documents are embedded, indexed on both backends and searched.
"""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import Any

import pytest

from retrieval import open_index
from retrieval.catalogue import ingest_records
from retrieval.embeddings import MODEL_ID, open_embedder
from retrieval.index import ProductFilters
from retrieval.retriever import Retriever
from tests.retrieval.catalogue import make_destinations, make_hotels, make_products


class NetworkBlocked(OSError):
    pass


def _loopback(host: Any) -> bool:
    if host in ("localhost", None, ""):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
            attempts.append(f"connect {address}")
            raise NetworkBlocked(f"network disabled in this test: connect to {address}")
        return real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _loopback(host):
            attempts.append(f"resolve {host}")
            raise NetworkBlocked(f"network disabled in this test: resolve {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "FASTEMBED_CACHE_PATH"):
        monkeypatch.delenv(var, raising=False)
    return attempts


def test_the_guard_blocks_the_internet(no_network: list[str]) -> None:
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("huggingface.co", 443), timeout=1)
    assert no_network


@pytest.mark.parametrize("backend", ["edge", "server"])
def test_embed_ingest_and_search_offline(no_network: list[str], tmp_path: Path, backend: str) -> None:
    embedder = open_embedder(tmp_path / "var")  # a fresh data folder: the model (and its cache) set up here, offline
    if embedder.model_id == MODEL_ID:  # MiniLM's files are assembled into the data folder; USE reads its wheel's
        assert (tmp_path / "var" / "models").exists()
    index = open_index(backend, tmp_path / "var" / "index")  # type: ignore[arg-type]
    try:
        products = make_products(24)
        ingest_records(index, embedder, products=products, hotels=make_hotels(4), destinations=make_destinations())
        hits = Retriever(index, embedder).search("products", "rice cooker", ProductFilters(max_price_jpy=50000))
        assert hits and "rice cooker" in hits[0].payload["title"] and hits[0].payload["price_jpy"] <= 50000
    finally:
        index.close()
        if embedder.cache is not None:
            embedder.cache.close()
    assert no_network == []
