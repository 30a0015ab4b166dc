# ruff: noqa: E501  (hand-written data tables read best one record per line)
"""The Japanese side of the marketplace vocabulary: how a Japanese listing names and sells the same item.

Keyed by the English vocabulary (`data.vocab.products`), so the Japanese text of a product is a function
of the English facts the generator already drew: nothing here touches the English random streams.
Brands keep their Latin spelling where Japanese shops do (Anker, JBL) and get the katakana or kanji
Japanese shops put first (ソニー, 象印) where one is in common use.
"""

from __future__ import annotations

# subcategory -> (Japanese shelf name, the word a member types in a Japanese search box)
SUBCATEGORY_JA: dict[str, tuple[str, str]] = {
    "Headphones": ("ヘッドホン", "ヘッドホン"),
    "Earbuds": ("イヤホン", "ワイヤレスイヤホン"),
    "Smartphones": ("スマートフォン", "スマホ"),
    "Laptops": ("ノートパソコン", "ノートパソコン"),
    "Cameras": ("カメラ", "カメラ"),
    "Smartwatches": ("スマートウォッチ", "スマートウォッチ"),
    "Power Banks": ("モバイルバッテリー", "モバイルバッテリー"),
    "Rice Cookers": ("炊飯器", "炊飯器"),
    "Coffee Makers": ("コーヒーメーカー", "コーヒーメーカー"),
    "Kitchen Knives": ("包丁", "包丁"),
    "Cookware": ("フライパン・鍋", "フライパン"),
    "Air Purifiers": ("空気清浄機", "空気清浄機"),
    "Electric Fans": ("扇風機", "扇風機"),
    "Heaters": ("暖房器具", "ヒーター"),
    "Bedding": ("寝具", "寝具"),
    "Storage & Organisation": ("収納用品", "収納ボックス"),
    "Down Jackets": ("ダウンジャケット", "ダウンジャケット"),
    "Running Shoes": ("ランニングシューズ", "ランニングシューズ"),
    "Bags": ("バッグ", "リュック"),
    "Wallets": ("財布", "革財布"),
    "Yukata & Kimono": ("浴衣・着物", "浴衣"),
    "Rainwear": ("レインウェア", "レインジャケット"),
    "Skincare": ("スキンケア", "スキンケア"),
    "Sunscreen": ("日焼け止め", "日焼け止め"),
    "Hair Care": ("ヘアケア", "ドライヤー"),
    "Makeup": ("メイクアップ", "コスメ"),
    "Tents": ("テント", "テント"),
    "Sleeping Bags": ("寝袋", "寝袋"),
    "Hiking Gear": ("登山用品", "登山用品"),
    "Golf": ("ゴルフ用品", "ゴルフ"),
    "Fitness Equipment": ("フィットネス器具", "筋トレ器具"),
    "Ski & Snowboard": ("スキー・スノーボード用品", "スキー用品"),
    "Swim & Beach": ("水着・ビーチ用品", "ビーチ用品"),
    "Rice": ("お米", "お米"),
    "Coffee & Tea": ("コーヒー・お茶", "緑茶"),
    "Sweets & Snacks": ("お菓子", "和菓子"),
    "Sake & Drinks": ("日本酒・お酒", "日本酒"),
    "Seasonings": ("調味料", "醤油"),
    "Books": ("本", "本"),
    "Manga": ("漫画", "漫画"),
    "Video Games": ("ゲーム", "ゲームソフト"),
    "Building Blocks": ("ブロック・プラモデル", "ブロック"),
    "Plush & Dolls": ("ぬいぐるみ・人形", "ぬいぐるみ"),
    "Educational Toys": ("知育玩具", "知育玩具"),
    "Board Games & Puzzles": ("ボードゲーム・パズル", "ボードゲーム"),
    "Massagers": ("マッサージ器", "マッサージ器"),
    "Supplements": ("サプリメント", "サプリ"),
    "Health Monitors": ("健康機器", "血圧計"),
    "Dog Supplies": ("犬用品", "犬用品"),
    "Cat Supplies": ("猫用品", "猫用品"),
    "Baby Care": ("ベビー用品", "ベビー用品"),
    "Strollers & Car Seats": ("ベビーカー・チャイルドシート", "ベビーカー"),
    "Car Accessories": ("カー用品", "ドライブレコーダー"),
    "Car Care": ("洗車用品", "カーワックス"),
}

