"""Logging that keeps members' personal data and message content out of logs by default.

One named logger tree (`assistant.*`). Code logs ids and counts, never names or messages; as a second line
of defence a filter masks e-mail addresses and anything passed as `extra={"content": ...}` unless the
operator explicitly switches content logging on (`ASSISTANT_LOG_CONTENT=1`), e.g. to debug a conversation.
"""

from __future__ import annotations

import logging
import re

LOGGER_NAME = "assistant"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class RedactPersonalData(logging.Filter):
    """Masks e-mail addresses in every record and drops message content unless content logging is on."""

    def __init__(self, log_content: bool) -> None:
        super().__init__()
        self.log_content = log_content

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.log_content:
            if hasattr(record, "content"):
                record.content = "[redacted]"
            message = record.getMessage()
            masked = _EMAIL.sub("[email]", message)
            if masked != message:
                record.msg, record.args = masked, None
        return True


def get_logger(name: str) -> logging.Logger:
    """A child of the one `assistant` logger, so one filter and one level govern all of them."""
    return logging.getLogger(f"{LOGGER_NAME}.{name}" if not name.startswith(LOGGER_NAME) else name)


def configure_logging(level: str = "INFO", *, log_content: bool = False) -> None:
    """Install the redacting handler once; quieten libraries that would log prompts at debug level."""
    root = logging.getLogger()
    redactor = RedactPersonalData(log_content)
    if not any(isinstance(f, RedactPersonalData) for h in root.handlers for f in h.filters):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(redactor)
        root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("LiteLLM", "litellm", "httpx", "httpcore", "openai", "gradio", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:  # litellm keeps request/response bodies for its own logging callbacks unless told not to
        import litellm

        litellm.turn_off_message_logging = True
        litellm.suppress_debug_info = True
    except ImportError:  # pragma: no cover - litellm is a dependency, but logging must never fail
        pass
