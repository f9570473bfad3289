"""The embedded SQLite store: WAL mode, a versioned schema with migrations, FTS5 search.

>>> import tempfile, os
>>> from eventwire.ingest.normalise import make_article
>>> path = os.path.join(tempfile.mkdtemp(), "doc.db")
>>> with Store.open(path) as store:
...     a = make_article("Russia and Ukraine held talks in Istanbul.", pub_date="2022-03-29")
...     store.add_article(a)
...     store.add_article(a)  # idempotent
...     store.count("articles")
True
False
1
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventwire.records import ActorRef, Article, ExtractResult

# Each migration takes the schema from version i to i+1. Never edit one that has shipped: append.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        url TEXT, outlet TEXT, title TEXT, pub_date TEXT, language TEXT NOT NULL DEFAULT 'en',
        text TEXT NOT NULL, source_path TEXT, ingested_at TEXT NOT NULL,
        processed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_pub_date ON articles(pub_date);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE actors (
        actor_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT, code TEXT, sector TEXT,
        aliases TEXT NOT NULL DEFAULT '[]', offices TEXT NOT NULL DEFAULT '[]', qid TEXT
    );
    CREATE INDEX actors_code ON actors(code);
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, label TEXT,
        actor_id TEXT, code TEXT, sector TEXT, name TEXT, how TEXT, sentence INTEGER
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_actor ON mentions(actor_id);
    CREATE INDEX mentions_code ON mentions(code);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        type TEXT NOT NULL, mode TEXT, context TEXT, cameo TEXT, quad_class INTEGER, goldstein REAL,
        event_date TEXT, date_basis TEXT,
        negated INTEGER NOT NULL DEFAULT 0, hypothetical INTEGER NOT NULL DEFAULT 0,
        future INTEGER NOT NULL DEFAULT 0, flagged INTEGER NOT NULL DEFAULT 0,
        source_code TEXT, source_sector TEXT, source_name TEXT, source_actor_id TEXT,
        target_code TEXT, target_sector TEXT, target_name TEXT, target_actor_id TEXT,
        reported_by TEXT, location TEXT, confidence REAL, rule TEXT, trigger TEXT,
        sentence_start INTEGER, sentence_end INTEGER, trigger_start INTEGER, trigger_end INTEGER,
        record TEXT NOT NULL
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_type_date ON events(type, event_date);
    CREATE INDEX events_date ON events(event_date);
    CREATE INDEX events_dyad ON events(source_code, target_code, event_date);
    CREATE INDEX events_target ON events(target_code, event_date);
    CREATE INDEX events_quad ON events(quad_class, event_date);
    CREATE TABLE event_actors (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        role TEXT NOT NULL, idx INTEGER NOT NULL,
        actor_id TEXT, code TEXT, sector TEXT, name TEXT,
        PRIMARY KEY (event_id, role, idx)
    );
    CREATE INDEX event_actors_actor ON event_actors(actor_id, role);
    CREATE INDEX event_actors_code ON event_actors(code, role);
    CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, content_start INTEGER NOT NULL, content_end INTEGER NOT NULL, text TEXT NOT NULL,
        speaker_actor_id TEXT, speaker_code TEXT, speaker_sector TEXT, speaker_name TEXT,
        speaker_start INTEGER, speaker_end INTEGER, speaker_text TEXT, cue TEXT, confidence REAL, rule TEXT
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX quotes_speaker ON quotes(speaker_actor_id);
    CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker_name, content='quotes', content_rowid='rowid');
    CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.rowid, new.text, new.speaker_name);
    END;
    CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)
        VALUES ('delete', old.rowid, old.text, old.speaker_name);
    END;
    CREATE TABLE stories (id TEXT PRIMARY KEY, label TEXT, first_date TEXT, last_date TEXT);
    CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (story_id, article_id)
    );
    CREATE TABLE ingest_errors (
        id INTEGER PRIMARY KEY, path TEXT NOT NULL, line INTEGER, reason TEXT NOT NULL, at TEXT NOT NULL
    );
    """,
    # 2: keep the FTS index right when an article's title or text is rewritten (text repair at save time).
    """
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE INDEX ingest_errors_path ON ingest_errors(path);
    """,
    # 3: read-side indexes for the API (store/queries.py): counts of unflagged events, actor filters as
    # covering index scans (event ids straight from the index), names matched case-insensitively.
    """
    CREATE INDEX events_flagged_date ON events(flagged, event_date);
    CREATE INDEX events_id_cover ON events(id, flagged, event_date);
    CREATE INDEX event_actors_code_event ON event_actors(code, role, event_id);
    CREATE INDEX event_actors_actor_event ON event_actors(actor_id, role, event_id);
    CREATE INDEX event_actors_name_event ON event_actors(name COLLATE NOCASE, role, event_id);
    CREATE INDEX quotes_speaker_code ON quotes(speaker_code);
    CREATE INDEX quotes_speaker_name ON quotes(speaker_name COLLATE NOCASE);
    CREATE INDEX mentions_name ON mentions(name COLLATE NOCASE);
    CREATE INDEX events_article_sentence ON events(article_id, sentence_start, sentence_end);
    """,
    # 4: an article's story without scanning story_articles (its primary key starts with story_id): story
    # updates find the articles in no story yet and the stories of the articles around new ones.
    """
    CREATE INDEX story_articles_article ON story_articles(article_id, story_id);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)  # the version a freshly migrated file has


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _span_words_sql(role: str) -> str:
    """SQL for a JSON array of the article words under an event record's ``<role>_spans``, in span order
    (``role`` is a constant: ``source`` or ``target``)."""
    return (
        "(SELECT json_group_array(substr(a.text, json_extract(j.value, '$[0]') + 1,"
        " json_extract(j.value, '$[1]') - json_extract(j.value, '$[0]')))"
        f" FROM (SELECT value FROM json_each(e.record, '$.{role}_spans') ORDER BY key) j)"
    )


def _actor_cols(actors: Sequence[ActorRef]) -> tuple[str | None, str | None, str | None, str | None]:
    if not actors:
        return (None, None, None, None)
    a = actors[0]
    return (a.code, a.sector, a.name, a.actor_id)


class Store:
    """One SQLite database file. Open with :meth:`open`; use as a context manager to close it."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Store:
        path = str(path)
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        store = cls(conn, path)
        if not readonly:
            store.migrate()
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # -- schema -------------------------------------------------------------------------------------
    def schema_version(self) -> int:
        has_meta = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        if not has_meta:
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> None:
        """Apply every migration newer than the file's schema version, each in its own transaction."""
        version = self.schema_version()
        for i in range(version, len(MIGRATIONS)):
            with self.transaction():
                self.conn.executescript("SAVEPOINT m;" + MIGRATIONS[i] + "RELEASE m;")
                self.conn.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(i + 1),)
                )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside commit together or not at all."""
        try:
            yield self.conn
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()

    # -- writes -------------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def add_article(self, article: Article) -> bool:
        """Insert an article; False (and nothing changes) when its content hash is already stored."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO articles(id, url, outlet, title, pub_date, language, text, source_path,"
            " ingested_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                article.id,
                article.url,
                article.outlet,
                article.title,
                article.pub_date,
                article.language,
                article.text,
                article.source_path,
                _now(),
            ),  # fmt: skip
        )
        return cur.rowcount > 0

    def save_result(
        self, result: ExtractResult, *, article_id: str | None = None, coded: bool = True
    ) -> None:
        """Store an article with everything found in it, replacing any earlier analysis of it.

        ``coded`` says whether events and quotes were looked for: an article parsed without coding
        (``ingest --no-code``) keeps ``processed=0``, so a later coding run still finds it.

        ``article_id`` names the stored row the result belongs to when the pipeline changed the text (text
        repair gives the result a new content hash): the row keeps the id of the text as ingested, so
        re-ingesting the same input is still recognised, and its text becomes the analysed text, so every
        offset points into it.
        """
        art = result.article
        aid = article_id or art.id
        c = self.conn
        if aid == art.id:
            self.add_article(art)
        else:
            c.execute("UPDATE articles SET text=? WHERE id=? AND text != ?", (art.text, aid, art.text))
        for table in ("sentences", "mentions", "events", "quotes"):
            c.execute(f"DELETE FROM {table} WHERE article_id=?", (aid,))  # noqa: S608 - fixed names
        c.executemany(
            "INSERT INTO sentences(article_id, idx, start, end) VALUES (?,?,?,?)",
            [(aid, i, s.start, s.end) for i, s in enumerate(result.sentences)],
        )
        c.executemany(
            "INSERT INTO mentions(article_id, start, end, text, label, actor_id, code, sector, name, how,"
            " sentence) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    aid,
                    m.start,
                    m.end,
                    m.text,
                    m.label,
                    m.actor.actor_id if m.actor else None,
                    m.actor.code if m.actor else None,
                    m.actor.sector if m.actor else None,
                    m.actor.name if m.actor else None,
                    m.how,
                    m.sentence,
                )  # fmt: skip
                for m in result.mentions
            ],
        )
        for i, e in enumerate(result.events):
            eid = f"{aid[:16]}-e{i}"
            src, tgt = _actor_cols(e.source), _actor_cols(e.target)
            c.execute(
                "INSERT INTO events(id, article_id, type, mode, context, cameo, quad_class, goldstein,"
                " event_date, date_basis, negated, hypothetical, future, flagged, source_code, source_sector,"
                " source_name, source_actor_id, target_code, target_sector, target_name, target_actor_id,"
                " reported_by, location, confidence, rule, trigger, sentence_start, sentence_end,"
                " trigger_start, trigger_end, record)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    eid,
                    aid,
                    e.type,
                    e.mode,
                    e.context,
                    e.cameo,
                    e.quad_class,
                    e.goldstein,
                    e.event_date,
                    e.date_basis,
                    int(e.negated),
                    int(e.hypothetical),
                    int(e.future),
                    int(e.flagged),
                    *src,
                    *tgt,
                    json.dumps(e.reported_by.to_dict()) if e.reported_by else None,
                    e.location,
                    e.confidence,
                    e.rule,
                    e.trigger,
                    e.sentence_span[0],
                    e.sentence_span[1],
                    e.trigger_span[0],
                    e.trigger_span[1],
                    json.dumps(e.to_dict()),
                ),  # fmt: skip
            )
            c.executemany(
                "INSERT INTO event_actors(event_id, role, idx, actor_id, code, sector, name)"
                " VALUES (?,?,?,?,?,?,?)",
                [(eid, "source", j, a.actor_id, a.code, a.sector, a.name) for j, a in enumerate(e.source)]
                + [(eid, "target", j, a.actor_id, a.code, a.sector, a.name) for j, a in enumerate(e.target)],
            )
        c.executemany(
            "INSERT INTO quotes(id, article_id, kind, content_start, content_end, text, speaker_actor_id,"
            " speaker_code, speaker_sector, speaker_name, speaker_start, speaker_end, speaker_text, cue,"
            " confidence, rule) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    f"{aid[:16]}-q{i}",
                    aid,
                    q.kind,
                    q.content_span[0],
                    q.content_span[1],
                    q.text,
                    q.speaker.actor_id if q.speaker else None,
                    q.speaker.code if q.speaker else None,
                    q.speaker.sector if q.speaker else None,
                    q.speaker.name if q.speaker else None,
                    q.speaker_span[0] if q.speaker_span else None,
                    q.speaker_span[1] if q.speaker_span else None,
                    q.speaker_text,
                    q.cue,
                    q.confidence,
                    q.rule,
                )  # fmt: skip
                for i, q in enumerate(result.quotes)
            ],
        )
        c.execute("UPDATE articles SET processed=? WHERE id=?", (int(coded), aid))

    def record_error(self, path: str, reason: str, line: int | None = None) -> bool:
        """Record input that was set aside; False when the same (path, line, reason) is already recorded
        (re-ingesting a folder does not pile up copies of its errors)."""
        cur = self.conn.execute(
            "INSERT INTO ingest_errors(path, line, reason, at) SELECT ?,?,?,? WHERE NOT EXISTS"
            " (SELECT 1 FROM ingest_errors WHERE path=? AND line IS ? AND reason=?)",
            (path, line, reason, _now(), path, line, reason),
        )
        return cur.rowcount > 0

    def set_meta(self, key: str, value: str) -> None:
        """Store a setting in the ``meta`` table (e.g. ``demo`` for a database the demo built)."""
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return str(row[0]) if row else None

    def upsert_actors(self, rows: Sequence[dict[str, Any]]) -> None:
        """Store knowledge-base actors (``actor_id, name, kind, code, sector, aliases, offices, qid``)."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO actors(actor_id, name, kind, code, sector, aliases, offices, qid)"
            " VALUES (:actor_id, :name, :kind, :code, :sector, :aliases, :offices, :qid)",
            [
                {
                    **r,
                    "aliases": json.dumps(r.get("aliases", [])),
                    "offices": json.dumps(r.get("offices", [])),
                    "qid": r.get("qid"),
                }
                for r in rows
            ],
        )

    # -- reads --------------------------------------------------------------------------------------
    def count(self, table: str) -> int:
        if table not in {"articles", "sentences", "mentions", "events", "quotes", "actors", "stories",
                         "ingest_errors", "event_actors"}:  # fmt: skip
            raise ValueError(f"unknown table {table!r}")
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # noqa: S608

    def unprocessed_articles(self, *, unparsed_only: bool = False) -> Iterator[Article]:
        """Articles stored but not yet coded (an interrupted run, or ``ingest --no-code``), in storage order.

        ``unparsed_only`` keeps those not parsed at all (no sentences stored): what a run that does not
        code has left to do.
        """
        unparsed = (
            " AND NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = articles.id)"
            if unparsed_only
            else ""
        )
        rows = self.conn.execute(
            "SELECT id, text, title, pub_date, url, outlet, language, source_path FROM articles"
            f" WHERE processed=0{unparsed} ORDER BY rowid"  # noqa: S608 - a constant condition
        ).fetchall()
        for r in rows:
            yield Article(**dict(r))

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """One article (id or unique id prefix) as a dict, or None."""
        row = self.conn.execute(
            "SELECT * FROM articles WHERE id=? OR id LIKE ? LIMIT 2", (article_id, article_id + "%")
        ).fetchall()
        if len(row) != 1:
            return None
        return dict(row[0])

    def match_article_ids(self, prefix: str, limit: int = 5) -> list[str]:
        """Ids equal to or starting with ``prefix`` (at most ``limit``), to resolve short ids."""
        if not prefix or any(ch in prefix for ch in "%_"):
            return []
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id=? UNION SELECT id FROM articles WHERE id LIKE ? LIMIT ?",
            (prefix, prefix + "%", limit),
        ).fetchall()
        return [r[0] for r in rows]

    def list_articles(
        self,
        *,
        search: str | None = None,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        limit: int | None = 50,
    ) -> list[dict[str, Any]]:
        """Articles newest first, or by relevance with an FTS5 ``search`` (each then has a ``snippet``).

        A search that is not valid FTS5 syntax (``NATO's``) is retried with every word as a phrase.
        """
        cols = "a.id, a.pub_date, a.outlet, a.title, a.language, a.url, a.source_path, a.processed"
        where: list[str] = []
        params: list[Any] = []
        if since:
            where.append("a.pub_date >= ?")
            params.append(since)
        if until:
            where.append("a.pub_date <= ?")
            params.append(until)
        if outlet:
            where.append("a.outlet = ? COLLATE NOCASE")
            params.append(outlet)
        tail = f" LIMIT {int(limit)}" if limit is not None and limit >= 0 else ""
        if not search:
            sql = f"SELECT {cols} FROM articles a"
            if where:
                sql += " WHERE " + " AND ".join(where)
            sql += " ORDER BY a.pub_date DESC, a.rowid DESC" + tail
            return [dict(r) for r in self.conn.execute(sql, params)]
        sql = (
            f"SELECT {cols}, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet FROM articles_fts"
            " JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?"
        )
        if where:
            sql += " AND " + " AND ".join(where)
        sql += " ORDER BY rank" + tail
        try:
            return [dict(r) for r in self.conn.execute(sql, [search, *params])]
        except sqlite3.OperationalError:
            quoted = " ".join('"' + w.replace('"', '""') + '"' for w in search.split())
            return [dict(r) for r in self.conn.execute(sql, [quoted, *params])]

    def article_detail(self, article_id: str) -> dict[str, Any] | None:
        """One stored article (full id) with its sentences, mentions, events and quotes, as JSON-ready dicts."""
        row = self.conn.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        c = self.conn
        out["sentences"] = [
            {"start": r[0], "end": r[1]}
            for r in c.execute(
                "SELECT start, end FROM sentences WHERE article_id=? ORDER BY idx", (article_id,)
            )
        ]
        out["mentions"] = []
        for r in c.execute(
            "SELECT start, end, text, label, actor_id, code, sector, name, how, sentence FROM mentions"
            " WHERE article_id=? ORDER BY start, id",
            (article_id,),
        ):
            actor = None
            if r["actor_id"] or r["code"] or r["name"]:
                actor = {
                    "code": r["code"],
                    "sector": r["sector"],
                    "name": r["name"],
                    "actor_id": r["actor_id"],
                }
            out["mentions"].append(
                {
                    "start": r["start"],
                    "end": r["end"],
                    "text": r["text"],
                    "label": r["label"],
                    "actor": actor,
                    "how": r["how"],
                    "sentence": r["sentence"],
                }  # fmt: skip
            )
        out["events"] = [
            {"id": r[0], "source_spans": [], "target_spans": [], **json.loads(r[1])}  # older rows lack spans
            for r in c.execute(
                "SELECT id, record FROM events WHERE article_id=? ORDER BY sentence_start, trigger_start, id",
                (article_id,),
            )
        ]
        out["quotes"] = [
            dict(r)
            for r in c.execute(
                "SELECT * FROM quotes WHERE article_id=? ORDER BY content_start", (article_id,)
            )
        ]
        return out

    def stats(self) -> dict[str, Any]:
        """Counts per table, articles by language and outlet, events by type, date range, recent errors."""
        c = self.conn
        tables = (
            "articles",
            "sentences",
            "mentions",
            "actors",
            "events",
            "quotes",
            "stories",
            "ingest_errors",
        )
        dates = c.execute("SELECT MIN(pub_date), MAX(pub_date) FROM articles").fetchone()
        return {
            "db": self.path,
            "schema_version": self.schema_version(),
            "counts": {t: self.count(t) for t in tables},
            "unprocessed": int(c.execute("SELECT COUNT(*) FROM articles WHERE processed=0").fetchone()[0]),
            "resolved_actors": int(
                c.execute(
                    "SELECT COUNT(DISTINCT actor_id) FROM mentions WHERE actor_id IS NOT NULL"
                ).fetchone()[0]
            ),
            "by_language": dict(
                c.execute("SELECT language, COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC").fetchall()
            ),
            "by_outlet": dict(
                c.execute(
                    "SELECT COALESCE(outlet, '(none)'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20"
                ).fetchall()
            ),
            "events_by_type": dict(
                c.execute("SELECT type, COUNT(*) FROM events GROUP BY 1 ORDER BY 2 DESC").fetchall()
            ),
            "events_flagged": int(c.execute("SELECT COUNT(*) FROM events WHERE flagged=1").fetchone()[0]),
            "quotes_by_kind": dict(
                c.execute("SELECT kind, COUNT(*) FROM quotes GROUP BY 1 ORDER BY 2 DESC").fetchall()
            ),
            "date_range": {"first": dates[0], "last": dates[1]},
            "errors_by_reason": dict(
                c.execute(
                    "SELECT reason, COUNT(*) FROM ingest_errors GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20"
                ).fetchall()
            ),
        }

    def top_dyads(self, limit: int = 10, *, include_flagged: bool = False) -> list[dict[str, Any]]:
        """Most frequent (source code, target code) pairs over events with both sides coded."""
        flag = "" if include_flagged else " AND flagged=0"
        rows = self.conn.execute(
            "SELECT source_code, target_code, COUNT(*) AS n FROM events WHERE source_code IS NOT NULL"
            f" AND target_code IS NOT NULL{flag} GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?",
            (limit,),
        ).fetchall()
        return [{"source": r[0], "target": r[1], "events": r[2]} for r in rows]

    def errors(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Recorded ingest errors, most recent first."""
        tail = f" LIMIT {int(limit)}" if limit else ""
        return [dict(r) for r in self.conn.execute(f"SELECT * FROM ingest_errors ORDER BY id DESC{tail}")]

    def iter_export_rows(self, what: str) -> Iterator[dict[str, Any]]:
        """Rows for ``eventwire export``: ``events`` (with the article's date, url and outlet), ``quotes``,
        ``articles`` or ``mentions``, streamed in a stable order.

        Event rows also carry ``source_words``/``target_words``: JSON arrays of the article text under the
        record's ``source_spans``/``target_spans``, in span order (``[]`` for records without spans).
        """
        sql = {
            # paragraph: how many blank-line breaks precede the event's sentence (0 = headline or lead).
            "events": "SELECT e.*, a.pub_date, a.url, a.outlet, a.title, a.source_path, a.ingested_at,"
            " substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence_text,"
            " (length(substr(a.text, 1, e.sentence_start))"
            " - length(replace(substr(a.text, 1, e.sentence_start), char(10) || char(10), ''))) / 2 AS paragraph,"
            f" {_span_words_sql('source')} AS source_words, {_span_words_sql('target')} AS target_words"
            " FROM events e"
            " JOIN articles a ON a.id = e.article_id ORDER BY e.event_date, a.pub_date, e.article_id, e.id",
            "quotes": "SELECT q.*, a.pub_date, a.url, a.outlet FROM quotes q JOIN articles a ON a.id = q.article_id"
            " ORDER BY a.pub_date, q.article_id, q.content_start",
            "articles": "SELECT id, pub_date, outlet, title, url, language, source_path, ingested_at, processed, text"
            " FROM articles ORDER BY pub_date, rowid",
            "mentions": "SELECT m.article_id, m.start, m.end, m.text, m.label, m.actor_id, m.code, m.sector, m.name,"
            " m.how, m.sentence, a.pub_date FROM mentions m JOIN articles a ON a.id = m.article_id"
            " ORDER BY a.pub_date, m.article_id, m.start",
        }.get(what)
        if sql is None:
            raise ValueError(f"unknown export table {what!r}")
        for row in self.conn.execute(sql):
            yield dict(row)

    def column_types(self) -> dict[str, str]:
        """Declared SQLite type (TEXT, INTEGER, REAL) of every column name in the exported tables."""
        types: dict[str, str] = {"sentence_text": "TEXT", "paragraph": "INTEGER"}
        for table in ("articles", "events", "quotes", "mentions"):
            for row in self.conn.execute(f"PRAGMA table_info({table})"):
                types.setdefault(row[1], str(row[2]).upper() or "TEXT")
        return types