CATEGORY_JA: dict[str, str] = {
    "Automotive": "車・バイク", "Baby": "ベビー・キッズ", "Beauty": "美容・コスメ", "Books & Media": "本・雑誌・コミック",
    "Electronics": "家電・スマホ・カメラ", "Fashion": "ファッション", "Food & Drink": "食品・ドリンク", "Health": "ダイエット・健康",
    "Home & Kitchen": "キッチン・日用品", "Pet Supplies": "ペット用品", "Sports & Outdoors": "スポーツ・アウトドア",
    "Toys & Hobbies": "おもちゃ・ホビー",
}

NOUN_JA: dict[str, str] = {
    "Wireless Noise Cancelling Headphones": "ワイヤレスノイズキャンセリングヘッドホン", "Bluetooth Over-Ear Headphones": "Bluetooth オーバーイヤーヘッドホン", "Studio Monitor Headphones": "スタジオモニターヘッドホン",
    "True Wireless Earbuds": "完全ワイヤレスイヤホン", "Wireless Earphones": "ワイヤレスイヤホン", "Sports Earbuds": "スポーツイヤホン",
    "Smartphone": "スマートフォン", "5G Smartphone": "5G スマートフォン", "SIM-Free Smartphone": "SIMフリースマートフォン",
    "Laptop": "ノートパソコン", "Ultralight Notebook PC": "超軽量ノートPC", "Business Laptop": "ビジネスノートパソコン",
    "Mirrorless Camera": "ミラーレスカメラ", "Compact Digital Camera": "コンパクトデジタルカメラ", "Action Camera": "アクションカメラ",
    "Smartwatch": "スマートウォッチ", "GPS Running Watch": "GPSランニングウォッチ", "Fitness Tracker": "活動量計",
    "Portable Charger": "ポータブル充電器", "Power Bank": "モバイルバッテリー", "Magnetic Battery Pack": "マグネット式バッテリー",
    "Rice Cooker": "炊飯器", "Induction Heating Rice Cooker": "IH炊飯器", "Pressure IH Rice Cooker": "圧力IH炊飯器",
    "Coffee Maker": "コーヒーメーカー", "Fully Automatic Espresso Machine": "全自動エスプレッソマシン", "Drip Coffee Maker": "ドリップコーヒーメーカー",
    "Santoku Knife": "三徳包丁", "Gyuto Chef's Knife": "牛刀", "Petty Knife": "ペティナイフ",
    "Frying Pan": "フライパン", "Cast Iron Skillet": "鉄製スキレット", "Donabe Clay Pot": "土鍋", "Tamagoyaki Pan": "卵焼き器",
    "Air Purifier": "空気清浄機", "Humidifying Air Purifier": "加湿空気清浄機", "HEPA Air Cleaner": "HEPA空気清浄機",
    "Electric Fan": "扇風機", "DC Circulator Fan": "DCサーキュレーター", "Bladeless Tower Fan": "羽根なしタワーファン",
    "Ceramic Fan Heater": "セラミックファンヒーター", "Oil Heater": "オイルヒーター", "Electric Kotatsu Table": "電気こたつ", "Kerosene Fan Heater": "石油ファンヒーター",
    "Futon Set": "布団セット", "Down Comforter": "羽毛布団", "Memory Foam Pillow": "低反発枕", "Cooling Mattress Pad": "接触冷感敷きパッド",
    "Storage Box": "収納ボックス", "Stackable Drawer Unit": "積み重ね引き出しケース", "Closet Organiser": "クローゼット収納",
    "Down Jacket": "ダウンジャケット", "Ultra Light Down Vest": "ウルトラライトダウンベスト", "Hooded Puffer Coat": "フード付き中綿コート",
    "Running Shoes": "ランニングシューズ", "Trail Running Shoes": "トレイルランニングシューズ", "Marathon Racing Shoes": "マラソンレース用シューズ",
    "Backpack": "リュック", "Leather Tote Bag": "レザートートバッグ", "Business Briefcase": "ビジネスバッグ", "Randoseru School Backpack": "ランドセル",
    "Leather Wallet": "革財布", "Long Wallet": "長財布", "Compact Bifold Wallet": "コンパクト二つ折り財布",
    "Yukata Set": "浴衣セット", "Jinbei Loungewear": "甚平", "Furoshiki Wrapping Cloth": "風呂敷",
    "Rain Jacket": "レインジャケット", "Compact Umbrella": "折りたたみ傘", "Waterproof Poncho": "防水ポンチョ",
    "Hydrating Lotion": "保湿化粧水", "Vitamin C Serum": "ビタミンC美容液", "Moisturising Cream": "保湿クリーム", "Sheet Mask Set": "シートマスクセット",
    "Sunscreen Gel": "日焼け止めジェル", "UV Milk SPF50+": "UVミルク SPF50+", "Tone-Up UV Essence": "トーンアップUVエッセンス",
    "Hair Dryer": "ヘアドライヤー", "Hair Straightener": "ストレートアイロン", "Scalp Care Shampoo": "スカルプケアシャンプー",
    "Cushion Foundation": "クッションファンデーション", "Long-Wear Lipstick": "落ちにくい口紅", "Waterproof Mascara": "ウォータープルーフマスカラ",
    "Camping Tent": "キャンプテント", "Ultralight Backpacking Tent": "超軽量山岳テント", "Family Dome Tent": "ファミリードームテント",
    "Sleeping Bag": "寝袋", "Down Mummy Sleeping Bag": "マミー型ダウンシュラフ", "Camping Blanket": "キャンプブランケット",
    "Trekking Poles": "トレッキングポール", "Hiking Backpack 30 L": "登山用ザック 30L", "Headlamp": "ヘッドランプ", "Hiking Boots": "登山靴",
    "Golf Driver": "ゴルフドライバー", "Golf Balls (12 pack)": "ゴルフボール 1ダース", "Golf Rangefinder": "ゴルフ用レーザー距離計", "Golf Glove": "ゴルフグローブ",
    "Adjustable Dumbbells": "可変式ダンベル", "Yoga Mat": "ヨガマット", "Fitness Bike": "フィットネスバイク", "Resistance Bands Set": "トレーニングチューブセット",
    "Ski Goggles": "スキーゴーグル", "Snowboard Gloves": "スノーボードグローブ", "Ski Helmet": "スキーヘルメット", "Thermal Base Layer": "保温インナー",
    "Rash Guard": "ラッシュガード", "Snorkel Set": "シュノーケルセット", "Beach Tent": "ビーチテント", "Swimsuit": "水着",
    "Koshihikari Rice 5 kg": "コシヒカリ 5kg", "Hokkaido Yumepirika Rice": "北海道産ゆめぴりか", "Wash-Free Rice 10 kg": "無洗米 10kg",
    "Drip Coffee Bags": "ドリップバッグコーヒー", "Matcha Powder": "抹茶パウダー", "Sencha Green Tea": "煎茶", "Coffee Beans 500 g": "コーヒー豆 500g",
    "Assorted Senbei Gift Box": "せんべい詰め合わせギフト", "Matcha Kit Kat-style Wafers": "抹茶ウエハース", "Yokan Bean Jelly": "羊羹", "Butter Sandwich Cookies": "バターサンドクッキー",
    "Junmai Daiginjo Sake": "純米大吟醸", "Single Malt Whisky-style Spirit": "シングルモルト風スピリッツ", "Craft Beer Set": "クラフトビール飲み比べセット", "Umeshu Plum Wine": "梅酒",
    "Soy Sauce": "醤油", "White Miso": "白味噌", "Yuzu Ponzu": "ゆずぽん酢", "Dashi Pack": "だしパック",
    "Paperback Novel": "文庫小説", "Illustrated Cookbook": "料理レシピ本", "Japanese Language Textbook": "日本語教科書", "Travel Guidebook": "旅行ガイドブック",
    "Manga Box Set": "漫画 全巻セット", "Manga Volume": "コミック単行本", "Art Book": "画集",
    "Nintendo Switch Game": "Nintendo Switch ソフト", "PlayStation 5 Game": "PS5 ソフト", "Gaming Headset": "ゲーミングヘッドセット", "Game Controller": "ゲームコントローラー",
    "Building Blocks Set": "ブロックセット", "Plastic Model Kit": "プラモデル", "Magnetic Tiles": "マグネットブロック",
    "Plush Toy": "ぬいぐるみ", "Character Plushie": "キャラクターぬいぐるみ", "Dollhouse Set": "ドールハウスセット",
    "Wooden Puzzle": "木製パズル", "Programming Robot Kit": "プログラミングロボットキット", "Kumon-style Workbook Set": "学習ドリルセット", "Science Experiment Kit": "科学実験キット",
    "Jigsaw Puzzle 1000 Pieces": "ジグソーパズル 1000ピース", "Board Game": "ボードゲーム", "Shogi Set": "将棋セット", "Go Set": "囲碁セット",
    "Massage Gun": "マッサージガン", "Shoulder and Neck Massager": "肩・首マッサージャー", "Foot Massager": "フットマッサージャー", "Eye Warmer": "ホットアイマスク",
    "Multivitamin": "マルチビタミン", "Vitamin D Tablets": "ビタミンD タブレット", "Protein Powder 1 kg": "プロテイン 1kg", "Collagen Drink": "コラーゲンドリンク",
    "Blood Pressure Monitor": "血圧計", "Body Composition Scale": "体組成計", "Digital Thermometer": "電子体温計",
    "Dog Food 3 kg": "ドッグフード 3kg", "Dog Harness": "犬用ハーネス", "Chew Toy": "犬用噛むおもちゃ", "Dog Bed": "犬用ベッド",
    "Cat Tower": "キャットタワー", "Cat Litter": "猫砂", "Cat Treats": "猫のおやつ", "Automatic Feeder": "自動給餌器",
    "Diapers Tape Type": "紙おむつ テープタイプ", "Baby Bottle": "哺乳びん", "Baby Carrier": "抱っこ紐", "Baby Monitor": "ベビーモニター",
    "Lightweight Stroller": "軽量ベビーカー", "Child Car Seat": "チャイルドシート", "Travel System": "トラベルシステム",
    "Dash Cam": "ドライブレコーダー", "Car Phone Mount": "車載スマホホルダー", "Portable Jump Starter": "ジャンプスターター", "Car Air Freshener": "車用芳香剤",
    "Car Wax": "カーワックス", "Glass Coating Kit": "ガラスコーティング剤", "Microfibre Towel Set": "マイクロファイバータオルセット", "Car Vacuum": "車用掃除機",
}

