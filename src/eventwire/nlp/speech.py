"""Reported-speech analysis over a parsed ``Doc``: who says what, through which cue.

A :class:`SpeechFrame` ties a speech cue ("said", "according to", "in a statement") to the speaker phrase and
the reported content, all as character spans into the text. The quote extractor builds quotes from frames;
the event coder uses them to give verbal events inside reported speech to the speaker
(:func:`frame_containing`). The cue lexicon is data: ``eventwire/data/speech/cues.tsv``.

Constructions handled (each named in ``SpeechFrame.rule``):

* ``complement``: "Putin said (that) Moscow is open to talks", "he told reporters that ...",
  "she promised to resign", "Clinton called her vote a mistake", "they called for sanctions";
  also sentence-final "..., the ministry said." where the parser makes the content the cue's complement.
* ``object``: "Russia denied any threat to Ukraine" (cues whose direct object is the content).
* ``parenthetical``: "Perhaps, he said, it could help" (the cue is a parenthesis inside the content clause).
* ``according-to``: "According to the ministry, the troops left." / "..., according to officials."
* ``in-noun``: "In a statement, the Kremlin accused NATO ..." (a speech noun frames a non-speech verb).
* ``noun-complement``: "Moscow's claim that ...", "a Reuters report that ..." (speech noun + that-clause).

Repairs for common parser slips: a that-clause hung on the addressee ("told a meeting of leaders that ..."),
a subject taken from inside a quotation ("“... we will win,” Chief Jordan said"), a bracketed party tag
read as the subject ("Rep. Jane Doe (D-Md.) said"), a fronted subordinate clause that belongs to the content
("When the ports reopen, the minister said, exports will resume"), a sentence-final attribution parsed as a
conjunct of the main clause ("..., the commander, Colonel X, told Wire by phone": rule ``postposed``), a
subject inherited through a conjunction past a quotation in the first conjunct ("blamed 'provocations' by
the army and said ..." is the blamer's). Content never crosses a line break.
Headline-style coordination is not reported speech: a clause before the speaker is no content when a
semicolon separates it from the attribution or the cue has a noun object of its own ("Farmers block roads;
minister promises subsidies", "Dockers strike, union vows walkout").
Not speech: negated cues, infinitives under non-speech verbs ("plans to announce", "declined to say"),
naming participles ("a stream called Miracle Run"), "goes without saying".

Stable API (used by the quote extractor and open to the event coder): :class:`SpeechFrame`,
:func:`find_speech_frames`, :func:`frame_containing`, :func:`load_speech_lexicon`, :func:`trim_span`.

Speakers: the cue's subject, found through conjunctions ("denied ... and said"), participles
("..., saying that ...") and relative clauses; a speech noun as subject defers to its possessor
("the ministry's statement said" → "the ministry"); a role noun defers to its appositive name ("the
commander, Colonel X, said" → X); "Tass quoted X as saying" → X. Negated cues ("did not say") make no frame.
A frame whose speaker is a news agency (``data/speech/news_agencies.tsv``) and whose cue can relay ("reported",
"according to") is marked ``relay``: speech reported inside it belongs to its own speaker.

>>> from eventwire.nlp import load_model
>>> doc = load_model()("Lavrov said Moscow would continue to seek guarantees.")
>>> frame = find_speech_frames(doc)[0]
>>> frame.cue_text, doc.text[slice(*frame.speaker)], doc.text[slice(*frame.content)]
('said', 'Lavrov', 'Moscow would continue to seek guarantees')
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span, Token

CharSpan = tuple[int, int]

_CUES_RESOURCE = "data/speech/cues.tsv"
_AGENCIES_RESOURCE = "data/speech/news_agencies.tsv"
_AGENCY_WORDS = frozenset({"agency", "agencies", "wire"})
_NEGATORS = frozenset({"not", "n't", "never", "no"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Relations through which a cue inherits the subject of the verb it hangs from: "denied X and said Y",
# "..., saying that ...", "was quoted as saying", "went on to say".
_INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "acl"})
# Verbs through which an infinitival cue still reports an act of saying ("went on to say").
_RAISING_HEADS = frozenset({"go", "continue", "begin", "start", "proceed", "be", "appear", "seem"})
# Verbs that relay another's words through "X as saying" ("quoted the minister as saying", "cited ...").
_QUOTING = frozenset({"quote", "cite"})
# Complements that give a cue its own reported content or theme (not an adverbial or an addressee).
_OWN_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "oprd"})
_THEME_OBJECTS = frozenset({"dobj", "oprd"})
_TRIM_CHARS = " \t\n\r\u00a0,;:.-\u2014\u2013"
_QUOTE_CHARS = "\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb"


@dataclass(frozen=True, slots=True)
class SpeechCue:
    """One lexicon entry: a cue lemma or phrase, its type and the relations carrying its content."""

    cue: str
    type: str  # verb | noun | phrase
    content: tuple[str, ...]
    basis: str
    addressee: bool = False  # a direct object is the person addressed ("told reporters", "urged Iran")
    relay: bool = False  # the speaker may only pass on another's words ("Tass reported", "according to")


@dataclass(frozen=True)
class SpeechLexicon:
    """The speech-cue lexicon, indexed for lookup by lemma."""

    verbs: dict[str, SpeechCue] = field(default_factory=dict)
    nouns: dict[str, SpeechCue] = field(default_factory=dict)
    phrases: dict[str, SpeechCue] = field(default_factory=dict)

    def verb(self, token: Token) -> SpeechCue | None:
        """The verb cue for ``token`` (a verb whose lemma is listed), or None."""
        if token.pos_ not in ("VERB", "AUX") and token.tag_[:2] != "VB":
            return None
        return self.verbs.get(token.lemma_.lower()) or self.verbs.get(token.text.lower())

    def __len__(self) -> int:
        return len(self.verbs) + len(self.nouns) + len(self.phrases)


@dataclass(slots=True)
class SpeechFrame:
    """A speech act found in the parse: cue, speaker phrase and reported content (character spans).

    ``cue_token`` and ``speaker_head`` are token indices into the Doc (``speaker_head`` is the syntactic head
    of the speaker phrase: resolve the speaker through the mention covering it). ``content`` is trimmed of
    surrounding punctuation and whitespace but keeps quotation marks; ``None`` when the cue has no content
    in its own sentence (the content may be a quotation next to it: "“...,” he said.").
    ``depth`` is 0 for a frame not inside another frame's content, 1 for a frame nested in one, etc.
    ``content_dep`` names the relation that carried the content ("ccomp", "oprd", "xcomp", "dobj",
    "prep:for", ...; see :func:`_content_relation`), so a consumer can tell "vowed that ..." from "vowed to
    ..."; None for content found by a repair (parenthetical, stray that-clause, postposed attribution). ``relay`` is
    True for a cue that may only pass on someone else's words (a news agency's "reported", "according to").
    """

    cue: CharSpan
    cue_text: str
    cue_lemma: str
    cue_token: int
    speaker: CharSpan | None
    speaker_head: int | None
    content: CharSpan | None
    sentence: CharSpan
    rule: str
    depth: int = 0
    content_dep: str | None = None
    relay: bool = False

    def covers(self, start: int, end: int | None = None) -> bool:
        """True when the character range [start, end) lies inside this frame's content."""
        if self.content is None:
            return False
        end = start + 1 if end is None else end
        return self.content[0] <= start and end <= self.content[1]


