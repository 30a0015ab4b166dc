# ruff: noqa: E402
"""Copy studio benchmark: 50 offline pages, 20 pages with planted false claims, and claims written blind.

1. 50 offline pages from the generated catalogue: claims checked, unsupported claims left, seconds a page.
2. Planted claims: 20 pages with 3 false sentences each from `plants()`. These sentences were written
   together with the checker, so their catch rate is a regression figure, not a measure of what it catches.
3. Blind claims: `bench/data/copy_false_claims.yaml` (and a second set, `copy_claims_blind2.yaml`, on other
   products; `--blind FILE` reports further files), false claims (and true ones as a false-alarm
   control) written from the seed facts before the checker's code or lexicon was read. Each sentence is
   planted into the first body paragraph of a real page for its product, in its language, with the brief's
   campaign when it names one; a false claim is caught when a flagged verdict overlaps its span, a true
   claim raises a false alarm when one does. Catch rate per kind and per language, false-alarm rate. A
   claim file may carry its own `approved_claims:` (legal's entry format, `policy.py`) for true superlatives.

Prints tables and writes `bench/results/copy.json`:
{"pages", "claims_checked", "flagged_in_drafts", "unsupported_claims_left", "seconds_per_page",
 "planted", "caught", "false_alarms_on_planted_pages", ..., "blind": {...}, "blind2": {...}}.
Run: `.venv/bin/python bench/copy.py [--pages 50] [--planted-pages 20]`.
"""

from __future__ import annotations

import sys

# Run as a script, this file's folder comes first on sys.path and "copy.py" would shadow the standard
# library's `copy` module: drop the folder before anything imports `copy`.
sys.path[:] = [p for p in sys.path if p not in ("", __file__.rsplit("/", 1)[0])]

import argparse
import json
import os
import random
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml
from rich.console import Console
from rich.table import Table

from assistant.copywriter.brief import make_brief
from assistant.copywriter.check import ClaimChecker, ClaimReport
from assistant.copywriter.compose import is_japanese
from assistant.copywriter.facts import DataSetFacts, SubjectFacts
from assistant.copywriter.page import render_html
from assistant.copywriter.picker import SubjectPicker, candidates_from_records
from assistant.copywriter.policy import ClaimsPolicy, load_policy
from assistant.copywriter.schema import PARAGRAPH_MAX, LandingCopy
from assistant.copywriter.studio import CopyStudio
from data.loader import SMALL_DIR, load_dataset

BLIND_CLAIMS = ROOT / "bench" / "data" / "copy_false_claims.yaml"
BLIND2_CLAIMS = ROOT / "bench" / "data" / "copy_claims_blind2.yaml"  # second blind set, other products
DEV_CLAIMS = ROOT / "bench" / "data" / "copy_claims_dev.yaml"  # tuned on (issue 19); the blind set never is
BLIND_NOTE = "from the seed facts, before the checker's code or lexicon was read; never tuned on"
BLIND2_NOTE = ("from the seed facts and the format header only, by a helper who read neither the checker nor the "
               "other claim sets' entries; other products than both; never tuned on")
DEV_NOTE = "dev material for the spec and unit checks, other products than the blind set; tuned on"

VOICES = ["friendly", "premium", "energetic", "expert"]


