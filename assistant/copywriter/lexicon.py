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

# Superlatives, rankings and comparisons the catalogue cannot prove, as general patterns rather than a list of
# phrases: superlative morphology (-est, most/least + adjective), rankings (No.1, #1, number one, first, top,
# leading), "beats every other" comparisons, and in Japanese 最+X, 一番, No.1, 第1位, 日本一/業界初/世界初 and
# "nothing else like it" wording. `claims.py` compiles them; a hit is unsupported unless legal approved it.

# Words ending in -est that are no superlative (nouns and verbs a page may use: "request", "honest price").
NOT_SUPERLATIVE_EST = {
    "honest", "modest", "earnest", "interest", "test", "pretest", "retest", "contest", "protest", "attest",
    "detest", "rest", "unrest", "arrest", "wrest", "backrest", "armrest", "headrest", "footrest", "request",
    "quest", "conquest", "inquest", "bequest", "behest", "guest", "harvest", "forest", "tempest", "west",
    "midwest", "northwest", "southwest", "east", "northeast", "southeast", "chest", "nest", "vest", "crest",
    "pest", "zest", "jest", "fest", "lest", "suggest", "digest", "ingest", "invest", "infest", "congest",
    "manifest", "priest", "ernest", "everest", "budapest", "bucharest", "celest", "latest", "newest",  # "latest model":
}  # a new-model feature claim, checked as one
_EST = (r"(?<![\w'])(?!(?:" + "|".join(sorted(NOT_SUPERLATIVE_EST)) + r")\b)[a-z]*[a-z]est(?:-[a-z]+)?\b")
# "most"/"least" + an adjective: after a determiner or a possessive ("the most reliable", "Japan's most loved"),
# or with an adjective's ending ("most comfortable"); never "at most", "most people", "most of".
_ADJ_END = r"[a-z]+(?:ful|able|ible|ive|ous|ic|ical|al|ed|ing|ant|ent|ar|ary|ish|less|y|ite|ile|ure|ior)\b"
_MOST = (r"(?<!\bat )(?:(?<=\bthe )|(?<=\bour )|(?<=\bits )|(?<=\btheir )|(?<=\byour )|(?<='s ))(?:most|least)"
         r"[\s-]+(?!of\b)[a-z][\w-]*|(?<!\bat )\b(?:most|least)[\s-]+(?!(?:likely|recent|of)\b)" + _ADJ_END)
_PLACE = r"(?:japan|the world|the country|the nation|the industry|the market|asia|tokyo|osaka|kyoto|the city)"
SUPERLATIVE_PATTERNS_EN = [
    _EST, _MOST,
    r"\b(?:fore|top)most\b", r"\bworst\b",
    # rankings
    r"(?<![\w#])no\.?\s?1(?!\d)", r"(?<![\w])#\s?1(?!\d)", r"\bnumber[- ]one\b", r"\bnumero uno\b",
    r"\b(?:ranked|rated|voted|chosen)\s+(?:(?:#\s?|no\.?\s?|number\s+)(?:1|one)|1st|first|top)\b",
    r"\b(?:1st|first)[- ]place\b", r"\bfirst[- ]ever\b", r"\b(?:world|industry|japan|market)[- ]first\b",
    rf"\b{_PLACE}'s\s+(?:first|only|favou?rite|top|leading|premier|no\.?\s?1|number[- ]one|#\s?1)\b",
    r"\btop[- ](?:selling|sellers?|ranked|ranking|choice|pick|brand|quality|notch|tier|class|performing|"
    r"of the (?:range|line|class)|\d+)\b",
    r"(?:(?<=\bthe )|(?<=\bour )|(?<=\bits )|(?<='s ))top[- ]rated\b",
    r"\b(?:industry|market|class|category|segment|world)[- ](?:leading|leader|beating|class)\b",
    r"\b(?:the|a) leading\b", r"\b(?:market|category|class) leader\b", r"\bbest[- ]?sell(?:ing|ers?)\b",
    r"\b(?:the )?ultimate\b",
    # comparisons with every other shop or product
    r"\bun(?:beatable|beaten|matched|rivall?ed|paralleled|paralled|surpassed|equall?ed|challenged)\b",
    r"\b(?:peerless|matchless|second to none|like no other|in a class of its own|in a league of its own)\b",
    r"\b(?:nothing|nobody|no ?one|none)(?: else)? (?:beats|matches|compares|comes close|can (?:beat|match))\b",
    r"\b(?:beats|outperforms|outsells) (?:all|every|any)\b", r"\bno other\b(?! (?:fees?|charges?|costs?)\b)",
    r"\btop of (?:its|the) (?:class|range|line|league|charts?)\b", r"\b(?:chart|class)[- ]topping\b",
    r"\b(?:better|cheaper|lower|faster|lighter|stronger|more \w+) than (?:any|all|every|anywhere|elsewhere|"
    r"other (?:shops|stores|brands|retailers|products|models)|the (?:competition|rest)|competitors|rivals)\b",
    r"\b(?:can(?:no|')t|won't|will not) be beaten\b", r"\bnever been (?:lower|cheaper|better)\b",
]
# Where a superlative claims to hold ("lowest price in Japan"): the claim's span runs on to it.
SUPERLATIVE_SCOPE = (r"(?:in japan|in the world|anywhere|on the market|online|ever|yet|of all time|"
                     r"in (?:its|the|our) (?:class|category|industry|segment|range|price range)|"
                     r"on (?:our|the) (?:marketplace|site|store))")
SUPERLATIVE_PATTERNS_JA = [
    # 最 + a gradable word (最安値, 最高クラス, 最も, 最軽量, 日本最古); not 最適 (suits), 最寄り, 最初, 最近, 最後, and
    # not 最大/最長/最短/最低/最高 before a figure, where it qualifies the figure ("最大10倍")
    r"最(?:も|(?:安|強|速|軽|良|善|上|先端|多|新|古|小|薄|優秀|高峰|大級)[\u4e00-\u9fff]{0,2})|"
    r"最(?:高|大|長|短|低)(?!で?\s?[\d約]|で?当日|で?翌日)",
    r"(?:日本|世界|業界|国内|県内|市内|地域|アジア|史上|過去|当店|当社)(?:一(?!周)|初|最[\u4e00-\u9fff]{0,2}|No\.?\s?1|ナンバー|トップ|随一|屈指|有数)",
    r"No\.?\s?1(?!\d)|ナンバー\s?(?:ワン|1)|[#＃]\s?1(?!\d)|一番|いちばん|第\s?\d{1,3}\s?位|(?<![\d.])\d{1,3}\s?位(?!置|相)",
    r"(?:売り?上げ?|販売数|シェア|人気)\s?(?:トップ|首位)|首位|他の追随を許さな|これ以上の[^。、]{0,8}?は(?:ない|ありません)|"
    r"売れ筋|ベスト\s?セラー|ランキング(?:[^。、!！\s]{0,8}?)(?:入り|上位|常連)|トップ(?:クラス|レベル|シェア|ブランド)",
    r"唯一|随一|屈指|比類(?:な|の)|類を見な|右に出る|他に(?:は)?(?:な|無)い|他(?:店|社)?では(?:見られ|手に入ら|買え|味わえ|出せ)な|"
    r"どこにも(?:な|負けな)|どこよりも|他(?:店|社)(?:より|に負けな|には負けな)|負けない(?:価格|安さ)|圧倒的",
]

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

