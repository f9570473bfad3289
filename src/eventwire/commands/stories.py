"""``eventwire stories``: the stories of a database (articles about the same happening across outlets)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from eventwire.analysis.stories import (
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_DAYS,
    get_story,
    list_stories,
    recluster_stories,
    update_stories,
)
from eventwire.commands._common import add_db, add_json, example, print_json, print_jsonl
from eventwire.commands.show import open_existing
from eventwire.errors import EventWireError
from eventwire.ingest.dates import parse_date


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "stories",
        help="list stories: articles about the same happening across outlets, with their event counts",
        description=(
            "Group articles into stories and list them, latest first, each with its articles (date, outlet, "
            "title) and counts of events. Articles not yet in a story are placed first (similar leads within "
            "a few days of each other, boosted by shared actors and event dyads); --recluster recomputes "
            "every story (or, with --since, the stories from that date on)."
        ),
        epilog=example(
            "eventwire stories --db news.db --since 2023-05-01\n  eventwire stories --db news.db --id 9f9ffdda"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db(p)
    p.add_argument("--recluster", action="store_true", help="drop the stored stories and compute them afresh")
    p.add_argument("--since", metavar="DATE", help="stories that last until this date or later (YYYY-MM-DD)")
    p.add_argument("--id", metavar="STORY_ID", help="one story (id or unique id prefix) in detail")
    p.add_argument(
        "--min-articles",
        type=int,
        default=2,
        metavar="N",
        help="list stories of at least N articles (default 2; 1 lists single-article stories too)",
    )
    p.add_argument("--limit", type=int, default=20, help="at most this many stories (default 20; -1 for all)")
    p.add_argument(
        "--window-days",
        type=int,
        default=DEFAULT_WINDOW_DAYS,
        metavar="D",
        help=f"articles further apart than D days never share a story (default {DEFAULT_WINDOW_DAYS})",
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"mean similarity a story's articles must reach, 0..1 (default {DEFAULT_THRESHOLD})",
    )
    p.add_argument(
        "--no-update", action="store_true", help="list what is stored; do not place new articles first"
    )
    add_json(p)
    p.set_defaults(func=run)


def _since(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise EventWireError("E700", f"--since: {exc}", "Give a date as YYYY-MM-DD") from None


def _article_line(a: dict[str, Any]) -> str:
    events = f"  ({a['n_events']} events)" if a["n_events"] else ""
    return (
        f"    {a['pub_date'] or '----------'}  {(a['outlet'] or '-')[:18]:<18}  "
        f"{(a['title'] or '(untitled)')[:72]}{events}  {a['id'][:12]}"
    )


def _story_lines(s: dict[str, Any]) -> list[str]:
    dates = s["first_date"] or "undated"
    if s["last_date"] and s["last_date"] != s["first_date"]:
        dates += f"..{s['last_date']}"
    return [
        f"{s['id']}  {dates:<22}  {s['n_articles']} articles, {s['n_outlets']} outlets, {s['n_events']} events",
        f"  {s['label']}",
        *(_article_line(a) for a in s["articles"]),
    ]


def run(args: argparse.Namespace) -> int:
    since = _since(args.since)
    if not 0.0 < args.threshold <= 1.0 or args.window_days < 0:
        raise EventWireError("E701", "--threshold must be in (0, 1] and --window-days >= 0")
    options = {"window_days": args.window_days, "threshold": args.threshold}
    with open_existing(args.db) as store:
        if args.recluster:
            change = recluster_stories(store, since=since, **options)
        elif not args.no_update:
            change = update_stories(store, **options)
        else:
            change = None
        if change is not None and (change.assigned or change.dropped_stories):
            print(f"eventwire: {change.line()}", file=sys.stderr)
        if args.id:
            story = get_story(store, args.id)
            if story is None:
                raise EventWireError(
                    "E702",
                    f"No story with id or unique id prefix {args.id!r}",
                    "List ids with: eventwire stories",
                )
            if args.json:
                print_json(story)
                return 0
            print("\n".join(_story_lines(story)))
            types = ", ".join(f"{t} {n}" for t, n in story["event_types"].items()) or "none"
            print(f"  events: {types}")
            actors = ", ".join(f"{a['name'] or a['actor_id']} {a['mentions']}" for a in story["actors"])
            print(f"  actors: {actors or 'none resolved'}")
            return 0
        limit = None if args.limit < 0 else args.limit
        items, total = list_stories(store, since=since, min_articles=args.min_articles, limit=limit)
        all_total = list_stories(store, since=since, min_articles=1, limit=0)[1]
    if args.json:
        print_jsonl(items)
        return 0
    if not items:
        print("no stories match" + (" (is the database empty?)" if not all_total else ""))
    for s in items:
        print("\n".join(_story_lines(s)))
    smaller = all_total - total
    more = total - len(items)
    notes = []
    if more > 0:
        notes.append(f"{more} more (--limit -1 lists all)")
    if smaller > 0 and args.min_articles > 1:
        notes.append(
            f"{smaller} stories of fewer than {args.min_articles} articles not shown (--min-articles 1)"
        )
    if notes:
        print("; ".join(notes))
    return 0
