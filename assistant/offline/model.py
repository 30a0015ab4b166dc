"""`OfflineChatModel`: the offline engine as a LangChain chat model, so it drives the very same agent loop,
tools, confirmation middleware and memory as any LLM.

Each call reads only the messages it is given (the member's words, its own earlier tool calls and the
tool results), asks the dialogue policy for the next step and returns it as an `AIMessage`: tool calls
with deterministic ids, or an answer rendered from `prompts/offline/`. Same conversation, same output.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from langchain_core.language_models import LanguageModelInput
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, ToolMessage
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import ConfigDict

from assistant.japanese_names import japanese_map, localise
from assistant.offline.answers import AnswerWriter
from assistant.offline.grounding import Evidence, ungrounded
from assistant.offline.history import read_history, text_of, unwrap
from assistant.offline.nlu import NaturalLanguageUnderstanding
from assistant.offline.nlu.ja import gloss, has_japanese
from assistant.offline.policy import DialoguePolicy
from assistant.offline.reply_model import ReplyChatModel
from assistant.offline.steps import Answer, CallTool

log = logging.getLogger("assistant.offline")

ENGINE_NAME = "offline"
# What an answer "offers", so that a following "yes" or "no" means the right thing.
OFFERS = {"quote": "offer_booking", "hotels": "offer_search"}

GroundingMode = Literal["strict", "fallback"]
# The act whose template states no figure at all: what is sent instead of an answer that failed the check.
UNVERIFIED_ACT = "unverified"

_engines: dict[tuple[str, str], DialoguePolicy] = {}
_engines_lock = threading.Lock()


def dialogue_policy(seed_dir: Path | None, data_dir: Path | None) -> DialoguePolicy:
    """One policy (and so one loaded NLU) per process and data set: loading takes a few seconds."""
    key = (str(seed_dir or ""), str(data_dir or ""))
    with _engines_lock:
        if key not in _engines:
            _engines[key] = DialoguePolicy(NaturalLanguageUnderstanding(seed_dir, data_dir=data_dir))
        return _engines[key]


def _tool_name(tool: Any) -> str:
    if isinstance(tool, BaseTool):
        return tool.name
    if isinstance(tool, dict) and "name" in tool:
        return str(tool["name"])
    return str(convert_to_openai_tool(tool)["function"]["name"])


def _allowed_args(name: str, args: dict[str, Any]) -> dict[str, Any]:
    """Only the arguments the tool's schema declares (the schemas forbid unknown keys)."""
    from tools.agent_tools.registry import REGISTRY

    spec = REGISTRY.get(name)
    if spec is None:
        return args
    return {k: v for k, v in args.items() if k in spec.args.model_fields}


class UngroundedAnswerError(RuntimeError):
    """Strict grounding: the engine composed an answer stating figures, ids or names no tool result backs."""

    def __init__(self, act: str, problems: list[str]) -> None:
        super().__init__(f"offline answer {act!r} is not grounded in the tool results: {'; '.join(problems)}")
        self.act = act
        self.problems = problems


def conversation_evidence(messages: Sequence[BaseMessage]) -> Evidence:
    """What the engine may state: the tool results (facts), the member's words and the tool arguments."""
    evidence = Evidence()
    for message in messages:
        if isinstance(message, ToolMessage):
            evidence.add_result(unwrap(text_of(message)), message.name or "")
        elif isinstance(message, HumanMessage):
            evidence.add_member_words(text_of(message))
            if has_japanese(text_of(message)):  # 二泊 / 1万円 said in Japanese ground "2 nights" / "10,000円"
                evidence.add_member_words(gloss(text_of(message)))
        elif isinstance(message, AIMessage):
            for call in message.tool_calls:
                evidence.add_arguments(call["args"], call["name"])
    return evidence


