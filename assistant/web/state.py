"""What every web route and Gradio handler shares: the runtime (built in the app's lifespan), the key ring,
the per-member limiter, the feedback store and the sign-in sessions.

The runtime is typed by the small protocols below rather than by `assistant.runtime.Runtime`, so the web
layer runs against the real runtime and the tests' fakes alike, and so `app.py` can mount the UI before
the lifespan has built the runtime (the handlers look it up when they run).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from assistant.ports import ConversationsPort
from assistant.ratelimit import RateLimiter, SignInAttempts, build_rate_limiter, build_signin_attempts
from assistant.settings import Settings
from assistant.web.auth import DemoMember, KeyRing
from assistant.web.feedback import FeedbackStore
from assistant.web.limits import ConcurrencyLimiter, build_in_flight_limiter, count_request
from assistant.web.sessions import SessionStore

if TYPE_CHECKING:
    from assistant.web.turn_service import TurnService


class RuntimePort(Protocol):
    settings: Settings
    # Read-only members, so that `assistant.runtime.Runtime` (with its concrete types) satisfies the protocol
    # and the tests' fakes do too.
    @property
    def services(self) -> Any: ...

    @property
    def index(self) -> Any: ...

    @property
    def conversations(self) -> ConversationsPort: ...

    def close(self) -> None: ...


class NotReady(RuntimeError):
    """The runtime is still being built (first start builds the search index)."""


@dataclass
class WebState:
    """Two kinds of shared state: what the app's lifespan builds (None until it has: the runtime and the two
    database stores, or `start_error` when it failed), and the limits, built from the settings at once and
    never None (in-process, or shared through Redis when REDIS_URL is set; a test may swap one for its own)."""

    settings: Settings
    # Built by the lifespan.
    runtime: RuntimePort | None = None
    feedback: FeedbackStore | None = None
    sessions: SessionStore | None = None
    start_error: str | None = None
    # Built from the settings. Turns in flight per member (settings.member_concurrency; through Redis, slots
    # expire, so a crashed process cannot keep one).
    limiter: ConcurrencyLimiter = field(init=False)
    # Requests per member per window (settings.rate_limit_*; through Redis, several app processes enforce one
    # limit).
    rate_limiter: RateLimiter = field(init=False)
    # Failed sign-ins per client address and per name (staff routes, /session): settings.signin_*.
    signin_attempts: SignInAttempts = field(init=False)
    _members: list[DemoMember] | None = field(default=None, init=False)  # read once, on first use

    def __post_init__(self) -> None:
        self.limiter = build_in_flight_limiter(self.settings.redis_url, self.settings.member_concurrency)
        self.rate_limiter = build_rate_limiter(
            self.settings.redis_url, self.settings.rate_limit_requests, self.settings.rate_limit_window_s
        )
        self.signin_attempts = build_signin_attempts(
            self.settings.redis_url, self.settings.signin_attempts, self.settings.signin_window_s
        )

    def check_rate(self, member_id: str) -> None:
        """Count one request of the member; RateLimited (429, with when to retry) when over the limit."""
        count_request(self.rate_limiter, member_id)

    @property
    def turns(self) -> TurnService:
        """The one turn-start path (limits, thread ownership, pending actions) every front end calls."""
        from assistant.web.turn_service import TurnService

        return TurnService(lambda: self.conversations, rate=self.rate_limiter, in_flight=self.limiter)

    @property
    def ready(self) -> bool:
        return self.runtime is not None

    def require_runtime(self) -> RuntimePort:
        if self.runtime is None:
            raise NotReady(self.start_error or "The assistant is starting up; try again in a few seconds.")
        return self.runtime

    def require_sessions(self) -> SessionStore:
        if self.sessions is None:
            raise NotReady("The assistant is starting up; try again in a few seconds.")
        return self.sessions

    def member_of(self, session_id: str | None) -> str | None:
        """The member a session cookie proves (server-side lookup), or None when it proves nobody."""
        if not session_id or self.sessions is None:
            return None
        member_id = self.sessions.member_for(session_id)
        return member_id if member_id is not None and self.is_member(member_id) else None

    @property
    def conversations(self) -> ConversationsPort:
        return self.require_runtime().conversations

    def members(self) -> list[DemoMember]:
        """The demo members, read once from the member directory of the domain services."""
        if self._members is None:
            from assistant.web.panel import demo_members

            self._members = demo_members(self.require_runtime().services)
        return self._members

    def is_member(self, member_id: str) -> bool:
        from assistant.web.panel import member_exists

        return member_exists(self.require_runtime().services, member_id)

    @property
    def keys(self) -> KeyRing:
        return KeyRing(self.settings.secret_key, self.is_member)