def load_speech_lexicon(path: str | Path | None = None) -> SpeechLexicon:
    """Read a cue TSV (default: the packaged ``data/speech/cues.tsv``); ``#`` lines are comments."""
    if path is None:
        return _default_lexicon()
    return _parse_lexicon(Path(path).read_text(encoding="utf-8").splitlines())


@lru_cache(maxsize=1)
def _default_lexicon() -> SpeechLexicon:
    text = resources.files("eventwire").joinpath(_CUES_RESOURCE).read_text(encoding="utf-8")
    return _parse_lexicon(text.splitlines())


@lru_cache(maxsize=1)
def _news_agencies() -> frozenset[str]:
    text = resources.files("eventwire").joinpath(_AGENCIES_RESOURCE).read_text(encoding="utf-8")
    rows = csv.DictReader(
        (ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), delimiter="\t"
    )
    return frozenset(r["name"].strip() for r in rows)


def names_news_agency(phrase: str) -> bool:
    """True when a speaker phrase names a news agency ("the state news agency Belta", "Xinhua", "AFP").

    >>> names_news_agency("the state news agency"), names_news_agency("Tass"), names_news_agency("police")
    (True, True, False)
    """
    words = phrase.replace("'s", " ").replace("\u2019s", " ").split()
    if any(w.lower().strip(",.") in _AGENCY_WORDS for w in words):
        return True
    agencies = _news_agencies()
    cleaned = " ".join(w.strip(",.()") for w in words)
    return any(w.strip(",.()") in agencies for w in words) or any(
        " " in a and f" {a} " in f" {cleaned} " for a in agencies
    )


