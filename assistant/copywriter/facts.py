"""The facts a landing page may rest on: catalogue records, the points quote, and the brief's campaign.

Everything the writer is told and everything the claim checker accepts comes from one `FactSheet`, built
here from the data set (or the live catalogue) and the points rules engine. Points are never computed in
this package: they are quoted by `tools.points_rules.PointsRulesEngine`, the same engine that credits them.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from assistant.copywriter import ja
from assistant.copywriter.brief import CampaignBrief, CampaignOffer, SubjectKind, subject_kind
from assistant.copywriter.campaigns import CampaignCheck, PageSubject, check_campaign
from assistant.copywriter.policy import ClaimsPolicy, SubjectRef
from assistant.copywriter.sources import CatalogueFacts, DataSetFacts, ServicesFacts, Subject, vocabulary_of
from data.schema import Destination, Hotel, MobilePlan, Product
from tools.errors import NotFound
from tools.points_rules import EarnQuote, EarnRequest, PointsRulesEngine

# The sources live in sources.py; importing them from here keeps working.
__all__ = ["CatalogueFacts", "DataSetFacts", "FactSheet", "PointsFacts", "ServicesFacts", "Subject", "SubjectFacts",
           "build_fact_sheet", "vocabulary_of"]


class PointsLine(BaseModel):
    kind: str
    label: str
    rate_per_100_jpy: int
    points: int  # granted, after caps


class PointsFacts(BaseModel):
    """The engine's quote for one purchase at the page price, for a member with no linked services."""

    price_jpy: int
    total: int
    lines: list[PointsLine]
    notes: list[str] = Field(default_factory=list)
    total_rate: int  # points per 100 JPY the granted lines add up to (the "Nx" a page may state)
    with_all_linked_total: int  # the same purchase for a member holding every linked service
    with_all_linked_rate: int
    multipliers: list[int]  # every "Nx points" figure the quote supports


class SubjectFacts(BaseModel):
    """One product, hotel, destination or mobile plan, flattened into what copy can state about it."""

    model_config = ConfigDict(frozen=True)

    kind: SubjectKind
    id: str
    name: str
    category: str | None = None
    description: str = ""
    brand: str | None = None
    shop_name: str | None = None
    price_jpy: int | None = None  # the headline price (product price, lowest nightly rate, cheapest tier)
    list_price_jpy: int | None = None
    other_prices: dict[str, int] = Field(default_factory=dict)  # label -> JPY (rooms, tiers, options)
    # The listing facts a claim is checked against; None: not a fact of this subject, so no claim about it holds.
    rating: float | None = Field(default=None, description="The average review rating, 0 to 5 (products, hotels).")
    review_count: int | None = Field(default=None, description="How many reviews that rating averages.")
    stars: int | None = Field(default=None, description="The hotel's star class, 1 to 5.")
    stock: int | None = Field(default=None, description="Units in stock (products); 0 is sold out.")
    free_shipping: bool | None = Field(default=None, description="Whether the product ships free.")
    delivery_days: int | None = Field(default=None, description="Days from order to delivery (products).")
    attributes: dict[str, str] = Field(default_factory=dict)
    features: list[str] = Field(default_factory=list)  # amenities, known-for, activities, plan options
    details: dict[str, str] = Field(default_factory=dict)  # check-in, access, city, ...: shown, not claims
    points: PointsFacts | None = None
    # Japanese renderings of the same facts (`ja.py`): the title_ja / description_ja of the data set when it has
    # them, else brand + product type + model number, and the attribute values sayable in Japanese.
    name_ja: str | None = None
    description_ja: str | None = None
    attributes_ja: list[tuple[str, str]] = Field(default_factory=list)
    source_attributes_ja: dict[str, str] = Field(default_factory=dict)  # the record's own attributes_ja
    category_ja: str | None = None
    features_ja: list[str] = Field(default_factory=list)  # the record's amenities_ja, known_for_ja, ...
    details_ja: dict[str, str] = Field(default_factory=dict)  # Japanese label -> value, shown on a JA page
    price_labels_ja: dict[str, str] = Field(default_factory=dict)  # other_prices label -> its Japanese label
    image_url: str | None = None  # the catalogue's own image, when the record has one
    plan_points_bonus_rate: int | None = None  # mobile plans: extra points per 100 JPY for subscribers

    @property
    def discount_jpy(self) -> int | None:
        if self.list_price_jpy and self.price_jpy and self.list_price_jpy > self.price_jpy:
            return self.list_price_jpy - self.price_jpy
        return None

    @property
    def discount_pcts(self) -> set[int]:
        """Percent-off figures that honestly describe the discount (floor and round both accepted)."""
        if not self.discount_jpy or not self.list_price_jpy:
            return set()
        exact = self.discount_jpy * 100 / self.list_price_jpy
        return {int(exact), round(exact)}

    def catalogue_text(self) -> str:
        """All the catalogue's own words about the subject, for spec and feature look-ups."""
        parts = [self.name, self.category or "", self.description, self.brand or "", self.shop_name or "",
                 *self.features, *self.other_prices]
        parts += [f"{k} {v}" for k, v in self.attributes.items()]
        parts += [self.name_ja or "", self.description_ja or "", self.category_ja or "", *self.features_ja]
        parts += [f"{k} {v}" for k, v in [*self.attributes_ja, *self.source_attributes_ja.items()]]
        parts += list(self.details_ja.values())
        parts += list(self.details.values())
        return "\n".join(p for p in parts if p)


