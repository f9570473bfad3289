"""A spaCy component for people who already live in spaCy.

``nlp.add_pipe("eventwire")`` stores an :class:`~eventwire.records.ExtractResult` on ``doc._.eventwire``.
The article date comes from ``doc._.pub_date`` when set, else from the component's ``pub_date`` config.

>>> from eventwire.nlp import load_model
>>> nlp = load_model()
>>> _ = nlp.add_pipe("eventwire", config={"pub_date": "2022-02-02"})
>>> doc = nlp("Lavrov spoke with Blinken by phone.")
>>> doc._.eventwire.article.pub_date
'2022-02-02'
>>> nlp.remove_pipe("eventwire")[0]
'eventwire'
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("eventwire"):
    Doc.set_extension("eventwire", default=None)
if not Doc.has_extension("pub_date"):
    Doc.set_extension("pub_date", default=None)


class EventWireComponent:
    """Runs the EventWire coders on an already parsed ``Doc``."""

    def __init__(self, nlp: Language, pub_date: str | None = None) -> None:
        from eventwire.pipeline import Pipeline

        self.pub_date = pub_date
        # The host pipeline parses; ours only runs the coders over its docs (``analyse``), never ``nlp.pipe``.
        self.pipeline = Pipeline(nlp=nlp)
        self.pipeline._load()

    def __call__(self, doc: Doc) -> Doc:
        from eventwire.ingest.normalise import article_id, detect_language
        from eventwire.records import Article

        article = Article(
            id=article_id(doc.text),
            text=doc.text,
            pub_date=doc._.pub_date or self.pub_date,
            language=detect_language(doc.text),
        )
        doc._.eventwire = self.pipeline.analyse(article, doc)
        return doc


@Language.factory("eventwire", default_config={"pub_date": None})
def make_eventwire(nlp: Language, name: str, pub_date: str | None) -> EventWireComponent:
    return EventWireComponent(nlp, pub_date=pub_date)
