"""Money in a message: a price range ("5-8k yen"), a cap or a floor ("under 20,000", "at least ¥3000") and
"around N" (a band of the lexicon's `around_pct` either side), then a bare amount ("¥12,000") as "around".
An approximate amount also leaves `price_around` (N itself), so the answer can say which band it searched.

Apart from the other slots because money has its own notation: currency words and signs, "k" / "man" /
万 multipliers, and the unit written once for both ends of a range.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.offline.nlu.lexicon import Lexicon, alternation
from assistant.offline.nlu.spans import Free, Take

NUMBER = r"(\d(?:[\d,]*\d)?(?:\.\d+)?)\s*(k|man|千|万|thousand)?"  # "27.5, under": no trailing comma


def amount(number: str, unit: str | None) -> int:
    """The value of a number as written with its multiplier: ("5", "k") -> 5000, ("1.2", "万") -> 12000."""
    value = float(number.replace(",", ""))
    if unit in {"k", "千", "thousand"}:
        value *= 1000
    elif unit in {"man", "万"}:
        value *= 10000
    return round(value)


class PriceReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        cur = alternation(lexicon.currency_words)
        self._cur = cur
        self._range = re.compile(
            rf"(?:between\s+)?(?:[¥￥]\s*)?{NUMBER}\s*(?:{cur})?\s*(?:-|to|and)\s*(?:[¥￥]\s*)?{NUMBER}\s*(?:{cur})?"
        )
        self._cue_alts = {
            "max": alternation(lexicon.price_max_cues),
            "min": alternation(lexicon.price_min_cues),
            "around": alternation(lexicon.price_around_cues),
        }

    def read(self, t: str, slots: dict[str, Any], free: Free, take: Take) -> None:
        """`price_min` / `price_max` from the first range, else from each kind of cue, else a bare amount."""
        cur = self._cur
        for m in self._range.finditer(t):
            if not free(m.start(), m.end()):
                continue
            low, high = amount(m[1], m[2] or m[4]), amount(m[3], m[4])
            # "5-8k": the unit on the second number applies to both
            if m[2] is None and m[4] and low < 1000 <= high:
                low = amount(m[1], m[4])
            has_money = bool(re.search(rf"[¥￥]|{cur}|\d\s*(k|man|万|千)\b", m[0])) or low >= 500
            if low < high and has_money and not re.search(r"/", m[0]):
                slots["price_min"], slots["price_max"] = low, high
                take(m.start(), m.end())
                return
        for kind in ("max", "min", "around"):
            cue = self._cue_alts[kind]
            pattern = re.compile(
                rf"(?:(?<![\w])(?:{cue})\s*(?:of\s+|is\s+|about\s+|around\s+)?(?:[¥￥]\s*)?{NUMBER}\s*(?:{cur})?(?:\s*(?:a|per)\s+night)?"
                rf"|(?<![\d.,])(?:[¥￥]\s*)?{NUMBER}\s*(?:{cur})?\s*(?:{cue})(?![\w]))"
            )
            for m in pattern.finditer(t):
                if not free(m.start(), m.end()):
                    continue
                number, unit = (m[1], m[2]) if m[1] else (m[3], m[4])
                value = amount(number, unit)
                if value < 100 and not unit and not re.search(rf"[¥￥]|{cur}", m[0]):
                    continue  # "under 3 nights", "about 2 people": not money
                self._set(slots, kind, value)
                take(m.start(), m.end())
                break
        if "price_min" in slots or "price_max" in slots:
            return
        bare = re.compile(rf"(?:[¥￥]\s*{NUMBER}|{NUMBER}\s*(?:{cur})(?![\w]))")
        for m in bare.finditer(t):
            if free(m.start(), m.end()):
                number, unit = (m[1], m[2]) if m[1] else (m[3], m[4])
                self._set(slots, "around", amount(number, unit))
                take(m.start(), m.end())
                return

    def _set(self, slots: dict[str, Any], kind: str, value: int) -> None:
        if kind == "max":
            slots["price_max"] = value
        elif kind == "min":
            slots["price_min"] = value
        else:
            pct = self.lex.around_pct
            slots["price_around"] = value
            slots["price_min"] = value * (100 - pct) // 100
            slots["price_max"] = value * (100 + pct) // 100
