"""The ingest loop: read → store new articles (one transaction per batch) → parse and code → store results
(one transaction per batch).

Crash safety: an article is first committed with ``processed=0`` together with the input errors of its
batch; its analysis is committed later with ``processed=1``. A run killed at any moment leaves committed
articles in place (a re-run finds them by content hash and never adds them twice) and analysed-or-not as a
whole; the next run first finishes every ``processed=0`` article, so nothing is lost.

A pipeline that does not code (``ingest --no-code``) stores sentences and mentions but leaves
``processed=0``: the next coding run codes those articles, once, under their stored ids, whether or not
their inputs are given again. A run that does not code resumes only the articles not parsed at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest.readers import Entry, Item
from eventwire.pipeline import Pipeline
from eventwire.records import Article, ExtractResult
from eventwire.store.sqlite import Store


@dataclass
class IngestSummary:
    """What one ingest run did."""

    read: int = 0  # articles read from the inputs
    stored: int = 0  # new articles stored
    duplicates: int = 0  # articles already stored (same content hash) or repeated in this run
    errors: int = 0  # inputs set aside, each recorded in ingest_errors
    resumed: int = 0  # articles an earlier run stored but left uncoded (interrupted, --no-code), done now
    processed: int = 0  # articles parsed (and coded) in this run
    non_english: int = 0
    sentences: int = 0
    mentions: int = 0
    events: int = 0
    quotes: int = 0
    error_list: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        """The one-line human summary."""
        extra = f", {self.resumed} resumed" if self.resumed else ""
        lang = f", {self.non_english} non-English (not coded)" if self.non_english else ""
        return (
            f"stored {self.stored} articles ({self.duplicates} duplicates, {self.errors} errors{extra}{lang}): "
            f"{self.sentences} sentences, {self.mentions} mentions, {self.events} events, {self.quotes} quotes"
        )


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ingest(
    items: Iterable[Item],
    store: Store,
    pipeline: Pipeline,
    *,
    batch_size: int = 64,
    on_error: Callable[[InputError], None] | None = None,
    on_result: Callable[[ExtractResult], None] | None = None,
) -> IngestSummary:
    """Store and analyse every new article in ``items``; record every :class:`InputError`.

    Articles stored earlier but not yet coded are analysed first (with a pipeline that does not code:
    those not yet parsed). English articles count as processed only when ``pipeline.code`` is set.
    """
    summary = IngestSummary()
    batch_size = max(1, batch_size)
    seen: set[str] = set()

    def new_articles() -> Iterator[Article]:
        # Finish what an interrupted (or --no-code) run left behind before reading anything new.
        for article in list(store.unprocessed_articles(unparsed_only=not pipeline.code)):
            summary.resumed += 1
            seen.add(article.id)
            yield article
        for chunk in _chunks(items, batch_size):
            fresh: list[Article] = []
            with store.transaction():
                for item in chunk:
                    if isinstance(item, InputError):
                        summary.errors += 1
                        summary.error_list.append(
                            {"path": item.path, "line": item.line, "reason": item.reason}
                        )
                        store.record_error(item.path, item.reason, item.line)
                        if on_error:
                            on_error(item)
                        continue
                    article = item.article if isinstance(item, Entry) else item
                    summary.read += 1
                    if article.id in seen or not store.add_article(article):
                        summary.duplicates += 1
                        continue
                    seen.add(article.id)
                    summary.stored += 1
                    fresh.append(article)
            yield from fresh

    for results in _chunks(pipeline.process(new_articles()), batch_size):
        with store.transaction():
            for result in results:
                # The pipeline keeps each article's id and text (repair offsets are mapped back). Only English
                # is coded, so other languages are done either way.
                store.save_result(result, coded=pipeline.code or result.article.language != "en")
        for result in results:
            summary.processed += 1
            summary.non_english += result.article.language != "en"
            summary.sentences += len(result.sentences)
            summary.mentions += len(result.mentions)
            summary.events += len(result.events)
            summary.quotes += len(result.quotes)
            if on_result:
                on_result(result)
    return summary
