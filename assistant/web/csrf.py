"""Cross-site request forgery: a browser on another site must not be able to sign a member in (login CSRF:
the victim then chats, books and redeems inside the attacker's account) or post as a signed-in member.

The session cookie is `SameSite=Lax`, which already keeps it off cross-site POSTs in current browsers; this
guard does not rely on that. Every unsafe request (POST, PUT, PATCH, DELETE) that signs in or out
(`/session`, `/session/end`) or carries the session cookie (the member widget's Gradio calls) must come from
this site: the browser's `Sec-Fetch-Site` says `same-origin` (or `none`, typed by the user), or its `Origin`
(else its `Referer`) names this host or a trusted origin (`ASSISTANT_TRUSTED_ORIGINS`, the host site that
posts member tokens). Browsers send `Origin` on every POST, so a request with none of these headers is a
non-browser client (curl, an SDK), which no other site can drive and which is let through. A refused
request gets a plain 403 before any handler runs. A top-level cross-site `GET /session?token=` (a link on
another site carrying the attacker's own token) is refused the same way, unless that site is trusted.

A plain ASGI middleware, so it never buffers the Gradio event stream.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from assistant.web.sessions import COOKIE_NAME
from assistant.web.staff import ASGIApp, Receive, Scope, Send

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SIGN_IN_PATHS = frozenset({"/session", "/session/end"})


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def parse_origins(entries: str | Iterable[str]) -> frozenset[str]:
    items = entries.split(",") if isinstance(entries, str) else entries
    return frozenset(found for found in (_origin_of(item) for item in items if item.strip()) if found)


class SameSiteGuard:
    """Refuses sign-in and cookie-authenticated requests that a browser sent on another site's behalf."""

    def __init__(self, app: ASGIApp, trusted_origins: Iterable[str] = ()) -> None:
        self.app = app
        self.trusted = parse_origins(trusted_origins)

    def _headers(self, scope: Scope) -> dict[str, str]:
        found: dict[str, str] = {}
        for name, value in scope.get("headers", []):
            found.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
        return found

    def _guarded(self, scope: Scope, headers: dict[str, str]) -> bool:
        method = str(scope.get("method", "GET")).upper()
        path = str(scope.get("path", ""))
        if method in UNSAFE_METHODS:
            return path in SIGN_IN_PATHS or f"{COOKIE_NAME}=" in headers.get("cookie", "")
        return path == "/session"  # the token link: GET /session?token=...

    def allowed(self, scope: Scope, headers: dict[str, str]) -> bool:
        host = headers.get("host", "").lower()
        claimed = headers.get("origin")  # "null" (a sandboxed frame, a data: page) names no site: refused
        if claimed is None:
            referer = headers.get("referer")
            claimed = None if referer is None else (_origin_of(referer) or "null")
        if claimed is not None:
            origin = _origin_of(claimed)
            return origin is not None and (urlsplit(origin).netloc == host or origin in self.trusted)
        fetch_site = headers.get("sec-fetch-site")
        if fetch_site is not None:
            # "same-site" is a sibling subdomain: trusted only by origin (above), never by the header alone.
            return fetch_site in ("same-origin", "none")
        return True  # no browser headers at all: not a browser, so not a forgery another site can drive

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = self._headers(scope)
        if not self._guarded(scope, headers) or self.allowed(scope, headers):
            await self.app(scope, receive, send)
            return
        body = b"Refused: this request came from another site (cross-site request forgery protection)."
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"cache-control", b"no-store")]})
        await send({"type": "http.response.body", "body": body})