def _parse_lexicon(lines: Iterable[str]) -> SpeechLexicon:
    rows = csv.DictReader((ln for ln in lines if ln.strip() and not ln.startswith("#")), delimiter="\t")
    lex = SpeechLexicon()
    for row in rows:
        relations = tuple(r for r in (row.get("content") or "").split(";") if r)
        entry = SpeechCue(
            row["cue"].strip().lower(),
            row["type"].strip(),
            relations,
            row.get("basis") or "",
            addressee=(row.get("addressee") or "").strip() == "yes",
            relay=(row.get("relay") or "").strip() == "yes",
        )
        table = {"verb": lex.verbs, "noun": lex.nouns, "phrase": lex.phrases}.get(entry.type)
        if table is None:
            raise ValueError(f"speech cue {entry.cue!r}: unknown type {entry.type!r}")
        table[entry.cue] = entry
    return lex


# -- spans ----------------------------------------------------------------------------------------------


def trim_span(text: str, start: int, end: int, *, quotes: bool = False) -> CharSpan:
    """Shrink [start, end) past whitespace and edge punctuation (and quotation marks when ``quotes``)."""
    strip = _TRIM_CHARS + (_QUOTE_CHARS if quotes else "")
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def _subtree_span(token: Token) -> tuple[int, int]:
    """Token index range [left, right] of a token's subtree."""
    return token.left_edge.i, token.right_edge.i


def _chars(text: str, doc: Doc, lo: int, hi: int) -> CharSpan:
    """Character span of tokens lo..hi inclusive, trimmed (``text`` is ``doc.text``, built once)."""
    return trim_span(text, doc[lo].idx, doc[hi].idx + len(doc[hi].text))


def _is_negated(token: Token) -> bool:
    """ "did not say", "never said": a negator before the cue with no punctuation between them (a "not"
    closing a quotation, '"Probably not," she said', negates nothing)."""
    doc = token.doc
    for c in token.children:
        negator = c.i < token.i and (c.dep_ == "neg" or c.lower_ in _NEGATORS)
        if negator and not any(t.is_punct for t in doc[c.i + 1 : token.i]):
            return True
    return False


# -- speakers -------------------------------------------------------------------------------------------


def _subject(token: Token) -> Token | None:
    """The subject of ``token``, inherited through conjunctions, participles and relative clauses."""
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ in _SUBJECT_DEPS:
                return child
        if current.dep_ == "agent":
            return None
        if current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return current.head
        if current.dep_ == "pcomp" and current.head.lower_ == "as" and current.head.head.lemma_ in _QUOTING:
            # "Tass quoted the minister as saying ...": the quoted person speaks, the quoting outlet relays.
            quoted = next((c for c in current.head.head.children if c.dep_ in ("dobj", "obj")), None)
            if quoted is not None:
                return quoted
        if current.dep_ == "xcomp":
            # Object control: "urged the envoy to say ..." → the envoy speaks.
            controller = next((c for c in current.head.children if c.dep_ in ("dobj", "obj")), None)
            if controller is not None:
                return controller
        if current.dep_ in _INHERIT_DEPS and current.head is not current:
            current = current.head
            continue
        return None
    return None


def _agent(token: Token) -> Token | None:
    """The ``by``-agent of a passive cue ("it was announced by the ministry")."""
    for child in token.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _speaker_phrase(subject: Token, lex: SpeechLexicon) -> tuple[Token, int, int]:
    """(head, left, right) of the speaker phrase; a speech noun defers to its possessor."""
    head = subject
    if subject.lemma_.lower() in lex.nouns or subject.lower_ in lex.nouns:
        for child in subject.children:
            if child.dep_ == "poss":
                head = child
                break
    if subject.pos_ == "NOUN":
        # "the commander, Colonel Ivan Petrov, said": the appositive name says who the role noun is.
        name = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if name is not None:
            head = name
    lo, hi = _subtree_span(subject)
    doc = subject.doc
    for child in subject.children:
        if child.dep_ == "relcl" and child.i > subject.i:
            # "spokesman John Kirby, who called on Iran to ...": the speaker is the name, not its clause
            cut = child.left_edge.i - 1
            while cut > subject.i and (doc[cut].is_punct or doc[cut].is_space):
                cut -= 1
            hi = min(hi, cut)
    if lo >= 2 and doc[lo - 1].text == "(":
        # "Rep. Jane Doe (D-Md.) said": the parser may take the bracketed party tag for the subject.
        j = lo - 2
        while j >= 0 and (doc[j].pos_ == "PROPN" or doc[j].text == "."):
            j -= 1
        if j < lo - 2:
            head, lo = doc[lo - 2], j + 1
            hi = max(hi, next((t.i for t in doc[hi : hi + 3] if t.text == ")"), hi))
    return head, lo, hi


