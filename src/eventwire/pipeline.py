"""The one core pipeline every interface calls: parse → actors → events and quotes.

Stages are plain functions over a parsed ``Doc`` so each can be tested alone:

* :func:`eventwire.actors.resolve_mentions` ``(doc, pub_date, kb) -> list[Mention]``
* :func:`eventwire.events.code_events` ``(doc, mentions, pub_date, lexicon) -> list[Event]``
* :func:`eventwire.quotes.extract_quotes` ``(doc, mentions) -> list[Quote]``

>>> pipe = Pipeline()
>>> result = pipe.extract("Lavrov met Blinken in Geneva on Friday.", pub_date="2022-01-23")
>>> [s.to_dict() for s in result.sentences]
[{'start': 0, 'end': 39}]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.actors import KnowledgeBase, load_kb, resolve_mentions
from eventwire.events import Lexicon, code_events, load_lexicon
from eventwire.ingest.normalise import make_article
from eventwire.nlp import load_model
from eventwire.quotes import extract_quotes
from eventwire.records import Article, ExtractResult, Sentence


@dataclass
class Pipeline:
    """Holds the loaded model, actor knowledge base and event lexicon; open it once per run.

    ``n_process`` > 1 parses with spaCy worker processes; the coders run in the calling process.
    """

    nlp: Language | None = None
    kb: KnowledgeBase | None = None
    lexicon: Lexicon | None = None
    n_process: int = 1
    batch_size: int = 64
    code: bool = True  # False: parse and mentions only
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
        self._ready = True

    def analyse(self, article: Article, doc: Doc) -> ExtractResult:
        """Run the coders over one parsed article."""
        assert self.kb is not None and self.lexicon is not None
        sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
        result = ExtractResult(article=article, sentences=sentences)
        if article.language != "en":
            return result
        result.mentions = resolve_mentions(doc, article.pub_date, self.kb)
        if self.code:
            result.events = code_events(doc, result.mentions, article.pub_date, self.lexicon)
            result.quotes = extract_quotes(doc, result.mentions)
        return result

    def process(self, articles: Iterable[Article]) -> Iterator[ExtractResult]:
        """Parse and code a stream of articles in batches; yields results in input order."""
        self._load()
        assert self.nlp is not None
        kb = self.kb
        assert kb is not None
        # Repair fused names ("Putinaccused") before parsing; the repaired text gets its own id and offsets.
        repaired = (_repaired(a, kb) if a.language == "en" else a for a in articles)
        pairs = ((a.text if a.language == "en" else "", a) for a in repaired)
        for doc, article in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
        ):
            yield self.analyse(article, doc)

    def extract(self, text: str, pub_date: str | None = None, *, title: str | None = None) -> ExtractResult:
        """Normalise, parse and code one text."""
        article = make_article(text, pub_date=pub_date, title=title)
        return next(iter(self.process([article])))


def _repaired(article: Article, kb: KnowledgeBase) -> Article:
    text = kb.repair(article.text)
    if text == article.text:
        return article
    return make_article(text, pub_date=article.pub_date, title=article.title, url=article.url,
                        outlet=article.outlet, source_path=article.source_path)  # fmt: skip


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
