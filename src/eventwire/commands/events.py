"""``eventwire events``: list stored events with actor, dyad, type, date and article filters."""

from __future__ import annotations

import argparse
from typing import Any

from eventwire.commands._common import add_db, add_json, example, print_jsonl
from eventwire.commands.show import open_existing
from eventwire.errors import EventWireError
from eventwire.store.queries import QueryError, list_events


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "events",
        help="list stored events (who did what to whom, when)",
        description="List stored PLOVER events, newest event date first. Negated, hypothetical and future "
        "events are left out unless --include-flagged. Actors are country or organisation codes (RUS, NATO), "
        "knowledge-base ids or names.",
        epilog=example(
            "eventwire events --dyad RUS USA --type ACCUSE,THREATEN --since 2022-01-01 --limit 20"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db(p)
    p.add_argument("--actor", metavar="X", help="events with this actor as source or target")
    p.add_argument("--role", choices=("source", "target"), help="with --actor: only on this side")
    p.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="events between A and B (either direction)")
    p.add_argument("--directed", action="store_true", help="with --dyad: only A acting on B")
    p.add_argument("--type", "-t", metavar="T", help="PLOVER type or comma-separated types (ASSAULT,COERCE)")
    p.add_argument("--since", metavar="D", help="event date on or after D (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", metavar="D", help="event date on or before D")
    p.add_argument("--article", metavar="ID", help="only events of this article (id or unique prefix)")
    p.add_argument("--include-flagged", action="store_true", help="also negated, hypothetical, future events")
    p.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    add_json(p)
    p.set_defaults(func=run)


def _actors(actors: list[dict[str, Any]]) -> str:
    names = []
    for a in actors:
        label = a.get("code") or "?"
        if a.get("sector"):
            label += a["sector"]
        if a.get("name"):
            label += f" ({a['name']})"
        names.append(label)
    return ", ".join(names) or "-"


def _flags(e: dict[str, Any]) -> str:
    return "".join(f for f, key in (("N", "negated"), ("H", "hypothetical"), ("F", "future")) if e.get(key))


def run(args: argparse.Namespace) -> int:
    with open_existing(args.db) as store:
        try:
            rows, total = list_events(
                store, args.actor, role=args.role, dyad=args.dyad, directed=args.directed, type=args.type,
                since=args.since, until=args.until, article=args.article,
                include_flagged=args.include_flagged, limit=args.limit,
            )  # fmt: skip
        except QueryError as exc:
            raise EventWireError("E301", str(exc), "See: eventwire events --help") from exc
    if args.json:
        print_jsonl(rows)
        return 0
    for e in rows:
        mode = f"/{e['mode']}" if e.get("mode") else ""
        flags = _flags(e)
        print(
            f"{e['id']}  {e.get('event_date') or '----------'}  {e['type']}{mode} [{e.get('cameo') or '-'}]"
            f"{' {' + flags + '}' if flags else ''}  {_actors(e['source'])} -> {_actors(e['target'])}"
        )
        print(f"{'':4}“{e.get('trigger', '')}”  {' '.join((e.get('sentence_text') or '').split())[:150]}")
    if not rows:
        print("no events match")
    elif total > len(rows):
        print(f"({len(rows)} of {total} shown; use --limit)")
    return 0
