"""``eventwire actors`` against a real SQLite store filled by the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.ingest.normalise import make_article
from eventwire.pipeline import Pipeline
from eventwire.store.sqlite import Store

ARTICLES = [
    ("Sergei Lavrov met Antony Blinken in Geneva. Lavrov said Moscow wanted guarantees.", "2022-01-21"),
    ("Russian troops shelled the town. The Kremlin denied it. Lavrov blamed Kyiv.", "2022-03-05"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("actors") / "test.db"
    pipe = Pipeline(code=False)
    with Store.open(path) as store, store.transaction():
        for text, date in ARTICLES:
            for result in pipe.process([make_article(text, pub_date=date)]):
                store.save_result(result)
    return path


def test_list_counts_mentions(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actors", "--db", str(db), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    lavrov = next(r for r in rows if r["actor_id"] == "person:sergei-lavrov")
    assert lavrov["mentions"] == 3 and lavrov["articles"] == 2 and lavrov["code"] == "RUS"
    troops = next(r for r in rows if r["id"] == "unnamed:RUS/MIL")
    assert troops["actor_id"] is None and troops["mentions"] == 1
    assert rows == sorted(rows, key=lambda r: -r["mentions"])


def test_search(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actors", "--db", str(db), "--search", "blink", "--json"]) == 0
    ids = [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()]
    assert ids == ["person:antony-blinken"]


def test_one_actor_with_offices_and_mentions(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actors", "--db", str(db), "--id", "person:sergei-lavrov", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["name"] == "Sergei Lavrov" and d["mention_count"] == 3
    assert any(o["office"] == "foreign_minister" for o in d["offices"])
    assert {m["how"] for m in d["mentions"]} >= {"name", "surname"}


def test_text_output(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actors", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "person:sergei-lavrov" in out and "mentions" in out.splitlines()[0]
    assert main(["actors", "--db", str(db), "--id", "person:sergei-lavrov"]) == 0
    assert "Minister" in capsys.readouterr().out


def test_unknown_actor_is_an_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actors", "--db", str(db), "--id", "person:no-such-person"]) == 1
    assert "E210" in capsys.readouterr().err


def test_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actors", "--db", str(tmp_path / "none.db")]) == 1
