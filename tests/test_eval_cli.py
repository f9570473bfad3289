"""`eventwire eval` end to end on a small gold file written for these tests, and the runner's failure rules."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.cli import main
from eventwire.evaluate.runner import _chunks, evaluate_documents, gold_article, read_gold
from eventwire.records import ActorRef, Article, Event, ExtractResult, Mention, Quote

GOLD = Path(__file__).parent / "data" / "eval_gold.jsonl"


def test_gold_file_offsets_hold() -> None:
    docs, bad = read_gold(GOLD)
    assert not bad and len(docs) == 3
    consult = docs[0]
    assert consult["text"][slice(*consult["events"][0]["trigger_span"])] == "met"


def test_json_output_is_one_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(GOLD), "--json", "--show-errors", "2"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["documents"] == 3 and report["failed"] == 0
    assert set(report) >= {"documents", "events", "quotes", "seconds"}
    events, quotes = report["events"], report["quotes"]
    assert {"precision", "recall", "f1", "by_type", "sentence"} <= set(events)
    assert {"precision", "recall", "speaker_accuracy", "by_kind"} <= set(quotes)
    # Two documents annotate events (CONSULT once, AGREE from two sources, PROTEST), one annotates quotes.
    assert events["documents"] == 2 and events["gold"] == 4
    assert quotes["documents"] == 1 and quotes["gold"] == 2
    assert 0.0 <= events["recall"] <= 1.0 and 0.0 <= quotes["recall"] <= 1.0
    # Errors go to stderr as JSON Lines, so stdout stays one object.
    lines = [json.loads(line) for line in captured.err.splitlines() if line.strip()]
    assert all(set(line) == {"doc_id", "category", "item", "context"} for line in lines)


def test_human_output_with_tables_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(GOLD), "--by-type", "--show-errors", "1"]) == 0
    out = capsys.readouterr().out
    assert "events (2 documents annotated)" in out
    assert "quotes (1 documents annotated)" in out
    assert "CONSULT" in out and "PROTEST" in out  # the per-type table
    assert "direct" in out and "indirect" in out  # the per-kind table


def test_missing_file_is_a_clean_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["eval", str(tmp_path / "nothing.jsonl")]) == 1
    assert "E300" in capsys.readouterr().err


class FakePipeline:
    """Stands in for Pipeline: returns canned results and fails on documents whose text says so."""

    def process(self, articles: Iterable[Article]) -> Iterator[ExtractResult]:
        for article in articles:
            if "BREAK" in article.text:
                raise RuntimeError("parser fell over")
            if "NORMALISE" in article.text:
                article = Article(
                    id=article.id, text=" ".join(article.text.split()), pub_date=article.pub_date
                )
            result = ExtractResult(article=article)
            if article.text.startswith("Lithuania"):
                ltu, pol = ActorRef(code="LTU", sector="GOV"), ActorRef(code="POL", sector="GOV")
                result.events = [Event("CONSULT", [pol], [ltu], (0, 10), (29, 32))]
                result.mentions = [Mention(0, 9, "Lithuania", "GPE", actor=ltu)]
            if article.text.startswith("Mayor"):
                span = (article.text.index("We are"), article.text.index("We are") + 24)
                result.quotes = [Quote("direct", span, "", speaker=ActorRef(name="Anna Kowalski"))]
            yield result


def test_failing_document_is_reported_and_scored_as_empty() -> None:
    docs, _ = read_gold(GOLD)
    broken = dict(docs[2], id="broken", text=docs[2]["text"] + " BREAK")
    result = evaluate_documents([docs[0], broken, docs[1]], FakePipeline())  # type: ignore[arg-type]
    report = result.to_dict()
    assert report["failed"] == 1 and report["failures"][0]["id"] == "broken"
    assert "parser fell over" in report["failures"][0]["error"]
    events, quotes = report["events"], report["quotes"]
    # The broken document's PROTEST counts as missed; the CONSULT from the first document is found.
    assert events["documents"] == 2 and events["gold"] == 4 and events["matched"] == 1
    assert events["by_type"]["PROTEST"]["recall"] == 0.0
    assert quotes["found"] == 1 and quotes["speaker_accuracy"] == 1.0
    assert report["actors"]["correct"] == 1


def test_worker_processes_give_the_same_report() -> None:
    docs, _ = read_gold(GOLD)
    broken = dict(docs[2], id="broken", text=docs[2]["text"] + " BREAK")
    batch = [docs[0], broken, docs[1], docs[2]]
    one = evaluate_documents(batch, FakePipeline(), processes=1).to_dict()  # type: ignore[arg-type]
    two = evaluate_documents(batch, FakePipeline(), processes=2).to_dict()  # type: ignore[arg-type]
    assert (one.pop("processes"), two.pop("processes")) == (1, 2)
    for report in (one, two):
        del report["seconds"], report["cpu_seconds"]
    assert one == two
    assert two["failed"] == 1 and two["events"]["matched"] == 1


def test_chunks_balance_text_and_keep_every_document() -> None:
    docs = [{"text": "x" * n} for n in (50, 10, 40, 10, 10)]
    chunks = _chunks(docs, 2)
    assert sorted(i for c in chunks for i in c) == [0, 1, 2, 3, 4]
    sizes = sorted(sum(len(docs[i]["text"]) for i in c) for c in chunks)
    assert sizes == [60, 60]


def test_result_with_another_text_is_a_failure() -> None:
    doc = {"id": "spaced", "text": "NORMALISE  me,  please.", "events": [], "quotes": []}
    report = evaluate_documents([doc], FakePipeline()).to_dict()  # type: ignore[arg-type]
    assert report["failed"] == 1 and "offsets" in report["failures"][0]["error"]


def test_bad_gold_lines_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    good = {"id": "ok", "text": "Quiet day.", "events": [], "quotes": []}
    path.write_text("{not json\n" + json.dumps({"id": "no-text"}) + "\n" + json.dumps(good) + "\n")
    docs, bad = read_gold(path)
    assert [d["id"] for d in docs] == ["ok"]
    assert [b["line"] for b in bad] == [1, 2]


def test_gold_text_goes_in_unchanged() -> None:
    doc: dict[str, Any] = {"id": "x", "text": "Two  spaces\n\n\n\nand breaks. ", "pub_date": "2024-01-02"}
    article = gold_article(doc)
    assert article.text == doc["text"] and article.pub_date == "2024-01-02"


def test_quality_report_renders_every_section() -> None:
    spec = importlib.util.spec_from_file_location(
        "quality", Path(__file__).parents[1] / "bench" / "quality.py"
    )
    assert spec and spec.loader
    quality = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quality)
    docs, _ = read_gold(GOLD)
    result = evaluate_documents(docs, FakePipeline(), path="eval_gold.jsonl")  # type: ignore[arg-type]
    by_genre = {"a": evaluate_documents(docs[:1], FakePipeline())}  # type: ignore[arg-type]
    text = quality.render([result], 1.0, "abc1234", "2026-01-01 00:00 UTC", {"eval_gold.jsonl": by_genre})
    assert "at commit `abc1234`" in text
    assert "| `eval_gold.jsonl` | 3 | 0 |" in text
    assert "| CONSULT |" in text and "| direct |" in text and "By genre" in text
    assert "## Actor country codes" in text
