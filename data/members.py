"""Members and their points-ledger history, simulated day by day so every invariant holds by construction.

The simulation walks from 420 days ago to today: purchases earn regular points (base + linked-service
bonus), campaigns grant limited-time points that expire 45 days after the grant, redemptions spend
limited-time points first (soonest expiry first) and never more than the balance, and regular points
expire 365 days after the last earn. Every movement becomes a `LedgerSeedEntry` dict.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from data.streams import stream
from data.vocab.people import INTERNATIONAL, JAPANESE_FAMILY, JAPANESE_GIVEN
from data.vocab.tables import load_table

RANKS = ("regular", "silver", "gold", "platinum", "diamond")
_TABLES = load_table("members")  # the descriptions of seeded ledger entries, one a line in data/vocab/members.json
PURCHASES: tuple[str, ...] = _TABLES["PURCHASES"]
CAMPAIGN_GRANTS: tuple[str, ...] = _TABLES["CAMPAIGN_GRANTS"]
REDEMPTIONS: tuple[str, ...] = _TABLES["REDEMPTIONS"]
BONUS_EXPIRY_DAYS, REGULAR_EXPIRY_DAYS = 45, 365
LINK_RATES = {"mobile": 1, "card": 2, "bank": 1}


@dataclass
class _Lot:
    points: int
    expires_t: int | None  # day index (negative = past); None = regular


@dataclass
class LedgerSimulation:
    """Replays one member's year; `entries` comes out in chronological order."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    regular: int = 0
    lots: list[_Lot] = field(default_factory=list)
    last_earn_t: int | None = None

    @property
    def balance(self) -> int:
        return self.regular + sum(lot.points for lot in self.lots)

    def _add(
        self, kind: str, points: int, t: int, description: str, expires_t: int | None = None, limited: bool = False
    ) -> None:
        self.entries.append(
            {
                "kind": kind,
                "points": points,
                "days_ago": -t,
                "expires_in_days": expires_t,
                "limited_time": limited,
                "description": description,
            }
        )

    def advance(self, t: int) -> None:
        """Expire everything due on or before day `t`."""
        for lot in sorted(self.lots, key=lambda lot: lot.expires_t or 0):
            if lot.expires_t is not None and lot.expires_t <= t and lot.points > 0:
                self._add("expire", -lot.points, lot.expires_t, "Limited-time points expired", limited=True)
                lot.points = 0
        self.lots = [lot for lot in self.lots if lot.points > 0]
        if self.last_earn_t is not None and self.regular > 0 and self.last_earn_t + REGULAR_EXPIRY_DAYS <= t:
            self._add(
                "expire",
                -self.regular,
                self.last_earn_t + REGULAR_EXPIRY_DAYS,
                "Points expired: no earning for 365 days",
            )
            self.regular = 0

    def earn(self, t: int, points: int, description: str) -> None:
        self.advance(t)
        self.regular += points
        self.last_earn_t = t
        self._add("earn", points, t, description)

    def grant_limited(self, t: int, points: int, description: str) -> None:
        self.advance(t)
        lot = _Lot(points, t + BONUS_EXPIRY_DAYS)
        self.lots.append(lot)
        self._add("earn", points, t, f"{description} (limited-time)", expires_t=lot.expires_t, limited=True)

    def redeem(self, t: int, points: int, description: str) -> None:
        self.advance(t)
        points = min(points, self.balance)
        if points <= 0:
            return
        left = points
        for lot in sorted(self.lots, key=lambda lot: lot.expires_t or 0):
            take = min(left, lot.points)
            lot.points -= take
            left -= take
        self.lots = [lot for lot in self.lots if lot.points > 0]
        self.regular -= left
        self._add("redeem", -points, t, description)


