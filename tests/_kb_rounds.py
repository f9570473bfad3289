"""Helpers shared by the tests of the KB rounds (tests/test_kb_ministers.py, tests/test_kb_nonstate.py): the data
rows a round added to a KB file, and the actor a mention of a phrase resolved to."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from eventwire.records import ActorRef, ExtractResult

ACTORS = Path(str(resources.files("eventwire") / "data" / "actors"))


def round_rows(name: str, marker: str) -> list[dict[str, str]]:
    """Data rows of KB file ``name`` after the comment line starting with ``marker`` (up to the next round's)."""
    lines = (ACTORS / name).read_text(encoding="utf-8").split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith(marker))
    stop = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("# Round ")), len(lines))
    header = next(ln for ln in lines if ln and not ln.startswith("#")).split("\t")
    body = [ln for ln in lines[start:stop] if ln.strip() and not ln.startswith("#")]
    return [dict(zip(header, ln.split("\t"), strict=True)) for ln in body]


def actor_of(result: ExtractResult, phrase: str, nth: int = 0) -> ActorRef | None:
    """The actor of the ``nth`` mention whose text contains ``phrase``."""
    found = [m for m in result.mentions if phrase in m.text]
    assert len(found) > nth, f"no mention {nth} of {phrase!r}: {[m.text for m in result.mentions]}"
    return found[nth].actor


def triple(actor: ActorRef | None) -> tuple[str | None, str | None, str | None]:
    """(code, sector, actor_id) of an actor, Nones for none."""
    return (actor.code, actor.sector, actor.actor_id) if actor else (None, None, None)
