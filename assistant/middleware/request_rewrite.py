"""The base of a middleware that only changes the model request: one `rewrite`, for sync and async calls alike.

LangChain runs a model call through `wrap_model_call` or `awrap_model_call` depending on how the agent is
driven (the CLI and the tests stream synchronously, the web app asynchronously); a middleware that merely
rewrites the request must do the same in both, so the pair lives here once and a subclass writes `rewrite`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from langchain.agents.middleware import AgentMiddleware, ModelRequest, ModelResponse


class RequestRewrite(AgentMiddleware[Any, Any]):
    """Calls the model with `rewrite(request)` instead of the request."""

    def rewrite(self, request: ModelRequest) -> ModelRequest:
        raise NotImplementedError

    def wrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]
    ) -> ModelResponse:
        return handler(self.rewrite(request))

    async def awrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], Awaitable[ModelResponse]]
    ) -> ModelResponse:
        return await handler(self.rewrite(request))
