"""Acceptance: the seed article's actors resolve to the right people, organisations and states."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.actors import load_kb, resolve_mentions
from eventwire.ingest.normalise import make_article
from eventwire.nlp import load_model
from eventwire.records import Mention

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_a9373323a970327e.txt"

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not available"),
]


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[Mention]]:
    kb = load_kb()
    article = make_article(SEED.read_text(encoding="utf-8"), pub_date="2022-02-02")
    text = kb.repair(article.text)
    return text, resolve_mentions(load_model()(text), article.pub_date, kb)


def _at(seed: tuple[str, list[Mention]], phrase: str, nth: int = 0) -> Mention:
    """The mention that covers the nth occurrence of ``phrase``."""
    text, mentions = seed
    at = -1
    for _ in range(nth + 1):
        at = text.index(phrase, at + 1)
    over = [m for m in mentions if m.start <= at < m.end]
    assert over, f"no mention covers {phrase!r}"
    return over[0]


def test_repair_splits_the_fused_name(seed: tuple[str, list[Mention]]) -> None:
    text, _ = seed
    assert "Vladimir Putin accused" in text
    assert "Putinaccused" not in text


@pytest.mark.parametrize(
    ("phrase", "actor_id", "code", "sector"),
    [
        ("Vladimir Putin", "person:vladimir-putin", "RUS", "GOV"),
        ("Viktor Orban", "person:viktor-orban", "HUN", "GOV"),
        ("Antony Blinken", "person:antony-blinken", "USA", "GOV"),
        ("Sergei Lavrov", "person:sergei-lavrov", "RUS", "GOV"),
        ("North Atlantic Treaty Organization", "org:nato", "NATO", "IGO"),
        ("NATO pledged", "org:nato", "NATO", "IGO"),
        ("Organization for Security and Cooperation", "org:osce", "OSCE", "IGO"),
        ("United States", "country:USA", "USA", "GOV"),
        ("Ukraine", "country:UKR", "UKR", "GOV"),
        ("Poland", "country:POL", "POL", "GOV"),
        ("Romania", "country:ROU", "ROU", "GOV"),
    ],
)
def test_named_actors(
    seed: tuple[str, list[Mention]], phrase: str, actor_id: str, code: str, sector: str
) -> None:
    m = _at(seed, phrase)
    assert m.actor is not None
    assert (m.actor.actor_id, m.actor.code, m.actor.sector) == (actor_id, code, sector)


def test_hungary_as_a_country(seed: tuple[str, list[Mention]]) -> None:
    # "Hungary's prime minister, Viktor Orban" is one mention of Orban; its country is Hungary.
    m = _at(seed, "Hungary")
    assert m.actor is not None and m.actor.code == "HUN" and m.actor.sector == "GOV"
    assert m.actor.name and "Orb" in m.actor.name and m.how == "title"


@pytest.mark.parametrize(
    ("phrase", "actor_id", "how"),
    [
        ("he told", "person:vladimir-putin", "pronoun"),
        ("he insisted", "person:sergei-lavrov", "pronoun"),
        ("The minister", "person:sergei-lavrov", "role"),
    ],
)
def test_coreference(seed: tuple[str, list[Mention]], phrase: str, actor_id: str, how: str) -> None:
    m = _at(seed, phrase)
    assert m.actor is not None and m.actor.actor_id == actor_id and m.how == how


@pytest.mark.parametrize("phrase", ["Moscow is open", "Moscow will continue", "the Kremlin in"])
def test_metonyms(seed: tuple[str, list[Mention]], phrase: str) -> None:
    m = _at(seed, phrase)
    assert m.actor is not None and (m.actor.code, m.actor.sector) == ("RUS", "GOV") and m.how == "metonym"


def test_mentions_are_sorted_and_do_not_overlap(seed: tuple[str, list[Mention]]) -> None:
    text, mentions = seed
    for a, b in zip(mentions, mentions[1:], strict=False):
        if (a.start, a.end) == (b.start, b.end):  # "NATO and OSCE countries ... urging them": one per member
            assert a.how == b.how == "pronoun" and a.actor != b.actor
            continue
        assert a.start < b.start and a.end <= b.start
    assert all(text[m.start : m.end] == m.text for m in mentions)
