"""Whose account a Japanese request is about reaches the English other-member rule (issue 16).

"会員M0021様の残高" or "佐藤さんの予約" is another member's data and must be declined like "M0021's balance";
a child's price at a hotel (お子様の料金) is not a person's account."""

from __future__ import annotations

import re

from assistant.offline.nlu.ja import gloss

# the English rule's own forms (assistant/offline/data/intent_rules.yaml, other_member)
OTHER = re.compile(
    r"\bmember m\d{4}\b|\bsomeone else's (points|balance|bookings|history|account)\b|\bmy (wife|friend|brother)'s\b"
)


def test_a_member_id_a_name_or_a_relative_reads_as_someone_elses_account() -> None:
    for text in (
        "会員M0021様の残高を調べて",
        "m0042のポイントを教えて",
        "佐藤さんの予約ってどうなってる？",
        "兄の履歴は見られる？",
    ):
        assert OTHER.search(gloss(text)), text


def test_the_members_own_words_and_a_childs_price_are_not_another_account() -> None:
    for text in ("お子様の料金はいくら", "私のポイント残高を教えて", "大人2人で予約したい"):
        assert not OTHER.search(gloss(text)), text


def test_what_is_already_booked_is_the_booking_list_not_a_new_booking() -> None:
    assert "my bookings" in gloss("予約済みのものを全部見せて")
    assert "book" in gloss("大人2人で予約したい") and "my bookings" not in gloss("大人2人で予約したい")
