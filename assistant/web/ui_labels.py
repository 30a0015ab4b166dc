"""The member page's components and their labels in the page's language (issue 16: the UI in Japanese or
English, switched by the member; issue 17 item 9: a compact page a member can use on a phone).

Why apart from `ui.py`: the handlers there decide what happens; this module only lays the page out and
says, for a language, what every label, button and placeholder reads (from `ui_text`), so a language
switch updates every one of them and none is forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.web.state import WebState
from assistant.web.ui_text import EXAMPLES, LANGUAGE_CHOICES, Lang, t


def engine_badge(state: WebState, lang: Lang = "en") -> str:
    """Which engine answers, in plain words."""
    runtime = state.runtime
    if runtime is None:
        return f'<span class="ma-engine ma-engine-starting">{t(lang, "badge_starting")}</span>'
    if runtime.conversations.is_offline:
        return (f'<span class="ma-engine ma-engine-offline" title="{t(lang, "badge_offline_tip")}">'
                f'{t(lang, "badge_offline")}</span>')
    name = runtime.conversations.model_name.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return f'<span class="ma-engine">{t(lang, "badge_model", name=name)}</span>'


def _title(lang: Lang) -> str:
    return f'<div class="ma-title">{t(lang, "title")}</div>'


def _examples_title(lang: Lang) -> str:
    return f'<div class="ma-examples-title">{t(lang, "examples")}</div>'


@dataclass
class Page:
    """The widget's components (built inside the Blocks), and what each one reads in a language."""

    title: Any
    chip: Any
    badge: Any
    language: Any
    member_choice: Any
    new_button: Any
    chatbot: Any
    confirm_button: Any
    cancel_button: Any
    message_box: Any
    send_button: Any
    comment_row: Any
    comment_box: Any
    comment_button: Any
    examples_title: Any
    examples: list[Any]
    panel_view: Any

    @classmethod
    def build(cls, demo: bool, lang: Lang = "en") -> Page:
        with gr.Row(elem_classes=["ma-header"]):
            title = gr.HTML(_title(lang), padding=False, elem_id="ma-title")
            chip = gr.HTML("", padding=False, elem_id="ma-chip")
            badge = gr.HTML("", elem_id="ma-engine-badge", padding=False)
            language = gr.Radio(LANGUAGE_CHOICES, value=lang, show_label=False, container=False,
                                elem_id="ma-language")
        with gr.Row(equal_height=False, elem_classes=["ma-main"]):
            with gr.Column(scale=3, min_width=300):
                with gr.Row(elem_classes=["ma-signin"]):
                    member_choice = gr.Dropdown(
                        label=t(lang, "signed_in_as"), choices=[], value=None, interactive=True, scale=4,
                        elem_id="ma-member", min_width=200,
                    ) if demo else None
                    new_button = gr.Button(t(lang, "new_conversation"), scale=1, min_width=120, elem_id="ma-new",
                                           variant="secondary", size="sm")
                chatbot = gr.Chatbot(
                    label=t(lang, "chat"), elem_id="ma-chat", height=580, buttons=["copy"],
                    placeholder=t(lang, "chat_placeholder"), feedback_options=("Like", "Dislike"),
                    sanitize_html=True, render_markdown=True,
                )
                # Pressed by the approval's own buttons inside the conversation (the page's script).
                confirm_button = gr.Button("approve", visible="hidden", elem_id="ma-confirm")
                cancel_button = gr.Button("reject", visible="hidden", elem_id="ma-cancel")
                with gr.Row(elem_classes=["ma-compose"]):
                    message_box = gr.Textbox(
                        show_label=False, placeholder=t(lang, "message_placeholder"), scale=5, min_width=180,
                        elem_id="ma-message", lines=1, max_lines=4, submit_btn=False,
                    )
                    send_button = gr.Button(t(lang, "send"), variant="primary", scale=1, min_width=80,
                                            elem_id="ma-send")
                with gr.Row(visible=False, elem_id="ma-comment-row") as comment_row:
                    comment_box = gr.Textbox(show_label=False, scale=5, min_width=180,
                                             placeholder=t(lang, "comment_placeholder"), elem_id="ma-comment")
                    comment_button = gr.Button(t(lang, "send_feedback"), scale=1, min_width=100,
                                               elem_id="ma-comment-send")
                examples_title = gr.HTML(_examples_title(lang), padding=False, elem_id="ma-examples-title")
                with gr.Row(elem_classes=["ma-examples"]):
                    examples = [gr.Button(text, size="sm", variant="secondary", elem_id=f"ma-example-{i}",
                                          elem_classes=["ma-example"])
                                for i, text in enumerate(EXAMPLES[lang])]
            with gr.Column(scale=1, min_width=240, elem_classes=["ma-side"]):
                panel_view = gr.HTML("", elem_id="ma-panel", padding=False)
        return cls(title, chip, badge, language, member_choice, new_button, chatbot, confirm_button,
                   cancel_button, message_box, send_button, comment_row, comment_box, comment_button,
                   examples_title, examples, panel_view)

    @property
    def label_components(self) -> list[Any]:
        """The components `labels` updates, in its order."""
        return [self.title, self.badge, self.language, self.new_button, self.message_box, self.send_button,
                self.comment_box, self.comment_button, self.examples_title, *self.examples]

    @staticmethod
    def labels(lang: Lang, badge: str) -> list[Any]:
        """Every label of the page in `lang` (the updates for `label_components`)."""
        return [
            _title(lang), badge, gr.update(value=lang), t(lang, "new_conversation"),
            gr.update(placeholder=t(lang, "message_placeholder")), t(lang, "send"),
            gr.update(placeholder=t(lang, "comment_placeholder")), t(lang, "send_feedback"),
            _examples_title(lang), *EXAMPLES[lang],
        ]

    @staticmethod
    def signed_out(lang: Lang) -> str:
        return f'<div class="ma-panel"><div class="ma-panel-empty">{t(lang, "panel_signed_out")}</div></div>'
