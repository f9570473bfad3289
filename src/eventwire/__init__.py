"""EventWire: who did what to whom, when and where, and who said what, from dated news articles.

>>> import eventwire
>>> result = eventwire.extract("Lavrov spoke with Blinken by phone on Tuesday.", pub_date="2022-02-02")
>>> result.article.pub_date
'2022-02-02'
"""

from eventwire.pipeline import Pipeline, extract
from eventwire.records import ActorRef, Article, Event, ExtractResult, Mention, Quote, Sentence

__version__ = "0.1.0"
__all__ = [
    "ActorRef", "Article", "Event", "ExtractResult", "Mention", "Pipeline", "Quote", "Sentence", "extract",
]  # fmt: skip
