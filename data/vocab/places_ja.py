# ruff: noqa: E501  (hand-written data tables read best one record per line)
"""The Japanese side of the destination vocabulary: place names in kanji and kana, what each is known for.

Keyed by the English names of `data.vocab.places`, so a destination's or hotel's Japanese text is a pure
function of the facts the generator already drew (the English random streams are never touched).
"""

from __future__ import annotations

PREFECTURE_JA: dict[str, str] = {
    "Hokkaido": "北海道", "Aomori": "青森県", "Miyagi": "宮城県", "Yamagata": "山形県", "Tochigi": "栃木県", "Gunma": "群馬県",
    "Nagano": "長野県", "Kanagawa": "神奈川県", "Shizuoka": "静岡県", "Yamanashi": "山梨県", "Tokyo": "東京都", "Ishikawa": "石川県",
    "Gifu": "岐阜県", "Aichi": "愛知県", "Mie": "三重県", "Kyoto": "京都府", "Nara": "奈良県", "Osaka": "大阪府", "Hyogo": "兵庫県",
    "Wakayama": "和歌山県", "Hiroshima": "広島県", "Okayama": "岡山県", "Kagawa": "香川県", "Ehime": "愛媛県", "Kochi": "高知県",
    "Fukuoka": "福岡県", "Oita": "大分県", "Kumamoto": "熊本県", "Nagasaki": "長崎県", "Kagoshima": "鹿児島県", "Okinawa": "沖縄県",
    "Chiba": "千葉県",
}

REGION_JA: dict[str, str] = {
    "hokkaido": "北海道", "tohoku": "東北", "kanto": "関東", "chubu": "中部", "kansai": "関西", "chugoku": "中国",
    "shikoku": "四国", "kyushu": "九州", "okinawa": "沖縄",
}

CITY_JA: dict[str, str] = {
    "Kutchan": "倶知安町", "Sapporo": "札幌市", "Otaru": "小樽市", "Hakodate": "函館市", "Furano": "富良野市", "Aomori": "青森市",
    "Sendai": "仙台市", "Yamagata": "山形市", "Nikko": "日光市", "Kusatsu": "草津町", "Karuizawa": "軽井沢町", "Hakuba": "白馬村",
    "Matsumoto": "松本市", "Hakone": "箱根町", "Kamakura": "鎌倉市", "Atami": "熱海市", "Fujikawaguchiko": "富士河口湖町",
    "Tokyo": "東京", "Yokohama": "横浜市", "Kanazawa": "金沢市", "Takayama": "高山市", "Shirakawa": "白川村", "Nagoya": "名古屋市",
    "Ise": "伊勢市", "Kyoto": "京都市", "Nara": "奈良市", "Osaka": "大阪市", "Kobe": "神戸市", "Toyooka": "豊岡市",
    "Shirahama": "白浜町", "Koya": "高野町", "Hiroshima": "広島市", "Hatsukaichi": "廿日市市", "Kurashiki": "倉敷市",
    "Naoshima": "直島町", "Matsuyama": "松山市", "Kochi": "高知市", "Fukuoka": "福岡市", "Beppu": "別府市", "Yufu": "由布市",
    "Minamioguni": "南小国町", "Kumamoto": "熊本市", "Nagasaki": "長崎市", "Kagoshima": "鹿児島市", "Ibusuki": "指宿市",
    "Yakushima": "屋久島町", "Naha": "那覇市", "Onna": "恩納村", "Motobu": "本部町", "Ishigaki": "石垣市", "Miyakojima": "宮古島市",
    "Nozawaonsen": "野沢温泉村", "Gero": "下呂市", "Urayasu": "浦安市",
}

