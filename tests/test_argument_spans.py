"""Events' ``source_spans``/``target_spans`` downstream of the coder: the store, ``eventwire explain``,
the HTTP API, the article view's highlights and the exports, on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.commands.explain import explain_event
from eventwire.pipeline import Pipeline
from eventwire.store import Store

# A fused name ("Erdoganaccused"): the pipeline parses a repaired copy and maps offsets back to this text.
FUSED = (
    "Erdoganaccused Sweden and Finland of sheltering Kurdish militants on Tuesday. "
    "Ankara summoned the Swedish ambassador."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("spans") / "ew.db")
    with Store.open(path) as store, store.transaction():
        store.save_result(Pipeline().extract(FUSED, pub_date="2023-01-10"))
    return path


def _event_id(db: str, type_: str) -> str:
    with Store.open(db) as store:
        row = store.conn.execute("SELECT id FROM events WHERE type=?", (type_,)).fetchone()
    assert row is not None, f"no {type_} event coded"
    return str(row[0])


def _explain(db: str, event_id: str, capsys: pytest.CaptureFixture[str]) -> dict[str, list[str]]:
    assert main(["explain", event_id, "--db", db, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    out: dict[str, list[str]] = {}
    for p in info["paths"]:
        out.setdefault(p["role"], []).append(p["text"])
    return out


def test_explain_names_the_words_of_a_fused_name_article(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    eid = _event_id(db, "ACCUSE")
    with Store.open(db) as store:
        record = json.loads(store.conn.execute("SELECT record FROM events WHERE id=?", (eid,)).fetchone()[0])
    assert record["source_spans"] == [[0, 7]]  # "Erdogan", in the stored (unrepaired) text
    assert _explain(db, eid, capsys) == {"source": ["Erdogan"], "target": ["Sweden", "Finland"]}
    assert main(["explain", eid, "--db", db]) == 0
    out = capsys.readouterr().out
    assert "source   Erdogan: accused -nsubj↓ Erdogan" in out
    assert "target   Sweden: accused -dobj↓ Sweden" in out


def test_explain_reads_the_rule_of_records_stored_before_the_fields(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older row (no span keys in its record) is explained from the rule's sentence offsets, which point
    into the repaired sentence ("Erdogan accused ...") and are mapped back over the inserted space."""
    old = tmp_path / "old.db"
    old.write_bytes(Path(db).read_bytes())
    with Store.open(old) as store, store.transaction():
        store.conn.execute(
            "UPDATE events SET record = json_remove(record, '$.source_spans', '$.target_spans')"
        )
    eid = _event_id(str(old), "ACCUSE")
    assert _explain(str(old), eid, capsys) == {"source": ["Erdogan"], "target": ["Sweden", "Finland"]}


def test_explain_prefers_the_record_fields_to_the_rule() -> None:
    """Where both are there the fields win: here the rule's note is deliberately off by a word."""
    text = "Chile accused Peru of stalling the border talks."
    event = {
        "id": "x", "type": "ACCUSE", "sentence_span": [0, len(text)], "trigger_span": [6, 13],
        "trigger": "accused", "sentence_text": text, "rule": "accuse/V ; source_at=14-18 ; target_at=0-5",
        "source_spans": [[0, 5]], "target_spans": [[14, 18]],
    }  # fmt: skip
    info = explain_event(event, text)
    assert [(p["role"], p["text"], p["span"]) for p in info["paths"]] == [
        ("source", "Chile", [0, 5]), ("target", "Peru", [14, 18]),
    ]  # fmt: skip
    assert "nsubj" in info["paths"][0]["path"] and "dobj" in info["paths"][1]["path"]
    assert info["how"] == []  # the span notes are not repeated as rule parts


def test_exports_carry_the_words_and_spans(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CSV and Parquet get flat text columns, JSON Lines and PLOVER lists, all in article offsets."""
    import csv
    import io

    import pyarrow.parquet as pq

    sweden, finland = FUSED.index("Sweden"), FUSED.index("Finland")
    assert main(["export", "--db", db, "-f", "csv"]) == 0
    (row,) = [r for r in csv.DictReader(io.StringIO(capsys.readouterr().out)) if r["type"] == "ACCUSE"]
    assert (row["source_text"], row["source_spans"]) == ("Erdogan", "0-7")
    assert row["target_text"] == "Sweden|Finland"
    assert row["target_spans"] == f"{sweden}-{sweden + 6}|{finland}-{finland + 7}"
    assert "source_words" not in row and "record" not in row

    assert main(["export", "--db", db, "-f", "jsonl"]) == 0
    (rec,) = [r for r in map(json.loads, capsys.readouterr().out.splitlines()) if r["type"] == "ACCUSE"]
    assert rec["source_spans"] == [[0, 7]] and rec["target_text"] == ["Sweden", "Finland"]
    assert [FUSED[a:b] for a, b in rec["target_spans"]] == rec["target_text"]

    assert main(["export", "--db", db, "-f", "plover"]) == 0
    (pl,) = [r for r in map(json.loads, capsys.readouterr().out.splitlines()) if r["event_type"] == "ACCUSE"]
    assert (pl["actor_text"], pl["actor_spans"]) == (["Erdogan"], [[0, 7]])
    assert pl["recipient_text"] == ["Sweden", "Finland"]

    out = tmp_path / "events.parquet"
    assert main(["export", "--db", db, "-f", "parquet", "-o", str(out)]) == 0
    table = pq.read_table(out).to_pylist()
    assert {(r["type"], r["source_text"], r["target_text"]) for r in table} >= {
        ("ACCUSE", "Erdogan", "Sweden|Finland"), ("REQUEST", "Ankara", "the Swedish ambassador"),
    }  # fmt: skip


def test_render_marks_the_fused_article(db: str) -> None:
    """The article view's pieces for the real coder's output: the argument marks sit on the words."""
    from eventwire.store import queries as Q
    from eventwire.web import _render

    with Store.open(db) as store:
        (aid,) = [r[0] for r in store.conn.execute("SELECT id FROM articles")]
        art = Q.get_article(store, aid)
    assert art is not None
    segs = _render.highlight(art["text"], art["events"], art["quotes"], art["mentions"])
    marked = [(s.text, s.title) for s in segs if {"arg-source", "arg-target"} & set(s.classes)]
    assert ("Erdogan", "source of ACCUSE") in marked
    assert ("Sweden", "target of ACCUSE") in marked and ("Finland", "target of ACCUSE") in marked
