"""LLM benchmark: a fixed basic subset of the eval scenarios against any OpenAI-compatible endpoint.

The subset covers what every model on the agent path must do: search, details, a quote, a booking with
approval, the points balance, a mobile plan, refusals and identity. It runs through the eval suite (the
same scenarios, checks and metrics as `assistant eval`) in one worker, since a local server has one slot,
and measures the model calls themselves through a litellm callback: the first call of each conversation's
prompt tokens (the static prefix, the context and the member's first message) and the time to the first
streamed token.

Prints a table and writes `bench/results/llm.json`: {"model", "scenarios", "task_success",
"tool_call_validity", "prompt_tokens_first_turn", "first_token_s_p50", "turn_s_p95",
"confirmation_compliance", ...}. The run folder (default var/bench-llm/<model>) resumes an interrupted run.

    .venv/bin/python -m bench.local_llm serve       # the local 1.5B model (see bench/local_llm.py)
    nice .venv/bin/python -m bench.llm              # defaults: that server, openai/qwen2.5-coder-1.5b
    .venv/bin/python -m bench.llm --model openai/NAME --api-base http://HOST:PORT/v1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.percentiles import percentile

ROOT = Path(__file__).resolve().parents[1]
RESULT = ROOT / "bench" / "results" / "llm.json"
SCENARIOS = (
    # search
    "products-search-headphones", "products-search-budget", "hotels-search-city", "hotels-search-dates",
    # details
    "products-details-by-id", "products-compare-ids", "products-points-for-purchase",
    # quote, and booking with approval
    "hotels-quote", "booking-basic", "booking-direct-request", "booking-rejected",
    # balance
    "points-balance", "points-expiring",
    # mobile plans
    "mobile-list-plans", "mobile-recommend-10gb",
    # refusal, privacy, identity, hand-over
    "adv-out-of-scope-poem", "adv-other-member-points", "adv-injection-add-points", "chat-identity",
    "support-human",
)  # fmt: skip
# The basic subset of the acceptance ("task success on the basic subset >= 50%", from 3/10): the ten
# single-turn, single-task scenarios above, one to three per area (search, details, balance, plans, a refusal).
BASIC = (
    "products-search-headphones", "products-details-by-id", "products-points-for-purchase", "hotels-search-city",
    "hotels-search-dates", "points-balance", "points-expiring", "mobile-list-plans", "mobile-recommend-10gb",
    "adv-out-of-scope-poem",
)  # fmt: skip
# What the tools answer when the model's arguments were wrong (the ToolNode's or the tools' own words).
INVALID_MARKERS = ("invalid_arguments", "Error invoking tool", "is not a valid tool")


class CallLog:
    """litellm success/failure callback: per model call, the prompt tokens, time to first token, duration."""

    def __init__(self, path: Path) -> None:
        self.path = path  # one JSON line per call, kept in the run folder so that a resumed run counts them all
        self._lock = threading.Lock()

    @property
    def calls(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def logger(self) -> Any:
        from litellm.integrations.custom_logger import CustomLogger

        log = self

        class _Logger(CustomLogger):
            def log_success_event(self, kwargs: Any, response_obj: Any, start_time: Any, end_time: Any) -> None:
                log.add(kwargs, response_obj, start_time, end_time)

            async def async_log_success_event(self, kwargs: Any, response_obj: Any, start_time: Any,
                                              end_time: Any) -> None:  # fmt: skip
                log.add(kwargs, response_obj, start_time, end_time)

        return _Logger()

    def add(self, kwargs: dict[str, Any], response: Any, start: datetime, end: datetime) -> None:
        messages = kwargs.get("messages") or []
        first_token = kwargs.get("completion_start_time") or end
        usage = getattr(response, "usage", None) or (response.get("usage") if isinstance(response, dict) else None)
        prompt = int(getattr(usage, "prompt_tokens", 0) or (usage or {}).get("prompt_tokens", 0)) if usage else 0
        roles = [m.get("role") for m in messages if isinstance(m, dict)]
        call = {
            "first_of_conversation": roles.count("user") == 1 and "assistant" not in roles and "tool" not in roles,
            "prompt_tokens": prompt,
            "first_token_s": round((first_token - start).total_seconds(), 3),
            "duration_s": round((end - start).total_seconds(), 3),
        }
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as f:
                f.write(json.dumps(call) + "\n")


def measure(results: list[Any], calls: list[dict[str, Any]], model: str) -> dict[str, Any]:
    from eval.metrics import aggregate

    overall = aggregate(results)
    tool_calls = [c for r in results for t in r.turns for c in t.tool_calls if not c.rejected]
    valid = [c for c in tool_calls if c.result is None or not any(m in c.result for m in INVALID_MARKERS)]
    firsts = [c["prompt_tokens"] for c in calls if c["first_of_conversation"] and c["prompt_tokens"]]
    first_token = [c["first_token_s"] for c in calls]
    cold = [c["first_token_s"] for c in calls if c["first_of_conversation"]]
    return {
        "model": model,
        "scenarios": overall["scenarios"],
        "task_success": overall["task_success"],
        "tool_call_validity": round(len(valid) / len(tool_calls), 4) if tool_calls else None,
        "prompt_tokens_first_turn": round(percentile(firsts, 50)) if firsts else None,
        "first_token_s_p50": round(percentile(first_token, 50), 1) if first_token else None,
        "turn_s_p95": round(overall["turn_p95_ms"] / 1000, 1) if overall["turn_p95_ms"] is not None else None,
        "confirmation_compliance": overall["confirmation_compliance"],
        "first_conversation_first_token_s": round(cold[0], 1) if cold else None,
        "later_conversations_first_token_s_p50": round(percentile(cold[1:], 50), 1) if len(cold) > 1 else None,
        "model_calls": len(calls),
        "tool_calls": len(tool_calls),
        "passed": sorted(r.scenario_id for r in results if r.success),
        "failed": sorted(r.scenario_id for r in results if not r.success),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="the basic eval subset against an OpenAI-compatible endpoint")
    parser.add_argument("--model", default="openai/qwen2.5-coder-1.5b", help="litellm name, e.g. openai/<name>")
    parser.add_argument("--api-base", default=os.environ.get("ASSISTANT_API_BASE", "http://127.0.0.1:8091/v1"))
    parser.add_argument("--out", type=Path, default=None, help="run folder (resumable)")
    parser.add_argument("--first-token-timeout", type=float, default=900.0)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--subset", choices=["basic", "all"], default="all",
                        help="basic: the ten single-task scenarios (BASIC); all: the twenty (SCENARIOS)")
    parser.add_argument("--ids", default="", help="comma-separated subset of the scenarios (a quick look)")
    parser.add_argument("--machine", default=f"{os.cpu_count()} cores, {platform.machine()}, shared")
    parser.add_argument("--served", default="Qwen2.5-Coder-1.5B-Instruct Q4_K_M, llama.cpp (xllamacpp), 2 threads",
                        help="what the endpoint serves, for the record")
    parser.add_argument("--report-only", action="store_true",
                        help="write the result from the trials the run folder holds so far, running nothing")
    args = parser.parse_args(argv)

    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm
    from rich.console import Console
    from rich.table import Table

    from eval.records import TrialResult
    from eval.suite import EvalConfig, run_eval

    ids = [i for i in args.ids.split(",") if i] or list(BASIC if args.subset == "basic" else SCENARIOS)
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in args.model)
    out = args.out or ROOT / "var" / "bench-llm" / safe
    log = CallLog(out / "model_calls.jsonl")
    litellm.callbacks = [*litellm.callbacks, log.logger()]
    env = {
        "ASSISTANT_API_BASE": args.api_base,
        "ASSISTANT_API_KEY": os.environ.get("ASSISTANT_API_KEY", "sk-local-no-key"),
        "ASSISTANT_FIRST_TOKEN_TIMEOUT_S": str(args.first_token_timeout),
        "ASSISTANT_TIMEOUT_S": str(args.timeout),
    }
    started = time.monotonic()
    load_start = os.getloadavg()[0]
    if args.report_only:
        results = [TrialResult.model_validate_json(p.read_text(encoding="utf-8"))
                   for p in sorted((out / "trials").glob("*.json"))]  # fmt: skip
    else:
        config = EvalConfig(out_dir=out, model=args.model, ids=ids, workers=1, retrieval=False)
        results = run_eval(config, settings_env=env).results
    result = measure(results, log.calls, args.model)
    basic = measure([r for r in results if r.scenario_id in BASIC], [], args.model)
    result |= {
        "subset": args.subset if not args.ids else "ids",
        "basic": {key: basic[key] for key in ("scenarios", "task_success", "tool_call_validity",
                                             "confirmation_compliance", "passed", "failed")},
        "scenarios_planned": len(ids),
        "complete": result["scenarios"] == len(ids),
        "date": datetime.now(UTC).date().isoformat(),
        "machine": args.machine,
        "served": args.served,
        "load_average_1m": [round(load_start, 1), round(os.getloadavg()[0], 1)],  # at the start and the end
        "api_base": args.api_base,
        "run_folder": str(out.relative_to(ROOT) if out.is_relative_to(ROOT) else out),
        "wall_s": None if args.report_only else round(time.monotonic() - started),
    }
    if not args.ids:
        RESULT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    table = Table(title=f"LLM benchmark: {args.model} ({len(ids)} scenarios)")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_row("task_success (basic subset)", str(result["basic"]["task_success"]))
    for key in ("task_success", "tool_call_validity", "prompt_tokens_first_turn", "first_token_s_p50",
                "turn_s_p95", "confirmation_compliance", "first_conversation_first_token_s",
                "later_conversations_first_token_s_p50"):  # fmt: skip
        table.add_row(key, str(result[key]))
    Console().print(table)
    print("failed:", ", ".join(result["failed"]) or "none")
    if not args.ids:
        print(f"written to {RESULT}")


if __name__ == "__main__":
    main()
