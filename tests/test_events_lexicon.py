"""Every lexicon entry is valid data, and its example sentence fires it through the real pipeline."""

from __future__ import annotations

import csv
import random

import pytest

from eventwire.events.lexicon import FRAMES, SCOPES, TYPE_EXCEPTIONS, _data_file, load_lexicon, parse_pattern
from eventwire.ingest.normalise import make_article
from eventwire.pipeline import Pipeline
from eventwire.records import PLOVER_TYPES

LEX = load_lexicon()


def test_lexicon_size_and_coverage() -> None:
    assert len(LEX.entries) >= 1500
    assert {e.type for e in LEX.entries} == set(PLOVER_TYPES)
    assert len({e.pattern for e in LEX.entries}) == len(LEX.entries), "duplicate patterns"


def test_header_and_columns() -> None:
    with (_data_file("lexicon") / "predicates.tsv").open(encoding="utf-8") as fh:
        header = next(csv.reader(fh, delimiter="\t"))
    assert header == ["pattern", "type", "mode", "cameo", "scope", "example", "basis"]


@pytest.mark.parametrize("entry", LEX.entries, ids=lambda e: e.pattern)
def test_entry_is_valid(entry) -> None:  # type: ignore[no-untyped-def]
    assert entry.type in PLOVER_TYPES
    assert entry.scope in SCOPES
    assert entry.example.strip() and entry.basis.strip()
    row = LEX.plover_row(entry.cameo)
    assert row is not None, f"{entry.cameo} not in the reference table"
    if entry.cameo in TYPE_EXCEPTIONS:
        assert entry.type == TYPE_EXCEPTIONS[entry.cameo][0]
    else:
        assert row[0] == entry.type, f"{entry.pattern}: {entry.cameo} is {row[0]} in the table"
    assert LEX.goldstein(entry.cameo) is not None
    assert parse_pattern(entry.pattern)[0] == entry.head


def test_frames_list_each_word_once() -> None:
    # a later row would silently override an earlier one ("flood" as mishap and adversity)
    with _data_file("lexicon", "frames.tsv").open(encoding="utf-8") as fh:
        lemmas = [r["lemma"] for r in csv.DictReader(fh, delimiter="\t")]
    assert len(lemmas) == len(set(lemmas)), sorted({x for x in lemmas if lemmas.count(x) > 1})


def test_frames_and_complements_are_valid() -> None:
    assert set(LEX.frames.values()) <= set(FRAMES)
    assert LEX.frames["say"] == "say" and LEX.frames["plan"] == "intent"
    for (outer, inner), comp in LEX.complements.items():
        assert inner in PLOVER_TYPES and comp.type in PLOVER_TYPES
        assert outer in (*PLOVER_TYPES, "intent", "hypothetical") or (
            outer.startswith("intent:") and LEX.frames.get(outer.split(":", 1)[1]) == "intent"
        )
        row = LEX.plover_row(comp.cameo)
        assert row is not None and row[0] == comp.type


def test_bad_patterns_are_rejected() -> None:
    with pytest.raises(ValueError):
        parse_pattern("attack")  # no POS
    with pytest.raises(ValueError):
        parse_pattern("attack/V obj:x")  # unknown relation


def _fires(entries: list) -> list[tuple[str, str, list[str]]]:  # type: ignore[type-arg]
    pipe = Pipeline(lexicon=LEX)
    arts = [make_article(e.example, pub_date="2022-02-02") for e in entries]
    bad = []
    for entry, result in zip(entries, pipe.process(arts), strict=True):
        rules = [ev.rule for ev in result.events]
        if not any(entry.pattern in r for r in rules):
            bad.append((entry.pattern, entry.example, rules))
    return bad


def test_examples_fire_their_entry_sample() -> None:
    sample = random.Random(5).sample(LEX.entries, 250)
    assert _fires(sample) == []


@pytest.mark.slow
def test_examples_fire_their_entry_all() -> None:
    assert _fires(LEX.entries) == []