class OfflineChatModel(ReplyChatModel):
    """A deterministic intent-and-slot dialogue engine behind the chat model interface.

    Every answer is checked against the conversation's evidence before it leaves (`grounding`):
    - "strict" (tests, the eval, CI): raise `UngroundedAnswerError`, so a template or policy that states a
      figure no tool returned fails loudly where it is written, with the figures named;
    - "fallback" (production): log the failure at error level (the act and the kinds of figure, never the
      member's content) and send the `unverified` answer instead, which states no figure at all. A member is
      never shown a wrong price; the tool cards of the turn still show the real ones.
    Why not always raise: in production a raise ends the member's turn with a generic error, which helps
    nobody; why not merely log (the old behaviour): a warning in a log does not stop a wrong price.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    seed_dir: Path | None = None
    data_dir: Path | None = None
    tool_names: tuple[str, ...] = ()
    grounding: GroundingMode = "fallback"

    @property
    def _llm_type(self) -> str:
        return "offline-engine"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"engine": ENGINE_NAME, "seed_dir": str(self.seed_dir or "")}

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Any],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        return self.model_copy(update={"tool_names": tuple(sorted(_tool_name(t) for t in tools))})

    def warm_up(self) -> None:
        """Load the understanding now (a few seconds) rather than on the first message."""
        dialogue_policy(self.seed_dir, self.data_dir)

    # -- the one decision -----------------------------------------------------------------------------
    def respond(self, messages: Sequence[BaseMessage]) -> AIMessage:
        history = read_history(messages)
        policy = dialogue_policy(self.seed_dir, self.data_dir)
        decision, step = policy.decide(history, frozenset(self.tool_names))
        meta: dict[str, Any] = {"engine": ENGINE_NAME, "intent": step.parse.intent}
        if isinstance(decision, CallTool):
            turn = history.current
            call_id = f"call_{history.seed:016x}_{turn.index}_{len(turn.events)}"
            args = _allowed_args(decision.name, decision.args)
            meta["act"] = "tool"
            return AIMessage(
                content="",
                tool_calls=[{"name": decision.name, "args": args, "id": call_id, "type": "tool_call"}],
                response_metadata={"offline": meta, "model_name": ENGINE_NAME},
            )
        assert isinstance(decision, Answer)
        writer = AnswerWriter(history.seed, step.state.language)
        variables = decision.variables
        if step.state.language == "ja":  # the data's own Japanese names and terms, not the English fields
            variables = localise(variables, japanese_map(e.result for t in history.turns for e in t.events if e.ok))
        text = writer.render(decision.act, **variables)
        meta["act"] = OFFERS.get(decision.act, decision.act)
        if decision.shown is not None:
            meta["shown"] = {"kind": decision.shown[0], "keys": list(decision.shown[1])}
        if decision.memo:
            meta["memo"] = decision.memo
        problems = ungrounded(text, conversation_evidence(messages))
        if problems:
            if self.grounding == "strict":
                raise UngroundedAnswerError(decision.act, problems)
            kinds = sorted({p.split(" ", 1)[0] for p in problems})
            log.error("offline answer %r withheld: %d figure(s) not in tool results (%s)", decision.act,
                      len(problems), ", ".join(kinds))  # fmt: skip
            text = writer.render(UNVERIFIED_ACT)
            meta["act"] = UNVERIFIED_ACT
            meta["withheld"] = decision.act
        return AIMessage(content=text, response_metadata={"offline": meta, "model_name": ENGINE_NAME})

    def _reply(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> AIMessage:
        return self.respond(messages)

    def _chunks(self, message: AIMessage) -> Iterator[tuple[AIMessageChunk, str | None]]:
        """Tool calls as one chunk; an answer in small pieces at word boundaries, the metadata on the last."""
        if message.tool_calls:
            chunk = AIMessageChunk(
                content="",
                tool_call_chunks=[
                    {
                        "name": c["name"],
                        "args": json.dumps(c["args"]),
                        "id": c["id"],
                        "index": i,
                        "type": "tool_call_chunk",
                    }
                    for i, c in enumerate(message.tool_calls)
                ],
                response_metadata=message.response_metadata,
            )
            yield chunk, None
            return
        text = text_of(message)
        pieces = _pieces(text)
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1
            yield AIMessageChunk(content=piece, response_metadata=message.response_metadata if last else {}), piece


def _pieces(text: str, size: int = 24) -> list[str]:
    """Split an answer into small chunks at word boundaries (streaming for the chat widget)."""
    out: list[str] = []
    current = ""
    for word in text.split(" "):
        current = f"{current} {word}" if current else word
        if len(current) >= size:
            out.append(current + " ")
            current = ""
    if current:
        out.append(current)
    if out and out[-1].endswith(" ") and not text.endswith(" "):
        out[-1] = out[-1][:-1]
    return out or [""]