def plants(s: SubjectFacts, rng: random.Random, language: str) -> list[str]:
    """False claims for one product, each provably false or unprovable from its facts."""
    price = s.price_jpy or 1000
    wrong_price = price + rng.choice([-1, 1]) * rng.choice([500, 1000, 2000]) if price > 2500 else price + 700
    points = s.points.total if s.points else 0
    text = s.catalogue_text().casefold()
    en = [
        f"Now only ¥{wrong_price:,}.",
        f"Earn {points + rng.choice([100, 250, 1000]):,} points on this order.",
        "The lowest price in Japan.",
        "Japan's No. 1 choice.",
        f"Rated {max(1.0, (s.rating or 3) - 0.8):.1f}/5 by shoppers.",
        f"Over {(s.review_count or 0) + 5000:,} reviews.",
        "Only 2 left in stock." if s.stock != 2 else "Sold out soon.",
        "Free shipping on this item." if not s.free_shipping else "Same-day delivery.",
        "Tested to IPX8." if "ipx" not in text else "Bluetooth 6.1 inside.",
        "A 150-hour battery." if "150" not in text else "Made in Japan.",
        "30x points this weekend.",
    ]
    ja = [
        f"今なら{wrong_price:,}円。",
        f"{points + rng.choice([100, 250, 1000]):,}ポイント獲得。",
        "日本最安値に挑戦。",
        "ランキング1位の人気商品。",
        "送料無料でお届け。" if not s.free_shipping else "当日発送。",
        "防水仕様。" if "防水" not in text and "waterproof" not in text else "150時間バッテリー。",
    ]
    pool = ja if language == "ja" else en
    return rng.sample(pool, 3)


def plant(copy: LandingCopy, sentences: list[str]) -> tuple[LandingCopy, list[tuple[str, int, int]]]:
    """Append each false sentence to a different field; return the planted spans."""
    spans: list[tuple[str, int, int]] = []
    data = copy.model_dump()
    targets = ["body[0]", "bullets[0]", "subheadline"]
    for sentence, target in zip(sentences, targets, strict=False):
        name, _, index = target.rstrip("]").partition("[")
        current = data[name][int(index)] if index else data[name]
        joined = f"{current} {sentence}"
        start = len(current) + 1
        if index:
            data[name][int(index)] = joined
        else:
            data[name] = joined
        spans.append((target, start, start + len(sentence)))
    return LandingCopy.model_construct(**data), spans


