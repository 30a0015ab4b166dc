"""pytest plugin of the fakes: any call to a real provider fails loudly; the OpenAI stub as a fixture.

Registered in tests/conftest.py with `pytest_plugins = ["tests.fakes.plugin"]`.
Only loopback hosts (127.0.0.0/8, ::1, localhost) and unix sockets may be reached from a test.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from typing import Any

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


class RealProviderCallBlocked(RuntimeError):
    """A test tried to reach a non-loopback host (a real LLM provider or any other network service)."""


def _is_loopback(host: Any) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode()
    host = str(host).strip("[]")
    if host in ("localhost", "localhost.localdomain", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def block_real_providers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Autouse: no provider key in the environment and no socket to a non-loopback host."""
    for key in PROVIDER_KEYS:
        monkeypatch.delenv(key, raising=False)

    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(host):
            raise RealProviderCallBlocked(f"test tried to resolve {host!r}: real network/provider calls are blocked")
        return real_getaddrinfo(host, *args, **kwargs)

    def check(address: Any) -> None:
        if isinstance(address, tuple) and not _is_loopback(address[0]):
            raise RealProviderCallBlocked(f"test tried to connect to {address!r}: real provider calls are blocked")

    def connect(self: socket.socket, address: Any) -> None:
        check(address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.fixture
def openai_stub() -> Iterator[OpenAIStub]:
    """A started OpenAI-compatible stub server on 127.0.0.1; script replies with `.script(...)`."""
    with OpenAIStub() as stub:
        yield stub
