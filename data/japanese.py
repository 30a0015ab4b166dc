# ruff: noqa: E501  (tables and Japanese templates read best one per line)
"""Japanese text beside the English: titles, descriptions, attributes and reviews of products, names and
descriptions of hotels, and destination guides, in the style of a Japanese marketplace listing.

Every function here reads the English record the generator already made and returns only *new* keys
(`title_ja`, `description_ja`...). Any randomness comes from a stream of its own (`products_ja`,
`hotels_ja`), so adding Japanese never moves a single English word, id, price, stock figure or date:
`data/compare_seed.py` checks that against the committed data set.
"""

from __future__ import annotations

import re
from typing import Any

from data.streams import stream
from data.vocab.places import Place
from data.vocab.places_ja import (
    ACTIVITY_JA,
    AMENITY_JA,
    AREA_JA,
    CITY_JA,
    DISTRICT_JA,
    HOTEL_KIND_JA,
    MONTH_JA,
    PREFECTURE_JA,
    ROOM_JA,
)
from data.vocab.products_ja import (
    ATTR_KEY_JA,
    BRAND_JA,
    CATEGORY_JA,
    DESCRIPTION_CLOSERS_JA,
    DESCRIPTION_MIDDLES_JA,
    DESCRIPTION_OPENERS_JA,
    NOUN_JA,
    REVIEW_TEXTS_JA,
    REVIEW_TITLES_JA,
    SUBCATEGORY_JA,
    TAG_PHRASES_JA,
    UNITS_JA,
    VALUE_JA,
)

_LATIN_UNIT = re.compile(r"(\d(?:[\d.,]*\d)?) (GB|TB|mAh|mL|L|kg|g|cm|mm|K)\b")


def brand_ja(brand: str) -> str:
    """'Sony' -> 'ソニー(Sony)', as Japanese shops write a known brand; others keep the Latin name."""
    ja = BRAND_JA.get(brand)
    return f"{ja}({brand})" if ja and ja != brand else brand


def attribute_value_ja(key: str, value: str) -> str:
    """An attribute value the way a Japanese listing prints it ('20 hours' -> '20時間', 'Black' -> 'ブラック')."""
    if value in VALUE_JA:
        return VALUE_JA[value]
    text = value
    if m := re.fullmatch(r"(\d+) hours \((\d+) with case\)", text):
        return f"{m[1]}時間 (ケース併用{m[2]}時間)"
    if m := re.fullmatch(r"up to (\d+) tatami", text):
        return f"〜{m[1]}畳"
    if m := re.fullmatch(r"from (\d+) months?", text):
        return f"{m[1]}ヶ月から"
    if m := re.fullmatch(r"(\d+) x (\d+) mL", text):
        return f"{m[2]}mL×{m[1]}本"
    if m := re.fullmatch(r"(\d{4}) harvest", text):
        return f"{m[1]}年産"
    if key == "age" and (m := re.fullmatch(r"(\d+)\+", text)):
        return f"{m[1]}歳以上"
    text = text.replace(" °C", "℃").replace("-", "〜") if re.fullmatch(r"\d+-\d+ players", text) else text
    text = text.replace(" °C", "℃")
    for en, ja in UNITS_JA:
        text = re.sub(rf"(?<=\d) {re.escape(en)}\b", ja, text)
    return _LATIN_UNIT.sub(r"\1\2", text)


def _attrs_ja(attrs: dict[str, str]) -> dict[str, str]:
    return {ATTR_KEY_JA.get(k, k): attribute_value_ja(k, v) for k, v in attrs.items()}


