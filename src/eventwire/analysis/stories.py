"""Story clustering: group the articles that report the same happening, across outlets.

A story is a set of articles whose publication dates lie within a few days of each other and whose
leads (headline and first paragraphs) say the same thing. The similarity of two articles is

* the cosine of their TF-IDF term vectors (headline counted twice, plus the first paragraphs; spaCy's
  stop words and the news boilerplate of ``data/stories/news_stopwords.tsv`` left out, plurals folded),
* plus ``actor_boost`` times the cosine of their resolved-actor vectors (``mentions.actor_id``, or the
  country/organisation code when the actor has no id), IDF-weighted so that sharing Putin counts for
  more than sharing Russia,
* plus ``dyad_boost`` times the cosine of their event-dyad vectors (unordered source/target code pairs
  of unflagged events), likewise IDF-weighted,

and only pairs published at most ``window_days`` apart are compared at all. Articles are grouped by
average-link agglomeration: two groups merge while the mean similarity over every pair of their articles
reaches ``threshold``; pairs never compared (too far apart in time, or below a floor of a quarter of the
threshold) count as zero, so a story cannot drift through a chain of loosely related articles.

Story ids are the first 16 hex digits of the sha256 of ``story:`` + the id of the story's earliest article
(earliest by date, then by id); the label is the headline of the most central article (the one whose term
vector is closest to the rest of the story). Articles without a usable ``pub_date`` are never linked:
each is a story of its own.

In a store, :func:`update_stories` is incremental: articles not yet in any story are compared with the
stored articles around their dates; each joins an existing story, or new stories are made, and stories
already stored never merge with each other, so their ids stay put. :func:`recluster_stories` drops stories
and computes them afresh. :func:`cluster_articles` is the same computation as a pure function over
:class:`StoryArticle` records.

>>> a = StoryArticle("a1", "2022-02-02", "Putin and Orban hold talks in Moscow", outlet="Meridian Wire")
>>> b = StoryArticle("b2", "2022-02-02", "Orban meets Putin in Moscow for talks", outlet="Harbor Daily")
>>> c = StoryArticle("c3", "2022-02-02", "Earthquake strikes southern Turkey", outlet="Harbor Daily")
>>> sorted(s.article_ids for s in cluster_articles([a, b, c]))
[['a1', 'b2'], ['c3']]
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from eventwire.store.sqlite import Store

DEFAULT_WINDOW_DAYS = 3
DEFAULT_THRESHOLD = 0.3
DEFAULT_ACTOR_BOOST = 0.15
DEFAULT_DYAD_BOOST = 0.1
DEFAULT_LEAD_CHARS = 1200
# Incremental updates weigh terms by their document frequency over the new articles, the stored stories
# around them and up to this many other stored articles nearest in time.
_BACKGROUND_CAP = 2000
_MAX_TERMS = 60  # strongest terms kept per article: leads are short, and the tail only adds cost
_EDGE_FLOOR = 0.25  # pairs below this fraction of the threshold are not kept (they count as zero)
_TITLE_WEIGHT = 2
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_PARAGRAPHS = re.compile(r"\n\s*\n")


# -- records ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StoryArticle:
    """What clustering needs of an article: dates, words, and (when analysed) who appears in it.

    ``actors`` holds knowledge-base actor ids or ``code:XXX`` for actors known by code only; ``dyads``
    holds unordered ``"A|B"`` code pairs of the article's unflagged events.
    """

    id: str
    pub_date: str | None
    title: str | None = None
    text: str = ""
    outlet: str | None = None
    actors: frozenset[str] = frozenset()
    dyads: frozenset[str] = frozenset()


@dataclass(slots=True)
class Story:
    """A cluster of articles about one happening; ``article_ids`` in date order (then id)."""

    id: str
    label: str
    first_date: str | None
    last_date: str | None
    article_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "article_ids": list(self.article_ids),
        }


@dataclass(slots=True)
class StoryUpdate:
    """What :func:`update_stories` or :func:`recluster_stories` changed in the store."""

    assigned: int = 0  # articles placed in a story by this run
    new_stories: int = 0
    grown_stories: int = 0  # stories already stored that gained articles
    dropped_stories: int = 0  # stories deleted first (recluster, or left empty by deleted articles)

    def to_dict(self) -> dict[str, int]:
        return {
            "assigned": self.assigned,
            "new_stories": self.new_stories,
            "grown_stories": self.grown_stories,
            "dropped_stories": self.dropped_stories,
        }

    def line(self) -> str:
        """One human line."""
        return (
            f"stories: {self.assigned} articles assigned, {self.new_stories} new stories,"
            f" {self.grown_stories} stories grown"
            + (f", {self.dropped_stories} dropped" if self.dropped_stories else "")
        )


@dataclass(frozen=True, slots=True)
class _Settings:
    window_days: int = DEFAULT_WINDOW_DAYS
    threshold: float = DEFAULT_THRESHOLD
    actor_boost: float = DEFAULT_ACTOR_BOOST
    dyad_boost: float = DEFAULT_DYAD_BOOST
    lead_chars: int = DEFAULT_LEAD_CHARS

    def __post_init__(self) -> None:
        if self.window_days < 0:
            raise ValueError("window_days must be >= 0")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")


# -- terms ------------------------------------------------------------------------------------------
def _data_dir() -> Path:
    return Path(str(resources.files("eventwire").joinpath("data", "stories")))


@cache
def news_stopwords() -> frozenset[str]:
    """The words of ``data/stories/news_stopwords.tsv`` (header ``word, basis``; ``#`` lines are comments)."""
    words: set[str] = set()
    lines = (_data_dir() / "news_stopwords.tsv").read_text(encoding="utf-8").splitlines()
    rows = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    if not rows or rows[0].split("\t")[:2] != ["word", "basis"]:
        raise ValueError("news_stopwords.tsv must start with the header 'word<TAB>basis'")
    for row in rows[1:]:
        word, _, basis = row.partition("\t")
        if not word.strip() or not basis.strip():
            raise ValueError(f"news_stopwords.tsv: row without a word and a basis: {row!r}")
        words.add(word.strip().lower())
    return frozenset(words)


def stem(word: str) -> str:
    """Fold an English plural onto its singular so "sanctions" matches "sanction" (lower-case input).

    >>> [stem(w) for w in ("sanctions", "talks", "militias", "allies", "press", "status", "crisis")]
    ['sanction', 'talk', 'militia', 'ally', 'press', 'status', 'crisis']
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """The content words of ``text``: lower-cased, letters only, stop words out, plurals folded.

    >>> terms("Russia's forces shelled Kharkiv on Tuesday, officials said.")
    ['russia', 'force', 'shelled', 'kharkiv']
    """
    stop = news_stopwords()
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        word = m.group().lower()
        if len(word) < 2 or word in STOP_WORDS or word in stop:
            continue
        word = stem(word)
        if word in stop:
            continue
        out.append(word)
    return out


def lead(title: str | None, text: str, lead_chars: int = DEFAULT_LEAD_CHARS) -> str:
    """The first paragraphs of ``text`` (whole paragraphs until ``lead_chars`` is reached), without a
    first paragraph that repeats the headline (stored texts start with it).

    >>> lead("Talks end", "Talks end\\n\\nThe talks ended.\\n\\nMore later.", lead_chars=10)
    'The talks ended.'
    """
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(text.strip()) if p.strip()]
    if paragraphs and title and paragraphs[0] == title.strip():
        paragraphs = paragraphs[1:]
    kept: list[str] = []
    size = 0
    for p in paragraphs:
        if size >= lead_chars:
            break
        kept.append(p)
        size += len(p)
    return "\n\n".join(kept)


def _term_counts(article: StoryArticle, lead_chars: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    for _ in range(_TITLE_WEIGHT):
        counts.update(terms(article.title or ""))
    counts.update(terms(lead(article.title, article.text, lead_chars)))
    return counts


def _day(pub_date: str | None) -> int | None:
    """Day number of a ``YYYY-MM-DD...`` date, None when there is none."""
    if not pub_date or len(pub_date) < 10:
        return None
    try:
        return date.fromisoformat(pub_date[:10]).toordinal()
    except ValueError:
        return None


def story_id(earliest_article_id: str) -> str:
    """The story id derived from the id of its earliest article.

    >>> story_id("abc")
    '9f9ffdda80dba86a'
    """
    return hashlib.sha256(f"story:{earliest_article_id}".encode()).hexdigest()[:16]


# -- vectors ----------------------------------------------------------------------------------------
Vector = dict[str, float]


def _idf(docs: Sequence[Iterable[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(d))
    n = len(docs)
    return {t: math.log((1 + n) / (1 + k)) + 1.0 for t, k in df.items()}


def _weigh(counts: Mapping[str, int], idf: Mapping[str, float], max_terms: int | None) -> Vector:
    """Sub-linear TF times IDF, the ``max_terms`` strongest kept, L2-normalised."""
    weights = [(t, (1.0 + math.log(n)) * idf.get(t, 1.0)) for t, n in counts.items() if n > 0]
    if max_terms is not None and len(weights) > max_terms:
        weights.sort(key=lambda tw: (-tw[1], tw[0]))
        weights = weights[:max_terms]
    norm = math.sqrt(sum(w * w for _, w in weights))
    return {t: w / norm for t, w in weights} if norm else {}


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


@dataclass
class _Corpus:
    """Articles prepared for comparison, sorted by (day, id), with their term, actor and dyad vectors;
    articles without a date are never compared."""

    articles: list[StoryArticle]
    days: list[int | None]
    text: list[Vector]
    actors: list[Vector]
    dyads: list[Vector]

    @classmethod
    def build(
        cls,
        articles: Sequence[StoryArticle],
        settings: _Settings,
        background: Sequence[StoryArticle] = (),
    ) -> _Corpus:
        """Vectors for ``articles``, with document frequencies over them and ``background``."""
        ordered = sorted(articles, key=lambda a: (_day(a.pub_date) or 0, a.id))
        counts = [_term_counts(a, settings.lead_chars) for a in ordered]
        extra = [_term_counts(a, settings.lead_chars) for a in background]
        idf = _idf([*counts, *extra])
        actor_idf = _idf([a.actors for a in [*ordered, *background]])
        dyad_idf = _idf([a.dyads for a in [*ordered, *background]])
        return cls(
            articles=ordered,
            days=[_day(a.pub_date) for a in ordered],
            text=[_weigh(c, idf, _MAX_TERMS) for c in counts],
            actors=[_weigh(dict.fromkeys(a.actors, 1), actor_idf, None) for a in ordered],
            dyads=[_weigh(dict.fromkeys(a.dyads, 1), dyad_idf, None) for a in ordered],
        )

    def similarity(self, i: int, j: int, text_cosine: float, settings: _Settings) -> float:
        """The boosted similarity of articles ``i`` and ``j`` given their text cosine."""
        sim = text_cosine
        if settings.actor_boost and self.actors[i] and self.actors[j]:
            sim += settings.actor_boost * _dot(self.actors[i], self.actors[j])
        if settings.dyad_boost and self.dyads[i] and self.dyads[j]:
            sim += settings.dyad_boost * _dot(self.dyads[i], self.dyads[j])
        return min(sim, 1.0)

    def edges(self, settings: _Settings, fresh: Sequence[bool] | None = None) -> dict[tuple[int, int], float]:
        """Similarity of every pair within the window whose similarity reaches the floor.

        With ``fresh``, only pairs with at least one fresh article are computed (stored stories are
        never compared with each other). An inverted index over terms, trimmed to the window as the scan
        moves forward in time, finds the pairs that share a term.
        """
        floor = settings.threshold * _EDGE_FLOOR
        reach = settings.actor_boost + settings.dyad_boost
        window = settings.window_days
        # term -> [(article, weight)] in time order, and where the part still inside the window starts
        every: dict[str, list[tuple[int, float]]] = defaultdict(list)
        fresh_only: dict[str, list[tuple[int, float]]] = defaultdict(list)
        every_start: dict[str, int] = defaultdict(int)
        fresh_start: dict[str, int] = defaultdict(int)
        out: dict[tuple[int, int], float] = {}
        for i, vec in enumerate(self.text):
            day = self.days[i]
            if day is None or not vec:
                continue
            is_fresh = fresh is None or fresh[i]
            # a fresh article meets every earlier one; a stored one only the earlier fresh ones
            index, start = (every, every_start) if is_fresh else (fresh_only, fresh_start)
            dots: dict[int, float] = defaultdict(float)
            for term, w in vec.items():
                plist = index.get(term)
                if not plist:
                    continue
                k = start[term]
                while k < len(plist) and (self.days[plist[k][0]] or 0) < day - window:
                    k += 1
                start[term] = k
                for j, wj in plist[k:]:
                    dots[j] += w * wj
            for j, cos in dots.items():
                if cos + reach < floor:
                    continue  # even the largest boosts could not lift it to the floor
                sim = self.similarity(j, i, cos, settings)
                if sim >= floor:
                    out[(j, i)] = sim
            for term, w in vec.items():
                every[term].append((i, w))
                if fresh is not None and is_fresh:
                    fresh_only[term].append((i, w))
        return out

    def central(self, members: Sequence[int]) -> int:
        """The member whose term vector is closest to the others' sum (earliest on a tie)."""
        if len(members) == 1:
            return members[0]
        total: dict[str, float] = defaultdict(float)
        for m in members:
            for t, w in self.text[m].items():
                total[t] += w
        best, best_score = members[0], -1.0
        for m in sorted(members):
            score = _dot(self.text[m], total)
            if score > best_score + 1e-12:
                best, best_score = m, score
        return best


# -- agglomeration ----------------------------------------------------------------------------------
def _agglomerate(
    n: int,
    edges: Mapping[tuple[int, int], float],
    threshold: float,
    groups: Sequence[tuple[Sequence[int], int]] = (),
) -> list[tuple[list[int], int | None]]:
    """Average-link clustering of items ``0..n-1`` over sparse similarities (missing pairs are 0).

    ``groups`` are stored stories: (member items, full size including members not among the items). Each
    starts as one cluster; two stored stories never merge. Returns (members, index of the stored group
    or None) per cluster, in order of first member.
    """
    members: dict[int, list[int]] = {}
    size: dict[int, int] = {}
    stored: dict[int, int | None] = {}
    of_item: list[int] = list(range(n))
    for i in range(n):
        members[i], size[i], stored[i] = [i], 1, None
    next_key = n
    for g, (items, full_size) in enumerate(groups):
        key = next_key
        next_key += 1
        for i in items:
            del members[i], size[i], stored[i]
            of_item[i] = key
        members[key], size[key], stored[key] = sorted(items), max(full_size, len(items)), g
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in edges.items():
        a, b = of_item[i], of_item[j]
        if a == b or (stored[a] is not None and stored[b] is not None):
            continue
        sums[a][b] = sums[a].get(b, 0.0) + s
        sums[b][a] = sums[b].get(a, 0.0) + s
    heap: list[tuple[float, int, int]] = []
    for a, nbrs in sums.items():
        for b, s in nbrs.items():
            if a < b and s / (size[a] * size[b]) >= threshold:
                heap.append((-s / (size[a] * size[b]), a, b))
    heapq.heapify(heap)
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # one side merged since this pair was pushed
        key = next_key
        next_key += 1
        members[key] = sorted(members.pop(a) + members.pop(b))
        size[key] = size.pop(a) + size.pop(b)
        sa, sb = stored.pop(a), stored.pop(b)
        stored[key] = sa if sa is not None else sb
        merged: dict[int, float] = {}
        for old in (a, b):
            for c, s in sums.pop(old, {}).items():
                if c in (a, b):
                    continue
                merged[c] = merged.get(c, 0.0) + s
                del sums[c][old]
        for c, s in sorted(merged.items()):
            if stored[key] is not None and stored[c] is not None:
                continue
            sums[key][c] = s
            sums[c][key] = s
            avg = s / (size[key] * size[c])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(key, c), max(key, c)))
    return sorted(((m, stored[k]) for k, m in members.items()), key=lambda x: x[0][0])


