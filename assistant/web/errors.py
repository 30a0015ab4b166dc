"""Errors the API returns, in OpenAI's error shape, and the handlers that keep user input from ever
becoming a 500."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.web.limits import MemberBusy, RateLimited
from assistant.web.state import NotReady
from assistant.web.turn_service import TurnRefused

log = logging.getLogger("assistant.web")


class ApiError(Exception):
    """A client-facing error with an HTTP status, a reason the caller can act on, and a stable code."""

    def __init__(self, status: int, message: str, *, code: str, kind: str | None = None,
                 param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.kind = kind or ("invalid_request_error" if status < 500 else "server_error")
        self.param = param


def error_body(
    message: str, *, code: str, kind: str = "invalid_request_error", param: str | None = None
) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


def validation_message(exc: ValidationError | RequestValidationError) -> str:
    """One line per problem: where it is and what is wrong, e.g. `messages.0.role: Input should be ...`."""
    lines = []
    for err in exc.errors()[:5]:
        where = ".".join(str(part) for part in err.get("loc", ()) if part != "body")
        msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        lines.append(f"{where}: {msg}" if where else msg)
    return "; ".join(lines) or "Invalid request."


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(error_body(exc.message, code=exc.code, kind=exc.kind, param=exc.param),
                            status_code=exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(error_body(validation_message(exc), code="invalid_request"), status_code=400)

    @app.exception_handler(TurnRefused)
    async def _refused(_: Request, exc: TurnRefused) -> JSONResponse:
        return JSONResponse(error_body(exc.text(exc.lang), code=exc.code, param=exc.param),
                            status_code=exc.status)

    @app.exception_handler(MemberBusy)
    async def _busy(_: Request, exc: MemberBusy) -> JSONResponse:
        return JSONResponse(error_body(exc.text(exc.lang), code="too_many_in_flight", kind="rate_limit_error"),
                            status_code=429)

    @app.exception_handler(RateLimited)
    async def _rate_limited(_: Request, exc: RateLimited) -> JSONResponse:
        return JSONResponse(error_body(exc.text(exc.lang), code="rate_limited", kind="rate_limit_error"),
                            status_code=429, headers={"Retry-After": str(exc.retry_after_s)})

    @app.exception_handler(NotReady)
    async def _not_ready(_: Request, exc: NotReady) -> JSONResponse:
        return JSONResponse(error_body(str(exc), code="not_ready", kind="server_error"), status_code=503,
                            headers={"Retry-After": "5"})

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error in the API: %s", type(exc).__name__, exc_info=exc)
        return JSONResponse(error_body("The assistant failed on our side; nothing was changed. Please retry.",
                                       code="server_error", kind="server_error"), status_code=500)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(error_body(str(exc.detail), code=f"http_{exc.status_code}"),
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))
