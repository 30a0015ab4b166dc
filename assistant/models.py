"""The chat model factory: one settings variable picks the LLM.

`ASSISTANT_MODEL=offline` (the default) is the offline engine; anything else is a litellm model name
(`openai/gpt-4.1-mini`, `anthropic/...`, `ollama/qwen3`, `hosted_vllm/...`, `openai/<name>` with
`ASSISTANT_API_BASE` for any OpenAI-compatible server) served through litellm's Router, which gives
retries, a per-request timeout and, when `ASSISTANT_FALLBACK_MODEL` names another litellm model, a
fallback. `ASSISTANT_FALLBACK_MODEL=offline` is not a litellm deployment: the agent adds LangChain's
`ModelFallbackMiddleware` with the offline engine instead (see `fallback_models`).

Provider credentials are checked here, at start, so a missing key fails with the variable's name rather
than on the first member's message.
"""

from __future__ import annotations

import os
from typing import Any

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
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # never fetch the price map at start
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
        "stream_timeout": settings.request_timeout_s,
    }
    if api_key:
        params["api_key"] = api_key
    if api_base:
        params["api_base"] = api_base
    return {"model_name": name, "litellm_params": params}


def _litellm_router(settings: Settings) -> BaseChatModel:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    from langchain_litellm import ChatLiteLLMRouter
    from litellm.router import Router

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
    )
    return ChatLiteLLMRouter(router=router, model_name="primary", request_timeout=settings.request_timeout_s)


def describe_model(model: BaseChatModel, settings: Settings) -> str:
    """The name shown to members and in reports: the configured model, or the model's own name."""
    if getattr(model, "_llm_type", "") == "offline-engine":
        return OFFLINE
    if getattr(model, "_llm_type", "") in ("LiteLLMRouter", "litellm-chat"):
        return settings.model
    return str(getattr(model, "model_name", None) or getattr(model, "_llm_type", "custom"))