# Brands Japanese shops write in katakana or kanji first; the rest keep their Latin spelling.
BRAND_JA: dict[str, str] = {
    "Sony": "ソニー", "Audio-Technica": "オーディオテクニカ", "Bose": "ボーズ", "Sennheiser": "ゼンハイザー", "JVC Kenwood": "JVCケンウッド",
    "Anker": "アンカー", "Sharp": "シャープ", "Google": "グーグル", "Samsung": "サムスン", "Fujitsu": "富士通", "Xiaomi": "シャオミ",
    "Panasonic": "パナソニック", "Canon": "キヤノン", "Nikon": "ニコン", "Fujifilm": "富士フイルム", "Ricoh": "リコー", "Garmin": "ガーミン",
    "Casio": "カシオ", "Huawei": "ファーウェイ", "Elecom": "エレコム", "Buffalo": "バッファロー", "Zojirushi": "象印", "Tiger": "タイガー",
    "Toshiba": "東芝", "Mitsubishi Electric": "三菱電機", "Iris Ohyama": "アイリスオーヤマ", "De'Longhi": "デロンギ", "Melitta": "メリタ",
    "Twinbird": "ツインバード", "Hario": "ハリオ", "Global": "グローバル", "Kai Seki Magoroku": "貝印 関孫六", "Tojiro": "藤次郎", "Misono": "ミソノ",
    "Sakai Takayuki": "堺孝行", "Iwachu": "岩鋳", "T-fal": "ティファール", "Ginpo": "銀峯", "Nambu Tekki": "南部鉄器", "Thermos": "サーモス",
    "Daikin": "ダイキン", "Balmuda": "バルミューダ", "Yamazen": "山善", "Dyson": "ダイソン", "Corona": "コロナ", "Dainichi": "ダイニチ",
    "Nishikawa": "西川", "Muji Life": "無印良品風", "Nitori Home": "ニトリ風", "Tempur": "テンピュール", "Airweave": "エアウィーヴ",
    "Like-it": "ライクイット", "Tenma": "天馬", "The North Face": "ザ・ノース・フェイス", "Mont-bell": "モンベル", "Nanga": "ナンガ",
    "Descente": "デサント", "Asics": "アシックス", "Mizuno": "ミズノ", "Nike": "ナイキ", "Adidas": "アディダス", "New Balance": "ニューバランス",
    "Hoka": "ホカ", "Porter": "ポーター", "Anello": "アネロ", "Tsuchiya Kaban": "土屋鞄", "Herz": "ヘルツ", "Cocomeister": "ココマイスター",
    "Ganzo": "ガンゾ", "Columbia": "コロンビア", "Shiseido": "資生堂", "Hada Labo": "肌ラボ", "Kose": "コーセー", "Kanebo": "カネボウ",
    "Curel": "キュレル", "Biore": "ビオレ", "Anessa": "アネッサ", "Skin Aqua": "スキンアクア", "Allie": "アリィー", "Nivea": "ニベア",
    "Refa": "リファ", "Salonia": "サロニア", "Tsubaki": "ツバキ", "Kao": "花王", "Canmake": "キャンメイク", "Kate": "ケイト",
    "Shu Uemura": "シュウ ウエムラ", "Snow Peak": "スノーピーク", "Coleman": "コールマン", "Logos": "ロゴス", "Isuka": "イスカ",
    "Black Diamond": "ブラックダイヤモンド", "Gregory": "グレゴリー", "Caravan": "キャラバン", "Petzl": "ペツル", "Salomon": "サロモン",
    "Dunlop Srixon": "ダンロップ スリクソン", "Bridgestone Golf": "ブリヂストンゴルフ", "Yonex": "ヨネックス", "Honma": "本間ゴルフ",
    "Reebok": "リーボック", "Alinco": "アルインコ", "Fighting Road": "ファイティングロード", "Manduka": "マンドゥカ", "Swans": "スワンズ",
    "Oakley": "オークリー", "Burton": "バートン", "Phenix": "フェニックス", "Arena": "アリーナ", "Speedo": "スピード", "Tusa": "ツサ",
    "Gull": "ガル", "Uonuma Farm": "魚沼ファーム", "JA Niigata": "JA新潟", "Hokkaido Nosan": "北海道農産", "Akita Komachi Farm": "あきたこまち農園",
    "Key Coffee": "キーコーヒー", "Ippodo": "一保堂", "Itoen": "伊藤園", "Marukyu Koyamaen": "丸久小山園", "Kameda Seika": "亀田製菓",
    "Toraya": "とらや", "Royce'": "ロイズ", "Shiroi Koibito Sweets": "白い恋人風スイーツ", "Bourbon": "ブルボン", "Dassai": "獺祭",
    "Hakkaisan": "八海山", "Kubota": "久保田", "Yoho Brewing": "ヤッホーブルーイング", "Choya": "チョーヤ", "Kikkoman": "キッコーマン",
    "Yamasa": "ヤマサ", "Marukome": "マルコメ", "Kayanoya": "茅乃舎", "Mizkan": "ミツカン", "Kodansha": "講談社", "Shueisha": "集英社",
    "Shinchosha": "新潮社", "Bungeishunju": "文藝春秋", "Tuttle": "タトル", "Shogakukan": "小学館", "Kadokawa": "KADOKAWA",
    "Square Enix": "スクウェア・エニックス", "Nintendo": "任天堂", "Sony Interactive": "ソニー・インタラクティブ", "Capcom": "カプコン",
    "Hori": "ホリ", "Bandai Namco": "バンダイナムコ", "Lego": "レゴ", "Bandai Spirits": "バンダイスピリッツ", "Kawada Nanoblock": "カワダ ナノブロック",
    "Tamiya": "タミヤ", "Kotobukiya": "コトブキヤ", "Sanrio": "サンリオ", "San-X": "サンエックス", "Takara Tomy": "タカラトミー",
    "Sekiguchi": "セキグチ", "Epoch": "エポック社", "Kumon Toys": "くもん出版", "Gakken": "学研", "Artec": "アーテック", "Hape": "ハペ",
    "Beverly": "ビバリー", "Hanayama": "ハナヤマ", "Yanoman": "やのまん", "Atex": "アテックス", "Thrive": "スライヴ", "Fujiiryoki": "フジ医療器",
    "Nature Made": "ネイチャーメイド", "Savas": "ザバス", "Asahi Dear-Natura": "アサヒ ディアナチュラ", "Fancl": "ファンケル", "Omron": "オムロン",
    "Tanita": "タニタ", "Terumo": "テルモ", "Unicharm Pet": "ユニ・チャーム ペット", "Petio": "ペティオ", "Iris Ohyama Pet": "アイリスオーヤマ ペット",
    "Royal Canin": "ロイヤルカナン", "Addory": "アドメイト", "Inaba": "いなば", "Gex": "ジェックス", "Pigeon": "ピジョン", "Merries": "メリーズ",
    "Moony": "ムーニー", "Combi": "コンビ", "Ergobaby": "エルゴベビー", "Aprica": "アップリカ", "Cybex": "サイベックス", "Joie": "ジョイー",
    "Richell": "リッチェル", "Comtec": "コムテック", "Yupiteru": "ユピテル", "Carmate": "カーメイト", "Kenwood": "ケンウッド",
    "Seiko Sangyo": "精工産業", "Soft99": "ソフト99", "Prostaff": "プロスタッフ", "Surluster": "シュアラスター", "Kure": "呉工業",
}

