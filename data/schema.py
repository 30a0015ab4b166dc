"""The shape of the generated data set: the contract between the generator and everything that loads it.

Dates in the seed output are *relative* (days ago / days ahead) so that the same bytes stay useful on any
day: the loader materialises them against the load date. Money is integer JPY, points are integers.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Rank = Literal["regular", "silver", "gold", "platinum", "diamond"]
LedgerKind = Literal["earn", "redeem", "expire", "reverse"]
Amenity = Literal[
    "onsen", "breakfast", "parking", "pets", "wifi", "pool", "gym", "sauna", "restaurant", "bar",
    "laundry", "non_smoking", "family_rooms", "airport_shuttle", "ocean_view", "kitchen",
]
Region = Literal["hokkaido", "tohoku", "kanto", "chubu", "kansai", "chugoku", "shikoku", "kyushu", "okinawa"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LinkedServices(Frozen):
    """Services a member holds in the ecosystem; each one adds a points bonus rate."""

    mobile: bool = False
    card: bool = False
    bank: bool = False


class LedgerSeedEntry(Frozen):
    """One historical ledger movement. `points` is positive for earn, negative for redeem/expire/reverse."""

    kind: LedgerKind
    points: int
    days_ago: int = Field(ge=0)
    expires_in_days: int | None = None  # relative to the load date; None = regular points
    limited_time: bool = False
    description: str


class Member(Frozen):
    id: str  # "M0001"
    name: str
    email: str
    rank: Rank
    linked: LinkedServices
    mobile_plan_id: str | None = None
    monthly_data_gb: float | None = None  # observed usage, for plan advice
    ledger: list[LedgerSeedEntry]


class Review(Frozen):
    rating: int = Field(ge=1, le=5)
    title: str
    text: str
    days_ago: int = Field(ge=0)


# Japanese beside English (issue 16): optional, so data sets and imports without them still load. A `_ja`
# field is the Japanese text of the English field of the same name; English fields never change meaning.


class Product(Frozen):
    id: str  # "P000001"
    title: str
    category: str  # top level, e.g. "Electronics"
    subcategory: str  # e.g. "Headphones"
    shop_id: str
    shop_name: str
    brand: str
    model_number: str
    price_jpy: int = Field(gt=0)
    list_price_jpy: int | None = None  # the pre-discount price where the shop shows one
    shop_points_multiplier: int = Field(ge=1, le=20)  # total multiplier the shop grants (1 = base only)
    rating: float = Field(ge=0, le=5)
    review_count: int = Field(ge=0)
    reviews: list[Review]
    stock: int = Field(ge=0)
    attributes: dict[str, str]  # colour, size, capacity, material, ...
    description: str
    free_shipping: bool
    delivery_days: int = Field(ge=0)
    # Ground truth kept for relevance judgements (never shown as a claim): what the generator meant.
    truth_tags: list[str]  # e.g. ["gift:dad", "use:running", "audience:kids"]
    title_ja: str | None = None  # "【送料無料】ソニー(Sony) ワイヤレスイヤホン WF-1234 ブラック"
    brand_ja: str | None = None
    category_ja: str | None = None
    subcategory_ja: str | None = None
    attributes_ja: dict[str, str] | None = None  # Japanese key -> Japanese value
    description_ja: str | None = None
    reviews_ja: list[Review] | None = None  # one per English review, same rating and day


class RoomType(Frozen):
    id: str  # "H0001-R1"
    name: str
    capacity_adults: int = Field(ge=1)
    capacity_total: int = Field(ge=1)  # adults + children
    beds: str
    base_rate_jpy: int = Field(gt=0)  # weekday, off-season, per room per night
    rooms: int = Field(ge=1)  # inventory per night
    smoking: bool = False
    name_ja: str | None = None


class CancellationTier(Frozen):
    """A steeper fee closer to check-in: from `days_before` days before check-in on, `fee_pct` of the stay."""

    days_before: int = Field(ge=0)
    fee_pct: int = Field(ge=0, le=100)


class CancellationPolicy(Frozen):
    """A hotel's cancellation policy as written; tools/cancellation.py turns it into dated fees for one stay.

    `free_until_days` N > 0: free while cancelling at least N days before check-in, then `fee_pct`.
    N = 0: no free period at all (with `fee_pct` 100 the policy is non-refundable).
    """

    free_until_days: int = Field(ge=0)  # free cancellation until this many days before check-in (0: never free)
    fee_pct: int = Field(ge=0, le=100)  # fee on the total after that
    no_show_pct: int = Field(ge=0, le=100)
    text: str
    tiers: list[CancellationTier] = Field(default_factory=list)  # optional later, steeper fees


class Hotel(Frozen):
    id: str  # "H0001"
    name: str
    prefecture: str
    city: str
    area: str
    region: Region
    destination_id: str | None
    stars: int = Field(ge=1, le=5)
    amenities: list[Amenity]
    room_types: list[RoomType]
    weekend_uplift_pct: int = Field(ge=0)  # Fri and Sat nights
    season_uplift_pct: dict[int, int]  # month (1-12) -> uplift percent; missing month = 0
    cancellation: CancellationPolicy
    check_in: str  # "15:00"
    check_out: str  # "10:00"
    rating: float = Field(ge=0, le=5)
    review_count: int = Field(ge=0)
    description: str
    access: str
    truth_tags: list[str]
    name_ja: str | None = None
    area_ja: str | None = None
    city_ja: str | None = None
    prefecture_ja: str | None = None
    amenities_ja: list[str] | None = None
    description_ja: str | None = None
    access_ja: str | None = None


class MonthClimate(Frozen):
    month: int = Field(ge=1, le=12)
    avg_high_c: int
    avg_low_c: int
    rain_days: int
    note: str  # "cherry blossoms early April", "snow likely"


class Destination(Frozen):
    id: str  # "D001"
    area: str
    city: str
    prefecture: str
    region: Region
    known_for: list[str]
    activities: list[str]  # "onsen", "skiing", "beach", "hiking", "food", "temples", ...
    climate: list[MonthClimate]  # 12 entries
    best_months: list[int]
    access: dict[str, str]  # "Tokyo" -> "2 h 15 min by shinkansen"
    description: str
    truth_tags: list[str]
    area_ja: str | None = None
    area_kana: str | None = None  # the reading members also type: はこね
    city_ja: str | None = None
    prefecture_ja: str | None = None
    known_for_ja: list[str] | None = None
    activities_ja: list[str] | None = None
    description_ja: str | None = None


class PlanTier(Frozen):
    up_to_gb: float | None  # None = unlimited
    price_jpy: int


class PlanOption(Frozen):
    id: str
    name: str
    price_jpy: int  # per month
    description: str
    name_ja: str | None = None
    description_ja: str | None = None


class MobilePlan(Frozen):
    id: str
    name: str
    tiers: list[PlanTier]  # ascending; the bill is the price of the first tier covering the usage
    free_domestic_calls_via_app: bool
    call_rate_jpy_per_30s: int  # without the app
    options: list[PlanOption]
    points_bonus_rate: int  # extra points per 100 JPY for subscribers on marketplace purchases
    description: str
    name_ja: str | None = None  # 段階制無制限プラン
    description_ja: str | None = None


class Campaign(Frozen):
    id: str
    name: str
    description: str
    bonus_multiplier: int = Field(ge=1)  # extra x on top of base (10x total campaign -> 9)
    category: str | None = None  # None = all categories
    shop_id: str | None = None
    starts_in_days: int  # relative to the load date (negative = already running)
    ends_in_days: int
    requires_entry: bool = False
    limited_time_expiry_days: int  # bonus points from it expire this long after being granted
    cap_points: int  # per member per campaign
    name_ja: str | None = None  # 週末限定 家電ポイント10倍
    category_ja: str | None = None
    description_ja: str | None = None


class PointsRules(Frozen):
    """The programme's constants. Rates are in points per 100 JPY paid."""

    base_rate: int = 1
    linked_bonus_rate: dict[str, int]  # "mobile" -> 1, "card" -> 2, "bank" -> 1
    monthly_bonus_cap: int  # bonus points per member per calendar month
    bonus_expiry_days: int  # limited-time bonus points expire this long after being granted
    regular_expiry_days: int  # regular points expire this long after the member's last earn
    point_value_jpy: int = 1
    min_redeem_points: int = 1


class Shop(Frozen):
    id: str
    name: str
    categories: list[str]
    rating: float


class DataSet(Frozen):
    """Everything the generator produces for one seed and size."""

    seed: int
    size: str
    members: list[Member]
    shops: list[Shop]
    products: list[Product]
    hotels: list[Hotel]
    destinations: list[Destination]
    mobile_plans: list[MobilePlan]
    campaigns: list[Campaign]
    points_rules: PointsRules
