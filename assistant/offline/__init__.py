"""The offline engine: a deterministic intent-and-slot dialogue engine wrapped as a LangChain chat model.

It needs no key and no network, drives the same agent loop, tools and confirmation middleware as any LLM,
and grounds every figure it states in a tool result. `build_offline_model(settings)` is what
`assistant.models` calls for `ASSISTANT_MODEL=offline`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.settings import Settings


def build_offline_model(settings: Settings) -> BaseChatModel:
    """The offline engine for these settings (its gazetteers come from the seed data set)."""
    import threading

    from assistant.offline.model import OfflineChatModel

    seed_dir = settings.seed_dir if settings.seed_dir.exists() else None
    model = OfflineChatModel(seed_dir=seed_dir, data_dir=settings.data_dir, grounding=settings.grounding)
    # Loading the understanding takes seconds: start now, so the first message rarely waits for it.
    threading.Thread(target=_warm_up, args=(model,), name="offline-engine-warm-up", daemon=True).start()
    return model


def _warm_up(model: object) -> None:
    """Best effort: a failure here is reported again, with its cause, on the first message."""
    import logging

    try:
        model.warm_up()  # type: ignore[attr-defined]
    except Exception:
        logging.getLogger("assistant.offline").exception("offline engine warm-up failed")


__all__ = ["build_offline_model"]
