"""``eventwire export``: events, quotes, articles or mentions as CSV, JSON Lines, Parquet, PLOVER/POLECAT-style
JSON Lines or GDELT-style TSV."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import IO, Any

from eventwire.commands._common import add_db, add_json, example, print_json
from eventwire.commands.show import open_existing
from eventwire.errors import EventWireError
from eventwire.store.queries import event_record

FORMATS = ("csv", "jsonl", "parquet", "plover", "gdelt")
TABLES = ("events", "quotes", "articles", "mentions")

# GDELT 1.0 event-table column names that EventWire can fill, in GDELT's order, then EventWire's own columns.
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName", "DATEADDED", "SOURCEURL",
    "PLOVERType", "PLOVERMode", "ArticleID",
)  # fmt: skip

FORMAT_HELP = """formats:
  csv      one row per record, flat columns (events: first source and first target actor, the sentence
           as sentence_text, and the words naming all actors: source_text and target_text joined with
           "|", source_spans and target_spans as "start-end|start-end" offsets into the article text)
  jsonl    one JSON object per line (events: the full record, all actors, source_spans and target_spans as
           [start, end] lists, plus source_text and target_text lists and article date/url/outlet)
  parquet  the flat columns of csv, typed, for pandas / DuckDB / Spark (needs --out)
  plover   events only: PLOVER/POLECAT-style JSON Lines, one event per line with event_id, event_date,
           event_type, event_mode, contexts, event_intensity (Goldstein), quad_code, actor_* and recipient_*
           (name, country, sector, id), actor_text/recipient_text and actor_spans/recipient_spans (the
           words naming them and their [start, end] offsets in the article), placename, publication_date,
           source (outlet), url, headline, event_text (the sentence), story_id (article id), language,
           version
  gdelt    events only: GDELT 1.0-style TSV with a header row: GLOBALEVENTID, SQLDATE (YYYYMMDD of the
           event date), MonthYear, Year, FractionDate, Actor1Code (country/IGO code + sector, e.g. RUSGOV),
           Actor1Name, Actor1CountryCode (ISO 3166 alpha-3 when the actor is a country's),
           Actor1KnownGroupCode (organisation code such as NATO), Actor1Type1Code (sector), then
           Actor2Code, Actor2Name, Actor2CountryCode, Actor2KnownGroupCode, Actor2Type1Code for the
           target, IsRootEvent (1 when in the headline or lead paragraph), EventCode (CAMEO),
           EventBaseCode, EventRootCode, QuadClass, GoldsteinScale, NumMentions/NumSources/NumArticles (1
           per coded event), ActionGeo_FullName, DATEADDED (YYYYMMDD ingested), SOURCEURL (url or file),
           then PLOVERType, PLOVERMode, ArticleID
plover and gdelt leave out negated, hypothetical and future events unless --include-flagged."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="export events, quotes, articles or mentions (CSV, JSONL, Parquet, PLOVER JSON, GDELT TSV)",
        description="Write stored records in an analysis format, to --out or stdout.\n\n" + FORMAT_HELP,
        epilog=example("eventwire export --what events --format gdelt --out events.tsv --db news.db"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--format", "-f", choices=FORMATS, default="csv", help="output format (default csv)")
    p.add_argument("--what", "-w", choices=TABLES, default="events", help="which records (default events)")
    p.add_argument("--out", "-o", metavar="FILE", help="output file (default stdout; parquet needs a file)")
    p.add_argument(
        "--include-flagged", action="store_true", help="plover/gdelt: keep negated/hypothetical/future events"
    )
    add_db(p)
    add_json(p)
    p.set_defaults(func=run)


# -- row shapers ----------------------------------------------------------------------------------------
def _yyyymmdd(day: str | None) -> str:
    return day.replace("-", "")[:8] if day else ""


def _is_country(code: str | None) -> bool:
    if not code or len(code) != 3 or not code.isalpha() or not code.isupper():
        return False
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None or code in ("XKX",)


def gdelt_actor_code(code: str | None, sector: str | None) -> str:
    """CAMEO-style actor code: country or organisation code followed by the sector (``RUSGOV``; ``NATO``).

    >>> gdelt_actor_code("RUS", "GOV"), gdelt_actor_code("NATO", "IGO"), gdelt_actor_code(None, "CVL")
    ('RUSGOV', 'NATO', 'CVL')
    """
    if sector == "IGO" and code:
        return code
    return (code or "") + (sector or "")


def gdelt_row(r: dict[str, Any]) -> list[Any]:
    """One events-export row as GDELT columns (see :data:`GDELT_COLUMNS`)."""
    day = r.get("event_date") or r.get("pub_date")
    year = month_year = fraction = ""
    if day:
        d = date.fromisoformat(day[:10])
        year, month_year = str(d.year), f"{d.year}{d.month:02d}"
        fraction = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
    cameo = r.get("cameo") or ""
    out: list[Any] = [r["id"], _yyyymmdd(day), month_year, year, fraction]
    for side in ("source", "target"):
        code, sector = r.get(f"{side}_code"), r.get(f"{side}_sector")
        country = code if _is_country(code) else ""
        group = code if code and not country and sector != "CVL" else ""
        out += [gdelt_actor_code(code, sector), r.get(f"{side}_name") or "", country, group, sector or ""]
    out += [
        1 if (r.get("paragraph") or 0) <= 1 else 0,
        cameo, cameo[:3], cameo[:2],
        "" if r.get("quad_class") is None else r["quad_class"],
        "" if r.get("goldstein") is None else r["goldstein"],
        1, 1, 1,
        r.get("location") or "",
        _yyyymmdd((r.get("ingested_at") or "")[:10]),
        r.get("url") or r.get("source_path") or "",
        r.get("type") or "", r.get("mode") or "", r.get("article_id") or "",
    ]  # fmt: skip
    return out


def argument_words(r: dict[str, Any]) -> dict[str, Any]:
    """The words naming an events-export row's actors and their article offsets, as lists:
    ``source_text``, ``source_spans``, ``target_text``, ``target_spans`` (empty for older records).

    >>> argument_words({"record": '{"source_spans": [[0, 7]], "target_spans": [[15, 21], [26, 33]]}',
    ...     "source_words": '["Erdogan"]', "target_words": '["Sweden", "Finland"]'})
    {'source_text': ['Erdogan'], 'source_spans': [[0, 7]], 'target_text': ['Sweden', 'Finland'], 'target_spans': [[15, 21], [26, 33]]}
    """
    rec = event_record(r["record"])
    out: dict[str, Any] = {}
    for role in ("source", "target"):
        out[f"{role}_text"] = json.loads(r.get(f"{role}_words") or "[]")
        out[f"{role}_spans"] = [list(span) for span in rec[f"{role}_spans"]]
    return out


def flat_argument_words(r: dict[str, Any]) -> dict[str, str]:
    """:func:`argument_words` as flat text columns: words joined with ``|``, spans as ``start-end|...``.

    >>> flat_argument_words({"record": '{"target_spans": [[15, 21], [26, 33]]}', "target_words":
    ...     '["Sweden", "Finland"]'})
    {'source_text': '', 'source_spans': '', 'target_text': 'Sweden|Finland', 'target_spans': '15-21|26-33'}
    """
    words = argument_words(r)
    out: dict[str, str] = {}
    for role in ("source", "target"):
        out[f"{role}_text"] = "|".join(words[f"{role}_text"])
        out[f"{role}_spans"] = "|".join(f"{a}-{b}" for a, b in words[f"{role}_spans"])
    return out


def plover_record(r: dict[str, Any]) -> dict[str, Any]:
    """One events-export row as a PLOVER/POLECAT-style JSON object (all source and target actors)."""
    rec = json.loads(r["record"])
    words = argument_words(r)

    def actors(side: str) -> list[dict[str, Any]]:
        return [
            {
                "name": a.get("name"),
                "country": a.get("code"),
                "sector": a.get("sector"),
                "actor_id": a.get("actor_id"),
            }
            for a in rec.get(side, [])
        ]

    src, tgt = actors("source"), actors("target")
    first_src = src[0] if src else {}
    first_tgt = tgt[0] if tgt else {}
    return {
        "event_id": r["id"],
        "event_date": r.get("event_date") or r.get("pub_date"),
        "event_type": r["type"],
        "event_mode": r.get("mode"),
        "contexts": [c for c in (r.get("context") or "").split(",") if c],
        "event_intensity": r.get("goldstein"),
        "quad_code": r.get("quad_class"),
        "cameo": r.get("cameo"),
        "actor_name": first_src.get("name"),
        "actor_country": first_src.get("country"),
        "actor_sector": first_src.get("sector"),
        "actor_id": first_src.get("actor_id"),
        "actors": src,
        "actor_text": words["source_text"],
        "actor_spans": words["source_spans"],
        "recipient_name": first_tgt.get("name"),
        "recipient_country": first_tgt.get("country"),
        "recipient_sector": first_tgt.get("sector"),
        "recipient_id": first_tgt.get("actor_id"),
        "recipients": tgt,
        "recipient_text": words["target_text"],
        "recipient_spans": words["target_spans"],
        "negated": bool(r.get("negated")),
        "hypothetical": bool(r.get("hypothetical")),
        "future": bool(r.get("future")),
        "placename": r.get("location"),
        "publication_date": r.get("pub_date"),
        "source": r.get("outlet"),
        "url": r.get("url"),
        "headline": r.get("title"),
        "event_text": r.get("sentence_text"),
        "trigger": r.get("trigger"),
        "confidence": r.get("confidence"),
        "story_id": r.get("article_id"),
        "language": "en",
        "version": "eventwire-plover-0.5",
    }


def jsonl_record(what: str, r: dict[str, Any]) -> dict[str, Any]:
    """The JSON Lines shape: events as their full record plus article fields; others as stored."""
    if what != "events":
        return r
    rec = event_record(r["record"])
    return {"id": r["id"], "article_id": r["article_id"], "pub_date": r.get("pub_date"), "outlet": r.get("outlet"),
            "url": r.get("url"), **rec, **argument_words(r)}  # fmt: skip


def _flat(r: dict[str, Any]) -> dict[str, Any]:
    """A row's flat columns: no JSON record; events get their actors' words as text columns."""
    out = {k: v for k, v in r.items() if k not in ("record", "source_words", "target_words")}
    if "source_words" in r:
        out.update(flat_argument_words(r))
    return out


# -- writers --------------------------------------------------------------------------------------------
@contextmanager
def _open_out(path: str | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as fh:
        yield fh


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str], delimiter: str = ",") -> int:
    n = 0
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), delimiter=delimiter, lineterminator="\n")
            writer.writeheader()
        writer.writerow(row)
        n += 1
    return n


