"""``eventwire quotes`` against a real SQLite file filled by the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.pipeline import Pipeline
from eventwire.store.sqlite import Store

TEXT = (
    "Moscow rejects NATO reply.\n\n"
    "“We want good relations with every country in Europe,” Sergei Lavrov said on Monday.\n\n"
    "The Turkish foreign ministry said the talks in Ankara would resume next week.\n\n"
    "Antony Blinken told reporters that the alliance would answer in writing."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("quotes") / "q.db"
    result = Pipeline().extract(TEXT, pub_date="2022-01-31")
    with Store.open(path) as store, store.transaction():
        store.save_result(result)
    return str(path)


def _run_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:  # type: ignore[type-arg]
    assert main(["quotes", *args, "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_lists_every_quote(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _run_json(capsys, "--db", db)
    assert len(rows) == 3
    assert {r["kind"] for r in rows} == {"direct", "indirect"}
    assert all({"content_span", "speaker", "speaker_span", "cue", "confidence"} <= set(r) for r in rows)


def test_speaker_surname_and_search(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _run_json(capsys, "--db", db, "--speaker", "lavrov")
    assert [r["text"] for r in rows] == ["We want good relations with every country in Europe"]
    rows = _run_json(capsys, "--db", db, "--search", "writing")
    assert [r["speaker_text"] for r in rows] == ["Antony Blinken"]
    assert _run_json(capsys, "--db", db, "--speaker", "Lavrov", "--search", "writing") == []


def test_kind_and_article_filters(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _run_json(capsys, "--db", db, "--kind", "direct")
    assert len(rows) == 1
    article = rows[0]["article_id"][:10]
    assert len(_run_json(capsys, "--db", db, "--article", article, "--limit", "2")) == 2


def test_plain_output(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", "--db", db, "--speaker", "Blinken"]) == 0
    out = capsys.readouterr().out
    assert "Antony Blinken" in out and "alliance would answer in writing" in out


def test_missing_database_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", "--db", str(tmp_path / "none.db")]) == 1
    assert "E201" in capsys.readouterr().err
