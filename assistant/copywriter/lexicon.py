"""Words that make a concrete claim about a product or a place, grouped by what they assert (EN and JA).

A feature claim is supported when any word of its group appears in the catalogue's own text for the subject
("folds flat" in the description supports "foldable"); superlatives are never supported by the catalogue
(it holds no comparison with other shops) unless legal approved the exact wording in the brief.
"""

from __future__ import annotations

# group -> the words that assert it; the first entry names the group in reports.
FEATURE_GROUPS: dict[str, list[str]] = {
    "waterproof": ["waterproof", "water-resistant", "water resistant", "splash-proof", "splashproof", "防水",
                   "防滴", "耐水"],
    "noise cancelling": ["noise-cancelling", "noise cancelling", "noise-canceling", "noise canceling",
                         "noise cancellation", "anc", "ノイズキャンセリング", "ノイキャン"],
    "wireless": ["wireless", "cordless", "ワイヤレス", "コードレス"],
    "wireless charging": ["wireless charging", "qi charging", "charges wirelessly", "ワイヤレス充電", "置くだけ充電"],
    "image stabilisation": ["image stabilisation", "image stabilization", "stabiliser", "stabilizer", "手ブレ補正",
                            "手振れ補正"],
    "touchscreen": ["touchscreen", "touch screen", "touch-screen", "タッチパネル", "タッチスクリーン"],
    "GPS": ["gps"],
    "heart-rate sensor": ["heart rate", "heart-rate", "心拍"],
    "solar": ["solar", "ソーラー"],
    "timer": ["timer", "タイマー"],
    "remote control": ["remote control", "リモコン"],
    "app control": ["app control", "app-controlled", "smartphone app", "アプリ連携", "アプリで操作"],
    "non-stick": ["non-stick", "nonstick", "フッ素加工", "焦げ付きにくい"],
    "induction": ["induction", "IH対応", "ih対応"],
    "machine washable": ["machine washable", "machine-washable", "洗濯機で洗える", "洗濯機洗い", "丸洗い"],
    "BPA-free": ["bpa-free", "bpa free"],
    "rechargeable": ["rechargeable", "充電式"],
    "fast charging": ["fast charging", "fast-charging", "quick charge", "quick-charge", "急速充電"],
    "organic": ["organic", "オーガニック", "有機"],
    "handmade": ["handmade", "hand-made", "handcrafted", "hand-crafted", "手作り", "ハンドメイド", "手仕事"],
    "made in Japan": ["made in japan", "japanese-made", "日本製", "国産", "国内生産", "国内製造"],
    "dishwasher safe": ["dishwasher-safe", "dishwasher safe", "食洗機"],
    "microwave safe": ["microwave-safe", "microwave safe", "電子レンジ対応"],
    "warranty": ["warranty", "guarantee", "guaranteed", "保証"],
    "award-winning": ["award-winning", "award winning", "award", "受賞"],
    "eco-friendly": ["eco-friendly", "eco friendly", "sustainable", "recycled", "環境にやさしい", "リサイクル"],
    "antibacterial": ["antibacterial", "anti-bacterial", "antimicrobial", "抗菌"],
    "hypoallergenic": ["hypoallergenic", "低刺激", "低アレルゲン"],
    "lightweight": ["lightweight", "ultralight", "ultra-light", "featherweight", "軽量", "超軽量"],
    "foldable": ["foldable", "folds flat", "folding", "collapsible", "折りたたみ", "折り畳み"],
    "vegan": ["vegan", "plant-based", "ヴィーガン", "ビーガン"],
    "gluten-free": ["gluten-free", "gluten free", "グルテンフリー"],
    "genuine": ["authentic", "genuine", "official", "正規品", "公式", "本物"],
    "limited edition": ["limited edition", "limited-edition", "exclusive", "限定モデル", "限定品", "数量限定"],
    "new model": ["new model", "latest model", "newest model", "新モデル", "最新モデル", "新製品", "新発売"],
    "clinically proven": ["clinically proven", "clinically tested", "dermatologist", "臨床試験", "医師監修"],
    # Places and plans
    "onsen": ["onsen", "hot spring", "hot-spring", "温泉"],
    "breakfast": ["breakfast included", "free breakfast", "breakfast", "朝食"],
    "parking": ["parking", "駐車場"],
    "pets": ["pet-friendly", "pets welcome", "pets allowed", "ペット可", "ペット同伴"],
    "pool": ["pool", "プール"],
    "sauna": ["sauna", "サウナ"],
    "ocean view": ["ocean view", "ocean-view", "sea view", "sea-view", "オーシャンビュー", "海が見える"],
    "airport shuttle": ["airport shuttle", "shuttle", "送迎"],
    "free calls": ["free calls", "free domestic calls", "unlimited calls", "通話無料", "かけ放題", "無料通話"],
    "unlimited data": ["unlimited data", "データ無制限", "使い放題"],
}

# Superlatives and comparisons the catalogue cannot prove. Matched as whole words (EN) or substrings (JA).
SUPERLATIVES_EN = [
    "best", "lowest", "cheapest", "greatest", "fastest", "finest", "highest", "biggest", "lightest",
    "strongest", "smartest", "most popular", "most affordable", "most advanced", "most comfortable",
    "most powerful", "most reliable", "most trusted", "best-selling", "best selling", "bestseller",
    "best-seller", "top-selling", "top selling", "number one", "no. 1", "no.1", "no 1", "#1", "unbeatable",
    "unmatched", "unrivalled", "unrivaled", "world-class", "world class", "world's", "japan's",
    "industry-leading", "industry leading", "first-ever", "never been lower", "like no other",
]
SUPERLATIVES_JA = [
    "最安値", "最安", "日本一", "世界一", "業界初", "業界最", "業界No.1", "業界ナンバーワン", "世界初", "日本初",
    "No.1", "No1", "ナンバーワン", "一番", "史上最", "最高", "最強", "最速", "最軽量", "最新", "圧倒的",
    "他店より安", "どこよりも", "どこよりも安", "売れ筋1位", "ランキング1位",
]
SUPERLATIVE_SCOPE = r"(?:in japan|in the world|anywhere|on the market|online|ever|of all time)"

# Common words that also occur as attribute values: never read as an attribute claim.
ATTRIBUTE_STOPWORDS = {
    "natural", "clear", "standard", "regular", "large", "small", "medium", "free", "one", "classic", "original",
    "light", "dark", "mixed", "multi", "other", "various", "new", "none", "yes", "no", "plain", "basic", "mini",
    "set", "single", "double", "soft", "hard", "warm", "cool", "long", "short", "wide", "slim", "compact",
}
# The same for Japanese values (the catalogue's attributes_ja): everyday words a page uses anyway ("今すぐチェック").
ATTRIBUTE_STOPWORDS_JA = {
    "チェック", "ライト", "ダーク", "ナチュラル", "スタンダード", "ミディアム", "プレーン", "クリア", "フリーサイズ",
    "レギュラー", "ベーシック", "クラシック", "オリジナル", "シングル", "ダブル", "ミニ", "セット", "その他",
}

