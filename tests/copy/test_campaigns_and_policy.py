"""Campaign claims rest on the programme's real campaigns; superlatives on legal's approved-claims file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from assistant.copywriter.brief import make_brief
from assistant.copywriter.check import ClaimChecker
from assistant.copywriter.facts import DataSetFacts
from assistant.copywriter.policy import ApprovedClaim, ClaimScope, ClaimsPolicy, load_policy
from assistant.copywriter.schema import LandingCopy
from assistant.copywriter.studio import CopyStudio, ExportBlocked
from tests.copy.conftest import TODAY


def page(**fields: object) -> LandingCopy:
    base: dict[str, object] = {
        "headline": "Hinoki cutting board", "subheadline": "From Kiso Woodworks.",
        "bullets": ["Japanese hinoki cypress", "Gentle on knife edges", "42 x 24 cm"],
        "body": ["A cutting board for every kitchen."], "cta": "Shop now", "seo_title": "Hinoki cutting board",
        "meta_description": "A hinoki cypress cutting board from Kiso Woodworks.",
    }
    return LandingCopy.model_validate({**base, **fields})


def flagged_texts(result_report: object) -> dict[str, str]:
    return {v.claim.text: v.status for v in result_report.flagged}  # type: ignore[attr-defined]


def test_an_invented_campaign_is_contradicted_and_blocks_export(facts_source: DataSetFacts, tmp_path: Path) -> None:
    from testkit.scripted_model import ScriptedChatModel, call
    from tests.copy.test_copy_studio import GOOD

    promising = {**GOOD, "headline": "20x points all week on the Aoba WH-500",
                 "bullets": ["Earn 2,700 points on this purchase", *GOOD["bullets"][1:]]}
    studio = CopyStudio(facts_source, ScriptedChatModel([call("LandingCopy", promising)]), policy=ClaimsPolicy())
    brief = make_brief(subject_ids=["P000001"], campaign="20x points all week")
    result = studio.run(brief, fix=False)
    verdicts = {v.claim.text: v for v in result.variants[0].report.verdicts}
    assert verdicts["20x points"].status == "contradicted" and "invented" in verdicts["20x points"].reason
    assert verdicts["2,700 points"].status == "contradicted"
    # the points quote is the programme's alone: the invented campaign adds nothing
    plain = CopyStudio(facts_source, policy=ClaimsPolicy()).sheet(make_brief(subject_ids=["P000001"]))
    assert result.sheet.subjects[0].points == plain.subjects[0].points
    with pytest.raises(ExportBlocked, match="invented"):
        result.export(tmp_path / "out")
    # removing the claims is not enough: the brief still promises a campaign nobody runs
    offline = CopyStudio(facts_source, policy=ClaimsPolicy()).run(brief)
    assert offline.best.report.passed and offline.blockers
    with pytest.raises(ExportBlocked):
        offline.export(tmp_path / "out")
    # picking the programme's real campaign fixes the brief
    real = CopyStudio(facts_source, policy=ClaimsPolicy()).run(make_brief(subject_ids=["P000001"], campaign_id="C2"))
    assert not real.blockers
    assert real.export(tmp_path / "ok")["page.html"].exists()
    assert real.sheet.subjects[0].points and real.sheet.subjects[0].points.total == 1536


@pytest.mark.parametrize(("brief", "reason"), [
    ({"subject_ids": ["P000001"], "campaign_id": "C4"}, "starts later"),  # Super Sale starts next week
    ({"subject_ids": ["P000001"], "campaign_id": "C1"}, "ended"),
    ({"subject_ids": ["P000001"], "campaign": "Kitchen Fair 4x"}, "Home & Kitchen only"),  # headphones
    ({"subject_ids": ["P000001"], "campaign_id": "C2", "ends_on": TODAY + timedelta(days=5)}, "ends earlier"),
])
def test_a_real_campaign_outside_its_dates_or_categories_is_contradicted(
    facts_source: DataSetFacts, tmp_path: Path, brief: dict[str, object], reason: str,
) -> None:
    result = CopyStudio(facts_source, policy=ClaimsPolicy()).run(make_brief(**brief), fix=False)
    campaign_claims = [v for v in result.variants[0].report.verdicts if v.claim.kind in {"multiplier", "campaign"}
                       and v.status == "contradicted"]
    assert campaign_claims, [(v.claim.text, v.status) for v in result.variants[0].report.verdicts]
    assert any(reason in p for p in result.sheet.campaign.problems), result.sheet.campaign.problems
    with pytest.raises(ExportBlocked, match=reason):
        result.export(tmp_path)


def test_points_follow_the_campaigns_actual_terms_cap_included(facts_source: DataSetFacts) -> None:
    result = CopyStudio(facts_source, policy=ClaimsPolicy()).run(
        make_brief(subject_ids=["P000003"], campaign="Kitchen Fair 4x"))
    points = result.sheet.subjects[0].points
    assert points is not None
    campaign = [line for line in points.lines if line.kind == "campaign"]
    assert [line.points for line in campaign] == [100]  # +3x on ¥5,500 is 165, capped at 100 by the campaign
    assert points.total == 55 + 55 + 100  # base + shop (2x) + capped campaign
    assert not result.blockers
    report = ClaimChecker(result.sheet).check(page(bullets=["4x points on this board", "Earn 210 points",
                                                            "Earn 220 points"]))
    assert flagged_texts(report) == {"220 points": "contradicted"}


def policy(expires_in: int = 30, **scope: list[str]) -> ClaimsPolicy:
    return ClaimsPolicy(entries=[ApprovedClaim(
        id="AC-1", text="Japan's No.1 hinoki cutting board", scope=ClaimScope(**scope),
        expires=TODAY + timedelta(days=expires_in), approver="Legal (K. Sato)")])


def test_an_approved_superlative_passes_only_within_its_scope_and_expiry(facts_source: DataSetFacts) -> None:
    copy = page(headline="Japan's No.1 hinoki cutting board")

    def verdicts(brief: dict[str, object], legal: ClaimsPolicy) -> set[str]:
        sheet = CopyStudio(facts_source, policy=legal).sheet(make_brief(**brief))
        return {v.status for v in ClaimChecker(sheet).check(copy).verdicts if v.claim.kind == "superlative"}

    board = {"subject_ids": ["P000003"]}
    assert verdicts(board, policy(brands=["Kiso"])) == {"supported"}
    assert verdicts(board, policy(subjects=["P000003"])) == {"supported"}
    assert verdicts(board, ClaimsPolicy()) == {"unsupported"}  # no entry at all
    assert verdicts({"subject_ids": ["P000001"]}, policy(brands=["Kiso"])) == {"unsupported"}  # out of scope
    assert verdicts(board, policy(expires_in=-1, brands=["Kiso"])) == {"unsupported"}  # expired
    late = {**board, "ends_on": TODAY + timedelta(days=40)}
    assert verdicts(late, policy(expires_in=30, brands=["Kiso"])) == {"unsupported"}  # expires before the page ends
    # the brief asking for the wording is no approval
    assert verdicts({**board, "approved_claims": ["Japan's No.1 hinoki cutting board"]}, ClaimsPolicy()) == {
        "unsupported"}


def test_the_shops_own_superlative_is_no_approval() -> None:
    from tests.copy.conftest import RULES, make_product

    boastful = make_product(description="The best headphones in Japan, says our shop.")
    facts = DataSetFacts(products=[boastful], rules=RULES, today=TODAY)
    sheet = CopyStudio(facts, policy=ClaimsPolicy()).sheet(make_brief(subject_ids=["P000001"]))
    report = ClaimChecker(sheet).check(page(headline="The best headphones in Japan"))
    assert flagged_texts(report)["best headphones in Japan"] == "unsupported"


def test_every_removed_or_rewritten_claim_is_listed_with_its_reason(
    facts_source: DataSetFacts, tmp_path: Path,
) -> None:
    import json

    from testkit.scripted_model import ScriptedChatModel, call
    from tests.copy.test_copy_studio import BAD, GOOD

    studio = CopyStudio(facts_source, ScriptedChatModel([call("LandingCopy", BAD), call("LandingCopy", GOOD)]),
                        policy=ClaimsPolicy())
    result = studio.run(make_brief(subject_ids=["P000001"], campaign_id="C2"))
    claims = json.loads(result.export(tmp_path)["claims.json"].read_text(encoding="utf-8"))
    listed = {row["claim"]: row for row in claims["variants"][0]["changes"]}
    assert set(listed) == {"lowest price in Japan", "¥9,800", "Waterproof", "IPX7"}
    assert all(row["reason"] and row["outcome"] != "still in the copy" for row in listed.values())
    assert listed["lowest price in Japan"]["outcome"] == "rewritten by the model"
    assert any("lowest price in Japan" in a for a in claims["variants"][0]["actions"])


def test_legal_file_loads(tmp_path: Path) -> None:
    assert all(e.approver and e.expires for e in load_policy().entries)
    path = tmp_path / "claims.yaml"
    path.write_text("claims:\n  - id: X1\n    text: Best in show\n    scope: {brands: [Aoba]}\n"
                    "    expires: 2030-01-01\n    approver: Legal\n", encoding="utf-8")
    assert load_policy(path).entries[0].scope.brands == ["Aoba"]
