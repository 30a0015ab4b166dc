"""Member sign-in for the chat widget: a credential in, an HttpOnly server-side session cookie out.

Two credentials are accepted, both verified here on the server: the host site's signed, expiring member
token (`GET /session?token=...` as the widget's iframe address, or `POST /session` with `token`), and the
member's own API key (`POST /session` with `member_key`, the form at `/signin`). Anything else gets a 401
page and no cookie; failed attempts are counted per client address, and past the limit (`SignInAttempts`)
the form answers 429 without checking the credential. Cross-site sign-ins (login CSRF) are refused by
`csrf.SameSiteGuard` before they get here. The Gradio handlers then read the member from the session (see
`WebState.member_of`), never from a value the browser sends.
"""

from __future__ import annotations

import html

import anyio
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant.web.member_tokens import member_from_token
from assistant.web.sessions import COOKIE_NAME
from assistant.web.state import WebState

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}}
input{{width:100%;padding:.5rem;margin:.5rem 0}}button{{padding:.5rem 1rem}}</style></head>
<body><h1>{title}</h1>{body}</body></html>"""

_FORM = """<p>{message}</p>
<form method="post" action="/session"><label for="member_key">Member key</label>
<input id="member_key" name="member_key" type="password" autocomplete="off" required>
<button type="submit">Sign in</button></form>
<p>Members of the host site are signed in by it and never see this page.</p>"""


def _page(title: str, message: str, status: int) -> HTMLResponse:
    body = _FORM.format(message=html.escape(message))
    return HTMLResponse(_PAGE.format(title=html.escape(title), body=body), status_code=status,
                        headers={"Cache-Control": "no-store"})


def refused() -> HTMLResponse:
    return _page("Sign-in refused", "That sign-in link or key is not valid (it may have expired). "
                 "Sign in again from the site you came from, or with your member key.", 401)


def build_signin_router(state: WebState) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def address(request: Request) -> str:
        return f"ip/{request.client.host if request.client else 'unknown'}"

    async def blocked(request: Request) -> Response | None:
        attempts = state.signin_attempts
        wait = await anyio.to_thread.run_sync(attempts.retry_after, address(request)) if attempts else 0
        if not wait:
            return None
        page = _page("Too many attempts", f"Too many failed sign-ins. Try again in {wait} seconds.", 429)
        page.headers["Retry-After"] = str(wait)
        return page

    async def start_session(request: Request, member_id: str | None) -> Response:
        if member_id is None or not await anyio.to_thread.run_sync(state.is_member, member_id):
            if state.signin_attempts is not None:
                await anyio.to_thread.run_sync(state.signin_attempts.failed, address(request))
            return refused()
        sessions = state.require_sessions()
        session_id = await anyio.to_thread.run_sync(sessions.open, member_id)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE_NAME, session_id, max_age=sessions.ttl_s, httponly=True, samesite="lax",
                            secure=request.url.scheme == "https", path="/")
        response.headers["Cache-Control"] = "no-store"
        return response

    @router.get("/signin")
    async def signin_form() -> HTMLResponse:
        return _page("Sign in", "Sign in to chat with the member assistant.", 200)

    @router.get("/session")
    async def session_from_link(request: Request, token: str | None = None) -> Response:
        if (wait := await blocked(request)) is not None:
            return wait
        return await start_session(request, member_from_token(state.settings.member_token_key, token))

    @router.post("/session")
    async def session_from_form(
        request: Request, token: str | None = Form(None), member_key: str | None = Form(None)
    ) -> Response:
        if (wait := await blocked(request)) is not None:
            return wait
        if token:
            member_id = member_from_token(state.settings.member_token_key, token)
        else:
            member_id = await anyio.to_thread.run_sync(state.keys.member_for, member_key)
        return await start_session(request, member_id)

    @router.post("/session/end")
    async def end_session(request: Request) -> Response:
        await anyio.to_thread.run_sync(state.require_sessions().end, request.cookies.get(COOKIE_NAME))
        response = RedirectResponse("/signin", status_code=303)
        response.delete_cookie(COOKIE_NAME, path="/")
        return response

    return router
