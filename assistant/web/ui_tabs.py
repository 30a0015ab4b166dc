"""The marketer and QA tabs: each is a plug-in module that another engineer owns.

A plug-in module exposes `build_tab()` and builds its components inside the `gr.Tab` context we open. If
`build_tab` has a parameter named `get_runtime`, it receives a callable that returns the running `Runtime`
once the app has started (call it in handlers, not while building). Until the module exists the tab says
what is coming. `app.py` names the modules, so the web layer never imports `eval` (which drives the
assistant from outside).
"""

from __future__ import annotations

import importlib
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr

log = logging.getLogger("assistant.web")


@dataclass(frozen=True)
class TabPlugin:
    label: str
    module: str
    coming: str  # markdown shown until the module lands


COPY_STUDIO = TabPlugin(
    label="Copy studio",
    module="assistant.copywriter.ui",
    coming=(
        "### Copy studio (coming soon)\n"
        "Marketers will write landing-page copy for a product or a campaign here, in a chosen brand voice, "
        "with every claim linked to the catalogue fact it rests on. Until then, use `assistant copy --help`."
    ),
)
EVAL = TabPlugin(
    label="QA evaluation",
    module="eval.ui",
    coming=(
        "### QA evaluation (coming soon)\n"
        "QA will run the offline evaluation suite against any model here, read the report and compare two "
        "runs. Members' thumbs up / down from the chat are stored with each conversation turn for it."
    ),
)


def plugin_tab(plugin: TabPlugin, get_runtime: Callable[[], Any]) -> None:
    """Build the plug-in's tab content in the current `gr.Tab`, or its placeholder."""
    try:
        module = importlib.import_module(plugin.module)
    except ModuleNotFoundError as exc:
        if exc.name is None or not plugin.module.startswith(exc.name):
            log.exception("tab plug-in %s failed to import", plugin.module)
        gr.Markdown(plugin.coming, elem_classes=["ma-coming"])
        return
    build_tab = getattr(module, "build_tab", None)
    if not callable(build_tab):
        gr.Markdown(plugin.coming, elem_classes=["ma-coming"])
        return
    try:
        if "get_runtime" in inspect.signature(build_tab).parameters:
            build_tab(get_runtime=get_runtime)
        else:
            build_tab()
    except Exception:  # a broken plug-in must not take the member chat down with it
        log.exception("tab plug-in %s failed to build", plugin.module)
        gr.Markdown(f"### {plugin.label}\nThis tab failed to load; the operator's log has the details.")


FEEDBACK_COLUMNS = ["member", "thread", "turn", "rating", "comment", "answer", "model", "from"]


def feedback_section(records: Callable[[], list[Any]]) -> None:
    """Members' thumbs up / down and comments, newest first (the voice of the customer QA reads)."""
    with gr.Accordion("Member feedback from the chat and the API", open=False):
        table = gr.Dataframe(headers=FEEDBACK_COLUMNS, interactive=False, wrap=True, elem_id="ma-feedback")
        refresh = gr.Button("Refresh", size="sm")

        def rows() -> list[list[Any]]:
            try:
                found = records()
            except Exception:  # storage not ready yet: show nothing rather than an error modal
                return []
            return [[r.member_id, r.thread_id, r.turn, r.rating or "", r.comment or "", (r.answer_excerpt or "")[:120],
                     r.model or "", r.source] for r in found]

        refresh.click(rows, None, table, api_visibility="private")