# area -> (Japanese name, kana reading members also type, what it is known for)
AREA_JA: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "Niseko": ("ニセコ", "にせこ", ("パウダースノー", "スキー場", "羊蹄山の眺め")),
    "Sapporo": ("札幌", "さっぽろ", ("さっぽろ雪まつり", "味噌ラーメン", "ビール", "大通公園")),
    "Otaru": ("小樽", "おたる", ("小樽運河", "ガラス工房", "寿司")),
    "Hakodate": ("函館", "はこだて", ("函館山の夜景", "朝市", "五稜郭")),
    "Furano & Biei": ("富良野・美瑛", "ふらの", ("ラベンダー畑", "丘の風景", "青い池")),
    "Aomori & Hirosaki": ("青森・弘前", "あおもり", ("ねぶた祭", "りんご", "弘前城の桜", "奥入瀬渓流")),
    "Sendai & Matsushima": ("仙台・松島", "せんだい", ("松島湾", "牛タン", "七夕まつり")),
    "Zao": ("蔵王", "ざおう", ("樹氷", "硫黄泉")),
    "Nikko": ("日光", "にっこう", ("東照宮", "華厳の滝", "中禅寺湖")),
    "Kusatsu": ("草津", "くさつ", ("湯畑", "強酸性の温泉")),
    "Karuizawa": ("軽井沢", "かるいざわ", ("涼しい夏", "アウトレット", "森の別荘地")),
    "Hakuba": ("白馬", "はくば", ("五輪のスキーコース", "北アルプス")),
    "Matsumoto": ("松本", "まつもと", ("松本城", "上高地への玄関口", "そば")),
    "Hakone": ("箱根", "はこね", ("温泉旅館", "富士山の眺め", "芦ノ湖", "大涌谷")),
    "Kamakura": ("鎌倉", "かまくら", ("大仏", "禅寺", "紫陽花")),
    "Izu & Atami": ("伊豆・熱海", "あたみ", ("海辺の温泉", "早咲きの桜", "海岸線")),
    "Fuji Five Lakes": ("富士五湖", "ふじごこ", ("富士山", "河口湖", "忠霊塔")),
    "Tokyo Shinjuku": ("東京・新宿", "しんじゅく", ("高層ビル", "ゴールデン街", "新宿御苑")),
    "Tokyo Asakusa": ("東京・浅草", "あさくさ", ("浅草寺", "東京スカイツリー", "下町")),
    "Tokyo Ginza": ("東京・銀座", "ぎんざ", ("高級ショッピング", "寿司", "築地場外市場")),
    "Tokyo Shibuya": ("東京・渋谷", "しぶや", ("渋谷スクランブル交差点", "若者ファッション", "原宿")),
    "Yokohama": ("横浜", "よこはま", ("中華街", "みなとみらい", "ラーメン博物館")),
    "Kanazawa": ("金沢", "かなざわ", ("兼六園", "茶屋街", "金箔", "海鮮")),
    "Takayama": ("高山", "たかやま", ("古い町並み", "飛騨牛", "高山祭")),
    "Shirakawa-go": ("白川郷", "しらかわごう", ("合掌造り集落", "冬のライトアップ")),
    "Nagoya": ("名古屋", "なごや", ("名古屋城", "味噌カツ", "トヨタの博物館")),
    "Ise": ("伊勢", "いせ", ("伊勢神宮", "真珠", "伊勢海老")),
    "Kyoto Higashiyama": ("京都・東山", "きょうと", ("清水寺", "祇園", "寺社")),
    "Arashiyama": ("京都・嵐山", "あらしやま", ("竹林の小径", "渡月橋", "川下り")),
    "Nara": ("奈良", "なら", ("東大寺の大仏", "奈良公園の鹿", "古都")),
    "Osaka Namba": ("大阪・なんば", "なんば", ("道頓堀", "食い倒れ", "夜遊び")),
    "Osaka Umeda": ("大阪・梅田", "うめだ", ("梅田スカイビル", "百貨店", "USJへのアクセス")),
    "Kobe": ("神戸", "こうべ", ("神戸牛", "港町", "北野異人館")),
    "Arima Onsen": ("有馬温泉", "ありまおんせん", ("金泉・銀泉", "日本最古の温泉のひとつ")),
    "Kinosaki Onsen": ("城崎温泉", "きのさきおんせん", ("七つの外湯", "松葉ガニ", "柳並木の川沿い")),
    "Shirahama": ("白浜", "しらはま", ("白い砂浜", "アドベンチャーワールドのパンダ", "海辺の温泉")),
    "Koyasan": ("高野山", "こうやさん", ("宿坊", "奥之院")),
    "Hiroshima": ("広島", "ひろしま", ("平和記念公園", "お好み焼き", "牡蠣")),
    "Miyajima": ("宮島", "みやじま", ("厳島神社の大鳥居", "弥山")),
    "Kurashiki & Okayama": ("倉敷・岡山", "くらしき", ("美観地区", "大原美術館", "後楽園")),
    "Naoshima": ("直島", "なおしま", ("ベネッセアートサイト", "地中美術館", "黄色いかぼちゃ")),
    "Dogo Onsen": ("道後温泉", "どうごおんせん", ("道後温泉本館", "松山城", "柑橘")),
    "Kochi": ("高知", "こうち", ("カツオのたたき", "ひろめ市場", "四万十川")),
    "Fukuoka Hakata": ("福岡・博多", "はかた", ("豚骨ラーメン", "屋台", "太宰府天満宮")),
    "Beppu": ("別府", "べっぷ", ("地獄めぐり", "砂湯", "日本一の源泉数")),
    "Yufuin": ("湯布院", "ゆふいん", ("由布岳", "金鱗湖の朝霧", "隠れ家旅館")),
    "Kurokawa Onsen": ("黒川温泉", "くろかわおんせん", ("露天風呂めぐり", "川沿いの旅館")),
    "Kumamoto & Aso": ("熊本・阿蘇", "くまもと", ("熊本城", "阿蘇のカルデラ", "馬刺し")),
    "Nagasaki": ("長崎", "ながさき", ("夜景", "出島", "軍艦島", "ちゃんぽん")),
    "Kagoshima": ("鹿児島", "かごしま", ("桜島", "黒豚", "焼酎")),
    "Ibusuki": ("指宿", "いぶすき", ("砂むし温泉", "開聞岳")),
    "Yakushima": ("屋久島", "やくしま", ("屋久杉の森", "縄文杉", "白谷雲水峡")),
    "Naha": ("那覇", "なは", ("首里城", "国際通り", "沖縄料理")),
    "Okinawa Onna": ("沖縄・恩納", "おんな", ("リゾートビーチ", "青の洞窟シュノーケル", "万座毛")),
    "Okinawa Motobu": ("沖縄・本部", "もとぶ", ("美ら海水族館", "古宇利島")),
    "Ishigaki": ("石垣島", "いしがきじま", ("川平湾", "マンタ", "八重山諸島")),
    "Miyakojima": ("宮古島", "みやこじま", ("与那覇前浜ビーチ", "長い橋", "透明な海")),
    "Nozawa Onsen": ("野沢温泉", "のざわおんせん", ("スキーの村", "13の外湯", "道祖神祭り")),
    "Gero Onsen": ("下呂温泉", "げろおんせん", ("日本三名泉", "美肌の湯")),
    "Tokyo Odaiba & Maihama": ("東京・お台場・舞浜", "まいはま", ("東京ディズニーリゾート", "ウォーターフロント", "チームラボ")),
}

