"""Typed run-time settings, read once where the program starts and passed down (never read at import).

Every operator knob is an environment variable (or a `.env` file). `tools` and `retrieval` never import
this module: the assistant hands them the plain values they need, which keeps the dependency direction
`app.py -> assistant -> tools -> retrieval`.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
# The secret a fresh checkout runs with: fine for `make run` on a laptop (demo mode), refused anywhere else.
DEFAULT_SECRET = "dev-only-change-me"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Where run-time state lives: SQLite database, vector index, embedding cache, checkpoints.
    data_dir: Path = Field(default=REPO_ROOT / "var", validation_alias="ASSISTANT_DATA_DIR")
    # The seed data set loaded into an empty database (the generator's committed output).
    seed_dir: Path = Field(default=REPO_ROOT / "data" / "generated" / "small", validation_alias="ASSISTANT_SEED_DIR")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    # Moves the service to another calendar day (YYYY-MM-DD; see tools/clock.py): CI proves date independence.
    today: date | None = Field(default=None, validation_alias="ASSISTANT_TODAY")

    index_backend: Literal["edge", "server"] | None = Field(default=None, validation_alias="ASSISTANT_INDEX")
    qdrant_url: str | None = Field(default=None, validation_alias="QDRANT_URL")
    qdrant_api_key: SecretStr | None = Field(default=None, validation_alias="QDRANT_API_KEY")
    qdrant_shards: int = Field(default=1, validation_alias="QDRANT_SHARDS")
    qdrant_replication: int = Field(default=1, validation_alias="QDRANT_REPLICATION")
    # The bundled dense model search uses: "minilm" (English) or "use-multilingual" (Japanese and English);
    # None: retrieval's measured default. Changing it rebuilds the index on the next start.
    embedding_model: Literal["minilm", "use-multilingual"] | None = Field(
        default=None, validation_alias="ASSISTANT_EMBEDDING_MODEL"
    )

    model: str = Field(default="offline", validation_alias="ASSISTANT_MODEL")
    api_base: str | None = Field(default=None, validation_alias="ASSISTANT_API_BASE")
    api_key: SecretStr | None = Field(default=None, validation_alias="ASSISTANT_API_KEY")
    fallback_model: str | None = Field(default=None, validation_alias="ASSISTANT_FALLBACK_MODEL")
    # One model call: a streamed reply's first token (the server reading the prompt: a minute or more for a local
    # model on a small machine) within ASSISTANT_FIRST_TOKEN_TIMEOUT_S (unset: ASSISTANT_TIMEOUT_S), the rest of
    # it within ASSISTANT_TIMEOUT_S; a reply that is not streamed within ASSISTANT_TIMEOUT_S. See assistant/models.py.
    request_timeout_s: float = Field(default=60.0, gt=0, validation_alias="ASSISTANT_TIMEOUT_S")
    first_token_timeout_s: float | None = Field(default=None, gt=0, validation_alias="ASSISTANT_FIRST_TOKEN_TIMEOUT_S")
    # Retries of connection errors, 429 and 5xx answers. A timeout is retried only with ASSISTANT_RETRY_ON_TIMEOUT
    # (unset: yes for a hosted provider, no for a server on this machine, which is slow rather than lost, and a
    # retry would make it read the whole prompt again behind the first request).
    max_retries: int = Field(default=2, ge=0, validation_alias="ASSISTANT_MAX_RETRIES")
    retry_on_timeout: bool | None = Field(default=None, validation_alias="ASSISTANT_RETRY_ON_TIMEOUT")
    # What the offline engine does with an answer whose figures no tool result backs: "fallback" sends a
    # figure-free answer and logs an error; "strict" (tests, eval) raises (see assistant/offline/model.py).
    grounding: Literal["strict", "fallback"] = Field(default="fallback", validation_alias="ASSISTANT_GROUNDING")

    redis_url: str | None = Field(default=None, validation_alias="REDIS_URL")
    # Per-member request limit on the API and chat: at most N requests in any window (429 beyond).
    rate_limit_requests: int = Field(default=30, validation_alias="ASSISTANT_RATE_LIMIT")
    rate_limit_window_s: float = Field(default=60.0, validation_alias="ASSISTANT_RATE_WINDOW_S")
    # Failed sign-ins (staff or member) allowed per client address and per name in a window, then 429.
    signin_attempts: int = Field(default=10, gt=0, validation_alias="ASSISTANT_SIGNIN_ATTEMPTS")
    signin_window_s: float = Field(default=300.0, gt=0, validation_alias="ASSISTANT_SIGNIN_WINDOW_S")
    # Other sites allowed to post a member token to /session (the host site embedding the widget, e.g.
    # "https://www.example.com"); comma-separated origins. Same-origin posts are always allowed.
    trusted_origins: str = Field(default="", validation_alias="ASSISTANT_TRUSTED_ORIGINS")
    # Requests one member may have in flight at once, so one member cannot starve the others.
    member_concurrency: int = Field(default=2, validation_alias="ASSISTANT_MEMBER_CONCURRENCY")
    # Server secret: derives the members' API keys and the staff keys. Rotating it revokes them all.
    secret_key: SecretStr = Field(default=SecretStr(DEFAULT_SECRET), validation_alias="ASSISTANT_SECRET")
    # Key the host site signs member tokens with (HS256 JWT: `sub` member id, `exp`). Unset, it is derived from
    # ASSISTANT_SECRET (`assistant token --show-key` prints it), so a host holding it cannot mint API keys.
    member_token_secret: SecretStr | None = Field(default=None, validation_alias="ASSISTANT_MEMBER_TOKEN_SECRET")
    # Demo mode: the member picker, no sign-in. Unset means on only on a loopback address with the default secret.
    demo: bool | None = Field(default=None, validation_alias="ASSISTANT_DEMO")
    # How long a signed-in browser session lasts (the server-side session store expires it).
    session_ttl_s: int = Field(default=8 * 3600, gt=0, validation_alias="ASSISTANT_SESSION_TTL_S")
    # Staff of the staff routes, `name:role` entries separated by commas (roles: marketer -> /studio, qa -> /qa);
    # each signs in with the staff key `assistant keys --staff` prints. Demo mode adds `staff:marketer,staff:qa`.
    staff: str = Field(default="", validation_alias="ASSISTANT_STAFF")
    # Models QA may run the eval suite against from /qa (comma-separated litellm names; each spends the key).
    eval_models: str = Field(default="offline", validation_alias="ASSISTANT_EVAL_MODELS")
    log_content: bool = Field(default=False, validation_alias="ASSISTANT_LOG_CONTENT")

    host: str = Field(default="127.0.0.1", validation_alias="ASSISTANT_HOST")
    port: int = Field(default=7860, validation_alias="ASSISTANT_PORT")

    @property
    def uses_default_secret(self) -> bool:
        return self.secret_key.get_secret_value() == DEFAULT_SECRET

    @property
    def demo_mode(self) -> bool:
        """ASSISTANT_DEMO when set, else on only where nobody else can reach it with the well-known secret."""
        if self.demo is not None:
            return self.demo
        return self.host in LOOPBACK_HOSTS and self.uses_default_secret

    @property
    def first_token_timeout(self) -> float:
        return self.first_token_timeout_s or self.request_timeout_s

    @property
    def local_api_base(self) -> bool:
        """ASSISTANT_API_BASE names a server on this machine (a loopback address)."""
        from urllib.parse import urlparse

        host = urlparse(self.api_base).hostname if self.api_base else None
        return bool(host) and (host in LOOPBACK_HOSTS or str(host).startswith("127."))

    @property
    def timeout_retries(self) -> int:
        if self.retry_on_timeout is None:
            return 0 if self.local_api_base else self.max_retries
        return self.max_retries if self.retry_on_timeout else 0

    @property
    def eval_model_list(self) -> list[str]:
        return [name.strip() for name in self.eval_models.split(",") if name.strip()] or ["offline"]

    @property
    def member_token_key(self) -> str:
        if self.member_token_secret is not None:
            return self.member_token_secret.get_secret_value()
        secret = self.secret_key.get_secret_value().encode("utf-8")
        return hmac.new(secret, b"member-token", hashlib.sha256).hexdigest()

    @property
    def resolved_database_url(self) -> str:
        """SQLite in the data folder unless DATABASE_URL names another database."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'assistant.db'}"

    @property
    def resolved_index_backend(self) -> Literal["edge", "server"]:
        if self.index_backend:
            return self.index_backend
        return "server" if self.qdrant_url else "edge"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


class UnsafeSettings(RuntimeError):
    """The settings would run a public service with a well-known secret: refuse to start."""


def refuse_unsafe(settings: Settings) -> None:
    """Raise UnsafeSettings outside demo mode with the default secret (anyone could forge keys with it)."""
    if not settings.demo_mode and settings.uses_default_secret:
        raise UnsafeSettings(
            "ASSISTANT_SECRET is the built-in default, which anyone can read in the source: set ASSISTANT_SECRET "
            "to a long random value (for example `python -c 'import secrets; print(secrets.token_urlsafe(32))'`), "
            "or set ASSISTANT_DEMO=1 for a local demo."
        )


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment; keyword overrides win (used by the CLI and tests)."""
    return Settings(**overrides)  # type: ignore[arg-type]
