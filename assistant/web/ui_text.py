"""Every string the member chat shows, in English and Japanese, in one place (issue 16: the UI in the member's
language; issue 17 item 9: buttons named for the action).

Why one catalogue: a label written inline in a handler is a label nobody translates, so the Japanese page
would leak English. The handlers, cards and panel ask `t(lang, key)`; a test checks that both languages
hold the same keys. The answers themselves come from the engine (prompts/), not from here.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["en", "ja"]
LANGUAGES: tuple[Lang, ...] = ("en", "ja")
LANGUAGE_CHOICES: list[tuple[str, str]] = [("日本語", "ja"), ("English", "en")]

_STRINGS_BY_KEY: dict[str, tuple[str, str]] = {
    'title': ('Member assistant',
             '会員アシスタント'),
    'badge_starting': ('Starting…',
                      '起動中…'),
    'badge_offline': ('Offline assistant: no AI model connected',
                     'オフラインアシスタント：AIモデル未接続'),
    'badge_offline_tip': ('Answers come from fixed rules and templates; no language model is used.',
                         '決まったルールとテンプレートで答えます。言語モデルは使っていません。'),
    'badge_model': ('AI model: {name}',
                   'AIモデル：{name}'),
    'language': ('Language',
                '言語'),
    'signed_in_as': ('Signed in as',
                    'ログイン中の会員'),
    'new_conversation': ('New conversation',
                        '新しい会話'),
    'chat': ('Chat',
            'チャット'),
    'chat_placeholder': ('Ask about products, hotels, your points or mobile plans.',
                        '商品、ホテル、ポイント、携帯プランについてお気軽にどうぞ。'),
    'message_placeholder': ('Type your message…',
                           'メッセージを入力…'),
    'send': ('Send',
            '送信'),
    'comment_placeholder': ('Tell us more (optional)',
                           'ご意見をお聞かせください（任意）'),
    'send_feedback': ('Send feedback',
                     'フィードバックを送る'),
    'examples': ('Try asking',
                'こんな質問ができます'),
    'comment_saved': ('Thanks, your comment was saved.',
                     'ありがとうございます。コメントを保存しました。'),
    'choose_member': ('Choose a member to sign in first.',
                     '先に会員を選んでログインしてください。'),
    'sign_in_first': ('Please sign in first.',
                     '先にログインしてください。'),
    'busy': ('You already have {limit} answers in progress; wait for one to finish.',
            '回答中のメッセージが{limit}件あります。終わるまでお待ちください。'),
    'thread_gone': ('That conversation is no longer available; start a new one.',
                   'この会話はもう利用できません。新しい会話を始めてください。'),
    'already_decided': ('That action was already decided; nothing is waiting for approval now.',
                       'この操作はすでに決定済みです。承認待ちのものはありません。'),
    'went_wrong': ('Sorry, something went wrong on our side. Please try again.',
                  '申し訳ありません、こちらで問題が起きました。もう一度お試しください。'),
    'note': ('Note',
            'お知らせ'),
    'warning': ('Warning',
               '注意'),
    'problem': ('Problem',
               '問題'),
    'failed': ('Failed',
              '失敗'),
    'no_arguments': ('(no arguments)',
                    '（条件なし）'),
    'found': ('{n} {what} found',
             '{n}件見つかりました'),
    'results': ('{n} results',
               '{n}件'),
    'approval_title': ('Waiting for your approval',
                      'ご確認ください'),
    'approved': ('Approved',
                '承認しました'),
    'declined': ('Not done',
                '取りやめました'),
    'approve_book_hotel': ('Book this stay',
                          'この内容で予約する'),
    'reject_book_hotel': ("Don't book",
                         '予約しない'),
    'approve_cancel_booking': ('Cancel the booking',
                              '予約をキャンセルする'),
    'reject_cancel_booking': ('Keep it',
                             '予約を残す'),
    'approve_redeem_points': ('Use the points',
                             'ポイントを使う'),
    'reject_redeem_points': ("Don't use them",
                            'ポイントを使わない'),
    'approve_other': ('Go ahead',
                     '実行する'),
    'reject_other': ("Don't do it",
                    '実行しない'),
    'row_total': ('Total',
                 '合計'),
    'row_points_used': ('Points used',
                       '利用ポイント'),
    'row_cash': ('Paid in cash',
                '現金支払い'),
    'row_points_earned': ('Points earned',
                         '獲得ポイント'),
    'row_points': ('Points',
                  'ポイント'),
    'row_cancellation': ('Cancellation',
                        'キャンセル規定'),
    'for_nights': ('for {n} night{s}',
                  '{n}泊の合計'),
    'per_night': ('/ night',
                 '／泊'),
    'pts': ('+{n} pts',
           '+{n}ポイント'),
    'rating': ('rating',
              '評価'),
    'shop_multiplier': ('{n}x points shop',
                       'ポイント{n}倍ショップ'),
    'free_shipping': ('free shipping',
                     '送料無料'),
    'reviews_count': ('{n} reviews',
                     'レビュー{n}件'),
    'act_details': ('Details',
                   '詳細'),
    'act_reviews': ('Reviews',
                   '口コミ'),
    'act_compare': ('Compare',
                   '比較'),
    'act_rooms': ('Rooms',
                 '空室'),
    'act_quote': ('Quote',
                 '見積もり'),
    'act_book': ('Book',
                '予約'),
    'say_details': ('Tell me more about the {nth} one',
                   '{n}番目の詳細を教えて'),
    'say_reviews': ('What do reviewers say about the {nth} one?',
                   '{n}番目の口コミは？'),
    'say_compare': ('Compare the {nth} one with the {other} one',
                   '{n}番目と{m}番目を比較して'),
    'say_rooms': ('Which rooms are free at the {nth} one?',
                 '{n}番目の空室状況を教えて'),
    'say_quote': ('Quote the {nth} one',
                 '{n}番目の見積もりを出して'),
    'say_book': ('Book the {nth} one',
                '{n}番目を予約して'),
    'panel_sign_in': ('Sign in to see your points and bookings.',
                     'ログインするとポイントと予約が表示されます。'),
    'panel_signed_out': ('You are not signed in. Open the assistant from the member site, or '
                         '<a href="/signin" target="_top">sign in with your member key</a>.',
                         'ログインしていません。会員サイトからアシスタントを開くか、'
                         '<a href="/signin" target="_top">会員キーでログイン</a>してください。'),
    'balance': ('Points balance',
               'ポイント残高'),
    'balance_short': ('{n} pts',
                     '{n}ポイント'),
    'pending_points': ('Pending: +{n} pts after check-out',
                      '付与予定：チェックアウト後に+{n}ポイント'),
    'expiring': ('Expiring soon: {n} pts within 30 days{when}',
                'まもなく失効：30日以内に{n}ポイント{when}'),
    'expiring_first': (' (first on {day})',
                      '（最初は{day}）'),
    'balance_unavailable': ('Points balance unavailable right now.',
                           'ただいまポイント残高を表示できません。'),
    'upcoming': ('Upcoming stays',
                '今後の宿泊'),
    'no_upcoming': ('No upcoming stays.',
                   '今後の宿泊予定はありません。'),
    'bookings_unavailable': ('Bookings unavailable right now.',
                            'ただいま予約を表示できません。'),
    'nights': ('{n} night{s}',
              '{n}泊'),
}
"""key -> (English, Japanese): a string and its translation side by side, so neither can be missing."""

_STRINGS: dict[Lang, dict[str, str]] = {
    "en": {key: pair[0] for key, pair in _STRINGS_BY_KEY.items()},
    "ja": {key: pair[1] for key, pair in _STRINGS_BY_KEY.items()},
}

EXAMPLES: dict[Lang, list[str]] = {
    "en": [
        "Find wireless earbuds for running under 15,000 yen",
        "A quiet ryokan with an onsen in Hakone for 2 nights next Friday",
        "How many points do I have, and do any expire soon?",
        "Which mobile plan suits me if I use about 8 GB a month?",
    ],
    "ja": [
        "ランニング用のワイヤレスイヤホンを1万5千円以内で",
        "来週金曜から箱根で2泊、温泉つきの静かな旅館",
        "ポイント残高と、もうすぐ期限が切れるポイントを教えて",
        "毎月8GBほど使います。どの携帯プランが合いますか？",
    ],
}

_ORDINALS_EN = ["first", "second", "third", "fourth", "fifth", "sixth"]

TOOL_TITLES_JA: dict[str, str] = {
    "search_products": "商品を検索しています",
    "get_product_details": "商品の詳細を確認しています",
    "compare_products": "商品を比較しています",
    "review_highlights": "口コミを読んでいます",
    "points_for_purchase": "ポイントを計算しています",
    "search_hotels": "ホテルを検索しています",
    "check_availability": "空室を確認しています",
    "quote_stay": "宿泊料金を計算しています",
    "book_hotel": "ホテルを予約しています",
    "cancel_booking": "予約をキャンセルしています",
    "my_bookings": "予約を確認しています",
    "search_destinations": "旅行先を探しています",
    "points_balance": "ポイントを確認しています",
    "points_history": "ポイント履歴を確認しています",
    "redeem_points": "ポイントを交換しています",
    "list_mobile_plans": "携帯プランを確認しています",
    "explain_mobile_plan": "プランを説明しています",
    "recommend_mobile_plan": "プランを選んでいます",
    "handoff_to_support": "サポートにおつなぎしています",
}
"""The tool steps' titles in Japanese; English titles come from the tool registry (`REGISTRY.labels`)."""


