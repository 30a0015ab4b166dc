"""An ASGI app served by uvicorn in a background thread on a free loopback port: real HTTP for the web and
security tests. Why shared: both suites need the same start-up wait and the same signal-handler opt-out."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThreadServer(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # runs in a thread: leave the test runner's signals alone
        pass


def serve(app: Any, port: int, *, name: str = "uvicorn") -> tuple[ThreadServer, threading.Thread]:
    """Start `app` on 127.0.0.1:`port` and return once uvicorn reports it started (or raise)."""
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on",
                            timeout_graceful_shutdown=1)
    server = ThreadServer(config)
    thread = threading.Thread(target=server.run, name=name, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    return server, thread
