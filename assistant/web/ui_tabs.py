"""The staff tools (copy studio for marketers, QA evaluation): plug-ins the caller passes in, each built into
its own staff route's Blocks (`ui_staff.py`), never into the member widget.

A plug-in is a label and a `build(get_runtime)` callable that builds its components inside the Blocks we
open; `get_runtime()` returns the running `Runtime` once the app has started (call it in handlers, not while
building). `app.py` composes the front ends and hands the QA tab in, so the web layer never imports `eval`
(which drives the assistant from outside). A plug-in that fails to build shows a notice, never takes the
app down.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr

log = logging.getLogger("assistant.web")

TabBuilder = Callable[[Callable[[], Any]], None]


@dataclass(frozen=True)
class TabPlugin:
    label: str
    build: TabBuilder
    with_feedback: bool = False  # show members' thumbs up / down below it (the QA tab reads them)


def _build_copy_studio(get_runtime: Callable[[], Any]) -> None:
    from assistant.copywriter.ui import build_tab

    build_tab(get_runtime=get_runtime)  # the running app's catalogue and search index, once it has started


COPY_STUDIO = TabPlugin(label="Copy studio", build=_build_copy_studio)


def plugin_tab(plugin: TabPlugin, get_runtime: Callable[[], Any]) -> None:
    """Build the plug-in's tab content in the current `gr.Tab`, or a notice if it fails."""
    try:
        plugin.build(get_runtime)
    except Exception:  # a broken plug-in must not take the member chat down with it
        log.exception("tab plug-in %s failed to build", plugin.label)
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
