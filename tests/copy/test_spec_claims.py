"""Spec claims are checked against the product's facts in their own unit, and spec terms against the catalogue.

Fixture catalogue (conftest): P000001 headphones (30 hours, Bluetooth 5.2, 250 g, black, wireless, noise
cancelling), P000002 a 500 ml navy stainless-steel bottle, P000003 a hinoki board of 42 x 24 cm.
"""

from __future__ import annotations

import pytest

from assistant.copywriter.brief import make_brief
from assistant.copywriter.check import ClaimChecker
from assistant.copywriter.claims import extract_from_text
from assistant.copywriter.facts import DataSetFacts, build_fact_sheet
from assistant.copywriter.schema import LandingCopy
from assistant.copywriter.units import counters_of, quantities, same_amount


def verdicts(facts: DataSetFacts, product: str, sentence: str, language: str = "en") -> dict[str, str]:
    sheet = build_fact_sheet(facts, make_brief(subject_ids=[product], language=language))
    copy = LandingCopy(headline="A page", subheadline="About a product.", bullets=["one", "two", "three"],
                       body=[sentence], cta="Buy", seo_title="A page", meta_description="A page about a product.")
    return {v.claim.text: v.status for v in ClaimChecker(sheet).check(copy).verdicts if v.claim.field == "body[0]"}


@pytest.mark.parametrize(("product", "sentence", "claim", "status"), [
    ("P000001", "Up to 30 hours of music.", "30 hours", "supported"),
    ("P000001", "Listen for 1,800 minutes on a charge.", "1,800 minutes", "supported"),  # 30 h converted
    ("P000001", "Listen for 30 minutes on a charge.", "30 minutes", "contradicted"),  # unit slip
    ("P000001", "A 40-hour battery.", "40-hour", "contradicted"),  # another figure of the same kind
    ("P000001", "Only 250 kg.", "250 kg", "contradicted"),
    ("P000001", "Only 0.25 kg.", "0.25 kg", "supported"),
    ("P000002", "Holds 0.5 L of water.", "0.5 L", "supported"),
    ("P000002", "Holds 500 L of water.", "500 L", "contradicted"),
    ("P000002", "A 64 GB memory.", "64 GB", "unsupported"),  # a kind of figure the facts never state
])
def test_a_figure_is_checked_in_its_unit(facts_source: DataSetFacts, product: str, sentence: str, claim: str,
                                         status: str) -> None:
    assert verdicts(facts_source, product, sentence).get(claim) == status


@pytest.mark.parametrize(("product", "sentence", "claim", "status"), [
    ("P000001", "Active noise cancelling for the train.", "noise cancelling", "supported"),
    ("P000002", "Active noise cancelling for the train.", "noise cancelling", "unsupported"),
    ("P000001", "It also supports wireless charging.", "wireless charging", "unsupported"),
    ("P000002", "Made of hinoki cypress.", "hinoki cypress", "contradicted"),  # the bottle has a material
    ("P000003", "Made of hinoki cypress.", "hinoki cypress", "supported"),
])
def test_a_spec_term_must_be_in_the_facts(facts_source: DataSetFacts, product: str, sentence: str, claim: str,
                                          status: str) -> None:
    assert verdicts(facts_source, product, sentence).get(claim) == status


def test_japanese_figures_touching_kanji_are_claims(facts_source: DataSetFacts) -> None:
    found = verdicts(facts_source, "P000002", "容量500Lの水筒。重さ250g。", language="ja")
    assert found == {"500L": "contradicted", "250g": "unsupported"}
    assert verdicts(facts_source, "P000002", "容量500mLの水筒。", language="ja") == {"500mL": "supported"}


def test_counters_are_learnt_from_the_catalogue_values() -> None:
    counters = counters_of(["32 speeds", "up to 12 tatami", "3段階", "1,000 pieces", "6 hours (24 with case)"])
    assert {"speed", "tatami", "段階", "piece"} <= set(counters) and "with" not in counters
    found = [(q.value, q.unit) for q in quantities("Pick 64 speed settings, 1,000 magnetic pieces, 8段階.", counters)]
    assert found == [(64, "speed"), (1000, "pcs"), (8, "speed")]
    bracketed = [(q.value, q.unit) for q in quantities("6 hours (24 with case)", counters)]
    assert bracketed == [(6, "h"), (24, "h")]


def test_conversions_stay_within_a_dimension() -> None:
    assert same_amount(14, "in", 35.6, "cm") and same_amount(2, "kg", 2000, "g")
    assert not same_amount(20000, "mAh", 20000, "Wh") and not same_amount(14, "in", 14, "cm")


def test_an_attribute_value_is_read_in_any_spelling() -> None:
    vocabulary = {"sensor": ["APS-C", "Full frame"], "センサー": ["APS-C", "フルサイズ"]}
    en = [(c.kind, c.unit) for c in extract_from_text("body[0]", "A full-frame sensor.", vocabulary)]
    ja = [(c.kind, c.unit) for c in extract_from_text("body[0]", "フルサイズセンサー搭載。", vocabulary)]
    assert en == [("attribute", "sensor")] and ja == [("attribute", "センサー")]
