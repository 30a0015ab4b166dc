"""Bearer keys for the API: each demo member's key is derived from the server secret, so nothing is stored.

A key reads `mk_<member id>_<32 hex>`: the prefix says what it is (and lets secret scanners find it), the
member id makes support conversations easier, and the tail is HMAC-SHA256(secret, member id), compared in
constant time. Rotating `ASSISTANT_SECRET` revokes every key at once.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pydantic import SecretStr

KEY_PREFIX = "mk_"
_KEY_SHAPE = re.compile(r"^mk_([A-Za-z0-9-]{1,40})_([0-9a-f]{32})$")


@dataclass(frozen=True)
class DemoMember:
    """A member the demo can sign in as (the UI's dropdown, `assistant keys`)."""

    id: str
    name: str
    rank: str = ""

    @property
    def label(self) -> str:
        rank = f" ({self.rank})" if self.rank else ""
        return f"{self.name}{rank} · {self.id}"


class KeyRing:
    """Derives and checks member API keys; `is_member` says whether a member id still exists."""

    def __init__(self, secret: SecretStr | str, is_member: Callable[[str], bool]) -> None:
        raw = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
        self._secret = raw.encode("utf-8")
        self._is_member = is_member

    def key_for(self, member_id: str) -> str:
        digest = hmac.new(self._secret, member_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
        return f"{KEY_PREFIX}{member_id}_{digest}"

    def member_for(self, key: str | None) -> str | None:
        """The member a key belongs to, or None for a missing, malformed, forged or revoked key."""
        if not key:
            return None
        match = _KEY_SHAPE.match(key.strip())
        if match is None:
            return None
        member_id = match.group(1)
        if not hmac.compare_digest(self.key_for(member_id), key.strip()):
            return None
        return member_id if self._is_member(member_id) else None


def key_lines(ring: KeyRing, members: Iterable[DemoMember]) -> list[str]:
    """`MEMBER_ID KEY` lines, as `assistant keys` prints them."""
    return [f"{member.id} {ring.key_for(member.id)}" for member in members]


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header (case-insensitive scheme), else None."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()
