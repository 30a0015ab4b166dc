"""Fixing flagged copy on request: ask the model to rewrite without the flagged claims, or remove them.

Removal is surgical where the right value is known (a wrong price becomes the real one), and otherwise drops
the sentence that carries the claim; a field left empty takes the offline composer's fact-only text. The
result is checked again, so a fix never hands back copy with a flagged claim in it.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ValidationError

from assistant.copywriter.brief import BrandVoice, CampaignBrief
from assistant.copywriter.check import ClaimChecker, ClaimReport, Verdict
from assistant.copywriter.generate import CopyGenerationError, ModelCopywriter
from assistant.copywriter.schema import MIN_BULLETS, LandingCopy

FixMode = Literal["remove", "regenerate"]
_SENTENCE = re.compile(r"(?:[^.!?。！？]|[.!?](?!\s|$))+(?:[.!?]+(?=\s|$)|[。！？]+)?\s*|[。！？.!?]+\s*")


class FixResult(BaseModel):
    copy_: LandingCopy
    report: ClaimReport
    mode: FixMode
    actions: list[str]  # what was changed, for the marketer


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.end() > m.start()]
    return spans or [(0, len(text))]


def repair_text(text: str, verdicts: list[Verdict]) -> tuple[str, list[str]]:
    """Apply corrections inside kept sentences and drop sentences holding an uncorrectable claim."""
    actions: list[str] = []
    pieces: list[str] = []
    for start, end in _sentences(text):
        inside = [v for v in verdicts if start <= v.claim.start < end]
        if any(v.correction is None for v in inside):
            actions += [f"removed \"{v.claim.text}\" ({v.reason})" for v in inside]
            continue
        sentence = text[start:end]
        for v in sorted(inside, key=lambda v: v.claim.start, reverse=True):
            a, b = v.claim.start - start, v.claim.end - start
            sentence = sentence[:a] + (v.correction or "") + sentence[b:]
            actions.append(f"corrected \"{v.claim.text}\" to \"{v.correction}\"")
        pieces.append(sentence)
    return "".join(pieces).strip(), actions


def remove_flagged(copy: LandingCopy, report: ClaimReport, fallback: LandingCopy) -> tuple[LandingCopy, list[str]]:
    """Correct or drop every flagged claim; fields left empty take the fact-only fallback text."""
    by_field: dict[str, list[Verdict]] = {}
    for verdict in report.flagged:
        by_field.setdefault(verdict.claim.field, []).append(verdict)
    data = copy.model_dump()
    actions: list[str] = []
    for field, verdicts in by_field.items():
        text, done = repair_text(copy.get_field(field), verdicts)
        actions += [f"{field}: {a}" for a in done]
        if "[" in field:
            name, index = field[:-1].split("[")
            data[name][int(index)] = text
        else:
            data[field] = text or fallback.get_field(field)
    data["bullets"] = [b for b in data["bullets"] if b]
    for extra in fallback.bullets:
        if len(data["bullets"]) >= MIN_BULLETS:
            break
        if extra not in data["bullets"]:
            data["bullets"].append(extra)
    data["body"] = [p for p in data["body"] if p] or list(fallback.body[:1])
    try:
        return LandingCopy.model_validate(data), actions
    except ValidationError:
        for name in ("headline", "subheadline", "cta", "seo_title", "meta_description", "bullets", "body"):
            try:
                LandingCopy.model_validate({**fallback.model_dump(), name: data[name]})
            except ValidationError:
                data[name] = fallback.model_dump()[name]
                actions.append(f"{name}: replaced with fact-only text (the edit broke its length limit)")
        return LandingCopy.model_validate(data), actions


def fix_copy(
    copy: LandingCopy,
    report: ClaimReport,
    checker: ClaimChecker,
    fallback: LandingCopy,
    *,
    writer: ModelCopywriter | None = None,
    brief: CampaignBrief | None = None,
    voice: BrandVoice | None = None,
    variant: int = 0,
    max_rounds: int = 3,
) -> FixResult:
    """Regenerate (when a model writer is given) or remove the flagged claims until the copy passes."""
    actions: list[str] = []
    mode: FixMode = "remove"
    if report.passed:
        return FixResult(copy_=copy, report=report, mode=mode, actions=[])
    if writer is not None and brief is not None and voice is not None:
        mode = "regenerate"
        try:
            before = report
            copy = writer.write(checker.sheet, brief, voice, variant, feedback=report.flagged)
            report = checker.check(copy)
            text = " ".join(t for _, t in copy.fields())
            actions += [f"{v.claim.field}: rewritten by the model without \"{v.claim.text}\" ({v.reason})"
                        for v in before.flagged if v.claim.text not in text]
            actions.append(f"regenerated with {len(report.verdicts)} claims; {len(report.flagged)} still flagged")
        except CopyGenerationError as exc:
            actions.append(f"regeneration failed ({exc}); removing the flagged claims instead")
    for _ in range(max_rounds):
        if report.passed:
            break
        copy, done = remove_flagged(copy, report, fallback)
        actions += done
        report = checker.check(copy)
    if not report.passed:  # last resort: the fact-only fields wholesale
        for field in sorted({v.claim.field.split("[")[0] for v in report.flagged}):
            copy = LandingCopy.model_validate({**copy.model_dump(), field: fallback.model_dump()[field]})
            actions.append(f"{field}: replaced with fact-only text")
        report = checker.check(copy)
    return FixResult(copy_=copy, report=report, mode=mode, actions=actions)