def lang_of(value: object) -> Lang:
    """A language code from the browser state (anything unknown is English)."""
    return "ja" if value == "ja" else "en"


def t(lang: Lang, key: str, **values: object) -> str:
    """The string `key` in `lang`, with `{placeholders}` filled (a missing key is a KeyError, never blank)."""
    template = _STRINGS[lang][key]
    return template.format(**values) if values else template


def plural(n: int) -> str:
    return "" if n == 1 else "s"


def language_from_header(accept_language: str | None) -> Lang:
    """The browser's preferred language among ours (`Accept-Language`), English when it names neither."""
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()
        if code.startswith("ja"):
            return "ja"
        if code.startswith("en"):
            return "en"
    return "en"


def decision_labels(tool: str, lang: Lang) -> tuple[str, str]:
    """(approve, reject) button labels named for what the approval does."""
    kind = tool if f"approve_{tool}" in _STRINGS_BY_KEY else "other"
    return t(lang, f"approve_{kind}"), t(lang, f"reject_{kind}")


ALL_DECISION_LABELS: frozenset[str] = frozenset(
    value for lang in LANGUAGES for key, value in _STRINGS[lang].items()
    if key.startswith(("approve_", "reject_"))
) | {"Confirm", "Cancel"}
"""Every decision bubble the chat may show (the member's click, not a message the thread counts)."""


def card_request(action: str, position: int, lang: Lang) -> str:
    """What a card's button sends as the member's message: the action on the card's place in the list (the
    engine resolves "the second one" against the list it just showed)."""
    other = 2 if position == 1 else 1
    if lang == "ja":
        return t(lang, f"say_{action}", n=position, m=other)
    nth = _ORDINALS_EN[position - 1] if position <= len(_ORDINALS_EN) else f"number {position}"
    other_nth = _ORDINALS_EN[other - 1]
    return t(lang, f"say_{action}", nth=nth, other=other_nth)
