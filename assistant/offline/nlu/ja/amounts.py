"""Japanese amounts, stays and habits: prices and ranges, points, data, nights, party, call and data use.

Why together: they are all "a number and its counter" (円, ポイント, ギガ, 泊, 人), read by the same
number reader with the counter deciding the English words the slot readers expect.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from assistant.offline.nlu.ja.text import NUM, Rule, number
from assistant.offline.nlu.ja.text import to_int as _int

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
def amount_rules() -> list[Rule]:
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
def stay_rules() -> list[Rule]:
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
def habit_rules() -> list[Rule]:
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
