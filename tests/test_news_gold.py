"""Validate eval/news_gold.jsonl, the team-written news development set (see eval/README.md).

The checks are structural: the file parses, follows the benchmark field layout, and every offset points at
non-empty text inside the document. They say nothing about whether the coding is right.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _gold_checks import actor_problems, check_events, check_quotes, load, span_ok  # noqa: E402

GOLD = Path(__file__).resolve().parents[1] / "eval" / "news_gold.jsonl"

DOCS = load(GOLD) if GOLD.exists() else []
pytestmark = pytest.mark.skipif(not DOCS, reason="eval/news_gold.jsonl is missing")


def test_documents_follow_the_benchmark_layout() -> None:
    assert len(DOCS) == 12
    ids = [doc["id"] for doc in DOCS]
    assert ids == [f"ew-news-{n:02d}" for n in range(1, 13)]
    for doc in DOCS:
        assert {"id", "text", "pub_date", "source", "events", "quotes", "annotated", "quality"} <= set(doc)
        assert re.fullmatch(r"20(19|2[0-6])-\d\d-\d\d", doc["pub_date"]), doc["id"]
        assert doc["annotated"] == {"events": True, "quotes": True}
        assert doc["quality"] == "gold"
        headline, blank, _ = doc["text"].partition("\n\n")
        assert blank and "\n" not in headline, doc["id"]
        assert 120 <= len(doc["text"].split()) <= 250, doc["id"]
        assert doc["events"] and doc["quotes"], doc["id"]


@pytest.mark.parametrize("doc", DOCS, ids=[d["id"] for d in DOCS])
def test_events_are_well_formed(doc: dict[str, Any]) -> None:
    check_events(doc)


@pytest.mark.parametrize("doc", DOCS, ids=[d["id"] for d in DOCS])
def test_quotes_are_well_formed(doc: dict[str, Any]) -> None:
    check_quotes(doc)


def test_span_check_rejects_bad_spans() -> None:
    text = "Ann met Bob."
    assert span_ok(text, [0, 3])
    assert not span_ok(text, [3, 4])  # blank
    assert not span_ok(text, [5, 40])  # past the end
    assert not span_ok(text, [4, 4])
    assert actor_problems({"code": "USAGOV", "sector": "GOV", "text": "Ann"}, text) == ["bad code 'USAGOV'"]
    assert actor_problems({"code": "NATO", "sector": "IGO", "text": "Bob"}, text) == []
