"""Web fixtures: the app served by uvicorn on a free loopback port, with a fake or the real runtime."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn

from assistant.settings import Settings, load_settings
from assistant.web.auth import KeyRing
from tests.served_app import ThreadServer, free_port, serve
from tests.web.fake_runtime import FakeRuntime

__all__ = ["Served", "free_port", "serve"]

SECRET = "web-tests-secret"
STAFF = "mia:marketer,quinn:qa"  # ASSISTANT_STAFF: one marketer, one QA


@dataclass
class Served:
    url: str
    runtime: Any
    settings: Settings
    server: uvicorn.Server
    web: Any = None  # the app's WebState (sessions, feedback)

    def key(self, member_id: str) -> str:
        return KeyRing(self.settings.secret_key, lambda _: True).key_for(member_id)


@pytest.fixture(scope="module")
def web_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return load_settings(ASSISTANT_DATA_DIR=tmp_path_factory.mktemp("web") / "var", ASSISTANT_SECRET=SECRET,
                         ASSISTANT_STAFF=STAFF)


@pytest.fixture(scope="module")
def fake_server(web_settings: Settings) -> Iterator[tuple[Any, str, ThreadServer]]:
    """One served app per test module; each test gets a fresh fake runtime swapped in (see `fake_served`)."""
    from app import create_app

    app = create_app(web_settings, FakeRuntime(web_settings))
    port = free_port()
    server, thread = serve(app, port)
    try:
        yield app, f"http://127.0.0.1:{port}", server
    finally:
        server.should_exit = True
        thread.join(15)


@pytest.fixture
def fake_served(fake_server: tuple[Any, str, ThreadServer], web_settings: Settings) -> Served:
    """The app with a fresh fake runtime (fresh ledger, bookings and threads) and fresh limits."""
    from assistant.ratelimit import build_signin_attempts
    from assistant.web.limits import InProcessLimiter

    app, url, server = fake_server
    runtime = FakeRuntime(web_settings)
    app.state.web.runtime = runtime
    app.state.web.limiter = InProcessLimiter(2)
    app.state.web.signin_attempts = build_signin_attempts(None, web_settings.signin_attempts,
                                                          web_settings.signin_window_s)
    return Served(url, runtime, web_settings, server, app.state.web)


@pytest.fixture
def http(fake_served: Served) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=fake_served.url, timeout=30) as client:
        yield client
