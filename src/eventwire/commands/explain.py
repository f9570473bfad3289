"""``eventwire explain``: why the coder produced one stored event (sentence, trigger, parse paths, rule)."""

from __future__ import annotations

import argparse
import re
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from eventwire.commands._common import add_db, add_json, example, print_json
from eventwire.commands.show import open_existing
from eventwire.errors import EventWireError
from eventwire.store.queries import get_event

_SPANS = re.compile(r"(source|target)_(spans|at)=([\d,\-]+)")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "explain",
        help="show why one event was coded: sentence, trigger, parse paths and lexicon rule",
        description="Show the sentence of a stored event, its trigger, the dependency path from the trigger "
        "to each argument (re-parsed with the same spaCy model) and the lexicon entry or rule that fired.",
        epilog=example("eventwire explain 3f2a9c0d1e2b4a5c-e0"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("event_id", metavar="EVENT_ID", help="an event id as `eventwire events` prints it")
    add_db(p)
    add_json(p)
    p.set_defaults(func=run)


def argument_spans(
    rule: str, sentence_start: int = 0, parsed_sentence: str | None = None, sentence: str | None = None
) -> dict[str, list[tuple[int, int]]]:
    """Argument character spans recorded in an event's rule text, as offsets into the article text.

    The coder records ``source_at=``/``target_at=`` offsets relative to the sentence as it was parsed; the
    pipeline may have repaired fused words first ("Putinaccused" -> "Putin accused"), so when
    ``parsed_sentence`` (the repaired text) and ``sentence`` (the stored one) differ, offsets are mapped
    back over the inserted characters. Older records carry article offsets (``source_spans=``) as is.

    >>> argument_spans("accuse/V ; source=nsubj ; target=dobj ; source_spans=0-6 ; target_spans=15-19,24-41")
    {'source': [(0, 6)], 'target': [(15, 19), (24, 41)]}
    >>> argument_spans("accuse/V ; source_at=0-5 ; target_at=15-19", 100, "Putin accused NATO.", "Putinaccused NATO.")
    {'source': [(100, 105)], 'target': [(114, 118)]}
    """
    at = _offset_map(parsed_sentence, sentence)
    out: dict[str, list[tuple[int, int]]] = {}
    for role, kind, spans in _SPANS.findall(rule):
        pairs = [(int(a), int(b)) for a, b in (s.split("-") for s in spans.split(",") if "-" in s)]
        if kind == "at":
            pairs = [(sentence_start + at(a), sentence_start + at(b)) for a, b in pairs]
        out[role] = pairs
    return out


def record_spans(event: dict[str, Any]) -> dict[str, list[tuple[int, int]]] | None:
    """The argument spans an event record carries (``source_spans``/``target_spans``, article offsets, no
    repair mapping needed); None when it has none (stored before records carried them: read the rule).

    >>> record_spans({"source_spans": [[0, 7]], "target_spans": [[17, 23], [28, 35]]})
    {'source': [(0, 7)], 'target': [(17, 23), (28, 35)]}
    >>> record_spans({"rule": "accuse/V ; source_at=0-7", "source_spans": [], "target_spans": []}) is None
    True
    """
    spans = {
        role: [(int(a), int(b)) for a, b in event.get(f"{role}_spans") or []] for role in ("source", "target")
    }
    if not any(spans.values()):
        return None
    return {role: pairs for role, pairs in spans.items() if pairs}


def _offset_map(parsed: str | None, original: str | None) -> Callable[[int], int]:
    """Offset in ``parsed`` (``original`` with characters inserted) -> offset in ``original``."""
    if not parsed or not original or parsed == original:
        return lambda offset: offset
    inserted: list[int] = []
    i = 0
    for j, ch in enumerate(parsed):
        if i < len(original) and original[i] == ch:
            i += 1
        else:
            inserted.append(j)
    return lambda offset: max(0, min(len(original), offset - bisect_left(inserted, offset)))


def dependency_path(doc: Any, start: int, end: int) -> str:
    """The dependency path from token ``start`` up to the common ancestor and down to token ``end``."""
    up: list[Any] = []
    cur = doc[start]
    ancestors = {t.i for t in doc[end].ancestors} | {end}
    while cur.i not in ancestors and cur.head.i != cur.i:
        up.append(cur)
        cur = cur.head
    top = cur
    down: list[Any] = []
    cur = doc[end]
    while cur.i != top.i and cur.head.i != cur.i:
        down.append(cur)
        cur = cur.head
    parts = [doc[start].text]
    for t in up:
        parts.append(f"-{t.dep_}→ {t.head.text}")
    for t in reversed(down):
        parts.append(f"-{t.dep_}↓ {t.text}")
    return " ".join(parts) if (up or down) else doc[start].text


def _forward_map(parsed: str, original: str) -> Callable[[int], int]:
    """Offset in ``original`` -> offset in ``parsed`` (``original`` with characters inserted)."""
    if parsed == original:
        return lambda offset: offset
    fwd: list[int] = []
    i = 0
    for j, ch in enumerate(parsed):
        if i < len(original) and original[i] == ch:
            fwd.append(j)
            i += 1
    fwd.extend(range(len(parsed), len(parsed) + len(original) + 1 - len(fwd)))
    return lambda offset: fwd[offset] if 0 <= offset < len(fwd) else offset


def _parsed_sentence(sentence: str) -> str:
    """The sentence as the pipeline parsed it (fused names split by the actor knowledge base's repair)."""
    from eventwire.actors import load_kb

    return load_kb().repair(sentence)


def explain_event(event: dict[str, Any], article_text: str | None = None) -> dict[str, Any]:
    """Sentence, trigger, rule parts and the parse path from the trigger to each argument.

    The arguments are the record's ``source_spans``/``target_spans`` (article offsets); records stored
    before those fields existed fall back to the spans noted in the rule text. ``article_text`` names the
    words of an argument outside the event's sentence (the sentence alone is used without it).
    """
    from eventwire.nlp import load_model

    sentence = event.get("sentence_text") or ""
    s0 = event["sentence_span"][0]
    t0, t1 = event["trigger_span"]
    rule = event.get("rule", "")
    pieces = [p.strip() for p in rule.split(" ; ")]
    spans = record_spans(event)
    # parse the sentence as the pipeline did (fused names split), and point into it from article offsets
    parsed = _parsed_sentence(sentence) if spans is not None or "_at=" in rule else sentence
    to_parsed = _forward_map(parsed, sentence)
    doc = load_model()(parsed)
    if spans is None:
        spans = argument_spans(rule, s0, parsed, sentence)

    def words(a: int, b: int) -> str:
        if article_text is not None:
            return article_text[a:b]
        return sentence[a - s0 : b - s0] if a - s0 >= 0 else ""

    def token_at(a: int, b: int) -> Any:
        span = doc.char_span(to_parsed(a - s0), to_parsed(b - s0), alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    trigger = token_at(t0, t1)
    paths: list[dict[str, Any]] = []
    for role, pairs in spans.items():
        for a, b in pairs:
            inside = 0 <= a - s0 < len(sentence)
            tok = token_at(a, b) if inside else None
            if trigger is None or tok is None:
                path = "(outside the sentence: resolved from context)"
            else:
                path = dependency_path(doc, trigger.i, tok.i)
            paths.append({"role": role, "text": words(a, b), "span": [a, b], "path": path})
    return {
        "id": event["id"],
        "type": event["type"],
        "mode": event.get("mode"),
        "cameo": event.get("cameo"),
        "sentence": sentence,
        "trigger": event.get("trigger"),
        "rule": pieces[0] if pieces else "",
        "how": [p for p in pieces[1:] if "_spans=" not in p and "_at=" not in p],
        "paths": paths,
        "event": event,
    }


def run(args: argparse.Namespace) -> int:
    with open_existing(args.db) as store:
        event = get_event(store, args.event_id)
        article = store.get_article(event["article_id"]) if event is not None else None
    if event is None:
        raise EventWireError(
            "E302", f"No event {args.event_id}", "List ids with: eventwire events --limit 10"
        )
    info = explain_event(event, article["text"] if article else None)
    if args.json:
        print_json(info)
        return 0
    e = info["event"]
    print(
        f"event    {info['id']}  {info['type']}{'/' + info['mode'] if info['mode'] else ''} [{info['cameo']}]"
        f"  goldstein {e.get('goldstein')}  quad {e.get('quad_class')}  confidence {e.get('confidence')}"
    )
    print(f"date     {e.get('event_date')} ({e.get('date_basis')})")
    print(f"sentence {' '.join(info['sentence'].split())}")
    print(f"trigger  “{info['trigger']}”")
    print(f"rule     {info['rule']}")
    for how in info["how"]:
        print(f"         {how}")
    for p in info["paths"]:
        print(f"{p['role']:<8} {p['text']}: {p['path']}")
    flags = [k for k in ("negated", "hypothetical", "future") if e.get(k)]
    if flags:
        print(f"flags    {', '.join(flags)}")
    return 0
