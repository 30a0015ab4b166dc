"""Member tokens from the host site: the credential its sign-in hands the widget.

A token is an HS256 JWT (PyJWT) with `sub` (the member id), `exp` (expiry) and `aud` = `member-assistant`,
signed with the key the host site shares with us (`ASSISTANT_MEMBER_TOKEN_SECRET`, or `ASSISTANT_SECRET`).
A JWT because every host site's SSO stack can issue one; HS256 because the host and we share one secret.
The token is exchanged once for a server-side session (see `sessions.py`), so it never has to be kept in
the browser. `assistant token --member M0001` prints one for testing.
"""

from __future__ import annotations

import re
import time

import jwt

AUDIENCE = "member-assistant"
ALGORITHM = "HS256"
MAX_TOKEN_CHARS = 4096
_MEMBER_ID = re.compile(r"^[A-Za-z0-9-]{1,40}$")


def issue_member_token(key: str, member_id: str, ttl_s: int = 3600, now: float | None = None) -> str:
    """What the host site does after its own sign-in (here for tests and `assistant token`)."""
    issued = int(time.time() if now is None else now)
    claims = {"sub": member_id, "aud": AUDIENCE, "iat": issued, "exp": issued + ttl_s}
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def member_from_token(key: str, token: str | None) -> str | None:
    """The member id of a valid token; None if it is missing, malformed, expired, forged or for another app."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    try:
        claims = jwt.decode(token.strip(), key, algorithms=[ALGORITHM], audience=AUDIENCE,
                            options={"require": ["sub", "exp", "aud"]})
    except jwt.PyJWTError:
        return None
    member_id = claims.get("sub")
    if not isinstance(member_id, str) or not _MEMBER_ID.match(member_id):
        return None
    return member_id
