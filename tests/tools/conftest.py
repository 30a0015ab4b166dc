"""Service fixtures on real databases: SQLite in a temp folder and (where marked) a fresh PostgreSQL schema."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from data.schema import DataSet
from testkit.factories import TODAY, dataset
from tools.db import Database
from tools.seed import seed_database
from tools.services import Services, build_services

BACKENDS = [pytest.param("sqlite", id="sqlite"),
            pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'tools.db'}"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tools.db'}"


ServicesFactory = Callable[..., Services]


def make_services(url: str, data: DataSet | None = None) -> Services:
    db = Database(url)
    seed_database(db, data or dataset(), TODAY)
    db.dispose()
    return build_services(url, None, today=TODAY)


@pytest.fixture
def make(database_url: str) -> Iterator[ServicesFactory]:
    built: list[Services] = []

    def factory(data: DataSet | None = None) -> Services:
        services = make_services(database_url, data)
        built.append(services)
        return services

    yield factory
    for services in built:
        services.close()


@pytest.fixture
def services(make: ServicesFactory) -> Services:
    return make()


@pytest.fixture
def lite(sqlite_url: str) -> Iterator[Services]:
    """SQLite-only services, for behaviour that does not depend on the backend."""
    services = make_services(sqlite_url)
    yield services
    services.close()


def row_counts(services: Services) -> dict[str, int]:
    from tools.tables import Base

    counts = {}
    with services.db.read() as session:
        for table in Base.metadata.sorted_tables:
            counts[table.name] = session.execute(select(func.count()).select_from(table)).scalar_one()
    return counts
