"""Quotations. TEMPORARY interface skeleton (issue 7 replaces it)."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.records import Mention, Quote


def extract_quotes(doc: Doc, mentions: list[Mention]) -> list[Quote]:
    return []
