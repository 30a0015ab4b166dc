"""schemathesis against the app's own OpenAPI schema, over real HTTP with a member's key: whatever the body,
headers or query, the API answers with a 2xx or a 4xx that says why, never a 5xx.

On SQLite and on PostgreSQL: PostgreSQL is stricter about what a text column takes (a NUL byte in a thread id or
a message is an error there, not on SQLite), so the same fuzzing must hold on the production database too."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.conftest import postgres_schema
from tests.security.served import Served, echo_agent, serve
from tests.security.world import ME

BACKENDS = [pytest.param("sqlite", id="sqlite"),
            pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres)]


@contextmanager
def database_url(backend: str, workdir: Path) -> Iterator[str]:
    if backend == "postgresql":
        with postgres_schema() as url:
            yield url
    else:
        yield f"sqlite:///{workdir / 'fuzz.db'}"


@pytest.fixture(scope="module", params=BACKENDS)
def fuzz_served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    workdir = tmp_path_factory.mktemp(f"fuzz-{request.param}")
    with database_url(str(request.param), workdir) as url:
        yield from _served(url, workdir)


def _served(url: str, workdir: Path) -> Iterator[Served]:
    from assistant.runtime import build_runtime
    from tests.security.conftest import canary_settings
    from tests.security.world import build_arena, open_services

    arena = build_arena(url, workdir)
    settings_ = canary_settings(workdir / "var", ASSISTANT_RATE_LIMIT=1_000_000)
    runtime = build_runtime(settings_, model=echo_agent(), services=open_services(arena), with_index=False)
    try:
        with serve(runtime) as served:
            yield served
    finally:
        runtime.close()


@pytest.fixture(scope="module")
def api_schema(fuzz_served: Served) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{fuzz_served.url}/openapi.json")


GOOD, BAD = schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE
# Negative cases need something to break: the GET routes take no input.
OPERATIONS = [("GET", "/healthz", GOOD), ("GET", "/v1/models", GOOD), ("POST", "/v1/chat/completions", GOOD),
              ("POST", "/v1/chat/completions", BAD), ("POST", "/v1/feedback", GOOD), ("POST", "/v1/feedback", BAD)]


@pytest.mark.parametrize(("method", "path", "mode"), OPERATIONS, ids=[f"{m} {p} {g.value}" for m, p, g in OPERATIONS])
def test_no_input_makes_the_api_fail_with_a_5xx(method: str, path: str, mode: schemathesis.GenerationMode,
                                                 api_schema: schemathesis.BaseSchema, fuzz_served: Served) -> None:
    operation = api_schema[path][method]
    seen: list[int] = []

    @settings(max_examples=25, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: schemathesis.Case) -> None:
        response = case.call(base_url=fuzz_served.url, headers=fuzz_served.auth(ME), timeout=60)
        seen.append(response.status_code)
        assert response.status_code < 500, f"{case.method} {case.path} {case.body!r:.300} -> {response.text:.300}"

    check()
    assert seen, "schemathesis generated no request"


def test_the_schema_documents_the_request_bodies(api_schema: schemathesis.BaseSchema) -> None:
    raw = api_schema.raw_schema
    for path in ("/v1/chat/completions", "/v1/feedback"):
        assert "requestBody" in raw["paths"][path]["post"], path