def _story(corpus: _Corpus, items: Sequence[int], sid: str | None = None) -> Story:
    arts = [corpus.articles[i] for i in items]
    ordered = sorted(arts, key=lambda a: (_day(a.pub_date) is None, a.pub_date or "", a.id))
    dates = sorted(a.pub_date[:10] for a in arts if a.pub_date and _day(a.pub_date) is not None)
    label_article = corpus.articles[corpus.central(items)]
    return Story(
        id=sid or story_id(ordered[0].id),
        label=_label(label_article),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        article_ids=[a.id for a in ordered],
    )


def _label(article: StoryArticle) -> str:
    if article.title and article.title.strip():
        return article.title.strip()
    first = article.text.strip().split("\n", 1)[0].strip()
    return first[:120] + ("…" if len(first) > 120 else "")


def cluster_articles(
    articles: Iterable[StoryArticle],
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
    actor_boost: float = DEFAULT_ACTOR_BOOST,
    dyad_boost: float = DEFAULT_DYAD_BOOST,
    lead_chars: int = DEFAULT_LEAD_CHARS,
) -> list[Story]:
    """Group ``articles`` into stories (every article in exactly one), earliest story first.

    A pure function: term weights come from these articles alone. Duplicate ids are kept once.
    """
    settings = _Settings(window_days, threshold, actor_boost, dyad_boost, lead_chars)
    unique = list({a.id: a for a in articles}.values())
    corpus = _Corpus.build(unique, settings)
    clusters = _agglomerate(len(corpus.articles), corpus.edges(settings), settings.threshold)
    stories = [_story(corpus, m) for m, _ in clusters]
    return sorted(stories, key=lambda s: (s.first_date is None, s.first_date or "", s.id))


