"""``eventwire demo``: ingest the bundled sample corpus into a fresh database and summarise what was found."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from eventwire.analysis.stories import update_stories
from eventwire.commands._common import add_db, add_json, example, print_json
from eventwire.commands.ingest import report_error
from eventwire.errors import EventWireError
from eventwire.ingest.readers import ReadOptions, read_paths
from eventwire.ingest.runner import ingest
from eventwire.pipeline import Pipeline
from eventwire.store import Store

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "data" / "samples"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo",
        help="ingest the bundled sample articles into a fresh database and print a summary",
        description="Build a fresh database from the sample corpus bundled with EventWire (data/samples/*.txt) "
        "and print what was found: articles, sentences, mentions, actors, events by type, quotes and the top "
        "dyads. An existing database is replaced only if an earlier demo made it (or with --force).",
        epilog=example("eventwire demo --db demo.db && eventwire articles --db demo.db"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db(p)
    p.add_argument(
        "--samples", default=str(SAMPLES_DIR), help="folder of sample .txt articles (default: bundled)"
    )
    p.add_argument(
        "--force", action="store_true", help="replace the database even if the demo did not create it"
    )
    add_json(p)
    p.set_defaults(func=run)


def _remove_db(path: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def prepare_fresh_db(path: str, force: bool) -> None:
    """Delete ``path`` when an earlier demo built it (or ``force``); refuse to touch a user's own database."""
    if not os.path.exists(path):
        return
    made_by_demo = False
    try:
        with Store.open(path, readonly=True) as store:
            made_by_demo = store.get_meta("demo") == "1"
    except Exception:  # noqa: BLE001 - not a readable EventWire database: only --force may replace it
        made_by_demo = False
    if not (made_by_demo or force):
        raise EventWireError(
            "E220",
            f"{path} holds data the demo did not create",
            "Use --db OTHER.db, or --force to replace it",
        )
    _remove_db(path)


def summarise(store: Store) -> dict[str, Any]:
    """The demo summary: real counts from the database."""
    s = store.stats()
    return {
        "db": store.path,
        "articles": s["counts"]["articles"],
        "sentences": s["counts"]["sentences"],
        "mentions": s["counts"]["mentions"],
        "actors": s["resolved_actors"],
        "events": s["counts"]["events"],
        "events_flagged": s["events_flagged"],
        "events_by_type": s["events_by_type"],
        "quotes": s["counts"]["quotes"],
        "quotes_by_kind": s["quotes_by_kind"],
        "outlets": len(s["by_outlet"]),
        "date_range": s["date_range"],
        "top_dyads": store.top_dyads(5),
        "stories": int(
            store.conn.execute(
                "SELECT COUNT(*) FROM (SELECT story_id FROM story_articles GROUP BY story_id HAVING COUNT(*) > 1)"
            ).fetchone()[0]
        ),
        "errors": s["counts"]["ingest_errors"],
    }


def run(args: argparse.Namespace) -> int:
    samples = Path(args.samples)
    files = sorted(samples.glob("*.txt")) if samples.is_dir() else []
    if not files:
        raise EventWireError(
            "E221", f"No sample articles (*.txt) in {samples}", "Reinstall EventWire or pass --samples DIR"
        )
    prepare_fresh_db(args.db, args.force)
    with Store.open(args.db) as store:
        with store.transaction():
            store.set_meta("demo", "1")
        ingest(read_paths([str(f) for f in files], ReadOptions()), store, Pipeline(), on_error=report_error)
        update_stories(store)
        summary = summarise(store)
    if args.json:
        print_json(summary)
        return 0
    print(f"EventWire demo: {len(files)} sample articles from {samples} into {args.db}")
    print(f"  articles   {summary['articles']} from {summary['outlets']} outlets, "
          f"{summary['date_range']['first']} .. {summary['date_range']['last']}")  # fmt: skip
    print(f"  sentences  {summary['sentences']}")
    print(f"  mentions   {summary['mentions']} ({summary['actors']} distinct resolved actors)")
    by_type = ", ".join(f"{t} {n}" for t, n in summary["events_by_type"].items()) or "none"
    flagged = (
        f"; {summary['events_flagged']} flagged negated/hypothetical/future"
        if summary["events_flagged"]
        else ""
    )
    print(f"  events     {summary['events']} ({by_type}{flagged})")
    kinds = ", ".join(f"{k} {n}" for k, n in summary["quotes_by_kind"].items()) or "none"
    print(f"  quotes     {summary['quotes']} ({kinds})")
    dyads = ", ".join(f"{d['source']}->{d['target']} {d['events']}" for d in summary["top_dyads"]) or "none"
    print(f"  top dyads  {dyads}")
    print(f"  stories    {summary['stories']} reported by more than one outlet (eventwire stories --db {args.db})")
    if summary["errors"]:
        print(f"  errors     {summary['errors']} (see: eventwire stats --db {args.db})")
    print(
        f"next: eventwire articles --db {args.db}   eventwire show ID --db {args.db}   eventwire stats --db {args.db}"
    )
    return 0