DISTRICT_JA: dict[str, str] = {
    "Hirafu": "ひらふ", "Annupuri": "アンヌプリ", "Hanazono": "花園", "Niseko Village": "ニセコビレッジ", "Susukino": "すすきの",
    "Odori": "大通", "Sapporo Station": "札幌駅", "Jozankei Onsen": "定山渓温泉", "Otaru Canal": "小樽運河", "Asarigawa Onsen": "朝里川温泉",
    "Hakodate Station": "函館駅", "Motomachi": "元町", "Yunokawa Onsen": "湯の川温泉", "Furano": "富良野", "Biei": "美瑛",
    "Aomori Station": "青森駅", "Hirosaki": "弘前", "Sukayu Onsen": "酸ヶ湯温泉", "Sendai Station": "仙台駅", "Matsushima": "松島",
    "Akiu Onsen": "秋保温泉", "Zao Onsen": "蔵王温泉", "Nikko Station": "日光駅", "Lake Chuzenji": "中禅寺湖", "Kinugawa Onsen": "鬼怒川温泉",
    "Yubatake": "湯畑", "Sainokawara": "西の河原", "Kyu-Karuizawa": "旧軽井沢", "Naka-Karuizawa": "中軽井沢", "Karuizawa Station": "軽井沢駅",
    "Happo": "八方", "Goryu": "五竜", "Iwatake": "岩岳", "Matsumoto Station": "松本駅", "Asama Onsen": "浅間温泉", "Kamikochi": "上高地",
    "Hakone-Yumoto": "箱根湯本", "Gora": "強羅", "Miyanoshita": "宮ノ下", "Sengokuhara": "仙石原", "Lake Ashi": "芦ノ湖",
    "Kamakura Station": "鎌倉駅", "Hase": "長谷", "Enoshima": "江の島", "Atami": "熱海", "Ito": "伊東", "Shuzenji": "修善寺", "Shimoda": "下田",
    "Kawaguchiko": "河口湖", "Yamanakako": "山中湖", "Nishi-Shinjuku": "西新宿", "Kabukicho": "歌舞伎町", "Shinjuku Sanchome": "新宿三丁目",
    "Asakusa": "浅草", "Ueno": "上野", "Oshiage": "押上", "Ginza": "銀座", "Tokyo Station": "東京駅", "Nihonbashi": "日本橋",
    "Shibuya": "渋谷", "Harajuku": "原宿", "Ebisu": "恵比寿", "Minato Mirai": "みなとみらい", "Kannai": "関内", "Shin-Yokohama": "新横浜",
    "Kanazawa Station": "金沢駅", "Korinbo": "香林坊", "Higashi Chaya": "ひがし茶屋街", "Yamashiro Onsen": "山代温泉",
    "Takayama Old Town": "高山古い町並", "Okuhida Onsen": "奥飛騨温泉郷", "Ogimachi": "荻町", "Nagoya Station": "名古屋駅", "Sakae": "栄",
    "Ise-shi": "伊勢市駅前", "Toba": "鳥羽", "Kashikojima": "賢島", "Gion": "祇園", "Higashiyama": "東山", "Kyoto Station": "京都駅",
    "Kawaramachi": "河原町", "Arashiyama": "嵐山", "Sagano": "嵯峨野", "Nara Park": "奈良公園", "Naramachi": "ならまち", "Namba": "なんば",
    "Shinsaibashi": "心斎橋", "Shinsekai": "新世界", "Umeda": "梅田", "Shin-Osaka": "新大阪", "Universal City": "ユニバーサルシティ",
    "Sannomiya": "三宮", "Harborland": "ハーバーランド", "Kitano": "北野", "Arima": "有馬", "Kinosaki": "城崎", "Shirahama Beach": "白良浜",
    "Koyasan": "高野山", "Hiroshima Station": "広島駅", "Hondori": "本通", "Peace Park": "平和公園", "Miyajima": "宮島",
    "Miyajimaguchi": "宮島口", "Kurashiki Bikan": "倉敷美観地区", "Okayama Station": "岡山駅", "Miyanoura": "宮浦", "Honmura": "本村",
    "Dogo": "道後", "Matsuyama City": "松山市街", "Kochi Station": "高知駅", "Harimayabashi": "はりまや橋", "Hakata": "博多",
    "Tenjin": "天神", "Nakasu": "中洲", "Beppu Station": "別府駅", "Kannawa": "鉄輪", "Myoban": "明礬", "Yufuin Station": "由布院駅",
    "Kinrinko": "金鱗湖", "Kurokawa": "黒川", "Kumamoto City": "熊本市街", "Aso": "阿蘇", "Nagasaki Station": "長崎駅",
    "Shianbashi": "思案橋", "Glover Garden": "グラバー園", "Kagoshima-Chuo": "鹿児島中央", "Tenmonkan": "天文館", "Ibusuki Beach": "指宿海岸",
    "Miyanoura Port": "宮之浦港", "Anbo": "安房", "Onoaida": "尾之間", "Kokusai-dori": "国際通り", "Omoromachi": "おもろまち",
    "Naha Port": "那覇港", "Onna Village": "恩納村", "Tancha": "谷茶", "Maeda": "真栄田", "Motobu": "本部", "Nakijin": "今帰仁",
    "Ishigaki Town": "石垣市街", "Kabira": "川平", "Maezato Beach": "真栄里ビーチ", "Hirara": "平良", "Shigira": "シギラ", "Irabu": "伊良部",
    "Nozawa Village": "野沢温泉村", "Gero": "下呂", "Maihama": "舞浜", "Odaiba": "お台場",
}