def similarities(
    articles: Iterable[StoryArticle],
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
    actor_boost: float = DEFAULT_ACTOR_BOOST,
    dyad_boost: float = DEFAULT_DYAD_BOOST,
    lead_chars: int = DEFAULT_LEAD_CHARS,
) -> dict[tuple[str, str], float]:
    """The similarity :func:`cluster_articles` gives each pair it compares, keyed by (earlier id, later
    id): why two articles did or did not end up in one story. Pairs outside the window, or below the
    floor (a quarter of ``threshold``), are absent: they count as zero."""
    settings = _Settings(window_days, threshold, actor_boost, dyad_boost, lead_chars)
    corpus = _Corpus.build(list({a.id: a for a in articles}.values()), settings)
    ids = [a.id for a in corpus.articles]
    return {(ids[i], ids[j]): round(s, 6) for (i, j), s in sorted(corpus.edges(settings).items())}


# -- the store --------------------------------------------------------------------------------------
_ID_CHUNK = 500


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for k in range(0, len(ids), _ID_CHUNK):
        yield ids[k : k + _ID_CHUNK]


def _load_articles(
    store: Store, where: str, params: Sequence[Any], lead_chars: int, tail: str = ""
) -> list[StoryArticle]:
    """Processed articles matching ``where`` with their actors and dyads (``where`` is a constant SQL
    condition over ``articles a`` with ``?`` parameters; ``tail`` a constant ORDER BY/LIMIT clause)."""
    c = store.conn
    # The headline paragraph plus the lead: a margin over lead_chars keeps the last paragraph whole.
    rows = c.execute(
        "SELECT a.id, a.pub_date, a.title, substr(a.text, 1, ?) AS text, a.outlet FROM articles a"  # noqa: S608
        f" WHERE a.processed = 1 AND ({where}){tail}",
        [lead_chars * 2 + 400, *params],
    ).fetchall()
    ids = [r["id"] for r in rows]
    actors: dict[str, set[str]] = defaultdict(set)
    dyads: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for aid, actor_id, code in c.execute(
            f"SELECT article_id, actor_id, code FROM mentions WHERE article_id IN ({marks})"  # noqa: S608
            " AND (actor_id IS NOT NULL OR code IS NOT NULL)",
            list(chunk),
        ):
            actors[aid].add(actor_id or f"code:{code}")
        for aid, src, tgt in c.execute(
            f"SELECT article_id, source_code, target_code FROM events WHERE article_id IN ({marks})"  # noqa: S608
            " AND flagged = 0 AND source_code IS NOT NULL AND target_code IS NOT NULL"
            " AND source_code != target_code",
            list(chunk),
        ):
            dyads[aid].add("|".join(sorted((src, tgt))))
    return [
        StoryArticle(
            id=r["id"],
            pub_date=r["pub_date"],
            title=r["title"],
            text=r["text"] or "",
            outlet=r["outlet"],
            actors=frozenset(actors.get(r["id"], ())),
            dyads=frozenset(dyads.get(r["id"], ())),
        )
        for r in rows
    ]


