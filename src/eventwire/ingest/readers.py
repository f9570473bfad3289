"""Readers: turn files, folders, globs, feeds and stdin into :class:`Entry` records or :class:`InputError`.

Every reader is a generator that yields one ``Entry`` per article it could read and one ``InputError`` per
thing it had to set aside (naming the file and, where there is one, the line), so a bad file or record never
stops a batch. Formats are chosen by file extension and, for unknown extensions and stdin, by sniffing.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("date 2022-02-02 Talks resume\\n\\nThe two sides met in Geneva.")
>>> [(e.article.pub_date, e.article.title) for e in read_paths([str(folder)]) if isinstance(e, Entry)]
[('2022-02-02', 'Talks resume')]
"""

from __future__ import annotations

import contextlib
import csv
import glob
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from eventwire.errors import InputError
from eventwire.ingest.dates import parse_date
from eventwire.ingest.normalise import make_article, normalise_text
from eventwire.records import Article

DEFAULT_MAX_BYTES = 20_000_000

# Field names looked up (in this order) in JSON objects and CSV headers; compared case-insensitively.
TEXT_FIELDS = ("text", "body", "content", "article", "maintext", "full_text")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = (
    "pub_date",
    "date",
    "published",
    "publication_date",
    "date_published",
    "published_at",
    "pubdate",
)
URL_FIELDS = ("url", "link")
OUTLET_FIELDS = ("outlet", "source", "publisher", "source_name", "sitename")
ID_FIELDS = ("id", "doc_id", "article_id")

TEXT_EXTS = {".txt", ".text", ".md"}
JSONL_EXTS = {".jsonl", ".ndjson", ".jsonlines"}
JSON_EXTS = {".json"}
CSV_EXTS = {".csv", ".tsv"}
HTML_EXTS = {".html", ".htm", ".xhtml"}
FEED_EXTS = {".rss", ".atom", ".xml", ".rdf"}

# Signatures of common binary formats people drop into news folders by mistake.
_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"SQLite format",
)
# `date 2022-02-02 Headline` (leading spaces allowed, as in scraped files), then optional metadata lines.
_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{1,2}-\d{1,2})\b[ \t]*(.*)$", re.IGNORECASE)
_META_LINE = re.compile(r"^(outlet|url): (.+)$")
_HTML_BREAKS = re.compile(r"<\s*(?:br\s*/?|/p|/div|/li|/h[1-6]|/blockquote)\s*>", re.IGNORECASE)
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(slots=True)
class Entry:
    """One article read from an input, with the id the input gave it (if any) and where it came from."""

    article: Article
    input_id: str | None = None
    line: int | None = None


@dataclass(slots=True)
class ReadOptions:
    """How to read: fallback publication date and outlet, and the size limit per file."""

    pub_date: str | None = None  # used when an input names no date (plain text: before the file's mtime)
    outlet: str | None = None  # used when an input names no outlet
    max_bytes: int = DEFAULT_MAX_BYTES
    use_mtime: bool = True  # plain text without a date line: date from the file's modification time


Item = Entry | InputError


# -- decoding -------------------------------------------------------------------------------------------
def decode_bytes(data: bytes, path: str) -> str:
    """Decode file bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is an InputError.

    >>> decode_bytes("Kyiv".encode("utf-16"), "x.txt")
    'Kyiv'
    >>> decode_bytes(b"caf\\xe9 talks", "x.txt")
    Traceback (most recent call last):
    ...
    eventwire.errors.InputError: [E100] x.txt:1: not valid UTF-8 (byte 0xe9 at offset 3); save it as UTF-8
    """
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body = "utf-8", data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, body = "utf-16", data
    else:
        head = data[:8192]
        if data.startswith(_BINARY_MAGIC) or b"\x00" in head:
            raise InputError(path, "binary file, not text")
        encoding, body = "utf-8", data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = exc.object[exc.start : exc.start + 1].hex()
        line = body[: exc.start].count(b"\n") + 1 if encoding == "utf-8" else None
        raise InputError(
            path, f"not valid {encoding.upper()} (byte 0x{bad} at offset {exc.start}); save it as UTF-8", line
        ) from None
    if "\x00" in text:
        raise InputError(path, "binary file, not text")
    return text


