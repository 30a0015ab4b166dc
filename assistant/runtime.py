"""Building everything the front ends need, once, where the program starts: `build_runtime(settings)`.

Opens (and seeds, if empty) the database, builds or loads the search index, builds the chat model from
settings (tests pass a scripted `model`), opens conversation memory and compiles the agent.
`Runtime.close()` releases all of it.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from langchain_core.language_models import BaseChatModel

from assistant.agent import create_assistant_agent
from assistant.conversation import Conversations
from assistant.logs import get_logger
from assistant.memory import ConversationMemory, open_memory
from assistant.models import OFFLINE, build_chat_model, describe_model, fallback_models
from assistant.settings import Settings

if TYPE_CHECKING:
    from retrieval.search_index import SearchIndex
    from tools.services import Services

log = get_logger("runtime")


@dataclass
class Runtime:
    settings: Settings
    services: Services
    index: SearchIndex | None
    conversations: Conversations
    memory: ConversationMemory
    model: BaseChatModel
    timings: dict[str, float] = field(default_factory=dict)

    def close(self) -> None:
        self.memory.close()
        if self.index is not None:
            self.index.close()
        self.services.close()


def build_runtime(
    settings: Settings,
    *,
    model: BaseChatModel | None = None,
    services: Services | None = None,
    with_index: bool = True,
    today: date | None = None,
    shared_search: tuple[SearchIndex, Any] | None = None,
) -> Runtime:
    """Everything wired. `services`/`today` let tests pin the data and the date; `with_index=False` skips the
    vector index (the tools then search with the database's own filters). `shared_search` is an index and
    query embedder the caller has open already and keeps (the eval's workers share one across trials)."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if model is None:
        model = build_chat_model(settings)  # first: a missing provider key fails before any slow work
    fallbacks = fallback_models(settings)
    timings["model_s"] = time.perf_counter() - started

    if services is not None and (with_index or shared_search is not None):
        raise ValueError("services passed in come with their search: build_services(index=, embedder=)")
    opened = _open_search(settings) if with_index and shared_search is None else None
    index = opened.index if opened is not None else None  # the runtime's own, closed with it
    search_index, embedder = (opened.index, opened.embedder) if opened is not None else shared_search or (None, None)
    timings["index_s"] = time.perf_counter() - started

    if services is None:
        from tools.services import build_services

        seed_dir = settings.seed_dir if settings.seed_dir.exists() else None
        if seed_dir is None:
            log.warning("seed folder %s does not exist: starting with an empty database", settings.seed_dir)
        services = build_services(
            settings.resolved_database_url, seed_dir, today=today, day=settings.today, index=search_index,
            embedder=embedder,
        )
    if opened is not None:
        _reconcile_index(opened, services, settings)
    timings["services_s"] = time.perf_counter() - started

    memory = open_memory(data_dir=settings.data_dir, database_url=settings.database_url)
    agent = create_assistant_agent(
        model,
        checkpointer=memory.checkpointer,
        fallbacks=fallbacks,
        llm_summaries=settings.model != OFFLINE and getattr(model, "_llm_type", "") != "scripted",
    )
    name = describe_model(model, settings)
    conversations = Conversations(
        agent=agent,
        threads=memory.threads,
        services=services,
        model_name=name,
        is_offline=name == OFFLINE,
    )
    timings["total_s"] = time.perf_counter() - started
    log.info("runtime ready in %.2fs (model %s)", timings["total_s"], name)
    return Runtime(
        settings=settings,
        services=services,
        index=index,
        conversations=conversations,
        memory=memory,
        model=model,
        timings=timings,
    )


_FIRST_START = "no search index yet (first start)"


@dataclass(frozen=True)
class _OpenedSearch:
    index: SearchIndex
    embedder: Any
    rebuild: str | None  # why the index must be (re)built from the database, or None when it loaded


def _open_search(settings: Settings) -> _OpenedSearch | None:
    """Open the vector index and the query embedder: the tools' hybrid retrieval. A missing index is created
    empty and a corrupt edge index (or one built with another embedding model) moved aside for inspection;
    either is then built from the database once it is open (`_reconcile_index`), never from the seed folder."""
    import retrieval
    from retrieval.embeddings import open_embedder

    if not settings.seed_dir.exists():
        log.warning("no seed folder: search falls back to database filters")
        return None
    backend = settings.resolved_index_backend

    def open_it() -> SearchIndex:
        return retrieval.open_index(
            backend, settings.index_dir, url=settings.qdrant_url,
            api_key=settings.qdrant_api_key.get_secret_value() if settings.qdrant_api_key else None,
            shard_number=settings.qdrant_shards, replication_factor=settings.qdrant_replication,
            embedding_model=settings.embedding_model,
        )

    index = open_it()
    rebuild: str | None = None
    try:
        if not all(index.exists(collection) for collection in retrieval.COLLECTIONS):
            rebuild = _FIRST_START
        getattr(index, "load_all", lambda: None)()  # a damaged collection raises here, not on a member's search
        for collection in retrieval.COLLECTIONS:
            index.count(collection)
    except retrieval.IndexUnavailable as exc:
        index.close()
        if backend != "edge":
            raise
        aside = settings.index_dir.with_name(f"{settings.index_dir.name}.corrupt-{int(time.time())}")
        shutil.move(str(settings.index_dir), str(aside))
        rebuild = f"the search index was unusable ({exc}); it was moved to {aside}"
        index = open_it()
    return _OpenedSearch(index, open_embedder(settings.data_dir, model=settings.embedding_model), rebuild)


def _reconcile_index(opened: _OpenedSearch, services: Services, settings: Settings) -> None:
    """Make the index hold what the database holds when it is new, was unusable, or does not match the
    database's counts (an index restored from elsewhere, an import that never reached it): rebuilt from the
    database's catalogue (tools/catalogue_index.py, as `assistant ingest --rebuild` does), so operator imports
    survive, with the reason logged."""
    from retrieval.index import COLLECTIONS
    from tools.catalogue_export import catalogue_counts
    from tools.catalogue_index import index_from_database

    index, embedder = opened.index, opened.embedder
    reason = opened.rebuild
    if reason is None:
        held = catalogue_counts(services.db)
        counted = {name: index.count(name) for name in COLLECTIONS}
        wrong = [f"{n} {name} (the database {held[name]})" for name, n in counted.items() if n != held[name]]
        if not wrong:
            return
        reason = "the search index does not match the database: it holds " + ", ".join(wrong)
    first = opened.rebuild == _FIRST_START
    (log.info if first else log.warning)("%s; building it from the database", reason)
    started = time.perf_counter()

    def progress(collection: str, done: int, total: int) -> None:
        log.info("indexing %s: %d/%d", collection, done, total)

    export, _ = index_from_database(index, embedder, services.db, settings.seed_dir, progress=progress)
    log.info("search index built from the database in %.1fs: %d products (%d imported), %d hotels, "
             "%d destinations", time.perf_counter() - started, export.products, len(export.imported_products),
             len(export.hotels), len(export.destinations))
