"""Fixtures for the data generator tests: the committed seed output, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.loader import SMALL_DIR, load_dataset
from data.schema import DataSet


@pytest.fixture(scope="session")
def small() -> DataSet:
    return load_dataset(SMALL_DIR)


@pytest.fixture(scope="session")
def small_dir() -> Path:
    return SMALL_DIR
