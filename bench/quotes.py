"""How much quote extraction costs next to spaCy parsing (aim: a small fraction of the parse time).

Parses the seed article and the PolNeAR dev texts (``../shared/benchmarks/polnear_dev.jsonl``, read at run
time) with ``nlp.pipe``, then times :func:`eventwire.quotes.extract_quotes` on the same docs, with the speech
frames (:func:`eventwire.nlp.speech.find_speech_frames`) timed on their own, and prints a table.

    .venv/bin/python bench/quotes.py [--n 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from eventwire.nlp import load_model
from eventwire.nlp.speech import find_speech_frames
from eventwire.quotes import extract_quotes

SHARED = Path(__file__).resolve().parents[2] / "shared"


def corpus(n: int) -> list[str]:
    """Up to ``n`` news texts."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seed").glob("*.txt"))]
    dev = SHARED / "benchmarks" / "polnear_dev.jsonl"
    if dev.exists():
        texts.extend(json.loads(line)["text"] for line in dev.open(encoding="utf-8"))
    return texts[:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="at most this many texts (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="time extraction this many times, keep the best")
    args = ap.parse_args(argv)
    texts = corpus(args.n)
    if not texts:
        print("no texts found under ../shared", file=sys.stderr)
        return 1
    nlp = load_model()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    parse_s = time.perf_counter() - t0
    frames_s = quotes_s = float("inf")
    n_quotes = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for doc in docs:
            find_speech_frames(doc)
        frames_s = min(frames_s, time.perf_counter() - t0)
        t0 = time.perf_counter()
        n_quotes = sum(len(extract_quotes(doc, [])) for doc in docs)
        quotes_s = min(quotes_s, time.perf_counter() - t0)
    tokens = sum(len(d) for d in docs)
    print(f"{len(docs)} texts, {tokens} tokens, {n_quotes} quotes\n")
    print("| stage | seconds | ms per 1k tokens | share of parse |\n|---|---|---|---|")
    for name, secs in (
        ("spaCy parse (nlp.pipe)", parse_s),
        ("speech frames", frames_s),
        ("extract_quotes (incl. frames)", quotes_s),
    ):
        print(f"| {name} | {secs:.3f} | {1_000_000 * secs / max(tokens, 1):.2f} | {secs / parse_s:.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
