"""Actor country-code accuracy: do the pipeline's mentions resolve the gold event actors to their codes?

For every gold event actor (source or target) that has a ``code`` and a surface ``text`` that occurs in the
document, the pipeline's mentions overlapping an occurrence of that text are looked at:

* ``correct``: one of them resolves to the gold code;
* ``wrong``: some resolve to a code, none to the gold one;
* ``unresolved``: mentions cover the text but none carries a code;
* ``missing``: no mention covers the text.

Actors whose text does not occur verbatim (the PLOVER GSR's actor texts are not always substrings) are
counted as ``not_in_text`` and not scored. Gold actors with a code but no surface text at all (the PETRARCH
GSR codes actors without marking their words) get a weaker, document-level check instead: ``doc_correct`` of
``doc_scored`` counts those whose code some mention of the document resolves to. Each (text, code) pair is
scored once per document. Of the
correct actors with a gold sector, ``sector_correct`` counts those where a mention with the right code also
has the right sector. Pure functions over dicts (mentions shaped like ``Mention.to_dict()``).

>>> doc = {"text": "Hungarian officials met.", "events": [{"type": "CONSULT",
...        "source": [{"code": "HUN", "sector": "GOV", "text": "Hungarian"}], "target": []}]}
>>> mention = {"start": 0, "end": 9, "actor": {"code": "HUN", "sector": "GOV"}}
>>> score_actors(doc, [mention]).correct
1
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any


@dataclass(slots=True)
class ActorCounts:
    """Outcome counts of gold actors; add documents together with :meth:`add`."""

    correct: int = 0
    wrong: int = 0
    unresolved: int = 0
    missing: int = 0
    not_in_text: int = 0
    sector_scored: int = 0
    sector_correct: int = 0
    doc_scored: int = 0
    doc_correct: int = 0

    @property
    def scored(self) -> int:
        """Gold actors found in the text (the denominator of the accuracy)."""
        return self.correct + self.wrong + self.unresolved + self.missing

    def add(self, other: ActorCounts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def to_dict(self) -> dict[str, Any]:
        """Counts plus ``accuracy`` (correct / scored) and ``sector_accuracy``; ``None`` when undefined."""
        out: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        out["scored"] = self.scored
        out["accuracy"] = round(self.correct / self.scored, 4) if self.scored else None
        out["sector_accuracy"] = (
            round(self.sector_correct / self.sector_scored, 4) if self.sector_scored else None
        )
        out["document_accuracy"] = round(self.doc_correct / self.doc_scored, 4) if self.doc_scored else None
        return out


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Spans where ``surface`` occurs as whole words."""
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _gold_actors(doc: Mapping[str, Any]) -> list[tuple[str, str, str | None]]:
    """Distinct (surface text, code, sector) of the gold event actors that have both a text and a code."""
    seen: list[tuple[str, str, str | None]] = []
    for event in doc.get("events") or ():
        for actor in list(event.get("source") or ()) + list(event.get("target") or ()):
            surface, code = actor.get("text"), actor.get("code")
            if not surface or not code:
                continue
            item = (str(surface).strip(), str(code), actor.get("sector"))
            if item[0] and all(item[:2] != s[:2] for s in seen):
                seen.append(item)
    return seen


def _untexted_codes(doc: Mapping[str, Any]) -> set[str]:
    """Codes of gold event actors that carry a code but no surface text."""
    return {
        str(actor["code"])
        for event in doc.get("events") or ()
        for actor in list(event.get("source") or ()) + list(event.get("target") or ())
        if actor.get("code") and not actor.get("text")
    }


def score_actors(doc: Mapping[str, Any], mentions: Sequence[Mapping[str, Any]]) -> ActorCounts:
    """Score one document's gold event actors against the pipeline's mentions.

    >>> gold = {"text": "Lavrov met Blinken.", "events": [{"type": "CONSULT",
    ...         "source": [{"code": "RUS", "sector": "GOV"}], "target": [{"code": "USA", "sector": "GOV"}]}]}
    >>> lavrov = {"start": 0, "end": 6, "actor": {"code": "RUS", "sector": "GOV"}}
    >>> c = score_actors(gold, [lavrov])
    >>> (c.doc_correct, c.doc_scored)
    (1, 2)
    """
    text = str(doc.get("text") or "")
    counts = ActorCounts()
    untexted = _untexted_codes(doc)
    if untexted:
        found = {str((m.get("actor") or {}).get("code")) for m in mentions}
        counts.doc_scored += len(untexted)
        counts.doc_correct += len(untexted & found)
    for surface, code, sector in _gold_actors(doc):
        spans = _occurrences(text, surface)
        if not spans:
            counts.not_in_text += 1
            continue
        covering = [
            m for m in mentions if any(min(int(m["end"]), e) > max(int(m["start"]), s) for s, e in spans)
        ]
        actors = [m.get("actor") or {} for m in covering]
        coded = [a for a in actors if a.get("code")]
        right = [a for a in coded if a.get("code") == code]
        if right:
            counts.correct += 1
            if sector:
                counts.sector_scored += 1
                counts.sector_correct += any(a.get("sector") == sector for a in right)
        elif coded:
            counts.wrong += 1
        elif covering:
            counts.unresolved += 1
        else:
            counts.missing += 1
    return counts


def summarise_actors(counts: Iterable[ActorCounts]) -> dict[str, Any]:
    """Add up per-document counts into one dict (see :meth:`ActorCounts.to_dict`)."""
    total = ActorCounts()
    for c in counts:
        total.add(c)
    return total.to_dict()
