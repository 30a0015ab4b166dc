"""How every agent tool is built: typed arguments, the member from the runtime context, compact JSON out,
and domain or argument errors returned as text the model can act on (a tool never raises at the model).
`agent_tool` also declares the tool's registry entry (`tools.agent_tools.registry.ToolSpec`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Annotated, Any, TypeVar, get_type_hints

from langchain.tools import ToolRuntime
from langchain_core.tools import InjectedToolArg, StructuredTool
from pydantic import BaseModel, ValidationError, create_model

from tools.agent_tools.context import AssistantContext
from tools.agent_tools.registry import Confirmation, ToolSpec
from tools.agent_tools.schemas import ToolArgs
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


def error_text(code: str, message: str, *, hint: str | None = None, **extra: Any) -> str:
    """A tool failure as JSON: `message` says what went wrong in words a member may read; `hint`, for the
    model only, says what to do next. A front end shows the code or the message, never the hint."""
    body: dict[str, Any] = {"error": code, "message": message, **extra}
    if hint:
        body["hint"] = hint
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def validation_text(exc: ValidationError) -> str:
    problems = []
    for err in exc.errors(include_url=False)[:4]:
        field = ".".join(str(p) for p in err.get("loc", ()))
        problems.append(f"{field or 'arguments'}: {err.get('msg', 'invalid')}")
    return error_text("invalid_arguments", "Some details were not valid: " + "; ".join(problems) + ".",
                      hint="Fix these arguments and call the tool again.")


def context_of(runtime: ToolRuntime) -> AssistantContext:
    context = runtime.context
    if not isinstance(context, AssistantContext):
        raise TypeError("agent tools need context=AssistantContext(...) when the agent is invoked")
    return context


def _args_model(impl: ToolImpl[Any]) -> type[ToolArgs]:
    """The argument model from the annotation of `impl`'s `args` parameter, so it is written only once."""
    model = get_type_hints(impl).get("args")
    if not (isinstance(model, type) and issubclass(model, ToolArgs)):
        raise TypeError(f"{impl.__name__}: annotate the `args` parameter with a ToolArgs model")
    return model


def agent_tool(
    name: str,
    *,
    label: str,
    result: type[BaseModel] | None = None,
    side_effect: bool = False,
    untrusted_output: bool = False,
    confirm: Confirmation | None = None,
) -> Callable[[ToolImpl[Any]], ToolSpec]:
    """Declare `impl(ctx, args, runtime) -> data` as the agent tool `name`: its registry entry, with the
    LangChain tool built from the argument model of `impl`'s `args` annotation.

    The tool's description is `impl`'s docstring; the parameter descriptions come from the argument model.
    `label` is what the chat UI shows while it runs; `untrusted_output` marks third-party catalogue text (quoted
    as data for the model); `side_effect` tools pause for the member's approval, showing `confirm`'s preview.
    """

    def decorate(impl: ToolImpl[Any]) -> ToolSpec:
        args_model = _args_model(impl)
        # The schema the tool validates with: the model's arguments plus the injected runtime (hidden from the
        # model, which sees `tool_call_schema`); needed because the argument models forbid unknown keys.
        tool_schema = create_model(
            args_model.__name__, __base__=args_model, runtime=(Annotated[Any, InjectedToolArg], None)
        )

        def run(runtime: ToolRuntime, **kwargs: Any) -> str:
            try:
                args = args_model.model_validate(kwargs)
                return to_json(impl(context_of(runtime), args, runtime))
            except DomainError as exc:
                return error_text(exc.code, exc.message)
            except ValidationError as exc:
                return validation_text(exc)

        tool = StructuredTool.from_function(
            func=run,
            name=name,
            description=" ".join((impl.__doc__ or name).split()),
            args_schema=tool_schema,
        )
        return ToolSpec(
            name=name,
            args=args_model,
            label=label,
            tool=tool,
            result=result,
            side_effect=side_effect,
            untrusted_output=untrusted_output,
            confirm=confirm,
        )

    return decorate