ATTR_KEY_JA: dict[str, str] = {
    "age": "対象年齢", "age_rating": "年齢区分", "battery_life": "連続再生時間", "blade_length": "刃渡り", "capacity": "容量",
    "colour": "カラー", "comfort_rating": "快適温度", "connectivity": "接続", "count": "入数", "fill": "中綿", "flavour": "味",
    "flex": "フレックス", "format": "形態", "harvest": "収穫", "language": "言語", "material": "素材", "memory": "メモリ",
    "origin": "産地", "pattern": "柄", "pieces": "ピース数", "platform": "対応機種", "players": "プレイ人数", "region": "産地",
    "resolution": "解像度", "roast": "焙煎", "room_size": "適用床面積", "screen": "画面サイズ", "sensor": "センサー", "shade": "色味",
    "size": "サイズ", "skin_type": "肌タイプ", "speed_settings": "風量切替", "spf": "UVカット", "storage": "ストレージ",
    "thickness": "厚さ", "type": "タイプ", "video": "動画", "volume": "内容量", "volumes": "巻数", "water_resistance": "防水性能",
    "weight": "重量", "width": "足幅",
}

# Attribute values in words; values that are figures with units go through `attribute_value_ja`.
VALUE_JA: dict[str, str] = {
    "Black": "ブラック", "White": "ホワイト", "Silver": "シルバー", "Navy": "ネイビー", "Grey": "グレー", "Beige": "ベージュ", "Red": "レッド",
    "Blue": "ブルー", "Green": "グリーン", "Pink": "ピンク", "Brown": "ブラウン", "Camel": "キャメル", "Khaki": "カーキ", "Olive": "オリーブ",
    "Orange": "オレンジ", "Purple": "パープル", "Yellow": "イエロー", "Gold": "ゴールド", "Coral": "コーラル", "Rose": "ローズ",
    "Turquoise": "ターコイズ", "Neon Yellow": "ネオンイエロー", "Brick red": "レンガ", "Ochre": "黄土色", "Indigo": "藍色", "Clear": "クリア",
    "Natural": "ナチュラル", "Light": "ライト", "Dark": "ダーク", "Medium": "ミディアム", "Standard": "スタンダード", "Small": "小",
    "Large": "大", "Free size": "フリーサイズ", "One size": "ワンサイズ", "Kids 120": "キッズ 120", "Wide (3E)": "幅広 (3E)",
    "Single": "シングル", "Semi-double": "セミダブル", "Double": "ダブル", "Queen": "クイーン", "Cotton": "綿", "Linen": "麻",
    "Nylon": "ナイロン", "Polyester": "ポリエステル", "Canvas": "帆布", "Memory foam": "低反発ウレタン", "Duck down": "ダックダウン",
    "90/10 duck down": "ダックダウン90%", "Full-grain leather": "フルグレインレザー", "Bridle leather": "ブライドルレザー",
    "Cordovan leather": "コードバン", "Italian calfskin": "イタリアンカーフ", "Stainless": "ステンレス", "Stainless steel": "ステンレス",
    "Cast iron": "鋳鉄", "Clay": "土", "Ceramic plates": "セラミックプレート", "Aluminium with fluorine coating": "アルミ (フッ素加工)",
    "Aogami blue steel": "青紙鋼", "VG-10 steel": "VG-10鋼", "Damascus 33-layer steel": "ダマスカス33層鋼",
    "Molybdenum vanadium steel": "モリブデンバナジウム鋼", "Checked": "チェック", "Goldfish": "金魚", "Hydrangea": "紫陽花",
    "Morning glory": "朝顔", "Sakura": "桜", "Combination": "混合肌", "Oily": "脂性肌", "Dry": "乾燥肌", "Sensitive": "敏感肌",
    "Silicone-free": "ノンシリコン", "Nanoe ion": "ナノイー", "Chicken": "チキン", "Tuna": "まぐろ", "Salmon": "サーモン",
    "Chocolate": "チョコレート", "Vanilla": "バニラ", "Matcha": "抹茶", "Yuzu": "ゆず", "Unflavoured": "プレーン", "Soy sauce": "醤油",
    "Hokkaido milk": "北海道ミルク", "Japanese": "日本語", "English": "英語", "Bilingual": "日英対訳", "Paperback": "ソフトカバー",
    "Hardcover": "ハードカバー", "Bunko": "文庫", "Brazil": "ブラジル", "Ethiopia": "エチオピア", "Kagoshima": "鹿児島", "Nagano": "長野",
    "Niigata": "新潟", "Shizuoka": "静岡", "Uji, Kyoto": "京都・宇治", "Wakayama": "和歌山", "Yamaguchi": "山口", "new crop": "新米",
    "Small dog": "小型犬", "Medium dog": "中型犬", "Large dog": "大型犬", "Newborn": "新生児", "newborn to 4 years": "新生児〜4歳",
    "Full HD": "フルHD", "Full frame": "フルサイズ", "Wired 3.5 mm": "有線 3.5mm", "PC": "PC", "R": "R", "SR": "SR",
}

