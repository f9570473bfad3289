"""Validate eval/news_dev2.jsonl, the second team-written news development set (see eval/README.md).

The checks are structural: the file parses, follows the benchmark field layout, every offset points at non-empty
text inside the document, event sentences are whole sentences, and the set shares no id, dateline city or
sentence with the first development set. They say nothing about whether the coding is right.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _gold_checks import check_events, check_quotes, dateline_city, load, sentence_breaks_ok  # noqa: E402

EVAL = Path(__file__).resolve().parents[1] / "eval"
GOLD = EVAL / "news_dev2.jsonl"
FIRST = EVAL / "news_gold.jsonl"

DOCS = load(GOLD) if GOLD.exists() else []
pytestmark = pytest.mark.skipif(not DOCS, reason="eval/news_dev2.jsonl is missing")


def sentences(doc: dict[str, Any]) -> set[str]:
    """The text of every sentence span the document's events use."""
    return {doc["text"][start:end] for start, end in (e["sentence_span"] for e in doc["events"])}


def test_documents_follow_the_benchmark_layout() -> None:
    assert [doc["id"] for doc in DOCS] == [f"ew-dev2-{n:02d}" for n in range(1, 11)]
    for doc in DOCS:
        assert {"id", "text", "pub_date", "source", "events", "quotes", "annotated", "quality"} <= set(doc)
        assert re.fullmatch(r"20(19|2[0-6])-\d\d-\d\d", doc["pub_date"]), doc["id"]
        assert doc["annotated"] == {"events": True, "quotes": True}
        assert doc["quality"] == "gold"
        headline, blank, body = doc["text"].partition("\n\n")
        assert blank and "\n" not in headline, doc["id"]
        assert 3 <= len(body.split("\n\n")) <= 5, doc["id"]
        assert 130 <= len(doc["text"].split()) <= 220, doc["id"]
        assert doc["events"] and doc["quotes"], doc["id"]


@pytest.mark.parametrize("doc", DOCS, ids=[d["id"] for d in DOCS])
def test_events_are_well_formed(doc: dict[str, Any]) -> None:
    check_events(doc, not_after_publication=True)
    assert sentence_breaks_ok(doc["text"], [e["sentence_span"] for e in doc["events"]]), doc["id"]


@pytest.mark.parametrize("doc", DOCS, ids=[d["id"] for d in DOCS])
def test_quotes_are_well_formed(doc: dict[str, Any]) -> None:
    check_quotes(doc)


@pytest.mark.skipif(not FIRST.exists(), reason="eval/news_gold.jsonl is missing")
def test_set_shares_nothing_with_the_first_development_set() -> None:
    first = load(FIRST)
    assert not {d["id"] for d in DOCS} & {d["id"] for d in first}
    assert not {dateline_city(d["text"]) for d in DOCS} & {dateline_city(d["text"]) for d in first}
    shared = set().union(*map(sentences, DOCS)) & set().union(*map(sentences, first))
    assert not shared


def test_dateline_city_and_sentence_checks_can_fail() -> None:
    assert dateline_city("Head\n\nPORT-AU-PRINCE, June 26 (Wire) - Text.") == "PORT-AU-PRINCE"
    text = "Head\n\nACCRA, May 1 (Wire) - Ann met Bob. They talked."
    start = text.index("Ann")
    assert sentence_breaks_ok(text, [[start, text.index(" They")]])
    assert not sentence_breaks_ok(text, [[start, text.index("Bob")]])  # stops inside a sentence
    assert not sentence_breaks_ok(text, [[start + 1, text.index(" They")]])  # starts inside a word
