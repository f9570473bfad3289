"""``eventwire show``: one article in the terminal, mentions highlighted, with its events and quotes."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from eventwire.commands._common import add_db, add_json, example, print_json
from eventwire.errors import EventWireError
from eventwire.store import Store

# ANSI colours per mention label family: people, organisations, places, everything else.
_COLOURS = {
    "PERSON": "\033[1;36m",
    "ORG": "\033[1;33m",
    "NORP": "\033[1;35m",
    "GPE": "\033[1;32m",
    "LOC": "\033[1;32m",
}
_DEFAULT_COLOUR = "\033[1;34m"
_RESET = "\033[0m"
_DIM = "\033[2m"


def open_existing(db: str) -> Store:
    """Open a database that must already exist (read commands never create an empty one)."""
    if not Path(db).exists():
        raise EventWireError(
            "E201", f"No database at {db}", "Create one with: eventwire ingest PATH --db " + db
        )
    return Store.open(db)


def resolve_article_id(store: Store, given: str) -> str:
    """A full article id from an id or a unique prefix; an EventWireError says what went wrong."""
    ids = store.match_article_ids(given)
    if not ids:
        raise EventWireError(
            "E202", f"No article with id or id prefix {given!r}", "List ids with: eventwire articles"
        )
    if len(ids) > 1:
        raise EventWireError(
            "E203", f"Id prefix {given!r} matches several articles", "Give more characters of the id"
        )
    return ids[0]


def highlight(text: str, mentions: list[dict[str, Any]], colour: bool) -> str:
    """The text with each mention wrapped in an ANSI colour (or ``[brackets]`` without colour); overlapping
    mentions after the first are left plain.

    >>> highlight("Lavrov met Blinken.", [{"start": 0, "end": 6, "label": "PERSON"}], colour=False)
    '[Lavrov] met Blinken.'
    """
    out: list[str] = []
    pos = 0
    for m in sorted(mentions, key=lambda m: (m["start"], -m["end"])):
        if m["start"] < pos:
            continue
        out.append(text[pos : m["start"]])
        span = text[m["start"] : m["end"]]
        if colour:
            out.append(f"{_COLOURS.get(m.get('label') or '', _DEFAULT_COLOUR)}{span}{_RESET}")
        else:
            out.append(f"[{span}]")
        pos = m["end"]
    out.append(text[pos:])
    return "".join(out)


def _actor(a: dict[str, Any] | None) -> str:
    if not a:
        return "?"
    code = " ".join(x for x in (a.get("code"), a.get("sector")) if x) or "?"
    return f"{code} ({a['name']})" if a.get("name") else code


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "show",
        help="show one article with its mentions highlighted, and its events and quotes",
        description="Print a stored article (id or unique id prefix) with mentions highlighted (colour on a terminal), "
        "then its events and quotes. --json gives the article with sentences, mentions, events and quotes.",
        epilog=example("eventwire show 3f9a1c --db news.db"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("article_id", metavar="ARTICLE_ID", help="article id or a unique prefix of it")
    add_db(p)
    add_json(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_existing(args.db) as store:
        detail = store.article_detail(resolve_article_id(store, args.article_id))
    assert detail is not None
    if args.json:
        print_json(detail)
        return 0
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    dim = (lambda s: f"{_DIM}{s}{_RESET}") if colour else (lambda s: s)
    print(detail["title"] or "(untitled)")
    meta = [detail["id"][:16], detail["pub_date"] or "no date", detail["outlet"] or "", detail["url"] or ""]
    lang = "" if detail["language"] == "en" else f"language {detail['language']}: not coded"
    print(dim("  ".join(x for x in [*meta, lang] if x)))
    print()
    print(highlight(detail["text"], detail["mentions"], colour))
    print()
    events, quotes = detail["events"], detail["quotes"]
    print(f"{len(detail['mentions'])} mentions, {len(events)} events, {len(quotes)} quotes")
    for e in events:
        src = ", ".join(_actor(a) for a in e["source"]) or "?"
        tgt = ", ".join(_actor(a) for a in e["target"]) or "-"
        flags = [f for f in ("negated", "hypothetical", "future") if e.get(f)]
        extra = f" [{' '.join(flags)}]" if flags else ""
        if e.get("source_spans") or e.get("target_spans"):  # the words naming the actors, when recorded
            said = {r: ", ".join(f'"{detail["text"][a:b]}"' for a, b in e[f"{r}_spans"]) or "-"
                    for r in ("source", "target")}  # fmt: skip
            extra += f"  words {said['source']} -> {said['target']}"
        print(f"  EVENT {e['event_date'] or '?'} {src} -> {e['type']}{'/' + e['mode'] if e.get('mode') else ''} -> {tgt}"
              f"  cameo {e.get('cameo') or '-'}  \"{e.get('trigger') or ''}\"{extra}")  # fmt: skip
    for q in quotes:
        speaker = q["speaker_name"] or q["speaker_text"] or q["speaker_code"] or "unknown"
        text = " ".join(q["text"].split())
        print(f'  QUOTE {q["kind"]:<8} {speaker}: "{text[:160]}{"…" if len(text) > 160 else ""}"')
    return 0
