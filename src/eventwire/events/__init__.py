"""Event coder: PLOVER events with CAMEO codes, modes, flags, dates and Goldstein intensity.

* :func:`load_lexicon` reads the predicate lexicon (``eventwire/data/lexicon/``) and the CAMEO reference
  tables (``eventwire/data/reference/``) once per process;
* :func:`code_events` ``(doc, mentions, pub_date, lexicon) -> list[Event]`` codes one parsed document.
"""

from __future__ import annotations

from eventwire.events.coder import EventCoder, code_events
from eventwire.events.lexicon import Entry, Lexicon, load_lexicon, parse_pattern

__all__ = ["Entry", "EventCoder", "Lexicon", "code_events", "load_lexicon", "parse_pattern"]
