"""The chat model factory: one settings variable picks the LLM.

`ASSISTANT_MODEL=offline` (the default) is the offline engine; anything else is a litellm model name
(`openai/gpt-4.1-mini`, `anthropic/...`, `ollama/qwen3`, `hosted_vllm/...`, `openai/<name>` with
`ASSISTANT_API_BASE` for any OpenAI-compatible server) served through litellm's Router, which gives
retries, timeouts and, when `ASSISTANT_FALLBACK_MODEL` names another litellm model, a fallback.

Timeouts are sized for local servers too: a streamed reply gets ASSISTANT_FIRST_TOKEN_TIMEOUT_S for its first
token (the HTTP read timeout: a server still reading a long prompt sends nothing) and ASSISTANT_TIMEOUT_S from
there to its end (`ReplyDeadline`, checked as tokens arrive); a reply that is not streamed, ASSISTANT_TIMEOUT_S.
A timeout is not retried against a server on this machine (see `Settings.timeout_retries`): it is slow, not
lost, and a retry would re-send the whole prompt.

`ASSISTANT_FALLBACK_MODEL=offline` is not a litellm deployment: the agent adds LangChain's
`ModelFallbackMiddleware` with the offline engine instead (see `fallback_models`).

Provider credentials are checked here, at start, so a missing key fails with the variable's name rather
than on the first member's message.
"""

from __future__ import annotations

import time
from typing import Any
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models import BaseChatModel

from assistant.settings import Settings

OFFLINE = "offline"
# A local OpenAI-compatible server (vLLM, llama.cpp, Ollama's /v1) accepts any key; the SDK needs one.
_PLACEHOLDER_KEY = "sk-local-no-key"


class ModelConfigError(RuntimeError):
    """The configured model cannot be used as set up (a missing key or base URL); names what to set."""


def build_chat_model(settings: Settings) -> BaseChatModel:
    """The primary chat model from settings; raises ModelConfigError naming a missing variable."""
    if settings.model == OFFLINE:
        return build_offline(settings)
    return _litellm_router(settings)


def fallback_models(settings: Settings) -> list[BaseChatModel]:
    """Models for `ModelFallbackMiddleware`: the offline engine when ASSISTANT_FALLBACK_MODEL=offline."""
    if settings.model != OFFLINE and settings.fallback_model == OFFLINE:
        return [build_offline(settings)]
    return []


def build_offline(settings: Settings) -> BaseChatModel:
    from assistant.offline import build_offline_model

    model: BaseChatModel = build_offline_model(settings)
    return model


def check_provider_environment(model: str, *, api_key: str | None, api_base: str | None, variable: str) -> None:
    """Raise ModelConfigError naming each environment variable `model` needs and does not have."""
    import litellm

    try:
        report = litellm.validate_environment(model=model, api_key=api_key, api_base=api_base)
    except Exception as exc:  # litellm raises a variety of errors for names it cannot place
        raise ModelConfigError(f"{variable}={model!r} is not a model litellm knows: {exc}") from None
    missing = [str(k) for k in report.get("missing_keys", [])]
    if api_base:
        missing = [k for k in missing if not k.endswith("_API_BASE")]
    if api_key:
        missing = [k for k in missing if not k.endswith(("_API_KEY", "_ACCESS_KEY_ID", "_SECRET_ACCESS_KEY"))]
    if missing:
        needs = ", ".join(missing)
        raise ModelConfigError(
            f"{variable}={model!r} needs {needs} in the environment"
            + (" (or ASSISTANT_API_KEY)" if any(k.endswith("_API_KEY") for k in missing) else "")
            + f"; set it, or use {variable}=offline to run without a provider."
        )


def _deployment(name: str, model: str, settings: Settings, *, primary: bool) -> dict[str, Any]:
    api_key = settings.api_key.get_secret_value() if settings.api_key and primary else None
    api_base = settings.api_base if primary else None
    variable = "ASSISTANT_MODEL" if primary else "ASSISTANT_FALLBACK_MODEL"
    if api_base and not api_key and model.startswith(("openai/", "hosted_vllm/", "llamafile/")):
        api_key = _PLACEHOLDER_KEY
    check_provider_environment(model, api_key=api_key, api_base=api_base, variable=variable)
    params: dict[str, Any] = {
        "model": model,
        "timeout": settings.request_timeout_s,
        "stream_timeout": settings.first_token_timeout,
    }
    if api_key:
        params["api_key"] = api_key
    if api_base:
        params["api_base"] = api_base
    return {"model_name": name, "litellm_params": params}


def _litellm_router(settings: Settings) -> BaseChatModel:
    from langchain_litellm import ChatLiteLLMRouter
    from litellm.router import Router
    from litellm.types.router import RetryPolicy

    model_list = [_deployment("primary", settings.model, settings, primary=True)]
    fallbacks: list[dict[str, list[str]]] = []
    if settings.fallback_model and settings.fallback_model != OFFLINE:
        model_list.append(_deployment("fallback", settings.fallback_model, settings, primary=False))
        fallbacks = [{"primary": ["fallback"]}]
    router = Router(
        model_list=model_list,
        num_retries=settings.max_retries,
        timeout=settings.request_timeout_s,
        fallbacks=fallbacks,
        retry_after=0,
        retry_policy=RetryPolicy(TimeoutErrorRetries=settings.timeout_retries),
    )
    return ChatLiteLLMRouter(
        router=router,
        model_name="primary",
        request_timeout=settings.request_timeout_s,
        callbacks=[ReplyDeadline(settings.request_timeout_s)],
    )


class ReplyTimeout(TimeoutError):
    """A streamed reply went on past ASSISTANT_TIMEOUT_S (the member gets the 'in time' notice)."""


class ReplyDeadline(BaseCallbackHandler):
    """Ends a streamed reply that runs past the timeout, counted from its first token: the HTTP read timeout
    bounds only the wait for each chunk (the first one included), so a server that keeps sending slowly would
    otherwise hold the turn for ever. Counting from the first token leaves the prompt reading to the
    first-token timeout and keeps client start-up and retries out of it."""

    raise_error = True

    def __init__(self, total_s: float) -> None:
        self.total_s = total_s
        self._first_token: dict[UUID, float] = {}

    def on_llm_new_token(self, token: str | list[str | dict[str, Any]], *, run_id: UUID, **kwargs: Any) -> None:
        started = self._first_token.setdefault(run_id, time.monotonic())
        if time.monotonic() - started > self.total_s:
            self._first_token.pop(run_id, None)
            raise ReplyTimeout(f"the model's reply went on for longer than {self.total_s:g} s")

    def on_llm_end(self, response: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._first_token.pop(run_id, None)

    def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._first_token.pop(run_id, None)


def describe_model(model: BaseChatModel, settings: Settings) -> str:
    """The name shown to members and in reports: the configured model, or the model's own name."""
    if getattr(model, "_llm_type", "") == "offline-engine":
        return OFFLINE
    if getattr(model, "_llm_type", "") in ("LiteLLMRouter", "litellm-chat"):
        return settings.model
    return str(getattr(model, "model_name", None) or getattr(model, "_llm_type", "custom"))
