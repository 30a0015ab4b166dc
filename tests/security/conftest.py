"""Security fixtures: one attacked world per module (seeded SQLite, poisoned operator CSV, a victim booking),
and runtimes over it with canary secrets in the settings; only the chat model is scripted or offline."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models import BaseChatModel

from assistant.runtime import Runtime, build_runtime
from assistant.settings import Settings, load_settings
from tests.security.world import CANARY_API_KEY, CANARY_SECRET, Arena, build_arena, open_services

RuntimeFactory = Callable[..., Runtime]


@pytest.fixture(scope="module")
def arena(tmp_path_factory: pytest.TempPathFactory) -> Arena:
    workdir = tmp_path_factory.mktemp("arena")
    return build_arena(f"sqlite:///{workdir / 'assistant.db'}", workdir)


def canary_settings(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "ASSISTANT_DATA_DIR": str(data_dir),
        "ASSISTANT_SEED_DIR": str(data_dir / "no-seed"),
        "ASSISTANT_API_KEY": CANARY_API_KEY,
        "ASSISTANT_SECRET": CANARY_SECRET,
    }
    return load_settings(**{**values, **overrides})


@pytest.fixture
def make_runtime(arena: Arena, tmp_path: Path) -> Iterator[RuntimeFactory]:
    """`make_runtime(model)`: a runtime over the arena's database with fresh conversation memory
    (`model=None`: the model the settings name, i.e. the offline engine by default)."""
    built: list[Runtime] = []

    def factory(model: BaseChatModel | None, **overrides: Any) -> Runtime:
        settings = canary_settings(tmp_path / f"var{len(built)}", **overrides)
        runtime = build_runtime(settings, model=model, services=open_services(arena), with_index=False)
        built.append(runtime)
        return runtime

    yield factory
    for runtime in built:
        runtime.close()


SEED_DIR = str(Settings().seed_dir)  # the offline engine's gazetteers; the data itself is the arena's database


@pytest.fixture(scope="session")
def offline_engine(tmp_path_factory: pytest.TempPathFactory) -> BaseChatModel:
    """One offline engine for the session: it is stateless between calls (the conversation is in the
    messages), and its first turn loads its language data, which takes seconds."""
    from assistant.models import build_offline

    return build_offline(canary_settings(tmp_path_factory.mktemp("offline"), ASSISTANT_SEED_DIR=SEED_DIR))
