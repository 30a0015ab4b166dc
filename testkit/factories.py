"""Small, hand-made DataSets built from the schema models, so each test states the facts it relies on."""

from __future__ import annotations

from datetime import date

from data.schema import (
    Campaign,
    CancellationPolicy,
    DataSet,
    Hotel,
    LedgerSeedEntry,
    LinkedServices,
    Member,
    MobilePlan,
    PlanOption,
    PlanTier,
    PointsRules,
    Product,
    Review,
    RoomType,
    Shop,
)

TODAY = date(2026, 12, 1)  # a Tuesday, JST

RULES = PointsRules(linked_bonus_rate={"mobile": 1, "card": 2, "bank": 1}, monthly_bonus_cap=1_000,
                    bonus_expiry_days=45, regular_expiry_days=365)


def member(member_id: str, *, linked: LinkedServices | None = None,
           ledger: list[LedgerSeedEntry] | None = None) -> Member:
    return Member(id=member_id, name=f"Member {member_id}", email=f"{member_id.lower()}@example.jp", rank="gold",
                  linked=linked or LinkedServices(), mobile_plan_id=None, monthly_data_gb=None, ledger=ledger or [])


def earn(points: int, days_ago: int = 10, expires_in_days: int | None = None, limited: bool = False) -> LedgerSeedEntry:
    return LedgerSeedEntry(kind="earn", points=points, days_ago=days_ago, expires_in_days=expires_in_days,
                           limited_time=limited, description="Seed earn")


def product(product_id: str, *, price: int = 5_000, category: str = "Electronics", subcategory: str = "Headphones",
            brand: str = "Sonic", rating: float = 4.2, stock: int = 10, multiplier: int = 1,
            shop_id: str = "S01") -> Product:
    return Product(
        id=product_id, title=f"{brand} {subcategory} {product_id}", category=category, subcategory=subcategory,
        shop_id=shop_id, shop_name=f"Shop {shop_id}", brand=brand, model_number=f"MN-{product_id}", price_jpy=price,
        list_price_jpy=None, shop_points_multiplier=multiplier, rating=rating, review_count=3,
        reviews=[Review(rating=5, title="Great", text="Clear sound.", days_ago=3),
                 Review(rating=2, title="Meh", text="Too tight.", days_ago=9),
                 Review(rating=4, title="Good", text="Good value.", days_ago=20)],
        stock=stock, attributes={"colour": "black"}, description="A product.", free_shipping=True, delivery_days=2,
        truth_tags=["use:music"])


def make_product(**overrides: object) -> Product:
    """A complete, realistic listing (wireless headphones, every fact pinned), any field overridden: for tests
    whose assertions read the listing's own numbers and words (the copy studio, output handling)."""
    values: dict[str, object] = dict(
        id="P000001",
        title="Aoba Wireless Noise-Cancelling Headphones WH-500",
        category="Electronics",
        subcategory="Headphones",
        shop_id="S001",
        shop_name="Aoba Audio Store",
        brand="Aoba",
        model_number="WH-500",
        price_jpy=12800,
        list_price_jpy=15800,
        shop_points_multiplier=3,
        rating=4.4,
        review_count=1287,
        reviews=[Review(rating=5, title="Great", text="Comfortable for long trips.", days_ago=3)],
        stock=42,
        attributes={"colour": "black", "battery_life": "30 hours", "connectivity": "Bluetooth 5.2",
                    "weight": "250 g"},
        description="Over-ear wireless headphones with active noise cancelling and a 30-hour battery. "
                    "Folds flat for travel.",
        free_shipping=True,
        delivery_days=2,
        truth_tags=["use:travel"],
    )
    values.update(overrides)
    return Product.model_validate(values)


def room(room_id: str, *, rate: int = 10_000, rooms: int = 5, adults: int = 2, total: int = 3) -> RoomType:
    return RoomType(id=room_id, name=f"Room {room_id}", capacity_adults=adults, capacity_total=total,
                    beds="1 double", base_rate_jpy=rate, rooms=rooms)


def hotel(hotel_id: str, *, city: str = "Beppu", rooms: list[RoomType] | None = None, free_until_days: int = 3,
          fee_pct: int = 50, amenities: list[str] | None = None, stars: int = 4) -> Hotel:
    return Hotel.model_validate(dict(
        id=hotel_id, name=f"Hotel {hotel_id}", prefecture="Oita", city=city, area=f"{city} Onsen", region="kyushu",
        destination_id=None, stars=stars, amenities=amenities if amenities is not None else ["onsen", "breakfast"],
        room_types=rooms or [room(f"{hotel_id}-R1")], weekend_uplift_pct=20, season_uplift_pct={12: 10, 1: 5},
        cancellation=CancellationPolicy(free_until_days=free_until_days, fee_pct=fee_pct, no_show_pct=100,
                                        text="policy"),
        check_in="15:00", check_out="10:00", rating=4.3, review_count=120, description="An inn.", access="By bus",
        truth_tags=[]))


def dataset(*, members: list[Member] | None = None, products: list[Product] | None = None,
            hotels: list[Hotel] | None = None, campaigns: list[Campaign] | None = None) -> DataSet:
    return DataSet(
        seed=1, size="test",
        members=members if members is not None else [
            member("M0001", ledger=[earn(5_000)]),
            member("M0002", linked=LinkedServices(mobile=True, card=True), ledger=[earn(20_000)]),
            member("M0003", ledger=[earn(300, expires_in_days=10, limited=True), earn(700, expires_in_days=40),
                                    earn(1_000), earn(50, days_ago=100, expires_in_days=-5)]),
        ],
        shops=[Shop(id="S01", name="Shop S01", categories=["Electronics"], rating=4.5)],
        products=products if products is not None else [
            product("P000001"), product("P000002", price=12_800, brand="Acme", rating=3.9, multiplier=3),
            product("P000003", price=980, category="Food", subcategory="Coffee", brand="Bean", stock=0),
        ],
        hotels=hotels if hotels is not None else [
            hotel("H0001", rooms=[room("H0001-R1", rate=10_000, rooms=5), room("H0001-R2", rate=30_000, rooms=2,
                                                                                adults=4, total=6)]),
            hotel("H0002", city="Sapporo", free_until_days=7, fee_pct=30, amenities=["parking"], stars=3,
                  rooms=[room("H0002-R1", rate=8_000, rooms=3)]),
        ],
        destinations=[],
        mobile_plans=[MobilePlan(
            id="MP1", name="Tiered plan", tiers=[PlanTier(up_to_gb=3, price_jpy=1_078),
                                                 PlanTier(up_to_gb=20, price_jpy=2_178),
                                                 PlanTier(up_to_gb=None, price_jpy=3_278)],
            free_domestic_calls_via_app=True, call_rate_jpy_per_30s=22,
            options=[PlanOption(id="O1", name="Unlimited calls", price_jpy=1_650, description="All domestic calls."),
                     PlanOption(id="O2", name="15-Minute Call Option", price_jpy=1_100, description="Short calls."),
                     PlanOption(id="O3", name="International Call Flat", price_jpy=500, description="Abroad.")],
            points_bonus_rate=1, description="One plan, billed by use."),
            MobilePlan(id="MP2", name="Mini plan", tiers=[PlanTier(up_to_gb=5, price_jpy=990)],
                       free_domestic_calls_via_app=False, call_rate_jpy_per_30s=22, options=[], points_bonus_rate=0,
                       description="Small data.")],
        campaigns=campaigns if campaigns is not None else [],
        points_rules=RULES,
    )