# (English unit, Japanese unit): "20 hours" -> "20時間"; applied after VALUE_JA misses.
UNITS_JA: tuple[tuple[str, str], ...] = (
    ("hours", "時間"), ("days", "日間"), ("weeks", "週間"), ("pieces", "ピース"), ("volumes", "巻"), ("volume", "巻"),
    ("cups", "合"), ("person", "人用"), ("players", "人"), ("player", "人"), ("inch", "インチ"), ("speeds", "段階"),
    ("packs", "袋"), ("masks", "枚"), ("fill power", "フィルパワー"), ("with case", "ケース併用"),
)

# What a Japanese listing says in its headline: marketplace badges, chosen per product by its own facts.
TITLE_BADGES = ("【送料無料】", "【国内正規品】", "【ポイント{m}倍】", "【あす楽】", "【公式】")
DESCRIPTION_OPENERS_JA = (
    "{brand}の{noun}です。",
    "人気の{brand}から、{noun}が登場。",
    "{brand} {noun}（型番：{model}）。",
    "毎日使いたい{brand}の{noun}。",
)
DESCRIPTION_MIDDLES_JA = (
    "{shelf}の中でも評価の高いモデルで、{attr}。",
    "{attr}。初めての方にもおすすめです。",
    "使いやすさにこだわった{shelf}です。{attr}。",
    "ギフトにも喜ばれる{shelf}。{attr}。",
)
DESCRIPTION_CLOSERS_JA = ("国内正規品・メーカー保証付き。", "レビュー高評価の人気商品です。", "", "数量限定のためお早めにどうぞ。")
DELIVERY_JA = {True: "送料無料でお届けします。", False: ""}