# -- content --------------------------------------------------------------------------------------------


def _content_children(token: Token, relations: Sequence[str]) -> list[Token]:
    found: list[Token] = []
    for child in token.children:
        for rel in relations:
            if rel.startswith("prep:"):
                if child.dep_ in ("prep", "agent") and child.lower_ == rel[5:]:
                    found.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
                elif child.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ == rel[5:] for m in child.children
                ):
                    found.append(child)  # "called for the nominee to be taken ...": "for" read as a marker
            elif child.dep_ == rel:
                found.append(child)
    # "called her vote a mistake": the object belongs with the predicate complement.
    if any(c.dep_ == "oprd" for c in found) or (
        "prep:as" in relations and any(c.head.lower_ == "as" for c in found)
    ):
        found.extend(c for c in token.children if c.dep_ == "dobj")
    # "mentioned his remarks as examples of ...": an object's "as" phrase belongs to the content.
    if any(c.dep_ == "dobj" for c in found):
        found.extend(c for c in token.children if c.dep_ == "prep" and c.lower_ == "as" and c not in found)
    return found


def _fronted_clause(
    doc: Doc, tok: Token, subject: Token, sent: Span, content: tuple[int, int]
) -> tuple[int, int]:
    """ "When she hires, she said she ensures ...": a subordinate clause opening the sentence before the
    speaker belongs to the reported content (the speaker and cue then sit inside the content span)."""
    s_lo = subject.left_edge.i
    for child in tok.children:
        finite = any(c.dep_ in _SUBJECT_DEPS for c in child.children)  # not "Speaking in Brussels, ..."
        if (
            child.dep_ == "advcl"
            and finite
            and child.right_edge.i < s_lo
            and child.left_edge.i <= sent.start + 1
        ):
            return child.left_edge.i, content[1]
    return content


def _hull(doc: Doc, tokens: Sequence[Token]) -> tuple[int, int]:
    lo = min(t.left_edge.i for t in tokens)
    hi = max(t.right_edge.i for t in tokens)
    return lo, hi


def _minus(lo: int, hi: int, cut_lo: int, cut_hi: int) -> tuple[int, int] | None:
    """Token range [lo, hi] without the [cut_lo, cut_hi] range at one of its edges (larger side)."""
    left = (lo, cut_lo - 1) if cut_lo > lo else None
    right = (cut_hi + 1, hi) if cut_hi < hi else None
    if left and right:
        return left if left[1] - left[0] >= right[1] - right[0] else right
    return left or right


# -- frames ---------------------------------------------------------------------------------------------


def _is_quote_mark(token: Token) -> bool:
    return token.tag_ in ("``", "''") or (token.is_punct and all(ch in _QUOTE_CHARS for ch in token.text))


def _outside_quote_speaker(doc: Doc, tok: Token, subject: Token | None, sent: Span) -> Token | None:
    """Repair a subject the parser took from inside a quotation ("“... We will win,” Chief Jordan said").

    A speaker is never separated from its cue by a quotation mark: when it is, the speaker is the nominal
    between the closing mark and the cue ("Chief Jordan"), or the one right after the cue ("said Jordan").
    """
    if subject is None:
        if (
            tok.i > sent.start
            and _is_quote_mark(doc[tok.i - 1])
            or (tok.i > sent.start + 1 and doc[tok.i - 1].is_punct and _is_quote_mark(doc[tok.i - 2]))
        ):
            return _nominal_after(doc, tok, sent)  # "“Free them!” shouted the protesters"
        return None
    lo, hi = sorted((subject.i, tok.i))
    if not any(_is_quote_mark(t) for t in doc[lo:hi]):
        return subject
    opened = sum(1 for t in doc[sent.start : subject.i] if _is_quote_mark(t)) % 2 == 1
    if tok.dep_ == "conj" and subject.head.i != tok.i and subject.i < tok.head.i and not opened:
        # "The ministry blamed 'provocations' by the army and said ...": the subject, outside any quotation,
        # comes through the first conjunct, whose own quotation lies between it and the cue.
        return subject
    if subject.i < tok.i:
        between = [t for t in doc[lo : tok.i] if not t.is_punct and not t.is_space]
        marks = [t.i for t in doc[lo : tok.i] if _is_quote_mark(t)]
        between = [t for t in between if t.i > marks[-1]]
        nominals = [t for t in between if t.pos_ in ("NOUN", "PROPN", "PRON")]
        if nominals:
            return nominals[-1]
    return _nominal_after(doc, tok, sent)