def product_ja(product: dict[str, Any], seed: int, index: int) -> dict[str, Any]:
    """The Japanese fields of one generated product (its English fields are read, never changed)."""
    rng = stream(seed, "products_ja", index)
    sub = product["subcategory"]
    shelf, _ = SUBCATEGORY_JA[sub]
    noun_en = _noun_of(product)
    noun = NOUN_JA.get(noun_en, shelf)
    brand = brand_ja(product["brand"])
    model = product["model_number"]
    attrs = product["attributes"]
    attrs_ja = _attrs_ja(attrs)
    lead_key = next((k for k in ("colour", "capacity", "size") if k in attrs), next(iter(attrs), None))
    lead = attribute_value_ja(lead_key, attrs[lead_key]) if lead_key else ""
    badges = []
    if product["free_shipping"]:
        badges.append("【送料無料】")
    if product["shop_points_multiplier"] > 1:
        badges.append(f"【ポイント{product['shop_points_multiplier']}倍】")
    if rng.random() < 0.3:
        badges.append("【国内正規品】")
    title = " ".join(part for part in (f"{''.join(badges)}{brand}", noun, model, lead) if part)
    if "【国内正規品】" not in badges and rng.random() < 0.25:
        title += " 国内正規品"
    pairs = [f"{ATTR_KEY_JA.get(k, k)}は{attribute_value_ja(k, v)}" for k, v in list(attrs.items())[:2]]
    values = {
        "brand": brand,
        "noun": noun,
        "model": model,
        "shelf": shelf,
        "attr": "、".join(pairs) if pairs else "シンプルで使いやすい仕様",
    }
    sentences = [rng.choice(DESCRIPTION_OPENERS_JA).format(**values), rng.choice(DESCRIPTION_MIDDLES_JA).format(**values)]
    tags = [t for t in product["truth_tags"] if t in TAG_PHRASES_JA]
    if tags:
        sentences.append(TAG_PHRASES_JA[rng.choice(tags)] + "。")
    if product["shop_points_multiplier"] > 1:
        sentences.append(f"今ならポイント{product['shop_points_multiplier']}倍。")
    if product["free_shipping"]:
        sentences.append("送料無料でお届けします。")
    sentences.append(f"型番：{model}。")
    closer = rng.choice(DESCRIPTION_CLOSERS_JA)
    if closer:
        sentences.append(closer)
    reviews = [
        {
            "rating": r["rating"],
            "title": rng.choice(REVIEW_TITLES_JA[r["rating"]]),
            "text": rng.choice(REVIEW_TEXTS_JA[r["rating"]]).format(noun=noun),
            "days_ago": r["days_ago"],
        }
        for r in product["reviews"]
    ]
    return {
        "title_ja": title,
        "brand_ja": BRAND_JA.get(product["brand"], product["brand"]),
        "category_ja": CATEGORY_JA[product["category"]],
        "subcategory_ja": shelf,
        "attributes_ja": attrs_ja,
        "description_ja": "".join(sentences),
        "reviews_ja": reviews,
    }


def _noun_of(product: dict[str, Any]) -> str:
    """Which English noun the title used (the longest vocabulary noun the title contains, case-insensitively)."""
    title = product["title"].lower()
    hits = [n for n in NOUN_JA if n.lower() in title]
    return max(hits, key=len) if hits else ""


# ------------------------------------------------------------------------------------------- hotels

_NAME_WORDS = (
    ("Resort & Spa", "リゾート&スパ"), ("Backpackers", "バックパッカーズ"), ("Guesthouse", "ゲストハウス"),
    ("Smile Stay", "スマイルステイ"), ("Hostel", "ホステル"), ("Hotel", "ホテル"), ("Ryokan", "旅館"), ("Resort", "リゾート"),
    ("Lodge", "ロッジ"), ("Chalet", "シャレー"), ("Pension", "ペンション"), ("Inn", "イン"), ("Station", "ステーション"),
    ("no Yado", "の宿"), ("Yado", "宿"), ("The", "ザ・"),
)
_KANA_WORDS = {
    "Kikyo": "桔梗", "Tsubaki": "椿", "Matsunoya": "松乃家", "Hanaougi": "花扇", "Yamabuki": "山吹", "Shiosai": "潮騒", "Kaede": "楓",
    "Sakuragi": "桜木", "Hotaru": "蛍", "Yukimi": "雪見", "Tsukimi": "月見", "Seiryu": "清流", "Kazahana": "風花", "Minori": "みのり",
    "Aoi": "葵", "Fuyo": "芙蓉", "Kotobuki": "寿", "Suisen": "水仙", "Wakaba": "若葉", "Hagi": "萩", "Momiji": "紅葉", "Shirakaba": "白樺",
    "Asagiri": "朝霧", "Kiyomizu": "清水", "Izumi": "泉", "Yuzuriha": "ゆずりは", "Grand": "グランド", "Plaza": "プラザ", "Vista": "ヴィスタ",
    "Sunroute": "サンルート", "Crest": "クレスト", "Royal": "ロイヤル", "Park": "パーク", "Garden": "ガーデン", "Terrace": "テラス",
    "Harbour": "ハーバー", "Metropolitan": "メトロポリタン", "Gracery": "グレイスリー", "Mystays": "マイステイズ", "Candeo": "カンデオ",
    "Richmond": "リッチモンド", "Dormy": "ドーミー", "Prince": "プリンス", "Century": "センチュリー", "Beach": "ビーチ", "Ocean": "オーシャン",
    "Coral": "コーラル", "Sunset": "サンセット", "Lagoon": "ラグーン", "Blue": "ブルー", "Forest": "フォレスト", "Mountain": "マウンテン",
    "Lakeside": "レイクサイド", "Alpine": "アルパイン",
}


