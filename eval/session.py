"""How the runner gets a fresh assistant per trial, and reads the member's side of the database.

Why a template folder: seeding the database and building the search index are the slow part, so the
runner does them once (`prepare`) and then copies the folder for every scenario and trial, so each trial
starts from the same bytes and no trial can see another's bookings. The eval only talks to the assistant
through `assistant.runtime.build_runtime` and the turn service, as any front end does; the state probe reads
the database through the service's mapped tables, because the end state is what τ-bench-style grading is
about.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal, Protocol

import sqlalchemy as sa
from sqlalchemy.orm import Session

from assistant.ports import ConversationsPort
from assistant.web.turn_service import TurnService
from eval.records import BookingState, MemberState
from eval.scenario import CatalogueEdit
from tools.tables import (
    BookingRow,
    HotelRow,
    LedgerEntryRow,
    Meta,
    MobilePlanRow,
    ProductRow,
    RoomNightRow,
    ShopRow,
    TicketRow,
)

Parallelism = Literal["process", "thread", "none"]


class EvalSession(Protocol):
    """One trial's assistant: every turn starts through `turns`, the turn service the web app and the CLI
    use (limits, thread ownership, the waiting action), so the eval measures the path members take."""

    conversations: ConversationsPort
    turns: TurnService

    def snapshot(self, member_id: str) -> MemberState: ...

    def close(self) -> None: ...


class SessionFactory(Protocol):
    """Builds the template once, then opens an isolated session per trial."""

    model_name: str
    parallelism: Parallelism

    def prepare(self, template_dir: Path, today: date) -> dict[str, Any]:
        """Seed the database (dates relative to `today`) and build the index in `template_dir`; return run
        metadata (seed, data version)."""
        ...

    def known_names(self) -> list[str]: ...

    def open(self, template_dir: Path, trial_dir: Path, setup: Sequence[CatalogueEdit] = ()) -> EvalSession: ...


# --- reading the database ------------------------------------------------------------------------------

# Rows whose contents are domain writes; `nothing_written` compares a hash of them (expiry entries excluded:
# the ledger may expire points lazily on a read, which is bookkeeping, not a side effect of the chat). Read
# through the service's own mapped tables (`tools.tables`), so the probe cannot drift from the schema.
# Each: the columns hashed, in the order of their leading `key` columns (the primary key).
_FINGERPRINT: tuple[tuple[tuple[Any, ...], int], ...] = (
    ((BookingRow.id, BookingRow.member_id, BookingRow.room_type_id, BookingRow.check_in, BookingRow.check_out,
      BookingRow.status, BookingRow.points_used, BookingRow.total_jpy), 1),
    ((LedgerEntryRow.id, LedgerEntryRow.member_id, LedgerEntryRow.kind, LedgerEntryRow.points,
      LedgerEntryRow.ref), 1),
    ((RoomNightRow.room_type_id, RoomNightRow.night, RoomNightRow.available), 2),
    ((TicketRow.id, TicketRow.member_id, TicketRow.category), 1),
)


class StateProbe:
    """Reads one member's bookings, balance, redemptions and tickets, and fingerprints all domain writes."""

    def __init__(self, database_url: str) -> None:
        self.engine = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
        self._tables = set(sa.inspect(self.engine).get_table_names())

    def _has(self, *columns: Any) -> bool:
        return all(column.class_.__tablename__ in self._tables for column in columns)

    def snapshot(self, member_id: str) -> MemberState:
        state = MemberState()
        digest = hashlib.sha256()
        with Session(self.engine) as session:
            if self._has(BookingRow.id):
                for booking in session.scalars(sa.select(BookingRow).where(BookingRow.member_id == member_id)):
                    state.bookings[booking.id] = BookingState(
                        status=booking.status, hotel_id=booking.hotel_id, room_type_id=booking.room_type_id,
                        check_in=str(booking.check_in)[:10], check_out=str(booking.check_out)[:10],
                        adults=booking.adults, children=booking.children, points_used=booking.points_used,
                        total_jpy=booking.total_jpy,
                    )  # fmt: skip
            if self._has(LedgerEntryRow.id):
                entry = LedgerEntryRow
                totals = session.execute(
                    sa.select(sa.func.coalesce(sa.func.sum(entry.points), 0),
                              sa.func.count().filter(entry.kind == "redeem"),
                              sa.func.count().filter(entry.kind == "reverse")).where(entry.member_id == member_id)
                ).one()
                state.balance, state.redemptions, state.reversals = (int(value or 0) for value in totals)
            if self._has(TicketRow.id):
                state.tickets = int(session.scalar(
                    sa.select(sa.func.count()).select_from(TicketRow).where(TicketRow.member_id == member_id)) or 0)
            for columns, key in _FINGERPRINT:
                if self._has(*columns):
                    query = sa.select(*columns).order_by(*columns[:key])
                    if columns[0] is LedgerEntryRow.id:
                        query = query.where(LedgerEntryRow.kind != "expire")
                    for row in session.execute(query):
                        digest.update(json.dumps([str(v) for v in row]).encode())
        state.fingerprint = digest.hexdigest()[:16]
        return state

    def known_names(self) -> list[str]:
        """Catalogue names an answer could cite: hotels, room types, products, shops, plans, destinations."""
        names: list[str] = []
        with Session(self.engine) as session:
            for column in (HotelRow.name, ProductRow.title, ShopRow.name):
                if self._has(column):
                    names.extend(str(name) for name in session.scalars(sa.select(column)))
            if self._has(MobilePlanRow.id):
                for data in session.scalars(sa.select(MobilePlanRow.data)):
                    if isinstance(data, dict) and data.get("name"):
                        names.append(str(data["name"]))
        return sorted(set(names))

    def meta(self) -> dict[str, str]:
        if not self._has(Meta.key):
            return {}
        with Session(self.engine) as session:
            return {row.key: row.value for row in session.scalars(sa.select(Meta))}

    def close(self) -> None:
        self.engine.dispose()


