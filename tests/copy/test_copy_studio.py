"""The copy studio end to end: real facts and the real points rules engine, a scripted model for the LLM."""

from __future__ import annotations

import re

import pytest

from assistant.copywriter.brief import BriefError, make_brief
from assistant.copywriter.compose import is_japanese
from assistant.copywriter.facts import DataSetFacts
from assistant.copywriter.schema import LandingCopy
from assistant.copywriter.studio import CopyStudio
from data.schema import LinkedServices
from testkit.scripted_model import ScriptedChatModel, call
from tests.copy.conftest import RULES, TODAY
from tools.points_rules import ActiveCampaign, EarnRequest, PointsRulesEngine

GOOD = {
    "headline": "Aoba WH-500: quiet travel, 10x points this weekend",
    "subheadline": "Wireless noise-cancelling headphones for ¥12,800, with free shipping.",
    "bullets": ["Earn 1,536 points on this purchase", "30-hour battery and Bluetooth 5.2",
                "Rated 4.4/5 from 1,287 reviews"],
    "body": ["Over-ear wireless headphones that fold flat for travel."],
    "cta": "Shop now",
    "seo_title": "Aoba WH-500 wireless headphones | ¥12,800",
    "meta_description": "Aoba WH-500 noise-cancelling headphones for ¥12,800: earn 1,536 points this weekend.",
}
BAD = {
    **GOOD,
    "headline": "The lowest price in Japan on Aoba headphones",
    "subheadline": "Wireless noise-cancelling headphones for just ¥9,800, with free shipping.",
    "bullets": ["Earn 1,536 points on this purchase", "Waterproof to IPX7 for rainy commutes",
                "Rated 4.4/5 from 1,287 reviews"],
}


def expected_points(price: int, shop_multiplier: int, campaign_bonus: int) -> int:
    """The rules engine's own answer, computed here independently of the studio."""
    engine = PointsRulesEngine(RULES, [ActiveCampaign(
        id="X", name="x", bonus_multiplier=campaign_bonus, starts_on=TODAY, ends_on=TODAY,
        limited_time_expiry_days=30, cap_points=10**9)])
    return engine.quote_earn(EarnRequest(linked=LinkedServices(), price_jpy=price, shop_multiplier=shop_multiplier,
                                         on=TODAY)).total


def test_offline_copy_states_the_real_price_and_points(facts_source: DataSetFacts) -> None:
    brief = make_brief(subject_ids=["P000001"], campaign="10x points this weekend", variants=2)
    result = CopyStudio(facts_source).run(brief)

    points = expected_points(12800, 3, 9)
    assert points == 1536  # 128 base + 256 shop (3x) + 1,152 campaign (+9x)
    for variant in result.variants:
        text = " ".join(t for _, t in variant.copy.fields())
        assert "¥12,800" in text
        assert f"{points:,} points" in text
        assert variant.draft_report.passed, [v.claim.text for v in variant.draft_report.flagged]
        kinds = {v.claim.kind for v in variant.report.verdicts}
        assert {"price", "points"} <= kinds
    assert result.variants[0].copy.headline != result.variants[1].copy.headline
    html = result.best.html(result.sheet, "en")
    assert "1,536" in html and "Shop bonus (3x shop, +2x)" in html


def test_scripted_model_wrong_price_invented_spec_and_superlative_are_flagged_then_fixed(
    facts_source: DataSetFacts,
) -> None:
    model = ScriptedChatModel([call("LandingCopy", BAD), call("LandingCopy", GOOD)])
    studio = CopyStudio(facts_source, model)
    brief = make_brief(subject_ids=["P000001"], campaign="10x points this weekend")

    draft = studio.run(brief, fix=False).variants[0]
    flagged = {v.claim.text: v for v in draft.report.flagged}
    assert flagged["¥9,800"].status == "contradicted"
    assert "12,800" in (flagged["¥9,800"].expected or "")
    assert flagged["Waterproof"].status == "unsupported"
    assert flagged["IPX7"].status == "unsupported"
    assert flagged["lowest price in Japan"].status == "unsupported"
    assert len(flagged) == 4

    fixed = studio.fix(draft, studio.sheet(brief), brief, studio.voice(brief))
    assert fixed.fix_mode == "regenerate"
    assert fixed.report.passed
    assert fixed.copy == LandingCopy.model_validate(GOOD)
    # the regeneration prompt named every flagged claim and carried the facts as data
    prompt = model.calls[1].messages[-1].content
    assert "¥9,800" in prompt and "IPX7" in prompt and "lowest price in Japan" in prompt
    assert '"price_jpy": 12800' in prompt
    model.assert_all_used()


