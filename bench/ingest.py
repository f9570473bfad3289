"""Ingest throughput: what storing costs on top of parsing, and what the coders cost on top of that.

Runs, in one process over the same texts (the bundled samples plus ../shared/benchmarks/*.jsonl when
present, repeated until there are at least ``--min-words`` words; every copy gets a short marker so content
hashing does not drop it):

* ``nlp.pipe``               the bare spaCy parse, the floor cost of any pipeline on this model;
* ``ingest, parse only``     the real ingest path (JSON Lines file → readers → normalise/hash → batches →
                             parse → sentences and entity mentions → SQLite with FTS, one transaction per
                             batch) into a fresh temp database: what ingest and storage add to parsing;
* ``ingest --no-code``       the same with the pipeline's own pre-parse text repair and actor resolution;
* ``extract`` (no DB)        the full pipeline (repair, parse, actors, events, quotes) without storage;
* ``ingest`` (full)          the full pipeline with storage.

Each mode runs ``--repeat`` times, alternating, and the best time counts (the machine is shared); both wall
and CPU seconds are shown, and CPU time is the steadier figure when other work competes for the cores. The
ratio columns are words/s relative to the bare ``nlp.pipe`` run; ``ingest, parse only`` should stay at or above 0.85.
The full-pipeline modes run on the first ``--full-words`` words only, with their own bare ``nlp.pipe`` row.

    .venv/bin/python bench/ingest.py [--min-words 50000] [--batch-size 64] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eventwire.ingest.readers import Entry, ReadOptions, read_paths
from eventwire.ingest.runner import ingest
from eventwire.nlp import load_model
from eventwire.pipeline import Pipeline
from eventwire.records import Article, ExtractResult, Mention, Sentence
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "eventwire" / "data" / "samples"
BENCHMARKS = ROOT.parent / "shared" / "benchmarks"


def load_texts(min_words: int) -> tuple[list[dict[str, str | None]], list[str]]:
    """Article records (text, pub_date, title) repeated to ``min_words``, and where they came from."""
    sources = sorted(SAMPLES.glob("*.txt")) + (
        sorted(BENCHMARKS.glob("*.jsonl")) if BENCHMARKS.is_dir() else []
    )
    base = [
        {"text": i.article.text, "pub_date": i.article.pub_date, "title": i.article.title}
        for i in read_paths([str(s) for s in sources], ReadOptions(use_mtime=False))
        if isinstance(i, Entry) and i.article.language == "en"
    ]
    unique = {str(r["text"]): r for r in base}  # the benchmark files repeat a few texts
    base = list(unique.values())
    if not base:
        raise SystemExit("no texts: neither bundled samples nor ../shared/benchmarks found")
    out: list[dict[str, str | None]] = []
    words = copy = 0
    while words < min_words:
        copy += 1
        for rec in base:
            text = rec["text"] if copy == 1 else f"{rec['text']}\n\nCopy {copy}."
            out.append({**rec, "text": text})
            words += len(str(text).split())
    names = sorted({s.parent.name + "/" + (s.name if s.suffix == ".jsonl" else "*.txt") for s in sources})
    return out, names


class ParseOnly(Pipeline):
    """The pipeline cut down to the spaCy parse: sentences and entity mentions, no repair, no coders."""

    def process(self, articles: Iterable[Article]) -> Iterator[ExtractResult]:
        self._load()
        assert self.nlp is not None
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield ExtractResult(
                article,
                sentences=[Sentence(s.start_char, s.end_char) for s in doc.sents],
                mentions=[Mention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents],
            )


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call (CPU time is steadier on a shared machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--min-words", type=int, default=50_000, help="words in the main runs (default 50000)"
    )
    parser.add_argument("--full-words", type=int, default=10_000, help="words in the full-pipeline runs")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-full", action="store_true", help="leave out the two full-pipeline modes")
    args = parser.parse_args(argv)

    records, names = load_texts(args.min_words)
    k = 0
    words = 0
    while k < len(records) and words < args.full_words:
        words += len(str(records[k]["text"]).split())
        k += 1
    subsets = {"all": records, "full": records[:k]}
    tmp = Path(tempfile.mkdtemp(prefix="ew-bench-"))
    files: dict[str, Path] = {}
    texts: dict[str, list[str]] = {}
    for key, recs in subsets.items():
        files[key] = tmp / f"{key}.jsonl"
        files[key].write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
        texts[key] = [str(r["text"]) for r in recs]

    t0 = time.perf_counter()
    nlp = load_model()
    list(nlp.pipe(texts["all"][:8]))
    pipelines = {
        "parse": ParseOnly(nlp=nlp, code=False, batch_size=args.batch_size),
        "no-code": Pipeline(nlp=nlp, code=False, batch_size=args.batch_size),
        "full": Pipeline(nlp=nlp, batch_size=args.batch_size),
    }
    for pipeline in pipelines.values():
        pipeline._load()
    load_s = time.perf_counter() - t0
    runs = 0

    def bare_on(key: str) -> Callable[[], None]:
        def run() -> None:
            for _ in nlp.pipe(texts[key], batch_size=args.batch_size):
                pass

        return run

    def ingest_with(pipeline: Pipeline, key: str) -> Callable[[], None]:
        def run() -> None:
            nonlocal runs
            runs += 1
            with Store.open(tmp / f"run{runs}.db") as store:
                summary = ingest(read_paths([str(files[key])]), store, pipeline, batch_size=args.batch_size)
            assert summary.stored == len(texts[key]), summary.line()

        return run

    def extract_full() -> None:
        for _ in pipelines["full"].process(
            i.article for i in read_paths([str(files["full"])]) if isinstance(i, Entry)
        ):
            pass

    modes: list[tuple[str, str, Callable[[], None]]] = [
        ("nlp.pipe (bare spaCy parse)", "all", bare_on("all")),
        ("ingest, parse only (read+parse+SQLite)", "all", ingest_with(pipelines["parse"], "all")),
        ("ingest --no-code (+ text repair, actors)", "all", ingest_with(pipelines["no-code"], "all")),
    ]
    if not args.skip_full:
        modes += [
            ("nlp.pipe (bare), full-pipeline texts", "full", bare_on("full")),
            ("extract, full pipeline, no DB", "full", extract_full),
            ("ingest, full pipeline + SQLite", "full", ingest_with(pipelines["full"], "full")),
        ]
    best = {name: float("inf") for name, _, _ in modes}
    best_cpu = dict(best)
    for r in range(max(1, args.repeat)):
        for name, _, fn in modes[r % len(modes) :] + modes[: r % len(modes)]:  # rotate: no mode always first
            wall, cpu = timed(fn)
            best[name], best_cpu[name] = min(best[name], wall), min(best_cpu[name], cpu)

    n_words = {key: sum(len(t.split()) for t in ts) for key, ts in texts.items()}
    # each row is compared with the bare parse of the same texts
    bare_name = {
        key: next(name for name, k, _ in modes if k == key and name.startswith("nlp.pipe"))
        for _, key, _ in modes
    }
    rate = {key: n_words[key] / best[bare_name[key]] for key in bare_name}
    rate_cpu = {key: n_words[key] / best_cpu[bare_name[key]] for key in bare_name}
    print(f"texts: {', '.join(names)} (unique texts repeated with a marker); batch {args.batch_size}; "
          f"best of {args.repeat}; model+KB load {load_s:.1f}s (not counted)")  # fmt: skip
    print()
    print(f"| {'mode':<42} | {'articles':>8} | {'words':>6} | {'wall s':>7} | {'articles/s':>10} | {'words/s':>7} "
          f"| {'ratio':>5} | {'CPU s':>7} | {'CPU ratio':>9} |")  # fmt: skip
    print(
        f"|{'-' * 44}|{'-' * 9}:|{'-' * 7}:|{'-' * 8}:|{'-' * 11}:|{'-' * 8}:|{'-' * 6}:|{'-' * 8}:|{'-' * 10}:|"
    )
    for name, key, _ in modes:
        sec, cpu, n, w = best[name], best_cpu[name], len(texts[key]), n_words[key]
        print(f"| {name:<42} | {n:8d} | {w:6d} | {sec:7.2f} | {n / sec:10.1f} | {w / sec:7.0f} | {w / sec / rate[key]:5.2f} "
              f"| {cpu:7.2f} | {w / cpu / rate_cpu[key]:9.2f} |")  # fmt: skip
    print()
    wall_ratio = n_words["all"] / best[modes[1][0]] / rate["all"]
    cpu_ratio = n_words["all"] / best_cpu[modes[1][0]] / rate_cpu["all"]
    print(f"ingest (parse only) / bare nlp.pipe: {wall_ratio:.2f} wall, {cpu_ratio:.2f} CPU (target >= 0.85)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
