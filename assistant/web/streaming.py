"""Run one turn's event iterator in a thread of its own, and consume it from sync or async code.

Why: the agent's iterator (LangGraph underneath) sets context variables while it runs, so every step must
run in the same thread and context; handing each `next()` to whichever worker thread is free (what a
thread pool does) breaks that. The producer thread also runs the turn to the end when the consumer goes
away (a closed browser tab, a dropped HTTP stream), so the checkpoint never holds half a turn; the
member's concurrency slot is given back only when the turn has really finished.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

_DONE = object()


class _Failure:
    def __init__(self, error: BaseException) -> None:
        self.error = error


class _Producer(Generic[T]):
    def __init__(self, factory: Callable[[], Iterator[T]], put: Callable[[object], None],
                 on_done: Callable[[], None] | None) -> None:
        self._factory = factory
        self._put = put
        self._on_done = on_done
        self.thread = threading.Thread(target=self._run, name="turn", daemon=True)

    def _run(self) -> None:
        try:
            for item in self._factory():
                self._put(item)
            self._put(_DONE)
        except BaseException as error:  # handed to the consumer, who raises it in its own frame
            self._put(_Failure(error))
        finally:
            if self._on_done is not None:
                self._on_done()


def iterate_in_thread(factory: Callable[[], Iterator[T]], on_done: Callable[[], None] | None = None) -> Iterator[T]:
    """Yield the items of `factory()` produced in a dedicated thread (for sync consumers such as Gradio)."""
    items: queue.Queue[object] = queue.Queue()
    producer: _Producer[T] = _Producer(factory, items.put, on_done)
    producer.thread.start()
    while True:
        item = items.get()
        if item is _DONE:
            return
        if isinstance(item, _Failure):
            raise item.error
        yield item  # type: ignore[misc]


async def aiterate_in_thread(
    factory: Callable[[], Iterator[T]], on_done: Callable[[], None] | None = None
) -> AsyncIterator[T]:
    """Yield the items of `factory()` produced in a dedicated thread, without blocking the event loop."""
    loop = asyncio.get_running_loop()
    items: asyncio.Queue[object] = asyncio.Queue()

    def put(item: object) -> None:
        # RuntimeError: the loop has closed (server shutting down) and nobody is listening.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(items.put_nowait, item)

    producer: _Producer[T] = _Producer(factory, put, on_done)
    producer.thread.start()
    while True:
        item = await items.get()
        if item is _DONE:
            return
        if isinstance(item, _Failure):
            raise item.error
        yield item  # type: ignore[misc]
