"""Reading the member's requests about their own account: how many points, on what; age and call habits;
which plan, option or past movement a question is about.

Pure functions of the (normalised) text, with cue words from `data/account.yaml`. They read structure, not
sentences: an amount is a number (digits or words, "3k", "two thousand") tied to "points" or said in a
redemption; "half" and "all of them" are fractions of the balance; "those" is the expiring points just shown.
The policy decides what a reading means in the conversation (a bare "1000" only counts after a redemption
was started).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from assistant.offline.nlu.lexicon import alternation, load_yaml
from assistant.offline.nlu.slots import normalise

AmountKind = Literal["exact", "half", "all", "expiring"]
Target = Literal["mobile_bill", "marketplace_purchase", "stay", "other"]

_ONES = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "k": 1000, "grand": 1000, "man": 10_000, "万": 10_000, "千": 1000}
_WORD = "|".join(sorted((*_ONES, *_SCALES), key=len, reverse=True))
_WORDS_NUMBER = re.compile(rf"\b(?:(?:{_WORD})(?:[\s-]+(?:and\s+)?)?)+\b")
_DIGITS = r"(\d[\d,]*(?:\.\d+)?)\s*(k|thousand|man|万|千)?"
_POINTS_WORD = r"(?:points?|pts?|ポイント)"


@dataclass(frozen=True)
class Amount:
    kind: AmountKind
    points: int | None = None  # for "exact"
    explicit: bool = True  # tied to the word "points" (not a bare number)


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("account.yaml")
    return data



def has(text: str, phrases: list[str]) -> bool:
    """Whether any cue phrase occurs in `text` as whole words."""
    return bool(phrases) and re.search(rf"(?<![\w'])(?:{alternation(phrases)})(?![\w'])", text) is not None


def words_value(phrase: str) -> int | None:
    """ "two thousand five hundred" -> 2500; None when the words are not a number."""
    total, current, seen = 0, 0, False
    for token in re.split(r"[\s-]+", phrase.strip()):
        if token in {"and", ""}:
            continue
        if token in _ONES:
            current += _ONES[token]
            seen = True
        elif token in _SCALES:
            scale = _SCALES[token]
            if scale >= 1000:
                total += max(current, 1) * scale
                current = 0
            else:
                current = max(current, 1) * scale
            seen = True
        else:
            return None
    value = total + current
    return value if seen and value > 0 else None


def _number(digits: str, unit: str | None) -> int:
    value = float(digits.replace(",", ""))
    return round(value * (_SCALES.get(unit, 1) if unit else 1))


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)


def points_amount(raw: str, *, bare_ok: bool = False) -> Amount | None:
    """How many points a message asks to use: "3000 of my points", "two thousand points", "half my points",
    "all of them", "those" (the expiring ones). A bare number ("just 1000 then") only with `bare_ok`."""
    text = normalise(raw)
    redeem = cues()["redeem"]
    tied = re.search(rf"{_DIGITS}\s*(?:of (?:my|the|your|those|them|these) )?{_POINTS_WORD}\b", text)
    if tied:
        return Amount("exact", _number(tied[1], tied[2]))
    for m in _WORDS_NUMBER.finditer(text):
        after = text[m.end() :]
        value = words_value(m[0])
        if value and value >= 10 and re.match(rf"\s*(?:of (?:my|the|your) )?{_POINTS_WORD}\b", after):
            return Amount("exact", value)
    if has(text, redeem["half"]):
        return Amount("half")
    if has(text, redeem["all"]):
        return Amount("all")
    if bare_ok or re.search(rf"\b{_POINTS_WORD}\b", text):
        # a number said beside "points" ("pay 1500 of my bill with points") is the amount; so is a yen
        # amount there, a point being worth a yen
        money = "" if re.search(rf"\b{_POINTS_WORD}\b", text) else "|yen|jpy|円"
        for m in re.finditer(rf"(?<![\w.,¥-])[¥]?{_DIGITS}(?![\w.,%-])", text):
            following = text[m.end() : m.end() + 12]
            if re.match(
                rf"\s*(?:gb|gig|minutes?|mins?|hours?|nights?|days?|weeks?|adults?|people|guests?|kids?"
                rf"|child(?:ren)?|rooms?|stars?|{_MONTH}|%{money})",
                following,
            ):
                continue  # a count of something else, or a day of a month ("from 26 december")
            if re.search(rf"\b{_MONTH}\s*$", text[: m.start()]):
                continue  # "december 26"
            value = _number(m[1], m[2])
            if value >= 10:
                return Amount("exact", value, explicit=False)
        for m in _WORDS_NUMBER.finditer(text):
            value = words_value(m[0])
            if value and value >= 100:
                return Amount("exact", value, explicit=False)
    if has(text, redeem["expiring"]):
        return Amount("expiring")
    return None


def redeem_target(raw: str) -> Target | None:
    """What the points should pay for, if the message says: the mobile bill, an order, a stay, or a purpose
    the tools cannot redeem for (a card bill)."""
    text = normalise(raw)
    targets = cues()["targets"]
    order: tuple[Target, ...] = ("other", "mobile_bill", "stay", "marketplace_purchase")
    for name in order:
        if has(text, targets[name]):
            return name
    return None


def redeem_verb(raw: str) -> bool:
    return has(normalise(raw), cues()["redeem"]["verbs"])


def mentions_points(raw: str) -> bool:
    return re.search(rf"\b{_POINTS_WORD}\b", normalise(raw)) is not None


def is_past_question(raw: str) -> bool:
    """ "What did I spend points on", "have I redeemed", "last time": about the past, not a new request."""
    return has(normalise(raw), cues()["history"]["past"])


def stated_age(raw: str) -> int | None:
    """The member's age when they state it ("I'm 21", "34 years old"); None otherwise."""
    text = normalise(raw)
    for pattern in cues()["plans"]["age_patterns"]:
        m = re.search(pattern, text)
        if m:
            age = int(m[1])
            if 10 <= age <= 99:
                return age
    return None


