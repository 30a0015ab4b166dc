"""Typed task frames and the explicit rules that merge one utterance into them.

Each task the member can pursue (a product search, a hotel stay, a destination idea, plan advice) keeps
one frame: the constraints stated so far. Every message yields a dialogue act (`Act`) and a partial frame
(its slots); the act decides how the partial merges:

- a **new request** starts the frame again (keeping only what the task carries over, such as a stay's
  dates and guests when the member looks at another city);
- a **refinement** keeps every other constraint and adds or replaces only what was said ("any from
  Sony?" keeps "earbuds" and the 8k cap);
- a **correction** replaces one value outright (lists are replaced, not grown);
- a **switch** to another task leaves this frame untouched, so the member can **come back** to it.

The frames are dicts (so handlers read `frame.get("place")`) with a declared slot table, and the merge
rules live here, in one place, where they are unit-tested (tests/offline/test_frames.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, ClassVar


class Act(StrEnum):
    """What one utterance does to the conversation."""

    NEW = "new_request"
    REFINE = "refine"
    CORRECT = "correct"
    REFER = "refer"  # points at something shown ("the second one", "the huawei one", "it")
    COMPARE = "compare"
    CONFIRM = "confirm"
    NEGATE = "negate"
    SWITCH = "switch_topic"
    COME_BACK = "come_back"
    OTHER = "other"  # small talk, account questions: no frame changes


class Rule(StrEnum):
    REPLACE = "replace"  # the new value replaces the old one
    UNION = "union"  # list values grow ("and a pool" after "with an onsen")


def slot_rules(replace: tuple[str, ...], union: tuple[str, ...] = ()) -> Mapping[str, Rule]:
    """A frame's slot table: the slots a new value replaces, and the list slots that grow (`union`)."""
    return {**dict.fromkeys(replace, Rule.REPLACE), **dict.fromkeys(union, Rule.UNION)}


class Frame(dict[str, Any]):
    """The constraints of one task. Subclasses declare their slots and what a new request keeps."""

    TASK: ClassVar[str] = ""
    RULES: ClassVar[Mapping[str, Rule]] = {}
    KEEP_ON_NEW: ClassVar[tuple[str, ...]] = ()
    # Slots that say how to read the results rather than what to search for: a new request drops them.
    TRANSIENT: ClassVar[tuple[str, ...]] = ("pref",)

    def partial(self, slots: Mapping[str, Any]) -> dict[str, Any]:
        """The part of an utterance's slots this task understands."""
        return {k: v for k, v in slots.items() if k in self.RULES and v is not None}

    def new_request(self, slots: Mapping[str, Any], *, keep: tuple[str, ...] | None = None) -> None:
        """Start again from `slots`, keeping only the carried-over slots (`keep`, default KEEP_ON_NEW)."""
        carried = {k: self[k] for k in (self.KEEP_ON_NEW if keep is None else keep) if k in self}
        self.clear()
        self.update(carried)
        self._apply(slots)

    def refine(self, slots: Mapping[str, Any]) -> None:
        """Keep every other constraint; add or replace what was said (lists grow)."""
        self._apply(slots)

    def _apply(self, slots: Mapping[str, Any]) -> None:
        for key, value in self.partial(slots).items():
            if self.RULES[key] is Rule.UNION:
                self[key] = sorted({*self.get(key, []), *value})
            else:
                self[key] = value

    def correct(self, slots: Mapping[str, Any]) -> None:
        """Replace the values that were said, lists included ("actually just the onsen")."""
        for key, value in self.partial(slots).items():
            self[key] = sorted(set(value)) if self.RULES[key] is Rule.UNION else value

    def drop(self, *keys: str) -> None:
        for key in keys:
            self.pop(key, None)

    def note_price(self, said: Mapping[str, Any]) -> None:
        """Remember an approximate price ("around 10,000 yen") with the band it became, so the answer can say
        the band it searched; any other price said ends it (a refinement keeps the other bound, as for any
        price). Kept as (amount, floor, cap): `around` trusts it only while the frame still searches
        exactly that band."""
        if said.get("price_around") is not None:
            self["price_around"] = [said["price_around"], said.get("price_min"), said.get("price_max")]
            return
        if "price_min" in said or "price_max" in said:
            self.drop("price_around")

    def around(self) -> int | None:
        """The approximate amount the member gave, while the search bounds are still the band it made
        (a later "cheaper" or "over 5,000" changes the bounds, and then the band is no longer what was said)."""
        noted = self.get("price_around")
        if not isinstance(noted, list) or len(noted) != 3:
            return None
        amount, floor, cap = noted
        return int(amount) if [floor, cap] == [self.get("price_min"), self.get("price_max")] else None

    def changes(self, slots: Mapping[str, Any]) -> dict[str, Any]:
        """The slots whose value differs from the frame's: what a correction would replace."""
        return {k: v for k, v in self.partial(slots).items() if k in self and self[k] != v}