ACTIVITY_JA: dict[str, str] = {
    "art": "アート", "autumn leaves": "紅葉", "beach": "ビーチ", "beer": "ビール", "castles": "お城", "cherry blossoms": "桜",
    "cycling": "サイクリング", "diving": "ダイビング", "festivals": "お祭り", "food": "グルメ", "gardens": "庭園", "golf": "ゴルフ",
    "hiking": "ハイキング", "history": "歴史", "museums": "美術館・博物館", "nature": "自然", "night views": "夜景",
    "nightlife": "ナイトライフ", "onsen": "温泉", "photography": "写真", "rafting": "ラフティング", "sake": "日本酒", "seafood": "海鮮",
    "shopping": "ショッピング", "shrines": "神社", "skiing": "スキー", "snorkelling": "シュノーケリング", "snowboarding": "スノーボード",
    "stargazing": "星空観察", "swimming": "海水浴", "temples": "お寺", "theme parks": "テーマパーク",
}

AMENITY_JA: dict[str, str] = {
    "onsen": "温泉", "breakfast": "朝食付き", "parking": "無料駐車場", "pets": "ペット可", "wifi": "無料Wi-Fi", "pool": "プール",
    "gym": "フィットネスジム", "sauna": "サウナ", "restaurant": "レストラン", "bar": "バー", "laundry": "コインランドリー",
    "non_smoking": "禁煙ルーム", "family_rooms": "ファミリールーム", "airport_shuttle": "空港送迎", "ocean_view": "オーシャンビュー",
    "kitchen": "キッチン付き客室",
}

