"""Where events happen: an offline gazetteer and the rules that give each event its place.

* :func:`resolve_place` ``(text, context_country=None) -> Place | None`` resolves a place name;
* :func:`locate_events` ``(doc, events, pub_date=None) -> None`` sets ``Event.location`` in place;
* :func:`event_places` gives the full :class:`EventPlace` (place, text span, which rule) of each event;
* :func:`find_datelines` finds the "KYIV —" datelines at the start of paragraphs.

The gazetteer (GeoNames cities of 15,000 people or more, countries, US states and the regions of
``data/geo/regions.tsv``) is built once per process by :func:`load_gazetteer`. See ``data/geo/README.md``.
"""

from __future__ import annotations

from eventwire.geo.gazetteer import (
    Gazetteer,
    Place,
    PlaceContext,
    build_gazetteer,
    load_gazetteer,
    resolve_place,
)
from eventwire.geo.locate import Dateline, EventPlace, event_places, find_datelines, locate_events

__all__ = [
    "Dateline",
    "EventPlace",
    "Gazetteer",
    "Place",
    "PlaceContext",
    "build_gazetteer",
    "event_places",
    "find_datelines",
    "load_gazetteer",
    "locate_events",
    "resolve_place",
]