class FactSheet(BaseModel):
    """Everything a page about these subjects may say, plus the programme constants and the brief's offer."""

    subjects: list[SubjectFacts]
    offer: CampaignOffer | None = None
    running_campaigns: list[str] = Field(default_factory=list)  # names of dataset campaigns in the quotes
    base_rate: int = 1
    point_value_jpy: int = 1
    linked_bonus_rate: dict[str, int] = Field(default_factory=dict)
    approved_claims: list[str] = Field(default_factory=list)  # wording the marketer asked for (not approval)
    campaign: CampaignCheck = Field(default_factory=CampaignCheck)  # the brief's campaign against the programme
    starts_on: date | None = None  # the page's dates
    ends_on: date | None = None
    language: str = "en"
    image: str = "auto"  # the brief's image slot: auto (the catalogue's image, if any), none, placeholder
    policy: ClaimsPolicy = Field(default_factory=ClaimsPolicy)  # legal's approved claims
    refs: list[SubjectRef] = Field(default_factory=list)  # id, brand, category, shop: for approval scopes
    # Attribute key -> every value the catalogue uses for it, to tell "in red" from a red herring.
    vocabulary: dict[str, list[str]] = Field(default_factory=dict)

    def subject(self, subject_id: str) -> SubjectFacts:
        for subject in self.subjects:
            if subject.id == subject_id:
                return subject
        raise KeyError(subject_id)


def build_fact_sheet(source: CatalogueFacts, brief: CampaignBrief, policy: ClaimsPolicy | None = None) -> FactSheet:
    """Look up every subject, match the brief's campaign to the programme, quote points for its real terms."""
    today = source.today()
    start = brief.starts_on or today
    end = brief.ends_on or start
    records: list[Subject] = []
    for subject_id in brief.subject_ids:
        record = source.subject(subject_id)
        expected = subject_kind(subject_id)
        if expected != "mobile_plan" and _kind_of(record) != expected:
            raise NotFound(f"{subject_id!r} is not a {expected.replace('_', ' ')}.")
        records.append(record)
    page = [_page_subject(r) for r in records]
    check = check_campaign(source.campaigns(), offer=brief.offer, campaign_id=brief.campaign_id, subjects=page,
                           start=start, end=end, base_rate=source.rules.base_rate)
    offer = brief.offer
    if offer is None and check.campaign is not None:
        offer = CampaignOffer(text=check.campaign.name, multiplier=check.campaign.total_multiplier)
    entered = frozenset({check.campaign.id}) if check.valid and check.campaign else frozenset()
    subjects: list[SubjectFacts] = []
    running: set[str] = set()
    for record in records:
        if isinstance(record, Product):
            quote, names = _quote_product(source, record, entered, start)
            running.update(names)
            subjects.append(_product_facts(record, quote))
        elif isinstance(record, Hotel):
            subjects.append(_hotel_facts(record))
        elif isinstance(record, Destination):
            subjects.append(_destination_facts(record))
        else:
            subjects.append(_plan_facts(record))
    return FactSheet(
        subjects=subjects,
        offer=offer,
        running_campaigns=sorted(running),
        base_rate=source.rules.base_rate,
        point_value_jpy=source.rules.point_value_jpy,
        linked_bonus_rate=dict(source.rules.linked_bonus_rate),
        approved_claims=list(brief.approved_claims),
        campaign=check,
        starts_on=start,
        ends_on=end,
        language=brief.language,
        image=brief.image,
        policy=policy if policy is not None else ClaimsPolicy(),
        refs=[_ref(r) for r in records],
        vocabulary=source.attribute_vocabulary(),
    )


