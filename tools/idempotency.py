"""Idempotency keys: every side effect records its first result under (member, key) in the same transaction.

The key row is inserted *before* the work (`INSERT ... ON CONFLICT DO NOTHING`), so a concurrent retry with the
same key waits for the first attempt (PostgreSQL row lock; SQLite's single writer) and then finds its result.
If the first attempt failed, its transaction (and the key row) rolled back, and the retry simply runs.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tools.clock import Clock
from tools.db import insert_or_ignore
from tools.errors import Conflict
from tools.tables import IdempotencyRow

M = TypeVar("M", bound=BaseModel)


def request_hash(operation: str, payload: dict[str, Any]) -> str:
    canonical = json.dumps({"op": operation, "args": payload}, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def claim(
    session: Session, clock: Clock, scope: str, key: str, operation: str, payload: dict[str, Any], model: type[M]
) -> M | None:
    """Reserve the key for this request; return the stored result if the key was already used for it.

    Raises Conflict when the key was used for a different request.
    """
    digest = request_hash(operation, payload)
    inserted = insert_or_ignore(
        session,
        IdempotencyRow,
        {"scope": scope, "key": key, "operation": operation, "request_hash": digest, "result": None,
         "created_at": clock.now()},
    )
    if inserted:
        return None
    row = session.execute(
        select(IdempotencyRow).where(IdempotencyRow.scope == scope, IdempotencyRow.key == key)
    ).scalar_one()
    if row.request_hash != digest or row.result is None:
        raise Conflict(
            f"The request key '{key[:60]}' was already used for a different {row.operation} request. "
            "Use a new key for a new request."
        )
    return model.model_validate(row.result)


def record(session: Session, scope: str, key: str, result: BaseModel) -> None:
    session.execute(
        update(IdempotencyRow).where(IdempotencyRow.scope == scope, IdempotencyRow.key == key)
        .values(result=result.model_dump(mode="json")).execution_options(synchronize_session=False)
    )
