"""Catalogue lookups and points explanations, mobile plan advice, support tickets."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from data.schema import Campaign
from testkit.factories import TODAY, dataset, product
from tools.services import Services
from tools.tables import TicketRow

from .conftest import ServicesFactory, make_services


def test_filter_sort_and_page_products(lite: Services) -> None:
    page = lite.catalogue.list_products(category="electronics", sort="price_desc")
    assert [p.id for p in page.products] == ["P000002", "P000001"] and page.total_matches == 2
    assert [p.id for p in lite.catalogue.list_products(min_rating=4.0).products] == ["P000001", "P000003"]
    assert lite.catalogue.list_products(in_stock=True, max_price=1_000).products == []
    assert [p.id for p in lite.catalogue.list_products(brand="Acme").products] == ["P000002"]


def test_product_detail_hides_generator_ground_truth(lite: Services) -> None:
    detail = lite.catalogue.get_product("P000001")
    assert detail.attributes == {"colour": "black"} and len(detail.reviews) == 3
    assert "truth_tags" not in detail.model_dump_json()


def test_compare_and_review_highlights(lite: Services) -> None:
    comparison = lite.catalogue.compare(["P000002", "P000001"])
    assert comparison.facts["price"] == ["12,800 JPY", "5,000 JPY"]
    assert comparison.facts["points multiplier"] == ["3x", "1x"]
    highlights = lite.catalogue.review_highlights("P000001")
    assert [r.rating for r in highlights.best] == [5, 4] and [r.rating for r in highlights.critical] == [2]


def test_points_for_purchase_explains_shop_campaign_and_linked_bonuses(tmp_path) -> None:  # type: ignore[no-untyped-def]
    sale = Campaign(id="C1", name="Audio week", description="", bonus_multiplier=4, category="Electronics",
                    starts_in_days=-1, ends_in_days=6, limited_time_expiry_days=30, cap_points=300)
    services = make_services(f"sqlite:///{tmp_path / 'c.db'}", dataset(campaigns=[sale]))
    try:
        points = services.catalogue.points_for_purchase("M0002", "P000002", quantity=1, points_to_use=2_800)
        earn = points.earn
        assert earn.paid_jpy == 10_000
        assert [(line.kind, line.granted) for line in earn.lines] == [
            ("base", 100), ("linked", 100), ("linked", 200), ("shop", 200), ("campaign", 300)]
        assert earn.lines[-1].expires_on == TODAY + timedelta(days=30)
        assert earn.total == 900 and earn.limited_time_points == 500
    finally:
        services.close()


def test_recommend_ranks_plans_by_monthly_cost(lite: Services) -> None:
    light = lite.mobile.recommend(2, call_minutes_per_month=0)
    assert [(c.plan_id, c.monthly_total_jpy) for c in light.ranked] == [("MP2", 990), ("MP1", 1_078)]
    # 60 minutes of calls without the app: MP2 charges 60*2*22 = 2,640; MP1 adds a call option instead.
    short_calls = lite.mobile.recommend(4, call_minutes_per_month=60, typical_call_minutes=5)
    assert [(c.plan_id, c.monthly_total_jpy) for c in short_calls.ranked] == [("MP1", 3_278), ("MP2", 3_630)]
    assert short_calls.ranked[0].call_option == "15-Minute Call Option"
    long_calls = lite.mobile.recommend(4, call_minutes_per_month=60, typical_call_minutes=40)
    assert [(c.plan_id, c.monthly_total_jpy) for c in long_calls.ranked] == [("MP2", 3_630), ("MP1", 3_828)]
    assert long_calls.ranked[1].call_option == "Unlimited calls"
    app_user = lite.mobile.recommend(25, call_minutes_per_month=300, uses_app_for_calls=True)
    assert [(c.plan_id, c.monthly_total_jpy) for c in app_user.ranked] == [("MP1", 3_278)]
    assert any("free through the app" in r for r in app_user.ranked[0].reasons)
    explanation = lite.mobile.explain_plan("MP1")
    assert explanation.tiers[0] == "up to 3 GB: 1,078 JPY"


def test_support_ticket_is_persisted(lite: Services) -> None:
    ticket = lite.support.open_ticket("M0001", "booking", "My booking confirmation never arrived.")
    with lite.db.read() as session:
        row = session.execute(select(TicketRow)).scalar_one()
        assert (row.id, row.member_id, row.status) == (ticket.id, "M0001", "open")


def test_upsert_and_delete_products(make: ServicesFactory) -> None:
    from tools.seed import delete_products, upsert_products

    services = make()
    changed = product("P000001", price=4_500)
    assert upsert_products(services.db, [changed, product("P000009", brand="New")]) == 2
    assert services.catalogue.get_product("P000001").price_jpy == 4_500
    assert services.catalogue.get_product("P000009").brand == "New"
    assert delete_products(services.db, ["P000009", "P404"]) == 1
    assert services.catalogue.list_products(category="Electronics").total_matches == 2


def test_product_results_carry_the_japanese_title_and_text(make: ServicesFactory) -> None:
    base = dataset()
    japanese = product("P000009").model_copy(update={
        "title_ja": "【送料無料】ソニック ヘッドホン MN-P000009", "description_ja": "ソニックのヘッドホンです。",
        "attributes_ja": {"カラー": "ブラック"},
    })
    services = make(base.model_copy(update={"products": [*base.products, japanese]}))
    detail = services.catalogue.get_product("P000009")
    assert detail.title_ja == japanese.title_ja and detail.attributes_ja == {"カラー": "ブラック"}
    assert detail.title == japanese.title  # the English stays what it was
    listed = {p.id: p for p in services.catalogue.list_products(category="electronics", limit=50).products}
    assert listed["P000009"].title_ja == japanese.title_ja and listed["P000001"].title_ja is None
