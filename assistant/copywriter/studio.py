"""The copy studio's one entry point: brief in, checked variants and finished pages out.

Used by the CLI (`assistant copy`), the web tab and the benchmark, so all three behave the same: build the
fact sheet, write the variants, check every claim, optionally fix, render HTML/Markdown/JSON.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel

from assistant.copywriter.brief import BrandVoice, CampaignBrief, load_voices
from assistant.copywriter.check import ClaimChecker, ClaimReport
from assistant.copywriter.compose import OfflineCopywriter
from assistant.copywriter.facts import CatalogueFacts, FactSheet, build_fact_sheet
from assistant.copywriter.fix import FixMode, fix_copy
from assistant.copywriter.generate import ModelCopywriter, writer_for
from assistant.copywriter.page import claims_json, render_html, render_json, render_markdown
from assistant.copywriter.policy import ClaimsPolicy, load_policy
from assistant.copywriter.schema import LandingCopy, Language


@dataclass
class Variant:
    """One draft: as written, its claim report, and (when fixed) what the fixer changed."""

    index: int
    draft: LandingCopy
    draft_report: ClaimReport
    copy: LandingCopy
    report: ClaimReport
    fixed: bool = False
    fix_mode: FixMode | None = None
    actions: list[str] = field(default_factory=list)

    def html(self, sheet: FactSheet, language: Language) -> str:
        return render_html(self.copy, sheet, language)


class ExportBlocked(RuntimeError):
    """The page may not be exported yet; the message lists what to fix."""

    def __init__(self, blockers: list[str]) -> None:
        super().__init__("The page cannot be exported until these are fixed: " + "; ".join(blockers))
        self.blockers = blockers


def changes(variant: Variant) -> list[dict[str, str]]:
    """Every flagged claim of the draft and what became of it (corrected, removed, rewritten, still there)."""
    final = " ".join(text for _, text in variant.copy.fields())
    flagged = {(v.claim.field, v.claim.text) for v in variant.report.flagged}
    rows: list[dict[str, str]] = []
    for v in variant.draft_report.flagged:
        if (v.claim.field, v.claim.text) in flagged:
            outcome = "still in the copy"
        elif v.correction and v.correction in final:
            outcome = f"corrected to {v.correction!r}"
        elif v.claim.text in final:
            outcome = "kept (rewritten around it)"
        else:
            outcome = "rewritten by the model" if variant.fix_mode == "regenerate" else "removed"
        rows.append({"claim": v.claim.text, "kind": v.claim.kind, "field": v.claim.field, "status": v.status,
                     "reason": v.reason, "outcome": outcome})
    return rows


@dataclass
class StudioResult:
    brief: CampaignBrief
    sheet: FactSheet
    writer: str
    variants: list[Variant]
    seconds: float

    @property
    def best(self) -> Variant:
        """The first variant that passes the check (or the one with the fewest flagged claims)."""
        return min(self.variants, key=lambda v: (len(v.report.flagged), v.index))

    @property
    def blockers(self) -> list[str]:
        """Why the chosen page may not be published: a campaign the programme does not run for it, or a
        claim still flagged."""
        found = [f"campaign: {p}" for p in self.sheet.campaign.problems]
        found += [f"{v.status} claim {v.claim.text!r} ({v.reason})" for v in self.best.report.flagged]
        return found

    def export(self, out_dir: Path, *, force: bool = False) -> dict[str, Path]:
        """Write page.html, page.md, copy.json and claims.json (plus page-vN.html for other variants).

        Raises ExportBlocked while `blockers` is not empty (`force` writes them anyway, for review only)."""
        if self.blockers and not force:
            raise ExportBlocked(self.blockers)
        out_dir.mkdir(parents=True, exist_ok=True)
        lang = self.brief.language
        best = self.best
        paths = {
            "page.html": out_dir / "page.html", "page.md": out_dir / "page.md",
            "copy.json": out_dir / "copy.json", "claims.json": out_dir / "claims.json",
        }
        paths["page.html"].write_text(render_html(best.copy, self.sheet, lang), encoding="utf-8")
        paths["page.md"].write_text(render_markdown(best.copy, self.sheet, lang), encoding="utf-8")
        document = render_json(best.copy, self.sheet, best.report, lang)
        document["variants"] = [self._variant_json(v) for v in self.variants]
        document["writer"] = self.writer
        document["chosen_variant"] = best.index + 1
        paths["copy.json"].write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        claims = {"blockers": self.blockers, "campaign": self.sheet.campaign.model_dump(mode="json"),
                  "variants": [{"variant": v.index + 1, "draft": claims_json(v.draft_report),
                                "final": claims_json(v.report), "actions": v.actions, "changes": changes(v)}
                               for v in self.variants]}
        paths["claims.json"].write_text(json.dumps(claims, ensure_ascii=False, indent=2), encoding="utf-8")
        for variant in self.variants:
            if variant is not best:
                extra = out_dir / f"page-v{variant.index + 1}.html"
                extra.write_text(render_html(variant.copy, self.sheet, lang), encoding="utf-8")
                paths[extra.name] = extra
        return paths

    @staticmethod
    def _variant_json(v: Variant) -> dict[str, Any]:
        return {"variant": v.index + 1, "copy": v.copy.model_dump(), "draft": v.draft.model_dump(),
                "fixed": v.fixed, "fix_mode": v.fix_mode, "actions": v.actions, "counts": v.report.counts()}


class CopyStudio:
    """Brief -> fact sheet -> variants -> claim check -> (fix) -> pages."""

    def __init__(self, facts: CatalogueFacts, model: BaseChatModel | None = None,
                 policy: ClaimsPolicy | None = None) -> None:
        self.facts = facts
        self.model = model
        self.writer = writer_for(model)
        self.policy = policy  # None: legal's file, re-read for every brief

    def voice(self, brief: CampaignBrief) -> BrandVoice:
        return load_voices()[brief.voice]

    def sheet(self, brief: CampaignBrief) -> FactSheet:
        return build_fact_sheet(self.facts, brief, self.policy if self.policy is not None else load_policy())

    def run(self, brief: CampaignBrief, *, fix: bool = True) -> StudioResult:
        started = time.perf_counter()
        sheet = self.sheet(brief)
        voice = self.voice(brief)
        checker = ClaimChecker(sheet)
        offline = OfflineCopywriter()
        variants: list[Variant] = []
        for index in range(brief.variants):
            draft = self.writer.write(sheet, brief, voice, index)
            report = checker.check(draft)
            variant = Variant(index=index, draft=draft, draft_report=report, copy=draft, report=report)
            if fix and not report.passed:
                variant = self.fix(variant, sheet, brief, voice, checker, offline)
            variants.append(variant)
        return StudioResult(brief=brief, sheet=sheet, writer=self.writer.name, variants=variants,
                            seconds=time.perf_counter() - started)

    def fix(self, variant: Variant, sheet: FactSheet, brief: CampaignBrief, voice: BrandVoice,
            checker: ClaimChecker | None = None, offline: OfflineCopywriter | None = None,
            mode: FixMode | None = None) -> Variant:
        """Regenerate (model writers, unless mode="remove") or remove the flagged claims of one variant."""
        checker = checker or ClaimChecker(sheet)
        fallback = self._fallback(sheet, brief, voice, checker, offline or OfflineCopywriter(), variant.index)
        writer = self.writer if isinstance(self.writer, ModelCopywriter) and mode != "remove" else None
        result = fix_copy(variant.copy, variant.report, checker, fallback, writer=writer, brief=brief, voice=voice,
                          variant=variant.index)
        return Variant(index=variant.index, draft=variant.draft, draft_report=variant.draft_report,
                       copy=result.copy_, report=result.report, fixed=True, fix_mode=result.mode,
                       actions=variant.actions + result.actions)

    @staticmethod
    def _fallback(sheet: FactSheet, brief: CampaignBrief, voice: BrandVoice, checker: ClaimChecker,
                  offline: OfflineCopywriter, index: int) -> LandingCopy:
        """Fact-only text for fields the fixer empties: the offline draft with its own flagged claims removed."""
        from assistant.copywriter.fix import remove_flagged

        draft = offline.write(sheet, brief, voice, index)
        report = checker.check(draft)
        if report.passed:
            return draft
        cleaned, _ = remove_flagged(draft, report, draft)
        return cleaned
