"""Rankings and superlatives found by their form, not by a phrase list; delivery promises in every form that
yields a day figure, checked against the product's delivery days (issue 19)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from assistant.copywriter.brief import make_brief
from assistant.copywriter.check import ClaimChecker
from assistant.copywriter.claims import extract_from_text
from assistant.copywriter.facts import DataSetFacts
from assistant.copywriter.policy import ApprovedClaim, ClaimScope, ClaimsPolicy
from assistant.copywriter.studio import CopyStudio
from tests.copy.conftest import TODAY
from tests.copy.test_campaigns_and_policy import page


def kinds(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in extract_from_text("body[0]", text)]


@pytest.mark.parametrize(("text", "claim"), [
    ("Our sturdiest bottle yet.", "sturdiest bottle yet"),
    ("The most dependable kettle we stock.", "most dependable kettle"),
    ("Japan's favourite rice cooker.", "Japan's favourite rice"),
    ("Ranked #1 by campers.", "Ranked #1 by"),
    ("The top-rated tent this season.", "top-rated tent"),
    ("Simply unrivalled comfort.", "unrivalled comfort"),
    ("A class-leading zoom.", "class-leading zoom"),
    ("Cheaper than anywhere else.", "Cheaper than anywhere else"),
    ("Number one in its class.", "Number one in its class"),
    ("地域最安値に挑戦。", "地域最安値"),
    ("最高クラスの吸水性。", "最高"),
    ("他にはない使い心地。", "他にはない"),
    ("口コミ件数No.1。", "No.1"),
    ("国内初の折りたたみ式。", "国内初"),
    ("人気投票で第3位。", "第3位"),
    ("Nobody beats our prices.", "Nobody beats our"),
    ("Top of its class.", "Top of its class"),
    ("シリーズ最軽量。", "最軽量"),
    ("他の追随を許さない性能。", "他の追随を許さな"),
])
def test_ranking_forms_are_superlatives(text: str, claim: str) -> None:
    assert ("superlative", claim) in kinds(text)


@pytest.mark.parametrize("text", [
    "An honest price for a harvest of new rice, on request.",
    "Holds at least 500 ml; most people fill it twice a day.",
    "The latest model, ideal for the guest room.",
    "通勤に最適。最寄り駅から徒歩5分。世界一周の旅にも。",
    "ポイント最大10倍。",
    "No other fees apply.",
    "Top-rated by owners.",  # a rating claim (a rating of 4 or more supports it), not a ranking
])
def test_everyday_words_are_not_superlatives(text: str) -> None:
    assert "superlative" not in {kind for kind, _ in kinds(text)}


def test_an_approved_ranking_passes_only_for_its_scope_and_dates(facts_source: DataSetFacts) -> None:
    entry = ApprovedClaim(id="AC-9", text="The sturdiest hinoki board Kiso makes", scope=ClaimScope(brands=["Kiso"]),
                          expires=TODAY + timedelta(days=30), approver="Legal (K. Sato)", languages=["en"])
    copy = page(headline="The sturdiest hinoki board Kiso makes")

    def status(subject: str, legal: ClaimsPolicy) -> set[str]:
        sheet = CopyStudio(facts_source, policy=legal).sheet(make_brief(subject_ids=[subject]))
        return {v.status for v in ClaimChecker(sheet).check(copy).verdicts if v.claim.kind == "superlative"}

    assert status("P000003", ClaimsPolicy(entries=[entry])) == {"supported"}
    assert status("P000001", ClaimsPolicy(entries=[entry])) == {"unsupported"}  # Aoba: out of scope
    expired = entry.model_copy(update={"expires": TODAY - timedelta(days=1)})
    assert status("P000003", ClaimsPolicy(entries=[expired])) == {"unsupported"}


@pytest.mark.parametrize(("text", "claim", "context", "days"), [
    ("Order now and it arrives tomorrow.", "arrives tomorrow", "next_day", None),
    ("It reaches you within three days.", "reaches you within three days", "days", 3),
    ("Dispatched within 72 hours.", "Dispatched within 72 hours", "days", 3),
    ("Ships in 2 business days.", "Ships in 2 business days", "days", 2),
    ("Overnight shipping included.", "Overnight shipping", "next_day", None),
    ("最短当日出荷。", "最短当日出荷", "same_day", None),
    ("ご注文の3営業日後に発送。", "3営業日後に発送", "days", 3),
    ("お届けは最短2日。", "お届けは最短2日", "days", 2),
    ("48時間以内にお届け。", "48時間以内にお届け", "days", 2),
    ("最短で当日中にお届けします。", "最短で当日中にお届け", "same_day", None),
    ("3日でお手元に届きます。", "3日でお手元に届", "days", 3),
])
def test_delivery_forms_yield_a_day_figure(text: str, claim: str, context: str, days: int | None) -> None:
    [found] = [c for c in extract_from_text("body[0]", text) if c.kind == "delivery"]
    assert (found.text, found.context) == (claim, context)
    assert found.value == days


def test_delivery_promises_are_checked_against_the_delivery_days(facts_source: DataSetFacts) -> None:
    sheet = CopyStudio(facts_source, policy=ClaimsPolicy()).sheet(make_brief(subject_ids=["P000002"]))  # 3 days
    report = ClaimChecker(sheet).check(page(body=[
        "Free shipping, delivered within 5 days. It arrives tomorrow. Dispatched within 24 hours. "
        "翌日にはお届けします。3日以内に発送。"]))
    status = {v.claim.text: v.status for v in report.verdicts if v.claim.kind == "delivery"}
    assert status == {"Free shipping": "contradicted", "delivered within 5 days": "supported",
                      "arrives tomorrow": "contradicted", "Dispatched within 24 hours": "contradicted",
                      "翌日にはお届け": "contradicted", "3日以内に発送": "supported"}
    hours = next(v for v in report.verdicts if v.claim.text == "Dispatched within 24 hours")
    assert hours.correction is None  # no day figure to swap into an hours figure
