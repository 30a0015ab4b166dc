"""The one way a turn starts, for every front end (the chat widget's send and confirm, the Gradio `chat`
endpoint, the OpenAI-compatible API, the terminal chat and the eval runner): identity in, a running turn or a
refusal out.

It used to be written three times (API, UI send, UI confirm), and the UI copies missed the API's limits; the
CLI and the eval called `Conversations` directly, so they measured a path no member uses. Here,
in order: the message's size and encoding (413 / 400), the member's request rate (429, shared through Redis
when `REDIS_URL` is set), the thread (server-issued ids only: an id the member does not own, whether another
member's or one the client made up, is 404 either way, so existence never leaks and ids cannot be squatted),
the action waiting for approval (a decision with nothing waiting is 409), and the member's in-flight slot
(429, also shared through Redis). A refusal is a `TurnRefused` with a status, a stable code and a sentence
the member can read; the API turns it into its error shape and the widget into a notice.

A stateless client (one that sends the whole history in `messages` and no thread id, as most OpenAI chat
front ends do) keeps its context: the member's thread whose member messages match the history's is resumed,
and when none matches (another device, a conversation this server never saw) a new thread is started seeded
with that history, so "tell me more about the second one" still has the list it refers to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.events import PendingAction, TurnEvent
from assistant.ports import ConversationsPort
from assistant.ratelimit import RateLimiter, build_rate_limiter
from assistant.transcript import already_done
from assistant.web.api_models import MAX_MESSAGE_CHARS, decision_from
from assistant.web.limits import ConcurrencyLimiter, MemberBusy, RateLimited, build_in_flight_limiter, count_request
from assistant.web.threads import ThreadNotFound
from assistant.web.turns import TurnFactory, decision_turn, message_turn

if TYPE_CHECKING:
    from assistant.settings import Settings

# How many of the member's most recent threads a stateless client's history is matched against.
MATCH_RECENT_THREADS = 20


class TurnRefused(Exception):
    """A turn that cannot start: HTTP status, stable code, and a sentence for the member (`message_ja` in
    Japanese: a member who writes Japanese reads the refusal in Japanese, issue 16)."""

    def __init__(self, status: int, code: str, message: str, *, param: str | None = None,
                 message_ja: str = "") -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.param = status, code, message, param
        self.message_ja = message_ja or message
        self.lang = "en"  # the language of the refused message (TurnService.start sets it)

    def text(self, lang: str) -> str:
        return self.message_ja if lang == "ja" else self.message


@dataclass(frozen=True)
class TurnRequest:
    """What a front end hands in. `member_id` comes from a credential the server verified (API key, session
    cookie), never from the body; `history` is a stateless client's earlier (role, text) messages."""

    member_id: str
    text: str = ""
    thread_id: str | None = None
    decision: bool | None = None  # the member's approve (True) / reject (False) of the waiting action
    history: Sequence[tuple[str, str]] = ()
    note: str | None = None  # the member's words with a reject decision (the agent answers them)


@dataclass
class Turn:
    """A started turn holding one of the member's in-flight slots until `release` (idempotent) runs."""

    thread_id: str
    pending: PendingAction | None  # what was waiting for approval when the turn started
    factory: TurnFactory
    _release: Callable[[], None]
    _released: bool = field(default=False, init=False)

    def release(self) -> None:
        if not self._released:
            self._released = True
            self._release()

    def events(self) -> Iterator[TurnEvent]:
        """Run the turn in this thread, releasing the slot however it ends."""
        try:
            yield from self.factory()
        finally:
            self.release()


_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")  # kana or kanji: the member writes Japanese


def _clean(text: str) -> str:
    if len(text) > MAX_MESSAGE_CHARS:
        raise TurnRefused(413, "message_too_long",
                          f"That message is {len(text):,} characters; the limit is {MAX_MESSAGE_CHARS:,}.",
                          param="messages",
                          message_ja=f"メッセージが{len(text):,}文字あります。{MAX_MESSAGE_CHARS:,}文字以内でお送りください。")
    if "\x00" in text:
        raise TurnRefused(400, "invalid_text", "The message contains a NUL character.", param="messages",
                          message_ja="メッセージに使えない文字（NUL）が含まれています。")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, which no database can store
        raise TurnRefused(400, "invalid_text", "The message is not valid Unicode text.", param="messages",
                          message_ja="メッセージに読み取れない文字が含まれています。") from exc
    return text.strip()


