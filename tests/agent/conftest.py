"""Agent fixtures: a real database seeded with a small hand-made data set, real tools and services, real
checkpoints on disk; only the chat model is scripted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models import BaseChatModel

from assistant.runtime import Runtime, build_runtime
from assistant.settings import load_settings
from testkit.agent_world import TODAY, seed
from tools.services import build_services

RuntimeFactory = Callable[..., Runtime]


@pytest.fixture
def make_runtime(tmp_path: Path) -> Iterator[RuntimeFactory]:
    """`make_runtime(model, database_url=None, search=None)`: a Runtime over a seeded database in `tmp_path`
    (`search`: an opened index and query embedder for the search tools, kept and closed by the caller)."""
    built: list[Runtime] = []
    seeded: set[str] = set()

    def factory(
        model: BaseChatModel | None, database_url: str | None = None, *, search: tuple[Any, Any] | None = None,
        **overrides: Any,
    ) -> Runtime:
        url = database_url or f"sqlite:///{tmp_path / 'assistant.db'}"
        if url not in seeded:
            seed(url)
            seeded.add(url)
        settings = load_settings(
            ASSISTANT_DATA_DIR=str(tmp_path / "var"),
            DATABASE_URL=database_url,
            ASSISTANT_SEED_DIR=str(tmp_path / "no-seed"),
            **overrides,
        )
        index, embedder = search or (None, None)
        services = build_services(url, None, today=TODAY, index=index, embedder=embedder)
        runtime = build_runtime(settings, model=model, services=services, with_index=False)
        built.append(runtime)
        return runtime

    yield factory
    for runtime in built:
        runtime.close()
