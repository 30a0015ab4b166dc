"""The copy studio tab of the web app (Gradio 6): find what to promote by name, pick a programme campaign, read
the facts beside the brief, then compare the checked variants side by side and download the page.

`build_tab()` is called inside the staff route's Blocks; all the work is `CopyStudio.run`, and the adapters
below are plain functions so they are tested without a browser.
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
from assistant.copywriter.facts import FactSheet
from assistant.copywriter.picker import Candidate, SubjectPicker
from assistant.copywriter.studio import CopyStudio, ExportBlocked, StudioResult, Variant, changes

StudioFactory = Callable[[], CopyStudio]
PickerFactory = Callable[[], SubjectPicker]
LABELS = {"supported": "supported", "unsupported": "unsupported", "contradicted": "contradicted"}
COLOURS = {"supported": "#c8e6c9", "unsupported": "#ffe082", "contradicted": "#ef9a9a"}
NO_CAMPAIGN = "No campaign"


@cache
def _default_services() -> tuple[Any, Any]:
    from assistant.settings import load_settings
    from tools.services import build_services

    settings = load_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return settings, build_services(settings.resolved_database_url, settings.seed_dir)


def studio_for(services: Any, settings: Any) -> CopyStudio:
    from assistant.copywriter.facts import ServicesFacts

    model = None
    if settings.model != "offline":
        from assistant.models import build_chat_model

        model = build_chat_model(settings)
    return CopyStudio(ServicesFacts(services), model)


def picker_for(services: Any) -> SubjectPicker:
    """Names from the live catalogue; hybrid retrieval when the app has its index (`services.search`)."""

    def items() -> list[Candidate]:
        from sqlalchemy import select

        from tools.tables import MobilePlanRow, ProductRow

        found: list[Candidate] = []
        with services.db.read() as session:
            for data in session.execute(select(ProductRow.data)).scalars():
                found.append(Candidate(data["id"], "product", data["title"],
                                       f"{data['brand']} {data['model_number']} · ¥{data['price_jpy']:,}"))
            for data in session.execute(select(MobilePlanRow.data)).scalars():
                found.append(Candidate(data["id"], "mobile_plan", data["name"], "mobile plan"))
        with contextlib.suppress(Exception):
            for hotel in services.hotels.list_hotels():
                found.append(Candidate(hotel.id, "hotel", hotel.name, f"{hotel.city} · {hotel.stars}★"))
        return found

    return SubjectPicker(items, getattr(services, "search", None))


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


def change_rows(variant: Variant) -> list[list[str]]:
    """Every claim the fixer removed or rewrote, with the reason: nothing disappears unreported."""
    return [[c["outcome"], c["claim"], c["field"], c["status"], c["reason"]] for c in changes(variant)]


def _frame(page: str, title: str, height: int = 720) -> str:
    return (f'<iframe title="{html.escape(title)}" sandbox="" srcdoc="{html.escape(page, quote=True)}" '
            f'style="width:100%;height:{height}px;border:1px solid #8a8a8a;border-radius:8px"></iframe>')


def preview(result: StudioResult, variant: Variant) -> str:
    """The page in a sandboxed iframe (srcdoc), so its CSS cannot leak into the app and scripts cannot run."""
    return _frame(variant.html(result.sheet, result.brief.language), "Landing page preview")


def side_by_side(result: StudioResult) -> str:
    """Every variant's page next to the others (stacked on a phone), each with its claim count."""
    cells = []
    for v in result.variants:
        c = v.report.counts()
        state = "passes" if v.report.passed else f"{len(v.report.flagged)} flagged"
        cells.append(f'<div style="flex:1 1 300px;min-width:280px"><p><strong>Variant {v.index + 1}</strong> · '
                     f'{c["claims"]} claims, {state}</p>'
                     f'{_frame(v.html(result.sheet, result.brief.language), f"Variant {v.index + 1}", 560)}</div>')
    return f'<div style="display:flex;flex-wrap:wrap;gap:12px">{"".join(cells)}</div>'


def summary(result: StudioResult) -> str:
    lines = [f"**Writer:** {result.writer} · **time:** {result.seconds:.2f} s"]
    if result.blockers:
        lines.append("**Not exported: fix these first**")
        lines += [f"- {html.escape(b)}" for b in result.blockers]
    else:
        lines.append("**Ready to export**: every claim is supported; the downloads are below.")
    for v in result.variants:
        c = v.report.counts()
        state = "passes" if v.report.passed else "has flagged claims"
        fixed = f" (draft had {len(v.draft_report.flagged)} flagged; fixed by {v.fix_mode})" if v.fixed else ""
        lines.append(f"- Variant {v.index + 1}: {c['claims']} claims, {c['supported']} supported, "
                     f"{c['unsupported']} unsupported, {c['contradicted']} contradicted: {state}{fixed}")
    return "\n".join(lines)


