"""Validate eval/news_dev3.jsonl, the third team-written news development set (see eval/README.md).

The checks are structural: the file parses, follows the benchmark field layout, every offset points at non-empty
text inside the document, event sentences are whole sentences, no event is dated after publication, and the set
shares no id, dateline city or sentence with the other team-written sets (news_gold, news_dev2 and the held-out
news_heldout, which is only loaded here, never printed). They say nothing about whether the coding is right.
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
    dateline_matches_date,
    load,
    sentence_breaks_ok,
    shared_with,
    text_sentences,
)

EVAL = Path(__file__).resolve().parents[1] / "eval"
GOLD = EVAL / "news_dev3.jsonl"
OTHERS = [EVAL / name for name in ("news_gold.jsonl", "news_dev2.jsonl", "news_heldout.jsonl")]

DOCS = load(GOLD) if GOLD.exists() else []
pytestmark = pytest.mark.skipif(not DOCS, reason="eval/news_dev3.jsonl is missing")


def test_documents_follow_the_benchmark_layout() -> None:
    assert [doc["id"] for doc in DOCS] == [f"ew-dev3-{n:02d}" for n in range(1, 11)]
    for doc in DOCS:
        assert {"id", "text", "pub_date", "source", "events", "quotes", "annotated", "quality"} <= set(doc)
        assert re.fullmatch(r"20(19|2[0-6])-\d\d-\d\d", doc["pub_date"]), doc["id"]
        assert doc["annotated"] == {"events": True, "quotes": True}
        assert doc["quality"] == "gold"
        assert doc["source"]["repo"] is None and doc["source"]["path"] == "eval/news_dev3.jsonl"
        headline, blank, body = doc["text"].partition("\n\n")
        assert blank and "\n" not in headline, doc["id"]
        assert len(body.split("\n\n")) == 4, doc["id"]
        assert 150 <= len(doc["text"].split()) <= 190, doc["id"]
        assert doc["events"] and doc["quotes"], doc["id"]


def test_dateline_matches_the_publication_date() -> None:
    for doc in DOCS:
        assert dateline_matches_date(doc), doc["id"]


@pytest.mark.parametrize("doc", DOCS, ids=[d["id"] for d in DOCS])
def test_events_are_well_formed(doc: dict[str, Any]) -> None:
    check_events(doc, not_after_publication=True)
    assert sentence_breaks_ok(doc["text"], [e["sentence_span"] for e in doc["events"]]), doc["id"]
    for event in doc["events"]:
        assert event["cameo"] is None, doc["id"]
        assert not event.get("note") or isinstance(event["note"], str), doc["id"]


@pytest.mark.parametrize("doc", DOCS, ids=[d["id"] for d in DOCS])
def test_quotes_are_well_formed(doc: dict[str, Any]) -> None:
    check_quotes(doc)


@pytest.mark.parametrize("path", OTHERS, ids=[p.stem for p in OTHERS])
def test_set_shares_nothing_with_the_other_team_sets(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"eval/{path.name} is missing")
    ids, cities, sentences = shared_with(DOCS, load(path))
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