REVIEW_TITLES_JA: dict[int, tuple[str, ...]] = {
    5: ("大満足です", "買ってよかった", "リピート決定"),
    4: ("満足しています", "おおむね良い", "コスパ良し"),
    3: ("普通です", "可もなく不可もなく", "値段なり"),
    2: ("少し残念", "期待外れ", "微妙でした"),
    1: ("おすすめしません", "すぐ壊れました", "残念です"),
}
REVIEW_TEXTS_JA: dict[int, tuple[str, ...]] = {
    5: ("{noun}を探していて購入しました。とても使いやすく大満足です。", "品質が良く、家族にも好評です。また買います。", "届くのが早く、作りもしっかりしていました。"),
    4: ("全体的に満足です。{noun}としては十分な性能です。", "少し気になる点はありますが、値段を考えると良い買い物でした。", "使い勝手は良いです。星4つにしました。"),
    3: ("普通に使えています。特に不満はありません。", "値段相応だと思います。", "{noun}として可もなく不可もなくです。"),
    2: ("思っていたより作りが安っぽかったです。", "説明と少し違う印象でした。", "使えますが、もう少し改善してほしいです。"),
    1: ("届いてすぐに不具合がありました。", "期待していただけに残念です。", "返品を検討しています。"),
}

# truth tag -> the selling line a Japanese listing writes for it
TAG_PHRASES_JA: dict[str, str] = {
    "gift:dad": "父の日のプレゼントにおすすめ", "gift:mom": "母の日の贈り物に喜ばれます", "gift:partner": "パートナーへのプレゼントに",
    "gift:kids": "お子さまの誕生日やクリスマスプレゼントに", "gift:baby": "出産祝いにも人気", "gift:chef": "料理好きの方に愛用されています",
    "gift:friend": "友人へのちょっとしたギフトに", "gift:colleagues": "職場で配るお土産にぴったり", "gift:wedding": "結婚祝いの定番",
    "gift:family": "家族みんなで楽しめます", "gift:boyfriend": "彼氏へのプレゼントの定番", "audience:kids": "お子さま向けに作られています",
    "audience:baby": "赤ちゃんにも安心して使えます", "audience:teens": "10代に人気", "audience:students": "学生さんにもうれしい価格",
    "audience:seniors": "ご年配の方にも使いやすい簡単操作", "audience:family": "家族でのお出かけに", "audience:beginner": "初心者にもやさしい",
    "use:running": "朝のランニングに", "use:hiking": "山歩きに活躍", "use:camping": "キャンプの必需品", "use:travel": "旅行にも持ち運びやすい",
    "use:sleep": "ぐっすり眠りたい方に", "use:home-office": "在宅ワークの環境づくりに", "use:fitness": "トレーニングに最適",
    "use:breakfast": "忙しい朝ごはんに", "use:souvenir": "日本のお土産の定番", "season:winter": "寒い冬にも頼もしい",
    "season:summer": "夏の必需品", "season:spring": "花粉の季節に", "weather:rain": "梅雨の時期も濡れにくい", "use:skiing": "ゲレンデで活躍",
    "use:gaming": "ゲーマー向け", "use:yoga": "ヨガにぴったり",
}