def _name(rng: random.Random, index: int, taken: set[str]) -> str:
    if index % 5 == 4:
        name = INTERNATIONAL[(index // 5) % len(INTERNATIONAL)]
    else:
        name = f"{rng.choice(JAPANESE_GIVEN)} {rng.choice(JAPANESE_FAMILY)}"
        while name in taken:
            name = f"{rng.choice(JAPANESE_GIVEN)} {rng.choice(JAPANESE_FAMILY)}"
    taken.add(name)
    return name


def _email(name: str, member_id: str) -> str:
    local = "".join(c for c in name.lower().replace(" ", ".") if c.isalnum() or c == ".")
    return f"{local}.{member_id[1:]}@example.com"


def _history(rng: random.Random, sim: LedgerSimulation, rate: int, profile: str) -> None:
    """Drive the simulation with a member's habits. `profile`: demo, whale, dormant, light, normal."""
    spend_scale = {"whale": 60000, "demo": 15000, "light": 2500, "normal": 7000, "dormant": 5000}[profile]
    start, stop = (-420, -380) if profile == "dormant" else (-400, -1)
    # a limited-time grant 20-40 days ago stays live and expires within the next 5-25 days
    soon_day = (
        -rng.randint(20, 40)
        if profile in ("demo", "normal", "whale") and (profile == "demo" or rng.random() < 0.6)
        else None
    )
    t = start
    while t < stop:
        t += rng.randint(2, 12) if profile != "light" else rng.randint(20, 60)
        if soon_day is not None and t >= soon_day:
            sim.grant_limited(soon_day, rng.choice((300, 500, 800, 1500)), rng.choice(CAMPAIGN_GRANTS))
            soon_day = None
        if t >= stop:
            break
        roll = rng.random()
        if roll < 0.66:
            amount = int(rng.lognormvariate(0, 0.7) * spend_scale)
            points = amount // 100 * rate
            if points:
                sim.earn(t, points, f"{rng.choice(PURCHASES)} ({amount:,} JPY, {rate}x)")
        elif roll < 0.82:
            sim.grant_limited(t, rng.choice((100, 200, 300, 500, 800, 1200)), rng.choice(CAMPAIGN_GRANTS))
        elif sim.balance > 0 and not (profile == "demo" and t > -50):  # the demo keeps its expiring points
            share = rng.uniform(0.1, 0.45) if profile != "whale" else rng.uniform(0.02, 0.1)
            sim.redeem(t, max(1, int(sim.balance * share)), rng.choice(REDEMPTIONS))
    if profile == "whale":
        while sim.balance <= 50000:
            amount = rng.randint(150000, 400000)
            sim.earn(-rng.randint(1, 15), amount // 100 * rate, f"Hotel stay: Okinawa resort ({amount:,} JPY, {rate}x)")
    if profile == "light" and sim.balance > 300:
        sim.redeem(-1, sim.balance - rng.randint(40, 250), "Points used: marketplace order")
    sim.advance(0)
    sim.entries.sort(key=lambda e: -e["days_ago"])  # chronological (stable within a day)


def generate_members(seed: int, n_members: int = 50) -> list[dict[str, Any]]:
    rng = stream(seed, "members")
    members = []
    names: set[str] = {"Yui Tanaka"}
    for i in range(n_members):
        member_id = f"M{i + 1:04d}"
        profile = {0: "demo", 1: "whale", 2: "dormant", 3: "light", 17: "whale", 29: "light"}.get(i, "normal")
        name = "Yui Tanaka" if i == 0 else _name(rng, i, names)
        if i == 0:
            linked = {"bank": False, "card": True, "mobile": True}
        elif profile == "whale":
            linked = {"bank": True, "card": True, "mobile": True}
        elif i % 7 == 3:
            linked = {"bank": False, "card": False, "mobile": False}
        else:
            linked = {"bank": rng.random() < 0.3, "card": rng.random() < 0.55, "mobile": rng.random() < 0.5}
        rate = 1 + sum(LINK_RATES[k] for k, on in sorted(linked.items()) if on)
        plan = None
        usage: float | None = None
        if linked["mobile"]:
            plan = (
                "plan-tiered" if i == 0 else rng.choices(("plan-tiered", "plan-youth", "plan-light"), (75, 15, 10))[0]
            )
            usage = 7.5 if i == 0 else round(rng.lognormvariate(1.6, 0.9), 1)
        elif rng.random() < 0.5:
            usage = round(rng.lognormvariate(1.4, 0.9), 1)
        sim = LedgerSimulation()
        _history(rng, sim, rate, profile)
        rank = (
            "gold"
            if i == 0
            else "diamond"
            if profile == "whale"
            else "regular"
            if profile in ("dormant", "light")
            else rng.choices(RANKS, (30, 30, 25, 10, 5))[0]
        )
        members.append(
            {
                "id": member_id,
                "name": name,
                "email": _email(name, member_id),
                "rank": rank,
                "linked": linked,
                "mobile_plan_id": plan,
                "monthly_data_gb": usage,
                "ledger": sim.entries,
            }
        )
    return members


def limited_points_expiring(ledger: list[Any], within_days: int) -> int:
    """Live limited-time points that expire within `within_days` of the load date.

    Replays the ledger with the programme's spending order (limited-time points first, soonest expiry
    first), so a grant that was later spent does not count. Accepts `LedgerSeedEntry` models or dicts.
    """
    lots: list[list[int]] = []  # [expires_in_days, points]
    for raw in ledger:
        entry = raw if isinstance(raw, dict) else raw.model_dump()
        if entry["kind"] == "earn" and entry["limited_time"] and entry["expires_in_days"] is not None:
            lots.append([entry["expires_in_days"], entry["points"]])
        elif entry["kind"] == "expire" and entry["limited_time"]:
            lots = [lot for lot in lots if lot[0] != -entry["days_ago"]]
        elif entry["kind"] in ("redeem", "reverse"):
            left = -entry["points"]
            for lot in sorted(lots):
                take = min(left, lot[1])
                lot[1] -= take
                left -= take
            lots = [lot for lot in lots if lot[1] > 0]
    return sum(points for expires, points in lots if 0 < expires <= within_days)