def cluster_stories(
    store: Store,
    *,
    since: str | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
    actor_boost: float = DEFAULT_ACTOR_BOOST,
    dyad_boost: float = DEFAULT_DYAD_BOOST,
) -> list[Story]:
    """Cluster the store's analysed articles (published on or after ``since``) from scratch, writing
    nothing: what :func:`recluster_stories` would store. Stored stories are ignored."""
    settings = _Settings(window_days, threshold, actor_boost, dyad_boost)
    where, params = ("a.pub_date >= ?", [since]) if since else ("1", [])
    articles = _load_articles(store, where, params, settings.lead_chars)
    return cluster_articles(
        articles,
        window_days=window_days,
        threshold=threshold,
        actor_boost=actor_boost,
        dyad_boost=dyad_boost,
    )


def _shift(day: int, days: int) -> str:
    return (date.fromordinal(day) + timedelta(days=days)).isoformat()


def update_stories(
    store: Store,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
    actor_boost: float = DEFAULT_ACTOR_BOOST,
    dyad_boost: float = DEFAULT_DYAD_BOOST,
) -> StoryUpdate:
    """Place every analysed article that is in no story yet: it joins a stored story published around
    the same days when similar enough, or new stories are made. Stored stories keep their ids and never
    merge with each other; running it again with nothing new changes nothing. One transaction.

    Articles not yet analysed (``processed=0``) wait for a later run; so that actor and dyad boosts can
    apply, call this after the articles are analysed (at the end of ``ingest``).
    """
    settings = _Settings(window_days, threshold, actor_boost, dyad_boost)
    with store.transaction():
        return _update(store, settings)


