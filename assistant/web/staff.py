"""Staff credentials for the staff routes: who may open the copy studio (marketer) and the QA tools (qa).

`ASSISTANT_STAFF` lists `name:role` entries (a name may hold several roles); each person signs in with HTTP
Basic, their name and their staff key `sk_<name>_<32 hex>` = HMAC-SHA256(secret, "staff:" + name), which
`assistant keys --staff` prints. Like member keys, nothing is stored and rotating `ASSISTANT_SECRET`
revokes every key. Demo mode, with no `ASSISTANT_STAFF`, has one `staff` person with both roles.

`StaffGate` is a plain ASGI middleware (it must not buffer the Gradio event stream) that answers 401 for a
missing or wrong credential and 403 for a staff member without the route's role, before any Gradio code runs.
Wrong keys are counted per client address and per staff name (`SignInAttempts`, shared through Redis when
set); past the limit the gate answers 429 with `Retry-After` without checking the key, so keys cannot be
guessed at speed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import anyio
from pydantic import SecretStr

from assistant.ratelimit import SignInAttempts
from assistant.settings import Settings

ROLES = ("marketer", "qa")
DEMO_STAFF = "staff:marketer,staff:qa"
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,40}$")

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class StaffConfigError(ValueError):
    """ASSISTANT_STAFF is malformed (the message names the bad entry)."""


@dataclass(frozen=True)
class StaffDirectory:
    """The staff and their roles, with the secret their keys derive from."""

    roles: Mapping[str, frozenset[str]]
    secret: bytes

    @classmethod
    def parse(cls, entries: str, secret: SecretStr | str) -> StaffDirectory:
        roles: dict[str, set[str]] = {}
        for entry in filter(None, (part.strip() for part in entries.split(","))):
            name, _, role = entry.partition(":")
            if not _NAME.match(name) or role not in ROLES:
                raise StaffConfigError(f"ASSISTANT_STAFF entry {entry!r} is not `name:role` with a role in "
                                       f"{', '.join(ROLES)}")
            roles.setdefault(name, set()).add(role)
        raw = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
        return cls({name: frozenset(found) for name, found in roles.items()}, raw.encode("utf-8"))

    @classmethod
    def from_settings(cls, settings: Settings) -> StaffDirectory:
        entries = settings.staff or (DEMO_STAFF if settings.demo_mode else "")
        return cls.parse(entries, settings.secret_key)

    def key_for(self, name: str) -> str:
        digest = hmac.new(self.secret, f"staff:{name}".encode(), hashlib.sha256).hexdigest()[:32]
        return f"sk_{name}_{digest}"

    def authenticate(self, name: str, key: str) -> frozenset[str] | None:
        """The roles of a staff member whose key is right, else None (unknown name or wrong key)."""
        if name not in self.roles or not hmac.compare_digest(self.key_for(name), key):
            return None
        return self.roles[name]

    def lines(self) -> list[str]:
        """`NAME ROLES KEY` lines, as `assistant keys --staff` prints them."""
        return [f"{name} {'+'.join(sorted(roles))} {self.key_for(name)}" for name, roles in sorted(self.roles.items())]


def basic_credentials(headers: Iterable[tuple[bytes, bytes]]) -> tuple[str, str] | None:
    for name, value in headers:
        if name.lower() != b"authorization":
            continue
        scheme, _, encoded = value.decode("latin-1").strip().partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            user, sep, password = base64.b64decode(encoded.strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return (user, password) if sep else None
    return None


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


async def too_many_attempts(send: Send, retry_after_s: int) -> None:
    """429 for a sign-in attempt past the failure limit (the credential is not even checked)."""
    text = f"Too many failed sign-ins. Try again in {retry_after_s} seconds."
    await send({"type": "http.response.start", "status": 429, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"cache-control", b"no-store"),
        (b"retry-after", str(retry_after_s).encode("ascii"))]})
    await send({"type": "http.response.body", "body": text.encode("utf-8")})


class StaffGate:
    """Lets a request under a staff route through only with a staff credential holding that route's role."""

    def __init__(self, app: ASGIApp, directory: StaffDirectory, routes: Mapping[str, str],
                 attempts: Callable[[], SignInAttempts | None] = lambda: None) -> None:
        self.app = app
        self.directory = directory
        self.routes = dict(routes)  # path prefix -> role
        self.attempts = attempts  # looked up per request, so the app's limiter can be swapped (tests)

    def role_for(self, path: str) -> str | None:
        for prefix, role in self.routes.items():
            if path == prefix or path.startswith(prefix + "/"):
                return role
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        role = self.role_for(str(scope.get("path", ""))) if scope["type"] in ("http", "websocket") else None
        if role is None:
            await self.app(scope, receive, send)
            return
        given = basic_credentials(scope.get("headers", []))
        attempts = self.attempts() if given else None
        if given and attempts is not None:
            keys = (f"ip/{client_address(scope)}", f"staff/{given[0]}")
            wait = await anyio.to_thread.run_sync(attempts.retry_after, *keys)
            if wait:
                await too_many_attempts(send, wait)
                return
        roles = self.directory.authenticate(*given) if given else None
        if given and roles is None and attempts is not None:
            await anyio.to_thread.run_sync(attempts.failed, *keys)
        if roles is not None and role in roles:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        status, text = (401, "Staff sign-in required.") if roles is None else (403, f"This needs the {role} role.")
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"cache-control", b"no-store")]
        if status == 401:
            headers.append((b"www-authenticate", b'Basic realm="staff", charset="UTF-8"'))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": text.encode("utf-8")})