def _page_subject(record: Subject) -> PageSubject:
    if isinstance(record, Product):
        return PageSubject(id=record.id, category=record.category, shop_id=record.shop_id, label=record.category)
    if isinstance(record, Hotel):
        return PageSubject(id=record.id, category="Travel", label="a hotel (Travel)")
    kind = "a destination" if isinstance(record, Destination) else "a mobile plan"
    return PageSubject(id=record.id, label=kind)


def _ref(record: Subject) -> SubjectRef:
    if isinstance(record, Product):
        return SubjectRef(id=record.id, brand=record.brand, category=record.category, shop=record.shop_name)
    if isinstance(record, Hotel):
        return SubjectRef(id=record.id, category="Travel")
    return SubjectRef(id=record.id)


def _kind_of(record: Subject) -> SubjectKind:
    if isinstance(record, Product):
        return "product"
    if isinstance(record, Hotel):
        return "hotel"
    if isinstance(record, Destination):
        return "destination"
    return "mobile_plan"


def _quote_product(
    source: CatalogueFacts, product: Product, entered: frozenset[str], today: date
) -> tuple[PointsFacts, list[str]]:
    """The rules engine's quote with the programme's campaigns only (the brief's campaign entered when it is
    a real one for this product), so an invented campaign never adds a point."""
    engine = PointsRulesEngine(source.rules, source.campaigns())

    def quote(linked: dict[str, bool]) -> EarnQuote:
        from data.schema import LinkedServices

        return engine.quote_earn(EarnRequest(
            linked=LinkedServices(**linked), price_jpy=product.price_jpy,
            shop_multiplier=product.shop_points_multiplier, category=product.category, shop_id=product.shop_id,
            on=today, entered_campaigns=entered,
        ))

    plain = quote({})
    full = quote({name: True for name in source.rules.linked_bonus_rate if name in {"mobile", "card", "bank"}})

    def granted_rate(q: EarnQuote) -> int:
        return sum(line.rate_per_100_jpy for line in q.lines if line.granted > 0 or line.kind == "base")

    multipliers = {granted_rate(plain), granted_rate(full)}
    multipliers |= {(line.rate_per_100_jpy // max(source.rules.base_rate, 1)) + 1
                    for line in plain.lines if line.kind in {"shop", "campaign"} and line.granted > 0}
    names = [line.label for line in plain.lines if line.kind == "campaign" and line.granted > 0]
    facts = PointsFacts(
        price_jpy=product.price_jpy,
        total=plain.total,
        lines=[PointsLine(kind=line.kind, label=line.label, rate_per_100_jpy=line.rate_per_100_jpy,
                          points=line.granted) for line in plain.lines],
        notes=list(plain.notes),
        total_rate=granted_rate(plain),
        with_all_linked_total=full.total,
        with_all_linked_rate=granted_rate(full),
        multipliers=sorted(m for m in multipliers if m >= 1),
    )
    return facts, names


def _product_facts(product: Product, points: PointsFacts) -> SubjectFacts:
    return SubjectFacts(
        kind="product", id=product.id, name=product.title, category=f"{product.category} / {product.subcategory}",
        description=product.description, brand=product.brand, shop_name=product.shop_name,
        price_jpy=product.price_jpy,
        list_price_jpy=product.list_price_jpy if (product.list_price_jpy or 0) > product.price_jpy else None,
        rating=product.rating, review_count=product.review_count, stock=product.stock,
        free_shipping=product.free_shipping, delivery_days=product.delivery_days,
        attributes=dict(product.attributes), details={"model number": product.model_number},
        points=points, name_ja=ja.product_name(product), description_ja=getattr(product, "description_ja", None),
        attributes_ja=ja.attributes(dict(product.attributes)), image_url=getattr(product, "image_url", None),
        source_attributes_ja=dict(product.attributes_ja or {}),
    )


def _hotel_facts(hotel: Hotel) -> SubjectFacts:
    rooms = {f"{room.name} per night": room.base_rate_jpy for room in hotel.room_types}
    rooms_ja = {f"{room.name} per night": f"{room.name_ja}（1泊）" for room in hotel.room_types if room.name_ja}
    place_ja = "・".join(p for p in (hotel.prefecture_ja, hotel.city_ja, hotel.area_ja) if p)
    return SubjectFacts(
        kind="hotel", id=hotel.id, name=hotel.name, category=f"{hotel.city}, {hotel.prefecture}",
        description=hotel.description, price_jpy=min(rooms.values()) if rooms else None, other_prices=rooms,
        rating=hotel.rating, review_count=hotel.review_count, stars=hotel.stars,
        features=list(hotel.amenities) + [room.name for room in hotel.room_types],
        details={"area": hotel.area, "access": hotel.access, "check-in": hotel.check_in,
                 "check-out": hotel.check_out, "cancellation": hotel.cancellation.text},
        name_ja=hotel.name_ja, description_ja=hotel.description_ja, category_ja=place_ja or None,
        features_ja=[*(hotel.amenities_ja or []), *(r.name_ja for r in hotel.room_types if r.name_ja)],
        details_ja={k: v for k, v in {"アクセス": hotel.access_ja or "",
                                      "キャンセル": ja.cancellation(hotel.cancellation)}.items() if v},
        price_labels_ja=rooms_ja,
    )


def _destination_facts(destination: Destination) -> SubjectFacts:
    months = ", ".join(str(m) for m in destination.best_months)
    name_ja = f"{destination.area_ja}（{destination.city_ja}）" if destination.area_ja and destination.city_ja else None
    return SubjectFacts(
        kind="destination", id=destination.id, name=f"{destination.area}, {destination.city}",
        category=destination.prefecture, description=destination.description,
        features=[*destination.known_for, *destination.activities],
        details={"recommended months": months, **{f"from {k}": v for k, v in destination.access.items()}},
        name_ja=name_ja or None, description_ja=destination.description_ja, category_ja=destination.prefecture_ja,
        features_ja=[*(destination.known_for_ja or []), *(destination.activities_ja or [])],
        details_ja={"おすすめの時期": "・".join(f"{m}月" for m in destination.best_months)},
    )


def _plan_facts(plan: MobilePlan) -> SubjectFacts:
    tiers: dict[str, int] = {}
    labels_ja: dict[str, str] = {}
    for tier in plan.tiers:
        label = f"up to {tier.up_to_gb:g} GB per month" if tier.up_to_gb is not None else "unlimited data per month"
        tiers[label] = tier.price_jpy
        labels_ja[label] = f"月{tier.up_to_gb:g}GBまで" if tier.up_to_gb is not None else "データ無制限"
    for option in plan.options:
        label = f"{option.name} option per month"
        tiers[label] = option.price_jpy
        if (option_ja := ja.plan_words(option.name)) is not None:
            labels_ja[label] = f"{option_ja}（月額）"
    features = [option.name for option in plan.options]
    features_ja = [name for option in plan.options if (name := ja.plan_words(option.name)) is not None]
    if plan.free_domestic_calls_via_app:
        features.append("free domestic calls via the app")
        features_ja.append("アプリからの国内通話が無料")
    return SubjectFacts(
        kind="mobile_plan", id=plan.id, name=plan.name, category="Mobile plan", description=plan.description,
        price_jpy=min(t.price_jpy for t in plan.tiers) if plan.tiers else None, other_prices=tiers,
        features=features, plan_points_bonus_rate=plan.points_bonus_rate,
        details={"call rate without the app": f"{plan.call_rate_jpy_per_30s} JPY per 30 seconds",
                 "points bonus": f"+{plan.points_bonus_rate} points per 100 JPY on marketplace purchases"},
        name_ja=ja.plan_name(plan.name), category_ja="モバイルプラン", features_ja=features_ja,
        details_ja={"アプリを使わない通話料": f"30秒{plan.call_rate_jpy_per_30s}円"},
        price_labels_ja=labels_ja,
    )
