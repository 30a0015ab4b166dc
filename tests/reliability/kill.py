"""Run a Python worker script and SIGKILL it the moment it writes its flag file: a process that dies at an exact
point (inside a transaction, right after a commit), with no clean shutdown."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def kill_at_flag(script: str, args: list[str], flag: Path, *, timeout_s: float = 120) -> str:
    """Start `python -c script *args`, wait until `flag` has text, kill the process; returns the flag's text."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-c", script, *args], cwd=REPO, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + timeout_s
        while not flag.exists() or not flag.read_text():
            if process.poll() is not None:
                raise AssertionError(f"the worker exited early: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            if time.monotonic() > deadline:
                raise AssertionError("the worker never reached the point where it is killed")
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        assert process.wait(10) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        if process.stderr is not None:
            process.stderr.close()
    return flag.read_text()
