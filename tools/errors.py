"""Typed domain errors: what went wrong, in words a member can act on, with a stable code for machines.

Every service raises one of these (never a bare ValueError/KeyError/IntegrityError), so the tool layer can
turn any failure into a short, truthful message for the model and the member. A service that raises has
written nothing: its transaction is rolled back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ValidationError


class DomainError(Exception):
    """Base of every error the domain services raise on purpose."""

    code: ClassVar[str] = "domain_error"

    def __init_subclass__(cls, code: str | None = None, **kwargs: Any) -> None:
        """Each kind of error names its stable code in its class header: `class NotFound(DomainError, code=...)`."""
        super().__init_subclass__(**kwargs)
        if code is not None:
            cls.code = code

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict[str, str]:
        """Compact JSON shape for tool results."""
        return {"error": self.code, "message": self.message}


class NotFound(DomainError, code="not_found"):
    """An id that does not exist (or that the member may not see: we never leak existence)."""


class InvalidRequest(DomainError, code="invalid_request"):
    """Arguments that cannot be served as given: bad dates, guest counts, amounts, strings."""


class SoldOut(DomainError, code="sold_out"):
    """No room left on at least one night of the stay (or no stock for a product)."""


class InsufficientPoints(DomainError, code="insufficient_points"):
    """A redemption larger than the member's current balance."""


class NotAllowed(DomainError, code="not_allowed"):
    """The request is understood but the policy forbids it (e.g. cancelling after check-in)."""


class Conflict(DomainError, code="conflict"):
    """An idempotency key reused for a different request, or a state that already changed."""


class TryAgain(DomainError, code="try_again"):
    """The database stayed busy (lock timeout, deadlock); the transaction rolled back, so a retry is safe."""


M = TypeVar("M", bound=BaseModel)


def _describe(error: Mapping[str, Any]) -> str:
    field = ".".join(str(part) for part in error.get("loc", ()) if part != "__root__")
    message = str(error.get("msg", "is not valid"))
    message = message.removeprefix("Value error, ")
    if error.get("type") == "value_error":
        return message
    shown = error.get("input")
    if isinstance(shown, str) and len(shown) > 40:
        shown = shown[:40] + "…"
    return f"{field or 'request'}: {message}" + (f" (got {shown!r})" if shown is not None else "")


def parse_request(model: type[M], **values: Any) -> M:
    """Validate raw arguments into a request model, turning pydantic's report into an InvalidRequest."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        details = "; ".join(_describe(e) for e in exc.errors(include_url=False)[:3])
        raise InvalidRequest(details) from None
