"""A Japanese message as the English words the engine's understanding reads (see the package docstring).

Rules run in a fixed order over the parts of the message no earlier rule took: whole-message approvals,
idioms, dates (they hold numbers), nights, party, points, data, prices, ordinals and references, brands
and places, then the phrase lexicon; Japanese left over (particles, politeness) is dropped, Latin words
stay. Dates are resolved here against `today` (Japanese is not ambiguous the way "next Friday" is:
来週の金曜 is the Friday of next week) and written as ISO dates, which the English date reader takes as
they are; without a `today` they become English phrases that only say a date is there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from kanjize import kanji2number

from assistant.offline.nlu.ja.lang import has_japanese

_LEXICON = Path(__file__).resolve().parents[2] / "data" / "ja" / "lexicon_ja.yaml"

_KANJI_DIGITS = "〇一二三四五六七八九十百千万"
NUM = rf"(?:\d+(?:\.\d+)?[万千]?)+|[{_KANJI_DIGITS}]+|[{_KANJI_DIGITS}]*\d+"
_WEEKDAYS = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]  # fmt: skip
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
_COUNTS = {2: "two", 3: "three", 4: "four"}
_PUNCT = "。、！？!?,.・ 　「」『』()（）"

APPROVALS = ("はい", "ええ", "うん", "お願いします", "お願い", "おねがいします", "それでお願いします", "それで",
             "それでいいです", "それでお願い", "オッケー", "おっけー", "了解", "了解です", "確定", "確定して",
             "確定します", "承認", "承認します", "予約してください", "予約します", "予約をお願いします",
             "はい、お願いします", "はい、予約して", "はい、それで", "ぜひ", "是非", "もちろん", "いいね",
             "それにします", "これにします", "それで予約", "お願いいたします", "大丈夫、お願いします")  # fmt: skip
DENIALS = ("いいえ", "いや", "やめておきます", "やめておく", "やめとく", "やめます", "やめて", "やめる",
           "結構です", "けっこうです", "いらない", "いりません", "必要ない", "必要ありません", "いいえ、結構です",
           "今回はやめておきます", "やっぱりやめます", "やっぱりやめておきます", "キャンセルで", "しない",
           "しません", "だめ", "いいえ、やめておきます", "遠慮します", "今はいいです", "今回は見送ります",
           "見送ります", "なしで")  # fmt: skip


def nfkc(text: str) -> str:
    """NFKC (full-width digits and letters, half-width katakana), lower case, thousands commas dropped."""
    text = unicodedata.normalize("NFKC", text).lower().replace("〜", "~").replace("～", "~")
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


def number(text: str) -> float | None:
    """ "15000", "1万5千", "1.5万", "三千", "十二" -> the number; None for anything else."""
    if not text:
        return None
    try:
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            return float(text)
        if re.fullmatch(r"\d+(?:\.\d+)?万", text):
            return float(text[:-1]) * 10000
        if re.fullmatch(r"\d+(?:\.\d+)?千", text):
            return float(text[:-1]) * 1000
        return float(kanji2number(text))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _int(text: str) -> int | None:
    value = number(text)
    return None if value is None else round(value)


@dataclass(frozen=True)
class _Done:
    """An English gloss; later rules leave it alone."""

    text: str


Piece = str | _Done
Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]]


@dataclass(frozen=True)
class _Lexicon:
    phrases: list[tuple[str, str]]  # longest first
    brand_spellings: list[str]

    @classmethod
    def load(cls, path: Path = _LEXICON) -> _Lexicon:
        raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        pairs: dict[str, str] = {}
        brands = [nfkc(str(s)) for spellings in (raw.get("brands") or {}).values() for s in spellings]
        for section in ("places", "brands"):
            for english, spellings in (raw.get(section) or {}).items():
                for spelling in spellings:
                    pairs[nfkc(str(spelling))] = str(english).lower()
        for ja, english in (raw.get("words") or {}).items():
            pairs[nfkc(str(ja))] = str(english)
        return cls(sorted(pairs.items(), key=lambda p: len(p[0]), reverse=True), brands)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon.load()


def _apply(pieces: list[Piece], pattern: re.Pattern[str], fn: Callable[[re.Match[str]], str | None]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, _Done):
            out.append(piece)
            continue
        last = 0
        for m in pattern.finditer(piece):
            replacement = fn(m)
            if replacement is None:
                continue
            out.append(piece[last : m.start()])
            out.append(_Done(f" {replacement} "))
            last = m.end()
        out.append(piece[last:])
    return [p for p in out if p != ""]


# -- dates ---------------------------------------------------------------------------------------------
def _future(today: date, month: int, day: int, year: int | None = None) -> date | None:
    try:
        d = date(year or today.year, month, day)
    except ValueError:
        return None
    if year is None and d < today:
        try:
            d = date(today.year + 1, month, day)
        except ValueError:
            return None
    return d


def _week_day(today: date, weeks: int, weekday: int) -> date:
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(days=7 * weeks + weekday)


def _next_weekday(today: date, weekday: int) -> date:
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


@lru_cache(maxsize=8)
def _date_rules(today: date | None) -> list[Rule]:
    def iso(d: date | None, fallback: str = "on a date") -> str | None:
        if d is None:
            return None
        return d.isoformat() if today is not None else fallback

    t = today or date(2026, 1, 5)
    weeks = {"今週": 0, "来週": 1, "再来週": 2}
    month_day = rf"(?:(\d{{4}})年)?({NUM})月({NUM})日"

    def full(m: re.Match[str]) -> str | None:
        month, day = _int(m[2]), _int(m[3])
        if month is None or day is None:
            return None
        return iso(_future(t, month, day, int(m[1]) if m[1] else None))

    def span(m: re.Match[str]) -> str | None:
        start = full(m)
        month, day, end_day = _int(m[2]), _int(m[3]), _int(m[5] or "")
        if start is None or month is None or day is None or end_day is None:
            return None
        end_month = _int(m[4]) if m[4] else month
        first = _future(t, month, day, int(m[1]) if m[1] else None)
        if first is None or end_month is None:
            return None
        end = _future(first, end_month, end_day)
        if end is None or end <= first:
            return None
        return f"from {iso(first)} to {iso(end)}" if today is not None else "from a date to a date"

    def week(m: re.Match[str]) -> str | None:
        return iso(_week_day(t, weeks[m[1]], _WEEKDAYS[m[2]]))

    def weekend(m: re.Match[str]) -> str | None:
        which = m[1] or m[2]
        if which == "来週":
            return iso(_week_day(t, 1, 5), "next weekend")
        if which == "再来週":
            return iso(_week_day(t, 2, 5), "next weekend")
        sat = _week_day(t, 0, 5)
        return iso(sat if sat >= t else _week_day(t, 1, 5), "this weekend")

    def bare_weekday(m: re.Match[str]) -> str | None:
        return iso(_next_weekday(t, _WEEKDAYS[m[1]]))

    def relative(m: re.Match[str]) -> str | None:
        days = {"今日": 0, "本日": 0, "今夜": 0, "今晩": 0, "明日": 1, "あした": 1, "あす": 1, "明後日": 2,
                "あさって": 2}[m[0]]  # fmt: skip
        return iso(t + timedelta(days=days), "tomorrow")

    def later(m: re.Match[str]) -> str | None:
        n = _int(m[1])
        if n is None or n > 365:
            return None
        return iso(t + timedelta(days=n * (7 if m[2] else 1)))

    def next_month_day(m: re.Match[str]) -> str | None:
        day = _int(m[1])
        month = t.month % 12 + 1
        year = t.year + (1 if t.month == 12 else 0)
        return iso(_future(t, month, day or 0, year)) if day else None

    def day_only(m: re.Match[str]) -> str | None:
        day = _int(m[1])
        if not day or day > 31:
            return None
        return iso(_future(t, t.month, day) if day >= t.day else _future(t, t.month % 12 + 1, day))

    def month_only(m: re.Match[str]) -> str | None:
        month = _int(m[1])
        return f"in {_MONTHS[month - 1]}" if month and 1 <= month <= 12 else None

    wd = "([月火水木金土日])曜?日?"
    return [
        (re.compile(rf"{month_day}\s*(?:~|-|から)\s*(?:({NUM})月)?({NUM})日(?:まで)?"), span),
        (re.compile(month_day), full),
        (re.compile(rf"(再来週|来週|今週)の?{wd}"), week),
        (re.compile(r"(再来週|来週|今週)?末|(?:(再来週|来週|今週)の?)?週末"), weekend),
        (re.compile(r"([月火水木金土日])曜日?"), bare_weekday),
        (re.compile(r"明後日|あさって|今日|本日|今夜|今晩|明日|あした|あす"), relative),
        (re.compile(rf"({NUM})(週間)?日?後"), later),
        (re.compile(rf"来月の?({NUM})日"), next_month_day),
        (re.compile(rf"(?<![\d月])({NUM})日(?=から|に|の|で|~|-|チェックイン|\s|$)"), day_only),
        (re.compile(rf"({NUM})月"), month_only),
        (re.compile(r"来月"), lambda m: "next month"),
    ]


# -- amounts -------------------------------------------------------------------------------------------
_YEN = r"(?:円|えん|yen)"
_AMT = rf"(?:[¥￥]\s*)?({NUM})\s*{_YEN}?"


def _yen(text: str, unit_from: str = "") -> int | None:
    value = number(text)
    if value is None:
        return None
    if unit_from and not re.search(r"[万千]", text):
        if unit_from.endswith("万"):
            value *= 10000
        elif unit_from.endswith("千"):
            value *= 1000
    return round(value)


def _is_money(m: re.Match[str], value: int) -> bool:
    return bool(re.search(rf"[¥￥万千]|{_YEN}", m[0])) or value >= 500


@lru_cache(maxsize=1)
def _amount_rules() -> list[Rule]:
    def yen_range(m: re.Match[str]) -> str | None:
        low, high = _yen(m[1], m[2]), _yen(m[2])
        if low is None or high is None or not low < high or not _is_money(m, high):
            return None
        return f"{low} yen to {high} yen"

    def capped(kind: str) -> Callable[[re.Match[str]], str | None]:
        def fn(m: re.Match[str]) -> str | None:
            value = _yen(m[1])
            if value is None or not _is_money(m, value):
                return None
            return f"{kind} {value} yen"

        return fn

    def points(m: re.Match[str]) -> str | None:
        value = _int(m[1])
        return f"{value} points" if value is not None else None

    def gigabytes(m: re.Match[str]) -> str | None:
        value = number(m[1])
        if value is None:
            return None
        shown = int(value) if value.is_integer() else value
        return f"{shown} gb a month"

    max_cue = r"(?:以下|以内|まで|未満|より安い|より安く|を超えない|を上限)"
    min_cue = r"(?:以上|より高い|超え|を超える)"
    around_cue = r"(?:くらい|ぐらい|位|程度|前後|ほど|ほどの|前後の)"
    return [
        (
            re.compile(r"(?:全部の|すべての|全ての|全)ポイント|ポイント(?:を)?(?:全部|すべて|全て)"),
            lambda m: "all my points",
        ),
        (re.compile(rf"({NUM})\s*(?:ポイント|ポ|pt|pts|p)(?![a-z])"), points),
        (re.compile(rf"(?:月|毎月|ひと月)?\s*({NUM})\s*(?:ギガバイト|ギガ|gb|g)(?![a-z])"), gigabytes),
        (re.compile(rf"{_AMT}\s*(?:~|-|から)\s*{_AMT}\s*(?:まで|くらい|程度|の間|で)?"), yen_range),
        (re.compile(rf"(?:予算(?:は|が)?|上限(?:は)?)\s*{_AMT}"), capped("under")),
        (re.compile(rf"{_AMT}\s*(?:くらい|ぐらい|程度)?\s*{max_cue}"), capped("under")),
        (re.compile(rf"{_AMT}\s*{min_cue}"), capped("over")),
        (re.compile(rf"{_AMT}\s*{around_cue}"), capped("around")),
        (re.compile(rf"[¥￥]\s*({NUM})|({NUM})\s*{_YEN}"), lambda m: _bare_yen(m)),
    ]


def _bare_yen(m: re.Match[str]) -> str | None:
    value = _yen(m[1] or m[2])
    return f"{value} yen" if value is not None else None


# -- stays and guests ----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _stay_rules() -> list[Rule]:
    def nights(m: re.Match[str]) -> str | None:
        n = _int(m[1])
        return f"{n} nights" if n and 0 < n <= 60 else None

    def count(label: str) -> Callable[[re.Match[str]], str | None]:
        def fn(m: re.Match[str]) -> str | None:
            n = _int(m[1])
            return f"{n} {label}" if n is not None and 0 <= n <= 30 else None

        return fn

    kids = r"(?:子供|子ども|こども|子|キッズ|小学生|幼児|赤ちゃん|乳児)"
    return [
        (re.compile(rf"({NUM})\s*泊\s*(?:{NUM}\s*日)?"), nights),
        (re.compile(rf"({NUM})\s*晩"), nights),
        (re.compile(rf"大人\s*(?:が|は)?\s*({NUM})\s*(?:人|名)?"), count("adults")),
        (re.compile(rf"{kids}\s*(?:が|は)?\s*({NUM})\s*(?:人|名)?"), count("children")),
        (re.compile(rf"({NUM})\s*(?:人|名)の?{kids}"), count("children")),
        (re.compile(r"一人で|ひとりで|1人で|ひとり旅|一人旅"), lambda m: "just me"),
        (re.compile(r"二人で|ふたりで|夫婦で|カップルで|2人で"), lambda m: "for 2 people"),
        (re.compile(rf"({NUM})\s*(?:人|名)"), count("people")),
    ]


# -- mobile habits -------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _habit_rules() -> list[Rule]:
    call = r"(?:通話|電話)(?:は|が|を|も)?"
    return [
        (
            re.compile(rf"{call}(?:ほとんど|あまり|めったに)(?:しない|しません|かけない|使わない)"),
            lambda m: "few calls",
        ),
        (re.compile(rf"{call}(?:しない|しません|不要|いらない|なし|使わない)"), lambda m: "no calls"),
        (
            re.compile(
                rf"{call}(?:よく|たくさん|いっぱい|多く)?(?:多い|多め|多く|よくする|よくします|たくさんする|かける|します)"
            ),
            lambda m: "lots of calls",
        ),
        (re.compile(r"データ(?:は|を)?(?:ほとんど|あまり)(?:使わない|使いません)"), lambda m: "barely use data"),
        (re.compile(r"(?:動画|ゲーム)(?:を|は)?(?:よく|たくさん|いっぱい)"), lambda m: "stream a lot"),
    ]


# -- references ----------------------------------------------------------------------------------------
def _ordinal(n: int) -> str:
    return f"the {_ORDINALS[n]} one" if n in _ORDINALS else f"number {n}"


@lru_cache(maxsize=1)
def _ref_rules() -> list[Rule]:
    brands = _lexicon().brand_spellings

    def nth(m: re.Match[str]) -> str | None:
        n = _int(m[1])
        return _ordinal(n) if n and 0 < n <= 20 else None

    def first_n(m: re.Match[str]) -> str | None:
        n = _int(m[2])
        if n not in _COUNTS:
            return None
        return f"the {'last' if m[1] == '最後' else 'first'} {_COUNTS[n]}"

    def pair(m: re.Match[str]) -> str | None:
        a, b = _int(m[1]), _int(m[2])
        return f"{a} and {b}" if a and b and a <= 20 and b <= 20 else None

    brand = "|".join(re.escape(b) for b in sorted(brands, key=len, reverse=True))
    one = r"(?:やつ|奴|方|ほう|もの|モデル|商品|ホテル|の)"
    return [
        (re.compile(rf"(最初|上|最後|先頭)の?\s*({NUM})\s*(?:つ|件|個|軒)"), first_n),
        (
            re.compile(
                rf"({NUM})\s*(?:番目?|つ目|個目|件目|軒目|位)(?:\s*(?:と|&|,|、)\s*)({NUM})\s*(?:番目?|つ目|個目|件目|軒目|位)"
            ),
            pair,
        ),
        (re.compile(rf"({NUM})\s*(?:番目|つ目|個目|件目|軒目|番の|番)"), nth),
        (re.compile(r"(?:一番|いちばん)(?:最初|上)の?|最初の|先頭の|トップの"), lambda m: "the first one"),
        (re.compile(r"最後の|一番下の|いちばん下の"), lambda m: "the last one"),
        (re.compile(rf"({brand})の\s*{one}"), lambda m: f"the {_brand_name(m[1])} one"),
        (
            re.compile(
                r"(?:その|この|あの)(?:ホテル|宿|商品|プラン|部屋|製品|やつ|予約|旅館)|それ|これ|あれ|そちら|こちら"
            ),
            lambda m: "that one",
        ),
    ]


def _brand_name(spelling: str) -> str:
    return _phrase_table().get(spelling, spelling)


# -- the whole message ---------------------------------------------------------------------------------
def _strip(text: str) -> str:
    return text.strip(_PUNCT).replace(" ", "").replace("、", "")


@lru_cache(maxsize=1)
def _approvals() -> tuple[frozenset[str], frozenset[str]]:
    yes = frozenset(_strip(nfkc(a)) for a in APPROVALS)
    no = frozenset(_strip(nfkc(d)) for d in DENIALS)
    return yes, no


def decision(text: str) -> bool | None:
    """True / False when the whole message is a Japanese approval / refusal ("はい", "やめておきます")."""
    core = _strip(nfkc(text))
    for ending in ("です", "ください", "下さい", "ね", "よ", "。"):
        if core.endswith(ending) and len(core) > len(ending) + 1:
            trimmed = core[: -len(ending)]
            if trimmed in _approvals()[0] or trimmed in _approvals()[1]:
                core = trimmed
                break
    if core in _approvals()[0]:
        return True
    if core in _approvals()[1]:
        return False
    return None


_IDIOMS: list[tuple[str, str]] = [
    ("一番安い", "the cheapest"),
    ("いちばん安い", "the cheapest"),
    ("一番高い", "the most expensive"),
    ("一番評価", "the best rated"),
    ("一番人気", "the best rated"),
    ("一緒", "together"),
    ("一度", "once"),
    ("一覧", "list"),
    ("万が一", "just in case"),
    ("一般", "general"),
    ("やっぱり", "actually"),
    ("やっぱ", "actually"),
    ("やはり", "actually"),
    ("じゃなくて", "actually"),
    ("ではなく", "actually"),
    ("に変更", "make it"),
    ("に変えて", "make it"),
    ("にして", "make it"),
    ("にしたい", "make it"),
    ("いや、", "actually "),
]


def gloss(text: str, today: date | None = None) -> str:
    """The English the engine reads for `text`; text with no Japanese in it comes back normalised only."""
    t = nfkc(text)
    if not has_japanese(t):
        return re.sub(r"\s+", " ", t).strip()
    said = decision(t)
    if said is not None:
        return "yes please" if said else "no thanks"

    pieces: list[Piece] = [t]
    pieces = _apply(pieces, _idiom_pattern(), lambda m: dict(_IDIOMS)[m[0]])
    rules = [*_stay_rules(), *_date_rules(today), *_amount_rules(), *_habit_rules(), *_ref_rules()]
    for pattern, fn in rules:
        pieces = _apply(pieces, pattern, fn)
    pieces = _apply(pieces, _phrase_pattern(), lambda m: _phrase_of(m[0]))
    words: list[str] = []
    for piece in pieces:
        if isinstance(piece, _Done):
            words.append(piece.text)
        else:
            words.append(re.sub(r"[\u3000-\u30ff\u3400-\u9fff\uff66-\uff9f々〆ヶー]+", " ", piece))
    out = " ".join(words)
    out = out.replace("？", "?").replace("！", "!")
    return re.sub(r"\s+", " ", out).strip()


@lru_cache(maxsize=1)
def _idiom_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(ja) for ja, _en in sorted(_IDIOMS, key=lambda p: len(p[0]), reverse=True)))


@lru_cache(maxsize=1)
def _phrase_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(ja) for ja, _en in _lexicon().phrases))


@lru_cache(maxsize=1)
def _phrase_table() -> dict[str, str]:
    return dict(_lexicon().phrases)


def _phrase_of(ja: str) -> str:
    return _phrase_table().get(ja, "")
