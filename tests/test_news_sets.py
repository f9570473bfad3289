"""Validate the later team-written news sets in eval/ (see eval/README.md): news_dev3 and news_dev4 (development
sets) and news_heldout2 (held out).

The checks are structural: each file parses, follows the benchmark field layout, every offset points at non-empty
text inside the document, event sentences are whole sentences, no event is dated after publication, the dateline
matches the publication date, and the set shares no id, dateline city or sentence with any other set in eval/
(the held-out sets are only loaded here, never printed; a failure gives counts). news_dev4 and news_heldout2 also
hold that every optional event says why, every sentence carries an event or a quote, and no two articles share a
dateline city. The checks say nothing about whether the coding is right, and nothing here runs the system.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _gold_checks import (  # noqa: E402
    check_events,
    check_quotes,
    dateline_city,
    dateline_matches_date,
    load,
    sentence_breaks_ok,
    shared_with,
    text_sentences,
    uncovered_sentences,
)

EVAL = Path(__file__).resolve().parents[1] / "eval"
# set name -> id prefix, and whether the stricter checks of the later sets apply
SETS: dict[str, tuple[str, bool]] = {
    "news_dev3": ("ew-dev3", False),
    "news_dev4": ("ew-dev4", True),
    "news_heldout2": ("ew-heldout2", True),
}
DOCS: dict[str, list[dict[str, Any]]] = {
    name: load(EVAL / f"{name}.jsonl") for name in SETS if (EVAL / f"{name}.jsonl").exists()
}
ALL_SETS = sorted(p.stem for p in EVAL.glob("news_*.jsonl"))
CASES = [(name, doc) for name, docs in DOCS.items() for doc in docs]
CASE_IDS = [doc["id"] for _, doc in CASES]


@pytest.mark.parametrize("name", list(SETS))
def test_documents_follow_the_benchmark_layout(name: str) -> None:
    if name not in DOCS:
        pytest.skip(f"eval/{name}.jsonl is missing")
    prefix, _ = SETS[name]
    docs = DOCS[name]
    assert [doc["id"] for doc in docs] == [f"{prefix}-{n:02d}" for n in range(1, 11)]
    for doc in docs:
        assert {"id", "text", "pub_date", "source", "events", "quotes", "annotated", "quality"} <= set(doc)
        assert re.fullmatch(r"20(19|2[0-6])-\d\d-\d\d", doc["pub_date"]), doc["id"]
        assert doc["annotated"] == {"events": True, "quotes": True}
        assert doc["quality"] == "gold"
        assert doc["source"]["repo"] is None and doc["source"]["path"] == f"eval/{name}.jsonl"
        headline, blank, body = doc["text"].partition("\n\n")
        assert blank and "\n" not in headline, doc["id"]
        assert len(body.split("\n\n")) == 4, doc["id"]
        assert 150 <= len(doc["text"].split()) <= 190, doc["id"]
        assert doc["events"] and doc["quotes"], doc["id"]
        assert dateline_matches_date(doc), doc["id"]
    if SETS[name][1]:
        cities = [dateline_city(doc["text"]) for doc in docs]
        assert len(set(cities)) == len(cities)


@pytest.mark.parametrize(("name", "doc"), CASES, ids=CASE_IDS)
def test_events_are_well_formed(name: str, doc: dict[str, Any]) -> None:
    check_events(doc, not_after_publication=True)
    assert sentence_breaks_ok(doc["text"], [e["sentence_span"] for e in doc["events"]]), doc["id"]
    for event in doc["events"]:
        assert event["cameo"] is None, doc["id"]
        assert not event.get("note") or isinstance(event["note"], str), doc["id"]
        if SETS[name][1]:  # only debatable events are optional, and each of them says why
            assert not event["optional"] or event.get("note"), (
                doc["id"],
                event["type"],
                event["trigger_span"],
            )


@pytest.mark.parametrize(("name", "doc"), CASES, ids=CASE_IDS)
def test_quotes_are_well_formed(name: str, doc: dict[str, Any]) -> None:
    check_quotes(doc)


@pytest.mark.parametrize(
    ("name", "doc"), [c for c in CASES if SETS[c[0]][1]], ids=[d["id"] for n, d in CASES if SETS[n][1]]
)
def test_every_sentence_of_the_article_is_coded_or_quoted(name: str, doc: dict[str, Any]) -> None:
    """The sets code every event of every sentence: a sentence with neither an event nor a quote is suspicious."""
    assert not uncovered_sentences(doc), doc["id"]


@pytest.mark.parametrize(
    ("name", "other"), [(n, o) for n in DOCS for o in ALL_SETS if o != n], ids=lambda v: str(v)
)
def test_sets_share_nothing(name: str, other: str) -> None:
    ids, cities, sentences = shared_with(DOCS[name], load(EVAL / f"{other}.jsonl"))
    # counts only: the held-out texts are never printed
    assert not ids and not cities and not sentences, (len(ids), len(cities), sentences)


def test_sentence_splitter_and_checks_can_fail() -> None:
    text = 'Head line here\n\nLIMA, May 1 (Wire) - Ann met Bob at the palace today. "We talked for an hour," she said.'
    assert text_sentences(text) == {
        "LIMA, May 1 (Wire) - Ann met Bob at the palace today.",
        '"We talked for an hour," she said.',
    }
    start = text.index("LIMA")
    assert sentence_breaks_ok(text, [[start, text.index(' "We')]])
    assert not sentence_breaks_ok(text, [[start, text.index("Bob") + 3]])  # stops inside a sentence
    assert dateline_city(text) == "LIMA"
    doc = {"text": text, "pub_date": "2024-05-01", "events": [], "quotes": []}
    assert dateline_matches_date(doc) and not dateline_matches_date({**doc, "pub_date": "2024-05-02"})
    assert uncovered_sentences(doc)  # nothing coded: both sentences are uncovered