def _read_limited(stream: BinaryIO, path: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(path, f"over the size limit of {max_bytes} bytes (raise it with --max-bytes)")
    return data


# -- field helpers --------------------------------------------------------------------------------------
def _pick(record: Mapping[str, Any], names: Sequence[str]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items() if k is not None}
    for name in names:
        value = lowered.get(name)
        if value not in (None, ""):
            return value
    return None


def _as_str(value: Any) -> str | None:
    """A scalar as a string; a nested object by its ``name``/``title`` (``{"source": {"name": "AP"}}``)."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        inner = _pick(value, ("name", "title"))
        return str(inner) if isinstance(inner, str | int | float) else None
    if isinstance(value, list | tuple):
        return None
    return str(value)


def html_fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed item's content), keeping paragraph breaks.

    >>> html_fragment_to_text("<p>Talks resumed.</p><p>Both sides &amp; mediators attended.</p>")
    'Talks resumed.\\n\\nBoth sides & mediators attended.'
    """
    return normalise_text(_HTML_BREAKS.sub("\n\n", fragment))


def record_to_entry(record: Mapping[str, Any], path: str, line: int | None, opts: ReadOptions) -> Entry:
    """Build an :class:`Entry` from one JSON object or CSV row, using the common field names."""
    text = _as_str(_pick(record, TEXT_FIELDS))
    if text is None or not text.strip():
        raise InputError(path, "no article text (looked for fields " + "/".join(TEXT_FIELDS[:3]) + ")", line)
    raw_date = _as_str(_pick(record, DATE_FIELDS))
    try:
        pub_date = parse_date(raw_date) if raw_date else opts.pub_date
    except ValueError as exc:
        raise InputError(path, str(exc), line) from None
    if "<" in text and "</" in text:
        text = html_fragment_to_text(text)
    article = make_article(
        text,
        pub_date=pub_date,
        title=_as_str(_pick(record, TITLE_FIELDS)),
        url=_as_str(_pick(record, URL_FIELDS)),
        outlet=_as_str(_pick(record, OUTLET_FIELDS)) or opts.outlet,
        source_path=path,
    )
    if not article.text:
        raise InputError(path, "empty article text after normalisation", line)
    return Entry(article, _as_str(_pick(record, ID_FIELDS)), line)


# -- formats --------------------------------------------------------------------------------------------
def read_text(text: str, path: str, opts: ReadOptions, mtime: float | None = None) -> Iterator[Item]:
    """A plain-text article. A first line ``date YYYY-MM-DD Headline`` gives the date and title; then
    optional ``outlet: NAME`` / ``url: URL`` lines (see data/samples/README.md). Without a date line the date
    comes from ``opts.pub_date`` or the file's modification time."""
    lines = text.lstrip("\ufeff").split("\n")
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    title = outlet = url = None
    pub_date = opts.pub_date
    body_start = first
    match = _DATE_LINE.match(lines[first]) if first < len(lines) else None
    if match:
        try:
            pub_date = parse_date(match.group(1))
        except ValueError as exc:
            yield InputError(path, str(exc), first + 1)
            return
        title = match.group(2).strip() or None
        body_start = first + 1
        while body_start < len(lines):
            meta = _META_LINE.match(lines[body_start].strip())
            if not meta:
                break
            if meta.group(1) == "outlet":
                outlet = meta.group(2).strip()
            else:
                url = meta.group(2).strip()
            body_start += 1
    elif pub_date is None and mtime is not None and opts.use_mtime:
        pub_date = date.fromtimestamp(mtime).isoformat()
    body = "\n".join(lines[body_start:])
    if not body.strip() and not title:
        yield InputError(path, "empty file (no text)")
        return
    full = f"{title}\n\n{body}" if title else body
    article = make_article(
        full, pub_date=pub_date, title=title, url=url, outlet=outlet or opts.outlet, source_path=path
    )
    yield Entry(article)


def read_jsonl(text: str, path: str, opts: ReadOptions) -> Iterator[Item]:
    """JSON Lines: one article object per line; a malformed line is reported with its number."""
    for n, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield InputError(path, f"malformed JSON ({exc.msg} at column {exc.colno})", n)
            continue
        if not isinstance(record, dict):
            yield InputError(path, f"expected a JSON object, got {type(record).__name__}", n)
            continue
        try:
            yield record_to_entry(record, path, n, opts)
        except InputError as exc:
            yield exc


def read_json(text: str, path: str, opts: ReadOptions) -> Iterator[Item]:
    """A JSON document: an array of article objects, ``{"articles"|"items"|"data": [...]}`` or one object.
    A file that is not one JSON document but reads as JSON Lines is read as JSON Lines."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from read_jsonl(text, path, opts)
            return
        yield InputError(path, f"malformed JSON ({exc.msg} at column {exc.colno})", exc.lineno)
        return
    if isinstance(doc, dict):
        inner = next(
            (doc[k] for k in ("articles", "items", "data", "documents") if isinstance(doc.get(k), list)), None
        )
        items: list[Any] = inner if inner is not None else [doc]
    elif isinstance(doc, list):
        items = doc
    else:
        yield InputError(path, f"expected a JSON array or object, got {type(doc).__name__}")
        return
    if not items:
        yield InputError(path, "empty JSON array (no articles)")
    for i, record in enumerate(items):
        if not isinstance(record, dict):
            yield InputError(path, f"item {i}: expected a JSON object, got {type(record).__name__}")
            continue
        try:
            entry = record_to_entry(record, path, None, opts)
        except InputError as exc:
            yield InputError(path, f"item {i}: {exc.reason}")
            continue
        yield entry


def read_csv(text: str, path: str, opts: ReadOptions) -> Iterator[Item]:
    """CSV (or TSV) with a header row; a row with the wrong number of fields is reported by line."""
    delimiter = "\t" if path.lower().endswith(".tsv") else ","
    if delimiter == "," and "\t" in text.split("\n", 1)[0] and "," not in text.split("\n", 1)[0]:
        delimiter = "\t"
    csv.field_size_limit(max(opts.max_bytes, 1 << 20))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        yield InputError(path, "empty CSV file")
        return
    except csv.Error as exc:
        yield InputError(path, f"malformed CSV header ({exc})", 1)
        return
    names = [h.strip().lstrip("\ufeff") for h in header]
    if not any(n.lower() in TEXT_FIELDS for n in names):
        yield InputError(
            path, "CSV header has no text column (looked for " + "/".join(TEXT_FIELDS[:3]) + ")", 1
        )
        return
    rows = 0
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield InputError(path, f"malformed CSV row ({exc}); rest of file skipped", start)
            return
        if not row or all(not c.strip() for c in row):
            continue
        rows += 1
        if len(row) != len(names):
            yield InputError(path, f"malformed CSV row ({len(row)} fields, header has {len(names)})", start)
            continue
        try:
            yield record_to_entry(dict(zip(names, row, strict=True)), path, start, opts)
        except InputError as exc:
            yield exc
    if rows == 0:
        yield InputError(path, "CSV file has a header but no rows")


def read_html(text: str, path: str, opts: ReadOptions) -> Iterator[Item]:
    """An HTML page: main text via trafilatura; title, date, outlet and URL from its metadata."""
    import trafilatura

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=False)
    info: dict[str, Any] = doc if isinstance(doc, dict) else (doc.as_dict() if doc is not None else {})
    body = info.get("text")
    if not body or not str(body).strip():
        yield InputError(path, "no article text found in the HTML page")
        return
    pub_date = opts.pub_date
    if info.get("date"):
        # A date trafilatura could not make sense of is dropped: the fallback beats a wrong one.
        with contextlib.suppress(ValueError):
            pub_date = parse_date(str(info["date"]))
    title = info.get("title")
    paragraphs = str(body).replace("\n", "\n\n")
    if title and not paragraphs.startswith(title):
        paragraphs = f"{title}\n\n{paragraphs}"
    article = make_article(
        paragraphs,
        pub_date=pub_date,
        title=title,
        url=info.get("url"),
        outlet=info.get("sitename") or opts.outlet,
        source_path=path,
    )
    yield Entry(article)


def read_feed(data: bytes, path: str, opts: ReadOptions) -> Iterator[Item]:
    """An RSS or Atom feed file: one article per item, from its content or else its summary."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield InputError(path, f"not a readable RSS/Atom feed or no items{why}".replace("\n", " "))
        return
    outlet = parsed.feed.get("title") or opts.outlet
    for i, item in enumerate(parsed.entries):
        contents = item.get("content") or []
        html = contents[0].get("value") if contents else None
        html = html or item.get("summary") or item.get("description")
        if not html or not html.strip():
            yield InputError(path, f"item {i}: no content or summary")
            continue
        raw_date = item.get("published") or item.get("updated") or item.get("dc_date")
        try:
            pub_date = parse_date(raw_date) if raw_date else opts.pub_date
        except ValueError as exc:
            yield InputError(path, f"item {i}: {exc}")
            continue
        title = item.get("title")
        text = html_fragment_to_text(html)
        if title:
            text = f"{normalise_text(title)}\n\n{text}"
        article = make_article(
            text, pub_date=pub_date, title=title, url=item.get("link"), outlet=outlet, source_path=path
        )
        yield Entry(article, item.get("id"))


# -- dispatch -------------------------------------------------------------------------------------------
def sniff_format(text: str) -> str:
    """Guess a format from content: ``feed``, ``html``, ``json``, ``jsonl``, ``csv`` or ``text``.

    >>> sniff_format('{"text": "Talks resumed."}\\n{"text": "Shelling resumed."}')
    'jsonl'
    >>> sniff_format("<!DOCTYPE html><html><body><p>x</p></body></html>")
    'html'
    """
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    lower = head.lower()
    if lower.startswith("<?xml") or lower.startswith(("<rss", "<feed", "<rdf")):
        return "feed" if re.search(r"<(rss|feed|rdf:rdf|channel)\b", lower) else "html"
    if lower.startswith(("<!doctype html", "<html", "<head", "<body")):
        return "html"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first = head.split("\n", 1)[0].strip()
        try:
            json.loads(first)
        except json.JSONDecodeError:
            return "json"
        return "jsonl"
    return "text"


def _format_for(path: str) -> str | None:
    ext = Path(path).suffix.lower()
    for fmt, exts in (("text", TEXT_EXTS), ("jsonl", JSONL_EXTS), ("json", JSON_EXTS), ("csv", CSV_EXTS),
                      ("html", HTML_EXTS), ("feed", FEED_EXTS)):  # fmt: skip
        if ext in exts:
            return fmt
    return None


def read_bytes(
    data: bytes, path: str, opts: ReadOptions, *, fmt: str | None = None, mtime: float | None = None
) -> Iterator[Item]:
    """Read one input's bytes in the given (or sniffed) format."""
    if not data.strip():
        yield InputError(path, "empty file")
        return
    try:
        text = decode_bytes(data, path)
    except InputError as exc:
        yield exc
        return
    if not text.strip():
        yield InputError(path, "empty file")
        return
    fmt = fmt or sniff_format(text)
    if fmt == "text":
        yield from read_text(text, path, opts, mtime)
    elif fmt == "jsonl":
        yield from read_jsonl(text, path, opts)
    elif fmt == "json":
        yield from read_json(text, path, opts)
    elif fmt == "csv":
        yield from read_csv(text, path, opts)
    elif fmt == "html":
        yield from read_html(text, path, opts)
    else:
        yield from read_feed(data, path, opts)


def read_file(path: str | Path, opts: ReadOptions | None = None) -> Iterator[Item]:
    """Read one file (format from its extension, else sniffed), honouring the size limit."""
    opts = opts or ReadOptions()
    name = str(path)
    try:
        stat = os.stat(name)
        if stat.st_size > opts.max_bytes:
            yield InputError(
                name,
                f"file is {stat.st_size} bytes, over the size limit of {opts.max_bytes} (raise it with --max-bytes)",
            )
            return
        with open(name, "rb") as fh:
            data = _read_limited(fh, name, opts.max_bytes)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(name, f"cannot read ({exc.strerror or exc})")
        return
    yield from read_bytes(data, name, opts, fmt=_format_for(name), mtime=stat.st_mtime)


def expand_paths(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Files named by paths: directories recursively (sorted, hidden entries skipped), globs expanded,
    ``-`` passed through for stdin; a path that names nothing is an InputError."""
    for spec in paths:
        if spec == "-":
            yield spec
            continue
        p = Path(spec)
        if p.is_dir():
            found = False
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        found = True
                        yield os.path.join(root, f)
            if not found:
                yield InputError(spec, "folder has no files")
        elif p.exists():
            yield spec
        elif _GLOB_CHARS.search(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            files = [m for m in matches if Path(m).is_file()]
            for m in matches:
                if Path(m).is_dir():
                    yield from expand_paths([m])
            yield from files
            if not matches:
                yield InputError(spec, "no files match this pattern")
        else:
            yield InputError(spec, "no such file or folder")


def read_paths(
    paths: Sequence[str], opts: ReadOptions | None = None, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Read every article in files, folders (recursive), globs and stdin (``-``), in order."""
    opts = opts or ReadOptions()
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
        elif item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = _read_limited(stream, "<stdin>", opts.max_bytes)
            except InputError as exc:
                yield exc
                continue
            yield from read_bytes(data, "<stdin>", opts)
        else:
            yield from read_file(item, opts)
