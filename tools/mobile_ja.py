"""The mobile plans' composed facts in Japanese, beside the English labels `tools.mobile` writes.

Why here and not in the answer templates: the labels ("up to 20 GB: 2,178 JPY", "Calls cost 22 JPY per
30 s.") are facts the tools compose from the plan data; a Japanese answer must state the same facts, so the
tool returns each label's `_ja` sibling and `assistant.japanese_names` swaps whole values, exactly as it does
for hotel and product names. No figure is computed twice: both languages read the same plan fields.
"""

from __future__ import annotations

from data.schema import MobilePlan, PlanOption


def tier_label_ja(up_to_gb: float | None, price: int) -> str:
    return f"データ無制限：{price:,}円" if up_to_gb is None else f"{up_to_gb:g}GBまで：{price:,}円"


def option_label_ja(option: PlanOption) -> str:
    return f"{option.name_ja or option.name}：月{option.price_jpy:,}円"


def option_line_ja(option: PlanOption) -> str:
    description = option.description_ja or option.description
    return f"{option_label_ja(option)}。{description}"


def calls_ja(plan: MobilePlan) -> str:
    if plan.free_domestic_calls_via_app:
        return f"アプリからの国内通話は無料、アプリを使わない通話は30秒{plan.call_rate_jpy_per_30s}円です。"
    return f"通話は30秒{plan.call_rate_jpy_per_30s}円です。"


def points_ja(plan: MobilePlan) -> str:
    return f"契約者はマーケットプレイスのお買い物で100円につき+{plan.points_bonus_rate}ポイント獲得できます。"
