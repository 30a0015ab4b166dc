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
from assistant.web.limits import MemberBusy, RateLimited
from assistant.web.points import member_points
from assistant.web.state import WebState
from assistant.web.streaming import iterate_in_thread
from assistant.web.threads import NothingPending, ThreadNotFound
from assistant.web.turn_service import Turn, TurnRefused, TurnRequest
from assistant.web.ui_chat import (
    ChatItem,
    TurnView,
    answer_at,
    has_live_approval,
    settle_approvals,
    stream_turn,
    transcript_messages,
)
from assistant.web.ui_identity import EMPTY_SESSION, Session, browser_state_key, language, resolve
from assistant.web.ui_labels import Page, engine_badge
from assistant.web.ui_style import CSS, HEAD
from assistant.web.ui_text import Lang, decision_labels, lang_of, t

log = logging.getLogger("assistant.web")


def build_ui(state: WebState) -> gr.Blocks:
    demo = state.settings.demo_mode

    def member(member_id: str | None) -> DemoMember | None:
        if not member_id:
            return None
        return next((m for m in state.members() if m.id == member_id), None)

    def panels(member_id: str | None, lang: Lang) -> tuple[str, str]:
        """The side panel and the balance chip at the top (for phone width)."""
        from assistant.web.panel import balance_chip, member_panel

        if member_id is None and not demo:
            return Page.signed_out(lang), ""
        services = state.require_runtime().services
        who = member(member_id)
        return member_panel(services, who, lang), balance_chip(services, who, lang)

    def view_for(history: list[ChatItem], member_id: str, lang: Lang) -> TurnView:
        from assistant.web.names import japanese_names

        services = state.require_runtime().services
        return TurnView(history, member_points(services, member_id), lang, japanese_names(services))

    def restore(who: DemoMember | None, session: Session, lang: Lang) -> list[ChatItem]:
        """The conversation on screen rebuilt from the checkpointed thread (with its waiting approval)."""
        if who is None or not session.get("thread_id"):
            return []
        from assistant.web.names import japanese_names

        services = state.require_runtime().services
        try:
            items = state.conversations.transcript(member_id=who.id, thread_id=session["thread_id"])
            pending = state.conversations.pending(member_id=who.id, thread_id=session["thread_id"])
        except ThreadNotFound:
            session["thread_id"] = None
            return []
        return transcript_messages(items, member_points(services, who.id), lang, japanese_names(services), pending)

    # ---- load / language / sign in / new conversation ------------------------------------------------

    def on_load(session: Session | None, request: gr.Request) -> tuple[Any, ...]:
        session = resolve(state, session, request)
        lang = language(session, request)
        who = member(session.get("member_id"))
        if who is None:
            session = {**EMPTY_SESSION, "lang": session.get("lang")}
        history = restore(who, session, lang)
        picker = (gr.update(choices=[(m.label, m.id) for m in state.members()], value=who.id if who else None,
                            label=t(lang, "signed_in_as")),)
        return (*(picker if demo else ()), *page.labels(lang, engine_badge(state, lang)),
                gr.update(value=history, label=t(lang, "chat"), placeholder=t(lang, "chat_placeholder")),
                *panels(who.id if who else None, lang), session)

    def switch_language(choice: str, session: Session | None, request: gr.Request) -> tuple[Any, ...]:
        """The member's language for this session: every label, and the conversation re-rendered in it."""
        session = {**resolve(state, session, request), "lang": lang_of(choice)}
        lang = lang_of(choice)
        who = member(session.get("member_id"))
        history = restore(who, session, lang)
        return (*((gr.update(label=t(lang, "signed_in_as")),) if demo else ()),
                *page.labels(lang, engine_badge(state, lang)),
                gr.update(value=history, label=t(lang, "chat"), placeholder=t(lang, "chat_placeholder")),
                *panels(who.id if who else None, lang), session)

    def pick_member(member_id: str | None, session: Session | None, request: gr.Request) -> tuple[Any, ...]:
        """Demo mode only (the picker exists nowhere else): the picked member is who the page acts for."""
        lang = language(resolve(state, session, request), request)
        chosen = member_id if demo and member(member_id) else None
        session = {"member_id": chosen, "thread_id": None, "lang": (session or {}).get("lang")}
        return [], *panels(chosen, lang), session

    def new_conversation(session: Session | None, request: gr.Request) -> tuple[Any, ...]:
        session = {**resolve(state, session, request), "thread_id": None}
        return [], *panels(session["member_id"], language(session, request)), session

    # ---- a turn -------------------------------------------------------------------------------------------

    def start_turn(ask: TurnRequest, lang: Lang) -> Turn | None:
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
            gr.Warning(exc.text(lang))
        except RateLimited as exc:
            gr.Warning(exc.text(lang))
        except MemberBusy as exc:
            gr.Warning(t(lang, "busy", limit=exc.limit))
        return None

    def run_turn(view: TurnView, session: Session, turn: Turn) -> Iterator[tuple[Any, ...]]:
        member_id = session["member_id"]
        lang = view.lang
        session = {**session, "thread_id": turn.thread_id}
        skip = gr.skip()
        yield view.messages, skip, skip, skip, session
        try:
            events = iterate_in_thread(turn.factory, on_done=turn.release)
            for current in stream_turn(view, events):
                yield current.messages, skip, skip, skip, session
        except ThreadNotFound:
            session = {**session, "thread_id": None}
            gr.Warning(t(lang, "thread_gone"))
        except NothingPending as exc:  # another tab or a double click decided it first: say what happened
            gr.Warning(exc.done or t(lang, "already_decided"))
        except Exception:
            log.exception("chat turn failed")
            view.messages.append(gr.ChatMessage(role="assistant", content=t(lang, "went_wrong")))
        yield view.messages, "", *panels(member_id, lang), session

    def respond(
        message: str, history: list[ChatItem], session: Session | None, request: gr.Request
    ) -> Iterator[tuple[Any, ...]]:
        session = resolve(state, session, request)
        lang = language(session, request)
        text = (message or "").strip()
        skip = gr.skip()
        if not session.get("member_id"):
            gr.Warning(t(lang, "choose_member") if demo else t(lang, "sign_in_first"))
            yield history, message, *panels(None, lang), session
            return
        if not text:
            yield history, message, skip, skip, session
            return
        member_id = session["member_id"]
        turn = start_turn(TurnRequest(member_id=member_id, text=text, thread_id=session.get("thread_id")), lang)
        if turn is None:
            yield history, message, skip, skip, session
            return
        if has_live_approval(history):  # a typed message answers a waiting approval with "no" (turns.py)
            history = settle_approvals(history, t(lang, "declined"))
        view = view_for(history, member_id, lang)
        view.add_user(text)
        yield view.messages, "", skip, skip, {**session, "thread_id": turn.thread_id}
        yield from run_turn(view, session, turn)

    def decide(
        approve: bool, history: list[ChatItem], session: Session | None, request: gr.Request
    ) -> Iterator[tuple[Any, ...]]:
        session = resolve(state, session, request)
        lang = language(session, request)
        skip = gr.skip()
        if not session.get("member_id") or not session.get("thread_id"):
            yield history, skip, skip, skip, session
            return
        try:
            waiting = state.conversations.pending(member_id=session["member_id"], thread_id=session["thread_id"])
        except ThreadNotFound:
            waiting = None
        turn = start_turn(TurnRequest(member_id=session["member_id"], thread_id=session["thread_id"],
                                      decision=approve), lang)
        if turn is None:
            yield history, skip, skip, skip, session
            return
        label = decision_labels(waiting.tool if waiting else "", lang)[0 if approve else 1]
        history = settle_approvals(history, f"{t(lang, 'approved' if approve else 'declined')}: {label}")
        view = view_for(history, session["member_id"], lang)
        view.messages.append(gr.ChatMessage(role="user", content=label))
        yield view.messages, skip, skip, skip, session
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
            gr.Info(t(language(session, request), "comment_saved"))
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
        page = Page.build(demo)
        member_choice = page.member_choice
        chatbot = page.chatbot
        private: dict[str, Any] = {"api_visibility": "private"}
        turn_outputs = [chatbot, page.message_box, page.panel_view, page.chip, session_store]
        label_outputs = [*([member_choice] if member_choice else []), *page.label_components, chatbot,
                         page.panel_view, page.chip, session_store]
        blocks.load(on_load, [session_store], label_outputs, **private)
        page.language.input(switch_language, [page.language, session_store], label_outputs, **private)
        if member_choice is not None:
            member_choice.input(pick_member, [member_choice, session_store],
                                [chatbot, page.panel_view, page.chip, session_store], **private)
        page.new_button.click(new_conversation, [session_store],
                              [chatbot, page.panel_view, page.chip, session_store], **private)
        page.message_box.submit(respond, [page.message_box, chatbot, session_store], turn_outputs, **private)
        page.send_button.click(respond, [page.message_box, chatbot, session_store], turn_outputs, **private)
        for example in page.examples:  # an example is sent as the member's message when clicked
            example.click(respond, [example, chatbot, session_store], turn_outputs, **private)
        page.confirm_button.click(confirm, [chatbot, session_store], turn_outputs, **private)
        page.cancel_button.click(cancel, [chatbot, session_store], turn_outputs, **private)
        chatbot.like(on_like, [chatbot, session_store], [page.comment_row, like_turn], **private)
        for trigger in (page.comment_button.click, page.comment_box.submit):
            trigger(send_comment, [page.comment_box, like_turn, session_store], [page.comment_row, page.comment_box],
                    **private)
        gradio_api(chat, api_name="chat", concurrency_limit=8)
    blocks.queue(default_concurrency_limit=16)
    return blocks


def mount_ui(app: FastAPI, state: WebState) -> None:
    """Build the Blocks and mount them at `/` (after the API and staff routes, which therefore win)."""
    gr.mount_gradio_app(app, build_ui(state), path="/", css=CSS, head=HEAD, footer_links=["api"],
                        run_history=False, ssr_mode=False)
