"""Quote extraction on the team-written case set (tests/data/quote_cases.jsonl) and on focused sentences.

Each case gives a text, the quotes expected in it (content text, kind, surface speaker or null) and
stretches that must not be reported as quotes. A case passes when every expected quote is found by a
system quote covering at least half of its characters, with the same kind and an overlapping speaker phrase.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.nlp import load_model
from eventwire.quotes import extract_quotes
from eventwire.quotes.marks import find_quotations, paragraphs
from eventwire.records import Quote

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "quote_cases.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_model()


def _covered(quote: Quote, start: int, end: int) -> float:
    lo, hi = quote.content_span
    return max(0, min(hi, end) - max(lo, start)) / max(1, end - start)


def _speaker_matches(quote: Quote, expected: str | None) -> bool:
    if expected is None:
        return quote.speaker_text is None
    got = quote.speaker_text or ""
    return bool(got) and (expected in got or got in expected)


def check_case(nlp: Any, case: dict[str, Any]) -> list[str]:
    """Problems found for one case (empty when it passes)."""
    text = case["text"]
    quotes = extract_quotes(nlp(text), [])
    problems = []
    for exp in case["quotes"]:
        start = text.index(exp["content"])
        end = start + len(exp["content"])
        best = max(quotes, key=lambda q: _covered(q, start, end), default=None)
        if best is None or _covered(best, start, end) < 0.5:
            problems.append(f"missing {exp['content']!r}")
            continue
        if best.kind != exp["kind"]:
            problems.append(f"{exp['content']!r}: kind {best.kind} != {exp['kind']}")
        if not _speaker_matches(best, exp["speaker"]):
            problems.append(f"{exp['content']!r}: speaker {best.speaker_text!r} != {exp['speaker']!r}")
    for absent in case.get("absent", []):
        start = text.index(absent)
        if any(_covered(q, start, start + len(absent)) > 0 for q in quotes):
            problems.append(f"reported as a quote: {absent!r}")
    return problems


def test_case_set_covers_every_construction() -> None:
    constructions = {c["construction"].split("-")[0] for c in CASES}
    assert len(CASES) >= 80
    assert {
        "direct",
        "split",
        "multi",
        "quote",
        "nested",
        "unbalanced",
        "indirect",
        "mixed",
        "negative",
    } <= constructions


@pytest.mark.parametrize("case", CASES, ids=[f"{c['id']}-{c['construction']}" for c in CASES])
def test_quote_case(nlp, case: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    assert check_case(nlp, case) == []


# -- quotation marks ----------------------------------------------------------------------------------------


def test_unclosed_quote_stops_at_paragraph_end() -> None:
    text = "He said: “We will never leave\n\nThe next paragraph is narrative.\n\nAnd so is this one."
    quotes = find_quotations(text)
    assert [q.text for q in quotes] == ["We will never leave"]
    assert not quotes[0].closed


def test_paragraphs_are_lines() -> None:
    assert paragraphs("One.\n\nTwo.\nThree.") == [(0, 4), (6, 10), (11, 17)]


def test_apostrophes_are_not_quotation_marks() -> None:
    assert find_quotations("Ukraine's allies and the soldiers' families don't agree.") == []


def test_nyt_doubled_apostrophes_pair() -> None:
    quotes = find_quotations("''It was a mistake,'' he said.")
    assert [(q.text, q.closed) for q in quotes] == [("It was a mistake,", True)]


def test_no_crash_on_marks_only() -> None:
    for text in ['"', "“”", "'' ''", "“\n”", "‘", '"a" "', ""]:
        find_quotations(text)


def test_extract_on_garbage_marks_does_not_crash(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '“ ” " " ‘ ’ \'\' `` “\n\n” said he. "'
    extract_quotes(nlp(text), [])


# -- records --------------------------------------------------------------------------------------------------


def test_quote_record_fields(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“The border will stay open,” the minister said."
    (quote,) = extract_quotes(nlp(text), [])
    assert quote.kind == "direct"
    assert text[slice(*quote.content_span)] == "The border will stay open"
    assert quote.speaker_text == "the minister" and text[slice(*quote.speaker_span)] == "the minister"  # type: ignore[misc]
    assert quote.cue == "said" and 0 < quote.confidence <= 1
    assert quote.speaker is None  # no mention given: unknown rather than guessed


def test_speaker_comes_from_mention_at_head(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.records import ActorRef, Mention

    text = "The Kremlin said the troops were returning to their bases."
    ref = ActorRef(code="RUS", sector="GOV", name="Government of Russia", kind="state")
    start = text.index("Kremlin")
    mention = Mention(start, start + len("Kremlin"), "Kremlin", "metonym", actor=ref, how="metonym")
    (quote,) = extract_quotes(nlp(text), [mention])
    assert quote.speaker == ref and quote.speaker_text == "The Kremlin"


def test_possessor_speaks_for_spokesman(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.records import ActorRef, Mention

    text = "Turkey's foreign ministry spokesman said the corridor would stay open."
    ref = ActorRef(code="TUR", sector="GOV", name="Turkey", kind="state")
    mention = Mention(0, 6, "Turkey", "GPE", actor=ref, how="name")
    (quote,) = extract_quotes(nlp(text), [mention])
    assert quote.speaker == ref
    assert quote.speaker_text == "Turkey's foreign ministry spokesman"


def test_pronoun_chain_takes_previous_named_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.records import ActorRef, Mention

    text = "“The door is open,” said Sergei Lavrov. “We learned from bitter experience,” he insisted."
    ref = ActorRef(code="RUS", sector="GOV", name="Sergei Lavrov", kind="person")
    start = text.index("Sergei Lavrov")
    mention = Mention(start, start + 13, "Sergei Lavrov", "PERSON", actor=ref, how="name")
    first, second = extract_quotes(nlp(text), [mention])
    assert first.speaker == ref and second.speaker == ref and second.speaker_text == "he"


def test_pronoun_chain_does_not_reach_far(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.records import ActorRef, Mention

    filler = " ".join(["The committee met again in the afternoon and reviewed the budget lines."] * 10)
    text = f"“The door is open,” said Sergei Lavrov.\n\n{filler}\n\n“We will not wait forever,” he said."
    ref = ActorRef(code="RUS", sector="GOV", name="Sergei Lavrov", kind="person")
    start = text.index("Sergei Lavrov")
    mention = Mention(start, start + 13, "Sergei Lavrov", "PERSON", actor=ref, how="name")
    quotes = extract_quotes(nlp(text), [mention])
    assert quotes[0].speaker == ref
    assert quotes[-1].speaker_text == "he" and quotes[-1].speaker is None


def test_speaker_never_taken_from_inside_the_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“I make you this promise: we will find the people responsible,” Police Chief Maria Santos said Monday."
    (quote,) = extract_quotes(nlp(text), [])
    assert quote.kind == "direct" and "Santos" in (quote.speaker_text or "")


def test_joint_statement_goes_to_first_issuer(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.records import ActorRef, Mention

    text = "Russia and China said in a joint statement that they opposed any expansion of the alliance."
    rus = ActorRef(code="RUS", sector="GOV", name="Russia", kind="state")
    chn = ActorRef(code="CHN", sector="GOV", name="China", kind="state")
    mentions = [
        Mention(0, 6, "Russia", "GPE", actor=rus, how="name"),
        Mention(11, 16, "China", "GPE", actor=chn),
    ]
    (quote,) = extract_quotes(nlp(text), mentions)
    assert quote.speaker == rus and quote.kind == "indirect"
    assert quote.speaker_text == "Russia and China"


def test_statement_subject_defers_to_possessor(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.records import ActorRef, Mention

    text = "The ministry's statement said the ambassador had been summoned."
    ref = ActorRef(code="FRA", sector="GOV", name="Ministry for Europe and Foreign Affairs", kind="org")
    start = text.index("ministry")
    mention = Mention(start - 4, start + 8, "The ministry", "role", actor=ref, how="role")
    (quote,) = extract_quotes(nlp(text), [mention])
    assert quote.speaker == ref


def test_unidentified_source_stays_unknown(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A senior official said the convoy had been delayed by fighting near the border."
    (quote,) = extract_quotes(nlp(text), [])
    assert quote.speaker is None and quote.speaker_text == "A senior official"
