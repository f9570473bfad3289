"""Readers: every input format, bad input set aside with a reason, dates normalised. No model needed."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest.dates import parse_date
from eventwire.ingest.readers import (
    Entry,
    ReadOptions,
    decode_bytes,
    html_fragment_to_text,
    read_paths,
    sniff_format,
)

DATA = Path(__file__).parent / "data" / "ingest"


def _split(items: list[Entry | InputError]) -> tuple[list[Entry], list[InputError]]:
    return [i for i in items if isinstance(i, Entry)], [i for i in items if isinstance(i, InputError)]


def _read(*paths: str | Path, **opts: object) -> tuple[list[Entry], list[InputError]]:
    return _split(list(read_paths([str(p) for p in paths], ReadOptions(**opts))))  # type: ignore[arg-type]


# -- dates ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2022-02-02", "2022-02-02"),
        ("2022-2-2", "2022-02-02"),
        ("2022-02-02T23:30:00-05:00", "2022-02-02"),  # the calendar day the source wrote, no tz shift
        ("Wed, 02 Feb 2022 09:30:00 GMT", "2022-02-02"),
        ("February 2, 2022", "2022-02-02"),
        ("2 February 2022", "2022-02-02"),
    ],
)
def test_parse_date_accepts_common_forms(raw: str, expected: str) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["2022-02-30", "2021-02-29", "2022-13-01", "February 30, 2022"])
def test_parse_date_rejects_impossible_dates(raw: str) -> None:
    with pytest.raises(ValueError, match="impossible date"):
        parse_date(raw)


def test_parse_date_rejects_non_dates() -> None:
    with pytest.raises(ValueError, match="unreadable date"):
        parse_date("last Tuesday-ish")


# -- plain text ----------------------------------------------------------------------------------------
def test_text_date_line_gives_date_title_and_outlet(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(
        " date 2022-02-02 Ministers meet at the border\noutlet: Hill Post\nurl: https://example.org/a\n\n"
        "The two ministers met at the border crossing on Tuesday.\n",
        encoding="utf-8",
    )
    (entry,), errors = _read(f)
    assert not errors
    a = entry.article
    assert (a.pub_date, a.title, a.outlet, a.url) == (
        "2022-02-02",
        "Ministers meet at the border",
        "Hill Post",
        "https://example.org/a",
    )
    assert (
        a.text == "Ministers meet at the border\n\nThe two ministers met at the border crossing on Tuesday."
    )
    assert a.source_path == str(f)


def test_text_without_date_line_uses_flag_then_mtime(tmp_path: Path) -> None:
    f = tmp_path / "plain.txt"
    f.write_text("The council voted to close the old bridge to heavy traffic.", encoding="utf-8")
    os.utime(f, (1_650_000_000, 1_650_000_000))  # 2022-04-15 UTC
    (entry,), _ = _read(f, pub_date="2021-12-01")
    assert entry.article.pub_date == "2021-12-01" and entry.article.title is None
    (entry,), _ = _read(f)
    assert entry.article.pub_date in ("2022-04-15", "2022-04-14")  # local-time calendar day of the mtime


def test_text_outlet_flag_is_a_fallback(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "date 2022-01-01 Title\noutlet: Own Outlet\n\nBody text here.", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("date 2022-01-01 Other title\n\nAnother body text.", encoding="utf-8")
    entries, _ = _read(tmp_path, outlet="Flag Outlet")
    assert [e.article.outlet for e in entries] == ["Own Outlet", "Flag Outlet"]


def test_impossible_date_in_date_line_is_an_error_with_line(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text("date 2022-02-30 A headline\n\nSome text.", encoding="utf-8")
    entries, (err,) = _read(tmp_path / "bad.txt")
    assert not entries
    assert err.line == 1 and "impossible date" in err.reason and err.path.endswith("bad.txt")


# -- decoding and bad files ----------------------------------------------------------------------------
def test_undecodable_byte_names_its_line() -> None:
    data = b"date 2022-01-01 Title\n\nFirst line.\nThe caf\xe9 closed.\n"  # a Latin-1 byte on line 4
    with pytest.raises(InputError) as info:
        decode_bytes(data, "in/old.txt")
    assert info.value.line == 4
    assert (
        str(info.value) == "[E100] in/old.txt:4: not valid UTF-8 (byte 0xe9 at offset 42); save it as UTF-8"
    )


def test_utf8_bom_and_utf16_are_decoded() -> None:
    assert decode_bytes(b"\xef\xbb\xbfThe envoy arrived.", "x") == "The envoy arrived."
    assert decode_bytes("The envoy arrived.".encode("utf-16"), "x") == "The envoy arrived."


def test_bad_inputs_are_reported_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "date 2022-03-01 Good one\n\nThe mayor opened the new school.", encoding="utf-8"
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n  ", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    (tmp_path / "blob.txt").write_bytes(b"abc\x00\x01\x02def")
    (tmp_path / "latin1.txt").write_bytes("The café owner was arrested.".encode("latin-1"))
    (tmp_path / "big.txt").write_text("word " * 400, encoding="utf-8")
    entries, errors = _read(tmp_path, max_bytes=1000)
    assert [e.article.title for e in entries] == ["Good one"]
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert set(reasons) == {"empty.txt", "blank.txt", "photo.jpg", "blob.txt", "latin1.txt", "big.txt"}
    assert reasons["empty.txt"] == "empty file" and reasons["blank.txt"] == "empty file"
    assert "binary" in reasons["photo.jpg"] and "binary" in reasons["blob.txt"]
    assert "not valid UTF-8" in reasons["latin1.txt"]
    assert next(e.line for e in errors if e.path.endswith("latin1.txt")) == 1
    assert "size limit of 1000" in reasons["big.txt"]


def test_missing_path_and_unmatched_glob(tmp_path: Path) -> None:
    _, errors = _read(tmp_path / "nope.txt", tmp_path / "*.none")
    assert [e.reason for e in errors] == ["no such file or folder", "no files match this pattern"]


def test_glob_and_recursive_folder_skip_hidden(tmp_path: Path) -> None:
    sub = tmp_path / "2022" / "03"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text(
        "date 2022-03-05 Deep file\n\nTroops withdrew from the village.", encoding="utf-8"
    )
    (tmp_path / ".hidden.txt").write_text("date 2022-03-05 Hidden\n\nNot read.", encoding="utf-8")
    (tmp_path / "top.txt").write_text("date 2022-03-06 Top file\n\nThe talks resumed.", encoding="utf-8")
    entries, _ = _read(tmp_path)
    assert sorted(e.article.title or "" for e in entries) == ["Deep file", "Top file"]
    entries, _ = _read(f"{tmp_path}/**/*.txt")
    assert sorted(e.article.title or "" for e in entries) == ["Deep file", "Top file"]


# -- records -------------------------------------------------------------------------------------------
def test_jsonl_fields_and_malformed_line(tmp_path: Path) -> None:
    entries, errors = _read(DATA / "articles.jsonl")
    assert not errors
    assert [(e.input_id, e.article.pub_date, e.article.outlet) for e in entries] == [
        ("j-1", "2022-01-24", "Coastal Daily"),
        ("j-2", "2022-01-25", "Coastal Daily"),
    ]
    assert entries[1].article.title == "Government expels two diplomats"
    bad = tmp_path / "mixed.jsonl"
    bad.write_text(
        '{"id": "ok", "text": "The senate approved the treaty.", "date": "2022-01-02"}\n'
        '{"id": "broken", "text": "unterminated\n'
        "\n"
        '{"id": "no-text", "title": "Only a title"}\n'
        '{"id": "bad-date", "text": "The port reopened.", "date": "2022-04-31"}\n'
        '["not", "an", "object"]\n',
        encoding="utf-8",
    )
    entries, errors = _read(bad)
    assert [e.input_id for e in entries] == ["ok"]
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [
        (2, "malformed JSON"),
        (4, "no article text"),
        (5, "impossible date '2022-04-31'"),
        (6, "expected a JSON object, got list"),
    ]


def test_json_array_and_object_wrapper(tmp_path: Path) -> None:
    entries, errors = _read(DATA / "array.json")
    assert not errors
    assert [(e.input_id, e.article.pub_date) for e in entries] == [
        ("a-1", "2022-06-11"),
        ("a-2", "2022-06-12"),
    ]
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(
        '{"articles": [{"text": "The army lifted the curfew.", "published": "2022-07-01"}]}', encoding="utf-8"
    )
    (entry,), _ = _read(wrapped)
    assert entry.article.pub_date == "2022-07-01"
    broken = tmp_path / "broken.json"
    broken.write_text('[\n  {"text": "fine"},\n  {"text": oops}\n]', encoding="utf-8")
    entries, (err,) = _read(broken)
    assert not entries and err.line == 3 and err.reason.startswith("malformed JSON")


def test_csv_fields_and_malformed_row(tmp_path: Path) -> None:
    entries, errors = _read(DATA / "articles.csv")
    assert not errors
    assert [(e.input_id, e.article.title, e.article.pub_date, e.article.outlet) for e in entries] == [
        ("c-1", "Court orders release of detained reporters", "2022-03-03", "Valley Times"),
        ("c-2", "Rebels shell the northern town", "2022-03-04", "Valley Times"),
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        'title,text,date\nOne,"The governor resigned on Monday.",2022-05-02\nTwo,"Too, many",fields,2022-05-03\n'
        'Three,"The strike ended.",2022-02-29\n',
        encoding="utf-8",
    )
    entries, errors = _read(bad)
    assert [e.article.title for e in entries] == ["One"]
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [
        (3, "malformed CSV row"),
        (4, "impossible date '2022-02-29'"),
    ]


def test_csv_without_text_column(tmp_path: Path) -> None:
    f = tmp_path / "nocol.csv"
    f.write_text("name,age\nAnna,40\n", encoding="utf-8")
    _, (err,) = _read(f)
    assert "no text column" in err.reason and err.line == 1


# -- HTML and feeds ------------------------------------------------------------------------------------
def test_html_main_text_and_metadata() -> None:
    (entry,), errors = _read(DATA / "page.html")
    assert not errors
    a = entry.article
    assert a.title == "Envoys meet in Vienna to revive the grain deal"
    assert a.pub_date == "2022-05-17" and a.outlet == "Lakeside Courier"
    assert "met in Vienna on Tuesday" in a.text and "insurance question" in a.text
    assert "Subscribe" not in a.text and "Sport" not in a.text  # page furniture is dropped


def test_rss_and_atom_items() -> None:
    entries, errors = _read(DATA / "feed.xml", DATA / "atom.xml")
    assert not errors
    got = [(e.input_id, e.article.pub_date, e.article.outlet, e.article.title) for e in entries]
    assert got == [
        ("hg-1001", "2022-03-08", "Harbour Gazette World", "Ministers agree to reopen the river crossing"),
        ("hg-1002", "2022-03-09", "Harbour Gazette World", "Fishermen protest new quotas"),
        ("urn:example:nl-77", "2022-04-01", "Northern Ledger", "Parliament rejects the budget amendment"),
    ]
    assert entries[0].article.text.endswith(
        "agreed on Monday to reopen the river crossing.\n\nTrucks will be allowed through from next week, officials said."
    )
    assert "<p>" not in entries[2].article.text


def test_html_fragment_to_text_keeps_paragraphs() -> None:
    assert html_fragment_to_text("<p>First point.<br/>Second line.</p><p>Next &quot;quoted&quot;.</p>") == (
        'First point.\n\nSecond line.\n\nNext "quoted".'
    )


# -- stdin and sniffing --------------------------------------------------------------------------------
def test_stdin_is_sniffed() -> None:
    stdin = io.BytesIO(b'{"id": "s1", "text": "The minister resigned.", "date": "2022-08-08"}\n')
    (entry,) = list(read_paths(["-"], ReadOptions(), stdin=stdin))
    assert isinstance(entry, Entry) and entry.input_id == "s1" and entry.article.source_path == "<stdin>"
    stdin = io.BytesIO(b"date 2022-08-09 From a pipe\n\nThe embassy closed its doors.")
    (entry,) = list(read_paths(["-"], ReadOptions(), stdin=stdin))
    assert isinstance(entry, Entry) and entry.article.title == "From a pipe"


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    f = tmp_path / "export.dat"
    f.write_text('[{"text": "The cabinet approved the plan.", "date": "2022-09-09"}]', encoding="utf-8")
    (entry,), _ = _read(f)
    assert entry.article.pub_date == "2022-09-09"
    assert sniff_format("<?xml version='1.0'?><rss><channel></channel></rss>") == "feed"
    assert sniff_format("title,text\nA,B") == "text"  # CSV is only read as CSV by its extension


def test_non_english_text_is_flagged(tmp_path: Path) -> None:
    f = tmp_path / "fr.txt"
    f.write_text(
        "date 2022-02-02 Reprise des pourparlers\n\nLes ministres des affaires étrangères se sont rencontrés à "
        "Genève mardi et ont convenu de poursuivre les discussions le mois prochain.",
        encoding="utf-8",
    )
    (entry,), _ = _read(f)
    assert entry.article.language != "en"
