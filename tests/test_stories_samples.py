"""Story clustering over the bundled sample corpus (src/eventwire/data/samples): several outlets report the
Putin–Orban news conference, the Sudan truce, the Niger coup, the EU–Iran sanctions and the Georgian
protests. Parsed with ``Pipeline(code=False)`` (mentions, no events) for speed; the clusters are printed
(``pytest -s``) and the clear pairs asserted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.analysis import stories as S
from eventwire.ingest.readers import Entry, ReadOptions, read_paths
from eventwire.pipeline import Pipeline
from eventwire.records import Article
from eventwire.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "samples"

# Same happening, different outlets (file-name prefixes).
TOGETHER = [("001", "002"), ("010", "011"), ("026", "027"), ("014", "015")]
# Within the window of each other but different happenings: Putin–Orban vs the Blinken–Lavrov call (same
# day), Lavrov's denial vs that call (two days), US sanctions vs the UN veto (a day), the coup vs France's
# withdrawal two months later.
APART = [("001", "003"), ("002", "003"), ("003", "004"), ("001", "004"), ("006", "029"), ("026", "028")]


def _articles() -> list[tuple[str, Article]]:
    files = sorted(SAMPLES.glob("*.txt"))
    out = []
    for f in files:
        for item in read_paths([str(f)], ReadOptions()):
            assert isinstance(item, Entry), item
            out.append((f.name[:3], item.article))
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A store with every sample analysed but placed in no story, and file prefix -> article id."""
    if not any(SAMPLES.glob("*.txt")):
        pytest.skip("no sample corpus in src/eventwire/data/samples")
    arts = _articles()
    db = str(tmp_path_factory.mktemp("stories") / "samples.db")
    with Store.open(db) as store, store.transaction():
        for result in Pipeline(code=False).process(a for _, a in arts):
            store.save_result(result)
    yield db, {name: a.id for name, a in arts}


def _story_of(store: Store) -> dict[str, str]:
    return dict(store.conn.execute("SELECT article_id, story_id FROM story_articles").fetchall())


def _print(store: Store, ids: dict[str, str]) -> None:
    name = {v: k for k, v in ids.items()}
    for s in S.list_stories(store, min_articles=2, limit=None)[0]:
        print(s["id"], s["first_date"], s["last_date"], s["label"])
        for a in s["articles"]:
            print("   ", name[a["id"]], a["pub_date"], a["outlet"], a["title"])


def _check(story_of: dict[str, str], ids: dict[str, str]) -> None:
    for x, y in TOGETHER:
        assert story_of[ids[x]] == story_of[ids[y]], (x, y)
    for x, y in APART:
        assert story_of[ids[x]] != story_of[ids[y]], (x, y)


def test_sample_stories_cluster_across_outlets(corpus: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    db, ids = corpus
    with Store.open(db) as store:
        change = S.recluster_stories(store)
        assert change.assigned == len(ids)
        _print(store, ids)
        story_of = _story_of(store)
        _check(story_of, ids)
        # the Georgian protests (May 1) and the bill's passage (May 15) are two weeks apart: two stories
        # with the default window, one when the window spans them
        assert story_of[ids["012"]] != story_of[ids["013"]]
        S.recluster_stories(store, window_days=15)
        wide = _story_of(store)
        assert wide[ids["012"]] == wide[ids["013"]]
        _check(wide, ids)
        S.recluster_stories(store)  # leave the module's store as the default makes it


def test_sample_stories_incremental_matches_full(corpus: tuple[str, dict[str, str]]) -> None:
    """Placing the corpus a month at a time (the way repeated ingests would) finds the same stories."""
    db, ids = corpus
    with Store.open(db) as store:
        S.recluster_stories(store)
        full = _story_of(store)
        with store.transaction():
            store.conn.execute("DELETE FROM story_articles")
            store.conn.execute("DELETE FROM stories")
            store.conn.execute("UPDATE articles SET processed=0")
        months = sorted({r[0] for r in store.conn.execute("SELECT substr(pub_date, 1, 7) FROM articles")})
        for month in months:
            with store.transaction():
                store.conn.execute("UPDATE articles SET processed=1 WHERE substr(pub_date, 1, 7)=?", (month,))
            S.update_stories(store)
        assert _story_of(store) == full
        _check(full, ids)