def recluster_stories(
    store: Store,
    *,
    since: str | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
    actor_boost: float = DEFAULT_ACTOR_BOOST,
    dyad_boost: float = DEFAULT_DYAD_BOOST,
) -> StoryUpdate:
    """Drop the stored stories (with ``since``: those with an article published on or after it) and
    place their articles afresh as :func:`update_stories` does. One transaction."""
    settings = _Settings(window_days, threshold, actor_boost, dyad_boost)
    c = store.conn
    with store.transaction():
        if since:
            dropped = c.execute(
                "DELETE FROM stories WHERE id IN (SELECT sa.story_id FROM story_articles sa"
                " JOIN articles a ON a.id = sa.article_id WHERE a.pub_date >= ?)",
                (since,),
            ).rowcount
        else:
            c.execute("DELETE FROM story_articles")
            dropped = c.execute("DELETE FROM stories").rowcount
        summary = _update(store, settings)
    summary.dropped_stories += dropped
    return summary


def _update(store: Store, settings: _Settings) -> StoryUpdate:
    """The work of :func:`update_stories`, inside the caller's transaction."""
    summary = StoryUpdate()
    c = store.conn
    summary.dropped_stories = c.execute(
        "DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)"
    ).rowcount
    # The articles in no story: a walk over the narrow id index, each id looked up in the
    # story_articles(article_id) index (schema 4), rather than a scan of the articles table, whose rows
    # hold whole texts.
    fresh = _load_articles(
        store,
        "a.id IN (SELECT x.id FROM articles x"
        " WHERE NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article_id = x.id))",
        [],
        settings.lead_chars,
    )
    if not fresh:
        return summary
    days = [d for d in (_day(a.pub_date) for a in fresh) if d is not None]
    context: list[StoryArticle] = []
    background: list[StoryArticle] = []
    if days:
        # Every member of a stored story that has an article within the window of a new one (the stories
        # of the articles in the window found through the story_articles(article_id) index)...
        lo, hi = _shift(min(days), -settings.window_days), _shift(max(days), settings.window_days + 1)
        context = _load_articles(
            store,
            "a.id IN (SELECT sa.article_id FROM story_articles sa WHERE sa.story_id IN"
            " (SELECT sa2.story_id FROM story_articles sa2 JOIN articles b ON b.id = sa2.article_id"
            "  WHERE b.pub_date >= ? AND b.pub_date < ?))",
            [lo, hi],
            settings.lead_chars,
        )
        # ...and, for term weights only, the stored articles nearest in time before and after them: a
        # month's worth of new articles alone would make every word they share look rare.
        known = {a.id for a in context} | {a.id for a in fresh}
        end = _shift(max(days), 1)
        for where, tail in (
            ("a.pub_date < ?", f" ORDER BY a.pub_date DESC LIMIT {_BACKGROUND_CAP}"),
            ("a.pub_date >= ?", f" ORDER BY a.pub_date LIMIT {_BACKGROUND_CAP // 4}"),
        ):
            background += [
                a for a in _load_articles(store, where, [end], settings.lead_chars, tail) if a.id not in known
            ]
    corpus = _Corpus.build([*fresh, *context], settings, background)
    index = {a.id: i for i, a in enumerate(corpus.articles)}
    membership: dict[str, list[int]] = defaultdict(list)  # story id -> its members, by article id (index)
    for chunk in _chunks([a.id for a in context]):
        marks = ",".join("?" * len(chunk))
        for sid, aid in c.execute(
            f"SELECT story_id, article_id FROM story_articles WHERE article_id IN ({marks})",  # noqa: S608
            list(chunk),
        ):
            membership[sid].append(index[aid])
    story_ids = sorted(membership)
    groups = [(membership[sid], len(membership[sid])) for sid in story_ids]
    fresh_ids = {a.id for a in fresh}
    is_fresh = [a.id in fresh_ids for a in corpus.articles]
    edges = corpus.edges(settings, is_fresh)
    for items, g in _agglomerate(len(corpus.articles), edges, settings.threshold, groups):
        added = [i for i in items if is_fresh[i]]
        if not added:
            continue
        if g is None:
            story = _story(corpus, items)
            story.id = _free_story_id(store, story.id)
            summary.new_stories += 1
        else:
            story = _story(corpus, items, story_ids[g])
            summary.grown_stories += 1
        # an upsert, not INSERT OR REPLACE: replacing the row would cascade-delete its story_articles
        c.execute(
            "INSERT INTO stories(id, label, first_date, last_date) VALUES (?,?,?,?) ON CONFLICT(id) DO UPDATE"
            " SET label = excluded.label, first_date = excluded.first_date, last_date = excluded.last_date",
            (story.id, story.label, story.first_date, story.last_date),
        )
        c.executemany(
            "INSERT OR IGNORE INTO story_articles(story_id, article_id) VALUES (?,?)",
            [(story.id, corpus.articles[i].id) for i in added],
        )
        summary.assigned += len(added)
    return summary


