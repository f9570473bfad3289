"""`eventwire serve` as a user runs it: a real process on a free loopback port, and its refusals."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import _webstore as ws  # noqa: E402
from eventwire.cli import main  # noqa: E402


def test_serve_refuses_a_missing_db_and_ingest_without_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 1
    assert "E201" in capsys.readouterr().err
    db = ws.build_store(tmp_path / "s.db", pipeline=False)
    assert main(["serve", "--db", str(db), "--allow-ingest", "--token", ""]) == 1
    assert "E602" in capsys.readouterr().err
    assert main(["serve", "--db", str(db), "--allow-ingest", "--token", "short"]) == 1
    assert "E603" in capsys.readouterr().err


def test_serve_process_answers_on_loopback(tmp_path: Path) -> None:
    db = ws.build_store(tmp_path / "s.db", pipeline=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port),
           "--log-level", "warning"]  # fmt: skip
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(base + "/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["articles"] == 4
        assert httpx.get(base + "/", timeout=10).status_code == 200
        assert httpx.post(base + "/api/ingest", json={"text": "x"}, timeout=10).status_code in (404, 405)
        assert httpx.get(f"http://localhost:{port}/api/stats", timeout=10).status_code == 200
        # a page on another site reaching the loopback server by DNS rebinding carries its own host name
        rebound = httpx.get(base + "/api/stats", headers={"Host": "evil.example"}, timeout=10)
        assert rebound.status_code == 400
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert "read-only" in err


def test_serve_upgrades_an_older_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from eventwire.commands.serve import _upgrade_schema
    from eventwire.store import Store, sqlite

    full = list(sqlite.MIGRATIONS)
    db = tmp_path / "old.db"
    with monkeypatch.context() as m:  # a file made by a release that had only the first two migrations
        m.setattr(sqlite, "MIGRATIONS", full[:2])
        Store.open(db).close()
    _upgrade_schema(str(db))
    assert f"from schema 2 to {len(full)}" in capsys.readouterr().err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(len(full))
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name='events_flagged_date'").fetchone()
    conn.close()
