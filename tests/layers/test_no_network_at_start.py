"""Starting the assistant touches no network: litellm's import fetches its model price map from GitHub unless
told not to, which on a machine without internet cost about 7 s of retries at every start (and on one with
internet, a request the operator never asked for). Checked in a fresh interpreter with an audit hook, since an
import happens once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, sys
reached = []
LOOPBACK = {"localhost", "127.0.0.1", "::1", None, ""}
def hook(event, args):
    if event == "socket.getaddrinfo" and args[0] not in LOOPBACK:
        reached.append(str(args[0]))
    elif event == "socket.connect" and isinstance(args[1], tuple) and args[1][0] not in LOOPBACK:
        reached.append(str(args[1][0]))
sys.addaudithook(hook)
from assistant.logs import configure_logging
configure_logging()
import assistant.models  # noqa: F401  (the model factory, which imports litellm for any provider)
import litellm  # noqa: F401
print(json.dumps(reached))
"""


def test_importing_the_assistant_and_litellm_resolves_no_remote_host() -> None:
    env = {k: v for k, v in os.environ.items() if k != "LITELLM_LOCAL_MODEL_COST_MAP"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=True
    )
    reached = json.loads(done.stdout.strip().splitlines()[-1])
    assert reached == [], f"the start reached the network: {reached}"
