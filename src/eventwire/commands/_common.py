"""Shared CLI helpers: DB option, JSON Lines output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any

DEFAULT_DB = "eventwire.db"


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, help=f"SQLite database file (default ./{DEFAULT_DB})")


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine output: JSON (lists as JSON Lines)")


def print_jsonl(items: Iterable[dict[str, Any]]) -> int:
    n = 0
    for item in items:
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
        n += 1
    sys.stdout.flush()
    return n


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=None) + "\n")
    sys.stdout.flush()


def example(text: str) -> str:
    """Format an epilog with a usage example."""
    return "example:\n  " + text
