"""The one core pipeline every interface calls: parse → actors → events and quotes.

Stages are plain functions over a parsed ``Doc`` so each can be tested alone:

* :func:`eventwire.actors.resolve_mentions` ``(doc, pub_date, kb) -> list[Mention]``
* :func:`eventwire.events.code_events` ``(doc, mentions, pub_date, lexicon) -> list[Event]``
* :func:`eventwire.geo.locate_events` ``(doc, events, pub_date)`` sets each event's place
* :func:`eventwire.quotes.extract_quotes` ``(doc, mentions) -> list[Quote]``

>>> pipe = Pipeline()
>>> result = pipe.extract("Lavrov met Blinken in Geneva on Friday.", pub_date="2022-01-23")
>>> [s.to_dict() for s in result.sentences]
[{'start': 0, 'end': 39}]
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.actors import KnowledgeBase, load_kb, resolve_mentions
from eventwire.events import Lexicon, code_events, load_lexicon
from eventwire.geo import load_gazetteer, locate_events
from eventwire.ingest.normalise import make_article
from eventwire.nlp import load_model
from eventwire.quotes import extract_quotes
from eventwire.records import Article, ExtractResult, Sentence

_T = TypeVar("_T")


@dataclass
class Pipeline:
    """Holds the loaded model, actor knowledge base and event lexicon; open it once per run.

    ``n_process`` > 1 parses with spaCy worker processes; the coders run in the calling process.
    A parse batch holds at most ``batch_size`` documents and, with one process, at most ``batch_words`` words:
    short texts parse about 10% faster in batches of 64 than of 16, while the parser's peak memory grows with
    the words in a batch (about 1.1 GiB for 64 full-length news articles, under 0.6 GiB for 10,000 words).
    """

    nlp: Language | None = None
    kb: KnowledgeBase | None = None
    lexicon: Lexicon | None = None
    n_process: int = 1
    batch_size: int = 64
    batch_words: int = 10_000  # n_process == 1 only: spaCy's worker processes take fixed-size batches
    code: bool = True  # False: parse and mentions only
    repair: bool = True  # split fused names before parsing (offsets are mapped back)
    _ready: bool = field(default=False, repr=False)

    def _load(self) -> None:
        if self._ready:
            return
        if self.nlp is None:
            self.nlp = load_model()
        if self.kb is None:
            self.kb = load_kb()
        if self.lexicon is None:
            self.lexicon = load_lexicon()
        load_gazetteer()
        self._ready = True

    def analyse(self, article: Article, doc: Doc) -> ExtractResult:
        """Run the coders over one parsed article (``doc`` is the parse of ``article.text``)."""
        assert self.kb is not None and self.lexicon is not None
        # The text that was parsed, without spaCy rebuilding it from the tokens (non-English parses "").
        last = doc[-1] if len(doc) else None
        parsed_len = last.idx + len(last.text_with_ws) if last is not None else 0
        text = article.text if len(article.text) == parsed_len else doc.text
        sentences = [
            Sentence(s.start_char, s.start_char + len(text[s.start_char : s.end_char].rstrip()))
            for s in doc.sents
        ]
        result = ExtractResult(article=article, sentences=sentences)
        if article.language != "en":
            return result
        result.mentions = resolve_mentions(doc, article.pub_date, self.kb)
        if self.code:
            result.events = code_events(doc, result.mentions, article.pub_date, self.lexicon)
            locate_events(doc, result.events, article.pub_date)
            result.quotes = extract_quotes(doc, result.mentions)
        return result

    def process(self, articles: Iterable[Article]) -> Iterator[ExtractResult]:
        """Parse and code a stream of articles in batches; yields results in input order.

        Fused names ("Putinaccused") are repaired before parsing; every offset in the result is mapped back,
        so results always point into the article's own text and the article keeps its id.
        """
        self._load()
        assert self.nlp is not None and self.kb is not None
        kb = self.kb

        def prepared() -> Iterator[tuple[str, tuple[Article, str]]]:
            for a in articles:
                text = kb.repair(a.text) if (self.repair and a.language == "en") else a.text
                yield (text if a.language == "en" else "", (a, text))

        nlp = self.nlp
        if self.n_process > 1:
            parsed = nlp.pipe(
                prepared(), as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
            )
        else:
            parsed = (
                pair
                for batch in _word_batches(prepared(), self.batch_size, self.batch_words)
                for pair in nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            )
        for doc, (article, parsed_text) in parsed:
            if parsed_text == article.text:
                yield self.analyse(article, doc)
            else:
                result = self.analyse(replace(article, text=parsed_text), doc)
                yield _map_back(result, article, parsed_text)

    def extract(self, text: str, pub_date: str | None = None, *, title: str | None = None) -> ExtractResult:
        """Normalise, parse and code one text."""
        article = make_article(text, pub_date=pub_date, title=title)
        return next(iter(self.process([article])))


def _word_batches(
    items: Iterable[tuple[str, _T]], max_docs: int, max_words: int
) -> Iterator[list[tuple[str, _T]]]:
    """Consecutive batches of ``(text, context)`` pairs with at most ``max_docs`` pairs and, unless one text is
    longer on its own, at most ``max_words`` words (counted as spaces + 1).

    >>> [len(b) for b in _word_batches([("a b c", 1), ("d e", 2), ("f", 3), ("g", 4)], 3, 5)]
    [2, 2]
    """
    batch: list[tuple[str, _T]] = []
    words = 0
    for item in items:
        n = item[0].count(" ") + 1
        if batch and (len(batch) >= max(1, max_docs) or words + n > max_words):
            yield batch
            batch, words = [], 0
        batch.append(item)
        words += n
    if batch:
        yield batch


def _map_back(result: ExtractResult, original: Article, repaired: str) -> ExtractResult:
    """Map the offsets of a result computed on ``repaired`` text (the original with spaces inserted)
    back onto the original text."""
    inserted: list[int] = []  # positions in the repaired text of characters the repair added
    i = 0
    for j, ch in enumerate(repaired):
        if i < len(original.text) and original.text[i] == ch:
            i += 1
        else:
            inserted.append(j)

    def at(offset: int) -> int:
        return offset - bisect_left(inserted, offset)

    def span(s: tuple[int, int]) -> tuple[int, int]:
        return (at(s[0]), at(s[1]))

    text = original.text
    for sent in result.sentences:
        sent.start, sent.end = at(sent.start), at(sent.end)
    for m in result.mentions:
        m.start, m.end = at(m.start), at(m.end)
        m.text = text[m.start : m.end]
    for e in result.events:
        e.sentence_span, e.trigger_span = span(e.sentence_span), span(e.trigger_span)
        e.source_spans = [span(s) for s in e.source_spans]
        e.target_spans = [span(s) for s in e.target_spans]
        e.trigger = text[e.trigger_span[0] : e.trigger_span[1]]
    for q in result.quotes:
        q.content_span = span(q.content_span)
        q.text = text[q.content_span[0] : q.content_span[1]]
        if q.speaker_span:
            q.speaker_span = span(q.speaker_span)
            q.speaker_text = text[q.speaker_span[0] : q.speaker_span[1]]
    result.article = original
    return result


_default: Pipeline | None = None


def extract(text: str, pub_date: str | None = None) -> ExtractResult:
    """Extract mentions, events and quotes from one text with a process-wide default pipeline.

    >>> r = extract("Russia accused NATO of ignoring its concerns.", pub_date="2022-02-02")
    >>> r.article.pub_date
    '2022-02-02'
    """
    global _default
    if _default is None:
        _default = Pipeline()
    return _default.extract(text, pub_date)
