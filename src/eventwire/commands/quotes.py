"""``eventwire quotes``: list and search stored quotations by speaker, words, article and kind."""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from eventwire.commands._common import add_db, add_json, example, print_jsonl
from eventwire.commands.show import open_existing
from eventwire.store import queries
from eventwire.store.sqlite import Store

KINDS = ("direct", "indirect", "mixed")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "quotes",
        help="list or search stored quotes (who said what)",
        description="List stored quotes, newest article first. --speaker takes an actor id, a code (RUS, NATO), "
        "a canonical name or part of one (Lavrov); --search is full text over the quoted words and speaker "
        'name (words, "exact phrases", prefix*).',
        epilog=example("eventwire quotes --speaker Lavrov --search 'guarantees' --limit 5"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db(p)
    p.add_argument("--speaker", "-s", metavar="X", help="actor id, code, canonical name or surname")
    p.add_argument("--search", "-q", metavar="WORDS", help="full-text query over quoted words and speaker")
    p.add_argument("--article", metavar="ID", help="only quotes from this article (id or id prefix)")
    p.add_argument("--kind", choices=KINDS, help="only direct, indirect or mixed quotes")
    p.add_argument(
        "--limit",
        type=int,
        default=queries.DEFAULT_PAGE,
        help=f"at most this many (default {queries.DEFAULT_PAGE})",
    )
    add_json(p)
    p.set_defaults(func=run)


def find_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    search: str | None = None,
    article: str | None = None,
    kind: str | None = None,
    limit: int = queries.DEFAULT_PAGE,
) -> list[dict[str, Any]]:
    """Stored quotes matching every filter given.

    A ``speaker`` that matches no actor id, code or full canonical name is tried as part of a speaker
    name or surface phrase ("Lavrov" finds "Sergei Lavrov"), so people need not know the KB's spelling.
    """
    rows, total = queries.list_quotes(
        store, speaker=speaker, q=search, article=article, kind=kind, limit=max(0, limit)
    )
    if total or not speaker:
        return rows
    return _quotes_by_partial_speaker(store, speaker, search, article, kind, max(0, limit))


def _quotes_by_partial_speaker(
    store: Store, speaker: str, search: str | None, article: str | None, kind: str | None, limit: int
) -> list[dict[str, Any]]:
    """Quotes whose speaker name or speaker phrase contains ``speaker`` (case-insensitive)."""
    needle = "%" + speaker.strip().lower().replace("%", "").replace("_", "") + "%"
    where = ["(lower(q.speaker_name) LIKE ? OR lower(q.speaker_text) LIKE ?)"]
    params: list[Any] = [needle, needle]
    if search:
        match = queries.fts_query(search)
        if match is None:
            return []
        where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(match)
    if article:
        where.append("q.article_id LIKE ?")
        params.append(article.replace("%", "") + "%")
    if kind:
        where.append("q.kind = ?")
        params.append(kind)
    ids = store.conn.execute(
        "SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id WHERE "
        + " AND ".join(where)
        + " ORDER BY a.pub_date DESC, q.article_id, q.content_start LIMIT ?",
        [*params, limit],
    ).fetchall()
    rows = [queries.get_quote(store, r[0]) for r in ids]
    return [r for r in rows if r is not None]


def _speaker_label(row: dict[str, Any]) -> str:
    ref = row.get("speaker") or {}
    name = ref.get("name") or row.get("speaker_text") or "(unknown)"
    code = "/".join(x for x in (ref.get("code"), ref.get("sector")) if x)
    return f"{name} [{code}]" if code else name


def run(args: argparse.Namespace) -> int:
    with open_existing(args.db) as store:
        rows = find_quotes(
            store,
            speaker=args.speaker,
            search=args.search,
            article=args.article,
            kind=args.kind,
            limit=args.limit,
        )
    if args.json:
        print_jsonl(rows)
        return 0
    for r in rows:
        head = f"{r['article_id'][:12]}  {r.get('pub_date') or '----------'}  {r['kind']:<8}  {_speaker_label(r)}"
        if r.get("cue"):
            head += f"  ({r['cue']})"
        print(head)
        print(textwrap.indent(textwrap.fill(" ".join(r["text"].split()), width=100), " " * 14))
    if not rows:
        print("no quotes match")
    return 0
