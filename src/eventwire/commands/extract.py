"""``eventwire extract``: parse and code articles without a database, one JSON object per article."""

from __future__ import annotations

import argparse
import json
import sys
from collections import deque
from collections.abc import Iterator
from typing import Any

from eventwire.commands._common import add_json, example
from eventwire.commands.ingest import add_read_options, read_options, report_error
from eventwire.errors import InputError
from eventwire.ingest.readers import Entry, read_paths
from eventwire.pipeline import Pipeline
from eventwire.records import Article, ExtractResult


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "extract",
        help="extract sentences, mentions, events and quotes from articles without a database",
        description="Read any input `ingest` accepts (including JSON Lines with id, text, pub_date per line) and "
        "print what was found. With --json: one JSON object per article (JSON Lines) with its id (the input's "
        "id when it has one), pub_date, sentences, mentions, events and quotes. The model loads once per run.",
        epilog=example("eventwire extract articles.jsonl --json > extracted.jsonl"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_read_options(p)
    add_json(p)
    p.set_defaults(func=run)


def result_dict(result: ExtractResult, entry: Entry) -> dict[str, Any]:
    """``ExtractResult.to_dict()`` with ``id`` set to the input's id when it gave one, else to the id
    ``ingest`` would store the article under (the hash of the text as read, before any text repair)."""
    out = result.to_dict()
    out["id"] = entry.input_id if entry.input_id is not None else entry.article.id
    return out


def _print_human(d: dict[str, Any], text: str) -> None:
    print(f"{d['id'][:16]}  {d['pub_date'] or 'no date'}  {d['title'] or ''}".rstrip())
    lang = "" if d["language"] == "en" else f" (language {d['language']}: not coded)"
    print(f"  {len(d['sentences'])} sentences, {len(d['mentions'])} mentions{lang}")
    for e in d["events"]:
        src = ", ".join(a.get("code") or "?" for a in e["source"]) or "?"
        tgt = ", ".join(a.get("code") or "?" for a in e["target"]) or "-"
        print(f'  EVENT {src} {e["type"]} {tgt}  {e.get("event_date") or ""}  "{e.get("trigger") or ""}"')
    for q in d["quotes"]:
        who = (q.get("speaker") or {}).get("name") or q.get("speaker_text") or "unknown"
        print(f'  QUOTE {q["kind"]} {who}: "{" ".join(q["text"].split())[:120]}"')


def run(args: argparse.Namespace) -> int:
    opts = read_options(args)
    pipeline = Pipeline(n_process=max(1, args.n_process), batch_size=max(1, args.batch_size))
    pending: deque[Entry] = deque()
    counts = {"read": 0, "errors": 0}

    def articles() -> Iterator[Article]:
        for item in read_paths(args.paths, opts):
            if isinstance(item, InputError):
                counts["errors"] += 1
                report_error(item)
                continue
            counts["read"] += 1
            pending.append(item)
            yield item.article

    for result in pipeline.process(articles()):
        entry = pending.popleft()
        d = result_dict(result, entry)
        if args.json:
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
        else:
            _print_human(d, result.article.text)
    sys.stdout.flush()
    return 1 if counts["read"] == 0 and counts["errors"] > 0 else 0
