"""The local model server process, run by `bench/local_llm.py serve` with the harness's own Python
(var/local-llm/venv, where xllamacpp is installed): llama.cpp's OpenAI-compatible HTTP server on loopback.

Only the standard library and xllamacpp are imported here: this file never runs in the project's .venv.
Usage: serve.py MODEL.gguf TEMPLATE.jinja PORT THREADS CONTEXT ALIAS
"""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path


def main() -> None:
    import xllamacpp  # type: ignore[import-not-found]

    model, template, port, threads, context, alias = sys.argv[1:7]
    params = xllamacpp.CommonParams()
    params.model.path = model
    params.model_alias = alias
    params.chat_template = Path(template).read_text(encoding="utf-8")
    params.use_jinja = True
    params.hostnames = ["127.0.0.1"]  # loopback only
    params.port = int(port)
    params.n_ctx = int(context)
    params.n_parallel = 1  # one conversation at a time: the whole machine's two cores go to it
    params.cache_prompt = True  # reuse the KV cache of the longest common prefix (the static system + tools)
    for cpu in (params.cpuparams, params.cpuparams_batch):
        cpu.n_threads = int(threads)
        cpu.poll = 0  # sleep, do not spin, between work: the machine is shared
    params.verbosity = 1
    server = xllamacpp.Server(params)
    print(f"listening on {server.listening_address}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()


if __name__ == "__main__":
    main()
