"""Event coder: PLOVER events with CAMEO codes. TEMPORARY interface skeleton (issue 5 replaces it)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.records import Event, Mention


@dataclass
class Lexicon:
    """Placeholder until the lexicon lands."""


def load_lexicon() -> Lexicon:
    return Lexicon()


def code_events(doc: Doc, mentions: list[Mention], pub_date: str | None, lexicon: Lexicon) -> list[Event]:
    return []
