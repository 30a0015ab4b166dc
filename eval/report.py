"""Writing a run's report: `results.json`, `report.md` and a self-contained `report.html`.

The HTML has no external assets (CI uploads the folder as an artifact, and QA opens it from disk): charts
are inline SVG, styles inline. Run metadata comes first because a number without its model, commit, seed
and data version cannot be compared with anything.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from eval.metrics import METRIC_NAMES

_PERCENT = {
    "task_success", "pass_k", "tool_precision", "tool_recall", "argument_accuracy", "confirmation_compliance",
    "groundedness", "refusal_accuracy", "ndcg_at_10", "recall_at_10",
}  # fmt: skip


def fmt(name: str, value: Any) -> str:
    if value is None:
        return "–"
    if name in _PERCENT and isinstance(value, (int, float)):
        return f"{value * 100:.1f}%"
    if name.endswith("_ms") and isinstance(value, (int, float)):
        return f"{value:,.0f} ms"
    if name == "cost_usd":
        return f"${value:.4f}"
    return str(value)


# The eval's retrieval figure covers every labelled query, so it is a regression signal, not the quality claim.
RETRIEVAL_NOTE = (
    "All labelled queries of eval/retrieval/queries.jsonl, including the dev half the fusion was chosen on: a "
    "regression figure; bench/results/retrieval.json reports the held-back half."
)
META_KEYS = ("model", "commit", "seed", "data_version", "trials", "today", "started_at", "wall_seconds", "user_model")


def _meta_rows(summary: dict[str, Any]) -> list[tuple[str, str]]:
    meta = summary.get("meta", {})
    rows = [(key, str(meta.get(key))) for key in META_KEYS if meta.get(key) not in (None, "")]
    rows += [(k, str(v)) for k, v in sorted(meta.items()) if k not in META_KEYS]
    return rows


# --- markdown --------------------------------------------------------------------------------------------


def render_markdown(summary: dict[str, Any]) -> str:
    lines = [f"# Eval report: {summary.get('model')}", "", "| run | |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in _meta_rows(summary)]
    overall = summary["overall"]
    lines += ["", "## Overall", "", "| metric | value |", "| --- | --- |"]
    lines += [f"| {name} | {fmt(name, overall.get(name))} |" for name in METRIC_NAMES]
    lines += [f"| scenarios / trials | {overall['scenarios']} / {overall['trials']} |"]
    if overall.get("cost_usd"):
        lines += [f"| tokens in / out | {overall['input_tokens']} / {overall['output_tokens']} |"]
        lines += [f"| cost | {fmt('cost_usd', overall['cost_usd'])} |"]
    if summary.get("pass_curve"):
        curve = ", ".join(f"pass^{k} {fmt('pass_k', v)}" for k, v in summary["pass_curve"].items())
        lines += ["", f"Reliability: {curve}"]
    retrieval = summary.get("retrieval")
    if retrieval:
        lines += ["", "## Retrieval", "", RETRIEVAL_NOTE, "", "| collection | queries | nDCG@10 | recall@10 |",
                  "| --- | --- | --- | --- |"]
        for name, row in retrieval.get("by_collection", {}).items():
            lines += [
                f"| {name} | {row.get('queries')} | {fmt('ndcg_at_10', row.get('ndcg_at_10'))} | "
                f"{fmt('recall_at_10', row.get('recall_at_10'))} |"
            ]
        if retrieval.get("error"):
            lines += ["", f"Retrieval metrics unavailable: {retrieval['error']}"]
    cols = ("task_success", "pass_k", "tool_recall", "argument_accuracy", "confirmation_compliance", "groundedness")
    lines += ["", "## By tag", "", "| tag | scenarios | " + " | ".join(cols) + " |", "| --- " * (len(cols) + 2) + "|"]
    for tag, row in summary["by_tag"].items():
        lines += [f"| {tag} | {row['scenarios']} | " + " | ".join(fmt(c, row.get(c)) for c in cols) + " |"]
    failures = summary.get("failures", [])
    lines += ["", f"## Failures ({len(failures)})", ""]
    if summary.get("failure_categories"):
        lines += [", ".join(f"{k}: {v}" for k, v in summary["failure_categories"].items()), ""]
    for f in failures:
        lines += [f"### {f['scenario']} (trial {f['trial']}): {f['category']}", ""]
        for c in f["failed"]:
            where = f"turn {c['turn']}" if c["turn"] is not None else "end"
            lines += [f"- **{c['category'] or 'failed'}** ({where}, `{c['check']}`): {c['expectation']}: {c['detail']}"]
        lines += [""]
        for t in f["conversation"]:
            lines += [f"> **member** ({t['kind']}): {t['user']}"]
            for call in t["tool_calls"]:
                lines += [f">  - tool `{call['name']}` {json.dumps(call['args'], ensure_ascii=False)}"]
            if t.get("pending"):
                lines += [f">  - pending `{t['pending']['tool']}`: {t['pending']['summary']}"]
            answer = (t["answer"] or t.get("error") or "").replace("\n", " ")
            lines += [f"> **assistant**: {answer[:500]}", ">"]
        lines += [""]
    return "\n".join(lines) + "\n"


# --- html ------------------------------------------------------------------------------------------------


def bar_chart(title: str, values: dict[str, float | None], width: int = 520) -> str:
    """Horizontal bars in 0..1, one per label, as inline SVG."""
    row, label_w = 22, 150
    height = row * len(values) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}"><text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>'
    ]
    scale = width - label_w - 60
    for i, (label, value) in enumerate(values.items()):
        y = 24 + i * row
        v = value or 0.0
        colour = "#2e7d32" if v >= 0.9 else "#f9a825" if v >= 0.7 else "#c62828"
        parts.append(f'<text x="0" y="{y + 14}" font-size="12">{escape(label[:22])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{scale}" height="14" fill="#eee"/>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{v * scale:.1f}" height="14" fill="{colour}"/>')
        parts.append(
            f'<text x="{label_w + scale + 6}" y="{y + 14}" font-size="12">{fmt("task_success", value)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def histogram(title: str, values: list[float], bins: int = 20, width: int = 520, height: int = 180) -> str:
    """Latency histogram as inline SVG (linear bins from 0 to the maximum)."""
    if not values:
        return f"<p>{escape(title)}: no turns</p>"
    top = max(values) or 1.0
    counts = [0] * bins
    for v in values:
        counts[min(int(v / top * bins), bins - 1)] += 1
    peak = max(counts)
    bar_w = (width - 40) / bins
    plot_h = height - 50
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}"><text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>'
    ]
    for i, count in enumerate(counts):
        h = plot_h * count / peak if peak else 0
        x = 30 + i * bar_w
        parts.append(
            f'<rect x="{x:.1f}" y="{20 + plot_h - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="#1565c0">'
            f"<title>{count} turns, {i * top / bins:,.0f}-{(i + 1) * top / bins:,.0f} ms</title></rect>"
        )
    parts.append(f'<text x="30" y="{height - 12}" font-size="11">0 ms</text>')
    parts.append(f'<text x="{width - 90}" y="{height - 12}" font-size="11">{top:,.0f} ms</text>')
    parts.append(f'<text x="0" y="30" font-size="11">{peak}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;font-size:14px}
th{background:#f5f5f5}.fail{border-left:4px solid #c62828;padding:0 1em;margin:1.5em 0}
.cat{background:#c62828;color:#fff;border-radius:3px;padding:1px 6px;font-size:12px;margin-right:4px}
.member{color:#1565c0}.tool{color:#6a1b9a;font-family:monospace;font-size:12px}.pending{color:#ef6c00}
pre{white-space:pre-wrap;background:#fafafa;padding:6px;font-size:12px}
"""


