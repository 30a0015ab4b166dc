"""A restart loses nothing: a booking paused at the confirmation survives the process being killed, and the
approval in a new process books exactly once, even when a process died mid-way through an approval."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from assistant.conversation import NothingPending
from assistant.runtime import build_runtime
from assistant.settings import REPO_ROOT, load_settings
from testkit.agent_world import TODAY
from tests.fakes import ScriptedChatModel
from tools.services import build_services


def worker(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tests.agent.restart_worker", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        env={"PATH": "/usr/bin:/bin", "LITELLM_LOCAL_MODEL_COST_MAP": "True", "PYTHONDONTWRITEBYTECODE": "1"},
    )


def test_pending_booking_survives_a_killed_process(tmp_path: Path) -> None:
    first = worker("start", str(tmp_path))
    assert first.returncode == -signal.SIGKILL, first.stderr[-2000:]
    started = json.loads(first.stdout.strip().splitlines()[-1])
    assert started["pending"] == "book_hotel"

    # Killed again after the approved booking was written, before the run could save its end state.
    crashed = worker("crash", str(tmp_path), started["thread"])
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr[-2000:]
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'assistant.db'}")
    with engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from bookings")).scalar() == 1  # the booking was written
    engine.dispose()

    second = worker("approve", str(tmp_path), started["thread"])
    assert second.returncode == 0, second.stderr[-2000:]
    resumed = json.loads(second.stdout.strip().splitlines()[-1])
    assert resumed["pending_before"] is None  # the approved booking ran before the crash: no second approval card
    [booking] = resumed["bookings"]  # the run completed with its idempotency key: still one booking
    assert booking in resumed["answer"] and "confirmed" in resumed["answer"]  # the approval reports it

    # Approving again (a double click, a retried request) finds nothing pending and books nothing more.
    settings = load_settings(ASSISTANT_DATA_DIR=str(tmp_path / "var"), ASSISTANT_SEED_DIR=str(tmp_path / "none"))
    services = build_services(f"sqlite:///{tmp_path / 'assistant.db'}", None, today=TODAY)
    runtime = build_runtime(settings, model=ScriptedChatModel([]), services=services, with_index=False)
    try:
        with pytest.raises(NothingPending):
            runtime.conversations.decide(member_id="M0001", thread_id=started["thread"], approve=True)
        assert [b.id for b in services.bookings.bookings("M0001", upcoming_only=False).bookings] == [booking]
    finally:
        runtime.close()
