"""The web app: one FastAPI service with the Gradio member chat at `/`, the OpenAI-compatible API under
`/v1`, and `/healthz`.

Thin on purpose: it builds the settings and (in the lifespan, so a first start can build the search index
with progress in the log) the runtime, then mounts what `assistant.web` makes. It is the composition root:
it picks the front ends (member chat, the staff tabs) and hands in the QA tab from `eval`, which the
`assistant` package never imports. `create_app(settings, runtime)` lets tests inject a runtime built on a
scripted model; `python app.py --host H --port P` serves.
"""

from __future__ import annotations

import argparse
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from assistant.settings import Settings, UnsafeSettings, load_settings, refuse_unsafe

if TYPE_CHECKING:  # the web stack (FastAPI, Gradio) is imported only once the settings are known to be safe
    from fastapi import FastAPI

    from assistant.web.state import RuntimePort
    from assistant.web.ui_staff import StaffRoute
    from assistant.web.ui_tabs import TabPlugin

log = logging.getLogger("assistant.web")


def qa_evaluation(settings: Settings) -> TabPlugin:
    """The QA tools, running the suite only against the models ASSISTANT_EVAL_MODELS allows."""
    from assistant.web.ui_tabs import TabPlugin

    def build(get_runtime: Callable[[], Any]) -> None:
        from eval.ui import build_tab  # imported when the Blocks are built, so importing app.py stays light

        build_tab(get_runtime=get_runtime, models=settings.eval_model_list)

    return TabPlugin(label="QA evaluation", build=build)  # its one feedback section is in eval/ui.py


def staff_routes(settings: Settings) -> tuple[StaffRoute, ...]:
    """The staff front ends, each on its own route for one role (never inside the member widget)."""
    from assistant.web.ui_staff import StaffRoute
    from assistant.web.ui_tabs import COPY_STUDIO

    return (StaffRoute("/studio", "marketer", COPY_STUDIO), StaffRoute("/qa", "qa", qa_evaluation(settings)))


def _build_runtime(settings: Settings) -> RuntimePort:
    from assistant.runtime import build_runtime

    return build_runtime(settings)


def create_app(settings: Settings | None = None, runtime: RuntimePort | None = None) -> FastAPI:
    """The whole service. With `runtime` given, the app uses it and leaves closing it to the caller.

    Raises UnsafeSettings outside demo mode with the default secret, StaffConfigError for a bad ASSISTANT_STAFF."""
    if settings is None:
        settings = runtime.settings if runtime is not None else load_settings()
    refuse_unsafe(settings)
    import anyio
    from fastapi import FastAPI

    from assistant.web.api import build_api_router
    from assistant.web.csrf import SameSiteGuard
    from assistant.web.errors import install_error_handlers
    from assistant.web.feedback import FeedbackStore
    from assistant.web.sessions import SessionStore
    from assistant.web.signin import build_signin_router
    from assistant.web.state import WebState
    from assistant.web.ui import mount_ui
    from assistant.web.ui_staff import mount_staff

    state = WebState(settings=settings, runtime=runtime)

    def start() -> None:
        """Build the runtime (the first start builds the search index: minutes), then the web stores. Runs in a
        thread once the server listens, so `/healthz` answers 503 "starting" meanwhile instead of refusing
        connections; a failure is logged and reported by `/healthz` as 503 "error" with the reason."""
        try:
            if state.runtime is None:
                log.info("starting: opening the database and the search index (the first start builds it)")
                state.runtime = _build_runtime(settings)
            runtime = state.runtime
            feedback = FeedbackStore(settings.resolved_database_url)
            feedback.create()
            sessions = SessionStore(settings.resolved_database_url, settings.session_ttl_s)
            sessions.create()
            state.feedback, state.sessions = feedback, sessions
        except Exception as exc:
            log.exception("start-up failed")
            state.start_error = f"start-up failed: {type(exc).__name__}: {exc}"
            return
        log.info("ready: model %s%s", runtime.conversations.model_name,
                 " (offline engine, no LLM)" if runtime.conversations.is_offline else "")

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        owned = state.runtime is None
        if settings.demo_mode:
            log.warning("demo mode: anyone who can reach this address can act as any member (ASSISTANT_DEMO)")
        if owned:
            starter = threading.Thread(target=start, name="assistant-start", daemon=True)
            starter.start()
        else:  # a runtime handed in (tests): ready before the first request, as before
            await anyio.to_thread.run_sync(start)
            starter = None
        try:
            yield
        finally:
            if starter is not None and starter.is_alive():
                log.warning("stopping while still starting: the start-up thread is abandoned")
            else:
                for store in (state.feedback, state.sessions):
                    if store is not None:
                        store.close()
                if owned and state.runtime is not None:
                    state.runtime.close()
                    state.runtime = None

    app = FastAPI(title="Member assistant", lifespan=lifespan, docs_url="/api/docs", redoc_url=None)
    app.state.web = state
    install_error_handlers(app)
    app.include_router(build_api_router(state))
    app.include_router(build_signin_router(state))
    mount_staff(app, state, staff_routes(settings))
    mount_ui(app, state)
    app.add_middleware(SameSiteGuard, trusted_origins=settings.trusted_origins)  # outermost: before any route
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the member assistant web app.")
    parser.add_argument("--host", default=None, help="interface to bind (default ASSISTANT_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default ASSISTANT_PORT or 7860)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = load_settings(**({"ASSISTANT_HOST": args.host} if args.host else {}))  # demo mode needs the bind
    try:  # before the web stack is imported, so an unsafe start is refused in a moment even on a busy machine
        refuse_unsafe(settings)
    except UnsafeSettings as exc:
        raise SystemExit(f"refusing to start: {exc}") from None
    import uvicorn

    from assistant.web.staff import StaffConfigError

    try:
        app = create_app(settings)
    except (UnsafeSettings, StaffConfigError) as exc:
        raise SystemExit(f"refusing to start: {exc}") from None
    uvicorn.run(app, host=settings.host, port=args.port or settings.port, log_level="info")


if __name__ == "__main__":
    main()
