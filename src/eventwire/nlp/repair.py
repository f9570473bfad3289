"""Repair text damaged by bad extraction before it is parsed.

Scraped pages sometimes lose the space between a name and the next word ("Vladimir Putinaccused the ...").
The parser then sees one unknown word and both the name and the verb are lost. :func:`repair_fused_words`
splits such words when the head is a known name and the tail is a recognisable English word. It knows
nothing about actors: the caller passes the names in.

>>> lex = EnglishLexicon.from_model()
>>> repair_fused_words("Vladimir Putinaccused the alliance of lying.", {"Putin"}, lex)
'Vladimir Putin accused the alliance of lying.'
>>> repair_fused_words("Obamacare passed.", {"Obama"}, lex)
'Obamacare passed.'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from eventwire.nlp.model import load_model

# A capitalised word of at least six letters: the only shape a fused "Name+word" can take.
_CAPITALISED_WORD = re.compile(r"\b[A-Z][A-Za-z\u00c0-\u024f]*[a-z][A-Za-z\u00c0-\u024f]{4,}\b")
_MIN_NAME = 4  # shorter heads ("Li", "Wu") split too many ordinary words
_MIN_TAIL = 3  # "Putins" is a plural, not "Putin s"


@dataclass(frozen=True)
class EnglishLexicon:
    """English words as the spaCy lemmatizer knows them: base forms by part of speech, the rules that
    inflect them and the irregular forms. ``is_word("accused")`` is True because "ed" -> "e" gives the
    verb "accuse"."""

    index: dict[str, frozenset[str]]
    rules: dict[str, tuple[tuple[str, str], ...]]
    exceptions: dict[str, frozenset[str]]

    @classmethod
    def from_model(cls, nlp: Language | None = None) -> EnglishLexicon:
        """Read the lemmatizer tables of the (cached) spaCy model."""
        return _lexicon_from(nlp or load_model())

    def lemmas(self, word: str, pos: str) -> list[str]:
        """Base forms of ``word`` as part of speech ``pos`` (noun, verb, adj, adv) the tables allow."""
        w = word.lower()
        out = [w] if w in self.index.get(pos, ()) else []
        if w in self.exceptions.get(pos, ()):
            out.append(w)
        for old, new in self.rules.get(pos, ()):
            if w.endswith(old) and old:
                form = w[: len(w) - len(old)] + new
                if form in self.index.get(pos, ()):
                    out.append(form)
        return out

    def is_word(self, word: str) -> bool:
        """True when ``word`` is an English word the lemmatizer recognises (any part of speech) or a
        stop word."""
        w = word.lower()
        if w in STOP_WORDS:
            return True
        return any(self.lemmas(w, pos) for pos in ("verb", "noun", "adj", "adv"))

    def is_inflected_verb(self, word: str) -> bool:
        """True for a verb form with an inflection ("accused", "says", "warning") or an irregular one
        ("told")."""
        w = word.lower()
        if w in self.exceptions.get("verb", ()):
            return True
        if w in self.index.get("verb", ()) and not w.endswith(("ed", "s", "ing")):
            return False
        return bool(self.lemmas(w, "verb")) and w.endswith(("ed", "s", "ing"))


@lru_cache(maxsize=2)
def _lexicon_from(nlp: Language) -> EnglishLexicon:
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    strings = nlp.vocab.strings
    pos_names = ("noun", "verb", "adj", "adv")

    def table(name: str) -> dict[str, object]:
        t = lookups.get_table(name)
        return {p: t[p] for p in pos_names if p in t or strings[p] in t}

    index = {p: frozenset(v) for p, v in table("lemma_index").items()}  # type: ignore[call-overload]
    rules = {p: tuple((a, b) for a, b in v) for p, v in table("lemma_rules").items()}  # type: ignore[attr-defined]
    exc = {p: frozenset(v) for p, v in table("lemma_exc").items()}  # type: ignore[call-overload]
    return EnglishLexicon(index=index, rules=rules, exceptions=exc)


def _split_point(word: str, names: frozenset[str], lexicon: EnglishLexicon) -> int:
    """Index where ``word`` splits into a known name and an English word, or 0 when it does not."""
    for cut in range(len(word) - _MIN_TAIL, _MIN_NAME - 1, -1):
        head, tail = word[:cut], word[cut:]
        if head not in names or not tail.islower():
            continue
        if word in names or lexicon.is_word(word):
            return 0
        # Conservative: the tail must be a function word or an inflected verb ("accused", "said", "told"),
        # so brand-like compounds with a bare noun or verb ("Obamacare") stay whole.
        if (tail in STOP_WORDS and len(tail) >= 2) or lexicon.is_inflected_verb(tail):
            return cut
    return 0


def _surnames(known_names: Iterable[str]) -> frozenset[str]:
    """The last word of each known name, where it is long enough to be a split head."""
    return frozenset(n.split()[-1] for n in known_names if n and len(n.split()[-1]) >= _MIN_NAME)


_surnames_once = lru_cache(maxsize=8)(_surnames)


def repair_fused_words(text: str, known_names: Iterable[str], lexicon: EnglishLexicon | None = None) -> str:
    """Insert the missing space in words where a known capitalised name is glued to a lowercase English
    word ("Putinaccused" -> "Putin accused"). Everything else is left exactly as it was.

    ``known_names`` are single capitalised words (surnames, one-word names); longer names are reduced to
    their last word.
    """
    # The knowledge base passes the same frozenset for every article: reduce it to surnames once.
    names = _surnames_once(known_names) if isinstance(known_names, frozenset) else _surnames(known_names)
    if not names:
        return text
    lex = lexicon or EnglishLexicon.from_model()
    pieces: list[str] = []
    last = 0
    for m in _CAPITALISED_WORD.finditer(text):
        cut = _split_point(m.group(), names, lex)
        if cut:
            pieces.append(text[last : m.start() + cut])
            pieces.append(" ")
            last = m.start() + cut
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)