def apply_catalogue_edits(database_url: str, edits: Sequence[CatalogueEdit]) -> None:
    """Plant scenario text in the catalogue rows (the JSON record and the description the tools read)."""
    engine = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
    try:
        with Session(engine) as session, session.begin():
            for edit in edits:
                key = edit.product or edit.hotel
                row: ProductRow | HotelRow | None = (
                    session.get(ProductRow, key) if edit.product else session.get(HotelRow, key))
                if row is None:
                    kind = "product" if edit.product else "hotel"
                    raise ValueError(f"scenario setup: no {kind} {key} in the seed data")
                data = dict(row.data)
                if edit.append_description:
                    data["description"] = f"{data.get('description', '')} {edit.append_description}".strip()
                if edit.append_review:
                    review = {"rating": 5, "title": "Must read", "text": edit.append_review, "days_ago": 1}
                    data["reviews"] = [review, *data.get("reviews", [])]
                row.data = data  # a new dict, so the JSON column is written
    finally:
        engine.dispose()


# --- the real assistant --------------------------------------------------------------------------------


class RuntimeSession:
    """One trial's assistant: `build_runtime` over a private copy of the template database."""

    def __init__(self, runtime: Any, probe: StateProbe) -> None:
        self.runtime = runtime
        self.conversations: ConversationsPort = runtime.conversations
        self.turns = TurnService.from_settings(self.conversations, runtime.settings)
        self.probe = probe

    def snapshot(self, member_id: str) -> MemberState:
        return self.probe.snapshot(member_id)

    def close(self) -> None:
        self.probe.close()
        self.runtime.close()


# The retrieval modules that decide what an index holds and how it is stored; query-side code may change
# without a rebuild.
_INDEX_SOURCES = ("documents.py", "edge_index.py", "embeddings.py", "sparse.py", "sparse_ja.py", "use_embedder.py",
                  "catalogue.py", "ingest.py")


def _source_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.glob("*.py") if p.name in _INDEX_SOURCES):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


