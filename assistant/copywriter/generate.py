"""Writing landing-page copy: any LangChain chat model with structured output, or the offline composer.

`writer_for(model)` picks the writer: the offline engine (or no model at all) gets the deterministic template
composer, anything else (a litellm model from `assistant.models.build_chat_model`, a scripted test model) is
asked for a `LandingCopy` through `with_structured_output`, one call per variant, with the fact sheet as data.
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import ValidationError

from assistant.copywriter.brief import BrandVoice, CampaignBrief
from assistant.copywriter.check import Verdict
from assistant.copywriter.compose import OfflineCopywriter
from assistant.copywriter.facts import FactSheet
from assistant.copywriter.schema import LandingCopy
from assistant.copywriter.templates import render

ANGLES = ["lead with the points", "lead with the product's use", "lead with the specifications",
          "lead with the price", "lead with the reviews"]
OFFLINE_MODEL_TYPES = {"offline-engine", "offline"}


class CopyGenerationError(RuntimeError):
    """The model did not return usable copy (after one retry)."""


class ModelCopywriter:
    """Copy from a chat model's structured output; the prompt carries the facts as data, never as instructions."""

    def __init__(self, model: BaseChatModel) -> None:
        self.model = model
        self.name = getattr(model, "model_name", None) or getattr(model, "model", None) or model._llm_type

    def write(self, sheet: FactSheet, brief: CampaignBrief, voice: BrandVoice, variant: int = 0,
              feedback: list[Verdict] | None = None) -> LandingCopy:
        error: str | None = None
        for _attempt in range(2):
            messages = self.messages(sheet, brief, voice, variant, feedback, error)
            result: Any = self.model.with_structured_output(LandingCopy, include_raw=True).invoke(messages)
            parsed = result.get("parsed") if isinstance(result, dict) else result
            if isinstance(parsed, LandingCopy):
                return parsed
            failure = result.get("parsing_error") if isinstance(result, dict) else None
            error = _describe(failure) if failure else "no LandingCopy tool call in the answer"
        raise CopyGenerationError(f"The model did not return valid landing-page copy: {error}")

    def messages(self, sheet: FactSheet, brief: CampaignBrief, voice: BrandVoice, variant: int,
                 feedback: list[Verdict] | None = None, error: str | None = None) -> list[Any]:
        facts = sheet.model_dump(mode="json", exclude={"vocabulary"})
        system = render(f"system_{brief.language}.j2", voice=voice)
        user = render("user.j2", brief=brief, voice=voice, variant=variant, angle=ANGLES[variant % len(ANGLES)],
                      facts_json=json.dumps(facts, ensure_ascii=False, indent=1), feedback=feedback or [],
                      error=error)
        return [SystemMessage(system), HumanMessage(user)]


def _describe(failure: object) -> str:
    cause = getattr(failure, "__cause__", None) or failure
    if isinstance(cause, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in cause.errors()[:4])
    return str(failure)[:300]


def is_offline(model: BaseChatModel | None) -> bool:
    return model is None or model._llm_type in OFFLINE_MODEL_TYPES


def writer_for(model: BaseChatModel | None) -> OfflineCopywriter | ModelCopywriter:
    """The offline composer for no model or the offline engine; otherwise the model's structured output."""
    if model is None or is_offline(model):
        return OfflineCopywriter()
    return ModelCopywriter(model)
