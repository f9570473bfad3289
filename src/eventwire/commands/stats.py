"""``eventwire stats``: what the database holds."""

from __future__ import annotations

import argparse

from eventwire.commands._common import add_db, add_json, example, print_json
from eventwire.commands.show import open_existing


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "stats",
        help="counts per table, by language, outlet and event type; date range; ingest errors",
        description="Summarise a database: rows per table, articles by language and outlet, events by type, "
        "quotes by kind, the publication date range and the ingest errors recorded.",
        epilog=example("eventwire stats --db news.db --json"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db(p)
    add_json(p)
    p.set_defaults(func=run)


def _pairs(d: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in d.items()) or "-"


def run(args: argparse.Namespace) -> int:
    with open_existing(args.db) as store:
        s = store.stats()
    if args.json:
        print_json(s)
        return 0
    c = s["counts"]
    print(f"database     {s['db']} (schema v{s['schema_version']})")
    print("rows         " + _pairs(c))
    if s["unprocessed"]:
        print(f"unprocessed  {s['unprocessed']} articles (re-run ingest to finish them)")
    print(f"dates        {s['date_range']['first'] or '-'} .. {s['date_range']['last'] or '-'}")
    print("languages    " + _pairs(s["by_language"]))
    print("outlets      " + _pairs(s["by_outlet"]))
    print(f"actors       {s['resolved_actors']} resolved in mentions")
    print(
        "events       "
        + _pairs(s["events_by_type"])
        + (f" ({s['events_flagged']} flagged)" if s["events_flagged"] else "")
    )
    print("quotes       " + _pairs(s["quotes_by_kind"]))
    if s["errors_by_reason"]:
        print(f"errors       {c['ingest_errors']}:")
        for reason, n in s["errors_by_reason"].items():
            print(f"  {n:>5}  {reason}")
    return 0
