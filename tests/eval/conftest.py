"""Fixtures of the eval tests: scenario folders written from YAML text, and run folders under tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def write_scenarios(tmp_path: Path) -> Callable[..., Path]:
    """Write {file name: YAML text} into a fresh scenario folder and return it."""

    def write(files: dict[str, str]) -> Path:
        folder = tmp_path / "scenarios"
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return write
