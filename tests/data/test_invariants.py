"""What the rest of the system relies on: unique ids, sane prices and climate, a ledger that never overdraws."""

from __future__ import annotations

from collections import Counter

from data.members import limited_points_expiring
from data.schema import DataSet


def test_ids_and_model_numbers_are_unique(small: DataSet) -> None:
    for items in (small.products, small.hotels, small.destinations, small.members, small.shops, small.campaigns):
        ids = [item.id for item in items]
        assert len(ids) == len(set(ids))
    assert len({p.model_number for p in small.products}) == len(small.products)
    assert len({m.email for m in small.members}) == len(small.members)
    room_ids = [r.id for h in small.hotels for r in h.room_types]
    assert len(room_ids) == len(set(room_ids))


def test_catalogue_looks_like_a_marketplace(small: DataSet) -> None:
    categories = Counter(p.category for p in small.products)
    assert len(categories) >= 12 and min(categories.values()) >= 50
    assert len({p.subcategory for p in small.products}) >= 40
    shop_ids = {s.id for s in small.shops}
    assert all(p.shop_id in shop_ids for p in small.products)
    multipliers = Counter(p.shop_points_multiplier for p in small.products)
    assert multipliers[1] > len(small.products) * 0.6 and multipliers[10] > 0
    assert any(p.stock == 0 for p in small.products) and any(1 <= p.stock <= 5 for p in small.products)
    assert all(p.list_price_jpy is None or p.list_price_jpy > p.price_jpy for p in small.products)
    assert sum(str(p.price_jpy).endswith("80") for p in small.products) > 300
    assert all(2 <= len(p.reviews) <= 4 for p in small.products if p.review_count >= 4)
    assert all(p.truth_tags and p.description.count(".") >= 2 for p in small.products)
    # ratings and review counts go together: well-rated products are reviewed more
    good = [p.review_count for p in small.products if p.rating >= 4.4]
    poor = [p.review_count for p in small.products if 0 < p.rating < 3.6]
    assert sum(good) / len(good) > 2 * sum(poor) / len(poor)


def test_every_hotel_sits_in_a_destination_city(small: DataSet) -> None:
    destinations = {d.id: d for d in small.destinations}
    for hotel in small.hotels:
        assert hotel.destination_id in destinations
        dest = destinations[hotel.destination_id]
        assert (hotel.city, hotel.prefecture, hotel.region) == (dest.city, dest.prefecture, dest.region)
        assert 2 <= len(hotel.room_types) <= 4
    assert any(r.rooms <= 3 for h in small.hotels for r in h.room_types)  # scarce inventory exists
    hakone = [h for h in small.hotels if h.city == "Hakone"]
    assert sum("onsen" in h.amenities for h in hakone) > len(hakone) / 2
    assert 0 < sum("pets" in h.amenities for h in small.hotels) < len(small.hotels) / 10
    five = [r.base_rate_jpy for h in small.hotels if h.stars == 5 for r in h.room_types]
    two = [r.base_rate_jpy for h in small.hotels if h.stars <= 2 for r in h.room_types]
    assert min(five) > max(two) / 2 and sum(five) / len(five) > 3 * sum(two) / len(two)


def test_climate_is_plausible(small: DataSet) -> None:
    by_city = {d.area: d for d in small.destinations}
    assert by_city["Naha"].climate[0].avg_high_c > 15
    assert by_city["Sapporo"].climate[0].avg_high_c < 3
    assert by_city["Niseko"].climate[1].avg_low_c < 0
    assert 8 <= by_city["Fukuoka Hakata"].climate[0].avg_high_c <= 13
    for d in small.destinations:
        assert [c.month for c in d.climate] == list(range(1, 13))
        assert all(c.avg_low_c < c.avg_high_c for c in d.climate)
        assert max(c.avg_high_c for c in d.climate[5:9]) > d.climate[0].avg_high_c  # summers are warmer
        assert set(d.access) == {"Tokyo", "Osaka"} and d.activities and d.best_months


def test_ledger_never_goes_negative_and_has_the_demo_cases(small: DataSet) -> None:
    balances = {}
    for member in small.members:
        balance, last_day = 0, 10**6
        for entry in member.ledger:
            assert entry.days_ago <= last_day, f"{member.id} ledger is not chronological"
            last_day = entry.days_ago
            assert (entry.points > 0) == (entry.kind == "earn")
            balance += entry.points
            assert balance >= 0, f"{member.id} overdrawn at {entry.days_ago} days ago"
        balances[member.id] = balance
    expiring = [m.id for m in small.members if limited_points_expiring(m.ledger, 30) > 0]
    assert len(expiring) >= 5
    assert sum(any(e.limited_time for e in m.ledger) for m in small.members) >= 10
    assert sum(b > 50_000 for b in balances.values()) >= 1
    assert min(balances.values()) < 200
    assert any(e.kind == "expire" for m in small.members for e in m.ledger)
    demo = small.members[0]
    assert demo.id == "M0001" and demo.linked.mobile and demo.linked.card and demo.mobile_plan_id == "plan-tiered"
    assert balances["M0001"] >= 5_000 and "M0001" in expiring
    plans = {p.id for p in small.mobile_plans}
    assert all(m.mobile_plan_id in plans for m in small.members if m.linked.mobile)
    assert all(m.mobile_plan_id is None for m in small.members if not m.linked.mobile)
    assert any(not (m.linked.mobile or m.linked.card or m.linked.bank) for m in small.members)
    assert any(m.linked.mobile and m.linked.card and m.linked.bank for m in small.members)


def test_programme_facts(small: DataSet) -> None:
    rules = small.points_rules
    assert (rules.base_rate, rules.monthly_bonus_cap, rules.bonus_expiry_days, rules.regular_expiry_days) == (
        1,
        5000,
        45,
        365,
    )
    assert rules.linked_bonus_rate == {"mobile": 1, "card": 2, "bank": 1}
    tiered = next(p for p in small.mobile_plans if p.id == "plan-tiered")
    assert [(t.up_to_gb, t.price_jpy) for t in tiered.tiers] == [(3.0, 1078), (20.0, 2178), (None, 3278)]
    assert tiered.free_domestic_calls_via_app and tiered.call_rate_jpy_per_30s == 22
    running = [c for c in small.campaigns if c.starts_in_days <= 0 < c.ends_in_days]
    assert any(c.category == "Electronics" and c.bonus_multiplier == 9 for c in running)
    assert any(c.category == "Travel" for c in running) and any(c.shop_id for c in running)
    assert any(c.starts_in_days > 0 for c in small.campaigns) and any(c.ends_in_days < 0 for c in small.campaigns)
