"""Shared fixtures: real services where they run, a clear skip where they do not.

In CI (`REQUIRE_SERVICES=1`, set by `.ci/run`) a missing PostgreSQL or Redis is a failure, not a skip.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

# Scripted models, the OpenAI stub server, and the autouse guard that fails any real provider call.
pytest_plugins = ["tests.fakes.plugin"]

# Every test that drives the offline engine holds it to strict grounding: an answer stating a figure no tool
# result backs raises where it is composed instead of being replaced by the production fallback.
os.environ.setdefault("ASSISTANT_GROUNDING", "strict")

PG_HOST, PG_PORT = "127.0.0.1", 5432
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
PG_ADMIN_URL = f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}/test"


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _need(service: str, host: str, port: int) -> None:
    if _port_open(host, port):
        return
    message = f"{service} is not running at {host}:{port}"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{message} (REQUIRE_SERVICES=1: CI must run these tests, not skip them)")
    pytest.skip(f"{message}; start it to run this test")


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema, dropped afterwards (a context, so module-scoped fixtures can hold one)."""
    _need("PostgreSQL", PG_HOST, PG_PORT)
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema for one test, dropped afterwards."""
    with postgres_schema() as url:
        yield url


@pytest.fixture
def redis_url() -> str:
    _need("Redis", REDIS_HOST, REDIS_PORT)
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/15"
