"""The NLP layer: loading the spaCy model and parsing text. Knows nothing of actors, events or quotes."""

from eventwire.nlp.model import load_model

__all__ = ["load_model"]
