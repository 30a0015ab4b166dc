"""pytest plugin of the fakes: no provider key reaches a test; the OpenAI stub as a fixture.

Registered in tests/conftest.py with `pytest_plugins = ["tests.fakes.plugin"]`. The network guard is
pytest-socket, configured in pyproject.toml: only loopback hosts (127.0.0.0/8, ::1, localhost) and unix
sockets may be reached from a test, since tests use real HTTP on 127.0.0.1, PostgreSQL and Redis.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.fakes.openai_stub import OpenAIStub

# litellm fetches its model price map from GitHub at import unless told to use the bundled copy.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

PROVIDER_KEYS = (
    "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "AZURE_API_KEY",
    "AZURE_OPENAI_API_KEY",
    "GEMINI_API_KEY",
    "GOOGLE_API_KEY",
    "MISTRAL_API_KEY",
    "COHERE_API_KEY",
    "GROQ_API_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "OPENROUTER_API_KEY",
    "TOGETHERAI_API_KEY",
    "ASSISTANT_API_KEY",
    "ASSISTANT_MODEL",
    "ASSISTANT_API_BASE",
    "ASSISTANT_FALLBACK_MODEL",
    "OPENAI_BASE_URL",
    "OPENAI_API_BASE",
)


@pytest.fixture(autouse=True)
def block_real_providers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Autouse: no provider key in the environment, so a real provider is never even configured.

    The network itself is closed by pytest-socket (`--allow-hosts` loopback only, in pyproject's addopts): a
    connect to any other host raises `pytest_socket.SocketConnectBlockedError`.
    """
    for key in PROVIDER_KEYS:
        monkeypatch.delenv(key, raising=False)


@pytest.fixture
def openai_stub() -> Iterator[OpenAIStub]:
    """A started OpenAI-compatible stub server on 127.0.0.1; script replies with `.script(...)`."""
    with OpenAIStub() as stub:
        yield stub
