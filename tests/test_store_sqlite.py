"""The SQLite store's write side: idempotent articles, results saved under the ingested id, errors, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from eventwire.ingest.normalise import make_article
from eventwire.records import ActorRef, Event, ExtractResult, Mention, Quote, Sentence
from eventwire.store.sqlite import MIGRATIONS, SCHEMA_VERSION, Store


def _result(text: str, pub_date: str = "2022-02-02") -> ExtractResult:
    art = make_article(text, pub_date=pub_date, title="Test")
    rus = ActorRef(
        code="RUS", sector="GOV", name="Vladimir Putin", actor_id="person:vladimir-putin", kind="person"
    )
    nato = ActorRef(code="NATO", sector="IGO", name="North Atlantic Treaty Organization", actor_id="org:nato")
    return ExtractResult(
        article=art,
        sentences=[Sentence(0, len(art.text))],
        mentions=[Mention(0, 5, art.text[0:5], "PERSON", rus, "name", 0)],
        events=[
            Event(
                "ACCUSE",
                [rus],
                [nato],
                (0, len(art.text)),
                (6, 14),
                cameo="112",
                quad_class=3,
                goldstein=-2.0,
                event_date="2022-02-01",
                trigger="accused",
            )
        ],  # fmt: skip
        quotes=[Quote("indirect", (20, 30), art.text[20:30], rus, (0, 5), "Putin", "said")],
    )


def test_save_result_is_idempotent(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        r = _result("Putin accused NATO of ignoring Russia's security concerns, he said on Tuesday.")
        for _ in range(2):
            with store.transaction():
                store.save_result(r)
        assert [store.count(t) for t in ("articles", "sentences", "mentions", "events", "event_actors", "quotes")] == [
            1, 1, 1, 1, 2, 1,
        ]  # fmt: skip


def test_save_result_under_the_ingested_id_rewrites_text_and_search(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        raw = make_article("Putinaccused NATO of ignoring the demands.", pub_date="2022-02-02")
        with store.transaction():
            assert store.add_article(raw)
        repaired = _result("Putin accused NATO of ignoring the demands.")
        assert repaired.article.id != raw.id
        with store.transaction():
            store.save_result(repaired, article_id=raw.id)
        assert store.count("articles") == 1
        detail = store.article_detail(raw.id)
        assert detail is not None and detail["text"] == "Putin accused NATO of ignoring the demands."
        assert detail["processed"] == 1 and detail["mentions"][0]["text"] == "Putin"
        assert [r["id"] for r in store.list_articles(search="Putin")] == [raw.id]
        assert store.list_articles(search="Putinaccused") == []
        assert not store.add_article(raw)  # the same input again is recognised


def test_record_error_once_per_path_line_reason(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        assert store.record_error("in/a.jsonl", "malformed JSON (Expecting value at column 8)", 2)
        assert not store.record_error("in/a.jsonl", "malformed JSON (Expecting value at column 8)", 2)
        assert store.record_error("in/a.jsonl", "malformed JSON (Expecting value at column 8)", 3)
        assert store.record_error("in/empty.txt", "empty file")
        assert not store.record_error("in/empty.txt", "empty file")
        assert store.count("ingest_errors") == 3


def test_migrates_a_version_1_file(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '1')")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version() == len(MIGRATIONS) == SCHEMA_VERSION
        triggers = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert "articles_au" in triggers
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_list_articles_filters_and_search_fallback(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store, store.transaction():
        store.add_article(
            make_article(
                "NATO's envoy met the minister in Riga.", pub_date="2022-01-10", outlet="Baltic Post"
            )
        )
        store.add_article(
            make_article("The minister visited Vilnius.", pub_date="2022-02-10", outlet="Amber Wire")
        )
    with Store.open(tmp_path / "a.db") as store:
        assert [r["outlet"] for r in store.list_articles()] == ["Amber Wire", "Baltic Post"]  # newest first
        assert [r["outlet"] for r in store.list_articles(since="2022-02-01")] == ["Amber Wire"]
        assert [r["outlet"] for r in store.list_articles(until="2022-01-31")] == ["Baltic Post"]
        assert [r["outlet"] for r in store.list_articles(outlet="amber wire")] == ["Amber Wire"]
        assert [r["outlet"] for r in store.list_articles(search="minister", since="2022-02-01")] == [
            "Amber Wire"
        ]
        hits = store.list_articles(search="NATO's envoy")  # not FTS5 syntax: retried as phrases
        assert [r["outlet"] for r in hits] == ["Baltic Post"] and "[" in hits[0]["snippet"]
        assert store.match_article_ids("") == [] and store.match_article_ids("%") == []


def test_argument_spans_round_trip_and_default_to_empty_for_older_rows(tmp_path: Path) -> None:
    """Spans saved with an event come back from every read path; rows stored before events carried them
    (their JSON record lacks the keys) read back with empty lists."""
    from eventwire.store import queries as Q

    text = "Putin accused NATO and the United States of ignoring Moscow, he said on Tuesday."
    r = _result(text)
    r.events[0].source_spans = [(0, 5)]
    r.events[0].target_spans = [(14, 18), (23, 40)]
    with Store.open(tmp_path / "a.db") as store:
        with store.transaction():
            store.save_result(r)
        (eid,) = [row[0] for row in store.conn.execute("SELECT id FROM events")]
        event = Q.get_event(store, eid)
        assert event is not None
        assert event["source_spans"] == [[0, 5]]
        assert [text[a:b] for a, b in event["target_spans"]] == ["NATO", "the United States"]
        assert Q.list_events(store)[0][0]["target_spans"] == [[14, 18], [23, 40]]
        article = Q.get_article(store, r.article.id)
        assert article is not None and article["events"][0]["source_spans"] == [[0, 5]]
        detail = store.article_detail(r.article.id)
        assert detail is not None and detail["events"][0]["target_spans"] == [[14, 18], [23, 40]]

        # a row written before the fields existed: the same record without the two keys
        store.conn.execute(
            "UPDATE events SET record = json_remove(record, '$.source_spans', '$.target_spans')"
        )
        assert "source_spans" not in store.conn.execute("SELECT record FROM events").fetchone()[0]
        old = Q.get_event(store, eid)
        assert old is not None and (old["source_spans"], old["target_spans"]) == ([], [])
        detail = store.article_detail(r.article.id)
        assert detail is not None and detail["events"][0]["source_spans"] == []
