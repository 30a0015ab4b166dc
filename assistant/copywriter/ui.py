"""The copy studio tab of the web app (Gradio 6): brief in, copy, claim report with highlights, page preview,
downloads out. The web engineer calls `build_tab()` inside a `gr.Tab`; all the work is `CopyStudio.run`.
"""

from __future__ import annotations

import contextlib
import html
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from assistant.copywriter.brief import BriefError, load_voices, make_brief
from assistant.copywriter.studio import CopyStudio, ExportBlocked, StudioResult, Variant

StudioFactory = Callable[[], CopyStudio]
LABELS = {"supported": "supported", "unsupported": "unsupported", "contradicted": "contradicted"}
COLOURS = {"supported": "#c8e6c9", "unsupported": "#ffe082", "contradicted": "#ef9a9a"}


@cache
def _default_studio() -> CopyStudio:
    """The studio over the live catalogue, built on first use (never at import)."""
    from assistant.copywriter.facts import ServicesFacts
    from assistant.settings import load_settings
    from tools.services import build_services

    settings = load_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    services = build_services(settings.resolved_database_url, settings.seed_dir)
    model = None
    if settings.model != "offline":
        from assistant.models import build_chat_model

        model = build_chat_model(settings)
    return CopyStudio(ServicesFacts(services), model)


def highlighted(variant: Variant) -> list[tuple[str, str | None]]:
    """The copy as (text, label) pieces for gr.HighlightedText: every claim coloured by its verdict."""
    pieces: list[tuple[str, str | None]] = []
    verdicts = variant.report.verdicts
    for field, text in variant.copy.fields():
        pieces.append((f"\n[{field}] ", None))
        cursor = 0
        for v in sorted((v for v in verdicts if v.claim.field == field), key=lambda v: v.claim.start):
            if v.claim.start < cursor:
                continue
            pieces.append((text[cursor:v.claim.start], None))
            pieces.append((text[v.claim.start:v.claim.end], LABELS[v.status]))
            cursor = v.claim.end
        pieces.append((text[cursor:], None))
    return [(t, label) for t, label in pieces if t]


def report_rows(variant: Variant) -> list[list[str]]:
    ordered = sorted(variant.report.verdicts, key=lambda v: v.status == "supported")
    return [[v.status, v.claim.kind, v.claim.field, v.claim.text, v.fact or v.expected or v.reason] for v in ordered]


def preview(result: StudioResult, variant: Variant) -> str:
    """The page in a sandboxed iframe (srcdoc), so its CSS cannot leak into the app and scripts cannot run."""
    page = variant.html(result.sheet, result.brief.language)
    return (f'<iframe title="Landing page preview" sandbox="" srcdoc="{html.escape(page, quote=True)}" '
            'style="width:100%;height:720px;border:1px solid #8a8a8a;border-radius:8px"></iframe>')


def summary(result: StudioResult) -> str:
    lines = [f"**Writer:** {result.writer} · **time:** {result.seconds:.2f} s"]
    if result.blockers:
        lines.append("**Not exported: fix these first**")
        lines += [f"- {html.escape(b)}" for b in result.blockers]
    for v in result.variants:
        c = v.report.counts()
        state = "passes" if v.report.passed else "has flagged claims"
        fixed = f" (draft had {len(v.draft_report.flagged)} flagged; fixed by {v.fix_mode})" if v.fixed else ""
        lines.append(f"- Variant {v.index + 1}: {c['claims']} claims, {c['supported']} supported, "
                     f"{c['unsupported']} unsupported, {c['contradicted']} contradicted: {state}{fixed}")
    return "\n".join(lines)


