"""Reliability fixtures: the security tests' world (a seeded database with two members and a victim booking)
and runtimes over it; faults are injected with the OpenAI stub, a dying database, a damaged index or SIGKILL."""

from __future__ import annotations

from tests.security.conftest import arena, make_runtime

__all__ = ["arena", "make_runtime"]
