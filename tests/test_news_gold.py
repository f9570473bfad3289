"""Validate eval/news_gold.jsonl, the team-written news development set (see eval/README.md).

The checks are structural: the file parses, follows the benchmark field layout, and every offset points at
non-empty text inside the document. They say nothing about whether the coding is right.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

GOLD = Path(__file__).resolve().parents[1] / "eval" / "news_gold.jsonl"

PLOVER_TYPES = frozenset(
    [
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    ]
)
# CODING.md "Actors": organisation codes and the special WST; everything else is ISO 3166 alpha-3.
IGO_CODES = frozenset(
    [
        "NATO",
        "EU",
        "UN",
        "UNSC",
        "OSCE",
        "AU",
        "ECOWAS",
        "ASEAN",
        "IAEA",
        "ICC",
        "G7",
        "G20",
        "CARICOM",
        "CSTO",
        "SCO",
        "GCC",
        "ARL",
        "OAS",
        "BRICS",
        "IMF",
        "WB",
        "WST",
    ]
)
SECTORS = frozenset(
    ["GOV", "MIL", "REB", "OPP", "LEG", "JUD", "COP", "PTY", "CVL", "MED", "BUS", "NGO", "IGO", "REL"]
)
FLAGS = ("negated", "hypothetical", "future", "optional")
QUOTE_MARKS = "\"“”'‘’"


def load() -> list[dict[str, Any]]:
    """Every document of the gold file, in file order."""
    with GOLD.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def span_ok(text: str, span: Any) -> bool:
    """A two-integer span inside ``text`` that covers some non-blank characters."""
    return (
        isinstance(span, list)
        and len(span) == 2
        and all(isinstance(i, int) for i in span)
        and 0 <= span[0] < span[1] <= len(text)
        and bool(text[span[0] : span[1]].strip())
    )


def actor_problems(actor: dict[str, Any], text: str) -> list[str]:
    """What is wrong with one actor: its code, sector or surface text."""
    problems = []
    code = actor.get("code")
    if code is not None and not (re.fullmatch(r"[A-Z]{3}", code) or code in IGO_CODES):
        problems.append(f"bad code {code!r}")
    if actor.get("sector") not in SECTORS:
        problems.append(f"bad sector {actor.get('sector')!r}")
    if actor.get("text") and actor["text"] not in text:
        problems.append(f"surface text {actor['text']!r} not in the article")
    return problems


DOCS = load() if GOLD.exists() else []
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
    text = doc["text"]
    for n, event in enumerate(doc["events"]):
        where = f"{doc['id']} event {n} ({event.get('type')})"
        assert event["type"] in PLOVER_TYPES, where
        assert event["mode"] is None or isinstance(event["mode"], str), where
        assert all(isinstance(event[flag], bool) for flag in FLAGS), where
        assert span_ok(text, event["sentence_span"]), where
        assert span_ok(text, event["trigger_span"]), where
        (s_start, s_end), (t_start, t_end) = event["sentence_span"], event["trigger_span"]
        assert s_start <= t_start and t_end <= s_end, f"{where}: trigger outside its sentence"
        assert text[t_start:t_end] == text[t_start:t_end].strip(), where
        assert event["source"] or event["optional"], f"{where}: a required event needs a source"
        for actor in [*event["source"], *event["target"]]:
            assert not actor_problems(actor, text), (where, actor_problems(actor, text))
        date = event["event_date"]
        assert date is None or re.fullmatch(r"\d{4}-\d\d(-\d\d)?", date), where


@pytest.mark.parametrize("doc", DOCS, ids=[d["id"] for d in DOCS])
def test_quotes_are_well_formed(doc: dict[str, Any]) -> None:
    text = doc["text"]
    for n, quote in enumerate(doc["quotes"]):
        where = f"{doc['id']} quote {n}"
        assert quote["kind"] in {"direct", "indirect", "mixed"}, where
        assert span_ok(text, quote["content_span"]), where
        assert span_ok(text, quote["speaker_span"]), where
        start, end = quote["content_span"]
        content = text[start:end]
        assert content[0] not in QUOTE_MARKS + " ,", f"{where}: content starts with {content[0]!r}"
        assert content[-1] not in QUOTE_MARKS + " ,.", f"{where}: content ends with {content[-1]!r}"
        assert "\n" not in content, f"{where}: a quote is coded per paragraph"
        if quote["kind"] == "direct":
            assert text[start - 1] in QUOTE_MARKS and text[end] in QUOTE_MARKS + ",.", where
        if quote["kind"] == "mixed":
            assert any(mark in content for mark in QUOTE_MARKS[:3]), where
        s_start, s_end = quote["speaker_span"]
        assert not (s_start < end and start < s_end), f"{where}: speaker inside the content"
        speaker = quote["speaker"]
        assert speaker["text"] == text[s_start:s_end], where
        assert speaker["code"] and not actor_problems(speaker, text), (where, actor_problems(speaker, text))
        assert quote["cue"] and quote["cue"] in text, where


def test_span_check_rejects_bad_spans() -> None:
    text = "Ann met Bob."
    assert span_ok(text, [0, 3])
    assert not span_ok(text, [3, 4])  # blank
    assert not span_ok(text, [5, 40])  # past the end
    assert not span_ok(text, [4, 4])
    assert actor_problems({"code": "USAGOV", "sector": "GOV", "text": "Ann"}, text) == ["bad code 'USAGOV'"]
    assert actor_problems({"code": "NATO", "sector": "IGO", "text": "Bob"}, text) == []
