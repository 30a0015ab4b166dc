"""The one registry of the agent's tools: each tool is declared once, and everything else reads from here.

A `ToolSpec` holds all there is to know about a tool: its name, argument model (the schema the model sees),
result model (the typed shape of its JSON result, where it returns structured data), whether it changes the
member's data (then it pauses for approval and has a confirmation summary), whether its output is untrusted
third-party catalogue text (then it is quoted as data), its UI label and the LangChain tool itself. The agent's
tool list, the confirmation and guardrail middleware, the chat UI's labels, the offline engine's argument checks
and the eval's tool names all read these specs, so no other module keeps a list of tool names.

How to add a tool (one file plus its test): in any module of `tools.agent_tools` (an existing domain module or a
new file), write `impl(ctx, args, runtime) -> data` whose `args` parameter is annotated with a `ToolArgs` model,
decorate it with `@agent_tool("name", label=..., ...)` (from `tools.agent_tools.base`; a side-effecting tool
passes `side_effect=True` and `confirm=`, a preview of what it will do), and put the result in the module's
`TOOLS` list. The registry imports every module of the package that has a `TOOLS` list; the domains below come
first, in the order of the agent contract, and any other module after them by name.

Why lazy: the domain modules import `base`, which imports `ToolSpec` from here, so the registry can only
import them once it is first asked for a tool. `including()` adds tools for the length of a `with` block
(tests and extensions), so the shipped set is never changed behind a caller's back.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from langchain_core.tools import BaseTool
from pydantic import BaseModel

from tools.agent_tools.schemas import ToolArgs

if TYPE_CHECKING:
    from tools.agent_tools.context import AssistantContext
    from tools.agent_tools.previews import ActionPreview

DOMAIN_ORDER = ("catalogue", "hotels", "destinations", "points", "campaigns", "mobile", "support")
"""Domain modules in the order of the agent contract (the order the model sees the tools in)."""

Confirmation = Callable[["AssistantContext", Any], "ActionPreview"]
V = TypeVar("V")


@dataclass(frozen=True)
class ToolSpec:
    """Everything about one agent tool, declared once (built by `tools.agent_tools.base.agent_tool`)."""

    name: str
    args: type[ToolArgs]
    label: str
    tool: BaseTool
    result: type[BaseModel] | None = None
    side_effect: bool = False
    untrusted_output: bool = False
    confirm: Confirmation | None = None

    def __post_init__(self) -> None:
        if self.side_effect and self.confirm is None:
            raise ValueError(f"side-effecting tool {self.name!r} needs a confirmation summary (confirm=...)")
        if self.tool.name != self.name:
            raise ValueError(f"tool {self.tool.name!r} declared as {self.name!r}")


class ToolNames(Set[str]):
    """A live set of the registered tool names that satisfy `keep` (it sees tools added later too)."""

    def __init__(self, registry: ToolRegistry, keep: Callable[[ToolSpec], bool] = lambda spec: True) -> None:
        self._registry, self._keep = registry, keep

    def _names(self) -> list[str]:
        return [spec.name for spec in self._registry.specs() if self._keep(spec)]

    def __contains__(self, name: object) -> bool:
        spec = self._registry.get(name) if isinstance(name, str) else None
        return spec is not None and self._keep(spec)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    @classmethod
    def _from_iterable(cls, it: Iterable[Any]) -> frozenset[Any]:
        return frozenset(it)

    def __repr__(self) -> str:
        return f"ToolNames({self._names()!r})"


class ToolField(Mapping[str, V]):
    """A live mapping tool name -> one field of its spec (e.g. the UI label or the argument model)."""

    def __init__(self, registry: ToolRegistry, value: Callable[[ToolSpec], V]) -> None:
        self._registry, self._value = registry, value

    def __getitem__(self, name: str) -> V:
        spec = self._registry.get(name)
        if spec is None:
            raise KeyError(name)
        return self._value(spec)

    def __iter__(self) -> Iterator[str]:
        return iter([spec.name for spec in self._registry.specs()])

    def __len__(self) -> int:
        return len(self._registry.specs())


class ToolRegistry:
    """The agent's tools by name, in contract order, found in the modules of a package."""

    def __init__(self, package: str = "tools.agent_tools") -> None:
        self._package = package
        self._found: dict[str, ToolSpec] | None = None
        self._extra: dict[str, ToolSpec] = {}
        self.names = ToolNames(self)
        self.side_effect_names = ToolNames(self, lambda spec: spec.side_effect)
        self.untrusted_output_names = ToolNames(self, lambda spec: spec.untrusted_output)
        self.args_models: ToolField[type[ToolArgs]] = ToolField(self, lambda spec: spec.args)
        self.labels: ToolField[str] = ToolField(self, lambda spec: spec.label)

    def _discover(self) -> dict[str, ToolSpec]:
        if self._found is None:
            package = importlib.import_module(self._package)
            modules = sorted(
                (info.name for info in pkgutil.iter_modules(package.__path__)),
                key=lambda name: (DOMAIN_ORDER.index(name) if name in DOMAIN_ORDER else len(DOMAIN_ORDER), name),
            )
            found: dict[str, ToolSpec] = {}
            for name in modules:
                for spec in getattr(importlib.import_module(f"{self._package}.{name}"), "TOOLS", ()):
                    if not isinstance(spec, ToolSpec):
                        raise TypeError(f"{self._package}.{name}.TOOLS holds {spec!r}, not a ToolSpec")
                    if spec.name in found:
                        raise ValueError(f"tool {spec.name!r} is declared twice")
                    found[spec.name] = spec
            self._found = found
        return self._found

    def specs(self) -> list[ToolSpec]:
        """Every tool, in contract order (tools added with `including` last)."""
        return [*self._discover().values(), *self._extra.values()]

    def get(self, name: str) -> ToolSpec | None:
        return self._extra.get(name) or self._discover().get(name)

    def __getitem__(self, name: str) -> ToolSpec:
        spec = self.get(name)
        if spec is None:
            raise KeyError(f"unknown tool {name!r}")
        return spec

    def __iter__(self) -> Iterator[ToolSpec]:
        return iter(self.specs())

    def langchain_tools(self) -> list[BaseTool]:
        """The tools the agent is built with, in contract order."""
        return [spec.tool for spec in self.specs()]

    @contextmanager
    def including(self, *specs: ToolSpec) -> Iterator[ToolRegistry]:
        """Register `specs` for the length of the `with` block (a test's dummy tool, an extension)."""
        for spec in specs:
            if self.get(spec.name) is not None:
                raise ValueError(f"tool {spec.name!r} is already registered")
        self._extra.update({spec.name: spec for spec in specs})
        try:
            yield self
        finally:
            for spec in specs:
                self._extra.pop(spec.name, None)


REGISTRY = ToolRegistry()
"""The registry of the shipped tools; read it, never copy its names into another list."""
