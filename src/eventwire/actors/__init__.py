"""Actors: the offline knowledge base, time-aware resolution of mentions and coreference.

TEMPORARY interface skeleton (replaced by the actor layer, issue 4).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.records import Mention


@dataclass
class KnowledgeBase:
    """Placeholder until the KB lands."""


def load_kb() -> KnowledgeBase:
    return KnowledgeBase()


def resolve_mentions(doc: Doc, pub_date: str | None, kb: KnowledgeBase) -> list[Mention]:
    """Named-entity mentions with character offsets (resolution comes with issue 4)."""
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    out = []
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"):
            out.append(
                Mention(ent.start_char, ent.end_char, ent.text, ent.label_, sentence=sent_index.get(ent.sent.start, -1))
            )
    return out
