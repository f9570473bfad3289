"""``eventwire eval``: run the pipeline over a gold JSONL file and print precision, recall and F1."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from eventwire.commands._common import add_json, example, print_json
from eventwire.errors import EventWireError
from eventwire.evaluate.runner import EvalResult, evaluate_file
from eventwire.evaluate.scorer import ScoringError

ERROR_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("missed_event", "missed events (gold triples not found)"),
    ("false_event", "false events (system triples not in the gold)"),
    ("missed_quote", "missed quotes"),
    ("false_quote", "false quotes"),
    ("wrong_speaker", "found quotes with the wrong speaker"),
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "eval",
        help="score the pipeline against a gold JSONL file (events, quotes, actors)",
        description=(
            "Run the full pipeline over every document of a gold JSONL file (the format of "
            "shared/benchmarks/README.md) and score events as (source, type, target) triples, "
            "sentence-level types, quotes and their speakers."
        ),
        epilog=example("eventwire eval ../shared/benchmarks/plover_gsr.jsonl --by-type --show-errors 5"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("gold", metavar="GOLD.jsonl", help="gold file, one document per line")
    add_json(parser)
    parser.add_argument(
        "--show-errors",
        type=int,
        default=0,
        metavar="N",
        help="list up to N misses and false positives of each kind, with their sentence "
        "(as JSON Lines on stderr when --json is given)",
    )
    parser.add_argument("--by-type", action="store_true", help="print the per-type and per-kind tables")
    parser.add_argument(
        "--count-flagged",
        action="store_true",
        help="count system events flagged negated/hypothetical/future as assertions (default: not output)",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: 2 for files over 200,000 characters on a multi-core machine, else 1)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.gold)
    if not path.is_file():
        raise EventWireError("E300", f"No gold file at {path}", "Give a JSONL file in the benchmark format")
    if args.processes is not None and args.processes < 1:
        raise EventWireError("E301", "--processes must be 1 or more", "Leave it out to choose automatically")
    result = evaluate_file(path, count_flagged_system=args.count_flagged, processes=args.processes)
    if args.json:
        print_json(result.to_dict())
        if args.show_errors > 0:
            sys.stderr.write(errors_as_json(result.errors, args.show_errors) + "\n")
    else:
        sys.stdout.write(format_report(result, by_type=args.by_type))
        if args.show_errors > 0:
            write_errors(result.errors, args.show_errors, sys.stdout)
    return 0


def _num(value: float | None) -> str:
    return "   –  " if value is None else f"{value:6.3f}"


def _event_line(label: str, part: dict[str, Any]) -> str:
    return (
        f"{label:<14} P {_num(part['precision'])}  R {_num(part['recall'])}  F1 {_num(part['f1'])}"
        f"   gold {part.get('gold', 0)}, system {part.get('system', 0)}, "
        f"matched {part.get('matched', 0)}, ignored {part.get('ignored', 0)}\n"
    )


def format_report(result: EvalResult, *, by_type: bool = False) -> str:
    """The human-readable summary (and per-type tables when asked)."""
    d = result.to_dict()
    workers = f" ({d['processes']} processes)" if d["processes"] > 1 else ""
    out = [
        f"{d['file']}: {d['documents']} documents, {d['failed']} failed, {d['seconds']:.1f} s{workers}, "
        f"{d['cpu_seconds']:.1f} CPU s\n"
    ]
    for failure in result.failures:
        out.append(
            f"  failed: {failure.get('id') or 'line ' + str(failure.get('line'))}: {failure['error']}\n"
        )
    events, quotes, actors = d["events"], d["quotes"], d["actors"]
    if events["documents"]:
        out.append(f"events ({events['documents']} documents annotated)\n")
        out.append(_event_line("  triples", events))
        out.append(_event_line("  sentence", events["sentence"]))
    else:
        out.append("events: not annotated in this file\n")
    if quotes["documents"]:
        out.append(f"quotes ({quotes['documents']} documents annotated)\n")
        out.append(
            f"  quotes         P {_num(quotes['precision'])}  R {_num(quotes['recall'])}  "
            f"F1 {_num(quotes['f1'])}   gold {quotes['gold']}, found {quotes['found']}, "
            f"system {quotes['system']}, correct {quotes['correct']}, ignored {quotes['ignored']}\n"
            f"  speakers       accuracy {_num(quotes['speaker_accuracy'])}   "
            f"{quotes['speaker_correct']} of {quotes['speaker_scored']} found quotes with a scorable speaker\n"
        )
    else:
        out.append("quotes: not annotated in this file\n")
    if actors["scored"] or actors["not_in_text"]:
        out.append(
            f"actors         code accuracy {_num(actors['accuracy'])}   {actors['correct']} of "
            f"{actors['scored']} gold actors in the text (wrong {actors['wrong']}, unresolved "
            f"{actors['unresolved']}, no mention {actors['missing']}; {actors['not_in_text']} not in the text)\n"
        )
    if by_type:
        if events["documents"]:
            out.append("\n" + _type_table(events["by_type"], events["sentence"]["by_type"]))
        if quotes["documents"]:
            out.append("\n" + _kind_table(quotes["by_kind"]))
    return "".join(out)


def _type_table(by_type: dict[str, Any], sentence: dict[str, Any]) -> str:
    rows = [
        f"{'type':<10} {'gold':>5} {'sys':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}   {'sent P':>6} "
        f"{'sent R':>6} {'sent F1':>7}\n"
    ]
    for etype in sorted(set(by_type) | set(sentence)):
        t = by_type.get(etype) or {
            "gold": 0,
            "system": 0,
            "matched": 0,
            "precision": None,
            "recall": None,
            "f1": None,
        }
        s = sentence.get(etype) or {"precision": None, "recall": None, "f1": None}
        rows.append(
            f"{etype:<10} {t['gold']:>5} {t['system']:>5} {t['matched']:>5} {_num(t['precision'])} "
            f"{_num(t['recall'])} {_num(t['f1'])}   {_num(s['precision'])} {_num(s['recall'])} "
            f" {_num(s['f1'])}\n"
        )
    return "".join(rows)


def _kind_table(by_kind: dict[str, Any]) -> str:
    rows = [f"{'kind':<10} {'gold':>5} {'found':>5} {'sys':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>7}\n"]
    for kind, k in sorted(by_kind.items()):
        rows.append(
            f"{kind:<10} {k['gold']:>5} {k['found']:>5} {k['system']:>5} {_num(k['precision'])} "
            f"{_num(k['recall'])} {_num(k['f1'])}  {_num(k['speaker_accuracy'])}\n"
        )
    return "".join(rows)


def write_errors(errors: Sequence[ScoringError], limit: int, stream: TextIO) -> None:
    """Up to ``limit`` errors of each category, each with its document and sentence."""
    for category, title in ERROR_CATEGORIES:
        chosen = [e for e in errors if e.category == category]
        if not chosen:
            continue
        stream.write(f"\n{title}: {len(chosen)} (showing {min(limit, len(chosen))})\n")
        for error in chosen[:limit]:
            stream.write(f"  [{error.doc_id}] {error.item}\n      {error.context}\n")
    stream.flush()


def errors_as_json(errors: Sequence[ScoringError], limit: int) -> str:
    """Errors (up to ``limit`` per category) as JSON Lines."""
    lines = []
    for category, _ in ERROR_CATEGORIES:
        lines += [json.dumps(e.to_dict(), ensure_ascii=False) for e in errors if e.category == category][
            :limit
        ]
    return "\n".join(lines)