def facts_markdown(sheet: FactSheet) -> str:
    """The facts the page may rest on, beside the brief: what the writer is told and the check accepts."""
    lines: list[str] = []
    for s in sheet.subjects:
        lines.append(f"**{html.escape(s.name)}** · `{s.id}` · {html.escape(s.category or s.kind)}")
        if s.price_jpy is not None:
            listed = f" (list ¥{s.list_price_jpy:,})" if s.list_price_jpy else ""
            lines.append(f"- price ¥{s.price_jpy:,}{listed}")
        if s.rating is not None:
            lines.append(f"- rating {s.rating:.1f}/5 from {s.review_count or 0:,} reviews")
        if s.stock is not None:
            lines.append(f"- stock {s.stock}; delivery in {s.delivery_days} day"
                         f"{'' if s.delivery_days == 1 else 's'}{'; free shipping' if s.free_shipping else ''}")
        for key, value in list(s.attributes.items())[:6]:
            lines.append(f"- {html.escape(key.replace('_', ' '))}: {html.escape(value)}")
        if s.points:
            parts = " + ".join(f"{line.points:,} {line.kind}" for line in s.points.lines if line.points)
            lines.append(f"- points (rules engine): **{s.points.total:,}** = {parts}")
        lines.append("")
    check = sheet.campaign
    if check.campaign and check.valid:
        lines.append(f"**Campaign:** {html.escape(check.campaign.describe())}")
    elif check.asked_for:
        lines.append("**Campaign problem:** " + html.escape("; ".join(check.problems)))
    return "\n".join(lines)


def campaign_choices(studio: CopyStudio, ids: list[str]) -> list[tuple[str, str]]:
    """The programme's campaigns, each marked with whether it runs today for the picked items."""
    choices = [(NO_CAMPAIGN, "")]
    for campaign in studio.facts.campaigns():
        mark = ""
        if ids:
            try:
                sheet = studio.sheet(make_brief(subject_ids=ids, campaign_id=campaign.id))
                mark = " ✓ runs for your picks" if sheet.campaign.valid else " ✗ not for your picks or dates"
            except Exception:
                mark = ""
        multiplier = campaign.bonus_multiplier + studio.facts.rules.base_rate
        scope = campaign.category or (f"shop {campaign.shop_id}" if campaign.shop_id else "all categories")
        label = (f"{campaign.id} {campaign.name}: {multiplier}x, {scope}, {campaign.starts_on:%b %d}–"
                 f"{campaign.ends_on:%b %d}{mark}")
        choices.append((label, campaign.id))
    return choices


def run_studio(studio: CopyStudio, ids: str, voice: str, language: str, campaign: str, audience: str, length: str,
               cta: str, approved: str, variants: int, fix: bool, campaign_id: str = "",
               image: str = "auto") -> tuple[StudioResult, Path]:
    """Validate the form into a brief, run the studio, export the files for download (unless blocked)."""
    brief = make_brief(  # fields of a closed accordion arrive as None: every one has its default
        subject_ids=[i.strip() for i in (ids or "").replace(",", " ").split() if i.strip()], voice=voice,
        language=language or "en", campaign=campaign or None, campaign_id=campaign_id or None,
        audience=audience or "members of the loyalty programme", length=length or "medium", cta=cta or None,
        approved_claims=[a.strip() for a in (approved or "").splitlines() if a.strip()], variants=int(variants or 1),
        image=image or "auto",
    )
    result = studio.run(brief, fix=fix)
    out = Path(tempfile.mkdtemp(prefix="copy-studio-"))
    with contextlib.suppress(ExportBlocked):  # blocked: nothing to download; the summary lists the blockers
        result.export(out)
    return result, out


