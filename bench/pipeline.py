"""Whole-pipeline throughput and memory: ``Pipeline.process`` against a bare ``nlp.pipe`` run.

Run: ``.venv/bin/python bench/pipeline.py [--words N] [--rounds R] [--batch-size B]`` prints bare ``nlp.pipe``
words/s against ``Pipeline().process`` words/s on the same texts in one process (both warmed up first, best
of ``R`` rounds, wall and CPU time, ``n_process=1``: the README target is one core), their ratio (the target
is >= 0.75) and a per-stage breakdown measured by timing each stage function over the same parsed docs.

``.venv/bin/python bench/pipeline.py --memory [N]`` streams ``N`` articles (default 10,000: the texts again
with their dates shifted, so every article is new) through ``Pipeline.process`` and prints the resident set
size every 1,000 articles and its growth from article 1,000 to ``N``, with the size of spaCy's StringStore
(which grows with every new string the tokenizer sees: spaCy's own, not ours), the peak RSS and the number of
live Python memory blocks after a collection (``--every K`` prints every ``K`` articles instead). The peak is the
parser's: it grows with ``--batch-size`` times document length, not with the number of articles.
``--n-process N`` adds a row for ``Pipeline(n_process=N)`` (parse workers; the coders stay in-process).

The texts are the bundled samples (``src/eventwire/data/samples``) plus the benchmark texts in
``../shared/benchmarks/*.jsonl`` when that folder exists, repeated to at least ``--words`` words.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import re
import resource
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from eventwire.actors import resolve_mentions
from eventwire.events import code_events
from eventwire.geo import locate_events
from eventwire.ingest.normalise import make_article
from eventwire.ingest.readers import Entry, read_file
from eventwire.pipeline import Pipeline
from eventwire.quotes import extract_quotes
from eventwire.records import Article, Event, Mention

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "eventwire" / "data" / "samples"
SHARED = ROOT.parent / "shared"
FALLBACK_DATE = "2022-02-02"


def base_articles() -> list[Article]:
    """The bundled samples, then the benchmark texts (skipped when ../shared is absent)."""
    out: list[Article] = []
    for path in sorted(SAMPLES.glob("*.txt")):
        out.extend(item.article for item in read_file(path) if isinstance(item, Entry))
    for path in sorted((SHARED / "benchmarks").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            if line.strip():
                rec = json.loads(line)
                out.append(make_article(rec["text"], pub_date=rec.get("pub_date") or FALLBACK_DATE))
    return out


def n_words(articles: list[Article]) -> int:
    """Whitespace-separated words over all articles."""
    return sum(len(a.text.split()) for a in articles)


def repeated(articles: list[Article], min_words: int) -> list[Article]:
    """``articles`` repeated until they hold at least ``min_words`` words."""
    out: list[Article] = []
    while n_words(out) < min_words:
        out.extend(articles)
    return out


class Timer:
    """Best wall and CPU seconds over several runs of one callable."""

    def __init__(self) -> None:
        self.wall = float("inf")
        self.cpu = float("inf")

    def run(self, fn: Callable[[], object]) -> None:
        """Time one call of ``fn``."""
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        self.wall = min(self.wall, time.perf_counter() - w0)
        self.cpu = min(self.cpu, time.process_time() - c0)


def throughput(args: argparse.Namespace) -> int:
    """Bare parse against the whole pipeline, then the stage breakdown."""
    base = base_articles()
    articles = repeated(base, args.words)
    words = n_words(articles)
    pipe = Pipeline(batch_size=args.batch_size)
    pipe._load()
    nlp, kb, lexicon = pipe.nlp, pipe.kb, pipe.lexicon
    assert nlp is not None and kb is not None and lexicon is not None
    texts = [a.text for a in articles]

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass

    def whole() -> None:
        for _ in pipe.process(articles):
            pass

    warm = base[:40]  # warm both paths (model, KB, lexicon, gazetteer, caches of first use)
    list(nlp.pipe([a.text for a in warm]))
    list(pipe.process(warm))
    t_bare, t_whole = Timer(), Timer()
    for r in range(args.rounds):  # alternate, and swap the order each round: the machine is shared
        for fn, t in ((bare, t_bare), (whole, t_whole)) if r % 2 == 0 else ((whole, t_whole), (bare, t_bare)):
            t.run(fn)

    # Stage breakdown over the same parsed docs.
    stages: dict[str, Timer] = {name: Timer() for name in
                                ("repair", "parse", "resolve_mentions", "code_events", "locate_events",
                                 "extract_quotes")}  # fmt: skip
    repaired: list[str] = []
    docs: list[Doc] = []
    mentions: list[list[Mention]] = []
    events: list[list[Event]] = []

    def do_repair() -> None:
        repaired[:] = [kb.repair(t) for t in texts]

    def do_parse() -> None:
        docs[:] = list(nlp.pipe(repaired, batch_size=args.batch_size))

    def do_actors() -> None:
        mentions[:] = [resolve_mentions(d, a.pub_date, kb) for d, a in zip(docs, articles, strict=True)]

    def do_events() -> None:
        events[:] = [
            code_events(d, m, a.pub_date, lexicon) for d, m, a in zip(docs, mentions, articles, strict=True)
        ]

    def do_geo() -> None:
        for d, e, a in zip(docs, events, articles, strict=True):
            locate_events(d, e, a.pub_date)

    def do_quotes() -> None:
        for d, m in zip(docs, mentions, strict=True):
            extract_quotes(d, m)

    steps = (("repair", do_repair), ("parse", do_parse), ("resolve_mentions", do_actors),
             ("code_events", do_events), ("locate_events", do_geo), ("extract_quotes", do_quotes))  # fmt: skip
    for _ in range(args.rounds):
        for name, fn in steps:
            stages[name].run(fn)

    print(
        f"{len(articles)} articles ({len(base)} distinct), {words} words, batch_size={args.batch_size}, n_process=1"
    )
    print(f"{'run':<22}{'wall s':>9}{'cpu s':>9}{'words/s (wall)':>16}{'words/s (cpu)':>15}")
    for name, t in (("bare nlp.pipe", t_bare), ("Pipeline.process", t_whole)):
        print(f"{name:<22}{t.wall:>9.2f}{t.cpu:>9.2f}{words / t.wall:>16.0f}{words / t.cpu:>15.0f}")
    print(f"{'ratio (wall)':<22}{t_bare.wall / t_whole.wall:>9.3f}   target >= 0.75")
    if args.n_process > 1:
        multi = Pipeline(
            nlp=nlp, kb=kb, lexicon=lexicon, n_process=args.n_process, batch_size=args.batch_size
        )
        t_multi = Timer()
        t_multi.run(lambda: sum(1 for _ in multi.process(articles)))
        name = f"process n_process={args.n_process}"
        print(
            f"{name:<22}{t_multi.wall:>9.2f}{'':>9}{words / t_multi.wall:>16.0f}   (wall; CPU here is the parent's only)"
        )
    print(f"{'ratio (cpu)':<22}{t_bare.cpu / t_whole.cpu:>9.3f}")
    print()
    print(f"{'stage':<22}{'wall s':>9}{'cpu s':>9}{'% of parse (cpu)':>18}")
    parse_cpu = stages["parse"].cpu
    for name, t in stages.items():
        print(f"{name:<22}{t.wall:>9.2f}{t.cpu:>9.2f}{100 * t.cpu / parse_cpu:>17.1f}%")
    coders = sum(t.cpu for n, t in stages.items() if n != "parse")
    print(f"{'all but parse':<22}{'':>9}{coders:>9.2f}{100 * coders / parse_cpu:>17.1f}%")
    return 0


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def shifted(article: Article, days: int) -> Article:
    """``article`` with its publication date and every ISO date in its text moved ``days`` days on."""

    def move(iso: str) -> str:
        try:
            return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()
        except ValueError:
            return iso

    text = _ISO_DATE.sub(lambda m: move(m.group()), article.text)
    pub = move(article.pub_date) if article.pub_date else None
    return replace(article, id=f"{article.id}-{days}", text=text, pub_date=pub)


def stream(base: list[Article], n: int) -> Iterator[Article]:
    """``n`` articles: the base texts over and over, each round with the dates shifted one more day."""
    for i in range(n):
        yield shifted(base[i % len(base)], i // len(base))


def rss_mib(field: str = "VmRSS") -> float:
    """Resident set size in MiB (``VmRSS`` now, ``VmHWM`` the peak), or the peak from getrusage where /proc
    is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory(args: argparse.Namespace) -> int:
    """Stream ``args.memory`` articles and print the memory curve."""
    n = args.memory
    base = base_articles()
    pipe = Pipeline(batch_size=args.batch_size)
    pipe._load()
    assert pipe.nlp is not None
    strings = pipe.nlp.vocab.strings
    every = args.every
    print(f"RSS after loading: {rss_mib():.1f} MiB")
    print(f"{'articles':>9}{'RSS MiB':>10}{'peak MiB':>10}{'py blocks':>11}{'StringStore':>13}{'s':>8}")
    t0 = time.perf_counter()
    marks: dict[int, tuple[float, int]] = {}
    for i, _ in enumerate(pipe.process(stream(base, n)), start=1):
        if i % every == 0 or i == n:
            gc.collect()  # count what is still referenced, not garbage waiting for a collection
            marks[i] = (rss_mib(), sys.getallocatedblocks())
            print(
                f"{i:>9}{marks[i][0]:>10.1f}{rss_mib('VmHWM'):>10.1f}{marks[i][1]:>11}{len(strings):>13}"
                f"{time.perf_counter() - t0:>8.0f}",
                flush=True,
            )
    first = marks.get(1000, next(iter(marks.values())))
    print(
        f"growth from article {1000 if 1000 in marks else every} to {n}: RSS {marks[n][0] - first[0]:+.1f} MiB, "
        f"Python blocks {marks[n][1] - first[1]:+d}"
    )
    print(f"peak RSS: {rss_mib('VmHWM'):.1f} MiB")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=60_000, help="repeat the texts to at least this many words")
    ap.add_argument("--rounds", type=int, default=3, help="runs of each mode; the best is kept")
    ap.add_argument(
        "--batch-size",
        type=int,
        default=Pipeline.batch_size,
        help="nlp.pipe batch size for both runs (Pipeline's)",
    )
    ap.add_argument(
        "--n-process",
        type=int,
        default=1,
        help="also time Pipeline(n_process=N): parse workers, coders in-process",
    )
    ap.add_argument("--memory", type=int, nargs="?", const=10_000, default=None, metavar="N",
                    help="stream N articles (default 10,000) and print RSS every 1,000")  # fmt: skip
    ap.add_argument("--every", type=int, default=1000, help="--memory: print a line every this many articles")
    args = ap.parse_args(argv)
    return memory(args) if args.memory else throughput(args)


if __name__ == "__main__":
    sys.exit(main())
