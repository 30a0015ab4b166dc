"""The Gradio Blocks of the member chat (the widget), built once at app creation. Nothing for staff lives
here: the copy studio and the QA tools are separate Blocks on their own routes (`ui_staff.py`).

Handlers look the runtime up in `WebState` when they run (the app's lifespan builds it after the Blocks
exist). Every handler takes the member from the server-side session behind the request's cookie
(`ui_identity.resolve`); the browser state keeps only the thread on screen, and names the member only in
demo mode, where the "Signed in as" picker exists. The model never supplies the member either.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, Literal

import gradio as gr
from fastapi import FastAPI
from gradio.events import api as gradio_api

from assistant.web.auth import DemoMember
from assistant.web.cards import PointsLookup
from assistant.web.limits import MemberBusy, RateLimited
from assistant.web.points import member_points
from assistant.web.state import WebState
from assistant.web.streaming import iterate_in_thread
from assistant.web.threads import NothingPending, ThreadNotFound
from assistant.web.turn_service import Turn, TurnRefused, TurnRequest
from assistant.web.ui_chat import (
    ChatItem,
    TurnView,
    is_step,
    pending_html,
    role_of,
    stream_turn,
    text_of,
    transcript_messages,
)
from assistant.web.ui_identity import EMPTY_SESSION, Session, browser_state_key, resolve
from assistant.web.ui_style import CSS, HEAD

log = logging.getLogger("assistant.web")

EXAMPLES = [
    "Find wireless earbuds for running under 15,000 yen",
    "A quiet ryokan with an onsen in Hakone for 2 nights next Friday",
    "How many points do I have, and do any expire soon?",
    "Which mobile plan suits me if I use about 8 GB a month?",
]

DECISION_BUBBLES = ("Confirm", "Cancel")


def engine_badge(state: WebState) -> str:
    runtime = state.runtime
    if runtime is None:
        return '<span class="ma-engine ma-engine-starting">Starting…</span>'
    if runtime.conversations.is_offline:
        return ('<span class="ma-engine ma-engine-offline" title="Deterministic rules and templates, no language '
                'model">Offline engine (no LLM)</span>')
    name = runtime.conversations.model_name.replace("<", "&lt;")
    return f'<span class="ma-engine">Model: {name}</span>'


def build_ui(state: WebState) -> gr.Blocks:
    demo = state.settings.demo_mode

    def member(member_id: str | None) -> DemoMember | None:
        if not member_id:
            return None
        return next((m for m in state.members() if m.id == member_id), None)

    def panel(member_id: str | None) -> str:
        from assistant.web.panel import member_panel

        if member_id is None and not demo:
            return signin_placeholder()
        return member_panel(state.require_runtime().services, member(member_id))

    def points_for(member_id: str) -> PointsLookup:
        return member_points(state.require_runtime().services, member_id)

    def pending_updates(pending: Any) -> tuple[Any, str]:
        return gr.update(visible=pending is not None), pending_html(pending)

    # ---- load / sign in / new conversation ------------------------------------------------------------

    def on_load(session: Session | None, request: gr.Request) -> tuple[Any, ...]:
        session = resolve(state, session, request)
        who = member(session.get("member_id"))
        history: list[ChatItem] = []
        pending = None
        if who is None:
            session = dict(EMPTY_SESSION)
        elif session.get("thread_id"):
            conversations = state.conversations
            try:
                items = conversations.transcript(member_id=who.id, thread_id=session["thread_id"])
                history = transcript_messages(items, points_for(who.id))
                pending = conversations.pending(member_id=who.id, thread_id=session["thread_id"])
            except ThreadNotFound:
                session["thread_id"] = None
        picker = (gr.update(choices=[(m.label, m.id) for m in state.members()], value=who.id if who else None),)
        return (
            *(picker if demo else ()),
            history,
            panel(who.id if who else None),
            *pending_updates(pending),
            engine_badge(state),
            session,
        )

    def pick_member(member_id: str | None, session: Session | None) -> tuple[Any, ...]:
        """Demo mode only (the picker exists nowhere else): the picked member is who the page acts for."""
        session = {"member_id": member_id if demo and member(member_id) else None, "thread_id": None}
        return [], panel(session["member_id"]), *pending_updates(None), session

    def new_conversation(session: Session | None, request: gr.Request) -> tuple[Any, ...]:
        session = {**resolve(state, session, request), "thread_id": None}
        return [], panel(session["member_id"]), *pending_updates(None), session

    # ---- a turn -------------------------------------------------------------------------------------------

    def start_turn(ask: TurnRequest) -> Turn | None:
        """The turn service's answer for the widget: a started turn, or None with the refusal shown as a notice
        (a conversation that is gone, e.g. after the database was reset, is replaced by a new one)."""
        try:
            try:
                return state.turns.start(ask)
            except TurnRefused as exc:
                if exc.code != "thread_not_found" or ask.decision is not None:
                    raise
                return state.turns.start(replace(ask, thread_id=None))
        except TurnRefused as exc:
            gr.Warning(exc.message)
        except RateLimited as exc:
            gr.Warning(str(exc))
        except MemberBusy as exc:
            gr.Warning(f"You already have {exc.limit} answers in progress; wait for one to finish.")
        return None

    def run_turn(view: TurnView, session: Session, turn: Turn) -> Iterator[tuple[Any, ...]]:
        member_id = session["member_id"]
        session = {**session, "thread_id": turn.thread_id}
        skip = gr.skip()
        yield view.messages, skip, skip, skip, skip, session
        try:
            events = iterate_in_thread(turn.factory, on_done=turn.release)
            for current in stream_turn(view, events):
                yield current.messages, skip, skip, skip, skip, session
        except ThreadNotFound:
            session = {**session, "thread_id": None}
            gr.Warning("That conversation is no longer available; start a new one.")
        except NothingPending:  # another tab or a double click decided it first
            gr.Warning("That action was already decided; nothing is waiting for approval now.")
        except Exception:
            log.exception("chat turn failed")
            view.messages.append(gr.ChatMessage(role="assistant", content="Sorry, something went wrong on our "
                                                "side. Please try again."))
        yield view.messages, "", panel(member_id), *pending_updates(view.pending), session

    def respond(
        message: str, history: list[ChatItem], session: Session | None, request: gr.Request
    ) -> Iterator[tuple[Any, ...]]:
        session = resolve(state, session, request)
        text = (message or "").strip()
        skip = gr.skip()
        if not session.get("member_id"):
            gr.Warning("Choose a member to sign in first." if demo else "Please sign in first.")
            yield history, message, panel(None), skip, skip, session
            return
        if not text:
            yield history, message, skip, skip, skip, session
            return
        member_id = session["member_id"]
        turn = start_turn(TurnRequest(member_id=member_id, text=text, thread_id=session.get("thread_id")))
        if turn is None:
            yield history, message, skip, skip, skip, session
            return
        view = TurnView(history, points_for(member_id))
        view.add_user(text)
        yield view.messages, "", skip, gr.update(visible=False), skip, {**session, "thread_id": turn.thread_id}
        yield from run_turn(view, session, turn)

    def decide(
        approve: bool, history: list[ChatItem], session: Session | None, request: gr.Request
    ) -> Iterator[tuple[Any, ...]]:
        session = resolve(state, session, request)
        skip = gr.skip()
        if not session.get("member_id") or not session.get("thread_id"):
            yield history, skip, skip, gr.update(visible=False), "", session
            return
        turn = start_turn(TurnRequest(member_id=session["member_id"], thread_id=session["thread_id"],
                                      decision=approve))
        if turn is None:
            yield history, skip, skip, gr.update(visible=False), "", session
            return
        view = TurnView(history, points_for(session["member_id"]))
        view.messages.append(gr.ChatMessage(role="user", content=DECISION_BUBBLES[0 if approve else 1]))
        yield view.messages, skip, skip, gr.update(visible=False), "", session
        yield from run_turn(view, session, turn)

    def confirm(history: list[ChatItem], session: Session | None, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        yield from decide(True, history, session, request)

    def cancel(history: list[ChatItem], session: Session | None, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        yield from decide(False, history, session, request)

    # ---- feedback ----------------------------------------------------------------------------------------

    def on_like(
        data: gr.LikeData, history: list[ChatItem], session: Session | None, request: gr.Request
    ) -> tuple[Any, Any]:
        session = resolve(state, session, request)
        if not session.get("member_id") or not session.get("thread_id") or state.feedback is None:
            return gr.update(visible=False), None
        index = data.index if isinstance(data.index, int) else data.index[0]
        turn, excerpt = answer_at(history, index)
        if turn < 1:
            return gr.update(visible=False), None
        rating: Literal["up", "down"] = "up" if data.liked is True or data.liked == "Like" else "down"
        state.feedback.record(member_id=session["member_id"], thread_id=session["thread_id"], turn=turn,
                              rating=rating, answer_excerpt=excerpt,
                              model=state.conversations.model_name, source="ui")
        return gr.update(visible=True), turn

    def send_comment(
        comment: str, turn: int | None, session: Session | None, request: gr.Request
    ) -> tuple[Any, str]:
        session = resolve(state, session, request)
        if turn and comment.strip() and state.feedback is not None and session.get("thread_id"):
            state.feedback.record(member_id=session["member_id"], thread_id=session["thread_id"], turn=turn,
                                  rating=None, comment=comment, source="ui")
            gr.Info("Thanks, your comment was saved.")
        return gr.update(visible=False), ""

    # ---- the gradio_client endpoint ----------------------------------------------------------------------

    def chat(api_key: str, message: str, thread_id: str = "") -> dict[str, Any]:
        """Send one message as the member who owns `api_key`; returns the answer, the thread id and any
        action waiting for approval (reply "approve" or "reject" on the same thread)."""
        member_id = state.keys.member_for(api_key)
        if member_id is None:
            raise gr.Error("Invalid API key (see `assistant keys`).")
        try:
            turn = state.turns.start(TurnRequest(member_id=member_id, text=message or "", thread_id=thread_id or None))
        except TurnRefused as exc:
            raise gr.Error(exc.message) from exc
        except (RateLimited, MemberBusy) as exc:
            raise gr.Error(str(exc)) from exc
        thread_id = turn.thread_id
        view = TurnView([])
        for _ in stream_turn(view, iterate_in_thread(turn.factory, on_done=turn.release)):
            pass
        waiting = view.pending
        return {
            "answer": view.answer,
            "thread_id": thread_id,
            "pending_action": None if waiting is None else {
                "id": waiting.action_id, "tool": waiting.tool, "args": waiting.args, "summary": waiting.summary,
            },
        }

    # ---- layout ------------------------------------------------------------------------------------------

    blocks = gr.Blocks(title="Member assistant", analytics_enabled=False)
    with blocks:
        session_store = gr.BrowserState(EMPTY_SESSION, storage_key="member-assistant-session",
                                        secret=browser_state_key(state.settings.data_dir))
        like_turn = gr.State(None)
        with gr.Row(elem_classes=["ma-header"]):
            gr.HTML('<div class="ma-title">Member assistant</div>', padding=False)
            badge = gr.HTML(engine_badge(state), elem_id="ma-engine-badge", padding=False)
        with gr.Row(equal_height=False, elem_classes=["ma-main"]):
            with gr.Column(scale=3, min_width=340):
                with gr.Row(elem_classes=["ma-signin"]):
                    member_choice = gr.Dropdown(
                        label="Signed in as", choices=[], value=None, interactive=True, scale=4,
                        elem_id="ma-member", min_width=200,
                    ) if demo else None
                    new_button = gr.Button("New conversation", scale=1, min_width=120,
                                           elem_id="ma-new", variant="secondary")
                chatbot = gr.Chatbot(
                    label="Chat", elem_id="ma-chat", height=580, buttons=["copy"],
                    placeholder="Ask about products, hotels, your points or mobile plans.",
                    feedback_options=("Like", "Dislike"), sanitize_html=True, render_markdown=True,
                )
                with gr.Group(visible=False, elem_id="ma-pending-box") as pending_box:
                    pending_view = gr.HTML("", elem_id="ma-pending", padding=False)
                    with gr.Row():
                        confirm_button = gr.Button("Confirm", variant="primary", elem_id="ma-confirm")
                        cancel_button = gr.Button("Cancel", variant="stop", elem_id="ma-cancel")
                with gr.Row(elem_classes=["ma-compose"]):
                    message_box = gr.Textbox(
                        show_label=False, placeholder="Type your message…", scale=5, min_width=180,
                        elem_id="ma-message", lines=1, max_lines=4, submit_btn=False,
                    )
                    send_button = gr.Button("Send", variant="primary", scale=1, min_width=80,
                                            elem_id="ma-send")
                with gr.Row(visible=False, elem_id="ma-comment-row") as comment_row:
                    comment_box = gr.Textbox(show_label=False, scale=5, min_width=180,
                                             placeholder="Tell us more (optional)", elem_id="ma-comment")
                    comment_button = gr.Button("Send feedback", scale=1, min_width=100)
                gr.Examples(examples=[[e] for e in EXAMPLES], inputs=[message_box], label="Try asking")
            with gr.Column(scale=1, min_width=260, elem_classes=["ma-side"]):
                panel_view = gr.HTML(panel_placeholder() if demo else signin_placeholder(), elem_id="ma-panel",
                                     padding=False)

        turn_outputs = [chatbot, message_box, panel_view, pending_box, pending_view, session_store]
        private: dict[str, Any] = {"api_visibility": "private"}
        blocks.load(on_load, [session_store],
                    [*([member_choice] if member_choice else []), chatbot, panel_view, pending_box, pending_view,
                     badge, session_store], **private)
        if member_choice is not None:
            member_choice.input(pick_member, [member_choice, session_store],
                                [chatbot, panel_view, pending_box, pending_view, session_store], **private)
        new_button.click(new_conversation, [session_store],
                         [chatbot, panel_view, pending_box, pending_view, session_store], **private)
        message_box.submit(respond, [message_box, chatbot, session_store], turn_outputs, **private)
        send_button.click(respond, [message_box, chatbot, session_store], turn_outputs, **private)
        confirm_button.click(confirm, [chatbot, session_store], turn_outputs, **private)
        cancel_button.click(cancel, [chatbot, session_store], turn_outputs, **private)
        chatbot.like(on_like, [chatbot, session_store], [comment_row, like_turn], **private)
        comment_button.click(send_comment, [comment_box, like_turn, session_store], [comment_row, comment_box],
                             **private)
        comment_box.submit(send_comment, [comment_box, like_turn, session_store], [comment_row, comment_box],
                           **private)
        gradio_api(chat, api_name="chat", concurrency_limit=8)
    blocks.queue(default_concurrency_limit=16)
    return blocks


def mount_ui(app: FastAPI, state: WebState) -> None:
    """Build the Blocks and mount them at `/` (after the API and staff routes, which therefore win)."""
    gr.mount_gradio_app(app, build_ui(state), path="/", css=CSS, head=HEAD, footer_links=["api"],
                        run_history=False, ssr_mode=False)


def answer_at(history: list[ChatItem], index: int) -> tuple[int, str | None]:
    """The turn number (1-based, counted in member messages) of the message at `index`, and that turn's
    answer text (its last assistant bubble that is neither a tool step nor a card strip)."""
    # Confirm / Cancel bubbles are decisions, not member messages: the checkpointed thread (and so the API's
    # turn numbers) does not count them either.
    turn = sum(1 for message in history[: index + 1]
               if role_of(message) == "user" and text_of(message) not in DECISION_BUBBLES)
    answer = None
    start = max((i for i, m in enumerate(history[: index + 1]) if role_of(m) == "user"), default=-1)
    for message in history[start + 1:]:
        if role_of(message) == "user":
            break
        body = text_of(message)
        if role_of(message) == "assistant" and not is_step(message) and "ma-cards" not in body and body.strip():
            answer = body
    return turn, answer


def panel_placeholder() -> str:
    return '<div class="ma-panel"><div class="ma-panel-empty">Sign in to see your points and bookings.</div></div>'


def signin_placeholder() -> str:
    return ('<div class="ma-panel"><div class="ma-panel-empty">You are not signed in. Open the assistant from '
            'the member site, or <a href="/signin" target="_top">sign in with your member key</a>.</div></div>')
