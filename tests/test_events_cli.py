"""`eventwire events` and `eventwire explain` against a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.commands.explain import argument_spans, dependency_path, explain_event
from eventwire.nlp import load_model
from eventwire.pipeline import Pipeline
from eventwire.store.sqlite import Store

TEXTS = [
    ("Japan held talks with South Korea in Tokyo on Friday. Pakistan did not attack India.", "2023-03-08"),
    ("Canada imposed sanctions against Belarus on Monday.", "2023-02-01"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("events") / "ew.db")
    pipe = Pipeline()
    with Store.open(path) as store:
        for text, date in TEXTS:
            store.save_result(pipe.extract(text, pub_date=date))
        store.conn.commit()
    return path


def _events(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:  # type: ignore[type-arg]
    assert main(["events", *args, "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_lists_unflagged_events(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _events(capsys, "--db", db)
    assert {r["type"] for r in rows} == {"CONSULT", "SANCTION"}


def test_include_flagged(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _events(capsys, "--db", db, "--include-flagged")
    assert any(r["type"] == "ASSAULT" and r["negated"] for r in rows)


def test_filters(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert [r["type"] for r in _events(capsys, "--db", db, "--dyad", "BLR", "CAN")] == ["SANCTION"]
    assert [r["type"] for r in _events(capsys, "--db", db, "--actor", "JPN")] == ["CONSULT"]
    assert [r["type"] for r in _events(capsys, "--db", db, "--type", "SANCTION")] == ["SANCTION"]
    assert [r["type"] for r in _events(capsys, "--db", db, "--since", "2023-03-01")] == ["CONSULT"]
    assert [r["type"] for r in _events(capsys, "--db", db, "--until", "2023-01-31")] == ["SANCTION"]


def test_plain_output(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "SANCTION" in out and "CAN" in out and "BLR" in out


def test_explain(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    (row,) = _events(capsys, "--db", db, "--type", "CONSULT")
    assert main(["explain", row["id"], "--db", db, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["rule"].startswith("hold/V dobj:")
    roles = {p["role"]: p for p in info["paths"]}
    assert roles["source"]["text"] == "Japan" and "nsubj" in roles["source"]["path"]
    assert roles["target"]["text"] == "South Korea" and "with" in roles["target"]["path"]
    assert main(["explain", row["id"], "--db", db]) == 0
    assert "sentence" in capsys.readouterr().out


def test_explain_unknown_event(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "nope", "--db", db]) == 1
    assert "E302" in capsys.readouterr().err


def test_dependency_path() -> None:
    doc = load_model()("Russia accused NATO of lying.")
    assert dependency_path(doc, 1, 0) == "accused -nsubj↓ Russia"
    assert argument_spans("x ; source_spans=0-6") == {"source": [(0, 6)]}


def test_missing_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", str(tmp_path / "none.db")]) == 1


def test_explain_after_fused_name_repair() -> None:
    """Argument spans in the rule refer to the repaired sentence; explain maps them onto the stored text."""
    text = "The talks ended on Sunday. Vladimir Putinaccused NATO of lying on Monday."
    (event,) = [e for e in Pipeline().extract(text, pub_date="2022-02-02").events if e.type == "ACCUSE"]
    s0, s1 = event.sentence_span
    info = explain_event(
        {
            "id": "x",
            "type": event.type,
            "sentence_span": list(event.sentence_span),
            "trigger_span": list(event.trigger_span),
            "rule": event.rule,
            "sentence_text": text[s0:s1],
            "trigger": event.trigger,
        }
    )
    roles = {p["role"]: p for p in info["paths"]}
    assert roles["source"]["text"] == "Vladimir Putin" and "nsubj" in roles["source"]["path"]
    assert roles["target"]["text"] == "NATO" and "dobj" in roles["target"]["path"]
    assert argument_spans("x ; source_at=0-5", 10, "Putin accused", "Putinaccused") == {"source": [(10, 15)]}
