"""The limits probe of the two-process load run: one member's burst spread over both app processes.

Why a burst after the load: the per-member rate limit and in-flight limit only mean something for a
horizontally scaled deployment if the processes count together (through Redis). A burst of `rate_limit + extra`
simultaneous requests for one member, alternating between the processes, must see exactly `rate_limit` of
them pass the rate check (answered, or refused as too many in flight) and `extra` refused as rate limited,
whichever process they reached; while it runs, the member's in-flight slots in Redis are sampled and must
never exceed the in-flight limit, and the in-flight refusals come from both processes.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

MODEL = "member-assistant"
INFLIGHT_PREFIX = "assistant:inflight:"  # assistant.web.limits.RedisInFlightLimiter's default


def _post(url: str, key: str) -> tuple[int, str]:
    body = {"model": MODEL, "messages": [{"role": "user", "content": "What is my points balance?"}]}
    try:
        response = httpx.post(f"{url}/v1/chat/completions", json=body, timeout=120,
                              headers={"Authorization": f"Bearer {key}"})
    except httpx.HTTPError as exc:
        return 0, type(exc).__name__
    if response.status_code == 200:
        return 200, "ok"
    try:
        return response.status_code, str(response.json()["error"]["code"])
    except (ValueError, KeyError, TypeError):
        return response.status_code, "unparsed"


def probe(urls: list[str], key: str, member: str, *, rate_limit: int, in_flight_limit: int, extra: int,
          redis_url: str) -> dict[str, Any]:
    """Fire the burst and return what each process answered, the slots seen, and whether the limits held."""
    import redis

    client = redis.Redis.from_url(redis_url)
    seen: list[int] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            seen.append(int(client.zcard(f"{INFLIGHT_PREFIX}{member}")))
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    sent = rate_limit + extra
    try:
        with ThreadPoolExecutor(sent) as pool:
            answers = list(pool.map(lambda i: (i % len(urls), *_post(urls[i % len(urls)], key)), range(sent)))
    finally:
        stop.set()
        sampler.join(5)
        client.close()
    by_process: dict[str, Counter[str]] = {str(i): Counter() for i in range(len(urls))}
    for process, _status, code in answers:
        by_process[str(process)][code] += 1
    totals = Counter(code for _, _, code in answers)
    passed_rate = totals["ok"] + totals["too_many_in_flight"]
    busy_processes = sum(1 for counts in by_process.values() if counts["too_many_in_flight"])
    return {
        "member": member, "sent": sent, "rate_limit": rate_limit, "in_flight_limit": in_flight_limit,
        "answered": totals["ok"], "refused_in_flight": totals["too_many_in_flight"],
        "refused_rate": totals["rate_limited"], "other": sent - passed_rate - totals["rate_limited"],
        "max_slots_seen": max(seen, default=0), "samples": len(seen),
        "by_process": {k: dict(v) for k, v in by_process.items()},
        "rate_limit_held": passed_rate == rate_limit and totals["rate_limited"] == extra,
        "in_flight_limit_held": max(seen, default=0) <= in_flight_limit and busy_processes == len(urls),
    }
