"""How every agent tool is built: typed arguments, the member from the runtime context, compact JSON out,
and domain or argument errors returned as text the model can act on (a tool never raises at the model).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Annotated, Any, TypeVar

from langchain.tools import ToolRuntime
from langchain_core.tools import BaseTool, InjectedToolArg, StructuredTool
from pydantic import BaseModel, ValidationError, create_model

from tools.agent_tools.context import AssistantContext
from tools.agent_tools.schemas import TOOL_ARGS, ToolArgs
from tools.errors import DomainError

A = TypeVar("A", bound=ToolArgs)
ToolImpl = Callable[[AssistantContext, A, ToolRuntime], Any]


def compact(value: Any, *, drop: Iterable[str] = ("member_id",)) -> Any:
    """JSON-ready data: pydantic models dumped, None values and the member's own id left out."""
    dropped = set(drop)
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, dict):
        return {k: compact(v, drop=dropped) for k, v in value.items() if v is not None and k not in dropped}
    if isinstance(value, list | tuple):
        return [compact(v, drop=dropped) for v in value]
    return value


def to_json(value: Any) -> str:
    return json.dumps(compact(value), ensure_ascii=False, separators=(",", ":"), default=str)


def error_text(code: str, message: str, **extra: Any) -> str:
    return json.dumps({"error": code, "message": message, **extra}, ensure_ascii=False, separators=(",", ":"))


def validation_text(exc: ValidationError) -> str:
    problems = []
    for err in exc.errors(include_url=False)[:4]:
        field = ".".join(str(p) for p in err.get("loc", ()))
        problems.append(f"{field or 'arguments'}: {err.get('msg', 'invalid')}")
    return error_text("invalid_arguments", "; ".join(problems) + ". Fix these arguments and call the tool again.")


def context_of(runtime: ToolRuntime) -> AssistantContext:
    context = runtime.context
    if not isinstance(context, AssistantContext):
        raise TypeError("agent tools need context=AssistantContext(...) when the agent is invoked")
    return context


def agent_tool(name: str) -> Callable[[ToolImpl[Any]], BaseTool]:
    """Turn `impl(ctx, args, runtime) -> data` into the LangChain tool `name` with the schema from TOOL_ARGS.

    The tool's description is `impl`'s docstring; the parameter descriptions come from the argument model.
    """
    args_model = TOOL_ARGS[name]
    # The schema the tool validates with: the model's arguments plus the injected runtime (hidden from the model,
    # which sees `tool_call_schema`); needed because the argument models forbid unknown keys.
    tool_schema = create_model(
        args_model.__name__, __base__=args_model, runtime=(Annotated[Any, InjectedToolArg], None)
    )

    def decorate(impl: ToolImpl[Any]) -> BaseTool:
        def run(runtime: ToolRuntime, **kwargs: Any) -> str:
            try:
                args = args_model.model_validate(kwargs)
                return to_json(impl(context_of(runtime), args, runtime))
            except DomainError as exc:
                return error_text(exc.code, exc.message)
            except ValidationError as exc:
                return validation_text(exc)

        return StructuredTool.from_function(
            func=run,
            name=name,
            description=" ".join((impl.__doc__ or name).split()),
            args_schema=tool_schema,
        )

    return decorate