def _nominal_after(doc: Doc, tok: Token, sent: Span) -> Token | None:
    """The head of the noun phrase right after an inverted cue ("said the mayor of the town")."""
    for t in doc[tok.i + 1 : sent.end]:
        if t.is_punct or _is_quote_mark(t) or t.pos_ in ("VERB", "AUX", "ADP", "SCONJ"):
            break
        if (
            t.pos_ in ("NOUN", "PROPN")
            and t.head.i != t.i
            and t.head.i > t.i
            and t.head.pos_ in ("NOUN", "PROPN")
        ):
            continue  # a compound or modifier: the head comes later
        if t.pos_ in ("NOUN", "PROPN", "PRON"):
            return t
    return None


def _verb_frame(
    text: str, doc: Doc, tok: Token, cue: SpeechCue, lex: SpeechLexicon, sent: Span
) -> SpeechFrame | None:
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return (
            None  # "a mountain stream called Miracle Run", "the plan, announced in May,": naming, no speaker
        )
    if tok.dep_ == "pcomp" and tok.head.lower_ == "without":
        return None  # "it goes without saying"
    infinitive = tok.tag_ == "VB" or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if (
        tok.dep_ == "xcomp"
        and infinitive
        and tok.head.lemma_.lower() not in _RAISING_HEADS
        and lex.verb(tok.head) is None
    ):
        return None  # "plans to announce", "declined to say", "requires them to disclose": no speech act
    subject = _outside_quote_speaker(doc, tok, _subject(tok), sent) or _agent(tok)
    # "pointed out that ...": the particle joins the cue.
    cue_end = tok.i
    for child in tok.children:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            cue_end = child.i
    relations = cue.content
    kids = _content_children(tok, relations)
    if subject is not None:
        kids = [k for k in kids if not (k.left_edge.i <= subject.i <= k.right_edge.i)]
        kids = _without_coordinated_clause(doc, tok, cue, subject, kids)
    rule = "complement"
    content: tuple[int, int] | None = None
    stray = None if kids or "ccomp" not in relations else _stray_that_clause(doc, tok, sent)
    postposed = (
        None
        if kids or stray is not None or "ccomp" not in relations
        else _postposed_conj(doc, tok, cue, subject)
    )
    if postposed is not None:
        content, rule = postposed, "postposed"
    elif kids:
        content = _hull(doc, kids)
        if any(k.dep_ == "dobj" for k in kids) and not any(
            k.dep_ in ("ccomp", "oprd", "xcomp") for k in kids
        ):
            rule = "object"
        elif subject is not None and content[0] > tok.i:
            content = _fronted_clause(doc, tok, subject, sent, content)
    elif stray is not None:
        content = stray
    elif (
        tok.dep_ in ("parataxis", "ccomp", "advcl")
        and tok.head.i != tok.i
        and tok.head.pos_ in ("VERB", "AUX")
    ):
        # "Perhaps, he said, it could help": a parenthetical cue inside its content clause, set off by commas.
        has_own_args = any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in tok.children)
        commas = any(
            t.text in (",", "\u2014", "-", "--") for t in doc[max(sent.start, tok.left_edge.i - 1) : tok.i]
        )
        if subject is not None and not has_own_args and (tok.dep_ == "parataxis" or commas):
            head = tok.head
            lo, hi = _subtree_span(head)
            # The attribution itself is the subject and the cue (a fronted clause hung on the cue is content).
            own_lo = min(subject.left_edge.i, tok.i)
            own_hi = max(c.right_edge.i for c in [tok, *(c for c in tok.children if c.i > tok.i)])
            content = (lo, hi) if lo < own_lo and own_hi < hi else _minus(lo, hi, own_lo, own_hi)
            rule = "parenthetical"
    if subject is None and content is None:
        return None
    speaker: CharSpan | None = None
    speaker_head: int | None = None
    if subject is not None:
        head, s_lo, s_hi = _speaker_phrase(subject, lex)
        if content is not None and content[0] <= s_lo and s_hi <= content[1] and rule != "parenthetical":
            # The "subject" sits inside the content (a parse error): keep the head only.
            s_lo = s_hi = subject.i
        speaker, speaker_head = _chars(text, doc, s_lo, s_hi), head.i
    content_chars = _chars(text, doc, *content) if content is not None else None
    if content_chars is not None and content_chars[0] >= content_chars[1]:
        content_chars = None
    return SpeechFrame(
        cue=(tok.idx, doc[cue_end].idx + len(doc[cue_end].text)),
        cue_text=doc[tok.i : cue_end + 1].text,
        cue_lemma=cue.cue,
        cue_token=tok.i,
        speaker=speaker,
        speaker_head=speaker_head,
        content=content_chars,
        sentence=(sent.start_char, sent.end_char),
        rule=rule,
        content_dep=_content_relation(kids) if content is not None and kids else None,
        relay=cue.relay and speaker is not None and names_news_agency(text[slice(*speaker)]),
    )


