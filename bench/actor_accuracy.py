"""Country-code accuracy of resolved mentions against the actors of the public event benchmarks.

For plover_gsr.jsonl every gold actor has its surface ``text``: the actor counts as right when a resolved
mention overlapping that text carries the gold code. petrarch_gsr.jsonl gives codes without surfaces: an
actor counts as right when some mention of the document resolves to its code. Misses are listed.

    .venv/bin/python bench/actor_accuracy.py [--shared ../shared] [--misses N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from eventwire.actors import load_kb, resolve_mentions
from eventwire.nlp import load_model
from eventwire.records import Mention


def _best(mentions: list[Mention], start: int, end: int, code: str) -> Mention | None:
    over = [m for m in mentions if m.start < end and start < m.end]
    if not over:
        return None
    right = [m for m in over if m.actor and m.actor.code == code]
    return (right or sorted(over, key=lambda m: -(min(end, m.end) - max(start, m.start))))[0]


def _pieces(surface: str) -> list[str]:
    """The surface, else its first and last words (for surfaces that are not contiguous in the text)."""
    words = surface.replace("...", " ").split()
    return [surface, *([words[0], words[-1]] if len(words) > 1 else words)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--misses", type=int, default=200, help="how many misses to list per file")
    args = ap.parse_args(argv)
    bench = Path(args.shared) / "benchmarks"
    if not bench.exists():
        print(f"no benchmarks at {bench}", file=sys.stderr)
        return 1
    nlp, kb = load_model(), load_kb()
    rows = []
    for name in ("plover_gsr.jsonl", "petrarch_gsr.jsonl"):
        docs = [json.loads(line) for line in (bench / name).open(encoding="utf-8")]
        texts = [kb.repair(d["text"]) for d in docs]
        right = total = 0
        kinds: Counter[str] = Counter()
        misses: list[str] = []
        for d, text, doc in zip(docs, texts, nlp.pipe(texts, batch_size=64), strict=True):
            mentions = resolve_mentions(doc, d.get("pub_date"), kb)
            for e in d["events"]:
                for role in ("source", "target"):
                    for a in e[role]:
                        code = a.get("code")
                        if not code:
                            continue
                        total += 1
                        surface = a.get("text")
                        if surface:
                            m = None
                            for piece in _pieces(
                                surface
                            ):  # gold surfaces may elide words ("U.S. ... negotiators")
                                at = text.find(piece)
                                m = _best(mentions, at, at + len(piece), code) if at >= 0 else None
                                if m and m.actor and m.actor.code == code:
                                    break
                            ok = bool(m and m.actor and m.actor.code == code)
                            got = (m.text, m.actor.code if m.actor else None, m.how) if m else None
                        else:
                            ok = any(m.actor and m.actor.code == code for m in mentions)
                            got = sorted({m.actor.code for m in mentions if m.actor and m.actor.code})  # type: ignore[assignment]
                        right += ok
                        if not ok:
                            kinds["no mention" if got is None else "wrong code"] += 1
                            misses.append(f"  {d['id']}  {role}  gold={code} text={surface!r}  got={got}")
        rows.append((name, total, right))
        print(f"\n{name}: {right}/{total} = {right / max(total, 1):.3f} country-code accuracy  {dict(kinds)}")
        for line in misses[: args.misses]:
            print(line)
    print("\n| file | actors with a code | right | accuracy |\n|---|---|---|---|")
    for name, total, right in rows:
        print(f"| {name} | {total} | {right} | {right / max(total, 1):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
