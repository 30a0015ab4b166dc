"""Who the member behind a Gradio event is.

The member is the one the server-side session behind the request's cookie proves (see `signin.py`); a
value the browser sends (the `gr.BrowserState` session, an event's inputs) never names the member, except
in demo mode, where the member picker is the sign-in on purpose. The browser state keeps only the thread
the page shows; the conversation service checks that the thread is the member's.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.web.sessions import COOKIE_NAME
from assistant.web.state import WebState
from assistant.web.ui_text import LANGUAGES, Lang, language_from_header

Session = dict[str, Any]
EMPTY_SESSION: Session = {"member_id": None, "thread_id": None, "lang": None}


def session_cookie(request: gr.Request | None) -> str | None:
    """The session cookie of the request that started the event (the queue keeps it for streamed events)."""
    if request is None:
        return None
    try:
        cookies = dict(request.cookies)
    except (AttributeError, TypeError):
        return None
    value = cookies.get(COOKIE_NAME)
    return value if isinstance(value, str) else None


def resolve(state: WebState, session: Session | None, request: gr.Request | None) -> Session:
    """The browser session with `member_id` replaced by the verified member (None if nobody is signed in).

    A thread left over from another member is dropped, so nothing is read or recorded against it."""
    given = dict(session or EMPTY_SESSION)
    member_id = state.member_of(session_cookie(request))
    if member_id is None and state.settings.demo_mode:
        chosen = given.get("member_id")
        member_id = chosen if isinstance(chosen, str) and state.is_member(chosen) else None
    thread_id = given.get("thread_id") if member_id is not None and given.get("member_id") == member_id else None
    lang = given.get("lang") if given.get("lang") in LANGUAGES else None
    return {"member_id": member_id, "thread_id": thread_id if isinstance(thread_id, str) else None, "lang": lang}


def language(session: Session, request: gr.Request | None) -> Lang:
    """The page's language: the member's choice for this session, else the browser's (`Accept-Language`)."""
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return "ja" if chosen == "ja" else "en"
    headers = getattr(request, "headers", None) if request is not None else None
    try:
        accept = headers.get("accept-language") if headers is not None else None
    except (AttributeError, TypeError):
        accept = None
    return language_from_header(accept if isinstance(accept, str) else None)


def browser_state_key(data_dir: Path) -> str:
    """The key Gradio encrypts the browser state with: random, kept in the data folder so a restart can still
    read what the browser saved, and unrelated to ASSISTANT_SECRET (Gradio sends it to every browser)."""
    path = data_dir / "browser-state.key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(16)
        path.write_text(key, encoding="utf-8")
        return key