HOTEL_KIND_JA: dict[str, str] = {
    "ryokan": "老舗旅館", "resort": "リゾートホテル", "city": "シティホテル", "business": "ビジネスホテル", "hostel": "ホステル",
    "lodge": "山のロッジ",
}

ROOM_JA: dict[str, str] = {
    "Japanese-style Room (6 tatami)": "和室 (6畳)", "Japanese-style Room (10 tatami)": "和室 (10畳)", "Japanese-Western Room": "和洋室",
    "Suite with Private Open-air Bath": "露天風呂付きスイート", "Deluxe Twin, Ocean View": "デラックスツイン オーシャンビュー",
    "Family Room": "ファミリールーム", "Premier King": "プレミアキング", "Villa Suite": "ヴィラスイート", "Standard Double": "スタンダードダブル",
    "Superior Twin": "スーペリアツイン", "Deluxe King": "デラックスキング", "Triple Room": "トリプルルーム", "Executive Suite": "エグゼクティブスイート",
    "Single Room": "シングルルーム", "Twin Room": "ツインルーム", "Bed in Mixed Dormitory": "男女共用ドミトリー",
    "Bed in Female Dormitory": "女性専用ドミトリー", "Private Twin": "個室ツイン", "Two-bedroom Apartment with Kitchen": "キッチン付き2ベッドルーム",
}

MONTH_JA = tuple(f"{m}月" for m in range(1, 13))
