"""Building everything the front ends need, once, where the program starts: `build_runtime(settings)`.

Opens (and seeds, if empty) the database, builds or loads the search index, builds the chat model from
settings (tests pass a scripted `model`), opens conversation memory and compiles the agent.
`Runtime.close()` releases all of it.
"""

from __future__ import annotations

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
    index = opened[0] if opened is not None else None  # the runtime's own, closed with it
    search_index, embedder = opened or shared_search or (None, None)
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


def _open_search(settings: Settings) -> tuple[SearchIndex, Any] | None:
    """Build or load the vector index and open the query embedder: the tools' hybrid retrieval."""
    import retrieval

    if not settings.seed_dir.exists():
        log.warning("no seed folder: search falls back to database filters")
        return None
    index = retrieval.build_or_load_index(
        settings.resolved_index_backend,
        index_dir=settings.index_dir,
        data_dir=settings.data_dir,
        seed_dir=settings.seed_dir,
        url=settings.qdrant_url,
        api_key=settings.qdrant_api_key.get_secret_value() if settings.qdrant_api_key else None,
        shard_number=settings.qdrant_shards,
        replication_factor=settings.qdrant_replication,
        embedding_model=settings.embedding_model,
    )
    from retrieval.embeddings import open_embedder

    return index, open_embedder(settings.data_dir, model=settings.embedding_model)
