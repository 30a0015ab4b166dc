"""Who is travelling: adults and children from everyday phrases.

Party semantics are their own small grammar, so they live apart from the general slot extractor:

- explicit counts win: "2 adults and 2 kids", "4 adults", "3 children";
- "the four of us", "2 of us", "we're 3", "party of 4", "4 people" give the whole party (`party_total`);
  the dialogue state splits it using the children it already knows ("2 adults and 2 kids", then "the four
  of us" is still 2 + 2);
- companions are counted: "me and my husband" = 2 adults, "me and my 2 kids" = 1 adult + 2 children,
  "my wife, me and our baby" = 2 + 1, "my wife and I plus our boys aged 9 and 12" = 2 + 2;
- ages make children ("she's 6", "aged 9 and 12", "(10 and 7)"), one child per age under 18;
- a companion who is "coming too" / "joining" without the speaker being counted again is an addition
  (`adults_add` / `children_add`), one who "dropped out" a removal; the state applies it to the stay;
- solo phrases ("just me", "by myself") are 1 adult.

Vocabulary comes from `data/party.yaml`.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.offline.nlu.lexicon import Lexicon, alternation, load_yaml
from assistant.offline.nlu.spans import Free, Take

ADULT_AGE = 18
# "4 people" / "4 of us" count the whole party (children included), not the adults.
_WHOLE_PARTY = {"people", "persons", "guests", "of us", "pax", "ppl"}



class PartyReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        raw: dict[str, Any] = load_yaml("party.yaml")
        numbers = alternation(list(lexicon.number_words))
        count = rf"(\d+|{numbers})"
        adults = alternation([w for w in lexicon.adult_words if w not in _WHOLE_PARTY])
        kids = alternation(lexicon.child_words)
        self._adults = re.compile(rf"\b{count}\s+(?:(?:grown|adult)\s+)?(?:{adults})\b")
        self._kids = re.compile(rf"\b{count}\s+(?:little\s+|small\s+|young\s+)?(?:{kids})\b")
        self._total = re.compile(
            rf"\b(?:the\s+|all\s+)?{count}\s+of\s+us\b|\b(?:we\s*'?re|we\s+are|party\s+of|family\s+of|group\s+of)\s+{count}\b"
            rf"|\b{count}\s+(?:people|persons|guests|pax|ppl|travell?ers)\b"
        )
        self._companion_adult: dict[str, int] = {str(k): int(v) for k, v in raw["adult_companions"].items()}
        self._companion_child: dict[str, int] = {str(k): int(v) for k, v in raw["child_companions"].items()}
        nouns = alternation([*self._companion_adult, *self._companion_child])
        self._companion = re.compile(
            rf"\b(?:(my|our|the|a|an|with|plus|and)\s+)?(?:{count}\s+)?(?:little\s+|young\s+|small\s+|baby\s+)?({nouns})\b"
        )
        self._self = re.compile(r"\b(me|i|myself|we|us)\b")
        self._ages = re.compile(
            r"\b(?:aged?|ages)\s+(\d{1,2})(?:\s*(?:,|and|&)\s*(\d{1,2}))?(?:\s*(?:,|and|&)\s*(\d{1,2}))?\b"
            r"|\b(?:she|he|they)\s*(?:'s|is|are|'re)\s+(?:only\s+|just\s+)?(\d{1,2})\b(?!\s*(?:nights?|%|k\b|yen))"
            r"|\((\d{1,2})(?:\s*(?:,|and|&)\s*(\d{1,2}))?(?:\s*(?:,|and|&)\s*(\d{1,2}))?\)"
            r"|\b(\d{1,2})\s*(?:years?\s+old|yrs?\s+old|yo|y/o)\b"
        )
        self._adding = re.compile(rf"\b(?:{alternation(raw['adding_cues'])})\b")
        self._leaving = re.compile(rf"\b(?:{alternation(raw['leaving_cues'])})\b")

    def _count_value(self, word: str) -> int:
        return int(word) if word.isdigit() else self.lex.number_words.get(word, 0)

    def _first(self, pattern: re.Pattern[str], t: str, free: Free, take: Take) -> re.Match[str] | None:
        for m in pattern.finditer(t):
            if free(m.start(), m.end()):
                take(m.start(), m.end())
                return m
        return None

    def read(self, t: str, slots: dict[str, Any], free: Free, take: Take) -> None:
        """Set the party slots (`adults`, `children`, `party_total`, `adults_add`, `children_add`) from
        the normalised text `t`."""
        ages = self._read_ages(t, free, take)
        kids = self._first(self._kids, t, free, take)
        grown = self._first(self._adults, t, free, take)
        total = self._first(self._total, t, free, take)
        comp_adults, comp_children, named = self._companions(t, free, take, len(ages))
        children = self._count_value(kids[1]) if kids else None
        adults = self._count_value(grown[1]) if grown else None
        if total:
            slots["party_total"] = self._count_value(next(g for g in total.groups() if g))
        if children is None and (comp_children or ages):
            children = max(comp_children, len(ages))
        self_counted = bool(self._self.search(t)) or bool(re.search(r"\bwith (?:my|our)\b", t))
        adding = named and not re.search(r"\b(me|i|myself)\b", t) and bool(self._adding.search(t))
        leaving = named and bool(self._leaving.search(t))
        if named and not (self_counted or adding or leaving or ages or kids or grown or total):
            comp_adults = comp_children = 0  # "a gift for my wife": a person mentioned, not a party
            children = None
        if adding or leaving:
            sign = -1 if leaving else 1
            if comp_adults and adults is None and "party_total" not in slots:
                slots["adults_add"] = sign * comp_adults
            if children is not None and not kids:
                slots["children_add"] = sign * children
                children = None
        elif adults is None and comp_adults and "party_total" not in slots:
            adults = comp_adults + (1 if self_counted else 0)
        elif adults is None and children is not None and self_counted and "party_total" not in slots:
            adults = 1 if re.search(r"\b(me|i|myself)\b", t) and not re.search(r"\b(we|us|our)\b", t) else None
        if children is not None:
            slots["children"] = children
        if adults is not None:
            slots["adults"] = adults
        elif "party_total" in slots:
            slots["adults"] = max(1, slots["party_total"] - (children or 0))
        elif not named and "adults_add" not in slots:
            for start, end, n in self.lex.party.finditer(t):
                if free(start, end):
                    slots["adults"] = n
                    take(start, end)
                    break

    def _read_ages(self, t: str, free: Free, take: Take) -> list[int]:
        ages: list[int] = []
        for m in self._ages.finditer(t):
            if not free(m.start(), m.end()):
                continue
            values = [int(g) for g in m.groups() if g]
            if values and all(v < ADULT_AGE for v in values):
                ages.extend(values)
                take(m.start(), m.end())
        return ages

    def _companions(self, t: str, free: Free, take: Take, ages: int) -> tuple[int, int, bool]:
        """Adults and children named as companions ("my husband", "our two boys", "the kids")."""
        adults = children = 0
        named = False
        for m in self._companion.finditer(t):
            if not free(m.start(), m.end()):
                continue
            noun = m[3]
            if noun in {"girls", "boys", "guys", "ladies"} and re.search(r"\bof us\s*$", t[: m.start(3)]):
                continue  # "three of us girls": a description of the party, counted by "three of us"
            if m[1] is None and m[2] is None and noun in {"girl", "boy", "girls", "boys", "guys"}:
                continue
            named = True
            take(m.start(), m.end())
            if noun in self._companion_child:
                n = self._count_value(m[2]) if m[2] else self._companion_child[noun]
                children += n if n else max(ages, 2)
            else:
                n = self._count_value(m[2]) if m[2] else self._companion_adult[noun]
                adults += n if n else 2
        return adults, children, named
