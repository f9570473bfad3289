"""Validate eval/news_heldout.jsonl, the team-written held-out news test set (see eval/README.md).

The checks are structural, as in ``tests/test_news_gold.py``: the file parses, follows the benchmark field layout,
every offset points at non-empty text, and sentence spans are the document's real sentence breaks. On top of that
the set must stay apart from the development set ``eval/news_gold.jsonl``: no shared dateline city and no shared
sentence. None of this says whether the coding is right.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _gold_checks import (  # noqa: E402
    actor_problems,
    check_events,
    check_quotes,
    dateline_city,
    load,
    sentence_breaks_ok,
    span_ok,
)

EVAL = Path(__file__).resolve().parents[1] / "eval"
HELDOUT = EVAL / "news_heldout.jsonl"
DEV = EVAL / "news_gold.jsonl"

DOCS = load(HELDOUT) if HELDOUT.exists() else []
pytestmark = pytest.mark.skipif(not DOCS, reason="eval/news_heldout.jsonl is missing")


def test_documents_follow_the_benchmark_layout() -> None:
    assert [doc["id"] for doc in DOCS] == [f"ew-heldout-{n:02d}" for n in range(1, 11)]
    for doc in DOCS:
        assert {"id", "text", "pub_date", "source", "events", "quotes", "annotated", "quality"} <= set(doc)
        assert re.fullmatch(r"20(19|2[0-6])-\d\d-\d\d", doc["pub_date"]), doc["id"]
        assert doc["annotated"] == {"events": True, "quotes": True}
        assert doc["quality"] == "gold"
        assert doc["source"]["repo"] is None and doc["source"]["path"] == "eval/news_heldout.jsonl"
        headline, blank, body = doc["text"].partition("\n\n")
        assert blank and "\n" not in headline, doc["id"]
        assert 3 <= len(body.split("\n\n")) <= 5, doc["id"]
        assert 130 <= len(doc["text"].split()) <= 220, doc["id"]
        assert doc["events"] and doc["quotes"], doc["id"]
        dateline_city(doc["text"])


@pytest.mark.parametrize("doc", DOCS, ids=[d["id"] for d in DOCS])
def test_events_are_well_formed(doc: dict[str, Any]) -> None:
    check_events(doc, not_after_publication=True)
    text = doc["text"]
    assert sentence_breaks_ok(text, [event["sentence_span"] for event in doc["events"]]), doc["id"]


@pytest.mark.parametrize("doc", DOCS, ids=[d["id"] for d in DOCS])
def test_quotes_are_well_formed(doc: dict[str, Any]) -> None:
    check_quotes(doc)


@pytest.mark.skipif(not DEV.exists(), reason="eval/news_gold.jsonl is missing")
def test_heldout_set_is_apart_from_the_development_set() -> None:
    dev = load(DEV)
    assert not {d["id"] for d in dev} & {d["id"] for d in DOCS}
    assert not {dateline_city(d["text"]) for d in dev} & {dateline_city(d["text"]) for d in DOCS}
    dev_sentences = {s.strip() for d in dev for s in re.split(r"(?<=[.!?\"])\s+", d["text"]) if len(s) > 30}
    for doc in DOCS:
        for sentence in re.split(r"(?<=[.!?\"])\s+", doc["text"]):
            assert sentence.strip() not in dev_sentences, (doc["id"], sentence)


def test_helpers_reject_bad_input() -> None:
    text = "Ann met Bob. Bob left.\n\nCid came."
    assert span_ok(text, [0, 3])
    assert not span_ok(text, [3, 4])  # blank
    assert not span_ok(text, [5, 80])  # past the end
    assert actor_problems({"code": "USAGOV", "sector": "GOV", "text": "Ann"}, text) == ["bad code 'USAGOV'"]
    assert actor_problems({"code": "OAS", "sector": "IGO", "text": "Bob"}, text) == []
    assert sentence_breaks_ok(text, [[0, 12], [13, 22], [24, 33]])
    assert not sentence_breaks_ok(text, [[0, 12], [14, 22]])  # a gap that is not a sentence break
    assert not sentence_breaks_ok(text, [[0, 7], [8, 12]])  # a span ending mid-sentence
    assert dateline_city("Head\n\nLIMA, May 2 (Wire) - Ann met Bob.") == "LIMA"
