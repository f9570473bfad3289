"""How much actor resolution costs next to spaCy parsing (target: at most 10% of the parse time).

Parses N texts with ``nlp.pipe`` (the seed article, the bundled samples in ``eventwire/data/samples/`` and
the texts of ``../shared/benchmarks/*.jsonl`` read at run time), then times ``resolve_mentions`` on the same
docs (plus the text repair, which runs before parsing) and prints a table.

    .venv/bin/python bench/actors.py [--n 400] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from importlib import resources
from pathlib import Path

from eventwire.actors import load_kb, resolve_mentions
from eventwire.nlp import load_model

SHARED = Path(__file__).resolve().parents[2] / "shared"


def corpus(n: int) -> list[tuple[str, str | None]]:
    """Up to ``n`` (text, pub_date) pairs."""
    texts: list[tuple[str, str | None]] = []
    for path in sorted((SHARED / "seed").glob("*.txt")):
        texts.append((path.read_text(encoding="utf-8"), "2022-02-02"))
    samples = Path(str(resources.files("eventwire") / "data" / "samples"))
    for path in sorted(samples.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        date = lines[0].split()[1] if lines and lines[0].startswith("date ") else None
        texts.append(("\n".join(lines[1:]), date))
    for path in sorted((SHARED / "benchmarks").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            d = json.loads(line)
            texts.append((d["text"], d.get("pub_date")))
    return texts[:n]


def _rss_mib() -> float:
    """Resident memory of this process in MiB (Linux /proc; 0 where unavailable)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="at most this many texts (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="time resolution this many times, keep the best")
    args = ap.parse_args(argv)
    nlp = load_model()
    t0 = time.perf_counter()
    kb = load_kb()
    kb_s = time.perf_counter() - t0
    rss0 = _rss_mib()
    t0 = time.perf_counter()
    kb.towns(
        "Goris"
    )  # the table is read once per process, on the first place-framed name the gazetteer lacks
    towns_s, towns_mib = time.perf_counter() - t0, _rss_mib() - rss0
    items = corpus(args.n)
    t0 = time.perf_counter()
    texts = [kb.repair(t) for t, _ in items]
    repair_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    parse_s = time.perf_counter() - t0
    best = float("inf")
    mentions = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        mentions = sum(
            len(resolve_mentions(doc, date, kb)) for doc, (_, date) in zip(docs, items, strict=True)
        )
        best = min(best, time.perf_counter() - t0)
    tokens = sum(len(d) for d in docs)
    print(f"{len(docs)} texts, {tokens} tokens, {mentions} mentions; KB load {kb_s:.2f} s (once per process)")
    print(
        f"small-town table (data/actors/towns.tsv): first lookup {towns_s:.2f} s, +{towns_mib:.0f} MiB resident\n"
    )
    print("| stage | seconds | ms per 1k tokens | share of parse |\n|---|---|---|---|")
    for name, secs in (("spaCy parse (nlp.pipe)", parse_s), ("text repair", repair_s), ("resolve_mentions", best),
                       ("repair + resolve", repair_s + best)):  # fmt: skip
        print(f"| {name} | {secs:.3f} | {1000 * secs / max(tokens, 1) * 1000:.2f} | {secs / parse_s:.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