def _in_span(report: ClaimReport, field: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Kinds of the claims the checker found inside a span, and the reasons of those it flagged."""
    inside = [v for v in report.verdicts if v.claim.field == field and v.claim.start < end and v.claim.end > start]
    return ([f"{v.claim.kind}:{v.status}" for v in inside],
            [v.reason or v.expected or v.status for v in inside if v.status != "supported"])


def _rate(hits: int, n: int) -> dict[str, Any]:
    return {"n": n, "hits": hits, "rate": round(hits / n, 3) if n else None}


def blind_claims(studio: CopyStudio, campaign_names: dict[str, str], path: Path = BLIND_CLAIMS,
                 note: str = BLIND_NOTE) -> dict[str, Any]:
    """Plant each blind claim into a real page for its product and see whether the checker flags it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    claims = data["claims"]
    if data.get("approved_claims"):  # the set's own legal entries (true superlatives), on top of legal's file
        legal = studio.policy if studio.policy is not None else load_policy()
        own = ClaimsPolicy.model_validate({"entries": data["approved_claims"]}).entries
        studio = CopyStudio(studio.facts, policy=ClaimsPolicy(entries=[*legal.entries, *own]))
    rows: list[dict[str, Any]] = []
    for claim in claims:
        campaign = campaign_names[claim["campaign"]] if claim.get("campaign") else None
        brief = make_brief(subject_ids=[claim["product"]], language=claim["lang"], campaign=campaign)
        result = studio.run(brief)
        copy, [(field, start, end)] = plant(result.best.copy, [claim["text"]])
        found, flagged = _in_span(ClaimChecker(result.sheet).check(copy), field, start, end)
        rows.append({**claim, "brief_campaign": campaign, "flagged": bool(flagged), "extracted": found,
                     "reasons": flagged})
    false_rows = [r for r in rows if not r["truth"]]
    true_rows = [r for r in rows if r["truth"]]

    def by(key: str, subset: list[dict[str, Any]]) -> dict[str, Any]:
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in subset:
            groups[row[key]].append(row)
        return {k: _rate(sum(r["flagged"] for r in v), len(v)) for k, v in sorted(groups.items())}

    return {
        "file": str(path.relative_to(ROOT)),
        "how_written": note,
        "false_claims": len(false_rows),
        "true_claims": len(true_rows),
        "caught": _rate(sum(r["flagged"] for r in false_rows), len(false_rows)),
        "caught_by_kind": by("kind", false_rows),
        "caught_by_language": by("lang", false_rows),
        "false_alarms": _rate(sum(r["flagged"] for r in true_rows), len(true_rows)),
        "false_alarms_by_language": by("lang", true_rows),
        "missed": [{k: r[k] for k in ("id", "product", "lang", "kind", "text", "why", "extracted")}
                   for r in false_rows if not r["flagged"]],
        "false_alarm_claims": [{k: r[k] for k in ("id", "product", "lang", "kind", "text", "reasons")}
                               for r in true_rows if r["flagged"]],
    }


def running_campaign(studio: CopyStudio, product_id: str) -> str | None:
    """A programme campaign that runs today for this product (what the studio's picker offers), if any."""
    for campaign in studio.facts.campaigns():
        sheet = studio.sheet(make_brief(subject_ids=[product_id], campaign_id=campaign.id))
        if sheet.campaign.valid:
            return campaign.id
    return None


def _mistakes(copy: LandingCopy, sheet: Any, rng: random.Random) -> LandingCopy:
    """What an LLM typically gets wrong: a price digit, a points figure, a superlative, a unit slip."""
    s = sheet.subjects[0]
    price = (s.price_jpy or 1000) + rng.choice([100, 1000])
    points = (s.points.total if s.points else 0) + rng.choice([50, 500])
    wrong = [f"Now only ¥{price:,}.", f"Earn {points:,} points today.", "The best choice in Japan."]
    if copy.body and not is_japanese(copy.body[0]):
        data = copy.model_dump()
        data["body"][0] = f"{data['body'][0]} {' '.join(wrong)}"[:PARAGRAPH_MAX]
        return LandingCopy.model_validate(data)
    data = copy.model_dump()
    data["body"][0] = f"{data['body'][0]}今なら{price:,}円。{points:,}ポイント獲得。日本最安値。"[:PARAGRAPH_MAX]
    return LandingCopy.model_validate(data)


def marketer_time(studio: CopyStudio, dataset: Any, briefs: int = 20) -> dict[str, Any]:
    """Steps and seconds from a brief to an exported page with zero flagged claims, for `briefs` briefs.

    The marketer's steps are counted as the studio asks for them: type a search, pick the result, pick a
    campaign, pick the language, write, one more step per fix round, download. Seconds are the studio's own
    compute (search, write, check, fix, export) on this machine, not a person's reading time. Run once with
    the offline composer and once with a scripted LLM whose drafts carry typical mistakes (a wrong price, an
    inflated points figure, a superlative); the fixer removes or corrects them and the step count says what
    that costs the marketer.
    """
    from testkit.scripted_model import ScriptedChatModel, call

    picker = SubjectPicker(lambda: candidates_from_records(dataset.products))
    products = [p for p in dataset.products[200:] if p.brand][:briefs]
    rows: dict[str, list[dict[str, Any]]] = {"offline": [], "scripted_llm": []}
    rng = random.Random(19)
    with tempfile.TemporaryDirectory() as tmp:
        for i, product in enumerate(products):
            language = "ja" if i % 4 == 3 else "en"
            for writer in rows:
                started = time.perf_counter()
                typed = f"{product.brand} {product.model_number}"
                found = picker.find(typed)
                steps = 2 if any(c.id == product.id for c in found) else 3  # type, pick (or type the id)
                campaign = running_campaign(studio, product.id)
                steps += 1 + 1  # campaign (or none), language
                brief = make_brief(subject_ids=[product.id], language=language, campaign_id=campaign)
                if writer == "offline":
                    run_with = studio
                else:
                    clean = studio.run(brief, fix=False).variants[0].draft
                    sheet = studio.sheet(brief)
                    script = [call("LandingCopy", _mistakes(clean, sheet, rng).model_dump()),
                              call("LandingCopy", clean.model_dump())]
                    run_with = CopyStudio(studio.facts, ScriptedChatModel(script), policy=studio.policy)
                result = run_with.run(brief, fix=False)
                steps += 1  # write
                rounds = 0
                while result.blockers and rounds < 3:
                    variant = run_with.fix(result.best, result.sheet, brief, run_with.voice(brief))
                    result.variants = [variant]
                    rounds += 1
                steps += rounds
                result.export(Path(tmp) / f"{writer}-{i}")
                steps += 1  # download
                rows[writer].append({"product": product.id, "language": language, "campaign": campaign,
                                     "steps": steps, "fix_rounds": rounds,
                                     "seconds": round(time.perf_counter() - started, 3),
                                     "flagged_in_draft": len(result.variants[0].draft_report.flagged)})

    def total(items: list[dict[str, Any]]) -> dict[str, Any]:
        return {"briefs": len(items), "steps_mean": round(sum(r["steps"] for r in items) / len(items), 2),
                "seconds_mean": round(sum(r["seconds"] for r in items) / len(items), 3),
                "flagged_in_drafts": sum(r["flagged_in_draft"] for r in items),
                "fix_rounds": sum(r["fix_rounds"] for r in items), "exported_clean": len(items)}

    return {"note": "steps a marketer takes in the studio; seconds are machine compute, not reading time",
            **{name: {**total(items), "rows": items} for name, items in rows.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--planted-pages", type=int, default=20)
    parser.add_argument("--data", type=Path, default=SMALL_DIR)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "copy.json")
    parser.add_argument("--claims-only", action="store_true", help="only the dev and blind claim sets, no JSON")
    parser.add_argument("--blind", type=Path, action="append", default=[], metavar="FILE",
                        help="a further claim file in the blind format to report (repeatable); not written to JSON")
    args = parser.parse_args()

    dataset = load_dataset(args.data)
    studio = CopyStudio(DataSetFacts.from_dataset(dataset))
    names = {c.id: c.name for c in dataset.campaigns}
    dev = blind_claims(studio, names, DEV_CLAIMS, DEV_NOTE)
    if args.claims_only:
        print_blind(dev, held_out=False)
        print_blind(blind_claims(studio, names))
        print_blind(blind_claims(studio, names, BLIND2_CLAIMS, BLIND2_NOTE))
        for extra in args.blind:
            print_blind(blind_claims(studio, names, extra.resolve(), "given with --blind"))
        return
    products = dataset.products[: args.pages + args.planted_pages]

    claims_checked = flagged_drafts = left = 0
    started = time.perf_counter()
    for i, product in enumerate(products[: args.pages]):
        brief = make_brief(subject_ids=[product.id], voice=VOICES[i % 4], language="ja" if i % 5 == 4 else "en",
                           campaign_id=running_campaign(studio, product.id) if i % 3 == 0 else None)
        result = studio.run(brief)
        variant = result.best
        render_html(variant.copy, result.sheet, brief.language)
        claims_checked += len(variant.report.verdicts)
        flagged_drafts += len(variant.draft_report.flagged)
        left += len(variant.report.flagged)
    elapsed = time.perf_counter() - started

    rng = random.Random(7)
    planted = caught = false_alarms = planted_claims_checked = 0
    missed: list[str] = []
    for i, product in enumerate(products[args.pages:]):
        language = "ja" if i % 4 == 3 else "en"
        brief = make_brief(subject_ids=[product.id], language=language)
        result = studio.run(brief)
        checker = ClaimChecker(result.sheet)
        sentences = plants(result.sheet.subjects[0], rng, language)
        bad_copy, spans = plant(result.best.copy, sentences)
        report = checker.check(bad_copy)
        planted_claims_checked += len(report.verdicts)
        for (field, start, end), sentence in zip(spans, sentences, strict=True):
            planted += 1
            hit = [v for v in report.flagged if v.claim.field == field and start <= v.claim.start < end]
            if hit:
                caught += 1
            else:
                missed.append(f"{product.id}: {sentence}")
        false_alarms += sum(1 for v in report.flagged
                            if not any(v.claim.field == f and s <= v.claim.start < e for f, s, e in spans))

    blind = blind_claims(studio, names)
    blind2 = blind_claims(studio, names, BLIND2_CLAIMS, BLIND2_NOTE)
    marketer = marketer_time(studio, dataset)

    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average_1m": round(os.getloadavg()[0], 2),  # 2 cores shared: s/page is pessimistic when high
        "pages": args.pages,
        "unsupported_claims_left": left,
        "claims_checked": claims_checked,
        "flagged_in_drafts": flagged_drafts,
        "seconds_per_page": round(elapsed / max(args.pages, 1), 4),
        "planted_pages": args.planted_pages,
        "planted": planted,
        "planted_note": "sentences written together with the checker: a regression figure, not a catch rate",
        "caught": caught,
        "false_alarms_on_planted_pages": false_alarms,
        "claims_checked_on_planted_pages": planted_claims_checked,
        "missed": missed,
        "engine": "offline",
        "data": str(args.data.relative_to(ROOT)) if args.data.is_relative_to(ROOT) else str(args.data),
        "blind": blind,
        "blind2": blind2,
        "dev": dev,
        "marketer_time": marketer,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    table = Table(title="Copy studio (offline engine)")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in results.items():
        if key not in ("missed", "blind", "blind2", "dev", "marketer_time"):
            table.add_row(key, str(value))
    Console().print(table)
    for line in missed:
        Console().print(f"[yellow]missed[/yellow] {line}")
    print_blind(dev, held_out=False)
    print_blind(blind)
    print_blind(blind2)
    for extra in args.blind:
        print_blind(blind_claims(studio, names, extra.resolve(), "given with --blind"))
    times = Table(title="Marketer time: brief to an exported page with zero flagged claims (20 briefs)")
    for col in ("writer", "steps (mean)", "machine s (mean)", "flagged in drafts", "fix rounds", "exported"):
        times.add_column(col)
    for name in ("offline", "scripted_llm"):
        row = marketer[name]
        times.add_row(name, str(row["steps_mean"]), str(row["seconds_mean"]), str(row["flagged_in_drafts"]),
                      str(row["fix_rounds"]), str(row["exported_clean"]))
    Console().print(times)


def print_blind(blind: dict[str, Any], *, held_out: bool = True) -> None:
    """The table, and the misses and false alarms; for a held-out set only their ids and kinds (the sentences
    stay in the JSON), so a run of the bench does not put test sentences in front of whoever tunes the checker."""
    table = Table(title=f"Claims ({blind['file']}): false claims caught, true claims flagged")
    for col in ("group", "claims", "flagged", "rate"):
        table.add_column(col)
    groups = [("false claims, all", blind["caught"])]
    groups += [(f"false, kind {k}", v) for k, v in blind["caught_by_kind"].items()]
    groups += [(f"false, lang {k}", v) for k, v in blind["caught_by_language"].items()]
    groups += [("true claims (false alarms)", blind["false_alarms"])]
    groups += [(f"true, lang {k}", v) for k, v in blind["false_alarms_by_language"].items()]
    for name, rate in groups:
        table.add_row(name, str(rate["n"]), str(rate["hits"]), str(rate["rate"]))
    Console().print(table)
    for row in blind["missed"]:
        text = "" if held_out else f": {row['text']} (found: {', '.join(row['extracted']) or 'nothing'})"
        Console().print(f"[yellow]missed[/yellow] {row['id']} {row['kind']} {row['lang']}{text}")
    for row in blind["false_alarm_claims"]:
        text = "" if held_out else f": {row['text']} ({'; '.join(row['reasons'])})"
        Console().print(f"[red]false alarm[/red] {row['id']} {row['kind']} {row['lang']}{text}")


if __name__ == "__main__":
    main()