def _content_relation(kids: Sequence[Token]) -> str:
    """The relation that shapes the content: a clause ("said that ..."), a predicate ("called it a
    mistake"), an infinitive ("urged them to go", "called on them to go"), else the first one in the text."""
    relations = [_relation_of(k) for k in sorted(kids, key=lambda k: k.i)]
    return next((r for r in ("ccomp", "oprd", "xcomp") if r in relations), relations[0])


def _relation_of(kid: Token) -> str:
    """The lexicon relation that matched a content child: its dep, or "prep:X" for a prepositional object."""
    if kid.dep_ in ("pobj", "pcomp") and kid.head.dep_ in ("prep", "agent"):
        return f"prep:{kid.head.lower_}"
    if kid.dep_ == "advcl":
        marker = next((m.lower_ for m in kid.children if m.dep_ == "mark"), None)
        return f"prep:{marker}" if marker else kid.dep_
    return kid.dep_


def _has_own_complement(tok: Token, cue: SpeechCue, deps: frozenset[str] = _OWN_COMPLEMENTS) -> bool:
    """True when the cue takes an object or clause (``deps``) after it ("vows revenge", "says he will go");
    an addressee ("told reporters") does not count."""
    return any(
        c.i > tok.i and c.dep_ in deps and not (c.dep_ == "dobj" and cue.addressee) for c in tok.children
    )


def _without_coordinated_clause(
    doc: Doc, tok: Token, cue: SpeechCue, subject: Token, kids: list[Token]
) -> list[Token]:
    """Drop a clause before the speaker that is coordinated with the attribution, not reported by it.

    "The troops left, the ministry said." reports the fronted clause. Headline style coordinates instead:
    "Farmers block roads; minister promises subsidies", "Port workers strike, union vows long walkout". A
    fronted clause is not content when a semicolon separates it from the attribution, or when the cue has a
    noun object of its own (not an addressee). A clause after the cue does not decide it: '"A," she wrote,
    "B."' is often parsed as two clauses of the cue, both reported.
    """
    s_lo = min(subject.left_edge.i, tok.i)
    fronted = [k for k in kids if k.dep_ == "ccomp" and k.right_edge.i < s_lo]
    if not fronted:
        return kids
    theme = _has_own_complement(tok, cue, _THEME_OBJECTS)
    dropped = {k.i for k in fronted if theme or any(t.text == ";" for t in doc[k.right_edge.i + 1 : s_lo])}
    return [k for k in kids if k.i not in dropped]


def _postposed_conj(doc: Doc, tok: Token, cue: SpeechCue, subject: Token | None) -> tuple[int, int] | None:
    """ "The troops pushed the rebels back, the commander, Colonel X, told Wire by phone.": a sentence-final
    attribution the parser joined to the main clause as a conjunct (with no "and"). The content is the
    clause before the speaker's comma."""
    if tok.dep_ != "conj" or subject is None or subject.head.i != tok.i or subject.i < tok.head.i:
        return None
    if _has_own_complement(tok, cue) or any(c.dep_ == "cc" for c in tok.head.children if c.i < tok.i):
        return None
    s_lo = subject.left_edge.i
    if s_lo < 1 or doc[s_lo - 1].text != ",":
        return None
    lo = tok.head.left_edge.i
    return (lo, s_lo - 2) if s_lo - 2 > lo else None