def _member_texts(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """The member's own messages, decisions ("approve", "no") left out: a thread records those as resumes."""
    return [text.strip() for role, text in pairs if role == "user" and text.strip() and decision_from(text) is None]


def _said(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The history a new thread is seeded with: member and assistant text, decisions left out (as matched)."""
    return [(role, text) for role, text in pairs
            if role == "assistant" or (role == "user" and decision_from(text) is None)]


class TurnService:
    """The checks, in order, over the conversations and the two per-member limiters it is given.

    `conversations` is looked up per turn (the web app builds its runtime after the port listens, so an early
    turn is refused as not ready only once its size and rate have been checked)."""

    def __init__(self, conversations: Callable[[], ConversationsPort], *, rate: RateLimiter,
                 in_flight: ConcurrencyLimiter) -> None:
        self._conversations = conversations
        self.rate, self.in_flight = rate, in_flight

    @classmethod
    def from_settings(cls, conversations: ConversationsPort, settings: Settings) -> TurnService:
        """The service a front end without a web state uses (CLI, eval): the limits from settings, shared
        through Redis when `REDIS_URL` is set, exactly as the web app builds them."""
        return cls(lambda: conversations,
                   rate=build_rate_limiter(settings.redis_url, settings.rate_limit_requests,
                                           settings.rate_limit_window_s),
                   in_flight=build_in_flight_limiter(settings.redis_url, settings.member_concurrency))

    @property
    def conversations(self) -> ConversationsPort:
        return self._conversations()

    def start(self, request: TurnRequest) -> Turn:
        """Check and open a turn; raises TurnRefused, RateLimited or MemberBusy (nothing ran then), each
        with `lang` "ja" when the member wrote Japanese, so the API's error message is in their language."""
        try:
            return self._start(request)
        except (TurnRefused, RateLimited, MemberBusy) as exc:
            exc.lang = "ja" if _JAPANESE.search(request.text or "") else "en"
            raise

    def _start(self, request: TurnRequest) -> Turn:
        member_id = request.member_id
        text = _clean(request.text or "")
        if not text and request.decision is None:
            raise TurnRefused(400, "empty_message", "The message is empty.", param="messages",
                              message_ja="メッセージが空です。")
        count_request(self.rate, member_id)
        conversations = self.conversations
        thread_id = self._thread(conversations, request)
        pending = conversations.pending(member_id=member_id, thread_id=thread_id)
        if request.decision is not None:
            if pending is None:
                items = conversations.transcript(member_id=member_id, thread_id=thread_id)
                done, done_ja = already_done(items, "en"), already_done(items, "ja")
                raise TurnRefused(409, "already_done" if done else "nothing_pending",
                                  done or "Nothing on this thread is waiting for approval.",
                                  message_ja=done_ja or "この会話で承認を待っている操作はありません。")
            factory = decision_turn(conversations, member_id, thread_id, request.decision,
                                    _clean(request.note or "") or None)
        else:
            factory = message_turn(conversations, member_id, thread_id, text, pending)
        limiter = self.in_flight
        if not limiter.try_acquire(member_id):
            raise MemberBusy(limiter.limit)
        return Turn(thread_id, pending, factory, lambda: limiter.release(member_id))

    def thread(self, member_id: str, thread_id: str | None) -> str:
        """The member's thread to continue (404 TurnRefused when it is not theirs), or a new one."""
        return self._thread(self.conversations, TurnRequest(member_id=member_id, thread_id=thread_id))

    def _thread(self, conversations: ConversationsPort, request: TurnRequest) -> str:
        member_id = request.member_id
        if request.thread_id:
            try:
                conversations.pending(member_id=member_id, thread_id=request.thread_id)  # owned and existing
            except ThreadNotFound as exc:
                raise TurnRefused(404, "thread_not_found", "No such thread for this member; omit the thread id to "
                                  "start a new one.", param="thread_id",
                                  message_ja="この会話は見つかりません。新しい会話を始めてください。") from exc
            return request.thread_id
        earlier = _member_texts(request.history)
        if earlier:
            matched = self.matching_thread(conversations, member_id, earlier)
            if matched is not None:
                return matched
        thread_id = conversations.new_thread(member_id)
        if earlier:
            conversations.seed(member_id=member_id, thread_id=thread_id, history=_said(request.history))
        return thread_id

    @staticmethod
    def matching_thread(conversations: ConversationsPort, member_id: str, earlier: list[str]) -> str | None:
        """The member's most recent thread whose member messages are exactly `earlier`, in order."""
        for info in conversations.threads(member_id)[:MATCH_RECENT_THREADS]:
            thread_id = _thread_id(info)
            try:
                items = conversations.transcript(member_id=member_id, thread_id=thread_id)
            except ThreadNotFound:
                continue
            said = _member_texts([(str(item.role), str(item.text)) for item in items])
            if said == earlier:
                return thread_id
        return None


def _thread_id(info: Any) -> str:
    return str(getattr(info, "id", info))
