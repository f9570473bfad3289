"""Actors: the offline knowledge base, time-aware resolution of mentions and coreference.

* :func:`load_kb` reads the KB files in ``eventwire/data/actors/`` once per process;
* :func:`resolve_mentions` ``(doc, pub_date, kb) -> list[Mention]`` resolves every actor mention of a
  parsed document as of its publication date;
* ``kb.actor(actor_id)`` gives the KB record of one actor, ``kb.repair(text)`` splits fused names.
"""

from __future__ import annotations

from eventwire.actors.kb import KnowledgeBase, OfficeTerm, Person, build_kb, load_kb
from eventwire.actors.resolve import resolve_mentions

__all__ = ["KnowledgeBase", "OfficeTerm", "Person", "build_kb", "load_kb", "resolve_mentions"]
