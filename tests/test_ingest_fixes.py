"""Two store/ingest fixes on real SQLite files: ``ingest --no-code`` leaves articles for a later coding run,
and schema 4's story_articles(article_id) index, which story updates look articles up in."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from eventwire.analysis import stories as S
from eventwire.cli import main
from eventwire.ingest.normalise import make_article
from eventwire.records import ExtractResult, Sentence
from eventwire.store import sqlite as store_sqlite
from eventwire.store.sqlite import MIGRATIONS, SCHEMA_VERSION, Store

INDEX = "story_articles_article"


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        out = {
            t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])  # noqa: S608 - fixed names
            for t in ("articles", "sentences", "mentions", "events", "event_actors", "quotes")
        }
        out["unprocessed"] = int(
            conn.execute("SELECT COUNT(*) FROM articles WHERE processed=0").fetchone()[0]
        )
        return out


def _ingest(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["ingest", *args, "--json"]) == 0
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


def _write_articles(folder: Path) -> list[str]:
    folder.mkdir()
    (folder / "border.txt").write_text(
        "date 2023-05-09 Kenya accuses Uganda of border raid\n\n"
        "Kenya accused Uganda of sending troops across the border near Busia on Monday. "
        '"Our soldiers will defend every village," Kenyan President William Ruto said in Nairobi.',
        encoding="utf-8",
    )
    (folder / "talks.txt").write_text(
        "date 2023-05-10 Kenya and Uganda hold talks\n\n"
        "Kenyan Foreign Minister Alfred Mutua met his Ugandan counterpart in Kampala on Tuesday to ease "
        "tensions over the border.",
        encoding="utf-8",
    )
    return [str(folder / "border.txt"), str(folder / "talks.txt")]


# -- ingest --no-code, then a coding run ------------------------------------------------------------
def test_no_code_articles_are_coded_once_by_a_later_ingest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _write_articles(tmp_path / "in")
    db = tmp_path / "news.db"

    first = _ingest([*paths, "--db", str(db), "--no-code"], capsys)
    assert (first["stored"], first["processed"], first["events"], first["quotes"]) == (2, 2, 0, 0)
    after_no_code = _counts(db)
    assert after_no_code["articles"] == 2 and after_no_code["unprocessed"] == 2
    assert after_no_code["events"] == 0 and after_no_code["quotes"] == 0
    assert after_no_code["sentences"] > 0 and after_no_code["mentions"] > 0  # parsed: --no-code did its part

    # --no-code again: nothing left to parse, nothing changes, and the articles still wait for coding
    again = _ingest([*paths, "--db", str(db), "--no-code"], capsys)
    assert (again["resumed"], again["processed"], again["duplicates"]) == (0, 0, 2)
    assert _counts(db) == after_no_code

    # a plain run over the same files codes both articles, once, under their stored ids
    coded = _ingest([*paths, "--db", str(db)], capsys)
    assert (coded["stored"], coded["resumed"], coded["processed"], coded["duplicates"]) == (0, 2, 2, 2)
    after_coding = _counts(db)
    assert after_coding["articles"] == 2 and after_coding["unprocessed"] == 0
    assert after_coding["events"] > 0 and after_coding["quotes"] > 0
    assert after_coding["events"] == coded["events"] and after_coding["quotes"] == coded["quotes"]
    assert after_coding["sentences"] == after_no_code["sentences"]  # re-parsed, not added twice
    assert after_coding["mentions"] == after_no_code["mentions"]

    # coding the same texts in a fresh database gives the same counts: nothing was doubled
    fresh_db = tmp_path / "fresh.db"
    _ingest([*paths, "--db", str(fresh_db)], capsys)
    assert _counts(fresh_db) == after_coding

    # a third run (and a resume with no inputs given) changes nothing
    third = _ingest([*paths, "--db", str(db)], capsys)
    assert (third["stored"], third["resumed"], third["processed"], third["duplicates"]) == (0, 0, 0, 2)
    assert _counts(db) == after_coding
    with sqlite3.connect(db) as conn:
        joined = int(conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0])
    assert joined == 2  # coded articles join stories (uncoded ones waited)


def test_a_plain_run_without_the_inputs_resumes_no_code_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _write_articles(tmp_path / "in")
    db = tmp_path / "news.db"
    _ingest([paths[0], "--db", str(db), "--no-code"], capsys)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0] == 0  # uncoded: no story yet
    # only the second file is given: the first article is coded from the store
    run = _ingest([paths[1], "--db", str(db)], capsys)
    assert (run["resumed"], run["stored"], run["processed"]) == (1, 1, 2)
    counts = _counts(db)
    assert counts["unprocessed"] == 0 and counts["events"] == run["events"] > 0


def test_no_code_leaves_non_english_articles_done(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Only English is coded, so a Portuguese report has nothing left for a coding run to do.
    f = tmp_path / "pt.txt"
    f.write_text(
        "date 2023-05-10 Quénia e Uganda reabrem a fronteira\n\nOs governos do Quénia e do Uganda reabriram "
        "na quarta-feira a passagem de Busia aos camiões de carga.",
        encoding="utf-8",
    )
    db = tmp_path / "pt.db"
    first = _ingest([str(f), "--db", str(db), "--no-code"], capsys)
    assert (first["non_english"], _counts(db)["unprocessed"]) == (1, 0)
    assert _ingest([str(f), "--db", str(db)], capsys)["resumed"] == 0


def test_save_result_coded_false_keeps_the_article_waiting(tmp_path: Path) -> None:
    art = make_article("Kenya recalled its ambassador from Kampala on Friday.", pub_date="2023-05-12")
    parsed = ExtractResult(article=art, sentences=[Sentence(0, len(art.text))])
    with Store.open(tmp_path / "a.db") as store:
        with store.transaction():
            store.add_article(art)
        assert [a.id for a in store.unprocessed_articles(unparsed_only=True)] == [art.id]
        with store.transaction():
            store.save_result(parsed, coded=False)
        assert [a.id for a in store.unprocessed_articles()] == [art.id]  # a coding run still finds it
        assert list(store.unprocessed_articles(unparsed_only=True)) == []  # a parse-only run does not
        with store.transaction():
            store.save_result(parsed)
        assert list(store.unprocessed_articles()) == []
        assert store.count("sentences") == 1


# -- schema 4: story_articles(article_id) --------------------------------------------------------------
def _index_columns(conn: sqlite3.Connection) -> list[str]:
    names = [r[1] for r in conn.execute("PRAGMA index_list(story_articles)")]
    assert INDEX in names
    return [r[2] for r in conn.execute(f"PRAGMA index_info({INDEX})")]


def test_fresh_database_has_the_story_articles_article_index(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new.db") as store:
        assert store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS) >= 4
        assert _index_columns(store.conn) == ["article_id", "story_id"]


BORDER = [  # (date, headline, body): two outlets on one border reopening, a flood, then a third outlet
    ("2023-05-10", "Kenya and Uganda reopen Busia border to trucks",
     "Kenya and Uganda agreed on Wednesday to reopen the Busia border crossing to cargo trucks.\n\n"
     "Customs posts on both sides will reopen within a week, officials said."),
    ("2023-05-11", "Busia border crossing to reopen for cargo trucks",
     "The Busia crossing between Uganda and Kenya will reopen to cargo trucks, the two governments said.\n\n"
     "Traders welcomed the end of the closure."),
    ("2023-05-10", "Floods cut the main road north of Beira",
     "Floods cut the main road north of Beira in Mozambique on Wednesday, stranding hundreds of buses."),
    ("2023-05-12", "Trucks queue as Busia border crossing reopens",
     "Cargo trucks queued at Busia on Friday as the border crossing between Kenya and Uganda reopened.\n\n"
     "Customs officials said the posts would work around the clock."),
]  # fmt: skip


def _save(store: Store, spec: tuple[str, str, str]) -> str:
    day, title, body = spec
    art = make_article(f"{title}\n\n{body}", pub_date=day, title=title)
    with store.transaction():
        store.save_result(ExtractResult(article=art, sentences=[Sentence(0, len(art.text))]))
    return art.id


def _story_rows(store: Store) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    c = store.conn
    return (
        [tuple(r) for r in c.execute("SELECT * FROM stories ORDER BY id")],
        [tuple(r) for r in c.execute("SELECT * FROM story_articles ORDER BY story_id, article_id")],
    )


def test_a_schema_3_database_gains_the_index_and_keeps_its_stories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "old.db"
    with monkeypatch.context() as m:  # a file made by a release that had only the first three migrations
        m.setattr(store_sqlite, "MIGRATIONS", MIGRATIONS[:3])
        with Store.open(db) as old:
            assert old.schema_version() == 3
            assert INDEX not in [r[1] for r in old.conn.execute("PRAGMA index_list(story_articles)")]
            ids = [_save(old, spec) for spec in BORDER[:3]]
            assert S.update_stories(old).new_stories == 2
            before = _story_rows(old)
    with Store.open(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert _index_columns(store.conn) == ["article_id", "story_id"]
        assert _story_rows(store) == before  # the migration touches no story
        assert S.update_stories(store).assigned == 0  # every article was placed before the upgrade
        later = _save(store, BORDER[3])
        change = S.update_stories(store)
        assert (change.assigned, change.new_stories, change.grown_stories) == (1, 0, 1)
        reopening = S.get_story(store, S.story_id(ids[0]))
        assert reopening is not None and [a["id"] for a in reopening["articles"]] == [ids[0], ids[1], later]
        placed = _story_rows(store)
        assert S.recluster_stories(store).assigned == 4
        assert _story_rows(store) == placed  # from scratch: the same stories


def _plans(conn: sqlite3.Connection, statements: list[str]) -> list[tuple[str, list[str]]]:
    out = []
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "DELETE", "INSERT", "WITH")):
            out.append((sql, [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql)]))
    return out


def test_story_update_looks_articles_up_by_index(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        for spec in BORDER[:3]:
            _save(store, spec)
        S.update_stories(store)
        _save(store, BORDER[3])
        statements: list[str] = []
        store.conn.set_trace_callback(statements.append)
        try:
            change = S.update_stories(store)
        finally:
            store.conn.set_trace_callback(None)
        assert change.assigned == 1
        plans = _plans(store.conn, statements)
    lookups = [(sql, plan) for sql, plan in plans if "story_articles" in sql]
    for sql, plan in lookups:
        # no statement walks story_articles or articles row by row (the stories table is small; articles
        # rows hold whole texts): every scan is of an index
        bare = [s for s in plan if s.startswith("SCAN ") and "INDEX" not in s and s.split()[1] != "stories"]
        assert not bare, (sql, plan)
    by_article = [sql for sql, plan in lookups if any(f"INDEX {INDEX} (article_id=?)" in s for s in plan)]
    # the articles in no story, the stories of the articles around the new ones, and their members' stories
    assert len(by_article) == 3, lookups
