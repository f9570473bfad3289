"""The team-written actor test set (tests/data/actor_cases.tsv): country and sector accuracy.

Each row is a sentence (or two), its publication date, the mention to check and the expected code, sector
and (when named) canonical name. The test prints the figures and every miss.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventwire.actors import load_kb, resolve_mentions
from eventwire.nlp import load_model
from eventwire.records import Mention

CASES = Path(__file__).parent / "data" / "actor_cases.tsv"


@dataclass
class Case:
    sentence: str
    pub_date: str
    mention: str
    code: str | None
    sector: str | None
    name: str | None


def load_cases() -> list[Case]:
    with CASES.open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        return [
            Case(
                r["sentence"],
                r["pub_date"],
                r["mention"],
                r["code"] or None,
                r["sector"] or None,
                r["name"] or None,
            )
            for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def find(text: str, mentions: list[Mention], phrase: str) -> Mention | None:
    """The mention that best covers ``phrase`` ("he#2": its second occurrence) in ``text``."""
    phrase, _, nth = phrase.partition("#")
    found = list(re.finditer(r"\b" + re.escape(phrase) + r"\b", text))
    if len(found) < int(nth or 1):
        return None
    at, end = found[int(nth or 1) - 1].span()
    over = [m for m in mentions if m.start < end and at < m.end]
    return max(over, key=lambda m: min(end, m.end) - max(at, m.start), default=None)


def evaluate() -> tuple[list[tuple[Case, Mention | None]], int, int, int, int, int]:
    kb, nlp = load_kb(), load_model()
    cases = load_cases()
    texts = [kb.repair(c.sentence) for c in cases]
    results = []
    country = sector = named = named_ok = 0
    for case, text, doc in zip(cases, texts, nlp.pipe(texts), strict=True):
        m = find(text, resolve_mentions(doc, case.pub_date, kb), case.mention)
        got = m.actor if m else None
        code_ok = (got.code if got else None) == case.code
        sector_ok = (got.sector if got else None) == case.sector
        name_ok = case.name is None or (got is not None and got.name == case.name)
        country += code_ok
        sector += sector_ok
        if case.name:
            named += 1
            named_ok += name_ok
        if not (code_ok and sector_ok and name_ok):
            results.append((case, m))
    return results, len(cases), country, sector, named, named_ok


def test_case_file_is_large_and_well_formed() -> None:
    cases = load_cases()
    assert len(cases) >= 150
    for c in cases:
        assert c.mention.partition("#")[0] in c.sentence.replace("Putinaccused", "Putin accused").replace(
            "Lavrovsaid", "Lavrov said"
        ), c


def test_country_and_sector_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    misses, total, country, sector, named, named_ok = evaluate()
    with capsys.disabled():
        print(f"\nactor cases: {total}  country accuracy {country / total:.3f}  sector accuracy {sector / total:.3f}"
              f"  name accuracy {named_ok / max(named, 1):.3f} ({named} named)")  # fmt: skip
        for case, m in misses:
            got = (
                (m.text, m.actor.code, m.actor.sector, m.actor.name, m.how) if m and m.actor else m and m.text
            )
            print(
                f"  miss: {case.sentence!r} [{case.mention}] want {case.code} {case.sector} {case.name}  got {got}"
            )
    assert country / total >= 0.97
    assert sector / total >= 0.90