def build_tab(studio_factory: StudioFactory | None = None, picker_factory: PickerFactory | None = None,
              get_runtime: Callable[[], Any] | None = None) -> None:
    """The copy studio's components; call inside the staff route's Blocks."""
    import gradio as gr

    def services() -> tuple[Any, Any]:
        if get_runtime is not None:
            with contextlib.suppress(Exception):
                runtime = get_runtime()
                return runtime.settings, runtime.services
        settings, live = _default_services()
        return settings, live

    @cache
    def default_studio() -> CopyStudio:
        settings, live = services()
        return studio_for(live, settings)

    @cache
    def default_picker() -> SubjectPicker:
        return picker_for(services()[1])

    factory = studio_factory or default_studio
    pickers = picker_factory or default_picker
    voices = sorted(load_voices())

    gr.Markdown("### Copy studio\n1. Find what to promote by name. 2. Pick a campaign the programme runs. "
                "3. Write the copy: every claim is checked against the catalogue, the points rules engine and "
                "legal's approved claims. 4. Compare the variants and download the page.")
    with gr.Row():
        with gr.Column(scale=1):
            with gr.Row():
                find = gr.Textbox(label="Find by name", placeholder="e.g. shokz earbuds, rice cooker, Hakone",
                                  elem_id="studio-find", scale=4)
                find_go = gr.Button("Search", size="sm", scale=1, elem_id="studio-search")
            picked = gr.Dropdown(choices=[], value=[], multiselect=True, label="Promote (pick one or more)",
                                 elem_id="studio-picked", interactive=True)
            ids = gr.Textbox(label="Ids (filled in from your picks)", elem_id="studio-ids",
                             info="Or type product, hotel or plan ids, separated by commas.")
            campaign_id = gr.Dropdown(choices=[(NO_CAMPAIGN, "")], value="", label="Campaign from the programme",
                                      elem_id="studio-campaign", interactive=True)
            voice = gr.Dropdown(voices, value="friendly" if "friendly" in voices else voices[0], label="Brand voice")
            language = gr.Radio(["en", "ja"], value="en", label="Language", elem_id="studio-language")
            with gr.Accordion("More options", open=False):
                campaign = gr.Textbox(label="Campaign line (checked against the programme)",
                                      placeholder="10x points this weekend")
                audience = gr.Textbox(label="Audience", value="members of the loyalty programme")
                length = gr.Radio(["short", "medium", "long"], value="medium", label="Length")
                cta = gr.Textbox(label="Call to action (optional)")
                approved = gr.Textbox(label="Wording you want to use (a superlative passes only with legal's "
                                            "approval)", lines=2)
                image = gr.Radio(["auto", "none", "placeholder"], value="auto", label="Image slot",
                                 info="auto: the catalogue's image if it has one, else none")
            variants = gr.Slider(1, 5, value=2, step=1, label="Variants")
            fix = gr.Checkbox(value=True, label="Fix flagged claims (regenerate with an LLM, else remove)")
            go = gr.Button("Write copy", variant="primary", elem_id="studio-write")
        with gr.Column(scale=1):
            facts = gr.Markdown("Pick something to promote to see its facts here.", label="Facts sheet",
                                elem_id="studio-facts")
    status = gr.Markdown(elem_id="studio-status")
    files = gr.File(label="Downloads (page.html, page.md, copy.json, claims.json)", file_count="multiple",
                    elem_id="studio-files")
    compare = gr.HTML(label="Variants side by side")
    pick = gr.Radio(choices=[], label="Variant", interactive=True)
    claims = gr.HighlightedText(label="Copy with claims highlighted", color_map=COLOURS,
                                show_legend=True, combine_adjacent=False)
    table = gr.Dataframe(headers=["status", "kind", "field", "claim", "fact / what the facts say"],
                         label="Claim report", wrap=True, interactive=False)
    changed = gr.Dataframe(headers=["what happened", "claim", "field", "status", "reason"],
                           label="Removed or rewritten claims", wrap=True, interactive=False)
    page = gr.HTML(label="Page preview")
    result_state = gr.State(None)

    def search(text: str, chosen: list[str] | None) -> Any:
        picker = pickers()
        chosen = list(chosen or [])
        keep = [c.choice for i in chosen if (c := picker.by_id(i)) is not None]
        found = [c.choice for c in picker.find(text or "")]
        merged = list(dict.fromkeys(keep + found))
        if not found:
            gr.Info(f"Nothing found for {text!r}; try part of the name or the brand.")
        return gr.update(choices=merged, value=chosen)

    def chosen_changed(chosen: list[str] | None) -> tuple[Any, Any, Any]:
        chosen = list(chosen or [])
        studio = factory()
        if not chosen:
            return "", "Pick something to promote to see its facts here.", gr.update(
                choices=campaign_choices(studio, []))
        try:
            sheet = studio.sheet(make_brief(subject_ids=chosen))
            sheet_text = facts_markdown(sheet)
        except Exception as exc:
            sheet_text = f"Facts unavailable: {getattr(exc, 'message', exc)}"
        return ", ".join(chosen), sheet_text, gr.update(choices=campaign_choices(studio, chosen))

    def show(result: StudioResult, index: int) -> tuple[Any, ...]:
        variant = result.variants[index]
        return highlighted(variant), report_rows(variant), change_rows(variant), preview(result, variant)

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
        downloads = sorted(str(p) for p in out.iterdir()) or None
        return (summary(result), downloads, side_by_side(result), gr.update(choices=choices, value=choices[best]),
                *show(result, best), facts_markdown(result.sheet), result)

    def switch(choice: str | None, result: StudioResult | None) -> tuple[Any, ...]:
        if result is None or not choice:
            return gr.update(), gr.update(), gr.update(), gr.update()
        return show(result, int(choice.split()[-1]) - 1)

    find_go.click(search, [find, picked], [picked])
    find.submit(search, [find, picked], [picked])
    picked.change(chosen_changed, [picked], [ids, facts, campaign_id])
    go.click(write, [ids, voice, language, campaign, audience, length, cta, approved, variants, fix, campaign_id,
                     image],
             [status, files, compare, pick, claims, table, changed, page, facts, result_state])
    pick.change(switch, [pick, result_state], [claims, table, changed, page])