def _according_frame(text: str, doc: Doc, tok: Token, sent: Span) -> SpeechFrame | None:
    """``according to X``: X is the speaker, the rest of the clause the content."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        to = doc[tok.i + 1]
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase_lo = tok.i
    phrase_hi = max(pobj.right_edge.i, to.i)
    root = sent.root.i
    if phrase_hi < root:  # "According to X, the troops left"
        content: tuple[int, int] | None = (phrase_hi + 1, sent.end - 1)
    elif root < phrase_lo:  # "The troops left, according to X, ..."
        content = (sent.start, phrase_lo - 1)
    else:
        content = _minus(sent.start, sent.end - 1, phrase_lo, phrase_hi)
    if content is None:
        return None
    speaker = _chars(text, doc, pobj.left_edge.i, pobj.right_edge.i)
    return SpeechFrame(
        cue=(tok.idx, to.idx + len(to.text)),
        cue_text=doc[tok.i : to.i + 1].text,
        cue_lemma="according to",
        cue_token=tok.i,
        speaker=speaker,
        speaker_head=pobj.i,
        content=_chars(text, doc, *content),
        sentence=(sent.start_char, sent.end_char),
        rule="according-to",
        relay=names_news_agency(text[slice(*speaker)]),
    )


def _in_noun_frame(text: str, doc: Doc, noun: Token, lex: SpeechLexicon, sent: Span) -> SpeechFrame | None:
    """``In a statement, X accused Y ...``: a speech noun framing a clause whose verb is not a cue."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "through", "via") or prep.dep_ != "prep":
        return None
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX") or lex.verb(verb) is not None:
        return None
    subject = _subject(verb)
    if subject is None or _is_negated(verb):
        return None
    lo, hi = _subtree_span(verb)
    p_lo, p_hi = _subtree_span(prep)
    s_lo, s_hi = _subtree_span(subject)
    # Content: the predicate without the subject and the "in a statement" phrase.
    start = max(s_hi + 1, p_hi + 1) if p_lo < verb.i else s_hi + 1
    end = p_lo - 1 if p_lo > verb.i else hi
    if start > end:
        return None
    head, s_lo, s_hi = _speaker_phrase(subject, lex)
    return SpeechFrame(
        cue=(noun.idx, noun.idx + len(noun.text)),
        cue_text=doc[p_lo : noun.i + 1].text,
        cue_lemma=noun.lemma_.lower(),
        cue_token=noun.i,
        speaker=_chars(text, doc, s_lo, s_hi),
        speaker_head=head.i,
        content=_chars(text, doc, start, end),
        sentence=(sent.start_char, sent.end_char),
        rule="in-noun",
    )


def _noun_complement_frame(
    text: str, doc: Doc, noun: Token, lex: SpeechLexicon, sent: Span
) -> SpeechFrame | None:
    """``Moscow's claim that ...``, ``a Reuters report that ...``: a speech noun with a that-clause.

    The speaker is the possessor or a proper-noun modifier; a relative clause ("the report that he
    wrote") has no ``that`` marker and makes no frame.
    """
    entry = lex.nouns.get(noun.lemma_.lower()) or lex.nouns.get(noun.lower_)
    if entry is None or not entry.content:
        return None
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in entry.content
            and c.i > noun.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    speaker: Token | None = next((c for c in noun.children if c.dep_ == "poss"), None)
    lo = hi = -1
    if speaker is not None:
        lo, hi = _subtree_span(speaker)
        if doc[hi].tag_ == "POS":
            hi -= 1
    else:
        names = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < noun.i]
        if names:
            speaker, lo, hi = names[-1], names[0].left_edge.i, names[-1].i
    if speaker is None or lo < 0 or hi < lo:
        return None
    return SpeechFrame(
        cue=(noun.idx, noun.idx + len(noun.text)),
        cue_text=noun.text,
        cue_lemma=entry.cue,
        cue_token=noun.i,
        speaker=_chars(text, doc, lo, hi),
        speaker_head=speaker.i,
        content=_chars(text, doc, clause.left_edge.i, clause.right_edge.i),
        sentence=(sent.start_char, sent.end_char),
        rule="noun-complement",
    )


