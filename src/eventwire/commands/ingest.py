"""``eventwire ingest``: read articles from files, folders, globs, feeds and stdin into the database."""

from __future__ import annotations

import argparse
import sys

from eventwire.analysis.stories import update_stories
from eventwire.commands._common import add_db, add_json, example, print_json
from eventwire.errors import InputError
from eventwire.ingest.dates import parse_date
from eventwire.ingest.readers import DEFAULT_MAX_BYTES, ReadOptions, read_paths
from eventwire.ingest.runner import IngestSummary, ingest
from eventwire.pipeline import Pipeline
from eventwire.records import ExtractResult
from eventwire.store import Store


def add_read_options(parser: argparse.ArgumentParser) -> None:
    """The input options ``ingest`` and ``extract`` share."""
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, folders (recursive), globs, or - for stdin"
    )
    parser.add_argument("--date", help="publication date (YYYY-MM-DD) for inputs that give none")
    parser.add_argument("--outlet", help="outlet name for inputs that name none")
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help=f"skip files larger than this (default {DEFAULT_MAX_BYTES})",
    )
    parser.add_argument("--n-process", type=int, default=1, help="spaCy parser worker processes (default 1)")
    parser.add_argument(
        "--batch-size", type=int, default=64, help="articles per parse batch and transaction (default 64)"
    )


def read_options(args: argparse.Namespace) -> ReadOptions:
    """ReadOptions from the shared flags; a bad ``--date`` is a usage error."""
    pub_date = None
    if args.date:
        try:
            pub_date = parse_date(args.date)
        except ValueError as exc:
            raise SystemExit(f"eventwire: --date: {exc}") from None
    return ReadOptions(pub_date=pub_date, outlet=args.outlet, max_bytes=args.max_bytes)


def report_error(exc: InputError) -> None:
    """One line on stderr per input set aside."""
    print(f"eventwire: skipped {exc.message}", file=sys.stderr)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "ingest",
        help="read articles (txt, JSON Lines, JSON, CSV, HTML, RSS/Atom; folders, globs, stdin) into the database",
        description=(
            "Read, normalise, parse and code articles, storing them in SQLite. Articles are identified by a hash "
            "of their text, so re-ingesting never duplicates; bad inputs are reported and recorded in the "
            "ingest_errors table while the rest is stored. Plain-text files may start with "
            "'date YYYY-MM-DD Headline'. Exits 1 only when nothing could be stored and inputs failed."
        ),
        epilog=example("eventwire ingest news/ feeds/*.xml --db news.db --outlet 'Meridian Wire'"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_read_options(p)
    add_db(p)
    p.add_argument(
        "--no-code",
        action="store_true",
        help="parse and store mentions only; skip event and quote coding (articles stay unprocessed: a later"
        " ingest without --no-code codes them, and they join stories then)",
    )
    add_json(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    opts = read_options(args)
    pipeline = Pipeline(
        n_process=max(1, args.n_process), batch_size=max(1, args.batch_size), code=not args.no_code
    )
    items = read_paths(args.paths, opts)
    show_bar = not args.json and sys.stderr.isatty()
    bar = None
    if show_bar:
        from tqdm import tqdm

        bar = tqdm(desc="ingest", unit=" articles", file=sys.stderr, delay=1.0, dynamic_ncols=True)

    def on_result(_: ExtractResult) -> None:
        if bar is not None:
            bar.update(1)

    with Store.open(args.db) as store:
        try:
            summary: IngestSummary = ingest(
                items,
                store,
                pipeline,
                batch_size=max(1, args.batch_size),
                on_error=report_error,
                on_result=on_result,
            )
            update_stories(store)  # new articles join the stories of other outlets' reports
        except KeyboardInterrupt:
            # Every committed batch stays; the open one was rolled back. The next run resumes from here.
            done = store.count("articles")
            print(f"eventwire: interrupted; {done} articles are stored, run the same command again to resume",
                  file=sys.stderr)  # fmt: skip
            return 130
        finally:
            if bar is not None:
                bar.close()
    if args.json:
        print_json({"db": args.db, **summary.to_dict()})
    else:
        print(summary.line())
    # Duplicates count as stored: re-ingesting a folder with a bad file in it is not a failure.
    return 1 if summary.read == 0 and summary.resumed == 0 and summary.errors > 0 else 0
