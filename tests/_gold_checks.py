"""Structural checks shared by the validators of the team-written gold sets in eval/ (tests/test_news_*.py).

They check the benchmark field layout (shared/benchmarks/README.md) and offsets, never whether the coding is right.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

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


def load(path: Path) -> list[dict[str, Any]]:
    """Every document of a gold file, in file order."""
    with path.open(encoding="utf-8") as handle:
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


def sentence_breaks_ok(text: str, spans: list[list[int]]) -> bool:
    """Spans that are whole sentences: each starts the text or follows a space or a paragraph break, ends the
    headline or a sentence (a full stop or closing quotation mark) before a space, a break or the end, and spans
    neither a paragraph break nor another span."""
    headline_end = text.find("\n\n")
    ordered = sorted({(start, end) for start, end in spans})
    for (_, prev_end), (start, _) in zip(ordered, ordered[1:], strict=False):
        if start < prev_end:
            return False
    for start, end in ordered:
        if start and not (text[start - 1] == " " or text[max(0, start - 2) : start] == "\n\n"):
            return False
        if end < len(text) and text[end] not in " \n":
            return False
        if "\n" in text[start:end] or (end != headline_end and text[end - 1] not in '."”'):
            return False
    return True


def check_events(doc: dict[str, Any], *, not_after_publication: bool = False) -> None:
    """Assert that every event of ``doc`` is well formed (types, flags, spans, actors, dates)."""
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
        if not_after_publication:
            assert date is None or date <= doc["pub_date"], f"{where}: event dated after publication"


def check_quotes(doc: dict[str, Any]) -> None:
    """Assert that every quote of ``doc`` is well formed (kind, clean content span, speaker, cue)."""
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


DATELINE = re.compile(r"\n\n([A-Z][A-Z .'-]+), [A-Z][a-z]+ \d{1,2} \(Wire\) - ")


def dateline_city(text: str) -> str:
    """The city of an article's dateline ("ACCRA, September 8 (Wire) - ..." gives "ACCRA")."""
    match = DATELINE.search(text)
    assert match, text[:120]
    return match.group(1)


# Sentence-like pieces of an article (headline and dateline lede included), for coverage and overlap checks.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|(?<=[.!?]\")\s+|\n\n")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip


def text_sentences(text: str) -> set[str]:
    """Every sentence-like piece of an article longer than 30 characters (headline and dateline lede included)."""
    return {piece.strip() for piece in SENTENCE_BREAK.split(text) if len(piece.strip()) > 30}


def dateline_matches_date(doc: dict[str, Any]) -> bool:
    """Whether the dateline's month and day ("LIMA, May 1 (Wire) - ") are the document's pub_date."""
    match = re.search(r"\n\n[A-Z][A-Z .'-]+, ([A-Z][a-z]+) (\d{1,2}) \(Wire\) - ", doc["text"])
    if not match:
        return False
    _, month, day = doc["pub_date"].split("-")
    return (MONTHS.index(match.group(1)) + 1, int(match.group(2))) == (int(month), int(day))


def uncovered_sentences(doc: dict[str, Any]) -> list[int]:
    """Start offsets of the sentences that carry neither an event nor a quote (the sets code every sentence)."""
    text = doc["text"]
    covered = [tuple(e["sentence_span"]) for e in doc["events"]]
    covered += [tuple(q["content_span"]) for q in doc["quotes"]]
    out = []
    for sentence in text_sentences(text):
        start = text.index(sentence)
        end = start + len(sentence)
        if not any(s < end and start < e for s, e in covered):
            out.append(start)
    return out


def shared_with(docs: list[dict[str, Any]], other: list[dict[str, Any]]) -> tuple[set[str], set[str], int]:
    """(shared ids, shared dateline cities, number of shared sentences) between two sets; the sentences are
    only counted, so a held-out set's texts are never printed."""
    ids = {d["id"] for d in docs} & {d["id"] for d in other}
    cities = {dateline_city(d["text"]) for d in docs} & {dateline_city(d["text"]) for d in other}
    theirs = set().union(*(text_sentences(d["text"]) for d in other))
    mine = set().union(*(text_sentences(d["text"]) for d in docs))
    return ids, cities, len(mine & theirs)
