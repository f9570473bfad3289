"""``articles``, ``show``, ``stats``, ``export``, ``demo`` and ``extract`` through ``eventwire.cli.main`` on
real SQLite files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.commands.export import GDELT_COLUMNS
from eventwire.ingest.normalise import make_article
from eventwire.records import ActorRef, Event, ExtractResult, Mention, Quote, Sentence
from eventwire.store import Store

DATA = Path(__file__).parent / "data" / "ingest"

TEXT = (
    "Moscow accuses NATO of ignoring its demands\n\n"
    "President Vladimir Putin accused NATO on Tuesday of ignoring Russia's security demands. "
    '"We are still ready to talk," he told reporters in Moscow. '
    "The foreign minister did not threaten any retaliation, officials said."
)


def _coded_db(path: Path) -> str:
    """A database holding one article with hand-made mentions, two events (one negated) and a quote."""
    art = make_article(TEXT, pub_date="2022-02-02", title="Moscow accuses NATO of ignoring its demands",
                       url="https://example.org/moscow", outlet="Steppe Wire")  # fmt: skip
    t = art.text
    putin = ActorRef(
        code="RUS", sector="GOV", name="Vladimir Putin", actor_id="person:vladimir-putin", kind="person"
    )
    nato = ActorRef(code="NATO", sector="IGO", name="North Atlantic Treaty Organization", actor_id="org:nato")
    rus_gov = ActorRef(code="RUS", sector="GOV")
    s1 = t.index("President")
    s1_end = t.index("demands.", s1) + len("demands.")
    s3 = t.index("The foreign")
    mentions = [
        Mention(
            t.index("Vladimir Putin"),
            t.index("Vladimir Putin") + 14,
            "Vladimir Putin",
            "PERSON",
            putin,
            "name",
            1,
        ),
        Mention(t.index("NATO on"), t.index("NATO on") + 4, "NATO", "ORG", nato, "name", 1),
        Mention(t.index("he told"), t.index("he told") + 2, "he", "pronoun", putin, "pronoun", 2),
    ]
    accuse = Event("ACCUSE", [putin], [nato], (s1, s1_end), (t.index("accused"), t.index("accused") + 7),
                   mode="disapprove", cameo="112", quad_class=3, goldstein=-2.0, event_date="2022-02-01",
                   date_basis="text", trigger="accused", rule="test",
                   source_spans=[(mentions[0].start, mentions[0].end)],
                   target_spans=[(mentions[1].start, mentions[1].end)])  # fmt: skip
    threaten = Event("THREATEN", [rus_gov], [], (s3, len(t)), (t.index("threaten"), t.index("threaten") + 8),
                     cameo="130", quad_class=3, goldstein=-4.4, event_date="2022-02-02", negated=True,
                     trigger="threaten", rule="test")  # fmt: skip
    q0 = t.index("We are")
    quote = Quote("direct", (q0, q0 + len("We are still ready to talk,") - 1), "We are still ready to talk", putin,
                  (t.index("he told"), t.index("he told") + 2), "he", "told", 0.9, "test")  # fmt: skip
    result = ExtractResult(
        art, [Sentence(0, s1 - 2), Sentence(s1, s1_end)], mentions, [accuse, threaten], [quote]
    )
    with Store.open(path) as store, store.transaction():
        store.save_result(result)
    return art.id


@pytest.fixture()
def coded_db(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "coded.db"
    return db, _coded_db(db)


def _jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# -- articles / show / stats ----------------------------------------------------------------------------
def test_articles_list_search_and_json(
    coded_db: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, aid = coded_db
    assert main(["articles", "--db", str(db), "--json"]) == 0
    (row,) = _jsonl(capsys.readouterr().out)
    assert row["id"] == aid and row["outlet"] == "Steppe Wire" and row["pub_date"] == "2022-02-02"
    assert main(["articles", "--db", str(db), "--search", "security demands", "--json"]) == 0
    (hit,) = _jsonl(capsys.readouterr().out)
    assert "[security]" in str(hit["snippet"])
    assert main(["articles", "--db", str(db), "--search", "Vilnius"]) == 0
    assert capsys.readouterr().out.strip() == "no articles match"
    assert main(["articles", "--db", str(db), "--since", "2022-02-03", "--json"]) == 0
    assert capsys.readouterr().out == ""


def test_read_commands_need_an_existing_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["articles", "--db", str(tmp_path / "none.db")]) == 1
    assert "E201" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_show_by_prefix_highlights_and_lists(
    coded_db: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, aid = coded_db
    assert main(["show", aid[:8], "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "[Vladimir Putin] accused [NATO] on Tuesday" in out  # no tty: brackets instead of colours
    assert "\033[" not in out
    assert "EVENT 2022-02-01 RUS GOV (Vladimir Putin) -> ACCUSE/disapprove -> NATO IGO" in out
    assert "[negated]" in out
    assert '"accused"  words "Vladimir Putin" -> "NATO"' in out  # the words naming its actors
    assert 'QUOTE direct   Vladimir Putin: "We are still ready to talk"' in out
    assert main(["show", aid, "--db", str(db), "--json"]) == 0
    detail = json.loads(capsys.readouterr().out)
    assert [len(detail[k]) for k in ("sentences", "mentions", "events", "quotes")] == [2, 3, 2, 1]
    assert detail["events"][0]["source"][0]["name"] == "Vladimir Putin"
    assert main(["show", "nothere", "--db", str(db)]) == 1
    assert "E202" in capsys.readouterr().err


def test_show_colours_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.commands.show import highlight

    out = highlight(
        "Lavrov met Blinken.",
        [{"start": 0, "end": 6, "label": "PERSON"}, {"start": 11, "end": 18, "label": "PERSON"}],
        True,
    )
    assert out == "\033[1;36mLavrov\033[0m met \033[1;36mBlinken\033[0m."


def test_stats(coded_db: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = coded_db
    assert main(["stats", "--db", str(db), "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["counts"]["articles"] == 1 and s["counts"]["events"] == 2 and s["counts"]["quotes"] == 1
    assert s["events_by_type"] == {"ACCUSE": 1, "THREATEN": 1} and s["events_flagged"] == 1
    assert s["by_language"] == {"en": 1} and s["date_range"] == {"first": "2022-02-02", "last": "2022-02-02"}
    assert s["resolved_actors"] == 2
    assert main(["stats", "--db", str(db)]) == 0
    assert "events       ACCUSE 1, THREATEN 1 (1 flagged)" in capsys.readouterr().out


# -- export ----------------------------------------------------------------------------------------------
def test_export_events_csv_and_jsonl(coded_db: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    db, aid = coded_db
    assert main(["export", "--db", str(db), "--format", "csv", "--what", "events"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["type"] for r in rows] == ["ACCUSE", "THREATEN"]
    assert rows[0]["source_code"] == "RUS" and rows[0]["target_code"] == "NATO" and rows[0]["cameo"] == "112"
    assert rows[0]["sentence_text"].startswith("President Vladimir Putin accused NATO")
    assert "record" not in rows[0]
    assert main(["export", "--db", str(db), "-f", "jsonl", "-w", "events"]) == 0
    recs = _jsonl(capsys.readouterr().out)
    assert recs[0]["article_id"] == aid and recs[0]["source"][0]["actor_id"] == "person:vladimir-putin"  # type: ignore[index]
    assert recs[1]["negated"] is True
    # the words naming the actors: flat text columns in CSV, lists in JSON Lines; none for THREATEN
    putin, nato = TEXT.index("Vladimir Putin"), TEXT.index("NATO on")
    assert (rows[0]["source_text"], rows[0]["target_text"]) == ("Vladimir Putin", "NATO")
    assert (rows[0]["source_spans"], rows[0]["target_spans"]) == (
        f"{putin}-{putin + 14}",
        f"{nato}-{nato + 4}",
    )
    assert [rows[1][k] for k in ("source_text", "source_spans", "target_text", "target_spans")] == [""] * 4
    assert (recs[0]["source_spans"], recs[0]["source_text"]) == ([[putin, putin + 14]], ["Vladimir Putin"])
    assert (recs[1]["target_spans"], recs[1]["target_text"]) == ([], [])


def test_export_of_records_stored_before_argument_spans(
    coded_db: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows written before events carried source/target spans export with empty span columns and lists."""
    db, _ = coded_db
    with Store.open(db) as store, store.transaction():
        store.conn.execute(
            "UPDATE events SET record = json_remove(record, '$.source_spans', '$.target_spans')"
        )
    assert main(["export", "--db", str(db), "-f", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["source_text"], r["source_spans"], r["target_text"]) for r in rows] == [("", "", "")] * 2
    assert main(["export", "--db", str(db), "-f", "jsonl"]) == 0
    recs = _jsonl(capsys.readouterr().out)
    assert [(r["source_spans"], r["target_spans"], r["source_text"]) for r in recs] == [([], [], [])] * 2
    assert main(["export", "--db", str(db), "-f", "plover"]) == 0
    (rec,) = _jsonl(capsys.readouterr().out)
    assert (rec["actor_spans"], rec["recipient_text"]) == ([], [])