def _stray_that_clause(doc: Doc, tok: Token, sent: Span) -> tuple[int, int] | None:
    """A that-clause the parser hung on the addressee ("told a meeting of island leaders that ..."):
    only nouns, determiners and prepositions may stand between the cue and ``that``."""
    for t in doc[tok.i + 1 : sent.end]:
        # "that" as a complementiser, or misread as a relative adverb ("... hours that Machado was ...");
        # a relative pronoun that is the clause's subject or object ("the meeting that he chaired") is not.
        if t.lower_ == "that" and t.dep_ in ("mark", "advmod") and t.head.i > t.i:
            if any(c.dep_ in _SUBJECT_DEPS for c in t.head.children):
                return t.i, t.head.right_edge.i
            return None
        if t.pos_ in ("VERB", "AUX", "PUNCT", "SCONJ", "CCONJ"):
            return None
    return None


def find_speech_frames(
    doc: Doc, lexicon: SpeechLexicon | None = None, *, text: str | None = None
) -> list[SpeechFrame]:
    """Every speech frame in ``doc``, in text order, with ``depth`` set for frames nested in others.

    ``text`` may pass ``doc.text`` when the caller already holds it (spaCy rebuilds it on each access).

    >>> from eventwire.nlp import load_model
    >>> doc = load_model()("The troops left the city, the ministry said.")
    >>> [(f.cue_text, doc.text[slice(*f.content)]) for f in find_speech_frames(doc)]
    [('said', 'The troops left the city')]
    """
    lex = lexicon or _default_lexicon()
    text = doc.text if text is None else text
    frames: list[SpeechFrame] = []
    for sent in doc.sents:
        for tok in sent:
            frame: SpeechFrame | None = None
            lower = tok.lower_
            if lower == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                frame = _according_frame(text, doc, tok, sent)
            elif tok.pos_ in ("NOUN", "PROPN") and (tok.lemma_.lower() in lex.nouns or lower in lex.nouns):
                frame = _in_noun_frame(text, doc, tok, lex, sent) or _noun_complement_frame(
                    text, doc, tok, lex, sent
                )
            else:
                cue = lex.verb(tok) or _phrasal_cue(tok, lex)
                if cue is not None and not _is_negated(tok):
                    frame = _verb_frame(text, doc, tok, cue, lex, sent)
            if frame is not None:
                frames.append(_clip_to_paragraph(text, frame))
    _set_depths(frames)
    return frames


def _phrasal_cue(tok: Token, lex: SpeechLexicon) -> SpeechCue | None:
    """A phrasal verb cue ("pointed out"): the verb's lemma plus its particle is a listed phrase."""
    if tok.pos_ != "VERB":
        return None
    for child in tok.children:
        if child.dep_ == "prt":
            entry = lex.phrases.get(f"{tok.lemma_.lower()} {child.lower_}")
            if entry is not None:
                return entry
    return None


def _clip_to_paragraph(text: str, frame: SpeechFrame) -> SpeechFrame:
    """A statement never crosses a line break: clip speaker and content to the cue's paragraph."""
    lo = text.rfind("\n", 0, frame.cue[0]) + 1
    hi = text.find("\n", frame.cue[1])
    hi = len(text) if hi < 0 else hi

    def clip(span: CharSpan | None) -> CharSpan | None:
        if span is None:
            return None
        start, end = trim_span(text, max(span[0], lo), min(span[1], hi))
        return (start, end) if start < end else None

    frame.content = clip(frame.content)
    frame.speaker = clip(frame.speaker)
    if frame.speaker is None:
        frame.speaker_head = None
    return frame


def _set_depths(frames: list[SpeechFrame]) -> None:
    for frame in frames:
        frame.depth = sum(
            1
            for other in frames
            if other is not frame and other.content is not None and other.covers(frame.cue[0], frame.cue[1])
        )


def frame_containing(frames: Sequence[SpeechFrame], start: int, end: int | None = None) -> SpeechFrame | None:
    """The innermost frame whose content covers [start, end): whose reported speech a token belongs to.

    >>> from eventwire.nlp import load_model
    >>> doc = load_model()("Putin said the refusal violates OSCE obligations.")
    >>> frames = find_speech_frames(doc)
    >>> trigger = doc.text.index("violates")
    >>> frame_containing(frames, trigger).cue_text
    'said'
    """
    best: SpeechFrame | None = None
    for frame in frames:
        if frame.covers(start, end) and (best is None or frame.depth > best.depth):
            best = frame
    return best
