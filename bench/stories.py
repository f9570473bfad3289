"""How long story clustering takes for N articles.

The corpus is synthetic: the bundled sample articles (``src/eventwire/data/samples``) repeated with
publication dates drawn at random (seeded) over ``--span`` days, so N/span articles a day; each copy keeps
the actors and event dyads the pipeline found in its sample (parsed once). Copies of one sample that land
within the window of each other cluster, as syndicated copies of one wire story would.

Two tables:

* **pure**: :func:`eventwire.analysis.stories.cluster_articles` over N records in memory, split into its
  stages (term vectors, pair similarities within the window, average-link agglomeration);
* **store**: N articles in a SQLite store: a full :func:`recluster_stories`, then
  :func:`update_stories` after one more day of articles (what the end of an ingest costs).

Articles per second are over CPU seconds (the machine is shared, so wall time varies with its load).
Near-identical copies make this a stress test: at high density a sample's copies a few days apart form
stories of a dozen articles and every pair of them is kept, more pairs than real news of that volume gives.

    .venv/bin/python bench/stories.py [--sizes 1000,5000,20000] [--span 365] [--store-sizes 1000,5000]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from eventwire.analysis import stories as S
from eventwire.ingest.readers import Entry, ReadOptions, read_paths
from eventwire.pipeline import Pipeline
from eventwire.records import Article, ExtractResult
from eventwire.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "samples"
START = date(2023, 1, 1)


def samples() -> list[ExtractResult]:
    """The sample articles analysed once (mentions and events, for the actor and dyad boosts)."""
    files = [str(f) for f in sorted(SAMPLES.glob("*.txt"))]
    arts = [e.article for e in read_paths(files, ReadOptions()) if isinstance(e, Entry)]
    return list(Pipeline().process(arts))


def copy_of(result: ExtractResult, k: int, day: date) -> ExtractResult:
    """Copy ``k`` of an analysed sample, published on ``day`` (a distinct text, so a distinct id)."""
    a = result.article
    text = f"{a.text}\n\nReference {k}."
    article = Article(id=hashlib.sha256(text.encode()).hexdigest(), text=text, title=a.title, pub_date=day.isoformat(),
                      outlet=a.outlet, language=a.language)  # fmt: skip
    return ExtractResult(article=article, sentences=result.sentences, mentions=result.mentions,
                         events=result.events, quotes=[])  # fmt: skip


def synthetic(base: list[ExtractResult], n: int, span: int, seed: int = 7) -> list[ExtractResult]:
    rng = random.Random(seed)
    return [
        copy_of(base[i % len(base)], i // len(base), START + timedelta(days=rng.randrange(span)))
        for i in range(n)
    ]


def record(r: ExtractResult) -> S.StoryArticle:
    a = r.article
    actors = frozenset(m.actor.actor_id or f"code:{m.actor.code}" for m in r.mentions
                       if m.actor and (m.actor.actor_id or m.actor.code))  # fmt: skip
    dyads = frozenset(
        "|".join(sorted((str(e.source[0].code), str(e.target[0].code))))
        for e in r.events
        if not e.flagged and e.source and e.target and e.source[0].code and e.target[0].code
        and e.source[0].code != e.target[0].code
    )  # fmt: skip
    return S.StoryArticle(a.id, a.pub_date, a.title, a.text, a.outlet, actors, dyads)


def bench_pure(base: list[ExtractResult], sizes: list[int], span: int) -> None:
    print(f"pure: cluster_articles over N records, dates over {span} days, window "
          f"{S.DEFAULT_WINDOW_DAYS} days, threshold {S.DEFAULT_THRESHOLD}")  # fmt: skip
    print(f"{'N':>7} {'per day':>8} {'vectors s':>10} {'pairs s':>8} {'agglom s':>9} {'total s':>8} "
          f"{'cpu s':>6} {'art/s':>7} {'pairs kept':>11} {'stories':>8} {'multi':>6}")  # fmt: skip
    settings = S._Settings()
    for n in sizes:
        recs = [record(r) for r in synthetic(base, n, span)]
        c0, t0 = time.process_time(), time.perf_counter()
        corpus = S._Corpus.build(recs, settings)
        t1 = time.perf_counter()
        edges = corpus.edges(settings)
        t2 = time.perf_counter()
        clusters = S._agglomerate(len(corpus.articles), edges, settings.threshold)
        t3 = time.perf_counter()
        stories = [S._story(corpus, m) for m, _ in clusters]
        t4, c4 = time.perf_counter(), time.process_time()
        multi = sum(len(s.article_ids) > 1 for s in stories)
        print(f"{n:>7} {n / span:>8.1f} {t1 - t0:>10.2f} {t2 - t1:>8.2f} {t3 - t2:>9.2f} {t4 - t0:>8.2f} "
              f"{c4 - c0:>6.2f} {n / (c4 - c0):>7.0f} {len(edges):>11} {len(stories):>8} {multi:>6}")  # fmt: skip
        sys.stdout.flush()


def bench_store(base: list[ExtractResult], sizes: list[int], span: int) -> None:
    print(f"\nstore: N articles in SQLite, dates over {span} days; full recluster, then an update after one more "
          "day of articles (N/span new)")  # fmt: skip
    print(f"{'N':>7} {'recluster s':>12} {'cpu s':>6} {'art/s':>7} {'stories':>8} {'new':>5} {'update s':>9} "
          f"{'joined':>7}")  # fmt: skip
    for n in sizes:
        results = synthetic(base, n, span)
        extra_n = max(1, n // span)
        last = START + timedelta(days=span - 1)
        extra = [copy_of(base[i % len(base)], 10**6 + i, last) for i in range(extra_n)]
        with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "b.db") as store:
            with store.transaction():
                for r in results:
                    store.save_result(r)
            c0, t0 = time.process_time(), time.perf_counter()
            full = S.recluster_stories(store)
            t1, c1 = time.perf_counter(), time.process_time()
            with store.transaction():
                for r in extra:
                    store.save_result(r)
            t2 = time.perf_counter()
            inc = S.update_stories(store)
            t3 = time.perf_counter()
        print(f"{n:>7} {t1 - t0:>12.2f} {c1 - c0:>6.2f} {n / (c1 - c0):>7.0f} {full.new_stories:>8} {extra_n:>5} "
              f"{t3 - t2:>9.3f} {inc.assigned - inc.new_stories:>7}")  # fmt: skip
        sys.stdout.flush()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,5000,20000", help="N for the in-memory table")
    ap.add_argument("--store-sizes", default="1000,5000", help="N for the store table ('' to skip)")
    ap.add_argument("--span", type=int, default=365, help="days the publication dates spread over")
    args = ap.parse_args()
    t = time.perf_counter()
    base = samples()
    print(f"analysed {len(base)} sample articles in {time.perf_counter() - t:.1f}s\n")
    bench_pure(base, [int(x) for x in args.sizes.split(",") if x], args.span)
    if args.store_sizes:
        bench_store(base, [int(x) for x in args.store_sizes.split(",") if x], args.span)


if __name__ == "__main__":
    main()
