# ruff: noqa: E402
"""Copy studio benchmark: 50 offline pages from the generated catalogue, then 20 pages with planted false claims.

Prints a table and writes `bench/results/copy.json`:
{"pages", "claims_checked", "flagged_in_drafts", "unsupported_claims_left", "seconds_per_page",
 "planted", "caught", "false_alarms_on_planted_pages", ...}.
Run: `.venv/bin/python bench/copy.py [--pages 50] [--planted-pages 20]`.
"""

from __future__ import annotations

import sys

# Run as a script, this file's folder comes first on sys.path and "copy.py" would shadow the standard
# library's `copy` module: drop the folder before anything imports `copy`.
sys.path[:] = [p for p in sys.path if p not in ("", __file__.rsplit("/", 1)[0])]

import argparse
import json
import random
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.console import Console
from rich.table import Table

from assistant.copywriter.brief import make_brief
from assistant.copywriter.check import ClaimChecker
from assistant.copywriter.facts import DataSetFacts, SubjectFacts
from assistant.copywriter.page import render_html
from assistant.copywriter.schema import LandingCopy
from assistant.copywriter.studio import CopyStudio
from data.loader import SMALL_DIR, load_dataset

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--planted-pages", type=int, default=20)
    parser.add_argument("--data", type=Path, default=SMALL_DIR)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "copy.json")
    args = parser.parse_args()

    dataset = load_dataset(args.data)
    studio = CopyStudio(DataSetFacts.from_dataset(dataset))
    products = dataset.products[: args.pages + args.planted_pages]

    claims_checked = flagged_drafts = left = 0
    started = time.perf_counter()
    for i, product in enumerate(products[: args.pages]):
        brief = make_brief(subject_ids=[product.id], voice=VOICES[i % 4], language="ja" if i % 5 == 4 else "en",
                           campaign="10x points this weekend" if i % 3 == 0 else None)
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

    results = {
        "pages": args.pages,
        "unsupported_claims_left": left,
        "claims_checked": claims_checked,
        "flagged_in_drafts": flagged_drafts,
        "seconds_per_page": round(elapsed / max(args.pages, 1), 4),
        "planted_pages": args.planted_pages,
        "planted": planted,
        "caught": caught,
        "false_alarms_on_planted_pages": false_alarms,
        "claims_checked_on_planted_pages": planted_claims_checked,
        "missed": missed,
        "engine": "offline",
        "data": str(args.data.relative_to(ROOT)) if args.data.is_relative_to(ROOT) else str(args.data),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    table = Table(title="Copy studio (offline engine)")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in results.items():
        if key != "missed":
            table.add_row(key, str(value))
    Console().print(table)
    for line in missed:
        Console().print(f"[yellow]missed[/yellow] {line}")


if __name__ == "__main__":
    main()
