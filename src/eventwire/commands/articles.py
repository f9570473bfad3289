"""``eventwire articles``: list and search stored articles."""

from __future__ import annotations

import argparse

from eventwire.commands._common import add_db, add_json, example, print_jsonl
from eventwire.commands.show import open_existing


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "articles",
        help="list or full-text search stored articles",
        description="List stored articles newest first, or search their titles and text (SQLite FTS5 syntax: "
        'words, "exact phrases", OR, NOT, prefix*).',
        epilog=example(
            "eventwire articles --search '\"security guarantees\" NATO' --since 2022-01-01 --limit 5"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db(p)
    p.add_argument("--search", "-q", metavar="QUERY", help="full-text query over title and text")
    p.add_argument("--since", help="published on or after YYYY-MM-DD")
    p.add_argument("--until", help="published on or before YYYY-MM-DD")
    p.add_argument("--outlet", help="only this outlet (case-insensitive)")
    p.add_argument("--limit", type=int, default=50, help="at most this many (default 50; -1 for all)")
    add_json(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_existing(args.db) as store:
        rows = store.list_articles(
            search=args.search, since=args.since, until=args.until, outlet=args.outlet, limit=args.limit
        )
    if args.json:
        print_jsonl(rows)
        return 0
    for r in rows:
        title = r["title"] or "(untitled)"
        print(
            f"{r['id'][:12]}  {r['pub_date'] or '----------'}  {(r['outlet'] or '-')[:18]:<18}  {title[:80]}"
        )
        if r.get("snippet"):
            print(f"{'':14}{' '.join(r['snippet'].split())}")
    if not rows:
        print("no articles match")
    return 0