def call_minutes(raw: str) -> int | None:
    """Minutes of calls a month: "300 minutes a month", "3 hours of calls", "20 minutes a day"."""
    text = normalise(raw)
    plans = cues()["plans"]
    if not has(text, plans["calls_any"]):
        return None
    m = re.search(plans["call_minutes"], text)
    if m is None:
        return None
    value = float(m[1].replace(",", ""))
    minutes = value * 60 if m[2].startswith("h") else value
    per = m[3]
    if per == "day":
        minutes *= 30
    elif per == "week":
        minutes = minutes * 30 / 7
    return round(minutes)


def app_calls(raw: str) -> bool | None:
    """Whether the member is happy to call through the carrier's app (True), refuses it (False), or
    did not say (None)."""
    text = normalise(raw)
    plans = cues()["plans"]
    if has(text, plans["app_no"]):
        return False
    if has(text, plans["app_yes"]) and re.search(r"\bapp\b|\bcall", text):
        return True
    return None


def plan_question(raw: str) -> str | None:
    """What a plan question asks: the current bill, whether a plan is enough, a comparison, switching,
    the catch, the cost, an explanation; None when none of those cues is present."""
    text = normalise(raw)
    plans = cues()["plans"]
    for kind in ("cheaper", "catch", "switch", "current", "enough", "cost", "explain"):
        if has(text, plans[kind]):
            return kind
    return None


def option_wanted(raw: str) -> str | None:
    """Which kind of plan option a message is about (international calls, insurance, a call option)."""
    text = normalise(raw)
    for kind, words in cues()["plans"]["options"].items():
        if has(text, words):
            return str(kind)
    return None


def history_question(raw: str) -> str | None:
    """What a question about the member's own points past asks: "before" (the one before that), "expired",
    "prevent" (how to stop points expiring), "earned", "spend"; None when it is not about the past."""
    text = normalise(raw)
    hist = cues()["history"]
    if has(text, hist["before"]):
        return "before"
    if has(text, hist["prevent"]) and re.search(r"\bhow\b|\bwhat can\b|\bstop\b|\bprevent\b|\bavoid\b", text):
        return "prevent"
    if not is_past_question(text):
        return None
    if has(text, hist["expired"]):
        return "expired"
    if has(text, hist["earned"]):
        return "earned"
    if has(text, hist["spend"]):
        return "spend"
    return None


# --- plan names and age limits (from the plan rows of the data set) ------------------------------------

_GENERIC_PLAN_WORDS = frozenset({"plan", "plans", "data", "mobile", "sim", "unlimited", "calls", "call", "the", "one"})


def _plan_aliases(row: dict[str, Any], rows: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """(alias, strength) for one plan: its full name, the id's tail ("plan-light" -> "light"), the name's
    own distinctive words; a word two plans share only for the plan whose name starts with it."""
    name = normalise(str(row.get("name", "")))
    ident = str(row.get("id", "")).lower()
    aliases = [(name, 3), (name.replace("-", " "), 3)]
    tail = ident.split("-", 1)[1] if "-" in ident else ""
    if tail and tail not in _GENERIC_PLAN_WORDS:
        aliases.append((tail, 2))
    others = [normalise(str(r.get("name", ""))) for r in rows if r is not row]
    words = [w for w in re.split(r"\s+", name) if w and w not in _GENERIC_PLAN_WORDS]
    for i, word in enumerate(words):
        shared = any(re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", other) for other in others)
        if not shared or (i == 0 and not any(o.startswith(word) for o in others)):
            aliases.append((word, 1))
    return aliases


def plan_named(raw: str, rows: list[dict[str, Any]]) -> str | None:
    """The id of the plan the message names ("the data light one", "tiered", "the under 22 plan"), matched
    fuzzily word by word (rapidfuzz) so a typo still names it; None when no plan or several equally."""
    from rapidfuzz import fuzz

    text = normalise(raw).replace("-", " ")
    tokens = re.findall(r"[a-z0-9]+", text)
    best: tuple[int, int, str] | None = None
    for row in rows:
        for alias, strength in _plan_aliases(row, rows):
            parts = re.findall(r"[a-z0-9]+", alias)
            if not parts:
                continue
            n = len(parts)
            hit = any(
                all(
                    (fuzz.ratio(part, tokens[i + j]) >= (100 if part.isdigit() or len(part) <= 5 else 80))
                    for j, part in enumerate(parts)
                )
                for i in range(len(tokens) - n + 1)
                if n > 1 or tokens[i + 1 : i + 2] not in (["use"], ["user"], ["users"], ["usage"])
            )
            if hit:
                score = (strength, len(alias), str(row.get("id")))
                if best is None or score[:2] > best[:2]:
                    best = score
    return best[2] if best else None


def plan_age_limit(row: dict[str, Any]) -> int | None:
    """The oldest age a plan is for ("for members aged 22 or under", "Under-22"), None for everyone."""
    text = normalise(f"{row.get('name', '')} {row.get('description', '')}")
    m = re.search(r"aged (\d{1,2}) (?:or|and) (?:under|younger)|\bunder[- ](\d{1,2})\b", text)
    if m is None:
        return None
    return int(m[1] or m[2])
