"""A whole Japanese message that decides a pending action: はい / お願いします (yes), やめておきます (no).

Why a closed list: an approval runs a side effect, so only a message that is nothing but an approval
counts; anything longer is read as a request (and the API accepts these words as decisions too).
"""

from __future__ import annotations

from functools import lru_cache

from assistant.offline.nlu.ja.text import nfkc

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
