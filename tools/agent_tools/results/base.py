"""The base of every tool result model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ToolResult(BaseModel):
    """Base of every result model: unknown keys are kept (a reader never fails on a result that grew a field).

    A result model that is a domain model as the tool returns it subclasses the domain model and this, in that
    order (`class X(DomainModel, ToolResult)`), and re-declares with a default what the tool may leave out."""

    model_config = ConfigDict(extra="allow")
