"""``eventwire actors``: the actors seen in the store, with mention counts; search; one actor in full."""

from __future__ import annotations

import argparse
import sqlite3
from typing import Any

from eventwire.commands._common import add_db, add_json, example, print_json, print_jsonl
from eventwire.commands.show import open_existing
from eventwire.errors import EventWireError

# Named actors are listed by id; unnamed groups ("Russian troops") by code and sector.
_LIST_SQL = """
SELECT COALESCE(actor_id, 'unnamed:' || COALESCE(code, '-') || '/' || COALESCE(sector, '-')) AS id,
       actor_id, MAX(name) AS name, code, sector, COUNT(*) AS mentions, COUNT(DISTINCT article_id) AS articles,
       GROUP_CONCAT(DISTINCT how) AS hows
FROM mentions
WHERE (actor_id IS NOT NULL OR code IS NOT NULL OR sector IS NOT NULL) {where}
GROUP BY 1  -- the expression above, not the mentions.id column
ORDER BY mentions DESC, 1
LIMIT ?
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "actors",
        help="list actors seen in the store, search them, or show one with its offices and mentions",
        description="List the actors mentioned in stored articles with their mention counts (named actors by "
        "knowledge-base id, unnamed groups as unnamed:CODE/SECTOR), search them by name, id, code or mention text, "
        "or show one actor with its knowledge-base record (aliases, offices with dates) and its mentions.",
        epilog=example(
            "eventwire actors --search putin\n  eventwire actors --id person:sergei-lavrov --json"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db(p)
    p.add_argument("--search", "-q", metavar="TEXT", help="name, id, code or mention text contains TEXT")
    p.add_argument("--id", metavar="ACTOR_ID", help="one actor: KB record, offices and mentions")
    p.add_argument("--limit", type=int, default=50, help="at most this many rows (default 50)")
    add_json(p)
    p.set_defaults(func=run)


def list_actors(conn: sqlite3.Connection, search: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Actors in the ``mentions`` table with counts, most mentioned first."""
    where, params = "", []
    if search:
        like = f"%{search.lower()}%"
        where = (
            "AND (LOWER(COALESCE(name, '')) LIKE ? OR LOWER(COALESCE(actor_id, '')) LIKE ?"
            " OR LOWER(COALESCE(code, '')) = ? OR LOWER(text) LIKE ?)"
        )
        params = [like, like, search.lower(), like]
    rows = conn.execute(_LIST_SQL.format(where=where), (*params, limit)).fetchall()
    return [dict(r) for r in rows]


def actor_detail(conn: sqlite3.Connection, actor_id: str, limit: int = 50) -> dict[str, Any] | None:
    """One actor: its KB record (or what the mentions say of a new one) and its latest mentions."""
    from eventwire.actors import load_kb  # the KB (and the spaCy tokenizer it needs) only for --id

    record = load_kb().actor(actor_id)
    stored = conn.execute("SELECT * FROM actors WHERE actor_id=?", (actor_id,)).fetchone()
    mentions = [
        dict(r)
        for r in conn.execute(
            "SELECT m.article_id, a.pub_date, a.title, m.start, m.end, m.text, m.how, m.code, m.sector, m.name,"
            " m.sentence FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.actor_id=?"
            " ORDER BY a.pub_date DESC, m.article_id, m.start LIMIT ?",
            (actor_id, limit),
        )
    ]
    if record is None and stored is not None:
        record = dict(stored)
    if record is None and not mentions:
        return None
    if record is None:  # a new actor found in text: what its mentions say
        first = mentions[0]
        record = {"actor_id": actor_id, "name": first["name"], "kind": "person", "code": first["code"],
                  "sector": first["sector"], "aliases": [], "offices": []}  # fmt: skip
    total = conn.execute("SELECT COUNT(*) FROM mentions WHERE actor_id=?", (actor_id,)).fetchone()[0]
    return {**record, "mention_count": int(total), "mentions": mentions}


def run(args: argparse.Namespace) -> int:
    with open_existing(args.db) as store:
        conn = store.conn
        if args.id:
            detail = actor_detail(conn, args.id, args.limit)
            if detail is None:
                raise EventWireError("E210", f"No actor {args.id!r} in the store or the knowledge base",
                                     "List actors with: eventwire actors")  # fmt: skip
            if args.json:
                print_json(detail)
            else:
                _print_detail(detail)
            return 0
        rows = list_actors(conn, args.search, args.limit)
    if args.json:
        print_jsonl(rows)
        return 0
    if not rows:
        print("no actors match")
        return 0
    print(f"{'mentions':>8} {'articles':>8}  {'code':<6} {'sector':<6} {'actor':<40} name")
    for r in rows:
        print(f"{r['mentions']:>8} {r['articles']:>8}  {r['code'] or '-':<6} {r['sector'] or '-':<6} "
              f"{r['id'][:40]:<40} {r['name'] or ''}")  # fmt: skip
    return 0


def _print_detail(d: dict[str, Any]) -> None:
    print(
        f"{d['name']}  ({d['actor_id']}, {d.get('kind') or '-'})  {d.get('code') or '-'} {d.get('sector') or '-'}"
    )
    if d.get("aliases"):
        print("aliases: " + ", ".join(d["aliases"]))
    for o in d.get("offices") or []:
        print(f"  {o['start']} .. {o['end'] or 'now':<10}  {o['code']} {o['sector']}  {o['title']}")
    print(f"{d['mention_count']} mentions")
    for m in d["mentions"]:
        print(f"  {m['pub_date'] or '----------'}  {m['article_id'][:12]}  {m['how']:<9} {m['text']!r}")
