"""Overlap check: tuning material (the offline engine's data) must not copy evaluation material.

Why: a release gate that passes on memorised phrasing protects nobody. The offline engine learns from
`assistant/offline/data/*.yaml` (exemplars, rule patterns, lexicon, and the comments beside them, which is
where scenario phrases were found quoted). The evaluation material is every user turn of the release
scenarios (`eval/scenarios/**/*.yaml`) and of the issue-15 pattern test set (`eval/patterns/scenarios/`),
and every utterance of the NLU test split (`eval/nlu/test.yaml` or `eval/nlu/test/*.yaml`, skipped when
absent). `eval/dev/` and the NLU dev set are tuning material by design and are not read here.

Texts are normalised (NFKC, casefold, apostrophes dropped, other punctuation and symbols to spaces, spaces
collapsed), then:
- an EXACT copy is a tuning string of 4+ words found whole-word inside an evaluation string, or an
  evaluation string of 4+ words found whole-word inside a tuning string;
- a NEAR copy is a tuning string of 4+ words whose word set has a Jaccard index >= 0.8 with an evaluation
  string's (and that is not already an exact copy).
Japanese is not split on spaces, so a word rule never sees a copied Japanese sentence; for text with kana
or kanji, the normalised characters with the spaces dropped are compared instead:
- an EXACT copy shares a run of MIN_CJK_RUN (12)+ identical units with a tuning string, where a unit is a kanji
  or kana character, but a whole katakana word or Latin/digit run is one unit (`cjk_units`: a shared long
  loanword alone is no copy, "2番目を買うとポイントはいくつ" against "1番目を買うと..." is);
- a NEAR copy (4+ units) has a unit-bigram Jaccard index >= 0.8 with a tuning string's.
Counts are of evaluation strings (one leaked turn counts once, however many tuning strings it matches).
Rule patterns are regular expressions: their literal phrases are what is split out on `|` once the regex
syntax is dropped, so a rule that spells out a scenario's sentence is caught, a general grammar is not.

`python -m eval.overlap` prints a table and exits 1 when exact > 0 or near > MAX_NEAR.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table

from eval.scenario import load_scenarios

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "assistant" / "offline" / "data"
SCENARIOS_DIR = ROOT / "eval" / "scenarios"
PATTERNS_DIR = ROOT / "eval" / "patterns" / "scenarios"
SCENARIOS_JA_DIR = ROOT / "eval" / "scenarios_ja"
TEST_SCENARIO_DIRS = (SCENARIOS_DIR, PATTERNS_DIR, SCENARIOS_JA_DIR)
"""Every scenario folder that is test material: the release gate, the pattern test set and the Japanese
scenarios (never tuned on)."""
NLU_TEST_GLOBS = ("eval/nlu/test.yaml", "eval/nlu/test_ja.yaml", "eval/nlu/test2.yaml", "eval/nlu/test/*.yaml",
                  "eval/nlu/test/**/*.yaml")
MIN_WORDS = 4
NEAR_JACCARD = 0.8
MIN_CJK_RUN = 12  # units; about as long as 4 English words (a polite verb ending alone is 8 or more)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f々〆ヶ]")
MAX_NEAR = 2
RULE_KEYS = frozenset({"pattern", "unless"})


@dataclass(frozen=True)
class Text:
    """One string and where it came from (`file:line`, plus what it is)."""

    text: str
    origin: str

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(normalise(self.text).split())


@dataclass(frozen=True)
class Finding:
    kind: str  # "exact" or "near"
    evaluation: Text
    tuning: Text
    jaccard: float


def normalise(text: str) -> str:
    """NFKC, casefold, apostrophes dropped ("what's" = "whats"), other punctuation and symbols to spaces
    ("limited-time" = "limited time"), one space between words."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("'", "").replace("\u2019", "")
    chars = [" " if unicodedata.category(c)[0] in "PSZC" else c for c in folded]
    return " ".join("".join(chars).split())


# --- tuning strings -------------------------------------------------------------------------------------

_REGEX_TOKEN = re.compile(
    r"\(\?(?:<[=!]|[=!:]|[a-z]+\))"  # group openers: lookarounds, non-capturing, inline flags
    r"|\\[bBdDsSwWAZ]"  # class escapes and anchors
    r"|\\(.)"  # any other escaped character stands for itself
    r"|\[(?:\\.|[^\]])*\]"  # character classes
    r"|\{\d*,?\d*\}"  # counted repeats
    r"|[()^$?*+.]"  # groups, anchors, quantifiers, any-character
)


def _alternatives(pattern: str) -> list[str]:
    """`pattern` cut at every `|` that is an alternation (not escaped, not inside a character class)."""
    pieces, current, i, in_class = [], "", 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            current += pattern[i : i + 2]
            i += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        if char == "|" and not in_class:
            pieces.append(current)
            current = ""
        else:
            current += char
        i += 1
    return [*pieces, current]


