"""Render the committed benchmark results as the README's tables, so the README never drifts from the JSON.

    .venv/bin/python -m bench.readme_tables            # print the Markdown
    .venv/bin/python -m bench.readme_tables --write    # replace the block between the README's bench markers
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def _limits_cell(probe: dict[str, Any] | None) -> str:
    if not probe:
        return "-"
    return (f"rate {probe['rate_limit']}: {probe['answered'] + probe['refused_in_flight']} passed, "
            f"{probe['refused_rate']} refused ({'held' if probe['rate_limit_held'] else 'NOT held'}); in flight "
            f"max {probe['max_slots_seen']} of {probe['in_flight_limit']}, refusals from "
            f"{sum(1 for c in probe['by_process'].values() if c.get('too_many_in_flight'))} processes "
            f"({'held' if probe['in_flight_limit_held'] else 'NOT held'})")


def _load(name: str) -> dict[str, Any]:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def retrieval_section(r: dict[str, Any]) -> str:
    """Latency with the exact scan as the floor, and quality on the held-back half with the fusion chosen on dev."""
    if not r:
        return ""
    rows = []
    for size, modes in sorted(r.get("sizes", {}).items(), key=lambda kv: int(kv[0])):
        when = modes.get("measured", r.get("date", "?"))[:10]
        conditions = modes.get("conditions") or f"load average {modes.get('load_average_1m', '?')}"
        label = [f"{int(size):,}", modes.get("material", "?"), f"{when}, {conditions}"]
        names = [("exact", "exact numpy scan (floor)"), ("embedded", "embedded (Qdrant Edge, HNSW)"),
                 ("server_local", "qdrant-client local mode (what a LangChain local-mode user gets)")]
        for mode, name in names:
            m = modes.get(mode, {})
            rows.append([*label, name, m.get("p50_ms", "-"), m.get("p95_ms", "-")])
        rows.append([*label, "embedded p95 speed-up vs exact scan", f"{modes.get('speedup_vs_exact_p95', '-')}x", ""])
        recall = modes.get("recall@10_vs_exact", {})
        rows.append([*label, "embedded recall@10 vs exact scan (hybrid)", recall.get("hybrid", "-"), ""])
    test, dev = r.get("quality", {}), r.get("quality_dev", {})
    split = r.get("split", {})
    modes_shown = [("dense", "dense"), ("sparse", "sparse (BM25)"),
                   ("hybrid_without_code_lookup", "hybrid, no model-number lookup"),
                   ("hybrid", "hybrid + exact model-number lookup (the product)")]
    qrows = [[name, test[key]["ndcg@10"], test[key]["recall@10"], dev[key]["ndcg@10"], dev[key]["recall@10"]]
             for key, name in modes_shown if key in test and key in dev]
    ingest, quiet = r.get("ingest", {}), r.get("ingest_quiet_2026_11_23", {})
    earlier = (f" (on a quiet machine on 2026-11-23: {quiet['docs_per_s']} vs {quiet['embed_docs_per_s']} docs/s)"
               if quiet else "")
    return "\n\n".join([
        "**Retrieval** (`python -m bench.retrieval --quick`; filtered hybrid product query, query embedding "
        "included; the exact numpy scan with the same filters and fusion is the floor; qdrant-client's local mode "
        "is a Python brute-force scan Qdrant documents for prototyping, shown for what a LangChain "
        "QdrantVectorStore user gets without a server; `vectors` says how many were embedded for real; on 2 "
        "shared cores the latencies scale with the load average):",
        _table(["products", "vectors", "measured", "backend", "p50 ms", "p95 ms"], rows),
        f"Quality on eval/retrieval/queries.jsonl over data/generated/small, filters applied, split by a hash of "
        f"the query id into {split.get('dev', '?')} dev and {split.get('test', '?')} held-back queries; fusion "
        f"chosen on the dev half: {r.get('fusion_chosen', '?')} (product default: "
        f"{r.get('product_default_fusion', '?')}):",
        _table(["mode", "nDCG@10 held-back", "recall@10 held-back", "nDCG@10 dev", "recall@10 dev"], qrows),
        f"Ingest {ingest.get('docs_per_s', '-')} docs/s vs bare embedding {ingest.get('embed_docs_per_s', '-')} "
        f"docs/s at load average {ingest.get('load_average_1m', '?')}{earlier}; start-up with the built index "
        f"{r.get('startup_s', '-')} s (same load as the 10k latency).",
    ])


def languages_section(lang: dict[str, Any]) -> str:
    """English and Japanese nDCG/recall per embedding model on their own labelled sets (held-back halves),
    with the English-only index measured before Japanese was added as the baseline row."""
    if not lang:
        return ""
    rows = []
    for name, m in lang.get("models", {}).items():
        en, ja = m.get("en", {}), m.get("ja", {})
        label = f"{name} (default)" if name == lang.get("default_model") else name
        rows.append([label, en.get("test", {}).get("ndcg@10", "-"), en.get("test", {}).get("recall@10", "-"),
                     ja.get("test", {}).get("ndcg@10", "-"), ja.get("test", {}).get("recall@10", "-"),
                     ja.get("dense_test", {}).get("ndcg@10", "-"), ja.get("sparse_test", {}).get("ndcg@10", "-")])
    before = lang.get("baseline_before_issue_16")
    if before:
        rows.append([f"{before['model']}, English-only index (before)", before["en_test"]["ndcg@10"],
                     before["en_test"]["recall@10"], "-", "-", "-", "-"])
    default = lang.get("models", {}).get(lang.get("default_model", ""), {})
    counts = {code: default.get(code, {}).get("queries", {}) for code in ("en", "ja")}
    ingest = default.get("ingest", {})
    text = (f"**Japanese and English retrieval** (`python -m bench.retrieval_languages`, {lang.get('date', '?')}, "
            f"{lang.get('machine', '?')}; {lang.get('material', '?')}; English vectors and Japanese vectors "
            "(`dense_ja`, Sudachi-tokenised `bm25_ja`) side by side; each set's fusion chosen on its dev half "
            f"({counts['en'].get('dev', '?')} EN / {counts['ja'].get('dev', '?')} JA queries), figures on its "
            f"held-back half ({counts['en'].get('test', '?')} EN / {counts['ja'].get('test', '?')} JA):")
    table = _table(["model", "EN nDCG@10", "EN recall@10", "JA nDCG@10", "JA recall@10", "JA dense only",
                    "JA sparse only"], rows)  # fmt: skip
    if ingest:
        table += (f"\n\nThat run's ingest from an empty cache: {ingest['seconds']} s for {ingest['documents']:,} "
                  f"documents ({ingest['texts_embedded']:,} texts embedded) at load average "
                  f"{ingest['load_average_1m']}; `bench/ingest.py` below measures the first start on its own.")
    return f"{text}\n\n{table}"


def ingest_section(ingest: dict[str, Any]) -> str:
    """The first start on an empty data folder: `assistant ingest`, and `python app.py` to a healthy /healthz."""
    if not ingest:
        return ""
    docs = sum(ingest.get("documents", {}).values())
    rows = [[f"assistant ingest ({docs:,} documents, {ingest.get('texts_embedded', '?'):,} texts embedded), "
             f"round {i}", r["seconds"], f"{r['load_average_1m_before']} - {r['load_average_1m_after']}"]
            for i, r in enumerate(ingest.get("ingest", {}).get("rounds", []), 1)]
    start = ingest.get("first_start")
    if start:
        rows.append(["python app.py to a healthy /healthz (index, database and runtime built)",
                     "timed out" if start["timed_out"] else start["healthy_s"],
                     f"{start['load_average_1m_before']} - {start['load_average_1m_after']}"])
    return (f"**First start** (`python -m bench.ingest`, {ingest.get('date', '?')}, {ingest.get('machine', '?')}; "
            f"{ingest.get('material', '?')}, into an empty data folder; target under {ingest.get('target_s', 60)} s "
            "on 2 cores; the wall time grows with the load average of the shared machine):\n\n"
            + _table(["measure", "seconds", "load average 1m (before - after)"], rows))


def copy_section(copy: dict[str, Any]) -> str:
    """The copy studio's pages, its regression plants, and the blind claims' catch and false-alarm rates."""
    text = "**Copy studio** (`python -m bench.copy`, offline engine):\n\n" + _table(
        ["pages", "claims checked", "unsupported left", "s/page",
         "planted false claims (written with the checker: regression only)", "caught"],
        [[copy["pages"], copy["claims_checked"], copy["unsupported_claims_left"], copy["seconds_per_page"],
          copy.get("planted", "-"), copy.get("caught", "-")]])
    blind = copy.get("blind")
    if not blind:
        return text

    def row(name: str, r: dict[str, Any]) -> list[Any]:
        return [name, r["n"], r["hits"], f"{r['rate']:.0%}" if r["rate"] is not None else "-"]

    rows = [row("false claims, all", blind["caught"])]
    rows += [row(f"false: {kind.replace('_', ' ')}", r) for kind, r in blind["caught_by_kind"].items()]
    rows += [row(f"false: {lang.upper()}", r) for lang, r in blind["caught_by_language"].items()]
    rows += [row("true claims (false alarms)", blind["false_alarms"])]
    rows += [row(f"true: {lang.upper()}", r) for lang, r in blind["false_alarms_by_language"].items()]
    return "\n\n".join([
        text,
        f"Claims written blind (`{blind['file']}`: {blind['false_claims']} false, {blind['true_claims']} true, "
        "EN and JA, written from the seed facts before the checker's code or lexicon was read, never tuned on); "
        "each is planted into a real page for its product and counts as flagged when a flagged verdict overlaps it:",
        _table(["claims", "n", "flagged", "rate"], rows),
    ])


def llm_section(llm: dict[str, Any]) -> str:
    """The basic eval subset against a real model server (bench/llm.py)."""
    if not llm:
        return ""
    covered = llm["scenarios"] if llm.get("complete", True) else f"{llm['scenarios']} of {llm['scenarios_planned']}"
    title = (f"**LLM** (`python -m bench.llm`; {covered} basic eval scenarios against `{llm['model']}` "
             f"through {llm.get('api_base', 'an OpenAI-compatible server')}, measured {llm.get('date', '?')} on "
             f"{llm.get('machine', '?')}"
             + (f", load average {llm['load_average_1m'][0]} to {llm['load_average_1m'][1]}"
                if llm.get("load_average_1m") else "")
             + (f"; {llm['served']}" if llm.get("served") else "") + "):")
    basic = llm.get("basic") or {}
    rows: list[list[Any]] = []
    if basic:
        rows.append([f"task success, basic subset ({basic['scenarios']} single-task scenarios)", basic["task_success"]])
    rows += [[key.replace("_", " "), llm.get(key, "-")] for key in (
        "task_success", "tool_call_validity", "confirmation_compliance", "prompt_tokens_first_turn",
        "first_token_s_p50", "first_conversation_first_token_s", "later_conversations_first_token_s_p50",
        "turn_s_p95")]
    return title + "\n\n" + _table(["measure", "value"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--write", action="store_true", help="update README.md in place")
    args = parser.parse_args()
    bookings, agent, offline = _load("bookings"), _load("agent"), _load("offline")
    copy, load = _load("copy"), _load("load")
    parts = []
    if bookings:
        title = "**Bookings** (`python -m bench.bookings`; 50 concurrent clients booking and cancelling):"
        parts.append(title + "\n\n" + _table(
            ["database", "bookings/s", "p50 ms", "p95 ms", "oversold", "ledger mismatches"],
            [[db, v["bookings_per_s"], v.get("p50_ms", "-"), v.get("p95_ms", "-"), v["oversold"],
              v["ledger_mismatches"]] for db, v in bookings.items() if isinstance(v, dict)]))
    parts.append(retrieval_section(_load("retrieval")))
    parts.append(languages_section(_load("retrieval_languages")))
    parts.append(ingest_section(_load("ingest")))
    embeddings = _load("embeddings")
    if embeddings:
        rates = embeddings["docs_per_s"]
        title = "**Embedding** (`python -m bench.embeddings`; 500 product documents, median of rounds):"
        parts.append(title + "\n\n" + _table(
            ["setup", "docs/s", "query p50 ms", "query p95 ms"],
            [[name, round(rate["median"], 1), round(embeddings["query_latency_ms"][name]["p50"], 1),
              round(embeddings["query_latency_ms"][name]["p95"], 1)] for name, rate in rates.items()]))
    if agent:
        title = f"**Agent** (`python -m bench.agent`; {agent['turns']} turns, scripted model on the real tools):"
        parts.append(title + "\n\n" + _table(["ms", "p50", "p95"], [
                         ["turn", agent.get("turn_p50_ms", "-"), agent["turn_p95_ms"]],
                         ["model", agent.get("model_p50_ms", "-"), agent["model_p95_ms"]],
                         ["tools", agent.get("tools_p50_ms", "-"), agent["tools_p95_ms"]],
                         ["framework overhead", agent.get("framework_overhead_p50_ms", "-"),
                          agent["framework_overhead_p95_ms"]],
                         ["framework overhead, CPU time", agent.get("framework_overhead_cpu_p50_ms", "-"),
                          agent.get("framework_overhead_cpu_p95_ms", "-")]]))
    if offline:
        dev = offline.get("dev", {})
        load_avg = "-".join(str(x) for x in offline.get("load_average_1m", [])) or "not recorded"
        parts.append(
            "**Offline engine** (`python -m bench.offline`; NLU on the test split of `eval/nlu/`, written after the "
            "engine and never tuned on, and on the dev split it may be tuned on; slots by exact normalised match, a "
            "product query also when the catalogue search gives the same top 5; latency through the full agent on "
            "the full small catalogue):\n\n" + _table(
                ["measure", "test split (headline)", "dev split (tuning material)"],
                [["labelled utterances", offline["utterances"], dev.get("utterances", "-")],
                 ["intent accuracy", offline["intent_accuracy"], dev.get("intent_accuracy", "-")],
                 ["slot F1", offline["slot_f1"], dev.get("slot_f1", "-")],
                 [f"turn p50 / p95 ms, full agent, 3,000 products (load average {load_avg} on 2 cores)",
                  f"{offline.get('turn_p50_ms', '-')} / {offline.get('turn_p95_ms', '-')}", "same runtime"]]))
    if copy:
        parts.append(copy_section(copy))
    if load:
        runs: list[dict[str, Any]] = load if isinstance(load, list) else [load]
        parts.append("**Load** (`python -m bench.load`; members chatting over the HTTP API, offline engine, "
                     "searches and bookings against scarce rooms; two processes share PostgreSQL and Redis, "
                     "then one member's burst over both checks the limits):\n\n" + _table(
            ["processes", "database", "members", "seconds", "requests", "req/s", "p50 ms", "p95 ms", "errors",
             "sold out", "inconsistencies", "limits across processes", "measured", "load avg"],
            [[r.get("processes", 1), r.get("database", "-"), r["members"], r["seconds"], r["requests"],
              r.get("throughput_rps", "-"), r["p50_ms"], r["p95_ms"], r["errors"], r["sold_out"],
              r["inconsistencies"], _limits_cell(r.get("limits_probe")), r.get("measured_on", "-"),
              r.get("load_average_before", "-")] for r in runs]))
    parts.append(llm_section(_load("llm")))
    markdown = "\n\n".join(p for p in parts if p)
    if not args.write:
        print(markdown)
        return
    readme = ROOT / "README.md"
    text = readme.read_text()
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    readme.write_text(f"{head}{START}\n{markdown}\n{END}{tail}")


if __name__ == "__main__":
    main()
