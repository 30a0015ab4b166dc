"""`/healthz` as a load balancer sees it: 503 "starting" while the first start builds the runtime (the
port answers meanwhile), 200 only when the database answers and the index answers a real query, and 503
"failing" with the reason when the index cannot search. Real HTTP against the served app."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from retrieval.index import IndexUnavailable
from tests.web.conftest import SECRET, Served, free_port, serve
from tests.web.fake_runtime import FakeRuntime


def test_healthz_answers_starting_while_the_first_start_builds(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import app as app_module
    from assistant.settings import load_settings

    settings = load_settings(ASSISTANT_DATA_DIR=tmp_path / "var", ASSISTANT_SECRET=SECRET)
    gate = threading.Event()

    def slow_build(given: Any) -> FakeRuntime:
        gate.wait(60)  # the first index build
        return FakeRuntime(given)

    monkeypatch.setattr(app_module, "_build_runtime", slow_build)
    port = free_port()
    server, thread = serve(app_module.create_app(settings), port)
    url = f"http://127.0.0.1:{port}"
    try:
        starting = httpx.get(f"{url}/healthz", timeout=10)
        assert starting.status_code == 503 and starting.json()["status"] == "starting"
        assert httpx.get(f"{url}/v1/models", timeout=10).status_code == 503
        gate.set()
        deadline = time.monotonic() + 60
        while (ready := httpx.get(f"{url}/healthz", timeout=10)).status_code != 200:
            assert time.monotonic() < deadline, ready.text
            time.sleep(0.1)
        assert ready.json()["status"] == "ok"
    finally:
        gate.set()
        server.should_exit = True
        thread.join(15)


class BrokenSearch:
    def search(self, **_: Any) -> list[Any]:
        raise IndexUnavailable("segment checksum mismatch")


class WorkingSearch:
    def __init__(self) -> None:
        self.queries: list[dict[str, Any]] = []

    def search(self, **query: Any) -> list[Any]:
        self.queries.append(query)
        return []


def test_healthz_runs_a_real_query_and_fails_when_the_index_cannot_search(fake_served: Served,
                                                                          http: httpx.Client) -> None:
    fake_served.runtime.services.search = SimpleNamespace(products=BrokenSearch())
    broken = http.get("/healthz")
    body = broken.json()
    assert broken.status_code == 503 and body["status"] == "failing" and body["index_ready"] is False
    assert "IndexUnavailable" in body["index"] and "checksum" not in body["index"]  # the kind, not internals
    healthy = FakeRuntime(fake_served.settings)
    working = WorkingSearch()
    healthy.services.search = SimpleNamespace(products=working)  # type: ignore[attr-defined]
    fake_served.web.runtime = healthy
    ok = http.get("/healthz")
    assert ok.status_code == 200 and ok.json()["status"] == "ok" and working.queries