def write_parquet(rows: Iterable[dict[str, Any]], path: str, types: dict[str, str], chunk: int = 5000) -> int:
    """Stream rows into a Parquet file with column types from the SQLite schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = {"INTEGER": pa.int64(), "REAL": pa.float64()}
    writer: pq.ParquetWriter | None = None
    schema: pa.Schema | None = None
    n = 0
    buf: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal writer, schema
        if not buf:
            return
        if schema is None:
            schema = pa.schema([(k, arrow.get(types.get(k, "TEXT"), pa.string())) for k in buf[0]])
            writer = pq.ParquetWriter(path, schema)
        assert writer is not None
        writer.write_table(pa.Table.from_pylist(buf, schema=schema))
        buf.clear()

    for row in rows:
        buf.append(row)
        n += 1
        if len(buf) >= chunk:
            flush()
    flush()
    if writer is None:  # no rows: still write a valid, empty file
        pq.write_table(pa.table({}), path)
    else:
        writer.close()
    return n


def _tsv_cell(value: Any) -> str:
    return str(value).replace("\t", " ").replace("\n", " ")


def _write_lines(lines: Iterable[str], out: IO[str]) -> int:
    n = 0
    for line in lines:
        out.write(line + "\n")
        n += 1  # noqa: SIM113 - lines is a generator; the count is the result
    return n


def run(args: argparse.Namespace) -> int:
    if args.format in ("plover", "gdelt") and args.what != "events":
        raise EventWireError("E210", f"--format {args.format} exports events only", "Use --what events")
    if args.format == "parquet" and not args.out:
        raise EventWireError("E211", "Parquet is binary and needs a file", "Add --out FILE.parquet")
    with open_existing(args.db) as store:
        rows: Iterable[dict[str, Any]] = store.iter_export_rows(args.what)
        if args.format in ("plover", "gdelt") and not args.include_flagged:
            rows = (r for r in rows if not r.get("flagged"))
        if args.format == "parquet":
            n = write_parquet((_flat(r) for r in rows), args.out, store.column_types())
        else:
            with _open_out(args.out) as out:
                if args.format == "csv":
                    n = write_csv((_flat(r) for r in rows), out)
                elif args.format == "gdelt":
                    out.write("\t".join(GDELT_COLUMNS) + "\n")
                    n = _write_lines(("\t".join(_tsv_cell(v) for v in gdelt_row(r)) for r in rows), out)
                else:
                    shape: Callable[[dict[str, Any]], dict[str, Any]] = (
                        plover_record if args.format == "plover" else (lambda r: jsonl_record(args.what, r))
                    )
                    n = _write_lines((json.dumps(shape(r), ensure_ascii=False) for r in rows), out)
    if args.out:
        if args.json:
            print_json({"out": args.out, "format": args.format, "what": args.what, "rows": n})
        else:
            print(f"wrote {n} {args.what} to {args.out} ({args.format})", file=sys.stderr)
    return 0
