"""The SQLAlchemy engine the web stores (sessions, feedback) open on the app's database.

Why one helper: both stores run in Gradio/uvicorn worker threads against the same URL, so SQLite needs the
same cross-thread and busy-timeout settings and its folder created before the first connect.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa


def store_engine(url: str) -> sa.Engine:
    """An engine for `url`; on SQLite, shared across threads with a 30 s busy timeout."""
    kwargs: dict[str, object] = {}
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return sa.create_engine(url, **kwargs)