def rule_phrases(pattern: str) -> list[str]:
    """The literal phrases of a regular expression: split on `|`, with the regex syntax dropped.

    Splitting on every `|` (not only the top level) keeps the words that run between two groups together
    ("oops)\\b(we are" gives "oops we are"): those are sequences the rule can match word for word.
    """
    phrases = []
    for piece in _alternatives(pattern):
        literal = _REGEX_TOKEN.sub(lambda m: m.group(1) or " ", piece)
        literal = " ".join(literal.split())
        if literal:
            phrases.append(literal)
    return phrases


def _string_leaves(node: yaml.Node, path: str) -> Iterator[tuple[str, str, int]]:
    """(key path, string value, 1-based line) of every scalar value of a composed YAML document."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _string_leaves(value, f"{path}.{key.value}" if path else str(key.value))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _string_leaves(item, f"{path}[{i}]")
    elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        yield path, str(node.value), node.start_mark.line + 1


def yaml_comments(text: str) -> Iterator[tuple[str, int]]:
    """(comment text, line) of every `#` comment, found between the YAML scanner's tokens (so a `#`
    inside a quoted pattern is never mistaken for one)."""
    offsets = [0]
    for physical in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(physical))
    gaps: list[tuple[int, int]] = []
    end = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        gaps.append((end, token.start_mark.index))
        end = max(end, token.end_mark.index)
    gaps.append((end, len(text)))
    for start, stop in gaps:
        for match in re.finditer(r"(?:^|(?<=\s))#([^\n]*)", text[start:stop]):
            index = start + match.start()
            line = next(i for i, offset in enumerate(offsets) if offset > index)
            comment = match.group(1).strip()
            if comment:
                yield comment, line


def _quoted(text: str) -> list[str]:
    """Phrases quoted inside a comment ("sorry, we are 3 adults"): each is a tuning string of its own."""
    return [m.group(1) or m.group(2) for m in re.finditer(r"\"([^\"]+)\"|“([^”]+)”", text)]


def tuning_strings(data_dir: Path = DATA_DIR) -> list[Text]:
    """Every exemplar, lexicon entry, rule phrase and comment of the engine's data files (and of the
    per-language folders below them, such as `ja/`)."""
    found: list[Text] = []
    for path in sorted(data_dir.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(data_dir).as_posix()
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        if root is not None:
            for key_path, value, line in _string_leaves(root, ""):
                if key_path.rsplit(".", 1)[-1] in RULE_KEYS:
                    found += [Text(p, f"{name}:{line} rule") for p in rule_phrases(value)]
                else:
                    found.append(Text(value, f"{name}:{line} {key_path.split('.')[0].split('[')[0]}"))
        for comment, line in yaml_comments(text):
            found.append(Text(comment, f"{name}:{line} comment"))
            found += [Text(q, f"{name}:{line} comment quote") for q in _quoted(comment)]
    return found


# --- evaluation strings ---------------------------------------------------------------------------------


def scenario_turns(scenarios_dir: Path = SCENARIOS_DIR) -> list[Text]:
    """Every member message of the release scenarios (through the scenario loader: the format contract)."""
    out = []
    for scenario in load_scenarios(scenarios_dir):
        for i, turn in enumerate(scenario.turns):
            if turn.user is not None:
                out.append(Text(turn.user, f"{Path(scenario.source).name} {scenario.id} turn {i + 1}"))
    return out


def nlu_test_utterances(root: Path = ROOT, patterns: Sequence[str] = NLU_TEST_GLOBS) -> list[Text]:
    """Utterances of the NLU test split, in whichever of its layouts exists; none when it is absent."""
    paths = sorted({p for pattern in patterns for p in root.glob(pattern) if p.is_file()})
    out = []
    for path in paths:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = raw.get("utterances", []) if isinstance(raw, dict) else raw or []
        for i, item in enumerate(items):
            text = item.get("text") if isinstance(item, dict) else item
            if isinstance(text, str):
                out.append(Text(text, f"{path.relative_to(root)} #{i + 1}"))
    return out


# --- matching -------------------------------------------------------------------------------------------


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    return f" {' '.join(inner)} " in f" {' '.join(outer)} "


def jaccard(a: Iterable[Hashable], b: Iterable[Hashable]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 0.0


def find_overlaps(tuning: Sequence[Text], evaluation: Sequence[Text]) -> list[Finding]:
    """The best finding per evaluation string: an exact copy if there is one, else the nearest near copy."""
    unique: dict[tuple[str, ...], Text] = {}
    for t in tuning:
        unique.setdefault(t.words, t)
    long_tuning = [(w, t) for w, t in unique.items() if len(w) >= MIN_WORDS]
    all_tuning = [(w, t) for w, t in unique.items() if w]
    findings = []
    for e in evaluation:
        ew = e.words
        if not ew:
            continue
        exact = next((t for w, t in long_tuning if _contains(ew, w)), None)
        if exact is None and len(ew) >= MIN_WORDS:
            exact = next((t for w, t in all_tuning if _contains(w, ew)), None)
        if exact is not None:
            findings.append(Finding("exact", e, exact, jaccard(ew, exact.words)))
            continue
        best = max(((jaccard(ew, w), t) for w, t in long_tuning), default=(0.0, None), key=lambda p: p[0])
        if best[1] is not None and best[0] >= NEAR_JACCARD:
            findings.append(Finding("near", e, best[1], best[0]))
    return findings


_UNIT = re.compile(r"[\u30a0-\u30ffー]+|[a-z0-9]+|\S")


def cjk_units(text: str) -> tuple[str, ...]:
    """The units a Japanese text is compared by: each kanji or kana character, but a katakana word or a
    run of Latin letters and digits is one unit (so a long loanword such as ワイヤレスイヤホン, which any
    two requests for earbuds share, does not make a copy by itself). Empty for text with no kana or kanji."""
    folded = normalise(text).replace(" ", "")
    return tuple(_UNIT.findall(folded)) if _CJK.search(folded) else ()


def _grams(units: tuple[str, ...], n: int) -> set[tuple[str, ...]]:
    return {units[i : i + n] for i in range(len(units) - n + 1)}


def find_cjk_overlaps(tuning: Sequence[Text], evaluation: Sequence[Text]) -> list[Finding]:
    """Japanese copies: a shared run of MIN_CJK_RUN+ units (exact), else the nearest unit-bigram match."""
    runs: dict[tuple[str, ...], Text] = {}
    bigrams: list[tuple[set[tuple[str, ...]], Text]] = []
    for t in tuning:
        units = cjk_units(t.text)
        for gram in _grams(units, MIN_CJK_RUN):
            runs.setdefault(gram, t)
        if len(units) >= MIN_WORDS:
            bigrams.append((_grams(units, 2), t))
    findings = []
    for e in evaluation:
        units = cjk_units(e.text)
        if len(units) < MIN_WORDS:
            continue
        mine = _grams(units, 2)
        exact = next((runs[g] for g in sorted(_grams(units, MIN_CJK_RUN)) if g in runs), None)
        if exact is not None:
            findings.append(Finding("exact", e, exact, jaccard(mine, _grams(cjk_units(exact.text), 2))))
            continue
        best = max(((jaccard(mine, grams), t) for grams, t in bigrams), default=(0.0, None), key=lambda p: p[0])
        if best[1] is not None and best[0] >= NEAR_JACCARD:
            findings.append(Finding("near", e, best[1], best[0]))
    return findings


def all_overlaps(tuning: Sequence[Text], evaluation: Sequence[Text]) -> list[Finding]:
    """Word findings for every evaluation string, character findings for the Japanese ones without one."""
    by_words = find_overlaps(tuning, evaluation)
    seen = {id(f.evaluation) for f in by_words}
    return [*by_words, *find_cjk_overlaps(tuning, [e for e in evaluation if id(e) not in seen])]


def render(findings: Sequence[Finding], console: Console) -> None:
    table = Table(title="Tuning material found in evaluation material")
    for column in ("kind", "evaluation string", "where", "tuning string", "where", "jaccard"):
        table.add_column(column)
    for f in sorted(findings, key=lambda f: (f.kind, f.evaluation.origin)):
        table.add_row(
            f.kind, f.evaluation.text, f.evaluation.origin, f.tuning.text, f.tuning.origin, f"{f.jaccard:.2f}"
        )
    if findings:
        console.print(table)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.overlap", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the engine's tuning data folder")
    parser.add_argument(
        "--scenarios",
        type=Path,
        action="append",
        default=None,
        help="an evaluation scenarios folder (repeat for several; default: eval/scenarios, eval/patterns/scenarios "
        "and eval/scenarios_ja)",
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="where the NLU test split globs start")
    parser.add_argument("--max-near", type=int, default=MAX_NEAR)
    args = parser.parse_args(argv)
    tuning = tuning_strings(args.data)
    folders = args.scenarios or [d for d in TEST_SCENARIO_DIRS if d.is_dir()]
    turns = [turn for folder in folders for turn in scenario_turns(folder)]
    nlu = nlu_test_utterances(args.root)
    findings = all_overlaps(tuning, [*turns, *nlu])
    exact = sum(f.kind == "exact" for f in findings)
    near = sum(f.kind == "near" for f in findings)
    console = Console(width=200)
    render(findings, console)
    console.print(
        f"overlap: {len(tuning)} tuning strings vs {len(turns)} scenario turns + {len(nlu)} NLU test "
        f"utterances{'' if nlu else ' (no NLU test split found)'}: exact {exact}, near {near} "
        f"(limits: exact 0, near {args.max_near})"
    )
    return 1 if exact > 0 or near > args.max_near else 0


if __name__ == "__main__":
    sys.exit(main())
