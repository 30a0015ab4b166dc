"""The staff front ends: one Gradio Blocks per staff tool, each mounted on its own route behind `StaffGate`.

The member widget never contains them. `app.py` names the routes, their roles and the plug-ins (it hands in
the QA plug-in from `eval`, which this package never imports).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

import gradio as gr
from fastapi import FastAPI

from assistant.web.staff import StaffDirectory, StaffGate
from assistant.web.state import WebState
from assistant.web.ui_style import CSS, HEAD
from assistant.web.ui_tabs import TabPlugin, feedback_section, plugin_tab


@dataclass(frozen=True)
class StaffRoute:
    path: str  # e.g. "/studio"
    role: str  # the staff role it needs, e.g. "marketer"
    plugin: TabPlugin


def build_staff_ui(state: WebState, plugin: TabPlugin) -> gr.Blocks:
    blocks = gr.Blocks(title=f"{plugin.label} · Member assistant staff", analytics_enabled=False)
    with blocks:
        with gr.Row(elem_classes=["ma-header"]):
            gr.HTML(f'<div class="ma-title">{html.escape(plugin.label)}</div>', padding=False)
        plugin_tab(plugin, state.require_runtime)
        if plugin.with_feedback:
            feedback_section(lambda: state.feedback.all(200) if state.feedback else [])
    blocks.queue(default_concurrency_limit=4)
    return blocks


def mount_staff(app: FastAPI, state: WebState, routes: Iterable[StaffRoute]) -> None:
    """Mount each staff tool on its route (before the member page at `/`, which would catch everything) and
    put the credential check in front of all of them."""
    routes = tuple(routes)
    for route in routes:
        gr.mount_gradio_app(app, build_staff_ui(state, route.plugin), path=route.path, css=CSS, head=HEAD,
                            footer_links=[], run_history=False, ssr_mode=False)
    app.add_middleware(StaffGate, directory=StaffDirectory.from_settings(state.settings),
                       routes={route.path: route.role for route in routes}, attempts=lambda: state.signin_attempts)