class ProductFrame(Frame):
    TASK = "products"
    # `brands`: "sony or bose", each searched (nlu/constraints.py)
    RULES: ClassVar[Mapping[str, Rule]] = slot_rules(
        replace=(
            "query", "category", "brand", "price_min", "price_max", "min_rating", "free_shipping", "colour", "size",
            "brands", "model", "pref", "gift",
        ),
        union=("exclude",),
    )


class StayFrame(Frame):
    """A hotel stay: where, when, who, and what the hotel should have."""

    TASK = "hotels"
    STAY = ("check_in", "nights", "adults", "children")
    # `places`: "Kanazawa or Takayama", each searched; `amenities`: a new search states its amenities, a
    # refinement adds (see `refine`)
    RULES: ClassVar[Mapping[str, Rule]] = slot_rules(
        replace=(
            *STAY, "place", "price_min", "price_max", "min_stars", "min_rating", "places", "amenities", "points",
            "area", "region", "pref",
        ),
    )
    KEEP_ON_NEW: ClassVar[tuple[str, ...]] = STAY

    def refine(self, slots: Mapping[str, Any]) -> None:
        """As `Frame.refine`, but amenities accumulate ("only ones with an onsen", then "and a pool")."""
        partial = self.partial(slots)
        amenities = partial.pop("amenities", None)
        self._apply(partial)
        if amenities:
            self["amenities"] = sorted({*self.get("amenities", []), *amenities})

    def new_search(self, slots: Mapping[str, Any]) -> None:
        """Another hotel search: another place starts again from the stay (dates, guests); the same place
        (or none named) keeps everything and takes the new values."""
        place = slots.get("place")
        if place and place != self.get("place"):
            self.new_request({k: v for k, v in slots.items() if k != "pref"})
            return
        self.drop("pref")
        self.update({k: v for k, v in self.partial(slots).items() if k != "pref"})


class DestinationFrame(Frame):
    TASK = "destinations"
    # `landmark`: "a snow festival", the Sapporo Snow Festival
    RULES: ClassVar[Mapping[str, Rule]] = slot_rules(
        replace=("query", "month", "climate", "place", "region", "landmark"), union=("exclude", "activities")
    )

    def refine(self, slots: Mapping[str, Any]) -> None:
        """Amenities said about a destination ("with an onsen") are activities there."""
        partial = dict(slots)
        extra = list(partial.pop("amenities", []) or [])
        if extra:
            partial["activities"] = sorted({*partial.get("activities", []), *extra})
        partial.pop("query", None)  # a follow-up's leftover words are not a new trip idea
        self._apply(partial)


class PlanFrame(Frame):
    TASK = "mobile"
    RULES: ClassVar[Mapping[str, Rule]] = slot_rules(replace=("data_gb", "calls", "data_use", "age"))


FRAME_TYPES: dict[str, type[Frame]] = {cls.TASK: cls for cls in (ProductFrame, StayFrame, DestinationFrame, PlanFrame)}
