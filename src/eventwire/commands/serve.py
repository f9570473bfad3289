"""``eventwire serve``: the web dashboard and HTTP API over a database (read-only unless told otherwise)."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path

from eventwire.commands._common import add_db, example
from eventwire.errors import EventWireError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="web dashboard and HTTP API (read-only by default)",
        description="Serve the dashboard (search, articles, actors, dyads, network) and the JSON API under "
        "/api (docs at /api/docs, schema at /api/openapi.json). The database is opened read-only; "
        "POST /api/ingest exists only with --allow-ingest and a bearer token.",
        epilog=example("eventwire serve --db eventwire.db --port 8000   # then open http://127.0.0.1:8000/"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db(p)
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--allow-ingest",
        action="store_true",
        help="enable POST /api/ingest (needs --token or $EVENTWIRE_TOKEN)",
    )
    p.add_argument(
        "--token",
        default=os.environ.get("EVENTWIRE_TOKEN"),
        help="bearer token that POST /api/ingest demands (default $EVENTWIRE_TOKEN)",
    )
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        raise EventWireError(
            "E201",
            f"No database at {args.db}",
            "Create one with: eventwire demo, or eventwire ingest PATH --db " + args.db,
        )
    if args.allow_ingest and not args.token:
        raise EventWireError("E602", "--allow-ingest needs a token", "Pass --token T or set EVENTWIRE_TOKEN")
    if args.allow_ingest and len(args.token) < 16:
        raise EventWireError("E603", "The ingest token is too short", "Use at least 16 characters")
    try:
        loopback = args.host == "localhost" or ipaddress.ip_address(args.host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        print(f"eventwire: warning: listening on {args.host}, reachable from other machines", file=sys.stderr)
    _upgrade_schema(args.db)
    import uvicorn

    from eventwire.store import queries

    # The actor knowledge base (offices on actor pages) loads before serving: not on the first click,
    # and not in a thread competing with requests.
    print("loading the actor knowledge base...", file=sys.stderr)
    queries.load_default_kb()

    from eventwire.web import create_app
    from eventwire.web.app import LOOPBACK_HOSTS

    app = create_app(
        args.db,
        allow_ingest=args.allow_ingest,
        token=args.token if args.allow_ingest else None,
        allowed_hosts=LOOPBACK_HOSTS if loopback else None,
    )
    mode = "read-write (POST /api/ingest with bearer token)" if args.allow_ingest else "read-only"
    print(f"EventWire serving {args.db} ({mode}) at http://{args.host}:{args.port}/", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def _upgrade_schema(db: str) -> None:
    """Apply pending migrations (e.g. the read-side indexes) before serving read-only, when the file is
    writable; a read-only file is served as it is."""
    import sqlite3

    from eventwire.store import Store
    from eventwire.store.sqlite import MIGRATIONS

    with Store.open(db, readonly=True) as store:
        version = store.schema_version()
    if version >= len(MIGRATIONS):
        return
    try:
        Store.open(db).close()
        print(f"eventwire: upgraded {db} from schema {version} to {len(MIGRATIONS)}", file=sys.stderr)
    except sqlite3.OperationalError as exc:
        print(
            f"eventwire: warning: {db} is at schema {version} and cannot be upgraded ({exc})", file=sys.stderr
        )
