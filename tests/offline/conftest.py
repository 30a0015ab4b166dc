"""Offline-engine fixtures: the real runtime (database, services, search index, agent, confirmation
middleware, memory) driven by the offline engine, on a trimmed copy of the generated seed data.

The seed is trimmed (about a hundred products, the hotels of a dozen cities, every destination) so that
the search index builds once per session in seconds; each test gets a fresh database, so bookings and
redemptions of one test never leak into another.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assistant.events import PendingAction, ToolResult, TurnEnd, TurnEvent
from assistant.offline.grounding import Evidence, assert_grounded
from assistant.runtime import Runtime, build_runtime
from assistant.settings import REPO_ROOT, load_settings
from tests.fakes.plugin import block_real_providers  # noqa: F401  (until tests/conftest.py registers the plugin)

SEED = REPO_ROOT / "data" / "generated" / "small"
TODAY = date(2026, 11, 23)  # a Monday
MEMBER = "M0001"
CITIES = {"Kyoto", "Osaka", "Hakone", "Kobe", "Naha"}
SUBCATEGORIES = {"Headphones", "Earbuds", "Rice Cookers", "Coffee Makers", "Running Shoes"}


def _trim(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for path in SEED.iterdir():
        if path.name not in {"products.jsonl", "hotels.jsonl"}:
            shutil.copy(path, out / path.name)
    products = [json.loads(line) for line in (SEED / "products.jsonl").read_text(encoding="utf-8").splitlines() if line]
    kept: list[dict[str, Any]] = []
    per_sub: dict[str, int] = {}
    for p in products:
        if p["subcategory"] in SUBCATEGORIES and per_sub.get(p["subcategory"], 0) < 15:
            per_sub[p["subcategory"]] = per_sub.get(p["subcategory"], 0) + 1
            kept.append(p)
    kept += [
        p for p in products if p["brand"] == "Sony" and p not in kept and p["subcategory"] in {"Headphones", "Earbuds"}
    ]
    hotels = [json.loads(line) for line in (SEED / "hotels.jsonl").read_text(encoding="utf-8").splitlines() if line]
    hotels = [h for h in hotels if h["city"] in CITIES]
    (out / "products.jsonl").write_text("".join(json.dumps(p) + "\n" for p in kept), encoding="utf-8")
    (out / "hotels.jsonl").write_text("".join(json.dumps(h) + "\n" for h in hotels), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def offline_seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _trim(tmp_path_factory.mktemp("offline-seed"))


@pytest.fixture(scope="session")
def offline_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shared across the session: the search index and the embedding cache are built once."""
    return tmp_path_factory.mktemp("offline-var")


@dataclass
class Chat:
    """One member's conversation through the real `Conversations` API."""

    runtime: Runtime
    member: str = MEMBER
    thread: str = ""
    answers: list[str] = field(default_factory=list)
    tool_results: list[str] = field(default_factory=list)
    tool_calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    results: list[tuple[str, str]] = field(default_factory=list)  # (tool, content) in order
    pending: PendingAction | None = None
    # What the answers may state: tool results by tool, confirmation summaries, the member's own words.
    evidence: Evidence = field(default_factory=Evidence)

    def __post_init__(self) -> None:
        self.thread = self.runtime.conversations.new_thread(self.member)

    def _consume(self, events: Iterator[TurnEvent]) -> str:
        answer = ""
        self.pending = None
        for event in events:
            if event.kind == "tool_call":
                self.tool_calls.append((event.name, dict(event.args)))
                self.evidence.add_arguments(dict(event.args), event.name)
            elif isinstance(event, ToolResult):
                self.tool_results.append(event.content)
                self.results.append((event.name, event.content))
                self.evidence.add_result(event.content, event.name)
            elif isinstance(event, TurnEnd):
                answer = event.answer
                self.pending = event.pending
                if event.pending is not None:
                    self.evidence.add_confirmation(event.pending.summary, event.pending.details, event.pending.tool)
        self.answers.append(answer)
        return answer

    def say(self, text: str) -> str:
        self.evidence.add_member_words(text)
        return self._consume(self.runtime.conversations.send(member_id=self.member, thread_id=self.thread, text=text))

    def decide(self, approve: bool) -> str:
        return self._consume(
            self.runtime.conversations.decide(member_id=self.member, thread_id=self.thread, approve=approve)
        )

    def called(self, name: str) -> list[dict[str, Any]]:
        return [args for tool, args in self.tool_calls if tool == name]

    def result(self, name: str) -> Any:
        """The parsed result of the last call of `name` (the ids live here and in the cards, not the prose)."""
        from assistant.offline.history import unwrap

        content = next(content for tool, content in reversed(self.results) if tool == name)
        return json.loads(unwrap(content))

    def listed_ids(self, name: str = "search_products", key: str = "products") -> list[str]:
        return [str(item.get("id") or item.get("hotel_id")) for item in self.result(name)[key]]

    def ask_to_book(self, search: str, pick: str) -> PendingAction:
        """Ask for hotels, then to book one of them: the booking that waits for the member's confirmation."""
        self.say(search)
        self.say(pick)
        assert self.pending is not None and self.pending.tool == "book_hotel", f"{pick!r} asked for no booking"
        return self.pending

    def book(self, search: str, pick: str) -> str:
        """`ask_to_book`, then approve it: the answer to the approval."""
        self.ask_to_book(search, pick)
        return self.decide(approve=True)

    def balance(self) -> Any:
        """The member's points balance as the ledger holds it now."""
        return self.runtime.services.ledger.balance(self.member)

    def bookings(self, upcoming_only: bool = True) -> list[Any]:
        """The member's bookings as the database holds them now (upcoming ones only, unless told)."""
        return list(self.runtime.services.bookings.bookings(self.member, upcoming_only=upcoming_only).bookings)


@pytest.fixture
def offline_runtime(tmp_path: Path, offline_seed: Path, offline_data_dir: Path) -> Iterator[Runtime]:
    settings = load_settings(
        ASSISTANT_DATA_DIR=str(offline_data_dir),
        ASSISTANT_SEED_DIR=str(offline_seed),
        DATABASE_URL=f"sqlite:///{tmp_path / 'assistant.db'}",
        ASSISTANT_MODEL="offline",
        ASSISTANT_GROUNDING="strict",  # an answer the engine cannot ground fails the test where it is made
    )
    runtime = build_runtime(settings, today=TODAY)
    yield runtime
    runtime.close()


ChatFactory = Callable[..., Chat]


def grounded(c: Chat) -> None:
    """Every answer of the chat states only figures its tool results hold."""
    for answer in c.answers:
        assert_grounded(answer, c.evidence)


@pytest.fixture
def chat(offline_runtime: Runtime) -> Callable[..., Chat]:
    def start(member: str = MEMBER) -> Chat:
        return Chat(offline_runtime, member)

    return start