def _free_story_id(store: Store, sid: str) -> str:
    """``sid``, or a salted variant when a stored story already has it (its earliest article was
    deleted and ingested again)."""
    candidate, n = sid, 1
    while store.conn.execute("SELECT 1 FROM stories WHERE id=?", (candidate,)).fetchone():
        candidate = hashlib.sha256(f"{sid}:{n}".encode()).hexdigest()[:16]
        n += 1
    return candidate


# -- reads ------------------------------------------------------------------------------------------
_STORY_COLS = (
    "s.id, s.label, s.first_date, s.last_date,"
    " (SELECT COUNT(*) FROM story_articles x WHERE x.story_id = s.id) AS n_articles"
)


def _story_articles(store: Store, sid: str) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.conn.execute(
            "SELECT a.id, a.pub_date, a.outlet, a.title,"
            " (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id AND e.flagged = 0) AS n_events"
            " FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?"
            " ORDER BY a.pub_date, a.id",
            (sid,),
        )
    ]


def _story_row(store: Store, row: Any) -> dict[str, Any]:
    articles = _story_articles(store, row["id"])
    return {
        "id": row["id"],
        "label": row["label"],
        "first_date": row["first_date"],
        "last_date": row["last_date"],
        "n_articles": len(articles),
        "n_outlets": len({a["outlet"] for a in articles if a["outlet"]}),
        "n_events": sum(a["n_events"] for a in articles),
        "articles": articles,
    }