def test_removing_flagged_claims_keeps_the_true_ones(facts_source: DataSetFacts) -> None:
    model = ScriptedChatModel([call("LandingCopy", BAD)])
    studio = CopyStudio(facts_source, model)
    brief = make_brief(subject_ids=["P000001"], campaign="10x points this weekend")
    draft = studio.run(brief, fix=False).variants[0]

    fixed = studio.fix(draft, studio.sheet(brief), brief, studio.voice(brief), mode="remove")
    assert fixed.report.passed
    text = " ".join(t for _, t in fixed.copy.fields())
    assert "¥9,800" not in text and "IPX7" not in text and "lowest" not in text.casefold()
    assert "just ¥12,800" in fixed.copy.subheadline  # corrected in place, not dropped
    assert "Earn 1,536 points on this purchase" in fixed.copy.bullets
    model.assert_all_used()


def test_points_multiplier_and_amount_are_recomputed_not_trusted(facts_source: DataSetFacts) -> None:
    lying = {**GOOD, "bullets": ["Earn 2,000 points on this purchase", "20x points this weekend",
                                 "Rated 4.4/5 from 1,287 reviews"]}
    studio = CopyStudio(facts_source, ScriptedChatModel([call("LandingCopy", lying)]))
    report = studio.run(make_brief(subject_ids=["P000001"], campaign="10x points this weekend"),
                        fix=False).variants[0].report
    flagged = {v.claim.text: v for v in report.flagged}
    assert flagged["2,000 points"].status == "contradicted"
    assert flagged["2,000 points"].correction == "1,536 points"
    assert flagged["20x points"].status == "contradicted"


def test_japanese_copy_is_japanese(facts_source: DataSetFacts) -> None:
    brief = make_brief(subject_ids=["P000002"], language="ja", campaign="週末はポイント10倍", voice="premium")
    result = CopyStudio(facts_source).run(brief)
    copy = result.best.copy
    assert result.best.report.passed
    kana = re.compile(r"[\u3040-\u30ff]")
    for field in ("subheadline", "cta"):
        assert kana.search(copy.get_field(field)), field
    assert all(kana.search(b) or re.search(r"[\u4e00-\u9fff]", b) for b in copy.bullets)
    assert is_japanese(" ".join(copy.body))
    assert "297ポイント" in " ".join(t for _, t in copy.fields())  # 29 base + 268 campaign (+9x) on ¥2,980
    assert 'lang="ja"' in result.best.html(result.sheet, "ja")


def test_hotel_and_mobile_plan_pages_pass_their_own_check(facts_source: DataSetFacts) -> None:
    for subject in ("H0001", "MP-TIERED"):
        result = CopyStudio(facts_source).run(make_brief(subject_ids=[subject]))
        assert result.best.report.passed, [v.claim.text for v in result.best.report.flagged]


def test_campaign_page_over_several_products(facts_source: DataSetFacts) -> None:
    brief = make_brief(subject_ids=["P000001", "P000002", "P000003"], campaign="10x points this weekend")
    result = CopyStudio(facts_source).run(brief)
    assert result.best.report.passed
    html = result.best.html(result.sheet, "en")
    assert html.count('class="offer"') == 3


def test_bad_briefs_fail_with_an_actionable_message() -> None:
    with pytest.raises(BriefError, match="Unknown voice"):
        make_brief(subject_ids=["P000001"], voice="sarcastic")
    with pytest.raises(BriefError, match="between 2x and 100x"):
        make_brief(subject_ids=["P000001"], campaign="500x points")
    with pytest.raises(BriefError, match="language"):
        make_brief(subject_ids=["P000001"], language="fr")