def test_export_quotes_articles_mentions(
    coded_db: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, aid = coded_db
    for what, n in (("quotes", 1), ("articles", 1), ("mentions", 3)):
        out = tmp_path / f"{what}.jsonl"
        assert main(["export", "--db", str(db), "-f", "jsonl", "-w", what, "-o", str(out), "--json"]) == 0
        assert json.loads(capsys.readouterr().out) == {
            "out": str(out),
            "format": "jsonl",
            "what": what,
            "rows": n,
        }
        assert len(_jsonl(out.read_text(encoding="utf-8"))) == n
    q = _jsonl((tmp_path / "quotes.jsonl").read_text(encoding="utf-8"))[0]
    assert q["text"] == "We are still ready to talk" and q["speaker_name"] == "Vladimir Putin"
    a = _jsonl((tmp_path / "articles.jsonl").read_text(encoding="utf-8"))[0]
    assert a["id"] == aid and str(a["text"]).startswith("Moscow accuses NATO")


def test_export_parquet_reads_back_typed(coded_db: tuple[Path, str], tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    db, _ = coded_db
    out = tmp_path / "events.parquet"
    assert main(["export", "--db", str(db), "-f", "parquet", "-w", "events", "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert table.num_rows == 2
    assert table.column("type").to_pylist() == ["ACCUSE", "THREATEN"]
    assert str(table.schema.field("goldstein").type) == "double"
    assert str(table.schema.field("negated").type) == "int64"
    assert table.column("target_code").to_pylist() == ["NATO", None]
    assert table.column("source_text").to_pylist() == ["Vladimir Putin", ""]
    assert str(table.schema.field("target_spans").type) == "string"
    out = tmp_path / "mentions.parquet"
    assert main(["export", "--db", str(db), "-f", "parquet", "-w", "mentions", "-o", str(out)]) == 0
    assert pq.read_table(out).column("text").to_pylist() == ["Vladimir Putin", "NATO", "he"]


def test_export_parquet_needs_out(coded_db: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = coded_db
    assert main(["export", "--db", str(db), "-f", "parquet"]) == 1
    assert "E211" in capsys.readouterr().err


def test_export_gdelt_tsv(coded_db: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    db, aid = coded_db
    assert main(["export", "--db", str(db), "-f", "gdelt"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out), delimiter="\t"))
    assert len(rows) == 1  # the negated THREATEN is left out
    r = rows[0]
    assert list(r) == list(GDELT_COLUMNS)
    assert (r["SQLDATE"], r["MonthYear"], r["Year"]) == ("20220201", "202202", "2022")
    assert (r["Actor1Code"], r["Actor1CountryCode"], r["Actor1Type1Code"], r["Actor1Name"]) == (
        "RUSGOV",
        "RUS",
        "GOV",
        "Vladimir Putin",
    )
    assert (r["Actor2Code"], r["Actor2CountryCode"], r["Actor2KnownGroupCode"]) == ("NATO", "", "NATO")
    assert (r["EventCode"], r["EventBaseCode"], r["EventRootCode"]) == ("112", "112", "11")
    assert (r["QuadClass"], r["GoldsteinScale"], r["IsRootEvent"]) == ("3", "-2.0", "1")
    assert (
        r["SOURCEURL"] == "https://example.org/moscow"
        and r["ArticleID"] == aid
        and r["PLOVERType"] == "ACCUSE"
    )
    assert main(["export", "--db", str(db), "-f", "gdelt", "--include-flagged"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3


def test_export_plover(coded_db: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    db, aid = coded_db
    assert main(["export", "--db", str(db), "-f", "plover"]) == 0
    (rec,) = _jsonl(capsys.readouterr().out)
    assert (rec["event_type"], rec["event_mode"], rec["event_date"]) == ("ACCUSE", "disapprove", "2022-02-01")
    assert (rec["actor_country"], rec["actor_name"], rec["recipient_country"]) == (
        "RUS",
        "Vladimir Putin",
        "NATO",
    )
    assert rec["story_id"] == aid and rec["source"] == "Steppe Wire" and rec["event_intensity"] == -2.0
    assert str(rec["event_text"]).startswith("President Vladimir Putin accused NATO on Tuesday")
    assert main(["export", "--db", str(db), "-f", "plover", "-w", "quotes"]) == 1
    assert "E210" in capsys.readouterr().err


# -- demo / extract -------------------------------------------------------------------------------------
def _samples(folder: Path) -> Path:
    folder.mkdir()
    (folder / "001_talks.txt").write_text(
        "date 2022-02-01 Foreign ministers speak by phone\noutlet: Meridian Wire\n\n"
        "The foreign ministers of Russia and the United States spoke by phone on Tuesday, officials said.",
        encoding="utf-8",
    )
    (folder / "002_troops.txt").write_text(
        "date 2022-02-03 Troops arrive for exercises\noutlet: Baltic Post\n\n"
        "Russian troops arrived in Belarus on Thursday for joint military exercises.",
        encoding="utf-8",
    )
    (folder / "README.md").write_text("not an article", encoding="utf-8")
    return folder


def test_demo_builds_fresh_db_and_refuses_foreign_db(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    samples, db = _samples(tmp_path / "samples"), tmp_path / "demo.db"
    assert main(["demo", "--db", str(db), "--samples", str(samples), "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["articles"] == 2 and s["outlets"] == 2 and s["sentences"] >= 2 and s["mentions"] >= 2
    assert s["date_range"] == {"first": "2022-02-01", "last": "2022-02-03"} and s["errors"] == 0
    assert (
        main(["demo", "--db", str(db), "--samples", str(samples)]) == 0
    )  # its own DB: replaced, not added to
    out = capsys.readouterr().out
    assert "articles   2 from 2 outlets, 2022-02-01 .. 2022-02-03" in out
    other = tmp_path / "mine.db"
    assert main(["ingest", str(samples / "001_talks.txt"), "--db", str(other)]) == 0
    assert main(["demo", "--db", str(other), "--samples", str(samples)]) == 1
    assert "E220" in capsys.readouterr().err
    assert main(["demo", "--db", str(other), "--samples", str(samples), "--force", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 2


def test_demo_on_bundled_samples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from eventwire.commands.demo import SAMPLES_DIR

    n = len(list(SAMPLES_DIR.glob("*.txt")))
    if n == 0:
        pytest.skip("the bundled sample corpus has not landed yet")
    assert main(["demo", "--db", str(tmp_path / "d.db"), "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["articles"] == n and s["errors"] == 0 and s["sentences"] > n


def test_extract_jsonl_keeps_input_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(
        '{"id": "doc-7", "text": "Lavrov met Blinken in Geneva on Friday.", "pub_date": "2022-01-21"}\n'
        '{"id": "doc-8", "text": "bad date here", "pub_date": "2022-02-30"}\n'
        '{"id": "doc-9", "text": "The talks ended without agreement.", "pub_date": "2022-01-22"}\n',
        encoding="utf-8",
    )
    assert main(["extract", str(f), "--json"]) == 0
    captured = capsys.readouterr()
    out = _jsonl(captured.out)
    assert [o["id"] for o in out] == ["doc-7", "doc-9"]
    assert out[0]["pub_date"] == "2022-01-21" and out[0]["sentences"] == [{"start": 0, "end": 39}]
    assert {"mentions", "events", "quotes", "title", "language"} <= set(out[0])
    assert "in.jsonl:2: impossible date" in captured.err
    assert not list(tmp_path.glob("*.db"))  # no database is made


def test_extract_text_file_human_and_all_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text("date 2022-03-01 Envoys meet\n\nThe envoys met in Ankara on Monday.", encoding="utf-8")
    assert main(["extract", str(f)]) == 0
    out = capsys.readouterr().out
    assert "2022-03-01  Envoys meet" in out and "sentences" in out
    assert main(["extract", str(tmp_path / "missing.txt"), "--json"]) == 1
    assert capsys.readouterr().out == ""


def test_every_command_has_help_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    for cmd in ("ingest", "articles", "show", "stats", "export", "demo", "extract"):
        with pytest.raises(SystemExit):
            main([cmd, "--help"])
        out = capsys.readouterr().out
        assert "example:\n  eventwire " + cmd in out and "--json" in out, cmd
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    help_text = capsys.readouterr().out
    for col in ("SQLDATE", "Actor1Code", "Actor1CountryCode", "Actor2Code", "EventCode", "EventRootCode", "QuadClass",
                "GoldsteinScale", "SOURCEURL"):  # fmt: skip
        assert col in help_text


def test_extract_ids_match_ingest_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    # a fused name ("Putinaccused") that text repair may split: the id must still be the one ingest stores
    f.write_text(
        "date 2022-02-02 Talks\n\nVladimir Putinaccused NATO of ignoring the demands.", encoding="utf-8"
    )
    assert main(["extract", str(f), "--json"]) == 0
    (out,) = _jsonl(capsys.readouterr().out)
    db = tmp_path / "x.db"
    assert main(["ingest", str(f), "--db", str(db), "--json"]) == 0
    capsys.readouterr()
    with Store.open(db) as store:
        assert [r["id"] for r in store.list_articles()] == [out["id"]]
