"""How much event location costs next to spaCy parsing, and how often it finds the gold place.

Two measurements:

* **cost**: parses the sample articles (``src/eventwire/data/samples``), the seed article, the PolNeAR dev
  articles and the PLOVER gold sentences (``../shared/benchmarks/``, read at run time) with ``nlp.pipe``,
  codes their events, then times :func:`eventwire.geo.locate_events` on the same docs; also the one-off
  gazetteer build;
* **accuracy**: the PLOVER gold records that name where their event happened (``meta.event_loc``): with the
  gold events (trigger, sentence, actors) as input, the share whose place (and whose country) matches.

    .venv/bin/python bench/geo.py [--n 400] [--repeat 3] [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from spacy.language import Language

from eventwire.geo import Place, event_places, load_gazetteer, locate_events
from eventwire.geo.gazetteer import fold
from eventwire.records import ActorRef, Event

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLES = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "samples"
PLOVER = SHARED / "benchmarks" / "plover_gsr.jsonl"
POLNEAR = SHARED / "benchmarks" / "polnear_dev.jsonl"


def corpus(n: int) -> list[tuple[str, str | None]]:
    """Up to ``n`` (text, pub_date) pairs: samples, seed, PLOVER gold texts."""
    texts: list[tuple[str, str | None]] = []
    for path in sorted(SAMPLES.glob("*.txt")) + sorted((SHARED / "seed").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        first = text.split("\n", 1)[0].split()
        texts.append((text, first[1] if len(first) > 1 and first[0] == "date" else None))
    for path in (POLNEAR, PLOVER):
        if path.exists():
            texts.extend((d["text"], d.get("pub_date")) for d in map(json.loads, path.open(encoding="utf-8")))
    return texts[:n]


def gold_events(doc: dict[str, Any]) -> list[Event]:
    """The gold events of a benchmark document as :class:`Event` records (what the locator reads)."""
    events = []
    for g in doc["events"]:
        if not g.get("trigger_span"):
            continue
        refs = [[ActorRef(code=a.get("code"), sector=a.get("sector"), name=a.get("name")) for a in g[side] or []]
                for side in ("source", "target")]  # fmt: skip
        events.append(Event(type=g["type"], source=refs[0], target=refs[1],
                            sentence_span=tuple(g.get("sentence_span") or (0, len(doc["text"]))),
                            trigger_span=tuple(g["trigger_span"])))  # fmt: skip
    return events


def same_place(found: Place, gold: Place) -> bool:
    """The same place: same GeoNames id, or same name and country, or both the same country."""
    if found.geonameid and found.geonameid == gold.geonameid:
        return True
    same_name = fold(found.name) == fold(gold.name) or found.kind == gold.kind == "country"
    return found.country == gold.country and same_name


def accuracy(nlp: Language, show_misses: bool = False) -> dict[str, int]:
    """Score located gold events against ``meta.event_loc`` of the PLOVER gold records."""
    counts = {"records": 0, "found": 0, "place": 0, "country": 0}
    if not PLOVER.exists():
        return counts
    gaz = load_gazetteer()
    for doc in map(json.loads, PLOVER.open(encoding="utf-8")):
        loc = (doc.get("meta") or {}).get("event_loc") or {}
        events = gold_events(doc)
        if not loc.get("name") or not events:
            continue
        gold = gaz.resolve(loc["name"])
        if gold is None:
            continue
        counts["records"] += 1
        found = event_places(nlp(doc["text"]), events[:1], doc.get("pub_date"))[0]
        ok_place = found is not None and same_place(found.place, gold)
        ok_country = found is not None and found.place.country == gold.country
        counts["found"] += found is not None
        counts["place"] += ok_place
        counts["country"] += ok_country
        if show_misses and not ok_place:
            got = f"{found.place.label} ({found.basis})" if found else "-"
            print(f"  MISS gold={loc['name']!r} got={got} | {doc['text'][:120]}")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="at most this many texts (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="time location this many times, keep the best")
    ap.add_argument("--misses", action="store_true", help="list the gold places missed")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    load_gazetteer()
    build_s = time.perf_counter() - t0

    from eventwire.pipeline import Pipeline

    pipe = Pipeline()
    pipe._load()
    assert pipe.nlp is not None and pipe.kb is not None and pipe.lexicon is not None
    from eventwire.actors import resolve_mentions
    from eventwire.events import code_events

    pairs = corpus(args.n)
    t0 = time.perf_counter()
    docs = list(pipe.nlp.pipe([t for t, _ in pairs], batch_size=64))
    parse_s = time.perf_counter() - t0
    coded = []
    t0 = time.perf_counter()
    for doc, (_, date) in zip(docs, pairs, strict=True):
        mentions = resolve_mentions(doc, date, pipe.kb)
        coded.append(code_events(doc, mentions, date, pipe.lexicon))
    code_s = time.perf_counter() - t0
    geo_s = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for doc, events, (_, date) in zip(docs, coded, pairs, strict=True):
            locate_events(doc, events, date)
        geo_s = min(geo_s, time.perf_counter() - t0)
    n_events = sum(len(e) for e in coded)
    located = sum(1 for evs in coded for e in evs if e.location)
    tokens = sum(len(d) for d in docs)
    print(
        f"{len(docs)} texts, {tokens} tokens, {n_events} events, {located} located ({located / max(n_events, 1):.0%})\n"
    )
    print("| stage | seconds | ms per article | share of parse |\n|---|---|---|---|")
    for name, secs in (
        ("gazetteer build (once per process)", build_s),
        ("spaCy parse (nlp.pipe)", parse_s),
        ("actors + events", code_s),
        ("locate_events", geo_s),
    ):
        print(f"| {name} | {secs:.3f} | {1000 * secs / max(len(docs), 1):.2f} | {secs / parse_s:.1%} |")

    counts = accuracy(pipe.nlp, args.misses)
    if counts["records"]:
        r = counts["records"]
        print(f"\nPLOVER gold places (meta.event_loc), gold events as input: {r} records")
        print(f"| located | same place | same country |\n|---|---|---|\n"
              f"| {counts['found'] / r:.0%} | {counts['place'] / r:.0%} | {counts['country'] / r:.0%} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
