"""Japanese references to what was shown: ordinals (2番目), first/last n, pairs, brand picks, それ / その.

Why English words out: the dialogue state resolves "the second one" and "that one" for both languages.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.offline.nlu.ja.lexicon import lexicon, phrase_table
from assistant.offline.nlu.ja.text import NUM, Rule
from assistant.offline.nlu.ja.text import to_int as _int

_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
_COUNTS = {2: "two", 3: "three", 4: "four"}


# -- references ----------------------------------------------------------------------------------------
def _ordinal(n: int) -> str:
    return f"the {_ORDINALS[n]} one" if n in _ORDINALS else f"number {n}"


@lru_cache(maxsize=1)
def ref_rules() -> list[Rule]:
    brands = lexicon().brand_spellings

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


# Whose account a request is about: another member ("M0003さんの", "田中様の") or a relative or friend
# ("妻の予約"). The English other-member rule reads "m0003's points" / "my wife's bookings".
_RELATIVES = {"友達": "friend", "友人": "friend", "妻": "wife", "嫁": "wife", "夫": "husband", "主人": "husband",
              "旦那": "husband", "母": "mother", "母親": "mother", "父": "father", "父親": "father", "兄": "brother",
              "弟": "brother", "姉": "sister", "妹": "sister", "息子": "son", "娘": "daughter", "同僚": "colleague",
              "上司": "boss", "彼女": "girlfriend", "彼氏": "boyfriend"}  # fmt: skip
_THEIR_THINGS = {"ポイント残高": "points balance", "ポイント": "points", "残高": "balance", "予約": "bookings",
                 "履歴": "history", "アカウント": "account", "メールアドレス": "email", "メール": "email",
                 "電話番号": "phone", "住所": "address", "宿泊": "stays", "注文": "orders"}  # fmt: skip
_HONORIFIC = r"(?:さん|様|さま|氏|くん|ちゃん)"
_NOT_A_NAME = ("お客", "皆", "みな", "お子", "子供", "子ども", "お嬢", "お坊っ")


@lru_cache(maxsize=1)
def owner_rules() -> list[Rule]:
    things = "|".join(sorted(_THEIR_THINGS, key=len, reverse=True))
    relatives = "|".join(sorted(_RELATIVES, key=len, reverse=True))

    def member(m: re.Match[str]) -> str | None:
        return f"member {m[1]}'s {_THEIR_THINGS[m[2]]}"

    def named(m: re.Match[str]) -> str | None:
        if m[1].startswith(_NOT_A_NAME):
            return None
        return f"someone else's {_THEIR_THINGS[m[2]]}"

    def relative(m: re.Match[str]) -> str | None:
        return f"my {_RELATIVES[m[1]]}'s {_THEIR_THINGS[m[2]]}"

    return [
        (re.compile(rf"([a-z]\d{{3,}})\s*{_HONORIFIC}?\s*の\s*({things})"), member),
        (re.compile(rf"([\u3040-\u30ff\u4e00-\u9fffa-z]{{1,6}}?){_HONORIFIC}の\s*({things})"), named),
        (re.compile(rf"(?<![\u4e00-\u9fff])({relatives})の\s*({things})"), relative),
    ]


def _brand_name(spelling: str) -> str:
    return phrase_table().get(spelling, spelling)
