"""Read-side queries over the :class:`~eventwire.store.sqlite.Store`: one module for the CLI, the HTTP API
and the web pages, so every page has a JSON twin and every CLI listing agrees with the web.

Every function takes an open ``Store`` and returns plain JSON-ready dicts. Lists come back as
``(items, total)`` where ``total`` counts every match regardless of ``limit``/``offset``. Record shapes
follow ``records.*.to_dict()`` with ids added:

* event: ``Event.to_dict()`` + ``id``, ``article_id``, ``article_title``, ``pub_date``, ``sentence_text``;
  ``source_spans``/``target_spans`` (article offsets of the words naming the actors) are ``[]`` for events
  stored before records carried them
* quote: ``Quote.to_dict()`` + ``id``, ``article_id``, ``article_title``, ``pub_date``
* mention: ``Mention.to_dict()`` + ``id``
* actor row: ``id`` (actor_id, or the country/organisation code for aggregates), ``actor_id``, ``code``,
  ``name``, ``sector``, ``kind``, ``level`` (``actor`` or ``code``) and counts

An actor argument (``actor=``, ``speaker=``, dyad sides) may be a knowledge-base actor id
(``person:vladimir-putin``), a code (``RUS``, ``NATO``) or a canonical name (``Vladimir Putin``,
case-insensitive). A code matches every actor carrying it, so ``RUS`` includes Putin's events.

All SQL is parameterised; table and column names only ever come from constants in this module.
Page size is capped at :data:`MAX_PAGE`.

>>> import tempfile, os
>>> from eventwire.store import Store
>>> with Store.open(os.path.join(tempfile.mkdtemp(), "q.db")) as store:
...     list_events(store, actor="RUS")
([], 0)
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from eventwire.errors import EventWireError
from eventwire.store.sqlite import Store

MAX_PAGE = 500
# Event record fields that stores written before they existed lack: read back as empty lists.
ARGUMENT_SPAN_FIELDS = ("source_spans", "target_spans")
DEFAULT_PAGE = 50
INTERVALS = ("day", "week", "month")
COOPERATION_QUADS = (1, 2)
CONFLICT_QUADS = (3, 4)

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_FTS_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
_HEX = re.compile(r"^[0-9a-f]{6,64}$")

# The period key of an event date, per interval; a week is named by its Monday.
_PERIOD_SQL = {
    "day": "substr(e.event_date, 1, 10)",
    "week": "date(substr(e.event_date, 1, 10), 'weekday 0', '-6 days')",
    "month": "substr(e.event_date, 1, 7)",
}


class QueryError(EventWireError, ValueError):
    """A query argument is malformed (bad date, unknown interval, negative offset...): code E600."""

    def __init__(self, message: str) -> None:
        super().__init__("E600", message)


# -- argument helpers -------------------------------------------------------------------------------
def _page(limit: int | None, offset: int | None) -> tuple[int, int]:
    """Clamp a page to ``0..MAX_PAGE`` rows; negative values are an error."""
    limit = DEFAULT_PAGE if limit is None else int(limit)
    offset = 0 if offset is None else int(offset)
    if limit < 0 or offset < 0:
        raise QueryError("limit and offset must be >= 0")
    return min(limit, MAX_PAGE), offset


def _date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise QueryError(f"{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def _until_bound(until: str) -> str:
    """Exclusive upper bound that keeps every date starting with ``until`` ('2022-02' keeps 2022-02-28)."""
    return until + "~"  # '~' sorts after digits, '-' and 'T'


def fts_query(text: str) -> str | None:
    """Turn what a user typed into a safe FTS5 query: words AND-ed, "quoted phrases" kept, ``word*``
    as a prefix. Operators and punctuation lose their FTS meaning, so no input is a syntax error.

    >>> fts_query('Putin "security guarantees" NATO*')
    '"Putin" "security guarantees" "NATO"*'
    >>> fts_query('") (') is None
    True
    """
    parts: list[str] = []
    for m in _FTS_TERM.finditer(text):
        phrase, word = m.group(1), m.group(2)
        raw = phrase if phrase is not None else word
        words = _WORD.findall(raw)
        if not words:
            continue
        if phrase is not None:
            parts.append('"' + " ".join(words) + '"')
            continue
        parts.extend(f'"{w}"' for w in words)
        if word.endswith("*"):
            parts[-1] += "*"
    return " ".join(parts) if parts else None


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


# -- actor resolution -------------------------------------------------------------------------------
def _actor_key(store: Store, actor: str) -> tuple[str, str]:
    """Decide how an actor argument matches: ``('actor_id', id)``, ``('code', CODE)`` or ``('name', n)``."""
    c = store.conn
    actor = actor.strip()
    if not actor:
        raise QueryError("empty actor")
    for table, col in (("event_actors", "actor_id"), ("mentions", "actor_id"), ("quotes", "speaker_actor_id"),
                       ("actors", "actor_id")):  # fmt: skip
        if c.execute(f"SELECT 1 FROM {table} WHERE {col}=? LIMIT 1", (actor,)).fetchone():  # noqa: S608
            return ("actor_id", actor)
    code = actor.upper()
    for table, col in (("event_actors", "code"), ("mentions", "code"), ("quotes", "speaker_code"),
                       ("actors", "code")):  # fmt: skip
        if c.execute(f"SELECT 1 FROM {table} WHERE {col}=? LIMIT 1", (code,)).fetchone():  # noqa: S608
            return ("code", code)
    return ("name", actor)


def _actor_where(kind: str, column_prefix: str) -> str:
    """SQL condition (one ``?``) matching an actor on columns ``<prefix>actor_id|code|name``."""
    if kind == "name":
        return f"{column_prefix}name = ? COLLATE NOCASE"
    if kind == "code":
        return f"{column_prefix}code = ?"
    return f"{column_prefix}actor_id = ?"


def _ea_subquery(kind: str, role: str | None) -> str:
    """``events.id IN (...)`` subquery over event_actors for one actor (params: value[, role])."""
    cond = _actor_where(kind, "")
    if role:
        cond += " AND role = ?"
    return f"e.id IN (SELECT event_id FROM event_actors WHERE {cond})"


# -- row shapes -------------------------------------------------------------------------------------
def _actor_ref(actor_id: Any, code: Any, sector: Any, name: Any, kind: Any = None) -> dict[str, Any] | None:
    if actor_id is None and code is None and sector is None and name is None:
        return None
    return {"code": code, "sector": sector, "name": name, "actor_id": actor_id, "kind": kind}


def event_record(record: str) -> dict[str, Any]:
    """A stored event's JSON ``record`` as a dict, with the fields later records gained filled in for
    older rows: ``source_spans``/``target_spans`` (added after the first stores were written) are ``[]``.

    >>> event_record('{"type": "ACCUSE"}')
    {'type': 'ACCUSE', 'source_spans': [], 'target_spans': []}
    """
    out: dict[str, Any] = json.loads(record)
    for key in ARGUMENT_SPAN_FIELDS:
        out.setdefault(key, [])
    return out


def _event_row(row: sqlite3.Row) -> dict[str, Any]:
    out: dict[str, Any] = {"id": row["id"], "article_id": row["article_id"]}
    out.update(event_record(row["record"]))
    out["article_title"] = row["article_title"]
    out["pub_date"] = row["pub_date"]
    out["sentence_text"] = row["sentence_text"]
    return out


def _quote_row(row: sqlite3.Row) -> dict[str, Any]:
    start, end = row["speaker_start"], row["speaker_end"]
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "kind": row["kind"],
        "content_span": [row["content_start"], row["content_end"]],
        "text": row["text"],
        "speaker": _actor_ref(
            row["speaker_actor_id"], row["speaker_code"], row["speaker_sector"], row["speaker_name"]
        ),  # fmt: skip
        "speaker_span": [start, end] if start is not None and end is not None else None,
        "speaker_text": row["speaker_text"],
        "cue": row["cue"],
        "confidence": round(row["confidence"], 3) if row["confidence"] is not None else None,
        "rule": row["rule"],
        "article_title": row["article_title"],
        "pub_date": row["pub_date"],
    }


def _mention_row(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "start": row["start"],
        "end": row["end"],
        "text": row["text"],
        "label": row["label"],
        "actor": _actor_ref(row["actor_id"], row["code"], row["sector"], row["name"]),
        "how": row["how"],
        "sentence": row["sentence"],
    }


_EVENT_COLS = (
    "e.id, e.article_id, e.record, a.title AS article_title, a.pub_date AS pub_date,"
    " substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence_text"
)
_QUOTE_COLS = "q.*, a.title AS article_title, a.pub_date AS pub_date"
_ARTICLE_COLS = (
    "a.id, a.title, a.pub_date, a.outlet, a.url, a.language, a.ingested_at,"
    " (SELECT COUNT(*) FROM events x WHERE x.article_id = a.id) AS n_events,"
    " (SELECT COUNT(*) FROM quotes x WHERE x.article_id = a.id) AS n_quotes"
)


# -- articles ---------------------------------------------------------------------------------------
def list_articles(
    store: Store,
    q: str | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    limit: int | None = DEFAULT_PAGE,
    offset: int | None = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Articles, newest first, or by relevance when ``q`` (full text over title and body) is given.

    Each item: ``id, title, pub_date, outlet, url, language, ingested_at, n_events, n_quotes`` and, with
    ``q``, ``snippet`` (plain text) with ``snippet_marks`` ([start, end] offsets of matched words in it).
    """
    limit, offset = _page(limit, offset)
    where: list[str] = []
    params: list[Any] = []
    match = fts_query(q) if q else None
    if q and match is None:
        return [], 0
    if match:
        where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(match)
    if since := _date(since, "since"):
        where.append("a.pub_date >= ?")
        params.append(since)
    if until := _date(until, "until"):
        where.append("a.pub_date < ?")
        params.append(_until_bound(until))
    if outlet:
        where.append("a.outlet = ? COLLATE NOCASE")
        params.append(outlet)
    sql_where = (" WHERE " + " AND ".join(where)) if where else ""
    c = store.conn
    total = int(c.execute(f"SELECT COUNT(*) FROM articles a{sql_where}", params).fetchone()[0])  # noqa: S608
    if match:
        rows = c.execute(
            f"SELECT {_ARTICLE_COLS}, snippet(articles_fts, 1, char(2), char(3), '…', 24) AS snip"  # noqa: S608
            f" FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            f" WHERE articles_fts MATCH ?{' AND ' + ' AND '.join(where[1:]) if len(where) > 1 else ''}"
            " ORDER BY bm25(articles_fts), a.pub_date DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
    else:
        rows = c.execute(
            f"SELECT {_ARTICLE_COLS} FROM articles a{sql_where}"  # noqa: S608
            " ORDER BY a.pub_date DESC, a.rowid DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
    items = []
    for r in rows:
        item = {k: r[k] for k in r.keys() if k != "snip"}  # noqa: SIM118 - a Row iterates values
        if match:
            item["snippet"], item["snippet_marks"] = _split_marks(r["snip"] or "")
        items.append(item)
    return items, total


def _split_marks(snippet: str) -> tuple[str, list[list[int]]]:
    """Strip the \\x02/\\x03 match markers from an FTS snippet, returning plain text and mark offsets."""
    out: list[str] = []
    marks: list[list[int]] = []
    pos = 0
    start = -1
    for ch in snippet:
        if ch == "\x02":
            start = pos
        elif ch == "\x03":
            if start >= 0:
                marks.append([start, pos])
            start = -1
        else:
            out.append(ch)
            pos += 1
    return "".join(out), marks


def _find_article_id(store: Store, article_id: str) -> str | None:
    """Exact id, or a unique hex prefix of at least 6 characters."""
    c = store.conn
    if c.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone():
        return article_id
    if not _HEX.match(article_id):
        return None
    rows = c.execute(
        "SELECT id FROM articles WHERE substr(id, 1, ?) = ? LIMIT 2", (len(article_id), article_id)
    ).fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def get_article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One article (id or unique id prefix) with its text, sentences, mentions, events and quotes.

    Events are ordered by trigger offset, quotes by content offset, mentions by start offset.
    """
    aid = _find_article_id(store, article_id)
    if aid is None:
        return None
    c = store.conn
    row = c.execute(
        "SELECT id, title, pub_date, outlet, url, language, source_path, ingested_at, processed, text"
        " FROM articles WHERE id=?",
        (aid,),
    ).fetchone()
    out = dict(row)
    out["processed"] = bool(out["processed"])
    out["sentences"] = [
        {"start": s["start"], "end": s["end"]}
        for s in c.execute("SELECT start, end FROM sentences WHERE article_id=? ORDER BY idx", (aid,))
    ]
    out["mentions"] = [
        _mention_row(m)
        for m in c.execute("SELECT * FROM mentions WHERE article_id=? ORDER BY start, id", (aid,))
    ]
    out["events"] = [
        _event_row(e)
        for e in c.execute(
            f"SELECT {_EVENT_COLS} FROM events e JOIN articles a ON a.id = e.article_id"  # noqa: S608
            " WHERE e.article_id=? ORDER BY e.trigger_start, e.rowid",
            (aid,),
        )
    ]
    out["quotes"] = [
        _quote_row(q)
        for q in c.execute(
            f"SELECT {_QUOTE_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id"  # noqa: S608
            " WHERE q.article_id=? ORDER BY q.content_start, q.rowid",
            (aid,),
        )
    ]
    return out


# -- events -----------------------------------------------------------------------------------------
def _event_filters(
    store: Store,
    *,
    actor: str | None,
    role: str | None,
    dyad: Sequence[str] | None,
    directed: bool,
    type: str | None,
    quad_class: int | None,
    since: str | None,
    until: str | None,
    article: str | None,
    text: str | None,
    include_flagged: bool,
) -> tuple[list[str], list[Any]] | None:
    """WHERE clauses and params for an event query over ``events e`` (None: nothing can match)."""
    where: list[str] = []
    params: list[Any] = []
    if not include_flagged:
        where.append("e.flagged = 0")
    if actor:
        if role not in (None, "source", "target"):
            raise QueryError("role must be 'source' or 'target'")
        kind, value = _actor_key(store, actor)
        where.append(_ea_subquery(kind, role))
        params.extend([value, role] if role else [value])
    if dyad:
        if len(dyad) != 2 or not all(dyad):
            raise QueryError("dyad needs two actors")
        (ka, va), (kb, vb) = _actor_key(store, dyad[0]), _actor_key(store, dyad[1])
        # events with a as a source and b as a target: two covering index scans intersected
        a_to_b = (
            f"SELECT event_id FROM event_actors WHERE {_actor_where(ka, '')} AND role = 'source' INTERSECT "
            f"SELECT event_id FROM event_actors WHERE {_actor_where(kb, '')} AND role = 'target'"
        )
        if directed:
            where.append(f"e.id IN ({a_to_b})")
            params.extend([va, vb])
        else:
            b_to_a = (
                f"SELECT event_id FROM event_actors WHERE {_actor_where(kb, '')} AND role = 'source' INTERSECT "
                f"SELECT event_id FROM event_actors WHERE {_actor_where(ka, '')} AND role = 'target'"
            )
            where.append(f"e.id IN (SELECT event_id FROM ({a_to_b}) UNION SELECT event_id FROM ({b_to_a}))")
            params.extend([va, vb, vb, va])
    if type:
        types = [t.strip().upper() for t in type.split(",") if t.strip()]
        where.append(f"e.type IN ({','.join('?' * len(types))})")
        params.extend(types)
    if quad_class is not None:
        if int(quad_class) not in (1, 2, 3, 4):
            raise QueryError("quad_class must be 1, 2, 3 or 4")
        where.append("e.quad_class = ?")
        params.append(int(quad_class))
    if since := _date(since, "since"):
        where.append("e.event_date >= ?")
        params.append(since)
    if until := _date(until, "until"):
        where.append("e.event_date < ?")
        params.append(_until_bound(until))
    if article:
        aid = _find_article_id(store, article)
        if aid is None:
            return None
        where.append("e.article_id = ?")
        params.append(aid)
    if text:
        match = fts_query(text)
        if match is None:
            return None
        # FTS narrows to articles, then every word must occur in the event's own sentence.
        words = _words(text)
        in_sentence = " AND ".join(
            [
                "instr(lower(substr(a2.text, e2.sentence_start + 1, e2.sentence_end - e2.sentence_start)), ?) > 0"
            ]
            * len(words)
        )
        where.append(
            "e.rowid IN (SELECT e2.rowid FROM articles a2 JOIN events e2 ON e2.article_id = a2.id"
            " WHERE a2.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            f" AND {in_sentence})"
        )
        params.extend([match, *words])
    return where, params


def list_events(
    store: Store,
    actor: str | None = None,
    *,
    role: str | None = None,
    dyad: Sequence[str] | None = None,
    directed: bool = False,
    type: str | None = None,
    quad_class: int | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    text: str | None = None,
    include_flagged: bool = False,
    limit: int | None = DEFAULT_PAGE,
    offset: int | None = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Events matching every filter given, newest event date first (in text order within one article).

    ``actor`` with ``role`` ('source'/'target') restricts the side; ``dyad=(a, b)`` keeps events between
    the two in either direction (``directed=True``: a acting on b only); ``type`` is a PLOVER type or a
    comma-separated list; ``since``/``until`` bound ``event_date`` inclusively (YYYY, YYYY-MM or
    YYYY-MM-DD); ``text`` keeps events whose sentence contains every word; negated, hypothetical and
    future events are left out unless ``include_flagged``.
    """
    limit, offset = _page(limit, offset)
    built = _event_filters(
        store, actor=actor, role=role, dyad=dyad, directed=directed, type=type, quad_class=quad_class,
        since=since, until=until, article=article, text=text, include_flagged=include_flagged,
    )  # fmt: skip
    if built is None:
        return [], 0
    where, params = built
    sql_where = (" WHERE " + " AND ".join(where)) if where else ""
    c = store.conn
    total = int(c.execute(f"SELECT COUNT(*) FROM events e{sql_where}", params).fetchone()[0])  # noqa: S608
    order = "e.trigger_start, e.rowid" if article else "e.event_date DESC, e.rowid DESC"
    # Page the row ids first (index-only for most filters), then fetch just those rows with their article.
    ids = [
        r[0]
        for r in c.execute(
            f"SELECT e.rowid FROM events e{sql_where} ORDER BY {order} LIMIT ? OFFSET ?",  # noqa: S608
            [*params, limit, offset],
        )
    ]
    if not ids:
        return [], total
    rows = c.execute(
        f"SELECT {_EVENT_COLS}, e.rowid AS rid FROM events e JOIN articles a ON a.id = e.article_id"  # noqa: S608
        f" WHERE e.rowid IN ({','.join('?' * len(ids))})",
        ids,
    ).fetchall()
    by_rowid = {r["rid"]: r for r in rows}
    return [_event_row(by_rowid[i]) for i in ids if i in by_rowid], total


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event by id with its article's title and date and the text of its sentence."""
    row = store.conn.execute(
        f"SELECT {_EVENT_COLS} FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id=?",  # noqa: S608
        (event_id,),
    ).fetchone()
    return _event_row(row) if row else None


# -- quotes -----------------------------------------------------------------------------------------
def list_quotes(
    store: Store,
    speaker: str | None = None,
    q: str | None = None,
    *,
    article: str | None = None,
    kind: str | None = None,
    limit: int | None = DEFAULT_PAGE,
    offset: int | None = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Quotes, newest article first: by ``speaker`` (actor id, code or name), full text ``q`` over the
    quoted words and speaker name, ``article`` id and ``kind`` (direct / indirect / mixed)."""
    limit, offset = _page(limit, offset)
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        k, value = _actor_key(store, speaker)
        where.append(_actor_where(k, "q.speaker_"))
        params.append(value)
    if q:
        match = fts_query(q)
        if match is None:
            return [], 0
        where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(match)
    if article:
        aid = _find_article_id(store, article)
        if aid is None:
            return [], 0
        where.append("q.article_id = ?")
        params.append(aid)
    if kind:
        where.append("q.kind = ?")
        params.append(kind)
    sql_where = (" WHERE " + " AND ".join(where)) if where else ""
    c = store.conn
    total = int(c.execute(f"SELECT COUNT(*) FROM quotes q{sql_where}", params).fetchone()[0])  # noqa: S608
    rows = c.execute(
        f"SELECT {_QUOTE_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id{sql_where}"  # noqa: S608
        " ORDER BY a.pub_date DESC, q.article_id, q.content_start LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [_quote_row(r) for r in rows], total


def get_quote(store: Store, quote_id: str) -> dict[str, Any] | None:
    """One quote by id."""
    row = store.conn.execute(
        f"SELECT {_QUOTE_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id=?",  # noqa: S608
        (quote_id,),
    ).fetchone()
    return _quote_row(row) if row else None


# -- actors -----------------------------------------------------------------------------------------
# One row per actor id and one aggregate row per code; counts from event roles, mentions and quotes.
# A state's KB id (country:RUS) is folded into its code's row: the country page is the code page.
_ACTOR_ROWS_SQL = """
WITH seen(id, level, actor_id, code, sector, name, src, tgt, men, quo) AS (
    SELECT actor_id, 'actor', actor_id, code, sector, name, role = 'source', role = 'target', 0, 0
      FROM event_actors WHERE actor_id IS NOT NULL AND actor_id NOT LIKE 'country:%'
    UNION ALL
    SELECT code, 'code', NULL, code, NULL, NULL, role = 'source', role = 'target', 0, 0
      FROM event_actors WHERE code IS NOT NULL
    UNION ALL
    SELECT actor_id, 'actor', actor_id, code, sector, name, 0, 0, 1, 0 FROM mentions WHERE actor_id IS NOT NULL AND actor_id NOT LIKE 'country:%'
    UNION ALL
    SELECT code, 'code', NULL, code, NULL, NULL, 0, 0, 1, 0 FROM mentions WHERE code IS NOT NULL
    UNION ALL
    SELECT speaker_actor_id, 'actor', speaker_actor_id, speaker_code, speaker_sector, speaker_name, 0, 0, 0, 1
      FROM quotes WHERE speaker_actor_id IS NOT NULL AND speaker_actor_id NOT LIKE 'country:%'
    UNION ALL
    SELECT speaker_code, 'code', NULL, speaker_code, NULL, NULL, 0, 0, 0, 1
      FROM quotes WHERE speaker_code IS NOT NULL
)
SELECT s.id, s.level, max(s.actor_id) AS actor_id, coalesce(max(k.code), max(s.code)) AS code,
       coalesce(max(k.sector), max(s.sector)) AS sector, coalesce(max(k.name), max(s.name)) AS name,
       max(k.kind) AS kind, sum(s.src) AS events_as_source, sum(s.tgt) AS events_as_target,
       sum(s.men) AS mentions, sum(s.quo) AS quotes
  FROM seen s LEFT JOIN actors k ON k.actor_id = s.actor_id
"""


@cache
def _code_names() -> dict[str, str]:
    """Display names of codes from the actor data files: countries (alpha-3) and, for IGO acronyms, the
    first organisation listed with that code (UN, NATO, EU...). Empty when the files are absent."""
    import csv
    from importlib import resources

    names: dict[str, str] = {}
    base = resources.files("eventwire") / "data" / "actors"
    for file, kind_col in (("countries.tsv", None), ("organisations.tsv", "kind")):
        path = base / file
        if not path.is_file():
            continue
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            code, name = (row.get("code") or "").strip(), (row.get("name") or "").strip()
            if code and name and (kind_col is None or row.get(kind_col) == "igo"):
                names.setdefault(code, name)
    return names


@cache
def _code_name(code: str) -> str | None:
    """The name of a country or organisation code (None when unknown)."""
    if not code:
        return None
    if code in _code_names():
        return _code_names()[code]
    if len(code) != 3:
        return None
    try:
        import pycountry

        country = pycountry.countries.get(alpha_3=code)
    except (ImportError, LookupError, KeyError):
        return None
    return str(country.name) if country else None


def _actor_summary(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    if out["level"] == "code" and not out.get("name"):
        out["name"] = _code_name(out["code"]) or out["code"]
    out["events"] = out["events_as_source"] + out["events_as_target"]
    return out


def list_actors(
    store: Store, q: str | None = None, *, limit: int | None = DEFAULT_PAGE, offset: int | None = 0
) -> tuple[list[dict[str, Any]], int]:
    """Actors seen in events, mentions or quotes, most active first.

    Named actors appear under their knowledge-base id (``level='actor'``); every code also appears as an
    aggregate (``level='code'``: ``RUS`` counts all Russian actors). ``q`` matches id, code, name or, for
    a code, its country's name (case-insensitive substring). Each item carries ``events_as_source``,
    ``events_as_target``, ``events``, ``mentions`` and ``quotes`` counts.
    """
    limit, offset = _page(limit, offset)
    rows = _cached(store, "actors", lambda: [_actor_summary(r) for r in store.conn.execute(
        f"SELECT * FROM ({_ACTOR_ROWS_SQL} GROUP BY s.id, s.level)"  # noqa: S608
        " ORDER BY events_as_source + events_as_target DESC, mentions DESC, id"
    )])  # fmt: skip
    if q and q.strip():
        needle = q.strip().lower()
        rows = [
            r
            for r in rows
            if needle in r["id"].lower()
            or needle in (r["name"] or "").lower()
            or (r["level"] == "code" and needle in (_code_name(r["code"]) or "").lower())
        ]
    return [dict(r) for r in rows[offset : offset + limit]], len(rows)


# Aggregates (actor list, stats) are kept per connection until the database changes: ``data_version``
# moves when another connection commits, ``total_changes`` when this one writes.
_CACHE: dict[tuple[int, str], tuple[Any, tuple[int, int], Any]] = {}
_CACHE_SIZE = 64


def _cached(store: Store, name: str, compute: Callable[[], Any]) -> Any:
    conn = store.conn
    stamp = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
    key = (id(conn), name)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is conn and hit[1] == stamp:
        return hit[2]
    value = compute()
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (conn, stamp, value)  # holding conn keeps its id from being reused by another
    return value


def load_default_kb() -> Any:
    """The actor knowledge base :func:`get_actor` reads offices from, loaded once per process (None when
    it cannot be loaded); call it early to pay the loading time up front."""
    return _default_kb()


@cache
def _default_kb() -> Any:
    """The actor knowledge base, loaded once (None when it cannot be loaded)."""
    try:
        from eventwire.actors import load_kb

        return load_kb()
    except Exception:  # the KB is optional for reading a store
        return None


def _plain(obj: Any) -> Any:
    """A KB object as JSON-ready data (dataclass, object with to_dict, or plain value)."""
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    import dataclasses

    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    if isinstance(obj, dict | list | str | int | float | bool) or obj is None:
        return obj
    return str(obj)


def _office_dates(office: dict[str, Any]) -> tuple[str, str]:
    start = office.get("start") or office.get("from") or office.get("since") or ""
    end = office.get("end") or office.get("to") or office.get("until") or ""
    return str(start), str(end)


def office_at(offices: Sequence[dict[str, Any]], date: str | None) -> list[dict[str, Any]]:
    """The offices whose date range (``start``/``end``, open ends allowed) contains ``date``.

    >>> office_at([{"title": "Secretary of State", "start": "2021-01-26", "end": "2025-01-20"}], "2022-02-02")
    [{'title': 'Secretary of State', 'start': '2021-01-26', 'end': '2025-01-20'}]
    """
    if not date:
        return []
    day = date[:10]
    out = []
    for o in offices:
        start, end = _office_dates(o)
        if (not start or start[:10] <= day) and (not end or day <= end[:10]):
            out.append(o)
    return out


def get_actor(
    store: Store, actor: str, *, at: str | None = None, limit: int = 100, kb: Any = None
) -> dict[str, Any] | None:
    """One actor (knowledge-base id, code or name): who they are, offices (and those held ``at`` a date,
    by default the date of their latest event or quote), events as source and as target (latest ``limit`` each,
    with totals), top counterparts, quotes, mention count and a monthly timeline. None when unseen."""
    kind, value = _actor_key(store, actor)
    c = store.conn
    kb_row = None
    if kind == "actor_id":
        kb_row = c.execute("SELECT * FROM actors WHERE actor_id=?", (value,)).fetchone()
    where_ea = _actor_where(kind, "")
    names = (
        c.execute(
            f"SELECT actor_id, code, sector, name, COUNT(*) AS n FROM event_actors WHERE {where_ea}"  # noqa: S608
            " GROUP BY actor_id, code, sector, name ORDER BY n DESC LIMIT 1",
            (value,),
        ).fetchone()
        or c.execute(
            f"SELECT actor_id, code, sector, name, COUNT(*) AS n FROM mentions WHERE {where_ea}"  # noqa: S608
            " GROUP BY actor_id, code, sector, name ORDER BY n DESC LIMIT 1",
            (value,),
        ).fetchone()
    )
    quotes, n_quotes = list_quotes(store, speaker=actor, limit=limit)
    if names is None and kb_row is None and not quotes:
        return None
    n_mentions = int(
        c.execute(f"SELECT COUNT(*) FROM mentions WHERE {where_ea}", (value,)).fetchone()[0]  # noqa: S608
    )
    as_source, n_source = list_events(store, actor=actor, role="source", limit=limit)
    as_target, n_target = list_events(store, actor=actor, role="target", limit=limit)
    out: dict[str, Any] = {
        "id": value if kind != "name" else (names["actor_id"] if names and names["actor_id"] else value),
        "level": "code" if kind == "code" else "actor",
        "actor_id": value if kind == "actor_id" else (names["actor_id"] if names else None),
        "code": value if kind == "code" else (names["code"] if names else None),
        "sector": None if kind == "code" else (names["sector"] if names else None),
        "name": names["name"] if names and kind != "code" else None,
        "kind": None,
        "aliases": [],
        "offices": [],
        "qid": None,
    }
    if kind == "code":
        out["name"] = _code_name(value) or value
    if kb_row is not None:
        out.update(
            name=kb_row["name"], kind=kb_row["kind"], code=kb_row["code"], sector=kb_row["sector"],
            aliases=json.loads(kb_row["aliases"]), offices=json.loads(kb_row["offices"]), qid=kb_row["qid"],
        )  # fmt: skip
    elif out["actor_id"]:
        kb = kb if kb is not None else _default_kb()
        lookup = getattr(kb, "actor", None)
        entry = lookup(out["actor_id"]) if callable(lookup) else None
        if entry is not None:
            data = _plain(entry)
            if isinstance(data, dict):
                for key in ("name", "kind", "code", "sector", "qid"):
                    if data.get(key):
                        out[key] = data[key]
                out["aliases"] = list(data.get("aliases") or [])
                out["offices"] = [_plain(o) for o in data.get("offices") or []]
    # default date for "office at": the actor's latest appearance (event date or quoting article's date)
    seen = [r["event_date"] for r in (as_source[:1] + as_target[:1])] + [q["pub_date"] for q in quotes[:1]]
    latest = max((d[:10] for d in seen if d), default=None)
    out["at"] = at or latest
    out["office_at"] = office_at(out["offices"], out["at"])
    out["counts"] = {"events_as_source": n_source, "events_as_target": n_target, "quotes": n_quotes,
                     "mentions": n_mentions}  # fmt: skip
    out["events_as_source"] = as_source
    out["events_as_target"] = as_target
    out["quotes"] = quotes
    out["top_counterparts"] = _counterparts(store, kind, value)
    out["timeline"] = _timeline(store, kind, value)
    return out


def actor_name(store: Store, actor: str) -> str:
    """A display name for an actor argument: the KB or stored name of an id, the country of a code."""
    kind, value = _actor_key(store, actor)
    if kind == "code":
        return _code_name(value) or value
    if kind == "name":
        return value
    row = store.conn.execute("SELECT name FROM actors WHERE actor_id=?", (value,)).fetchone()
    row = (
        row
        or store.conn.execute(
            "SELECT name FROM event_actors WHERE actor_id=? AND name IS NOT NULL LIMIT 1", (value,)
        ).fetchone()
    )
    row = (
        row
        or store.conn.execute(
            "SELECT name FROM mentions WHERE actor_id=? AND name IS NOT NULL LIMIT 1", (value,)
        ).fetchone()
    )
    return str(row[0]) if row else value


def _key_sql(t: str) -> str:
    """SQL for an actor's page key on event_actors alias ``t``: its KB id, or its code when unnamed or a
    state (``country:RUS`` is the RUS page)."""
    return (
        f"CASE WHEN {t}.actor_id IS NULL OR {t}.actor_id LIKE 'country:%' THEN {t}.code ELSE {t}.actor_id END"
    )


def _counterparts(store: Store, kind: str, value: str, limit: int = 15) -> list[dict[str, Any]]:
    """Actors most often on the other side of this actor's (unflagged) events: ``n`` events, ``acts_on``
    (this actor is the source), ``acted_on_by`` (the counterpart is), mean Goldstein."""
    cond = _actor_where(kind, "me.")
    rows = store.conn.execute(
        f"""
        SELECT {_key_sql("o")} AS id, max({_key_sql("o")} = o.actor_id) AS named, max(o.code) AS code,
               max(o.name) AS name, COUNT(DISTINCT e.id) AS n,
               COUNT(DISTINCT CASE WHEN me.role = 'source' THEN e.id END) AS acts_on,
               COUNT(DISTINCT CASE WHEN me.role = 'target' THEN e.id END) AS acted_on_by,
               AVG(e.goldstein) AS goldstein_mean
          FROM event_actors me
          JOIN events e ON e.id = me.event_id AND e.flagged = 0
          JOIN event_actors o ON o.event_id = me.event_id AND o.role != me.role
         WHERE {cond} AND {_key_sql("o")} IS NOT NULL
         GROUP BY 1
         ORDER BY n DESC, id LIMIT ?
        """,  # noqa: S608
        (value, limit),
    ).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        if d["goldstein_mean"] is not None:
            d["goldstein_mean"] = round(d["goldstein_mean"], 2)
        d["actor_id"] = d["id"] if d.pop("named") else None
        if not d["actor_id"]:  # grouped by code: several unnamed actors, named after the country
            d["name"] = _code_name(d["code"]) or d["code"]
        out.append(d)
    return out


def _timeline(store: Store, kind: str, value: str) -> list[dict[str, Any]]:
    """Per month: events done (as source) and suffered (as target), split by cooperation/conflict."""
    cond = _actor_where(kind, "me.")
    rows = store.conn.execute(
        f"""
        SELECT substr(e.event_date, 1, 7) AS period, me.role AS role,
               SUM(e.quad_class IN (1, 2)) AS cooperation, SUM(e.quad_class IN (3, 4)) AS conflict,
               COUNT(DISTINCT e.id) AS n
          FROM event_actors me JOIN events e ON e.id = me.event_id AND e.flagged = 0
         WHERE {cond} AND e.event_date IS NOT NULL
         GROUP BY period, role ORDER BY period
        """,  # noqa: S608
        (value,),
    ).fetchall()
    by_period: dict[str, dict[str, Any]] = {}
    for r in rows:
        p = by_period.setdefault(
            r["period"],
            {"period": r["period"], "as_source": 0, "as_target": 0, "cooperation": 0, "conflict": 0},
        )
        p["as_source" if r["role"] == "source" else "as_target"] += r["n"]
        p["cooperation"] += r["cooperation"] or 0
        p["conflict"] += r["conflict"] or 0
    return list(by_period.values())


# -- analysis ---------------------------------------------------------------------------------------
def dyad_series(
    store: Store,
    a: str,
    b: str,
    interval: str = "month",
    *,
    since: str | None = None,
    until: str | None = None,
    directed: bool = False,
    include_flagged: bool = False,
) -> dict[str, Any]:
    """Events between actors ``a`` and ``b`` per day, week (named by its Monday) or month.

    Returns ``{"a", "b", "interval", "periods": [...], "totals": {...}}``; each period has ``period``,
    ``since`` and ``until`` (its date range, for drilling into :func:`list_events`), ``counts``
    (PLOVER type -> n), ``total``, ``goldstein`` (sum), ``cooperation`` (quad class 1-2), ``conflict``
    (quad class 3-4), ``a_to_b`` and ``b_to_a``.
    """
    if interval not in INTERVALS:
        raise QueryError(f"interval must be one of {', '.join(INTERVALS)}")
    built = _event_filters(
        store, actor=None, role=None, dyad=(a, b), directed=directed, type=None, quad_class=None,
        since=since, until=until, article=None, text=None, include_flagged=include_flagged,
    )  # fmt: skip
    assert built is not None
    where, params = built
    (ka, va) = _actor_key(store, a)
    period = _PERIOD_SQL[interval]
    rows = store.conn.execute(
        f"""
        SELECT {period} AS period, e.type AS type, COUNT(*) AS n, SUM(coalesce(e.goldstein, 0)) AS gold,
               SUM(e.quad_class IN (1, 2)) AS coop, SUM(e.quad_class IN (3, 4)) AS conf,
               SUM({_ea_subquery(ka, "source")}) AS from_a
          FROM events e
         WHERE e.event_date IS NOT NULL AND {" AND ".join(where)}
         GROUP BY period, e.type ORDER BY period
        """,  # noqa: S608
        [va, "source", *params],
    ).fetchall()
    periods: dict[str, dict[str, Any]] = {}
    for r in rows:
        key = r["period"]
        p = periods.get(key)
        if p is None:
            start, end = _period_range(key, interval)
            p = periods[key] = {"period": key, "since": start, "until": end, "counts": {}, "total": 0,
                                "goldstein": 0.0, "cooperation": 0, "conflict": 0, "a_to_b": 0, "b_to_a": 0}  # fmt: skip
        p["counts"][r["type"]] = r["n"]
        p["total"] += r["n"]
        p["goldstein"] = round(p["goldstein"] + (r["gold"] or 0.0), 2)
        p["cooperation"] += r["coop"] or 0
        p["conflict"] += r["conf"] or 0
        p["a_to_b"] += r["from_a"] or 0
        p["b_to_a"] += r["n"] - (r["from_a"] or 0)
    series = list(periods.values())
    totals: dict[str, Any] = {
        "events": sum(p["total"] for p in series),
        "goldstein": round(sum(p["goldstein"] for p in series), 2),
        "cooperation": sum(p["cooperation"] for p in series),
        "conflict": sum(p["conflict"] for p in series),
        "counts": {},
    }
    for p in series:
        for t, n in p["counts"].items():
            totals["counts"][t] = totals["counts"].get(t, 0) + n
    return {"a": a, "b": b, "interval": interval, "directed": directed, "periods": series, "totals": totals}


def _period_range(key: str, interval: str) -> tuple[str, str]:
    """First and last day of a period key."""
    from datetime import date, timedelta

    if interval == "day":
        return key, key
    if interval == "week":
        start = date.fromisoformat(key)
        return key, (start + timedelta(days=6)).isoformat()
    year, month = int(key[:4]), int(key[5:7])
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return f"{key}-01", (nxt - timedelta(days=1)).isoformat()


def network(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    min_count: int = 1,
    level: str = "code",
    type: str | None = None,
    limit: int = 300,
) -> dict[str, Any]:
    """Who acts on whom: directed edges source -> target weighted by unflagged event counts.

    ``level='code'`` joins actors by country/organisation code, ``'actor'`` by knowledge-base id (code
    when unnamed). Each edge: ``source, target, n, goldstein_mean, cooperation, conflict``; each node:
    ``id, name, n`` (events it takes part in, over the kept edges). Edges with fewer than ``min_count``
    events are dropped; at most ``limit`` edges, heaviest first.
    """
    if level not in ("code", "actor"):
        raise QueryError("level must be 'code' or 'actor'")
    ks, kt = ("s.code", "t.code") if level == "code" else (_key_sql("s"), _key_sql("t"))
    where = ["e.flagged = 0", f"{ks} IS NOT NULL", f"{kt} IS NOT NULL", f"{ks} != {kt}"]
    params: list[Any] = []
    if since := _date(since, "since"):
        where.append("e.event_date >= ?")
        params.append(since)
    if until := _date(until, "until"):
        where.append("e.event_date < ?")
        params.append(_until_bound(until))
    if type:
        types = [t.strip().upper() for t in type.split(",") if t.strip()]
        where.append(f"e.type IN ({','.join('?' * len(types))})")
        params.extend(types)
    rows = store.conn.execute(
        f"""
        SELECT {ks} AS source, {kt} AS target, max(s.name) AS source_name, max(t.name) AS target_name,
               COUNT(DISTINCT e.id) AS n, AVG(e.goldstein) AS goldstein_mean,
               COUNT(DISTINCT CASE WHEN e.quad_class IN (1, 2) THEN e.id END) AS cooperation,
               COUNT(DISTINCT CASE WHEN e.quad_class IN (3, 4) THEN e.id END) AS conflict
          FROM events e
          JOIN event_actors s ON s.event_id = e.id AND s.role = 'source'
          JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'
         WHERE {" AND ".join(where)}
         GROUP BY 1, 2 HAVING n >= ? ORDER BY n DESC, 1, 2 LIMIT ?
        """,  # noqa: S608
        [*params, max(1, int(min_count)), max(1, min(int(limit), 5 * MAX_PAGE))],
    ).fetchall()
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for r in rows:
        for side in ("source", "target"):
            node_id = r[side]
            name = r[f"{side}_name"] if level == "actor" and ":" in node_id else None
            node = nodes.setdefault(
                node_id, {"id": node_id, "name": name or _code_name(node_id) or node_id, "n": 0}
            )
            node["n"] += r["n"]
        mean = r["goldstein_mean"]
        edges.append({
            "source": r["source"], "target": r["target"], "n": r["n"],
            "goldstein_mean": round(mean, 2) if mean is not None else None,
            "cooperation": r["cooperation"], "conflict": r["conflict"],
        })  # fmt: skip
    return {"level": level, "nodes": sorted(nodes.values(), key=lambda n: -n["n"]), "edges": edges}


def stats(store: Store) -> dict[str, Any]:
    """Counts per table, date ranges, events per PLOVER type and quad class, quotes per kind."""
    return dict(_cached(store, "stats", lambda: _stats(store)))


def _stats(store: Store) -> dict[str, Any]:
    c = store.conn
    out: dict[str, Any] = {
        t: store.count(t) for t in ("articles", "events", "quotes", "mentions", "actors", "stories")
    }
    out["schema_version"] = store.schema_version()
    out["events_flagged"] = int(c.execute("SELECT COUNT(*) FROM events WHERE flagged=1").fetchone()[0])
    out["articles_unprocessed"] = int(
        c.execute("SELECT COUNT(*) FROM articles WHERE processed=0").fetchone()[0]
    )
    # min and max in separate statements so each is one index probe
    out["pub_dates"] = [
        c.execute(f"SELECT {f}(pub_date) FROM articles").fetchone()[0] for f in ("min", "max")
    ]
    out["event_dates"] = [
        c.execute(f"SELECT {f}(event_date) FROM events").fetchone()[0] for f in ("min", "max")
    ]
    out["event_types"] = {
        row[0]: row[1] for row in c.execute("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY 2 DESC")
    }
    out["quad_classes"] = {
        str(row[0]): row[1]
        for row in c.execute(
            "SELECT quad_class, COUNT(*) FROM events WHERE quad_class IS NOT NULL GROUP BY 1"
        )
    }
    out["quote_kinds"] = {
        row[0]: row[1] for row in c.execute("SELECT kind, COUNT(*) FROM quotes GROUP BY kind")
    }
    return out
