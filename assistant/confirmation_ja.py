"""The confirmation summary in Japanese, for a member who writes Japanese (issue 16).

Written from the preview's `details` (the same figures the English summary states, read from the quote,
the booking or the balance), so the two languages can never disagree on a figure. None when the details
lack what the summary needs: the English summary is shown then.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.japanese_names import pick
from assistant.japanese_terms import cancellation_ja, day_ja, policy_ja


def _day(value: Any) -> str:
    """2026-12-05 -> 2026年12月5日(土): the Japanese answers' date with its year (a summary to approve);
    anything that is not a date as it is."""
    try:
        d = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{d.year}年{day_ja(d)}"


def _yen(value: Any) -> str:
    return f"{int(value):,}円"


def _pts(value: Any) -> str:
    return f"{int(value):,}ポイント"


def _booking(d: dict[str, Any]) -> str | None:
    stay = d.get("stay") or {}
    if not isinstance(stay, dict) or "check_in" not in stay or d.get("total_jpy") is None:
        return None
    guests = f"大人{stay.get('adults', 1)}名" + (f"、子供{stay['children']}名" if stay.get("children") else "")
    pay = _yen(d["total_jpy"])
    if d.get("points_to_use"):
        pay += f"（{_pts(d['points_to_use'])}＋現金{_yen(d.get('cash_to_pay_jpy') or 0)}）"
    earned = int(d.get("points_earned") or 0)
    points = (
        f"獲得予定{_pts(earned)}（チェックアウト後の{_day(d.get('points_credit_on'))}に付与、それまでは保留で使えず、"
        "予約をキャンセルすると無効）。"
        if earned
        else "この宿泊ではポイントは貯まりません。"
    )
    terms = d.get("cancellation")
    policy = (cancellation_ja(terms) or terms.get("text", "")) if isinstance(terms, dict) else ""
    return (
        f"{pick(d, 'hotel_name') or ''}、{pick(d, 'room_name') or ''}を予約します：{_day(stay['check_in'])}〜"
        f"{_day(stay.get('check_out', ''))}（{stay.get('nights', '')}泊）、{guests}、合計{pay}。{points}"
        + (f"キャンセル規定：{policy}" if policy else "")
    )


def _cancellation(d: dict[str, Any]) -> str | None:
    if "booking_id" not in d or d.get("fee_jpy") is None:
        return None
    fee = (
        "キャンセル料はかかりません"
        if d.get("free")
        else f"キャンセル料{_yen(d['fee_jpy'])}（宿泊料金の{d.get('fee_pct')}%）"
    )
    points = []
    if d.get("points_refunded"):
        points.append(f"ご利用の{_pts(d['points_refunded'])}は残高に戻ります")
    if d.get("points_voided"):
        points.append(f"獲得予定の{_pts(d['points_voided'])}は無効になります")
    if d.get("points_reversed"):
        points.append(f"付与済みの{_pts(d['points_reversed'])}は取り消されます")
    return (
        f"予約{d['booking_id']}（{pick(d, 'hotel_name') or ''}、"
        f"{_day(d.get('check_in'))}〜{_day(d.get('check_out'))}）を"
        f"キャンセルします。{fee}。"
        + ("、".join(points) + "。" if points else "")
        + f"ホテルの規定：{policy_ja(d.get('policy_terms')) or d.get('policy', '')}"
    )


def _redemption(d: dict[str, Any]) -> str | None:
    if "points" not in d or "balance_after" not in d:
        return None
    purpose = "携帯料金" if d.get("purpose") == "mobile_bill" else "お買い物"
    return (
        f"{_pts(d['points'])}（{_yen(d.get('value_jpy', d['points']))}相当）を{purpose}に使います。"
        f"残高：{_pts(d.get('balance_before', 0))} → {_pts(d['balance_after'])}。"
    )


def japanese_summary(tool: str, details: dict[str, Any]) -> str | None:
    """The summary of the action awaiting approval, in Japanese; None when it cannot be written."""
    writer = {"book_hotel": _booking, "cancel_booking": _cancellation, "redeem_points": _redemption}.get(tool)
    try:
        return writer(details) if writer else None
    except (KeyError, TypeError, ValueError):
        return None
