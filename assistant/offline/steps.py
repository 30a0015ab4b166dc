"""The vocabulary of the policy: what one decision can be, and the per-call view of the conversation.

A decision is either a tool call (`CallTool`) or an answer (`Answer`, rendered from a template). The
policy is called again after every tool result, so each handler reads "what has this turn already done"
from `Step` and returns the next thing to do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from assistant.offline.history import History, ToolEvent, Turn
from assistant.offline.nlu import NaturalLanguageUnderstanding, Parse
from assistant.offline.nlu.lexicon import Place
from assistant.offline.results import read_result
from assistant.offline.state import DialogueState
from tools.agent_tools.results import ToolResult

R = TypeVar("R", bound=ToolResult)


@dataclass(frozen=True)
class CallTool:
    name: str
    args: dict[str, Any]


@dataclass(frozen=True)
class Answer:
    act: str  # the template name in prompts/offline/
    variables: dict[str, Any] = field(default_factory=dict)
    # What the answer listed, in order ("products", ids): "the second one" later means the second shown.
    shown: tuple[str, tuple[str, ...]] | None = None
    # What a later turn must know of this answer beyond its act (e.g. the target of a redemption still open),
    # kept in the message's metadata like `shown`: the engine has no other memory.
    memo: dict[str, Any] | None = None


Decision = CallTool | Answer


@dataclass
class Step:
    history: History
    state: DialogueState
    parse: Parse
    nlu: NaturalLanguageUnderstanding
    tools: frozenset[str]

    @property
    def turn(self) -> Turn:
        return self.history.current

    @property
    def today(self) -> date:
        return self.state.today

    @property
    def slots(self) -> dict[str, Any]:
        return self.parse.slots

    def done(self, name: str, **match: Any) -> ToolEvent | None:
        """The last call of `name` made in this turn (whose arguments include `match`), if any."""
        for event in reversed(self.turn.events):
            if event.name == name and all(event.args.get(k) == v for k, v in match.items()):
                return event
        return None

    def searched(self, name: str, args: dict[str, Any], *, only: bool) -> ToolEvent | None:
        """The call of a planned search made in this turn: the one with exactly these arguments or, when it is the
        turn's only search (`only`), the turn's last call of `name` whatever its arguments. Why the fallback: a
        history written elsewhere (another model, a resumed thread, a middleware that adds or drops a default
        such as `limit`) holds the search with other arguments, and asking for it again would repeat the call
        until the tool-call limit instead of answering from the result that is there."""
        exact = next((e for e in self.turn.events if e.name == name and e.args == args), None)
        return exact if exact is not None or not only else self.done(name)

    def outcome(self, name: str, args: dict[str, Any]) -> ToolEvent | Decision:
        """This turn's successful call of `name`; until there is one, the decision that gets it: the call (with
        `args`), or the tool's error answer when the call failed."""
        event = self.done(name)
        if event is None:
            return CallTool(name, args)
        return event if event.ok else tool_error(event)

    def fetch(self, name: str, args: dict[str, Any], model: type[R]) -> R | Decision:
        """As `outcome`, with the result read as its typed result `model`: a result of another shape is
        answered like a failed call (the policy reads fields, never guesses keys)."""
        event = self.done(name)
        if event is None:
            return CallTool(name, args)
        result = read_result(event.result, model)
        return result if event.ok and result is not None else tool_error(event)

    def searches(self, name: str, planned: list[dict[str, Any]]) -> list[ToolEvent] | Decision:
        """The successful calls of the planned searches (one, or one per brand or city of "X or Y"), in order;
        until they are all there, the next one to make, or the error answer of one that failed."""
        events = []
        for args in planned:
            event = self.searched(name, args, only=len(planned) == 1)
            if event is None:
                return CallTool(name, args)
            if event.error:
                return tool_error(event)
            events.append(event)
        return events

    def can(self, name: str) -> bool:
        return not self.tools or name in self.tools

    def place(self, name: str | None) -> Place | None:
        if not name:
            return None
        return self.nlu.lexicon.place_named(name)


def carried(frame: Mapping[str, Any], fields: Mapping[str, tuple[str, Callable[[Any], Any]]]) -> dict[str, Any]:
    """Tool arguments from the frame's slots that are set (not empty, 0 or False): slot -> (argument, conversion)."""
    return {arg: convert(frame[slot]) for slot, (arg, convert) in fields.items() if frame.get(slot) not in _UNSET}


_UNSET: tuple[Any, ...] = (None, "", [], 0)  # 0 == False: an unset flag too


GENERIC_ERROR = "Something went wrong on my side, and nothing was changed."


def member_error_message(event: ToolEvent) -> str:
    """What a member may read about a failed tool call: the tool's `message` (written for people), never its
    `hint` (an instruction to a model) nor text that is not the tools' JSON error shape (a framework's
    "please fix your mistakes" is addressed to a model too)."""
    result = event.result
    if isinstance(result, dict) and isinstance(result.get("message"), str) and result["message"].strip():
        return str(result["message"])
    return GENERIC_ERROR


def tool_error(event: ToolEvent) -> Answer:
    """A failed tool call, answered with the tool's own member-facing message (never a guess at what went
    wrong, never the model-directed hint)."""
    return Answer("tool_error", {"message": member_error_message(event)})