def run_studio(studio: CopyStudio, ids: str, voice: str, language: str, campaign: str, audience: str, length: str,
               cta: str, approved: str, variants: int, fix: bool) -> tuple[StudioResult, Path]:
    """Validate the form into a brief, run the studio, export the files for download."""
    brief = make_brief(
        subject_ids=[i.strip() for i in ids.replace(",", " ").split() if i.strip()], voice=voice,
        language=language, campaign=campaign or None, audience=audience or "members of the loyalty programme",
        length=length, cta=cta or None, approved_claims=[a.strip() for a in approved.splitlines() if a.strip()],
        variants=int(variants),
    )
    result = studio.run(brief, fix=fix)
    out = Path(tempfile.mkdtemp(prefix="copy-studio-"))
    with contextlib.suppress(ExportBlocked):  # blocked: nothing to download; the summary lists the blockers
        result.export(out)
    return result, out


def build_tab(studio_factory: StudioFactory | None = None) -> None:
    """The copy studio's components; call inside `with gr.Tab("Copy studio"):`."""
    import gradio as gr

    factory = studio_factory or _default_studio
    voices = sorted(load_voices())

    gr.Markdown("### Copy studio\nLanding-page copy from catalogue facts; every claim is checked against the "
                "catalogue, the points rules engine and your brief.")
    with gr.Row():
        with gr.Column(scale=1):
            ids = gr.Textbox(label="Product, hotel, destination or plan ids", value="P000001",
                             info="Separate several ids with commas for a campaign page.")
            voice = gr.Dropdown(voices, value="friendly" if "friendly" in voices else voices[0], label="Brand voice")
            language = gr.Radio(["en", "ja"], value="en", label="Language")
            campaign = gr.Textbox(label="Points campaign", placeholder="10x points this weekend")
            audience = gr.Textbox(label="Audience", value="members of the loyalty programme")
            length = gr.Radio(["short", "medium", "long"], value="medium", label="Length")
            cta = gr.Textbox(label="Call to action (optional)")
            approved = gr.Textbox(label="Claims approved by legal (one per line)", lines=2)
            variants = gr.Slider(1, 5, value=2, step=1, label="Variants")
            fix = gr.Checkbox(value=True, label="Fix flagged claims (regenerate with an LLM, else remove)")
            go = gr.Button("Write copy", variant="primary")
        with gr.Column(scale=2):
            status = gr.Markdown()
            pick = gr.Radio(choices=[], label="Variant", interactive=True)
            claims = gr.HighlightedText(label="Copy with claims highlighted", color_map=COLOURS,
                                        show_legend=True, combine_adjacent=False)
            table = gr.Dataframe(headers=["status", "kind", "field", "claim", "fact / what the facts say"],
                                 label="Claim report", wrap=True, interactive=False)
            page = gr.HTML(label="Page preview")
            result_state = gr.State(None)
            files = gr.File(label="Downloads (page.html, page.md, copy.json, claims.json)", file_count="multiple")

    def show(result: StudioResult, index: int) -> tuple[Any, ...]:
        variant = result.variants[index]
        return highlighted(variant), report_rows(variant), preview(result, variant)

    def write(*form: Any) -> tuple[Any, ...]:
        try:
            result, out = run_studio(factory(), *form)
        except BriefError as exc:
            raise gr.Error(f"Brief: {exc}") from None
        except Exception as exc:  # domain errors (unknown id) come back as a message, not a stack trace
            message = getattr(exc, "message", None)
            if message is None:
                raise
            raise gr.Error(message) from None
        choices = [f"Variant {v.index + 1}" for v in result.variants]
        best = result.best.index
        return (summary(result), gr.update(choices=choices, value=choices[best]), *show(result, best),
                sorted(str(p) for p in out.iterdir()), result)

    def switch(choice: str | None, result: StudioResult | None) -> tuple[Any, ...]:
        if result is None or not choice:
            return gr.update(), gr.update(), gr.update()
        return show(result, int(choice.split()[-1]) - 1)

    go.click(write, [ids, voice, language, campaign, audience, length, cta, approved, variants, fix],
             [status, pick, claims, table, page, files, result_state])
    pick.change(switch, [pick, result_state], [claims, table, page])
