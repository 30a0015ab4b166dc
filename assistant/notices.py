"""What the member reads when a turn cannot do what was asked: the model failed, or an action cannot run.

In the member's language (issue 16, issue 17 item 5): the texts are templates in `prompts/notices/`, Japanese
in `prompts/notices/ja/`, chosen by the language of the member's latest message. The notes to the model about
the same events stay English (`assistant.approvals`): the model reads them, the member does not.
"""

from __future__ import annotations

from typing import Any

from assistant.prompts import render_prompt


def _render(name: str, lang: str, **variables: Any) -> str:
    folder = "notices/ja" if lang == "ja" else "notices"
    text = render_prompt(f"{folder}/{name}.j2", **variables)
    # A template's lines are one paragraph (Japanese sentences join without a space, English ones with one).
    return ("" if lang == "ja" else " ").join(line.strip() for line in text.splitlines() if line.strip())


def failure_notice(exc: Exception, lang: str, done: str | None = None) -> str:
    """The notice for a turn an error ended: busy (rate limit), no answer (timeout, provider down) or other,
    the last naming the error's class (the eval recognises a strict-grounding stop by it). `done` says what
    an action approved in this turn already did: then the notice says that, never "nothing was changed"."""
    name = type(exc).__name__
    if done:
        return _render("failed_after", lang, done=done, error=name)
    if "RateLimit" in name:
        return _render("busy", lang)
    if "Timeout" in name or "APIConnection" in name or "ServiceUnavailable" in name or "InternalServer" in name:
        return _render("no_answer", lang)
    return _render("failed", lang, error=name)


def cannot_run_notice(reason: str, details: dict[str, Any], lang: str) -> str:
    """The notice for an action not offered for approval because it cannot run as asked. `reason` is its
    preview's summary (English, with the ids and figures); `details` may name the kind of failure (`error`:
    a DomainError code or "already_cancelled") and its figures, from which the Japanese reason is written."""
    return _render("cannot_run", lang, reason=reason, error=details.get("error"), points=details.get("points"),
                   balance_before=details.get("balance_before"), booking_id=details.get("booking_id"))
