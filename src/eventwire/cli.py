"""The ``eventwire`` command line. Each sub-command lives in ``eventwire/commands/<name>.py`` and
exposes ``register(subparsers)``; this module discovers them, so adding a command touches one file.

>>> main(["--version"])
eventwire 0.1.0
0
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from eventwire import __version__
from eventwire.errors import EventWireError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="Who did what to whom, when and where, and who said what, from dated news articles.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import eventwire.commands as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"eventwire.commands.{info.name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"eventwire {__version__}")
        return 0
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code: int = args.func(args)
    except EventWireError as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `eventwire events | head`
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
