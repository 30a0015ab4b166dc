"""Member names: mostly Japanese, some international residents (all fictional combinations)."""

JAPANESE_GIVEN = ("Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Yuto", "Mio", "Takumi", "Sakura", "Kenji", "Yuki",
                  "Daiki", "Mei", "Shota", "Rin", "Hiroshi", "Emi", "Kazuki", "Nanami", "Akira", "Ayaka", "Tatsuya",
                  "Kaori", "Naoki", "Misaki", "Ryo", "Chihiro", "Satoshi", "Keiko")
JAPANESE_FAMILY = ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi",
                   "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi",
                   "Shimizu", "Mori", "Ikeda", "Hashimoto", "Ishikawa", "Ogawa", "Fujita", "Okada")
INTERNATIONAL = ("Emma Wilson", "Lucas Martin", "Priya Sharma", "Chen Wei", "Maria Garcia", "James O'Brien",
                 "Nguyen Thi Lan", "Kim Min-jun", "Olivia Brown", "Ahmed Hassan", "Sofia Rossi", "Daniel Schmidt",
                 "Ana Souza", "Liam Murphy", "Mei Lin", "Carlos Reyes")
