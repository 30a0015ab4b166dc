"""Japanese for the structured facts: product-type nouns, colours, attribute labels and values with Japanese
counters and units, so a Japanese page never carries an English fragment.

Until the data set has Japanese titles and descriptions (`title_ja`, `description_ja`, used when present), a
Japanese page names a product by brand, product type and model number ("Zojirushi 炊飯器 NW-JX10"), and
states only attribute values this module can say in Japanese; anything else is left out rather than shown in
English. Every rendering is derived from the catalogue value, so the claim check accepts it as that fact.
"""

from __future__ import annotations

import re
from typing import Any

CATEGORY_JA = {
    "Automotive": "カー用品", "Baby": "ベビー用品", "Beauty": "美容・コスメ", "Books & Media": "本・メディア",
    "Electronics": "家電・電子機器", "Fashion": "ファッション", "Food & Drink": "食品・飲料", "Health": "ヘルスケア",
    "Home & Kitchen": "ホーム・キッチン", "Pet Supplies": "ペット用品", "Sports & Outdoors": "スポーツ・アウトドア",
    "Toys & Hobbies": "おもちゃ・ホビー", "Travel": "旅行",
}
SUBCATEGORY_JA = {
    "Car Accessories": "カーアクセサリー", "Car Care": "カーケア用品", "Baby Care": "ベビーケア用品",
    "Strollers & Car Seats": "ベビーカー・チャイルドシート", "Hair Care": "ヘアケア用品", "Makeup": "メイクアップ",
    "Skincare": "スキンケア", "Sunscreen": "日焼け止め", "Books": "本", "Manga": "マンガ",
    "Video Games": "ゲームソフト",
    "Cameras": "カメラ", "Earbuds": "ワイヤレスイヤホン", "Headphones": "ヘッドホン", "Laptops": "ノートパソコン",
    "Power Banks": "モバイルバッテリー", "Smartphones": "スマートフォン", "Smartwatches": "スマートウォッチ",
    "Bags": "バッグ", "Down Jackets": "ダウンジャケット", "Rainwear": "レインウェア",
    "Running Shoes": "ランニングシューズ",
    "Wallets": "財布", "Yukata & Kimono": "浴衣・着物", "Coffee & Tea": "コーヒー・お茶", "Rice": "お米",
    "Sake & Drinks": "日本酒・飲料", "Seasonings": "調味料", "Sweets & Snacks": "お菓子",
    "Health Monitors": "健康計測器", "Massagers": "マッサージ器", "Supplements": "サプリメント",
    "Air Purifiers": "空気清浄機", "Bedding": "寝具", "Coffee Makers": "コーヒーメーカー", "Cookware": "調理器具",
    "Electric Fans": "扇風機", "Heaters": "ヒーター", "Kitchen Knives": "包丁", "Rice Cookers": "炊飯器",
    "Storage & Organisation": "収納用品", "Cat Supplies": "猫用品", "Dog Supplies": "犬用品",
    "Fitness Equipment": "フィットネス用品", "Golf": "ゴルフ用品", "Hiking Gear": "登山用品",
    "Ski & Snowboard": "スキー・スノーボード用品", "Sleeping Bags": "寝袋", "Swim & Beach": "水着・ビーチ用品",
    "Tents": "テント", "Board Games & Puzzles": "ボードゲーム・パズル", "Building Blocks": "ブロック玩具",
    "Educational Toys": "知育玩具", "Plush & Dolls": "ぬいぐるみ・人形",
}
COLOUR_JA = {
    "black": "ブラック", "white": "ホワイト", "navy": "ネイビー", "beige": "ベージュ", "silver": "シルバー",
    "blue": "ブルー", "grey": "グレー", "gray": "グレー", "pink": "ピンク", "red": "レッド", "green": "グリーン",
    "brown": "ブラウン", "yellow": "イエロー", "olive": "オリーブ", "camel": "キャメル", "stainless": "ステンレス",
    "gold": "ゴールド", "orange": "オレンジ", "purple": "パープル", "clear": "クリア", "neon yellow": "ネオンイエロー",
    "khaki": "カーキ", "indigo": "インディゴ", "coral": "コーラル", "turquoise": "ターコイズ", "rose": "ローズ",
    "natural": "ナチュラル", "ivory": "アイボリー", "charcoal": "チャコール", "mint": "ミント",
    "red wine": "ワインレッド",
}
LABELS_JA = {
    "colour": "カラー", "color": "カラー", "shade": "色味", "size": "サイズ", "material": "素材", "volume": "容量",
    "capacity": "容量", "battery_life": "バッテリー", "weight": "重さ", "age": "対象年齢", "screen": "画面サイズ",
    "storage": "ストレージ", "count": "入数", "room_size": "適用床面積", "pieces": "ピース数", "memory": "メモリ",
    "width": "幅", "thickness": "厚さ", "blade_length": "刃渡り", "speed_settings": "速度調節", "players": "プレイ人数",
    "comfort_rating": "快適温度", "resolution": "解像度", "water_resistance": "防水性能", "connectivity": "接続",
    "spf": "紫外線カット", "age_rating": "対象年齢", "video": "動画",
}
_UNIT = {
    "hours": "時間", "hour": "時間", "h": "時間", "minutes": "分", "min": "分", "days": "日", "day": "日",
    "cups": "合", "cup": "合", "pieces": "個", "piece": "個", "pcs": "個", "speeds": "段階", "years": "歳",
    "inch": "インチ", "inches": "インチ", "sheets": "枚", "servings": "人分", "players": "人", "tatami": "畳",
    "cm": "cm", "mm": "mm", "m": "m", "kg": "kg", "g": "g", "ml": "mL", "l": "L", "mah": "mAh", "gb": "GB",
    "tb": "TB", "w": "W", "°c": "℃", "℃": "℃", "m²": "m²",
}
_SIZES = {"one size": "フリーサイズ", "free": "フリーサイズ", "small": "S", "medium": "M", "large": "L"}
_NUM = r"\d[\d,]*(?:\.\d+)?"
_QTY = re.compile(rf"^({_NUM})\s*([A-Za-z°℃²]+)$")
_WITH_CASE = re.compile(rf"^({_NUM})\s*(?:hours?|h)\s*\(\s*({_NUM})\s*(?:hours?|h)?\s*with (?:the )?case\s*\)$", re.I)
_RANGE_AGE = re.compile(rf"^(newborn|{_NUM})\s*(?:months?|years?)?\s*(?:to|-|–)\s*({_NUM})\s*years?$", re.I)
_PLUS = re.compile(rf"^({_NUM})\s*\+$")
_SSD = re.compile(rf"^({_NUM})\s*(GB|TB)\s+(SSD|HDD|eMMC)$", re.I)
_RANGE = re.compile(rf"^({_NUM})\s*(?:-|–|to)\s*({_NUM})\s*([A-Za-z]+)$")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def quantity(value: str, key: str = "") -> str | None:
    """"6 hours (24 with case)" -> 連続再生6時間（ケース併用で24時間）, "10 cups" -> 10合, "8+" -> 8歳以上."""
    text = " ".join(value.split())
    if m := _WITH_CASE.match(text):
        return f"連続再生{m.group(1)}時間（ケース併用で{m.group(2)}時間）"
    if m := _RANGE_AGE.match(text):
        start = "新生児" if m.group(1).casefold() == "newborn" else f"{m.group(1)}歳"
        return f"{start}〜{m.group(2)}歳"
    if (m := _PLUS.match(text)) and key in {"age", "age_rating"}:
        return f"{m.group(1)}歳以上"
    if m := _SSD.match(text):
        return f"{m.group(1)}{m.group(2).upper()}（{m.group(3).upper()}）"
    if m := _RANGE.match(text):
        unit = _UNIT.get(m.group(3).casefold())
        return f"{m.group(1)}〜{m.group(2)}{unit}" if unit else None
    if m := _QTY.match(text):
        unit = _UNIT.get(m.group(2).casefold())
        if unit is None:
            return None
        if key == "battery_life" and unit == "時間":
            return f"連続使用{m.group(1)}時間"
        return f"{m.group(1)}{unit}"
    return None


