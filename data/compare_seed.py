"""Check that a regenerated data set keeps every id and English field of another one: `python -m data.compare_seed`.

    .venv/bin/python -m data.compare_seed [--old DIR | --old-rev REV] [--new data/generated/small]

Every key an old record has must be in the new record with an equal value, recursively (nested dicts
key by key, lists item by item and of the same length); the new record may add keys (`title_ja`...).
Records are matched by their `id` (or line number where a file's records have none). `--old-rev` reads
the old files from git (default: `main`), so the check needs no copy of the old folder. Exit status 1 and
one line per difference when anything moved.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SMALL = Path("data/generated/small")
FILES = ("members", "shops", "products", "hotels", "destinations", "mobile_plans", "campaigns")


def diff(old: Any, new: Any, where: str) -> Iterator[str]:
    """Differences that matter: a missing key, a changed value, a list of another length."""
    if isinstance(old, dict):
        if not isinstance(new, dict):
            yield f"{where}: was an object, now {type(new).__name__}"
            return
        for key, value in old.items():
            if key not in new:
                yield f"{where}.{key}: missing"
            else:
                yield from diff(value, new[key], f"{where}.{key}")
    elif isinstance(old, list):
        if not isinstance(new, list) or len(new) != len(old):
            yield f"{where}: list changed length or type"
            return
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            yield from diff(a, b, f"{where}[{i}]")
    elif old != new or type(old) is not type(new):
        yield f"{where}: {old!r} -> {new!r}"


def _records(text: str) -> dict[str, Any]:
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return {str(r.get("id", i)) if isinstance(r, dict) else str(i): r for i, r in enumerate(rows)}


def _read_rev(rev: str, path: Path) -> str:
    out = subprocess.run(["git", "show", f"{rev}:{path.as_posix()}"], cwd=REPO_ROOT, capture_output=True, text=True,
                         check=True)
    return out.stdout


def compare(old_text: dict[str, str], new_dir: Path) -> list[str]:
    """All differences between old files (name -> text) and the files in `new_dir`."""
    problems: list[str] = []
    for name, text in old_text.items():
        new_path = new_dir / name
        if not new_path.exists():
            problems.append(f"{name}: missing")
            continue
        new_text = new_path.read_text(encoding="utf-8")
        if name.endswith(".json"):
            problems += list(diff(json.loads(text), json.loads(new_text), name))
            continue
        old, new = _records(text), _records(new_text)
        problems += [f"{name}: record {key} missing" for key in old if key not in new]
        problems += [f"{name}: record {key} added" for key in new if key not in old]
        for key, record in old.items():
            if key in new:
                problems += list(diff(record, new[key], f"{name}[{key}]"))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.compare_seed", description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, default=None, help="folder of the old data set")
    parser.add_argument("--old-rev", default="main", help="git revision to read the old data set from (default main)")
    parser.add_argument("--new", type=Path, default=REPO_ROOT / SMALL)
    args = parser.parse_args(argv)
    names = [f"{f}.jsonl" for f in FILES] + ["points_rules.json"]
    if args.old is not None:
        old_text = {n: (args.old / n).read_text(encoding="utf-8") for n in names}
    else:
        old_text = {n: _read_rev(args.old_rev, SMALL / n) for n in names}
    problems = compare(old_text, args.new)
    for line in problems[:200]:
        print(line)
    counts = {n: len(_records(t)) for n, t in old_text.items() if n.endswith(".jsonl")}
    if problems:
        print(f"{len(problems)} differences")
        return 1
    print("every id and existing field unchanged: " + ", ".join(f"{n} {c}" for n, c in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
