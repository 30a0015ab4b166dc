"""One direction of dependency, checked at run time (import-linter in `make lint` checks the static imports).

`eval` and `bench` drive the assistant from outside: the `assistant eval` command arrives through an entry
point and the QA tab is handed in by `app.py`, so loading the product never loads `eval`, `bench` or `tests`.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import gradio as gr
import pytest

ROOT = Path(__file__).resolve().parents[2]

# Every module of the product layers except the CLI, whose job is to load the entry-point commands, and the
# Alembic scripts, which run inside Alembic's migration context (env.py migrates when executed), never as imports.
PROBE = """
import importlib, pkgutil, sys
for package in ("assistant", "tools", "retrieval"):
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        if info.name != "assistant.cli" and not info.name.startswith("tools.migrations."):
            importlib.import_module(info.name)
outside = sorted(m for m in sys.modules if m.split(".")[0] in {"eval", "bench", "tests", "app"})
print(",".join(outside))
"""


@pytest.mark.slow  # imports every product module in a fresh interpreter
def test_product_modules_load_nothing_from_eval_bench_or_tests() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == ""


def test_nothing_imports_app_py() -> None:
    """app.py is the composition root (import-linter's contracts cannot name a module, so this checks it)."""
    offenders = []
    for package in ("assistant", "tools", "retrieval", "data", "eval", "bench", "testkit"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
                offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] == "app"]
    assert offenders == []


def test_eval_command_is_registered_from_eval_through_the_entry_point() -> None:
    from assistant.cli import COMMAND_GROUP, app
    from eval.cli import main as eval_main

    declared = {e.name: e.value for e in entry_points(group=COMMAND_GROUP)}
    assert declared.get("eval") == "eval.cli:main"
    registered = {c.name: c.callback for c in app.registered_commands}
    assert registered["eval"] is eval_main
    assert {"serve", "chat", "ingest", "copy"} <= registered.keys()


def test_app_composes_the_staff_routes_and_a_failing_plug_in_only_loses_its_page(tmp_path: Path) -> None:
    """The web layer builds whatever staff plug-ins the composition root passes (app.py passes the QA tool),
    each on its own route."""
    from app import staff_routes
    from assistant.settings import load_settings
    from assistant.web.state import WebState
    from assistant.web.ui_staff import build_staff_ui
    from assistant.web.ui_tabs import TabPlugin

    settings = load_settings(ASSISTANT_DATA_DIR=tmp_path / "var")
    routes = staff_routes(settings)
    assert [(r.path, r.role, r.plugin.label) for r in routes] == [
        ("/studio", "marketer", "Copy studio"), ("/qa", "qa", "QA evaluation")]
    assert [r.plugin.with_feedback for r in routes] == [False, False]  # QA has one feedback section, its own (issue 19)
    seen: list[Callable[[], Any]] = []

    def good(get_runtime: Callable[[], Any]) -> None:
        seen.append(get_runtime)
        gr.Markdown("dummy staff tool")

    def broken(get_runtime: Callable[[], Any]) -> None:
        raise RuntimeError("plug-in bug")

    state = WebState(settings=settings)
    pages = [build_staff_ui(state, TabPlugin("Dummy", good)), build_staff_ui(state, TabPlugin("Broken", broken))]
    assert seen == [state.require_runtime]
    texts = [str(c["props"].get("value")) for page in pages for c in page.config["components"]
             if c.get("type") == "markdown"]
    assert "dummy staff tool" in texts
    assert any("Broken" in t and "failed to load" in t for t in texts)