def attribute(key: str, value: str) -> tuple[str, str] | None:
    """(label, value) in Japanese, or None when the value cannot be said without English."""
    label = LABELS_JA.get(key)
    if label is None:
        return None
    folded = value.strip().casefold()
    if key in {"colour", "color", "shade"}:
        colour = COLOUR_JA.get(folded)
        return (label, colour) if colour else None
    if key == "size" and (folded in _SIZES or re.fullmatch(r"[xsml]{1,3}|\d?xl", folded)):
        return label, _SIZES.get(folded, value.strip().upper())
    said = quantity(value, key)
    if said is None and not _LATIN_WORD.search(value):
        said = value.strip()  # already free of English words ("SPF50+ PA++++" is not; "4K" is)
    return (label, said) if said else None


def attributes(values: dict[str, str]) -> list[tuple[str, str]]:
    return [pair for key, value in values.items() if (pair := attribute(key, value)) is not None]


def product_name(record: Any) -> str:
    """The Japanese title when the data set has one, else brand + product type + model number."""
    title = getattr(record, "title_ja", None)
    if title:
        return str(title)
    noun = SUBCATEGORY_JA.get(getattr(record, "subcategory", ""), CATEGORY_JA.get(getattr(record, "category", ""), ""))
    parts = [getattr(record, "brand", "") or "", noun, getattr(record, "model_number", "") or ""]
    return " ".join(p for p in parts if p) or str(getattr(record, "title", ""))