def render_html(summary: dict[str, Any], latencies: list[float]) -> str:
    overall = summary["overall"]
    out = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>Eval report: {escape(str(summary.get('model')))}"
        f"</title><style>{_CSS}</style></head><body>",
        f"<h1>Eval report: {escape(str(summary.get('model')))}</h1>",
        "<h2>Run</h2>",
        _table(["", ""], [[k, v] for k, v in _meta_rows(summary)]),
        "<h2>Overall</h2>",
        _table(["metric", "value"], [[n, fmt(n, overall.get(n))] for n in METRIC_NAMES]
               + [["scenarios / trials", f"{overall['scenarios']} / {overall['trials']}"],
                  ["tokens in / out", f"{overall['input_tokens']} / {overall['output_tokens']}"],
                  ["cost", fmt("cost_usd", overall["cost_usd"])]]),
    ]  # fmt: skip
    if summary.get("pass_curve"):
        out.append(_table(["k", "pass^k"], [[k, fmt("pass_k", v)] for k, v in summary["pass_curve"].items()]))
    retrieval = summary.get("retrieval")
    if retrieval:
        out.append("<h2>Retrieval (labelled queries)</h2>")
        out.append(f"<p>{escape(RETRIEVAL_NOTE)}</p>")
        rows = [
            [
                name, str(r.get("queries")), fmt("ndcg_at_10", r.get("ndcg_at_10")),
                fmt("recall_at_10", r.get("recall_at_10")),
            ]
            for name, r in retrieval.get("by_collection", {}).items()
        ]
        out.append(_table(["collection", "queries", "nDCG@10", "recall@10"], rows))
        if retrieval.get("error"):
            out.append(f"<p>Unavailable: {escape(retrieval['error'])}</p>")
    out.append("<h2>By tag</h2>")
    cols = ["task_success", "pass_k", "tool_precision", "tool_recall", "argument_accuracy",
            "confirmation_compliance", "groundedness", "refusal_accuracy", "turn_p95_ms"]  # fmt: skip
    out.append(
        _table(
            ["tag", "scenarios", *cols],
            [[t, str(r["scenarios"]), *[fmt(c, r.get(c)) for c in cols]] for t, r in summary["by_tag"].items()],
        )
    )
    out.append(bar_chart("Task success by tag", {t: r["task_success"] for t, r in summary["by_tag"].items()}))
    out.append(bar_chart("Groundedness by tag", {t: r["groundedness"] for t, r in summary["by_tag"].items()}))
    out.append("<h2>Latency per turn</h2>")
    out.append(histogram("Turn latency (ms)", latencies))
    failures = summary.get("failures", [])
    out.append(f"<h2>Failures ({len(failures)})</h2>")
    if summary.get("failure_categories"):
        out.append(_table(["category", "trials"], [[k, str(v)] for k, v in summary["failure_categories"].items()]))
    for f in failures:
        out.append("<div class='fail'>")
        cats = "".join(f"<span class='cat'>{escape(c)}</span>" for c in f["categories"])
        out.append(f"<h3>{escape(f['scenario'])} · trial {f['trial']} {cats}</h3>")
        out.append(f"<p>member {escape(f['member'])} · tags {escape(', '.join(f['tags']))}</p><ul>")
        for c in f["failed"]:
            where = f"turn {c['turn']}" if c["turn"] is not None else "end"
            out.append(
                f"<li><b>{escape(c['category'] or 'failed')}</b> ({where}, <code>{escape(c['check'])}</code>): "
                f"{escape(c['expectation'])}: {escape(c['detail'])}</li>"
            )
        out.append("</ul>")
        if f.get("error"):
            out.append(f"<pre>{escape(f['error'])}</pre>")
        for t in f["conversation"]:
            out.append(f"<p class='member'><b>member</b> ({escape(t['kind'])}): {escape(t['user'])}</p>")
            for call in t["tool_calls"]:
                args = escape(json.dumps(call["args"], ensure_ascii=False))
                result = escape(call["result"])
                out.append(f"<div class='tool'>→ {escape(call['name'])} {args}<pre>{result}</pre></div>")
            if t.get("pending"):
                out.append(f"<p class='pending'>awaiting approval: {escape(t['pending']['summary'])}</p>")
            out.append(f"<p><b>assistant</b>: {escape(t['answer'] or t.get('error') or '')}</p>")
        out.append("</div>")
    out.append("</body></html>")
    return "\n".join(out)


def write_report(out_dir: Path, summary: dict[str, Any], latencies: list[float]) -> dict[str, Path]:
    """Write results.json, report.md and report.html into the run folder; return their paths."""
    paths = {
        "results": out_dir / "results.json",
        "markdown": out_dir / "report.md",
        "html": out_dir / "report.html",
    }
    paths["results"].write_text(json.dumps(summary, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    paths["markdown"].write_text(render_markdown(summary), encoding="utf-8")
    paths["html"].write_text(render_html(summary, latencies), encoding="utf-8")
    return paths
