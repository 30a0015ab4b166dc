"""`assistant keys` prints one `MEMBER_ID KEY` line per demo member, and the keys open the API."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app as cli
from assistant.web.auth import KeyRing, bearer_token


def test_keys_lists_every_member_with_a_working_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("ASSISTANT_SECRET", "s3cret")
    result = CliRunner().invoke(cli, ["keys"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 50 and lines[0].startswith("M0001 mk_M0001_")
    ring = KeyRing("s3cret", lambda member_id: member_id.startswith("M"))
    for line in lines:
        member_id, key = line.split(" ")
        assert ring.member_for(key) == member_id
    assert KeyRing("other", lambda _: True).member_for(lines[0].split(" ")[1]) is None  # the secret matters

    one = CliRunner().invoke(cli, ["keys", "--member", "M0002"])
    assert one.output.strip() == lines[1]
    missing = CliRunner().invoke(cli, ["keys", "--member", "M9999"])
    assert missing.exit_code == 1


def test_bearer_parsing() -> None:
    assert bearer_token("Bearer abc") == "abc" and bearer_token("bearer  abc ") == "abc"
    assert bearer_token("Basic abc") is None and bearer_token("Bearer ") is None and bearer_token(None) is None
