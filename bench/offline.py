"""Offline engine benchmark: understanding quality and per-turn latency through the full agent.

    .venv/bin/python bench/offline.py            # NLU on both sets + latency -> bench/results/offline.json
    .venv/bin/python bench/offline.py --nlu-only

Understanding: intent accuracy and slot precision / recall / F1 (per intent) on `eval/nlu/utterances.yaml`
(the main set, >= 400 utterances) and `eval/nlu/heldout.yaml` (written after tuning stopped), for both
classifiers (`nearest` exemplar and `logreg`). Latency: scripted conversations (search, refine, details,
compare, hotel quote and booking with confirmation, points, mobile, destinations) sent through
`Conversations.send/decide` of a real runtime (database, tools, index, middleware, checkpoints) on a
trimmed copy of the seed data in a temporary folder; p50 / p95 of the wall time per turn.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, Python puts bench/ first on sys.path, where bench/copy.py would shadow the standard
# library's `copy`: use the repository root instead.
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from typing import Any  # noqa: E402

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from eval.nlu.score import UTTERANCES, NluScore, score  # noqa: E402

HELDOUT = ROOT / "eval" / "nlu" / "heldout.yaml"
RESULTS = ROOT / "bench" / "results" / "offline.json"
SEED = ROOT / "data" / "generated" / "small"
TODAY = date(2026, 11, 23)

CONVERSATIONS: list[list[str]] = [
    [
        "hi",
        "find me wireless headphones under 20000 yen",
        "anything cheaper?",
        "only Sony",
        "tell me more about the second one",
        "compare the first two",
        "how many points would I get for the first one",
    ],
    [
        "find a hotel in Kyoto next Friday for 2 nights",
        "quote the first one",
        "actually make it 3 nights",
        "book it",
        "APPROVE",
        "show my bookings",
        "cancel my booking",
        "APPROVE",
    ],
    ["hotels in Osaka this weekend", "book the second one and use 2000 points", "REJECT", "how many points do I have"],
    [
        "somewhere warm in January with onsen",
        "hotels there next Friday",
        "about 15 GB a month and lots of calls",
        "explain that plan",
        "show my points history",
        "write me a poem",
        "are you a bot?",
    ],
    ["a rice cooker under 15000 yen", "what do reviewers say about the first one", "cheaper", "thanks!"],
]


def nlu_scores(seed_dir: Path | None) -> dict[str, dict[str, NluScore]]:
    from assistant.offline.nlu import NaturalLanguageUnderstanding

    out: dict[str, dict[str, NluScore]] = {}
    for method in ("nearest", "logreg"):
        nlu = NaturalLanguageUnderstanding(seed_dir, method=method)  # type: ignore[arg-type]

        def predict(text: str, today: date, nlu: Any = nlu) -> tuple[str, dict[str, Any]]:
            parse = nlu.parse(text, today)
            return parse.intent, parse.slots

        out[method] = {"main": score(predict, UTTERANCES), "heldout": score(predict, HELDOUT)}
    return out


def trimmed_seed(out: Path) -> Path:
    """About a hundred products, the hotels of a dozen cities and every destination: the index builds fast."""
    out.mkdir(parents=True, exist_ok=True)
    for path in SEED.iterdir():
        if path.name not in {"products.jsonl", "hotels.jsonl"}:
            shutil.copy(path, out / path.name)
    subs = {"Headphones", "Earbuds", "Rice Cookers", "Coffee Makers", "Running Shoes"}
    cities = {"Kyoto", "Osaka", "Hakone", "Beppu", "Naha", "Onna", "Sapporo", "Tokyo", "Kobe", "Ishigaki", "Kusatsu"}
    kept: list[str] = []
    seen: dict[str, int] = {}
    for line in (SEED / "products.jsonl").read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        if p["subcategory"] in subs and (seen.get(p["subcategory"], 0) < 25 or p["brand"] == "Sony"):
            seen[p["subcategory"]] = seen.get(p["subcategory"], 0) + 1
            kept.append(line)
    hotels = [
        ln
        for ln in (SEED / "hotels.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(ln)["city"] in cities
    ]
    (out / "products.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
    (out / "hotels.jsonl").write_text("\n".join(hotels) + "\n", encoding="utf-8")
    return out


def turn_latencies(rounds: int) -> tuple[list[float], float]:
    from assistant.runtime import build_runtime
    from assistant.settings import load_settings

    folder = Path(tempfile.mkdtemp(prefix="bench-offline-"))
    try:
        seed = trimmed_seed(folder / "seed")
        started = time.perf_counter()
        settings = load_settings(
            ASSISTANT_DATA_DIR=str(folder / "var"), ASSISTANT_SEED_DIR=str(seed), ASSISTANT_MODEL="offline"
        )
        runtime = build_runtime(settings, today=TODAY)
        warm = getattr(runtime.model, "warm_up", None)
        if callable(warm):
            warm()
        setup_s = time.perf_counter() - started
        times: list[float] = []
        try:
            conversations = runtime.conversations
            for _ in range(rounds):
                for script in CONVERSATIONS:
                    thread = conversations.new_thread("M0001")
                    for line in script:
                        t0 = time.perf_counter()
                        if line in {"APPROVE", "REJECT"}:
                            events = conversations.decide(
                                member_id="M0001", thread_id=thread, approve=line == "APPROVE"
                            )
                        else:
                            events = conversations.send(member_id="M0001", thread_id=thread, text=line)
                        for _event in events:
                            pass
                        times.append((time.perf_counter() - t0) * 1000)
        finally:
            runtime.close()
        return times[1:], setup_s  # the very first turn pays one-off lazy loading
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nlu-only", action="store_true")
    parser.add_argument("--rounds", type=int, default=2, help="times each scripted conversation is replayed")
    parser.add_argument("--with-data-gazetteer", action="store_true", help="score the NLU with the seed's gazetteers")
    args = parser.parse_args()
    console = Console()

    scores = nlu_scores(SEED if args.with_data_gazetteer else None)
    table = Table(title="Offline engine understanding")
    for col in ("classifier", "set", "utterances", "intent acc", "slot P", "slot R", "slot F1"):
        table.add_column(col)
    for method, sets in scores.items():
        for name, s in sets.items():
            table.add_row(
                method,
                name,
                str(s.utterances),
                f"{s.intent_accuracy:.3f}",
                f"{s.slot_precision:.3f}",
                f"{s.slot_recall:.3f}",
                f"{s.slot_f1:.3f}",
            )
    console.print(table)
    best = max(scores, key=lambda m: scores[m]["main"].intent_accuracy)
    main_score = scores["logreg"]["main"]
    per_intent = Table(title="Per intent (logreg, main set)")
    for col in ("intent", "n", "accuracy", "slot F1"):
        per_intent.add_column(col)
    for intent, row in main_score.by_intent.items():
        per_intent.add_row(intent, str(row["n"]), f"{row['accuracy']:.2f}", f"{row['slot_f1']:.2f}")
    console.print(per_intent)

    result: dict[str, Any] = {
        "utterances": main_score.utterances,
        "intent_accuracy": main_score.intent_accuracy,
        "slot_f1": main_score.slot_f1,
        "slot_precision": main_score.slot_precision,
        "slot_recall": main_score.slot_recall,
        "by_intent": main_score.by_intent,
        "by_slot": main_score.by_slot,
        "classifier": "logreg",
        "best_classifier_on_main": best,
        "heldout": {
            "utterances": scores["logreg"]["heldout"].utterances,
            "intent_accuracy": scores["logreg"]["heldout"].intent_accuracy,
            "slot_f1": scores["logreg"]["heldout"].slot_f1,
        },
        "classifiers": {
            m: {k: {"intent_accuracy": s.intent_accuracy, "slot_f1": s.slot_f1} for k, s in sets.items()}
            for m, sets in scores.items()
        },
    }
    if not args.nlu_only:
        times, setup_s = turn_latencies(args.rounds)
        result.update(
            turns=len(times),
            turn_p50_ms=round(statistics.median(times), 1),
            turn_p95_ms=round(percentile(times, 95), 1),
            setup_s=round(setup_s, 1),
        )
        lat = Table(title="Per turn through the full agent (ms)")
        for col in ("turns", "p50", "p95", "max", "setup s"):
            lat.add_column(col)
        lat.add_row(
            str(len(times)),
            f"{result['turn_p50_ms']}",
            f"{result['turn_p95_ms']}",
            f"{max(times):.1f}",
            f"{setup_s:.1f}",
        )
        console.print(lat)
    elif RESULTS.exists():
        previous = json.loads(RESULTS.read_text(encoding="utf-8"))
        for key in ("turns", "turn_p50_ms", "turn_p95_ms", "setup_s"):
            if key in previous:
                result[key] = previous[key]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    console.print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