# Words of the mobile plans' and options' names (the data set has no name_ja for them), in Japanese.
PLAN_WORDS_JA = {
    "tiered": "段階制", "unlimited": "無制限", "data": "データ", "light": "ライト", "minute": "分", "call": "通話",
    "calls": "通話", "option": "オプション", "international": "国際", "flat": "定額", "device": "端末",
    "insurance": "補償", "plan": "プラン", "family": "家族", "under": "以下",
}


def plan_words(name: str) -> str | None:
    """"15-Minute Call Option" -> 15分通話オプション, "Under-22 Tiered" -> 22歳以下段階制; None when a word is not
    in the glossary (the page then leaves the name out instead of showing it in English)."""
    out: list[str] = []
    for word in re.split(r"[\s\-]+", name.strip()):
        folded = word.casefold()
        if re.fullmatch(r"\d+", word):
            out.append(word)
        elif folded == "under" and out == [] and re.search(r"under[- ]\d+", name, re.I):
            continue  # "Under-22": the age comes next
        elif folded in PLAN_WORDS_JA:
            out.append(PLAN_WORDS_JA[folded])
        else:
            return None
    joined = "".join(out)
    if m := re.match(r"under[- ](\d+)", name, re.I):
        joined = joined.replace(m.group(1), f"{m.group(1)}歳以下", 1)
    return joined or None


def plan_name(name: str) -> str:
    said = plan_words(name)
    return f"{said}プラン" if said and not said.endswith("プラン") else (said or "モバイルプラン")


def cancellation(policy: Any) -> str:
    """The hotel's cancellation terms from its numbers: 2日前まで無料、以降は宿泊料金の50%（不泊は100%）."""
    if policy.free_until_days > 0:
        text = f"チェックインの{policy.free_until_days}日前まで無料、以降は宿泊料金の{policy.fee_pct}%"
    elif policy.fee_pct >= 100:
        text = "返金不可"
    else:
        text = f"キャンセル料は宿泊料金の{policy.fee_pct}%"
    return f"{text}（不泊は{policy.no_show_pct}%）" if policy.no_show_pct and policy.fee_pct < 100 else text


def own_latin(record: Any) -> set[str]:
    """What a Japanese page about this subject may write in Latin letters: its brand and model number, and the
    Latin words the catalogue itself writes in its Japanese fields (attribute values such as "SPF30 PA+++" or
    "CERO C", "PS5" or "DC" in the Japanese title and description). A record or a `SubjectFacts` alike."""
    allowed = {str(v) for v in (getattr(record, "brand", None), getattr(record, "model_number", None)) if v}
    values: list[str] = []
    for name in ("attributes_ja", "source_attributes_ja"):  # a record's dict; a fact sheet's (label, value) pairs
        given = getattr(record, name, None) or {}
        values += [str(v) for v in (given.values() if isinstance(given, dict) else (v for _, v in given))]
    values += [str(getattr(record, name, None) or "") for name in ("title_ja", "name_ja", "description_ja")]
    for value in values:
        allowed.update(m.group(0) for m in _LATIN_TOKEN.finditer(str(value)))
    return allowed


_LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]+")


def latin_words(text: str, allowed: set[str]) -> list[str]:
    """English words left in Japanese text, other than the allowed brand names and model numbers and units
    written with a number ("256GB", "500 mL")."""
    found: list[str] = []
    for m in _LATIN_TOKEN.finditer(text):
        word = m.group(0)
        before = text[max(0, m.start() - 2):m.start()]
        if word.casefold() in {a.casefold() for a in allowed} or re.search(r"\d\s?$", before):
            continue
        if any(word in a for a in allowed):
            continue
        found.append(word)
    return found