class RuntimeFactory:
    """Sessions on the real runtime, for the offline engine or any litellm model name.

    What is shared and what is not: the search index is read-only during a chat, so it is built once per
    seed data set (cached under `cache_root`, keyed by the seed manifest and the retrieval code) and loaded
    once per worker; the chat model is built once per worker; the database (and conversation memory) is a
    fresh copy of the seeded template for every trial, because that is what the end state is graded on.
    Picklable before first use, so process workers can rebuild their own; a model object injected by a test
    (`model=`) keeps the run in one process.
    """

    def __init__(
        self,
        model_name: str,
        *,
        model: Any = None,
        settings_env: dict[str, str] | None = None,
        cache_root: Path | None = None,
        with_index: bool = True,
    ) -> None:
        from assistant.settings import REPO_ROOT

        self.model_name = model_name
        self.model = model
        self.with_index = with_index  # False: tools search with database filters (fast tests, no index build)
        self.settings_env = dict(settings_env or {})
        self.cache_root = cache_root or REPO_ROOT / "var" / "eval-cache"
        self._names: list[str] = []
        self.today: date | None = None
        self.index_dir: Path | None = None
        self.scratch_dir: Path | None = None
        self._shared: dict[str, Any] = {}
        self._lock = threading.Lock()
        if model is not None:
            self.parallelism: Parallelism = "none"
        elif model_name == "offline":
            self.parallelism = "process"
        else:
            self.parallelism = "thread"

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_shared"], state["_lock"] = {}, None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _settings(self, data_dir: Path) -> Any:
        from assistant.settings import load_settings

        # Each trial owns an SQLite file in its folder and the embedded index, whatever the environment says.
        # The offline engine grounds strictly here: an answer it cannot ground is a failure to report
        # (`ungrounded answer`), not something to paper over with its production fallback.
        return load_settings(
            **{
                "ASSISTANT_GROUNDING": "strict",
                **self.settings_env,
                "ASSISTANT_DATA_DIR": str(data_dir),
                "DATABASE_URL": None,
                "ASSISTANT_INDEX": "edge",
                "QDRANT_URL": None,
                "REDIS_URL": None,
                "ASSISTANT_MODEL": self.model_name,
            }
        )

    def _index_cache(self, seed_dir: Path) -> Path:
        import retrieval

        manifest = seed_dir / "manifest.json"
        key = hashlib.sha256(manifest.read_bytes() if manifest.exists() else str(seed_dir).encode()).hexdigest()[:10]
        return self.cache_root / f"index-{key}-{_source_digest(Path(retrieval.__file__).parent)}"

    def prepare(self, template_dir: Path, today: date) -> dict[str, Any]:
        import retrieval
        from tools.services import build_services

        self.today = today
        self.scratch_dir = template_dir.parent
        template_dir.mkdir(parents=True, exist_ok=True)
        settings = self._settings(template_dir)
        cache = self._index_cache(settings.seed_dir)
        self.index_dir = cache / "index"
        if self.with_index and not (cache / "built").exists():
            index = retrieval.build_or_load_index(
                "edge", index_dir=self.index_dir, data_dir=cache, seed_dir=settings.seed_dir
            )
            index.close()
            (cache / "built").write_text(today.isoformat(), encoding="utf-8")
            for stale in self.cache_root.glob("index-*"):  # built for other seed data or retrieval code
                if stale != cache:
                    shutil.rmtree(stale, ignore_errors=True)
        services = build_services(settings.resolved_database_url, settings.seed_dir, today=today)
        services.close()
        probe = StateProbe(settings.resolved_database_url)
        try:
            self._names = probe.known_names()
            meta = probe.meta()
        finally:
            probe.close()
        manifest = settings.seed_dir / "manifest.json"
        data_version = hashlib.sha256(manifest.read_bytes()).hexdigest()[:12] if manifest.exists() else "unknown"
        return {
            "seed": meta.get("dataset_seed"),
            "data_version": f"{meta.get('dataset_size', '?')}@{data_version}",
            "seed_dir": str(settings.seed_dir),
            "seeded_on": meta.get("seeded_on"),
        }

    def known_names(self) -> list[str]:
        return self._names

    def _worker_folder(self) -> Path:
        """The worker's private copy of the built index and embedding model, made on first use."""
        with self._lock:
            if "folder" not in self._shared:
                import os

                assert self.index_dir is not None and self.scratch_dir is not None, "prepare() must run first"
                # Two processes never open the same on-disk shard: each worker gets its own copy.
                folder = self.scratch_dir / f"worker-{os.getpid()}"
                if not folder.exists():
                    shutil.copytree(self.index_dir.parent, folder, ignore=shutil.ignore_patterns("built"))
                self._shared["folder"] = folder
            return Path(self._shared["folder"])

    def _chat_model(self, settings: Any) -> Any:
        """One chat model per worker (the offline engine loads its classifier once)."""
        with self._lock:
            if "model" not in self._shared:
                if self.model is not None:
                    self._shared["model"] = self.model
                else:
                    from assistant.models import build_chat_model

                    self._shared["model"] = build_chat_model(settings)
            return self._shared["model"]

    def _search_parts(self) -> tuple[Any, Any]:
        """The worker's index and query embedder, opened once: loading them takes seconds, a trial needs
        them read-only, so every trial of the worker shares them."""
        folder = self._worker_folder()
        with self._lock:
            if "index" not in self._shared:
                import retrieval
                from retrieval.embeddings import open_embedder

                self._shared["index"] = retrieval.build_or_load_index(
                    "edge", index_dir=folder / "index", data_dir=folder, seed_dir=folder
                )
                self._shared["embedder"] = open_embedder(folder)
            return self._shared["index"], self._shared["embedder"]

    def open(self, template_dir: Path, trial_dir: Path, setup: Sequence[CatalogueEdit] = ()) -> EvalSession:
        from assistant.runtime import build_runtime

        if trial_dir.exists():
            shutil.rmtree(trial_dir)
        trial_dir.mkdir(parents=True)
        for path in template_dir.glob("assistant.db*"):
            shutil.copy2(path, trial_dir / path.name)
        settings = self._settings(trial_dir)
        if setup:
            apply_catalogue_edits(settings.resolved_database_url, setup)
        if not self.with_index:
            runtime = build_runtime(settings, model=self._chat_model(settings), today=self.today, with_index=False)
            return RuntimeSession(runtime, StateProbe(settings.resolved_database_url))
        index, embedder = self._search_parts()
        # The shared chat model lives as long as the worker, so it reads its files from the worker's folder.
        model = self._chat_model(self._settings(self._worker_folder()))
        # The worker's shared index and embedder stand in for build_runtime's own index step.
        runtime = build_runtime(
            settings, model=model, today=self.today, with_index=False, shared_search=(index, embedder)
        )
        return RuntimeSession(runtime, StateProbe(settings.resolved_database_url))

    def close(self) -> None:
        """Close the worker's index and drop its copy (called at the end of an in-process run)."""
        index = self._shared.pop("index", None)
        if index is not None and hasattr(index, "close"):
            index.close()
        folder = self._shared.pop("folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