def list_stories(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    min_articles: int = 1,
    limit: int | None = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Stored stories, latest first (then larger first), with their articles; and how many match.

    ``since``/``until`` keep stories whose date range overlaps them (``until`` is inclusive of every date
    starting with it). Each item: ``id, label, first_date, last_date, n_articles, n_outlets, n_events``
    (unflagged events) and ``articles`` (``id, pub_date, outlet, title, n_events`` in date order).
    """
    where = ["n_articles >= ?"]
    params: list[Any] = [max(1, int(min_articles))]
    if since:
        where.append("(last_date >= ? OR last_date IS NULL)")
        params.append(since)
    if until:
        where.append("(first_date < ? OR first_date IS NULL)")
        params.append(until + "~")  # '~' sorts after every date that starts with until
    base = f"SELECT * FROM (SELECT {_STORY_COLS} FROM stories s) WHERE {' AND '.join(where)}"  # noqa: S608
    c = store.conn
    total = int(c.execute(f"SELECT COUNT(*) FROM ({base})", params).fetchone()[0])  # noqa: S608
    page = " LIMIT ? OFFSET ?" if limit is not None and limit >= 0 else ""
    page_params = [int(limit), max(0, int(offset))] if page else []  # type: ignore[arg-type]
    rows = c.execute(
        base + " ORDER BY last_date IS NULL, last_date DESC, n_articles DESC, id" + page,
        [*params, *page_params],
    ).fetchall()
    return [_story_row(store, r) for r in rows], total


def get_story(store: Store, story: str) -> dict[str, Any] | None:
    """One story (id or unique id prefix) with its articles, its unflagged events counted by PLOVER type
    (``event_types``) and its most mentioned resolved actors (``actors``: ``name, code, mentions``)."""
    c = store.conn
    rows = c.execute(
        f"SELECT {_STORY_COLS} FROM stories s WHERE s.id = ? OR s.id LIKE ? ORDER BY s.id != ? LIMIT 2",  # noqa: S608
        (story, story.replace("%", "").replace("_", "") + "%", story),
    ).fetchall()
    if not rows or (len(rows) > 1 and rows[0]["id"] != story):
        return None
    out = _story_row(store, rows[0])
    sid = out["id"]
    out["event_types"] = dict(
        c.execute(
            "SELECT e.type, COUNT(*) FROM events e JOIN story_articles sa ON sa.article_id = e.article_id"
            " WHERE sa.story_id = ? AND e.flagged = 0 GROUP BY e.type ORDER BY 2 DESC, 1",
            (sid,),
        ).fetchall()
    )
    out["actors"] = [
        {"name": r[0], "code": r[1], "actor_id": r[2], "mentions": r[3]}
        for r in c.execute(
            "SELECT max(m.name), max(m.code), m.actor_id, COUNT(*) FROM mentions m"
            " JOIN story_articles sa ON sa.article_id = m.article_id"
            " WHERE sa.story_id = ? AND m.actor_id IS NOT NULL GROUP BY m.actor_id ORDER BY 4 DESC, 1 LIMIT 10",
            (sid,),
        )
    ]
    return out


__all__ = [
    "DEFAULT_THRESHOLD",
    "DEFAULT_WINDOW_DAYS",
    "Story",
    "StoryArticle",
    "StoryUpdate",
    "cluster_articles",
    "cluster_stories",
    "get_story",
    "lead",
    "list_stories",
    "news_stopwords",
    "recluster_stories",
    "similarities",
    "stem",
    "story_id",
    "terms",
    "update_stories",
]