def hotel_name_ja(name: str, district: str) -> str:
    """'Hotel Grand Gion' -> 'ホテルグランド祇園', 'Gion Kikyo-tei' -> '祇園 桔梗亭' (word by word, district first)."""
    text = name.replace(district, "\x00")
    text = re.sub(r"(\w+)-tei\b", lambda m: f"{_KANA_WORDS.get(m[1], m[1])}亭", text)
    for en, ja in _NAME_WORDS:
        text = re.sub(rf"\b{re.escape(en)}\b", ja, text)
    words = [_KANA_WORDS.get(w, w) for w in text.split(" ")]
    joined = " ".join(words).replace("ザ・ ", "ザ・").replace(" の宿", "の宿")
    return joined.replace("\x00", DISTRICT_JA.get(district, district))


def _hotel_kind(tags: list[str]) -> str:
    return next((t.split(":", 1)[1] for t in tags if t.startswith("type:")), "city")


def hotel_ja(hotel: dict[str, Any], place: Place, seed: int, index: int) -> dict[str, Any]:
    """The Japanese fields of one generated hotel, its rooms included (English fields are only read)."""
    rng = stream(seed, "hotels_ja", index)
    district = hotel["area"]
    area_ja, _, known_for = AREA_JA[place.area]
    district_ja = DISTRICT_JA.get(district, district)
    name = hotel_name_ja(hotel["name"], district)
    kind = HOTEL_KIND_JA[_hotel_kind(hotel["truth_tags"])]
    amenities = [AMENITY_JA[a] for a in hotel["amenities"] if a in AMENITY_JA and a not in ("wifi", "non_smoking")]
    parts = [
        rng.choice(
            (
                f"{area_ja}の{district_ja}にある{hotel['stars']}つ星の{kind}「{name}」。",
                f"{district_ja}エリアの{kind}。{known_for[0]}の観光に便利です。",
                f"{PREFECTURE_JA[place.prefecture]}・{district_ja}の{kind}で、ゆったりとお過ごしください。",
            )
        )
    ]
    if amenities:
        parts.append("、".join(amenities[:4]) + "をご用意しています。")
    parts.append(f"{ACTIVITY_JA.get(place.activities[0], place.activities[0])}の拠点にも最適です。")
    if kind == HOTEL_KIND_JA["ryokan"]:
        parts.append(rng.choice(("夕食は地元の食材を使った会席料理をお部屋でどうぞ。", "浴衣をご用意。季節の懐石料理が自慢です。")))
    station = district_ja if district_ja.endswith("駅") else f"{district_ja}駅"
    minutes = re.search(r"(\d+) min", hotel["access"])
    if "walk" in hotel["access"] and minutes:
        access = f"{station}から徒歩{minutes[1]}分"
    elif "taxi" in hotel["access"] and minutes:
        access = f"{station}からタクシーで{minutes[1]}分"
    else:
        access = f"{station}から無料送迎あり" + (f"（{minutes[1]}分）" if minutes else "")
    return {
        "name_ja": name,
        "area_ja": district_ja,
        "city_ja": CITY_JA[place.city],
        "prefecture_ja": PREFECTURE_JA[place.prefecture],
        "amenities_ja": [AMENITY_JA[a] for a in hotel["amenities"]],
        "description_ja": "".join(parts),
        "access_ja": access,
    }


def room_name_ja(name: str) -> str:
    return ROOM_JA.get(name, name)


# ------------------------------------------------------------------------------------- destinations


def destination_ja(dest: dict[str, Any], place: Place) -> dict[str, Any]:
    """The Japanese fields of one destination guide (deterministic: no randomness at all)."""
    area_ja, kana, known_for = AREA_JA[place.area]
    activities = [ACTIVITY_JA.get(a, a) for a in place.activities]
    best = "・".join(MONTH_JA[m - 1] for m in sorted(place.best_months))
    description = (
        f"{PREFECTURE_JA[place.prefecture]}の{area_ja}（{kana}）は、{'、'.join(known_for)}で知られる旅先です。"
        f"{'、'.join(activities[:4])}が楽しめます。おすすめの時期は{best}。"
    )
    return {
        "area_ja": area_ja,
        "area_kana": kana,
        "city_ja": CITY_JA[place.city],
        "prefecture_ja": PREFECTURE_JA[place.prefecture],
        "known_for_ja": list(known_for),
        "activities_ja": activities,
        "description_ja": description,
    }
