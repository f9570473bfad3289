"""Resolve the actor mentions of a parsed document as of its publication date.

Three passes over the tokens of a spaCy ``Doc``:

1. **atoms**: a longest-match walk over the KB phrase table (countries, demonyms, capitals, metonyms,
   organisations, people, role nouns, group nouns, honorifics, anaphoric nouns), companies named after
   their country ("Malaysia Airlines", company_heads.tsv) and products named after their maker ("Boeing
   777", no actor), plus person names from spaCy's PERSON entities and known surnames (never a short
   all-capital acronym such as "BAK"), plus pronouns;
2. **structures**: atoms combine into one mention: a title and a name ("Russian President Vladimir
   Putin", "Hungary's prime minister, Viktor Orban", "Sergei Lavrov, the Russian foreign minister"), an
   honorific and a name ("Mr. Putin"), a role nominal with its country ("the US Secretary of State",
   "the Russian leader"), a group noun with its country ("Russian troops", "Hungarian and Romanian
   officials", "the government of Ukraine");
3. **discourse**: a left-to-right pass that resolves each structure with what came before: surnames to the
   person named earlier, role nominals to the office holder named earlier or on the date, pronouns by
   gender, number and recency, "the alliance" to the latest organisation, bare group nouns to the
   country of the context: their sentence, else the sentences just before, else the article (never an
   organisation's seat, "a UK-based group", nor a patron, "Russian-backed separatists"; and none for a
   group of several or unnamed parties, "officials from both sides").

Dates matter: a person out of office on the article's date (or "former") keeps the country but not the
government sector; organisations change standing on dated rows of transitions.tsv ("the Taliban" AFG GOV
from 2021-08-15). A capital that is also a city elsewhere (ambiguous_places.tsv: "Tripoli", Lebanon) is
read by the country its sentence or article names. An apposition with an IGO title ("X, the United Nations
Emergency Relief Coordinator") makes the person that IGO's; "it" after a thing ("the tanker was heading
... when it was surrounded") stays unresolved.

A government or army subject takes no context country from the object or target phrases of its own clause
("the junta expelled the French ambassador", "accused Moscow of"). A name the text frames as a town ("the
towns of Jermuk and Goris", "out of Kherson", "captured Goma") is a place of its country, found in the
gazetteer or in GeoNames towns of 1,000 people or more, not a new person. A definite description ending in
an anaphoric noun ("the paramilitary force", "the ruling party", "the group") names the nearest fitting
earlier group or party, and "a spokesman for the group" speaks for it.

>>> from eventwire.nlp import load_model
>>> from eventwire.actors.kb import load_kb
>>> doc = load_model()("Russian President Vladimir Putin met Viktor Orban. He said NATO ignored Moscow.")
>>> [(m.text, m.actor.code, m.actor.sector, m.how) for m in resolve_mentions(doc, "2022-02-01", load_kb())][:3]
[('Russian President Vladimir Putin', 'RUS', 'GOV', 'title'), ('Viktor Orban', 'HUN', 'GOV', 'name'), ('He', 'RUS', 'GOV', 'pronoun')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import DEP, HEAD, IDX, LENGTH, POS, SENT_START, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.parts_of_speech import NAMES as _UPOS_NAMES
from spacy.strings import StringStore
from spacy.tokens import Doc

from eventwire.actors.kb import (
    CASE_ACRONYM,
    CASE_ANY,
    CASE_EXACT,
    Entry,
    KnowledgeBase,
    OfficeTerm,
    Person,
    RoleTerm,
    fold,
    is_name_suffix,
    name_words,
)
from eventwire.records import ActorRef, Mention

_MODIFIER_KINDS = frozenset({"country", "demonym", "capital", "metonym", "org", "place"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_DETERMINERS = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "'"})
# Words between a country and a role noun that qualify the office ("Russian Deputy Foreign Minister").
_QUALIFIERS = frozenset({"deputy", "vice", "acting", "interim", "former", "then", "ex", "outgoing", "incoming", "majority", "minority",
                         "first", "senior", "top", "new", "late", "caretaker", "ousted", "-"})  # fmt: skip
# Qualifiers that mean the person is not the current holder of the office.
_NOT_HOLDER = frozenset({"deputy", "vice", "former", "ex", "late", "ousted"})
# Qualifiers that say the office is behind the person: a former holder speaks for no government.
_FORMER = frozenset({"former", "ex", "late", "ousted"})
_STANCE_PREFIXES = frozenset({"anti", "pro"})
_COPULAS = frozenset({"is", "was", "'s", "be", "been", "being", "are", "were", "seems", "seemed"})
_FAC_CITY_POPULATION = 100_000
_ARTICLE_PLACE_WEIGHT = 1.5  # gazetteer score the article's main country adds to its namesakes (about e^1.5)
# Groups that belong where they are: police and civilians, and armed groups, which CODING.md codes by the
# country where they fight ("Gangs set fire to a police station" in a story filed from Port-au-Prince).
_LOCAL_SECTORS = frozenset({"CVL", "COP", "REB"})
# A state's own institutions, which in a story filed from a country it names belong to that country unless the
# sentence says otherwise; _HOME_ONLY of them also when the sentence names no country at all.
_HOME_INSTITUTIONS = frozenset(
    {
        "authorities",
        "authority",
        "government",
        "council",
        "commission",
        "body",
        "board",
        "parliament",
        "police",
        "opposition",
    }
)
_HOME_ONLY = frozenset({"authorities", "authority", "council", "commission", "body", "board"})
# Sectors outside the state: "the rebel leader", "an opposition leader" lead that side, not the country.
_NON_STATE_SECTORS = frozenset({"REB", "OPP", "PTY", "CVL", "NGO", "MED", "BUS", "REL"})
_LOCATED_SECTORS = frozenset({"CVL", "COP", "REB"})  # groups that belong where they are ("rebels in X")
_CONTEXT_KINDS = frozenset({"country", "capital", "demonym", "metonym", "place"})
_SLUG = re.compile(r"[^a-z0-9]+")
_PRONOUN_WINDOW = 3  # sentences back
_CONTEXT_WINDOW = 2  # sentences back that give a bare group noun its country
_MAX_NAME_RUN = 4
_MAX_ACRONYM = 4  # letters of an all-capital token read as an acronym rather than a surname
_CAPS_SHARE = 0.8  # share of capital letters that makes a sentence "written in capitals"
_TITLE_SHARE = 0.85  # share of capitalised content words that makes a sentence a title-case headline


@dataclass(slots=True)
class _Atom:
    """A stretch of tokens the KB or the parser recognised, before discourse resolution."""

    start: int
    end: int  # exclusive
    kind: str  # country demonym capital metonym org person name role group_noun honorific anaphor pronoun product
    entries: list[Entry] = field(default_factory=list)
    label: str = ""


@dataclass(slots=True)
class _Structure:
    """One mention to be: its span, what it is made of and how it will be resolved."""

    start: int
    end: int
    kind: str  # person role group simple pronoun anaphor
    head: _Atom
    modifiers: list[_Atom] = field(default_factory=list)
    role: _Atom | None = None
    honorific: _Atom | None = None
    qualifiers: tuple[str, ...] = ()
    label: str = ""
    sector_hint: str | None = None  # sector given by a coordinated group noun
    many_sides: bool = False  # "officials from both sides", "the two delegations": no one context country
    located: str | None = None  # "rebels in Western Sahara": the country of the place they are in
    igo_title: bool = False  # "X, the United Nations Emergency Relief Coordinator,": the IGO decides


@dataclass(slots=True)
class _Seen:
    """A resolved mention remembered for coreference."""

    start: int
    sentence: int
    kind: str
    actor: ActorRef
    gender: str | None = None
    plural: bool = False
    subject: bool = False
    titles: tuple[str, ...] = ()  # folded role terms the text gave this person
    offices: tuple[str, ...] = ()  # office keys held at the date or given by the text
    members: tuple[ActorRef, ...] = ()  # a coordination ("Russia and Ukraine"): the actors it joins
    stems: frozenset[str] = frozenset()  # title_words.tsv stems of the person's titles (text and KB)


_POS_NAMES: dict[int, str] = dict(_UPOS_NAMES)
_STRINGS: dict[int, str] = {}


def _string(strings: StringStore, key: int) -> str:
    """A tag or dependency label from its hash (memoised: there are only a few dozen)."""
    s = _STRINGS.get(key)
    if s is None:
        s = _STRINGS[key] = strings[key] if key else ""
    return s


def _signed(v: int) -> int:
    """to_array gives uint64: relative head offsets and sentence flags may be negative."""
    return v - (1 << 64) if v >= 1 << 63 else v


class _Doc:
    """Token attributes read once into plain lists (spaCy attribute access is the main cost)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.full_text = text = doc.text
        n = self.n = len(doc)
        # One C call for every attribute; creating a Token object per attribute read would cost more than
        # the whole resolution.
        arr = doc.to_array([IDX, LENGTH, POS, TAG, DEP, HEAD, SENT_START]).tolist() if n else []
        self.idx = [r[0] for r in arr]
        self.text = [text[r[0] : r[0] + r[1]] for r in arr]
        self.keys = [fold(t) for t in self.text]
        self.pos = [_POS_NAMES.get(r[2], "") for r in arr]
        strings = doc.vocab.strings
        self.tag = [_string(strings, r[3]) for r in arr]
        self.dep = [_string(strings, r[4]) for r in arr]
        self.head = [i + _signed(r[5]) for i, r in enumerate(arr)]
        self.sent = []
        si = -1
        for i, r in enumerate(arr):
            if _signed(r[6]) == 1 or i == 0:
                si += 1
            self.sent.append(si)
        self.ent_label = [""] * n
        self._caps: dict[int, tuple[bool, bool]] | None = None  # sentence -> (capitals, title case)
        self.ents = list(doc.ents)
        for e in self.ents:
            for k in range(e.start, e.end):
                self.ent_label[k] = e.label_

    def is_cap(self, i: int) -> bool:
        s = self.text[i]
        return bool(s) and s[0].isupper()

    def acronym_like(self, i: int) -> bool:
        """ "BAK", "SAM", "LEE" in an ordinary sentence: two to four capital letters read as an acronym or
        code, never as a person's surname. In a sentence written in capitals (a wire headline, a telex)
        the casing says nothing."""
        s = self.text[i]
        if not (2 <= len(s) <= _MAX_ACRONYM and s.isalpha() and s.isupper()):
            return False
        return not self._sentence_case(self.sent[i])[0]

    def title_case(self, i: int) -> bool:
        """True when the sentence of token ``i`` capitalises nearly every content word, as headlines do
        ("China Steel Output Rises"): there the capitals do not mark names."""
        return self._sentence_case(self.sent[i])[1]

    def _sentence_case(self, sentence: int) -> tuple[bool, bool]:
        """(written in capitals, written in title case) for one sentence; all sentences are measured in one
        pass on first use."""
        if self._caps is None:
            words: dict[int, list[str]] = {}
            for k, t in enumerate(self.text):
                if t.isalpha():
                    words.setdefault(self.sent[k], []).append(t)
            self._caps = {}
            for si, ws in words.items():
                letters = sum(len(t) for t in ws)
                capitals = sum(c.isupper() for t in ws for c in t) >= _CAPS_SHARE * letters
                content = [t for t in ws if len(t) >= 4 and t.lower() not in STOP_WORDS]
                title = len(content) >= 3 and sum(t[0].isupper() for t in content) >= _TITLE_SHARE * len(
                    content
                )
                self._caps[si] = (capitals, title)
        return self._caps.get(sentence, (False, False))


# -- pass 1: atoms -------------------------------------------------------------------------------------


def _case_ok(entry: Entry, d: _Doc, start: int, end: int, kb: KnowledgeBase) -> bool:
    if entry.bloc and entry.kind == "metonym" and end - start == 1 and not _bloc_name_ok(d, start):
        return False
    if entry.case == CASE_ANY:
        return True
    surface = tuple(d.text[start:end])
    if entry.case == CASE_EXACT:
        return surface == entry.surface
    if entry.case == CASE_ACRONYM:
        if surface == entry.surface:
            return True
        return all(t.islower() for t in surface)  # "nato": the KB allowed it when it loaded
    # title case: the first token capitalised, or at least not all lower case ("iSrael" is a typo, "china" a word)
    return d.is_cap(start) or not surface[0].islower()


def _bloc_name_ok(d: _Doc, i: int) -> bool:
    """A one-word bloc name ("West") names the bloc only after "the" and not as the first word of a longer
    capitalised name: "the West" yes; "the West Bank", "West Africa", "Kanye West" no."""
    if i == 0 or d.keys[i - 1] != "the":
        return False
    return not (i + 1 < d.n and d.is_cap(i + 1) and d.pos[i + 1] == "PROPN")


def _phrase_atoms(d: _Doc, kb: KnowledgeBase) -> list[_Atom]:
    atoms: list[_Atom] = []
    i = 0
    phrases, max_len = kb.phrases, kb.max_len
    while i < d.n:
        longest = max_len.get(d.keys[i], 0)
        matched = False
        for length in range(min(longest, d.n - i), 0, -1):
            entries = phrases.get(tuple(d.keys[i : i + length]))
            if not entries:
                continue
            ok = [e for e in entries if _case_ok(e, d, i, i + length, kb)]
            if not ok:
                continue
            kind = ok[0].kind
            if kind == "honorific" and not (i + length < d.n and d.is_cap(i + length)):
                continue
            atoms.append(_Atom(i, i + length, kind, [e for e in ok if e.kind == kind]))
            i += length
            matched = True
            break
        if not matched:
            i += 1
    return _drop_inside_person_names(atoms, d)


_MODEL = re.compile(r"^[A-Z]{0,3}-?\d{1,4}[A-Za-z]{0,3}$")
_NOT_MODEL_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"})


def _model_number(d: _Doc, i: int) -> bool:
    """ "777", "A320", "F-35", "787s", "MH17": a model or flight number after a maker's or carrier's name."""
    if i >= d.n or not _MODEL.match(d.text[i]) or d.ent_label[i] in _NOT_MODEL_LABELS:
        return False
    return not (len(d.text[i]) == 4 and d.text[i][:2] in ("19", "20"))  # "Boeing 2023 results": a year


def _head_end(d: _Doc, kb: KnowledgeBase, i: int, position: str) -> int:
    """End of the longest company head of ``position`` (company_heads.tsv) at token ``i``, every word
    capitalised; ``i`` when there is none."""
    for length in (3, 2, 1):
        if (
            i + length <= d.n
            and kb.company_heads.get(tuple(d.keys[i : i + length])) == position
            and all(d.is_cap(k) for k in range(i, i + length))
        ):
            return i + length
    return i


def _company_atoms(d: _Doc, kb: KnowledgeBase, atoms: list[_Atom]) -> list[_Atom]:
    """Companies named after their country ("Malaysia Airlines", "Russian Railways", "Air India") become
    one organisation atom, a business of that country; a maker followed by a model number ("Boeing 777",
    "Lockheed Martin F-35") names a product, not an actor, and is dropped."""
    by_start = {a.start: a for a in atoms}
    covered = {k for a in atoms for k in range(a.start, a.end)}
    out: list[_Atom] = []
    for a in atoms:
        if a.kind == "org" and _model_number(d, a.end) and _business(kb, a):
            out.append(_Atom(a.start, a.end + 1, "product", label="PRODUCT"))  # "the Boeing 777 flight"
            continue
        company = _company(d, kb, a, by_start, covered) if kb.company_heads else None
        out.append(company or a)
    return out


def _business(kb: KnowledgeBase, a: _Atom) -> bool:
    e = a.entries[0] if a.entries else None
    if e is None:
        return False
    o = kb.organisations.get(e.actor_id or "")
    return (o.sector if o is not None else e.sector) == "BUS"


def _company(
    d: _Doc, kb: KnowledgeBase, a: _Atom, by_start: dict[int, _Atom], covered: set[int]
) -> _Atom | None:
    """The company atom for a country name or adjective with a company head next to it, else None."""
    if a.kind not in ("country", "demonym") or not a.entries or not a.entries[0].code or a.entries[0].bloc:
        return None
    start, end = a.start, _head_end(d, kb, a.end, "after")
    if end == a.end:
        before = a.start - 1
        if before < 0 or before in covered or _head_end(d, kb, before, "before") != a.start:
            return None
        start = before
    if any(k in covered for k in range(a.end, end)):
        return None
    while (longer := _head_end(d, kb, end, "suffix")) > end:  # "Indian Oil Corporation"
        end = longer
    nxt = by_start.get(end)
    if (
        end < d.n
        and d.is_cap(end)
        and not _model_number(d, end)
        and (nxt is None or nxt.kind not in ("org", "country", "person"))
    ):
        return None  # "Iraqi Oil Minister", "British Airways CEO": a longer name or a title
    if d.title_case(a.start):
        return None  # "China Steel Output Rises": a headline's capitals
    name = d.full_text[d.idx[start] : d.idx[end - 1] + len(d.text[end - 1])]
    entry = Entry("org", "name", CASE_ANY, tuple(d.text[start:end]), code=a.entries[0].code, sector="BUS",
                  actor_id=f"new:{_slug(name)}", name=name)  # fmt: skip
    return _Atom(start, end, "org", [entry], label="ORG")


def _dateline(d: _Doc, a: _Atom) -> bool:
    """ "WASHINGTON (AP) —": a place in capitals opening a paragraph says where the story was filed."""
    first = a.start == 0 or "\n" in d.text[a.start - 1] or d.sent[a.start] != d.sent[a.start - 1]
    surface = "".join(d.text[a.start : a.end])
    return (
        first
        and surface.isupper()
        and len(surface) > 3
        and a.end < d.n
        and d.keys[a.end] in ("(", ",", "—", "-", "--")
    )


def _drop_inside_person_names(atoms: list[_Atom], d: _Doc) -> list[_Atom]:
    """A place name inside a longer PERSON entity is part of the name ("Georgia Meloni"); a dateline is
    not an actor."""
    out = []
    for a in atoms:
        if a.kind in ("capital", "country") and _dateline(d, a):
            continue
        if a.kind in ("country", "capital", "demonym") and d.ent_label[a.start] == "PERSON":
            ent = next((e for e in d.ents if e.start <= a.start < e.end), None)
            # the tagger's PERSON may swallow a possessive ("Sri Lanka's navy"): that is no longer name
            ent_end = ent.end - 1 if ent is not None and d.keys[ent.end - 1] in ("'s", "\u2019s") else None
            if (
                ent is not None
                and (ent_end or ent.end) - ent.start > a.end - a.start
                and d.pos[a.start] == "PROPN"
            ):
                continue
        out.append(a)
    return out


def _name_atoms(
    d: _Doc, kb: KnowledgeBase, taken: list[bool], kb_people: list[_Atom], title_ends: set[int]
) -> list[_Atom]:
    """Person names the KB phrase table did not catch: spaCy PERSON entities and capitalised tokens that
    are known surnames. A surname that is also the name of a city ("Austin", "Lincoln", "Santos") needs
    person evidence: a full mention earlier in the article, a title or honorific right before it
    (``title_ends``), or a person-like role in the sentence (see :func:`_person_role`)."""
    atoms: list[_Atom] = []
    for e in d.ents:
        if e.label_ != "PERSON" or any(taken[e.start : e.end]):
            continue
        start, end = e.start, e.end
        # "Tomasz Nowak" where the parser tagged only "Nowak": a known given name before it belongs to it
        if start > 0 and not taken[start - 1] and d.is_cap(start - 1) and d.keys[start - 1] in kb.first_names:
            start -= 1
        for k in range(start, end):  # a name never runs across a line break
            if "\n" in d.text[k]:
                end = k
                break
        while end > start and d.keys[end - 1] in _POSSESSIVE | {"-", ","}:
            end -= 1
        if all(is_name_suffix(d.text[k]) for k in range(start, end)):
            continue  # a lone "Jr." or "III" is no one's name
        if end - start == 1 and (
            d.acronym_like(start) or _unsupported_place_surname(d, kb, start, title_ends, kb_people)
        ):
            continue  # "a BAK missile" tagged PERSON: a code, not a person
        if end > start and _town_candidate(d, kb, start, end):
            continue  # "the towns of Jermuk and Goris", "captured Goma": places (see _place_atoms)
        if end > start:
            if atoms and atoms[-1].end == start:  # "Haroon" "Rashid Aswad": one name split in two
                atoms[-1].end = end
            else:
                atoms.append(_Atom(start, end, "name", label="PERSON"))
            for i in range(start, end):
                taken[i] = True
    # Last names of people the parser found, so that "Petrov" after "Yevgeny Petrov" is caught even when
    # the parser does not tag it again.
    first_seen: dict[str, int] = {}
    for a in atoms:
        if a.end - a.start > 1:
            first_seen.setdefault(_surname_key(" ".join(d.text[a.start : a.end])), a.end)
    # Surnames of KB people named in full somewhere in the article count even where the tagger misreads
    # them as common nouns (a headline's "Trump's taxes").
    named = {
        _surname_key(kb.people[e.actor_id].name)
        for a in kb_people
        for e in a.entries
        if e.actor_id in kb.people
    }
    for i in range(d.n):
        if taken[i] or not d.is_cap(i):
            continue
        if d.pos[i] != "PROPN" and d.keys[i] not in named and not _unknown_word_surname(d, kb, i):
            continue
        if d.acronym_like(i):
            continue  # "a LEE rocket": an acronym, not the surname Lee
        if first_seen.get(d.keys[i], d.n) > i and _inside_other_name(d, kb, i, taken):
            continue  # "the daily Magyar Nemzet", "Sunak Bank": part of another name
        if d.keys[i] in kb.surnames or first_seen.get(d.keys[i], d.n) <= i:
            if d.ent_label[i] in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT") or _reads_as_place(d, i):
                continue
            if first_seen.get(d.keys[i], d.n) > i and _unsupported_place_surname(
                d, kb, i, title_ends, kb_people
            ):
                continue  # "Flights to Austin": a place, unless something says it is a person
            atoms.append(_Atom(i, i + 1, "name", label=d.ent_label[i] or "surname"))
            taken[i] = True
    return atoms


def _inside_other_name(d: _Doc, kb: KnowledgeBase, i: int, taken: list[bool]) -> bool:
    """Whether a known surname at ``i`` sits inside a longer capitalised name that is not that person's: a
    free proper noun right before or after it that is no KB name or title ("Magyar Nemzet", "Sunak Bank",
    "Obi Cubana"). Title-case and all-capital headlines capitalise everything, so they say nothing."""
    if d.title_case(i) or d._sentence_case(d.sent[i])[0]:
        return False
    for j in (i - 1, i + 1):
        if not 0 <= j < d.n or d.sent[j] != d.sent[i] or taken[j]:
            continue
        if (
            d.pos[j] == "PROPN"
            and d.is_cap(j)
            and d.keys[j] not in kb.surnames
            and d.keys[j] not in kb.first_names
        ):
            if j == i - 1 and j == 0 or (j == i - 1 and d.text[j - 1] in (".", "\n")):
                continue  # a sentence-initial word is capitalised anyway
            return True
    return False


def _unknown_word_surname(d: _Doc, kb: KnowledgeBase, i: int) -> bool:
    """A capitalised KB surname or one-word alias that the tagger read as a common noun ("Lula later
    held talks", tagged NN at the start of a sentence): a person when the word is no English word
    ("Rice prices rose" is the grain)."""
    return (
        d.keys[i] in kb.surnames
        and len(d.text[i]) > 2
        and not d.text[i].isupper()
        and not kb.is_english_word(d.text[i])
        and not kb.is_english_word(d.text[i].lower())
    )


_PLACE_NAME_POPULATION = 100_000  # a surname that names a city this big is read as the city by default
_PLACE_NAMES: dict[tuple[int, str], bool] = {}


def _place_name(kb: KnowledgeBase, key: str, surface: str) -> bool:
    """True when the word is the name of a country, capital or a city of at least
    :data:`_PLACE_NAME_POPULATION` people in the gazetteer, spelt the same but for case ("Austin" is the
    Texas city; "Bush" is not the Egyptian town of Būsh). Memoised per KB."""
    surface = surface.lower()
    memo = (id(kb), surface)
    hit = _PLACE_NAMES.get(memo)
    if hit is None:
        entries = kb.phrases.get((key,), ())
        hit = any(e.kind in ("country", "capital") for e in entries)
        places = kb.places
        if not hit and places is not None:
            hit = any(
                c.place.kind == "city"
                and c.place.population >= _PLACE_NAME_POPULATION
                and c.place.name.lower() == surface
                for c in places.candidates(key)
            )
        _PLACE_NAMES[memo] = hit
    return hit


_PERSON_DEPS = frozenset({"nsubj", "nsubjpass"})


def _unsupported_place_surname(
    d: _Doc, kb: KnowledgeBase, i: int, title_ends: set[int], kb_people: list[_Atom]
) -> bool:
    """A lone known surname that is also a place name ("Austin") with no person evidence: no KB person of
    that surname named in full in the article, no title or honorific right before, no person-like role."""
    key = d.keys[i]
    if key not in kb.surnames or i in title_ends or not _place_name(kb, key, d.text[i]):
        return False
    ids = set(kb.surnames[key])
    if any(e.actor_id in ids for a in kb_people for e in a.entries):
        return False
    return not _person_role(d, i)


def _person_role(d: _Doc, i: int) -> bool:
    """A proper noun used as a person: the subject of a full verb or a conjunct of it ("Austin said", not
    "Austin is the capital"), or with an apposition ("Austin, the defence secretary,")."""
    k = d.head[i] if d.dep[i] == "conj" else i  # "Lula and Santos met": a conjunct of the subject
    if d.dep[k] in _PERSON_DEPS and d.pos[d.head[k]] == "VERB":
        return True
    return any(d.head[j] == i and d.dep[j] == "appos" for j in range(i + 1, min(d.n, i + 8)))


_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "outside", "into", "across"})


def _reads_as_place(d: _Doc, i: int) -> bool:
    """A surname-like token that the parser calls a place and the context treats as one: "in Austin",
    "Austin, Texas". (The parser also calls "Scholz" a GPE, so the label alone is not enough.)"""
    if d.ent_label[i] not in ("GPE", "LOC", "FAC"):
        return False
    if i > 0 and d.keys[i - 1] in _PLACE_PREPOSITIONS:
        return True
    return i + 2 < d.n and d.keys[i + 1] == "," and d.ent_label[i + 2] in ("GPE", "LOC")


def _person_countries(atoms: list[_Atom], kb: KnowledgeBase, date: str | None) -> Counter[str]:
    """The countries of the KB people the text names, as of ``date`` (the country of the office held then,
    else of the nearest term): "Christopher Musa" gives Nigeria."""
    codes: Counter[str] = Counter()
    for a in atoms:
        if a.kind != "person" or not a.entries:
            continue
        person = kb.people.get(a.entries[0].actor_id or "")
        if person is None:
            continue
        code = person.ref_at(date, countries=kb.countries).code
        if code in kb.countries:
            codes[code] += 1
    return codes


def _place_atoms(
    d: _Doc, kb: KnowledgeBase, taken: list[bool], atoms: list[_Atom], date: str | None = None
) -> list[_Atom]:
    """Cities and regions the KB does not know ("Samarra", "Darfur"): a place gives its country to the
    people and groups around it ("Darfur rebels", "police" in a story from Cizre). The countries the text
    names, its KB people's included, decide between namesakes, and a name the gazetteer lacks is read as a
    small town only in one of them ("Christopher Musa visited the troops in Borno": not Borno, Italy)."""
    if kb.places is None:
        return []
    from eventwire.geo import PlaceContext

    codes = Counter(
        a.entries[0].code
        for a in atoms
        if a.entries
        and a.entries[0].code
        and a.kind != "org"
        and not a.entries[0].bloc
        and not _seat(d, a)
        and not _stance(d, a)
    )
    codes += _person_countries(atoms, kb, date)
    known = frozenset(codes)
    # The article's most named country is weak evidence (one mention may make it): it decides between
    # comparable namesakes (Hyderabad in Pakistan) but does not turn a world city into a small town of that
    # country (Geneva, Switzerland stays Geneva in a story about Washington).
    context = PlaceContext.of(codes.most_common(1)[0][0], weight=_ARTICLE_PLACE_WEIGHT) if codes else None
    out: list[_Atom] = []
    top = codes.most_common(1)[0][0] if codes else None
    for e in d.ents:  # names the text frames as towns, whatever the parser called them
        if any(taken[e.start : e.end]) or e.label_ not in ("PERSON", "GPE", "LOC", "FAC", "ORG"):
            continue
        if e.label_ == "PERSON":  # "the towns of Jermuk and Goris", "captured Goma"
            if not _town_candidate(d, kb, e.start, e.end):
                continue
        elif (
            e.end - e.start > 1
            or not _place_frame(d, e.start, e.end)
            or _gazetteer_knows(kb, d.text[e.start])
        ):
            continue  # a place the gazetteer has by this very name ("in Alaska") resolves as before
        code = _framed_town(d, kb, e.start, e.end, top, known)
        if code is None:
            continue
        entry = Entry("place", "name", CASE_ANY, tuple(d.text[e.start : e.end]), code=code)
        out.append(_Atom(e.start, e.end, "place", [entry], label="GPE"))
        for i in range(e.start, e.end):
            taken[i] = True
    for e in d.ents:
        if e.label_ not in ("GPE", "LOC", "FAC", "ORG") or any(taken[e.start : e.end]):
            continue
        if e.label_ == "ORG" and e.end - e.start > 1:
            continue
        start = e.start + 1 if d.keys[e.start] == "the" else e.start
        if start >= e.end:
            continue
        if not any(d.is_cap(k) for k in range(start, e.end)):
            continue  # "protests over metro fares": a lowercase word the tagger called a place names none
        atom = _Atom(start, e.end, "place", label=e.label_)
        if _dateline(d, atom):
            continue
        name = d.full_text[d.idx[start] : doc_char_end(d, e.end)]
        place = kb.places.resolve(name, context)
        if place is None or place.country is None or place.kind == "sea":
            continue
        if known and place.country not in known and fold(place.name) != fold(name):
            continue  # another name of a place in a country the text never names ("Borno": Borna, Germany)
        if e.label_ in ("FAC", "ORG") and (place.kind != "city" or place.population < _FAC_CITY_POPULATION):
            continue  # the small parser calls some big cities facilities or organisations ("shelled Kharkiv")
        if (
            e.label_ == "ORG"
            and e.end - start == 1
            and d.acronym_like(start)
            and fold(place.name) != d.keys[start]
        ):
            continue  # "the SAM battery": an acronym the gazetteer lists as a code of some city
        atom.entries = [Entry("place", "name", CASE_ANY, tuple(d.text[start : e.end]), code=place.country)]
        out.append(atom)
        for i in range(start, e.end):
            taken[i] = True
    for i in range(d.n):  # untagged proper nouns framed as places ("the village of Bucha", "and Donetsk")
        if taken[i] or d.ent_label[i] or d.pos[i] != "PROPN" or not d.is_cap(i) or d.acronym_like(i):
            continue
        if d.keys[i] in kb.surnames or d.keys[i] in kb.first_names or not _place_frame(d, i, i + 1):
            continue
        if (i > 0 and d.pos[i - 1] == "PROPN") or (i + 1 < d.n and d.pos[i + 1] == "PROPN"):
            continue
        code = _framed_town(d, kb, i, i + 1, top, known)
        if code is not None:
            entry = Entry("place", "name", CASE_ANY, (d.text[i],), code=code)
            out.append(_Atom(i, i + 1, "place", [entry], label="GPE"))
            taken[i] = True
    for i in range(d.n):  # big cities the small parser tagged as nothing ("shelled Donetsk")
        if taken[i] or not _untagged_city(d, kb, i):
            continue
        place = kb.places.resolve(d.text[i], context)
        if place is None or place.country is None or place.kind != "city":
            continue
        out.append(_Atom(i, i + 1, "place", [Entry("place", "name", CASE_ANY, (d.text[i],), code=place.country)],
                         label="GPE"))  # fmt: skip
        taken[i] = True
    return out


def _namesake_cities(d: _Doc, kb: KnowledgeBase, atoms: list[_Atom]) -> list[_Atom]:
    """A capital that is also a city elsewhere (ambiguous_places.tsv) read as that city, a place of its
    country, when the nearest country its sentence names is that city's ("the north Lebanese port of
    Tripoli", "Tripoli in northern Lebanon"); with none in the sentence, when the article names that
    country more than the capital's own; else it stays the capital."""
    if not kb.ambiguous_capitals:
        return atoms
    out: list[_Atom] = []
    for a in atoms:
        others = kb.ambiguous_capitals.get(tuple(d.keys[a.start : a.end])) if a.kind == "capital" else None
        if not others or not a.entries or not a.entries[0].code:
            out.append(a)
            continue
        own = a.entries[0].code
        readings = {own, *others}
        coded = [
            (b.start, b.entries[0].code)
            for b in atoms
            if b is not a
            and b.kind in _CONTEXT_KINDS
            and b.entries
            and b.entries[0].code in readings
            and not b.entries[0].bloc
            and not _stance(d, b)
            and not (b.kind == "capital" and tuple(d.keys[b.start : b.end]) in kb.ambiguous_capitals)
        ]
        here = [(abs(i - a.start), code) for i, code in coded if d.sent[i] == d.sent[a.start]]
        if here:
            code = min(here)[1]
        else:
            counts = Counter(code for _, code in coded).most_common(2)
            single = counts and (len(counts) == 1 or counts[0][1] > counts[1][1])
            code = counts[0][0] if single else own
        if code == own:
            out.append(a)
            continue
        e = a.entries[0]
        entry = Entry("place", "name", CASE_ANY, e.surface, code=code)
        out.append(_Atom(a.start, a.end, "place", [entry], label="GPE"))
    return out


_PLACE_OBJECT_DEPS = frozenset({"dobj", "pobj"})
# Nouns that introduce place names ("the towns of Jermuk and Goris", "the port city of Hodeidah").
_PLACE_NOUNS = frozenset({"town", "towns", "city", "cities", "village", "villages", "port", "ports",
                          "district", "districts", "settlement", "settlements", "hamlet", "suburb", "suburbs",
                          "outskirts", "municipality", "commune", "province", "region"})  # fmt: skip
_FRAME_PREPOSITIONS = _PLACE_PREPOSITIONS | {"toward", "towards", "around", "inside", "through", "via",
                                             "beyond", "within", "past", "outside"}  # fmt: skip


def _span_root(d: _Doc, start: int, end: int) -> int:
    """The token of ``start:end`` whose head lies outside it (the last token when none does)."""
    return next((k for k in range(start, end) if not start <= d.head[k] < end), end - 1)


def _place_frame(d: _Doc, start: int, end: int, objects: bool = False) -> bool:
    """True when the text frames the name at ``start:end`` as a place: after "the town(s)/city/village(s)
    of", or the object of a place preposition ("in", "near", "out of"), or a conjunct of one of these
    ("the towns of Jermuk and Goris"); with ``objects``, also the object of a verb ("captured Goma")."""
    i = _span_root(d, start, end)
    for _ in range(4):  # "Jermuk and Goris", "Goma and later Bukavu": the first conjunct's frame
        if d.dep[i] != "conj" or d.head[i] == i:
            break
        i = d.head[i]
    first = min(start, i)
    if first >= 2 and d.keys[first - 1] == "of" and d.keys[first - 2] in _PLACE_NOUNS:
        return True
    if d.dep[i] == "pobj":
        p = d.head[i]
        if d.keys[p] in _FRAME_PREPOSITIONS:
            return True
        if d.keys[p] == "of" and ((p > 0 and d.keys[p - 1] == "out") or d.keys[d.head[p]] in _PLACE_NOUNS):
            return True
    return objects and d.dep[i] == "dobj" and d.pos[d.head[i]] == "VERB"


def _framed_town(
    d: _Doc,
    kb: KnowledgeBase,
    start: int,
    end: int,
    context: str | None,
    known: frozenset[str] = frozenset(),
) -> str | None:
    """The country of the town a place-framed name names, or None: a gazetteer city of that very name
    (15,000 people or more), else a GeoNames town of 1,000 or more of that name, else a gazetteer city or a
    town with that alternate name ("Lugansk"); the article's main country decides between namesakes. With
    ``known`` (the countries the text names), the small towns and alternate names count only in those
    countries: a Nigerian story's "Borno" is not a village of that name in Italy."""
    text = d.full_text[d.idx[start] : doc_char_end(d, end)]
    key = fold(text)
    places = kb.places
    if places is None:
        return None
    from eventwire.geo import PlaceContext

    ctx = PlaceContext.of(context, weight=_ARTICLE_PLACE_WEIGHT) if context else None
    exact = [c for c in places.candidates(text) if c.place.kind == "city" and fold(c.place.name) == key]
    if exact:
        place = places.choose(exact, ctx)
        return str(place.country) if place is not None and place.country else None
    towns = [t for t in kb.towns(text) if not known or t[0] in known]
    for pool in ([t for t in towns if t[2]], None, [t for t in towns if not t[2]]):
        if pool is None:  # the gazetteer's alternate names
            place = places.resolve(text, ctx)
            if (
                place is not None
                and place.country
                and place.kind == "city"
                and (not known or place.country in known)
            ):
                return str(place.country)
            continue
        if pool:
            return next((c for c, _, _ in pool if c == context), pool[0][0])
    return None


def _gazetteer_knows(kb: KnowledgeBase, text: str) -> bool:
    """True when the gazetteer's best reading of ``text`` is a place of that very name (not an alternate
    name of another: "Jermuk" is an old name of Çermik, Turkey, as well as a town in Armenia)."""
    place = kb.places.resolve(text) if kb.places is not None else None
    return place is not None and fold(place.name) == fold(text)


def _town_candidate(d: _Doc, kb: KnowledgeBase, start: int, end: int) -> bool:
    """A PERSON entity that is a place by its frame and by name (no KB person, surname or given name):
    "the towns of Jermuk and Goris", "out of Kherson", "captured Goma" (a big city as a verb's object)."""
    keys = d.keys[start:end]
    if any(k in kb.surnames or k in kb.first_names for k in keys) or d.acronym_like(start):
        return False
    if (start > 0 and d.is_cap(start - 1) and d.pos[start - 1] == "PROPN") or (
        end < d.n and d.pos[end] == "PROPN"
    ):
        return False  # part of a longer name
    if _place_frame(d, start, end):
        return _framed_town(d, kb, start, end, None) is not None
    return (
        end - start == 1
        and _place_frame(d, start, end, objects=True)
        and _place_name(kb, keys[0], d.text[start])
    )


def _untagged_city(d: _Doc, kb: KnowledgeBase, i: int) -> bool:
    """A capitalised proper noun outside any entity, the object of a verb or of a place preposition ("in",
    "near"), that is not a known surname or given name and names a city of at least
    :data:`_PLACE_NAME_POPULATION` people: a city the small parser missed ("shelled Donetsk")."""
    if d.ent_label[i] or d.pos[i] != "PROPN" or not d.is_cap(i) or d.acronym_like(i):
        return False
    if d.dep[i] not in _PLACE_OBJECT_DEPS or (
        d.dep[i] == "pobj" and d.keys[d.head[i]] not in _PLACE_PREPOSITIONS
    ):
        return False
    if d.pos[d.head[i]] not in ("VERB", "ADP") or (i + 1 < d.n and d.pos[i + 1] == "PROPN"):
        return False  # part of a longer name
    key = d.keys[i]
    if key in kb.surnames or key in kb.first_names or (i > 0 and d.pos[i - 1] == "PROPN"):
        return False
    return _place_name(kb, key, d.text[i])


_PRONOUN_TAGS = frozenset({"PRP", "PRP$"})


def _pronoun_atoms(d: _Doc, kb: KnowledgeBase, taken: list[bool]) -> list[_Atom]:
    atoms = []
    for i in range(d.n):
        if taken[i] or d.tag[i] not in _PRONOUN_TAGS or d.keys[i] not in kb.coref:
            continue
        if d.keys[i] == "it" and (_expletive_it(d, i) or d.dep[i] not in _SUBJECT_DEPS):
            continue  # "it" as an object is nearly always a thing ("respect it"), not an actor
        atoms.append(_Atom(i, i + 1, "pronoun", label="pronoun"))
    return atoms


def _expletive_it(d: _Doc, i: int) -> bool:
    """ "It is clear that ...", "it was reported": a dummy subject with a clause to stand for."""
    if d.dep[i] == "expl":
        return True
    h = d.head[i]
    if d.dep[i] not in _SUBJECT_DEPS:
        return False
    if d.keys[h] in _COPULAS and d.dep[h] == "ROOT":  # "It was still tenuous": a situation, not an actor
        return True  # (but "Syria says it is willing to ...": a reported clause about the speaker)
    # "it seems that ...", "it was reported that ...", "it took days to ...": a raising, copular or passive
    # verb with a clause; an active verb of saying or doing has a real subject ("It urged Japan to stop",
    # "It said the islands were Chinese": the ministry just named)
    raising = d.keys[h] in _RAISING_IT
    passive = any(d.head[j] == h and d.dep[j] == "auxpass" for j in range(max(0, h - 4), h))
    return (raising or passive) and any(
        d.head[j] == h and d.dep[j] in ("ccomp", "xcomp", "csubj") for j in range(h + 1, min(d.n, h + 25))
    )


# Verbs whose "it" subject is a dummy standing for a clause.
_RAISING_IT = frozenset(
    {"be", "is", "was", "seem", "seems", "seemed", "appear", "appears", "appeared", "happen", "happened",
     "remain", "remains", "remained", "become", "became", "turn", "turned", "take", "took", "takes", "make",
     "made", "matter", "emerge", "emerged", "look", "looks", "looked", "sound", "sounds"}
)  # fmt: skip


# -- pass 2: structures --------------------------------------------------------------------------------


class _Builder:
    def __init__(self, d: _Doc, atoms: list[_Atom]) -> None:
        self.d = d
        self.by_start = {a.start: a for a in atoms}
        self.by_end = {a.end: a for a in atoms}
        self.used: set[int] = set()  # ids of consumed atoms
        self.atoms = atoms

    def atom_at(self, i: int, kinds: frozenset[str] | set[str]) -> _Atom | None:
        a = self.by_start.get(i)
        return a if a is not None and a.kind in kinds and id(a) not in self.used else None

    def atom_ending(self, i: int, kinds: frozenset[str] | set[str]) -> _Atom | None:
        a = self.by_end.get(i)
        return a if a is not None and a.kind in kinds and id(a) not in self.used else None

    def take(self, *atoms: _Atom | None) -> None:
        for a in atoms:
            if a is not None:
                self.used.add(id(a))

    def free(self, a: _Atom) -> bool:
        return id(a) not in self.used

    def with_det(self, start: int) -> int:
        return start - 1 if start > 0 and self.d.keys[start - 1] in _DETERMINERS else start


def _title_left(b: _Builder, role: _Atom) -> tuple[int, list[_Atom], tuple[str, ...]]:
    """Qualifiers and a country/organisation before a role noun: "Russia's Deputy", "the US", "Kremlin"."""
    d = b.d
    i = role.start
    quals: list[str] = []
    while i > 0 and d.keys[i - 1] in _QUALIFIERS and len(quals) < 3:
        quals.append(d.keys[i - 1])
        i -= 1
    mods: list[_Atom] = []
    body = b.atom_ending(i, {"group_noun"})  # "Senate Majority Leader": the body gives the sector
    if body is not None:
        mods.append(body)
        i = body.start
    j = i - 1 if i > 0 and d.keys[i - 1] in _POSSESSIVE else i
    mod = b.atom_ending(j, _MODIFIER_KINDS)
    if mod is not None:
        mods.append(mod)
        i = mod.start
        while i > 0 and d.keys[i - 1] in _QUALIFIERS and len(quals) < 4:
            quals.append(d.keys[i - 1])
            i -= 1
    return b.with_det(i), mods, tuple(quals)


def _title_right(b: _Builder, role: _Atom) -> tuple[int, list[_Atom]]:
    """ "of Russia" / "of the United Nations" after a role noun."""
    d = b.d
    i = role.end
    if i < d.n and d.keys[i] == "of":
        j = i + 1 + (1 if i + 1 < d.n and d.keys[i + 1] == "the" else 0)
        mod = b.atom_at(j, _MODIFIER_KINDS)
        if mod is not None:
            return mod.end, [mod]
    return role.end, []


def _name_after(b: _Builder, i: int) -> _Atom | None:
    """A person name at token ``i`` (after an optional comma): a KB name, else a run of capitalised
    proper nouns that may take in names the parser split ("British militant Haroon Rashid Aswad")."""
    d = b.d
    if i < d.n and d.keys[i] == ",":
        i += 1
    a = b.atom_at(i, {"person", "name"})
    if a is not None and a.kind == "person":
        return a
    if a is None and not (
        i < d.n
        and i not in b.by_start
        and d.pos[i] == "PROPN"
        and d.is_cap(i)
        and d.ent_label[i] in ("", "PERSON", "ORG")
    ):
        return None
    j = a.end if a is not None else i
    inner = [a] if a is not None else []
    while j < d.n and j - i < _MAX_NAME_RUN and d.pos[j] == "PROPN" and d.is_cap(j):
        nxt = b.by_start.get(j)
        if nxt is not None and not (nxt.kind == "name" and b.free(nxt)):
            break
        if nxt is not None:
            inner.append(nxt)
            j = nxt.end
        else:
            j += 1
    if a is not None and j == a.end:
        return a
    b.take(*inner)
    return _Atom(i, j, "name", label="PERSON")


def _structures(d: _Doc, atoms: list[_Atom], kb: KnowledgeBase) -> list[_Structure]:
    b = _Builder(d, atoms)
    out: list[_Structure] = []
    # Honorifics first: "Mr. King" is a man called King, not a monarch.
    for hon in [a for a in atoms if a.kind == "honorific"]:
        name = _name_after(b, hon.end)
        word = b.atom_at(hon.end, {"role", "group_noun"}) if name is None else None
        if word is not None and word.end - word.start == 1 and d.is_cap(word.start):
            b.take(word)
            name = _Atom(word.start, word.end, "name", label="PERSON")
        if name is not None and b.free(hon):
            b.take(hon, name)
            out.append(_Structure(hon.start, name.end, "person", name, honorific=hon, label="honorific"))
        else:
            b.take(hon)
    # Titles with names and role nominals.
    for role in [a for a in atoms if a.kind == "role"]:
        if not b.free(role):
            continue
        left, mods, quals = _title_left(b, role)
        right, mods_after = _title_right(b, role)
        mods += mods_after
        name = _name_after(b, right)
        if name is not None and d.keys[role.end - 1] not in _POSSESSIVE:
            b.take(role, name, *mods)
            out.append(
                _Structure(left, name.end, "person", name, mods, role, qualifiers=quals, label="title")
            )
            continue
        # Appositive after a name: "Sergei Lavrov, the Russian foreign minister"
        prev = b.atom_ending(left - 1, {"person", "name"}) if left > 0 and d.keys[left - 1] == "," else None
        if prev is not None and d.head[role.end - 1] in range(prev.start, prev.end):
            b.take(role, prev, *mods)
            out.append(
                _Structure(prev.start, right, "person", prev, mods, role, qualifiers=quals, label="title")
            )
            continue
        b.take(role, *mods)
        if d.tag[role.end - 1] in ("NNS", "NNPS"):  # "Ukrainian commanders": a group with the role's sector
            out.append(_Structure(left, right, "group", role, mods, qualifiers=quals, label="group_noun",
                                  many_sides=not mods and _many_sides(b, role)))  # fmt: skip
            continue
        out.append(_Structure(left, right, "role", role, mods, role, qualifiers=quals, label="role"))
    # Group nouns with their countries.
    for g in [a for a in atoms if a.kind == "group_noun"]:
        if b.atom_at(g.end, {"org"}) is not None:
            b.take(g)  # "the paramilitary Rapid Support Forces": the noun describes the named group
        elif (name := _name_after(b, g.end)) is not None and d.keys[g.end] != ",":
            # "U.S. negotiator Paul Nitze", "British militant Haroon Aswad": the noun is a title
            groups = _group(b, g)
            mods = groups[-1].modifiers if groups else []
            out.extend(groups[:-1])
            start = groups[-1].start if groups else g.start
            b.take(name)
            out.append(
                _Structure(
                    start, name.end, "person", name, mods, label="title", sector_hint=g.entries[0].sector
                )
            )
        elif _modifies_other_noun(d, g, kb):
            b.take(g)  # "military infrastructure", "police videos", "hold firm": not a group of people
        elif b.free(g):
            groups = _group(b, g)
            person = _apposed_person(b, groups[-1])
            out.extend(groups[:-1] if person is not None else groups)
            if person is not None:
                out.append(person)
    # "Kenzo Oshima, the United Nations Emergency Relief Coordinator,": an IGO title in apposition
    for a in atoms:
        if a.kind == "org" and b.free(a) and (person := _igo_apposition(b, a, kb)) is not None:
            out.append(person)
    # What is left stands alone.
    for a in atoms:
        if not b.free(a) or a.kind in ("role", "honorific", "group_noun"):
            continue
        if a.kind == "demonym" and a.entries and a.entries[0].bloc and not _bloc_adjective(d, a):
            continue  # "Western Ukraine", "Western-style": not the bloc
        if a.kind in _CONTEXT_KINDS and _seat_modifier(d, a):
            continue  # "a UK-based group": where an organisation sits, not an actor
        if a.kind == "product":
            continue  # "Boeing 777": a thing, named after its maker
        kind = {"person": "person", "name": "person", "pronoun": "pronoun", "anaphor": "anaphor"}.get(
            a.kind, "simple"
        )
        if kind == "anaphor" and not (a.start > 0 and d.keys[a.start - 1] == "the"):
            continue
        start = a.start
        if a.kind in ("org", "metonym", "country", "anaphor"):
            start = b.with_det(a.start) if d.keys[a.start - 1 if a.start else 0] == "the" else a.start
        b.take(a)
        out.append(_Structure(start, a.end, kind, a, label=a.label))
    for st in out:
        _trim_punctuation(d, st)
    out.sort(key=lambda s: (s.start, -s.end))
    return _drop_overlaps(out)


def _trim_punctuation(d: _Doc, s: _Structure) -> None:
    """A mention never starts or ends with punctuation outside its head: the dash of a dateline
    ("NEW DELHI, March 9 - Indian Prime Minister ...") or a stray comma is not part of it."""
    while s.start < min(s.head.start, s.end - 1) and not any(c.isalnum() for c in d.text[s.start]):
        s.start += 1
    while s.end > max(s.head.end, s.start + 1) and not any(c.isalnum() for c in d.text[s.end - 1]):
        s.end -= 1


_NAME_ATOM_KINDS = frozenset({"person", "name", "place", "capital"})


def _igo_apposition(b: _Builder, org: _Atom, kb: KnowledgeBase) -> _Structure | None:
    """ "Kenzo Oshima, the United Nations Emergency Relief Coordinator,": a name followed by an apposition
    whose title begins with an international organisation is that organisation's official (code of the
    IGO, sector IGO), whatever the name alone would suggest (a namesake place, another country)."""
    d = b.d
    e = org.entries[0] if org.entries else None
    o = kb.organisations.get(e.actor_id or "") if e is not None else None
    if o is None or o.kind != "igo":
        return None
    j = org.start - 1 if org.start > 0 and d.keys[org.start - 1] == "the" else org.start
    if j < 2 or d.keys[j - 1] != ",":
        return None
    head = next((k for k in range(org.end, min(d.n, org.end + 6)) if d.dep[k] == "appos"), None)
    if head is None or d.pos[head] not in ("NOUN", "PROPN"):
        return None
    if any(d.pos[k] == "PUNCT" and d.keys[k] not in _POSSESSIVE for k in range(org.end, head)):
        return None
    name_end = j - 1  # the comma
    if not (0 <= d.head[head] < name_end) or d.pos[d.head[head]] != "PROPN":
        return None
    start = name_end
    while (
        start > 0 and name_end - start < _MAX_NAME_RUN and d.pos[start - 1] == "PROPN" and d.is_cap(start - 1)
    ):
        start -= 1
    if start == name_end or not start <= d.head[head] < name_end:
        return None
    inner = [a for a in b.atoms if start <= a.start < name_end]
    if any(a.end > name_end or a.kind not in _NAME_ATOM_KINDS or not b.free(a) for a in inner):
        return None
    person = next((a for a in inner if a.kind == "person" and a.start == start and a.end == name_end), None)
    name = person or _Atom(start, name_end, "name", label="PERSON")
    b.take(org, *inner)
    return _Structure(start, head + 1, "person", name, [org], label="title", igo_title=True)


def _bloc_adjective(d: _Doc, a: _Atom) -> bool:
    """ "Western demands", "Western sanctions": a bloc adjective (matched capitalised only) before a common
    noun names the bloc as the one who demands or sanctions, like "American demands"; before a capitalised
    name ("Western Sahara", "Western Europe") or in a compound ("Western-style") it does not."""
    nxt = a.end
    return nxt < d.n and d.pos[nxt] == "NOUN" and d.text[nxt][:1].islower() and not d.title_case(a.start)


def _apposed_person(b: _Builder, group: _Structure) -> _Structure | None:
    """ "Ali Haddad, Algeria's leading rights activist,": a singular group noun in apposition to a name is
    the person's title (country from its modifier, sector from the noun)."""
    d = b.d
    g = group.head
    last = g.end - 1
    if d.tag[last] not in ("NN", "NNP") or d.dep[last] != "appos":
        return None
    left = group.start
    for j in range(group.start - 1, max(0, group.start - 8), -1):  # the apposition's left edge
        k = j
        for _ in range(4):
            if k == last or d.keys[k] == ",":
                break
            k = d.head[k]
        if k != last:
            break
        left = j
    if left < 2 or d.keys[left - 1] != ",":
        return None
    prev = b.atom_ending(left - 1, {"person", "name"})
    if prev is None or not prev.start <= d.head[last] < prev.end:
        return None
    b.take(prev)
    return _Structure(prev.start, group.end, "person", prev, group.modifiers, label="title",
                      sector_hint=g.entries[0].sector if g.entries else None)  # fmt: skip


def _group(b: _Builder, g: _Atom) -> list[_Structure]:
    """A group noun with the countries or organisations that modify it (as one mention each)."""
    d = b.d
    mods: list[_Atom] = []
    for a in b.atoms:
        if a.kind not in _MODIFIER_KINDS or not b.free(a) or a.end > g.start or g.start - a.end > 4:
            continue
        if _stance(d, a):
            continue  # "anti-Syria journalist", "pro-Russian separatists": a stance, not a nationality
        if _seat(d, a):
            # "a Dubai-based company", "Pakistan-based militants": the seat of the group the noun names is
            # its country (organisations.tsv codes companies by headquarters, armed groups by where they
            # are); a seat anywhere else in the sentence says nothing about the noun
            if _seat_modifier(d, a) and a.end + 2 == g.start:
                mods.append(a)
            continue
        if a.end == g.start and a.kind in ("demonym", "country", "org"):
            mods.append(a)  # right before the noun, whatever the parser hangs it on
            continue
        chain = a.end - 1  # "Russia's military": the name itself is the possessor
        for _ in range(3):  # "Hungarian and Romanian officials": conj -> amod -> noun
            if d.head[chain] in range(g.start, g.end):
                mods.append(a)
                break
            if d.dep[chain] != "conj" and d.dep[chain] not in ("amod", "compound", "nmod", "poss"):
                break
            chain = d.head[chain]
    out: list[_Structure] = []
    if mods:
        mods.sort(key=lambda a: a.start)
        last = mods[-1]
        for m in mods[:-1]:  # coordinated modifiers: each its own mention with the group's sector
            b.take(m)
            out.append(
                _Structure(
                    m.start, m.end, "group", g, [m], label="group_noun", sector_hint=g.entries[0].sector
                )
            )
        b.take(g, last)
        out.append(_Structure(b.with_det(last.start), g.end, "group", g, [last], label="group_noun"))
        return out
    # "the government of Ukraine"; "officials from the United Nations" (an organisation only: "withdraw
    # troops from Lebanon" says where they leave)
    if g.end + 1 < d.n and d.keys[g.end] in ("of", "from"):
        j = g.end + 1 + (1 if d.keys[g.end + 1] == "the" else 0)
        kinds = frozenset({"country", "capital", "org"}) if d.keys[g.end] == "of" else frozenset({"org"})
        mod = b.atom_at(j, kinds)
        if (
            mod is not None
            and d.head[mod.start] in (g.end, *range(mod.start, mod.end))
            and (d.keys[g.end] == "of" or d.head[g.end] == g.end - 1)
        ):
            b.take(g, mod)
            return [_Structure(b.with_det(g.start), mod.end, "group", g, [mod], label="group_noun")]
    b.take(g)
    return [_Structure(b.with_det(g.start), g.end, "group", g, [], label="group_noun",
                       many_sides=_many_sides(b, g), located=_located(b, g))]  # fmt: skip


_LOCATED_KINDS = frozenset({"country", "capital", "place"})


def _located(b: _Builder, g: _Atom) -> str | None:
    """The country of the place in an "in" phrase hanging on the group noun ("rebels in Western Sahara",
    "farmers in western Ukraine") or in its "based in" phrase ("a militant group based in Syria"), else
    None."""
    d = b.d
    last = g.end - 1
    k = g.end
    if k + 2 < d.n and d.keys[k] in _SEAT_WORDS and d.keys[k + 1] == "in" and d.head[k] == last:
        k += 1  # "a militant group based in Syria": its seat, like "a Syria-based group"
    elif k + 1 >= d.n or d.keys[k] != "in" or d.head[k] != last:
        return None
    j = k + 1 + (1 if d.keys[k + 1] == "the" else 0)
    while j < d.n and j - k <= 3 and d.pos[j] == "ADJ" and j not in b.by_start:  # "in western Ukraine"
        j += 1
    a = b.by_start.get(j)
    if a is None or a.kind not in _LOCATED_KINDS or not a.entries or a.entries[0].bloc:
        return None
    return a.entries[0].code


_SIDES_DETERMINERS = frozenset({"both", "either", "neither", "each"})
_OWNER_PREPOSITIONS = frozenset({"from", "of"})
_PHRASE_ACTOR_KINDS = frozenset(
    {"country", "demonym", "capital", "metonym", "org", "place", "person", "name"}
)


def _many_sides(b: _Builder, g: _Atom) -> bool:
    """True for a group noun that belongs to several parties or to ones the text does not name, so that
    the sentence's country is not its own: "both governments", "the two delegations", "officials from
    both sides", "members of the rival factions" (a "from"/"of" phrase without a country, place,
    organisation, person or single group in it: "officials of the ruling party" keep the context)."""
    d = b.d
    last = g.end - 1
    for k in range(max(0, g.start - 3), g.start):
        if d.head[k] != last:
            continue
        if d.keys[k] in _SIDES_DETERMINERS or (d.dep[k] == "nummod" and k > 0 and d.keys[k - 1] == "the"):
            return True
    for k in range(g.end, min(d.n, g.end + 2)):
        if d.head[k] == last and d.dep[k] == "prep" and d.keys[k] in _OWNER_PREPOSITIONS:
            span = _subtree_end(d, k)
            if (k + 1 < d.n and d.tag[k + 1] == "VBG") or any(
                d.head[j] == k and d.dep[j] == "pcomp" for j in range(k + 1, span)
            ):
                return False  # "accused opposition parties of organising the violence": a charge, no owner
            inside = [a for a in b.atoms if k < a.start < span and a.kind in _PHRASE_ACTOR_KINDS]
            groups = [a for a in b.atoms if k < a.start < span and a.kind == "group_noun"]
            # "officials of the ruling party": one group of the context country, like the party itself
            one = any(d.tag[a.end - 1] in ("NN", "NNP") and not _many_sides(b, a) for a in groups)
            return not inside and not one
    return False


# Dependents of a verb that name what it acts on or whom it addresses; a country named there is the
# subject's counterpart, not its own ("expelled the French ambassador", "accused Moscow of",
# "ordered French troops to leave", "talks with Russia"). Place phrases ("in", "from") are not targets.
_OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "obj", "oprd"})
_LOCATIVE = frozenset({"in", "within", "across", "throughout", "inside", "near", "around"})
_TARGET_PREPOSITIONS = frozenset(
    {"to", "against", "with", "toward", "towards", "on", "at", "over", "of", "for", "about", "into", "upon"}
)
_VERB_POS = frozenset({"VERB", "AUX"})


def _is_target(d: _Doc, c: int) -> bool:
    """True when token ``c`` heads an object or target phrase of its (verbal) head."""
    h = d.head[c]
    if h == c or d.pos[h] not in _VERB_POS:
        return False
    return d.dep[c] in _OBJECT_DEPS or (d.dep[c] == "prep" and d.keys[c] in _TARGET_PREPOSITIONS)


def _under(d: _Doc, t: int, tops: set[int]) -> bool:
    """True when token ``t`` is one of ``tops`` or hangs, directly or not, on one of them, other than
    through a place phrase ("a curfew in Algiers" names where the subject acts, not a counterpart)."""
    for _ in range(12):
        if t in tops:
            return True
        if d.head[t] == t or (d.dep[t] == "prep" and d.keys[t] in _LOCATIVE):
            return False
        t = d.head[t]
    return False


def _sentence_targets(d: _Doc, sentence: int) -> frozenset[int]:
    """Tokens of ``sentence`` inside an object or target phrase of any of its verbs."""
    toks = [i for i in range(d.n) if d.sent[i] == sentence]
    tops = {c for c in toks if _is_target(d, c)}
    return frozenset(t for t in toks if _under(d, t, tops))


def _subject_targets(d: _Doc, start: int, end: int) -> frozenset[int]:
    """For a mention at ``start:end`` that is the subject of a clause, the tokens of the object and target
    phrases of that clause and of the verbs coordinated with it that share the subject ("The junta expelled
    the French ambassador and ordered French troops to leave"); empty for a mention that is no subject."""
    subj = next(
        (i for i in range(start, end) if d.dep[i] in _SUBJECT_DEPS and not start <= d.head[i] < end), None
    )
    if subj is None:
        return frozenset()
    sentence = d.sent[subj]
    toks = [i for i in range(d.n) if d.sent[i] == sentence]
    verbs = [d.head[subj]]
    for v in verbs:  # grows while walking: conjuncts of conjuncts, "vowed to punish Russia"
        has_object = any(d.head[x] == v and d.dep[x] in _OBJECT_DEPS for x in toks)
        for c in toks:
            if d.head[c] != v or c == v or c in verbs or d.pos[c] not in _VERB_POS:
                continue
            own_subject = any(d.head[x] == c and d.dep[x] in _SUBJECT_DEPS for x in toks)
            if (d.dep[c] == "conj" and not own_subject) or (d.dep[c] == "xcomp" and not has_object):
                verbs.append(c)  # a verb sharing the subject; "ordered troops to leave": theirs, a target
    vs = set(verbs)
    tops = {c for c in toks if d.head[c] in vs and c not in vs and (_is_target(d, c) or d.dep[c] == "xcomp")}
    return frozenset(t for t in toks if not start <= t < end and _under(d, t, tops))


# Sectors that act on other states (governments, armies): a country in the object of their clause is more
# often a counterpart than their own. Judges, police, rebels and civilians act at home or where they are
# ("Judge X opened investigations against Chilean officials", "separatists shelled Donetsk").
_OUTWARD_SECTORS = frozenset({"GOV", "MIL", "OPP", "PTY"})


def _targets_for(d: _Doc, s: _Structure, sector: str | None) -> frozenset[int]:
    """The object and target tokens a subject of ``sector`` does not take its context country from."""
    if sector is not None and sector not in _OUTWARD_SECTORS:
        return frozenset()
    return _subject_targets(d, s.start, s.end)


def _subtree_end(d: _Doc, k: int) -> int:
    """End (exclusive) of the contiguous run of tokens after ``k`` that hang, directly or not, on it."""
    end = k + 1
    while end < d.n:
        h, steps = end, 0
        while h != k and d.head[h] != h and steps < 8:
            h, steps = d.head[h], steps + 1
        if h != k:
            break
        end += 1
    return end


def _stance(d: _Doc, a: _Atom) -> bool:
    """ "pro-Russian", "anti-Syria": the country is what someone is for or against; "Russian-backed",
    "Iran-aligned": the country is a patron (see :func:`_patron`)."""
    if _patron(d, a):
        return True
    return a.start >= 2 and d.keys[a.start - 1] == "-" and d.keys[a.start - 2] in _STANCE_PREFIXES


# Participles after "<Country>-" that name a patron of the group, not its country ("-led" is different: the
# leader is a member, and the event coder reads it).
_PATRON_WORDS = frozenset({"backed", "sponsored", "supported", "aligned", "funded", "financed", "armed",
                           "trained", "allied"})  # fmt: skip


def _patron(d: _Doc, a: _Atom) -> bool:
    """ "Russian-backed separatists", "Iran-aligned militias": the country backs the group; CODING.md codes
    a non-state armed group by where it fights, so the patron gives it no country."""
    return a.end + 1 < d.n and d.keys[a.end] == "-" and d.keys[a.end + 1] in _PATRON_WORDS


_SEAT_WORDS = frozenset({"based", "headquartered"})


def _seat_modifier(d: _Doc, a: _Atom) -> bool:
    """ "a UK-based group", "the London-headquartered monitor": the place, inside a compound modifier, says
    where an organisation has its office; it is no actor of its own."""
    return a.end + 1 < d.n and d.keys[a.end] == "-" and d.keys[a.end + 1] in _SEAT_WORDS


def _seat(d: _Doc, a: _Atom) -> bool:
    """A place that says where an organisation sits, as a compound modifier ("a UK-based group") or after
    "based in" ("a group based in Britain"): it is never the country of the sentence's other actors."""
    if _seat_modifier(d, a):
        return True
    return a.start >= 2 and d.keys[a.start - 1] == "in" and d.keys[a.start - 2] in _SEAT_WORDS


def _modifies_other_noun(d: _Doc, g: _Atom, kb: KnowledgeBase) -> bool:
    """A group noun that is not a noun here, or that only qualifies another noun ("police videos"); a
    collective head keeps it ("rebel group", "opposition movement")."""
    last = g.end - 1
    if d.pos[last] not in ("NOUN", "PROPN"):
        return True
    head = d.head[last]
    if d.dep[last] not in ("compound", "amod") or g.start <= head < g.end:
        return False
    if _headline_verb(d, g, kb):
        return False  # "Bangladesh police fire on student protesters": the police act
    return not any(w.kind == "anaphor" for w in kb.coref.get(d.keys[head], ()))


def _headline_verb(d: _Doc, g: _Atom, kb: KnowledgeBase) -> bool:
    """A headline's present-tense verb the parser took for a noun after the sentence's first noun ("Georgian
    police fire tear gas", "Bangladesh police fire on protesters"): a singular noun right after the group
    noun that is a verb's base form, with only modifiers before the group noun."""
    x = g.end
    if x >= d.n or d.tag[x] != "NN" or kb.lexicon is None or not kb.lexicon.lemmas(d.text[x], "verb"):
        return False
    if d.keys[x] not in kb.lexicon.lemmas(d.text[x], "verb"):
        return False  # the base form itself ("fire"), not a form of another verb
    if x + 1 >= d.n or d.pos[x + 1] in ("VERB", "AUX", "PUNCT"):
        return False  # "Police station burned": the noun is the subject of the real verb
    first = next((k for k in range(g.start, -1, -1) if k == 0 or d.sent[k - 1] != d.sent[g.start]), g.start)
    return all(
        d.pos[k] in ("ADJ", "PROPN", "DET") or d.dep[k] in ("compound", "amod") for k in range(first, g.start)
    )


def _drop_overlaps(structs: list[_Structure]) -> list[_Structure]:
    out: list[_Structure] = []
    end = -1
    for s in structs:
        if s.start >= end:
            out.append(s)
            end = s.end
        elif s.end > end and out and s.end - s.start > out[-1].end - out[-1].start:
            out[-1] = s
            end = s.end
    return out


# -- pass 3: discourse ---------------------------------------------------------------------------------


@dataclass
class _Context:
    kb: KnowledgeBase
    d: _Doc
    date: str | None
    seen: list[_Seen] = field(default_factory=list)
    doc_people: set[str] = field(default_factory=set)  # KB people named in full anywhere in the article
    pronoun_at: dict[int, ActorRef] = field(default_factory=dict)  # token -> what the pronoun resolved to
    sentence_codes: dict[int, Counter[str]] = field(default_factory=dict)
    sentence_places: dict[int, set[str]] = field(default_factory=dict)  # countries of places named there
    doc_codes: Counter[str] = field(default_factory=Counter)
    # countries of the KB people named in each sentence: the last resort of a bare group noun's country
    sentence_people: dict[int, Counter[str]] = field(default_factory=dict)
    dateline_code: str | None = None  # the country of the place the story was filed from ("TBILISI —")
    by_end: dict[int, _Seen] = field(default_factory=dict)  # end token of a mention -> what it resolved to
    coord_at: dict[int, _Seen] = field(default_factory=dict)  # end token -> coordination ending there
    sentence_positions: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # (token, code)
    actor_tokens: set[int] = field(default_factory=set)  # tokens inside a mention to be
    struct_at: dict[int, _Structure] = field(default_factory=dict)  # start token -> structure

    def residence(self, sentence: int, own: str) -> str:
        """Where an ethnic group named after ``own`` lives ("ethnic Albanians demonstrated in Serbia"):
        the other country its sentence names most, else the other country the article names most; ``own``
        when the text names no other (CODING.md codes actors by the country they act in)."""
        for counts in (self.sentence_codes.get(sentence), self.doc_codes):
            if not counts:
                continue
            top = [(c, n) for c, n in counts.most_common() if c != own][:2]
            if top and (len(top) == 1 or top[0][1] > top[1][1]):
                return top[0][0]
        return own

    def _previous_country(self, sentence: int) -> str | None:
        """The country the nearest earlier sentence (up to :data:`_CONTEXT_WINDOW` back) that names any
        names most; a tie goes to the one country named outside the object and target phrases of that
        sentence's verbs ("Moldova ordered three Russian diplomats to leave": Moldova), else None."""
        for back in range(1, _CONTEXT_WINDOW + 1):
            before = self.sentence_codes.get(sentence - back)
            if before:
                top = before.most_common(2)
                if len(top) == 1 or top[0][1] > top[1][1]:
                    return top[0][0]
                targets = _sentence_targets(self.d, sentence - back)
                actors = Counter(
                    c for i, c in self.sentence_positions.get(sentence - back, ()) if i not in targets
                )
                best = actors.most_common(2)
                return best[0][0] if len(best) == 1 or (best and best[0][1] > best[1][1]) else None
        return None

    def _person_country(self, sentence: int) -> str | None:
        """The one country of the people named so far in ``sentence`` (a sentence that names no country but a
        known head of state), else None."""
        codes = {
            seen.actor.code
            for seen in self.seen
            if seen.sentence == sentence and seen.kind == "person" and seen.actor.code
        }
        return next(iter(codes)) if len(codes) == 1 else None

    def filed_in_story(self) -> bool:
        """Whether the story is filed from a country it is about: the dateline's country is named in the
        text too. A story filed from a neighbour ("BANGKOK — Myanmar's junta ... Rebels said") is not."""
        return self.dateline_code is not None and self.doc_codes.get(self.dateline_code, 0) > 0

    def context_code(
        self, sentence: int, local: bool = False, at: int | None = None, skip: frozenset[int] = frozenset()
    ) -> str | None:
        """The country a bare group noun belongs to: the country its sentence names most, else the one the
        nearest of the :data:`_CONTEXT_WINDOW` sentences before it names most when its own sentence names
        none (the story's current country: "police in Islamabad ... the government"), else the country that
        dominates the article (at least half of the country-coded mentions, seen twice). ``local``
        groups (police, civilians) take the country of the one place their sentence names, if any. With
        ``at`` (a person's token), a tie in the sentence goes to the country named nearest to it ("An
        Argentine judge ordered former president X ... arms sales to Croatia and Ecuador"). Countries named
        at the ``skip`` tokens (the object and target phrases of the clause the noun is subject of: "the
        junta expelled the French ambassador") do not count: the sentence then names none of its own."""
        places = self.sentence_places.get(sentence)
        if local and places and len(places) == 1:  # police and civilians belong where they are
            return next(iter(places))
        here = self.sentence_codes.get(sentence)
        if here and skip:
            here = Counter(c for i, c in self.sentence_positions.get(sentence, ()) if i not in skip)
        if local and not here and self.filed_in_story():
            # "TBILISI — ... The United States warned ... Police arrested protesters": police act where the
            # story is filed, not in the country the previous sentences quoted
            return self.dateline_code
        if here:
            top = here.most_common(2)
            if len(top) == 1 or top[0][1] > top[1][1]:  # the country the sentence names most
                return top[0][0]
            tied = {c for c, n in here.items() if n == top[0][1]}
            if local and self.filed_in_story() and self.dateline_code in tied:
                return self.dateline_code  # "Kenyan police land in Haiti as gang leader threatens"
            if at is not None:
                near = [(abs(i - at), c) for i, c in self.sentence_positions.get(sentence, ()) if c in tied]
                return min(near)[1] if near else None
        elif (before := self._previous_country(sentence)) is not None:
            return before  # the country the story was just about
        doc = self.doc_codes
        if skip:  # the article without the counterpart named in the noun's own clause
            doc = doc - Counter(c for i, c in self.sentence_positions.get(sentence, ()) if i in skip)
        if not doc:
            # no country named anywhere: the one country of the KB people named in the sentence
            # ("Christopher Musa visited the troops": Nigeria's)
            people = self.sentence_people.get(sentence)
            return next(iter(people)) if people and len(people) == 1 else None
        code, n = doc.most_common(1)[0]
        total = sum(doc.values())
        if (n >= 2 and n * 2 >= total) or len(doc) == 1:
            return code
        return None


_ETHNIC = frozenset({"ethnic"})


def _ethnic(d: _Doc, start: int) -> bool:
    """ "ethnic Albanians", "ethnic Turks": the demonym names a people, not the state of that name."""
    return start > 0 and d.keys[start - 1] in _ETHNIC


_PEOPLE_NOUNS = frozenset({"minority", "minorities", "population", "populations"})


def _people_noun(d: _Doc, g: _Atom) -> bool:
    """ "the Hungarian minority", "the Albanian population": a demonym with a noun for a people living
    somewhere, coded like an ethnic group by where it lives."""
    return d.keys[g.end - 1] in _PEOPLE_NOUNS


def _modifier_ref(mod: _Atom, kb: KnowledgeBase, date: str | None = None) -> ActorRef | None:
    e = mod.entries[0] if mod.entries else None
    if e is None:
        return None
    if mod.kind == "org" and e.actor_id:
        ref = kb.org_ref(e.actor_id, date)  # as of the date: "Taliban" AFG GOV after 2021-08-15
        return ref if ref else ActorRef(e.code, e.sector, e.name, e.actor_id, "org")
    if mod.kind == "country" and e.code:
        c = kb.country(e.code)
        return c.ref() if c else ActorRef(e.code, "GOV")
    return ActorRef(e.code, e.sector, None, None)


def _title_ref(s: _Structure, kb: KnowledgeBase, ctx: _Context, use_context: bool = True) -> ActorRef | None:
    """Country and sector a title gives a person: "Ukrainian Foreign Minister" -> UKR GOV, "Senate
    Majority Leader" -> LEG."""
    code: str | None = None
    sector: str | None = None
    body = next((m for m in s.modifiers if m.kind == "group_noun"), None)
    mods = [m for m in s.modifiers if m.kind != "group_noun"]
    for m in mods:
        ref = _modifier_ref(m, kb, ctx.date)
        if ref is not None and ref.code:
            code = ref.code
            sector = ref.sector if m.kind in ("org", "metonym") else None
            break
    role = _role_term(s, kb)
    if role is not None:
        if code is None and len(role.countries) == 1:
            code = role.countries[0]
        if code is None and not role.countries and use_context:
            skip = _targets_for(ctx.d, s, sector or role.sector or "GOV")
            code = ctx.context_code(ctx.d.sent[s.start], at=s.head.start, skip=skip)  # "President Suharto"
        if sector is None or (mods and mods[0].kind == "metonym"):
            sector = role.sector or sector or "GOV"
        if mods and mods[0].kind == "org":
            mref = _modifier_ref(mods[0], kb, ctx.date)
            if mref is not None and mref.kind == "igo":
                sector = "IGO"
            elif mref is not None and mref.sector:
                sector = mref.sector
    if body is not None and body.entries and body.entries[0].sector:
        sector = body.entries[0].sector
    if role is None and s.sector_hint:  # a group noun used as a title ("U.S. negotiator Paul Nitze")
        sector = s.sector_hint
        if code is None and use_context:
            skip = _targets_for(ctx.d, s, sector)
            code = ctx.context_code(
                ctx.d.sent[s.start], local=sector in _LOCAL_SECTORS, at=s.head.start, skip=skip
            )
    if s.honorific is not None and s.honorific.entries and s.honorific.entries[0].sector:
        sector = sector or s.honorific.entries[0].sector
        if (
            code is None and use_context
        ):  # "Gen. X resigned to allow Haiti's elections": a title, like "President"
            skip = _targets_for(ctx.d, s, sector)
            code = ctx.context_code(ctx.d.sent[s.start], at=s.head.start, skip=skip)
    if code is None and sector is None:
        return None
    return ActorRef(code, sector)


def _slug(name: str) -> str:
    return _SLUG.sub("-", fold(name)).strip("-")


def _surname_key(name: str) -> str:
    """The folded surname of a name: its last word before any "Jr."/"Sr."/"III" ("Robert Calloway Jr.")."""
    words = name_words(name)
    return fold(words[-1]) if words else ""


def _resolve_person(s: _Structure, ctx: _Context) -> tuple[ActorRef, str, str | None]:
    """(actor, how, gender) for a name, with or without a title."""
    kb, d = ctx.kb, ctx.d
    title = _title_ref(s, kb, ctx)
    titled = s.role is not None or s.sector_hint is not None or s.igo_title
    how = "title" if titled else "honorific" if s.honorific is not None else "name"
    gender = s.honorific.entries[0].gender if s.honorific is not None and s.honorific.entries else None
    name_text = " ".join(d.text[s.head.start : s.head.end])
    person: Person | None = None
    if s.head.kind == "person":
        cands = [kb.people[e.actor_id] for e in s.head.entries if e.actor_id in kb.people]
        person = _pick_person(cands, title, ctx)
        if how == "name" and s.head.entries and s.head.entries[0].how == "alias":
            how = "alias"
    else:
        key = _surname_key(name_text)
        single = s.head.end - s.head.start == 1
        office = _role_office(s, kb)[0] if s.role is not None else None
        # A surname already introduced in the article (KB or new person) is that person, unless the title
        # names an office that person never held and a namesake did ("President Clinton" after Hillary).
        holders = [i for i in kb.surnames.get(key, []) if office and _ever_held(kb.people[i], office)]
        for seen in reversed(ctx.seen):
            name = seen.actor.name
            if holders and seen.actor.actor_id not in holders:
                continue
            if (
                seen.kind == "person"
                and name
                and _surname_key(name) == key
                and (single or fold(name_text) == fold(name))
            ):
                ref = ActorRef(
                    seen.actor.code, seen.actor.sector, seen.actor.name, seen.actor.actor_id, "person"
                )
                return ref, ("surname" if how == "name" else how), seen.gender or gender
        ids = kb.surnames.get(key, [])
        if single and not ids and not holders:
            # "Muse Bihi Abdi ... Bihi said", "Abiy Ahmed Ali ... Abiy": one word of exactly one person named in
            # full earlier, for names the KB does not know (many naming traditions shorten to a given name)
            partial = {
                seen.actor.name: seen
                for seen in ctx.seen
                if seen.kind == "person"
                and seen.actor.name
                and len(name_words(seen.actor.name)) >= 2
                and key in {fold(w) for w in name_words(seen.actor.name)}
            }
            if len(partial) == 1:
                seen = next(iter(partial.values()))
                ref = ActorRef(
                    seen.actor.code, seen.actor.sector, seen.actor.name, seen.actor.actor_id, "person"
                )
                return ref, ("surname" if how == "name" else how), seen.gender or gender
        ids = holders or ids
        named = [i for i in ids if i in ctx.doc_people]
        if single and len(named) == 1:  # "Trump's taxes" in a headline, "Donald Trump" in the body
            person = kb.people[named[0]]
            how = "surname" if how == "name" else how
        elif single and len(holders) == 1:  # "President Clinton": the namesake who held that office
            person = kb.people[holders[0]]
        elif ids and single:
            person = _pick_person([kb.people[i] for i in ids], title, ctx, strict=True, gender=gender)
            if person is not None and how == "name":
                how = "surname"
    former = bool(set(s.qualifiers) & _FORMER)
    if person is not None:
        # The office held on the date, else the country the title states, else the nearest office; the
        # context country only for someone the KB cannot place.
        ref = person.ref_at(ctx.date, _title_ref(s, kb, ctx, use_context=False), kb.countries)
        if s.igo_title and title is not None and title.code:  # the apposition says whom they speak for
            ref = ActorRef(title.code, "IGO", ref.name, ref.actor_id, "person")
        if ref.code is None and title is not None:
            ref = ActorRef(title.code, title.sector, ref.name, ref.actor_id, "person")
        # a former holder: no sector, unless the text gives a current title the KB lacks
        current_title = titled and title is not None and title.sector is not None and not former
        if not person.offices_at(ctx.date) and (
            former or (_out_of_office(person, ctx.date) and not current_title)
        ):
            party = _party_of(s, ctx) if not former else None
            ref = ActorRef(party.code if party else ref.code, party.sector if party else None, ref.name,
                           ref.actor_id, "person")  # fmt: skip
        return ref, how, person.gender or gender
    sector = title.sector if title is not None and not former else None
    party = _party_of(s, ctx) if title is None else None
    if party is not None:  # "Lindiwe Mokoena of the ANC": a politician of that party
        title = ActorRef(party.code, party.sector)
        sector = party.sector
    ref = ActorRef(title.code if title else None, sector, name_text, f"new:{_slug(name_text)}", "person")
    if gender is None and s.head.end - s.head.start > 1:  # "Maria Kowalski": the given name's gender
        gender = kb.first_names.get(d.keys[s.head.start])
    return ref, how, gender


_PARTY_SECTORS = frozenset({"PTY", "OPP"})
_PARTY_WORDS = frozenset({"the", "ruling", "governing", "main", "opposition", "party", "'s"})


def _party_of(s: _Structure, ctx: _Context) -> ActorRef | None:
    """The party a name is placed in right after it ("Daniel Chapo of the ruling Frelimo party", "X of the
    ANC"): the party's code and sector, for someone who holds no office on the date."""
    d, k = ctx.d, s.end
    if k >= d.n or d.keys[k] != "of":
        return None
    k += 1
    while k < d.n and d.keys[k] in _PARTY_WORDS and k - s.end < 4:
        k += 1
    party = ctx.struct_at.get(k) or (ctx.struct_at.get(k - 1) if d.keys[k - 1] == "the" else None)
    if party is None or party.kind != "simple" or party.head.kind != "org":
        return None
    ref = _peek(ctx, party)
    return ref if ref is not None and ref.code and ref.sector in _PARTY_SECTORS else None


def _out_of_office(p: Person, date: str | None) -> bool:
    """True when no office term of ``p`` in the KB covers ``date``: after every term ("Imran Khan" in
    2023), before the first ("Margus Tsahkna" in 2020, foreign minister from 2023) or between two. The
    person keeps the country but speaks for no government. Undated text says nothing about this."""
    if not p.offices or date is None:
        return False
    return not p.offices_at(date)


def _ever_held(p: Person, office: str) -> bool:
    return any(o.office == office for o in p.offices)


def _pick_person(
    cands: list[Person],
    title: ActorRef | None,
    ctx: _Context,
    strict: bool = False,
    gender: str | None = None,
) -> Person | None:
    """The person among namesakes: the one in office on the date (in the title's country if any).

    ``strict`` is for a bare surname: with several namesakes nobody is guessed, and someone out of office
    on the date is taken only when the surname is not an ordinary English word ("Merkel" yes, "Jones" or
    "Rice" no). An honorific's gender ("Ms.") rules out people of the other gender."""
    if gender:
        cands = [p for p in cands if p.gender in (None, gender)]
    if not cands:
        return None
    if len(cands) == 1 and not strict:
        return cands[0]
    in_office = [p for p in cands if p.offices_at(ctx.date)]
    if strict and not in_office and ctx.date is not None:
        cands = [p for p in cands if not ctx.kb.is_english_word(name_words(p.name)[-1])]
        if not cands:
            return None
    if title is not None and title.code:
        matching = [p for p in in_office or cands if any(o.code == title.code for o in p.offices)]
        if len(matching) == 1:
            return matching[0]
    if len(in_office) == 1:
        return in_office[0]
    if len(cands) == 1:
        return cands[0]
    if strict and ctx.date is None and len({o.code for p in cands for o in p.offices}) == 1:
        # Namesakes of one country in an undated text ("President Bush"): the latest, as for current holders.
        return max(cands, key=lambda p: max(o.start for o in p.offices))
    return None if strict else (in_office or cands)[0]


def _role_term(s: _Structure, kb: KnowledgeBase) -> RoleTerm | None:
    """The reading of the role noun that fits its country: "chancellor" is the head of government with
    "German" and the finance minister with "British"; without a country the general reading wins."""
    if s.role is None or not s.role.entries:
        return None
    terms = [e.role for e in s.role.entries if e.role is not None]
    if not terms:
        return None
    codes = {r.code for m in s.modifiers if (r := _modifier_ref(m, kb)) is not None and r.code}
    for t in terms:
        if codes & set(t.countries):
            return t
    general = [t for t in terms if not t.countries]
    return general[0] if general else terms[0]


def _role_office(s: _Structure, kb: KnowledgeBase) -> tuple[str | None, tuple[str, ...], str | None]:
    role = _role_term(s, kb)
    if role is None:
        return None, (), None
    return role.office, role.countries, fold(role.term)


def _title_given(role: RoleTerm | None, term: str, titles: tuple[str, ...]) -> bool:
    """Whether a person's titles (folded role terms the text gave them, KB office titles) contain the role
    term or an equivalent form of it from the same office_terms.tsv row: "the leader of the opposition"
    after "opposition leader X"."""
    if any(term in t for t in titles):
        return True
    # another form of the row names the same title only when the text gave exactly that form
    return role is not None and any(t in role.variants for t in titles)


def _resolve_role(s: _Structure, ctx: _Context, sentence: int) -> tuple[ActorRef | None, str | None]:
    """A role nominal: the person named earlier in that office, else the holder on the date, else the
    country and sector alone."""
    kb = ctx.kb
    office, countries, term = _role_office(s, kb)
    role = _role_term(s, kb)
    d = ctx.d
    if (
        role is not None
        and not role.sector
        and not s.modifiers
        and s.end + 1 < d.n
        and d.keys[s.end] in ("for", "of")
        and (spoken := ctx.struct_at.get(s.end + 1) or ctx.struct_at.get(s.end + 2)) is not None
        and spoken.start == s.end + 1
        and (voice := _peek(ctx, spoken)) is not None
        and (voice.code or voice.sector)
    ):  # "a spokesman for the group": whom they speak for (office_terms.tsv gives them no sector)
        return ActorRef(voice.code, "IGO" if voice.kind == "igo" else voice.sector), None
    title = _title_ref(s, kb, ctx, use_context=False)  # the country the text gives, not the context's
    code = title.code if title else None
    sector = title.sector if title else None
    side = next(
        (m.entries[0].sector for m in s.modifiers if m.kind == "group_noun" and m.entries),
        role.sector if role is not None else None,
    )
    if side in _NON_STATE_SECTORS:
        # "the rebel leader", "a gang leader", "the opposition leader": the head of that side, not the
        # country's leader; the person named earlier with such a title, else the side alone
        for seen in reversed(ctx.seen) if ctx.d.keys[s.start] not in ("a", "an") else ():
            if (
                seen.kind == "person"
                and seen.actor.sector == side
                and term
                and _title_given(role, term, seen.titles)
            ):
                a = seen.actor
                return ActorRef(a.code, a.sector, a.name, a.actor_id, "person"), seen.gender
        if code is None:
            skip = _targets_for(ctx.d, s, side)
            code = ctx.context_code(sentence, local=side in _LOCAL_SECTORS, skip=skip)
        if code and side == "OPP" and office == "leader" and ctx.d.keys[s.start] not in ("a", "an"):
            # "Israel's opposition leader": the one opposition leader the KB has on the date (a country has
            # many armed groups, so "the rebel leader" is not looked up this way)
            sides = [t for t in kb.holders_at(code, "leader", ctx.date) if t.sector == side]
            if len(sides) == 1:
                p = kb.people[sides[0].actor_id]
                return p.ref_at(ctx.date), p.gender
        return ActorRef(code, side), None
    if any(q in _NOT_HOLDER for q in s.qualifiers) or ctx.d.keys[s.start] in ("a", "an"):
        # "a former minister", "a spokesman said": someone in that role, not the holder; a former holder
        # keeps the country but not the office's sector
        if set(s.qualifiers) & _FORMER:
            sector = None
        return (ActorRef(code, sector) if code or sector else None), None
    specific = office not in (None, "other")
    # "the president", "Russia's president" point at someone; a bare "King" or "commander in chief" may not
    definite = s.start < s.role.start if s.role is not None else True
    strong, weak = _office_words(s, kb)
    for seen in reversed(ctx.seen):
        if seen.kind != "person":
            continue
        if code and seen.actor.code != code:
            continue
        if seen.stems and not (strong | (weak if office in _SHARED_OFFICES else frozenset())) <= seen.stems:
            continue  # "the defence ministry spokesman" after a foreign ministry spokesperson: someone else
        if (specific and office in seen.offices) or (term and _title_given(role, term, seen.titles)):
            a = seen.actor
            return ActorRef(a.code, a.sector, a.name, a.actor_id, "person"), seen.gender
    if code is None and specific and not countries and definite:
        code = ctx.context_code(sentence, skip=_targets_for(ctx.d, s, sector or "GOV"))
    if code and specific and office:
        term_held: OfficeTerm | None = (
            kb.leader(code, ctx.date) if office == "leader" else _single_holder(s, ctx, code, office)
        )
        if term_held is not None:
            p = kb.people[term_held.actor_id]
            return p.ref_at(ctx.date), p.gender
    if code or sector:
        return ActorRef(code, sector), None
    return None, None


# Offices a country fills with several people at once, some of whom the KB files under "other" (a defence
# ministry spokesperson beside the foreign ministry's, a regional commander beside the chief of staff).
_SHARED_OFFICES = frozenset({"spokesperson", "commander"})
_HEAD_BREAKS = frozenset({"of", "in", "for"})
_WORDS_KINDS = frozenset({"group_noun", "metonym", "org"})


def _role_head(term: str) -> str:
    """The head noun of a role term: the last word before "of"/"in"/"for", else the last word ("chief of
    general staff" -> "chief", "commander in chief" -> "commander", "foreign ministry spokesman" ->
    "spokesman")."""
    words = term.split()
    cut = next((k for k, w in enumerate(words) if w in _HEAD_BREAKS and k > 0), len(words))
    return words[cut - 1] if words else ""


def _office_words(s: _Structure, kb: KnowledgeBase) -> tuple[frozenset[str], frozenset[str]]:
    """The stems that say which of several co-holders a role nominal means (title_words.tsv), as (strong,
    weak): strong from the body and the institution named before the role noun ("defence ministry
    spokesman", "Kremlin spokesman", "White House press secretary"; an organisation that is itself the
    holder's employer, "UN spokesman", gives the country, not a qualifier); weak from the role term's own
    words besides its head noun ("foreign ministry spokesman", "press secretary")."""
    role = _role_term(s, kb)
    if role is None:
        return frozenset(), frozenset()
    head = kb.title_stems(_role_head(fold(role.term)))
    giver = next((m for m in s.modifiers if m.kind != "group_noun" and m.entries and m.entries[0].code), None)
    strong: set[str] = set()
    for m in s.modifiers:
        if m.kind not in _WORDS_KINDS or (m is giver and m.kind == "org"):
            continue
        strong |= kb.title_stems(" ".join(w for w in m.entries[0].surface) if m.entries else "")
    weak = kb.title_stems(fold(role.term)) - head
    return frozenset(strong - head), frozenset(weak - strong)


def _single_holder(s: _Structure, ctx: _Context, code: str, office: str) -> OfficeTerm | None:
    """The one holder of ``office`` for ``code`` on the date that the role nominal singles out, else None.

    Co-holders (two foreign ministry spokespeople; for a spokesperson or commander also the "other" posts
    whose title has the role's head noun, such as a defence ministry spokesperson) are told apart by the
    words before the role noun, which every fitting title must contain; with several left, second-rank
    posts ("Deputy Spokesperson") are passed over, then the role term's own words must fit too. A bare
    "spokesman" of a country with two spokespeople names nobody."""
    kb = ctx.kb
    terms = kb.holders_at(code, office, ctx.date)
    role = _role_term(s, kb)
    head = kb.title_stems(_role_head(fold(role.term))) if role is not None else frozenset()
    if office in _SHARED_OFFICES and head:
        terms += [t for t in kb.holders_at(code, "other", ctx.date) if head <= kb.title_stems(t.title)]
    if not terms:
        return None
    strong, weak = _office_words(s, kb)
    terms = [t for t in terms if strong <= kb.title_stems(t.title)]
    if len({t.actor_id for t in terms}) > 1:
        terms = [t for t in terms if not kb.rank_title(t.title)] or terms
    if len({t.actor_id for t in terms}) > 1:
        terms = [t for t in terms if weak <= kb.title_stems(t.title)]
    return terms[0] if len({t.actor_id for t in terms}) == 1 else None


def _resolve_group(s: _Structure, ctx: _Context, sentence: int) -> ActorRef:
    noun_sector = s.sector_hint or (s.head.entries[0].sector if s.head.entries else None)
    if s.modifiers:
        m = s.modifiers[0]
        ref = _modifier_ref(m, ctx.kb, ctx.date)
        if ref is not None:
            if m.kind == "org" and ref.kind == "group":
                return ref  # "Hamas fighters": the group itself
            if m.kind == "org":  # "NATO troops" NATO MIL; "NATO officials" speak for NATO: IGO
                igo_voice = ref.kind == "igo" and noun_sector == "GOV"
                return ActorRef(ref.code, "IGO" if igo_voice else noun_sector, None, None)
            if m.kind == "demonym" and ref.code and (_ethnic(ctx.d, m.start) or _people_noun(ctx.d, s.head)):
                return ActorRef(ctx.residence(sentence, ref.code), noun_sector)
            return ActorRef(ref.code, noun_sector)
    owner = ctx.pronoun_at.get(s.start - 1)
    if owner is not None and ctx.d.tag[s.start - 1] == "PRP$" and owner.code:
        return ActorRef(owner.code, noun_sector)  # "Syria ... its troops": the owner's country
    d = ctx.d
    holder = ctx.by_end.get(s.start - 1) if s.start > 1 and d.keys[s.start - 1] in ("'s", "’s") else None
    if holder is not None and holder.kind == "person" and holder.actor.code:
        return ActorRef(holder.actor.code, noun_sector)  # "Traoré's government": the person's country
    if s.head.end + 1 < d.n and d.keys[s.head.end] == "of":
        # "the junta of Captain Ibrahim Traoré": the known person it belongs to (named just after it)
        later = ctx.struct_at.get(s.head.end + 1) or ctx.struct_at.get(s.head.end + 2)
        if later is not None and later.kind == "person" and later.start <= s.head.end + 2:
            people = [ctx.kb.people[e.actor_id] for e in later.head.entries if e.actor_id in ctx.kb.people]
            codes = {p.ref_at(ctx.date).code for p in people} - {None}
            if len(codes) == 1:
                return ActorRef(codes.pop(), noun_sector)
    if s.start > 0 and ctx.d.keys[s.start - 1] == "whose":
        # "Colonel Mamady Doumbouya, whose special forces seized power": the relative clause's antecedent
        verb = ctx.d.head[s.head.end - 1]
        antecedent = ctx.d.head[verb] if ctx.d.dep[verb] == "relcl" else None
        seen = ctx.by_end.get(antecedent + 1) if antecedent is not None else None
        if seen is not None and seen.actor.code:
            return ActorRef(seen.actor.code, noun_sector)
    if s.many_sides:
        return ActorRef(None, noun_sector)
    seated = s.head.end < ctx.d.n and ctx.d.keys[s.head.end] in _SEAT_WORDS  # "a company based in Dubai"
    if s.located and (
        noun_sector in _LOCATED_SECTORS or seated
    ):  # "rebels in Western Sahara": where they are
        return ActorRef(s.located, noun_sector)
    skip = _targets_for(ctx.d, s, noun_sector)
    home = _home_institution(s, ctx, sentence, skip) or _institution_of_person(s, ctx, sentence, skip)
    if home is not None:
        return ActorRef(home, noun_sector)
    return ActorRef(ctx.context_code(sentence, local=noun_sector in _LOCAL_SECTORS, skip=skip), noun_sector)


def _home_institution(s: _Structure, ctx: _Context, sentence: int, skip: frozenset[int]) -> str | None:
    """The country of a story's own institutions ("the authorities", "the electoral council", "the government")
    when it is filed from a country it names: the dateline's, where the sentence names no other country, or
    where the institution is the object of another country's act ("US Ambassador Julie Chung urged the
    authorities to show restraint" in a story filed from Colombo). None when the text decides otherwise."""
    if not ctx.filed_in_story() or not s.head.entries:
        return None
    noun = fold(" ".join(ctx.d.text[s.head.start : s.head.end]))
    words = noun.split()
    if not words or words[-1] not in _HOME_INSTITUTIONS:
        return None
    head = s.head.end - 1
    here = Counter(c for i, c in ctx.sentence_positions.get(sentence, ()) if i not in skip)
    dateline = ctx.dateline_code
    if dateline in here:
        return dateline
    governed = ctx.d.dep[head] in ("dobj", "pobj", "dative", "iobj")
    if here and governed:
        return dateline  # the object of a foreign party's act is the host country's institution
    if not here and words[-1] in _HOME_ONLY:
        return dateline  # "the authorities" with no country in view: the story's own
    return None


def _institution_of_person(s: _Structure, ctx: _Context, sentence: int, skip: frozenset[int]) -> str | None:
    """ "Colonel Mamady Doumbouya ... dissolved the government": a state institution in a sentence that names no
    country takes the one country of the people named before it in that sentence."""
    if not s.head.entries:
        return None
    words = fold(" ".join(ctx.d.text[s.head.start : s.head.end])).split()
    if not words or words[-1] not in _HOME_INSTITUTIONS:
        return None
    if any(i not in skip for i, _ in ctx.sentence_positions.get(sentence, ())):
        return None
    return ctx._person_country(sentence)


def _metonym_owner(s: _Structure, ctx: _Context) -> str | None:
    """The country a possessive or adjective right before a metonym names ("Peru's Congress", "the Peruvian
    Congress"), when an institution's name is shared across countries; else None."""
    d = ctx.d
    i = s.head.start
    if i >= 2 and d.keys[i - 1] in ("'s", "’s"):
        seen = ctx.by_end.get(i - 1)
    elif i >= 1:
        seen = ctx.by_end.get(i)
    else:
        seen = None
    if seen is not None and seen.actor.code and seen.kind in ("state", "metonym", "collective"):
        return seen.actor.code
    before = dict(ctx.sentence_positions.get(d.sent[i], ()))
    return before.get(i - 1)  # "the Peruvian Congress": a demonym right before


def _resolve_simple(a: _Atom, kb: KnowledgeBase, date: str | None) -> tuple[ActorRef | None, str, bool]:
    """(actor, how, plural) for a standalone country, organisation, metonym, capital or demonym."""
    e = a.entries[0]
    if a.kind == "country" and e.code:
        c = kb.country(e.code)
        return (c.ref() if c else ActorRef(e.code, "GOV")), e.how, False
    if a.kind == "org" and e.actor_id:
        ref = kb.org_ref(e.actor_id, date)  # as of the date (transitions.tsv)
        return (ref if ref else ActorRef(e.code, e.sector, e.name, e.actor_id, "org")), e.how, False
    if a.kind in ("metonym", "capital"):
        return ActorRef(e.code, e.sector), "metonym", False
    if a.kind == "place":  # a city or region: its country, no sector (it is where, more than who)
        return ActorRef(e.code, None, None, None, "place"), "name", False
    if a.kind == "demonym":
        # "Russians" are people of the country; "Russian" alone qualifies something that is not an actor
        return ActorRef(e.code, "CVL" if e.plural else None), "demonym", e.plural
    return None, "unresolved", False


_KIND_OF_ATOM = {"country": "state", "capital": "metonym", "metonym": "metonym", "place": "place"}


def _antecedent(ctx: _Context, i: int, sentence: int, refers: tuple[str, ...], gender: str | None,
                number: str | None, window: int = _PRONOUN_WINDOW,
                sectors: set[str] | None = None) -> _Seen | None:  # fmt: skip
    """The most salient earlier mention compatible with a pronoun or anaphor (and, given ``sectors``, of one
    of those sectors): nearest sentence first, the subject of that sentence before other mentions, then
    the latest."""
    best: _Seen | None = None
    best_key: tuple[int, int, int] | None = None
    own_subject = _clause_subject(ctx.d, i)
    excluded = (
        next((v for e, v in ctx.by_end.items() if v.start <= own_subject < e), None)
        if own_subject is not None
        else None
    )
    for seen in reversed(ctx.seen):
        if sentence - seen.sentence > window:
            break
        if seen.start >= i:
            continue
        if excluded is not None and _same_actor(seen.actor, excluded.actor):
            continue  # "X summoned the ambassador to hand him the notice": "him" is not X
        if not _compatible(seen, refers, gender, number):
            continue
        if sectors is not None and seen.actor.sector not in sectors:
            continue
        # a coordination outranks its own last member ("Russia and Ukraine ... they": both, not Ukraine)
        key = (sentence - seen.sentence, 0 if seen.subject else 1, 0 if seen.members else i - seen.start)
        if best_key is None or key < best_key:
            best, best_key = seen, key
    return best


_ANAPHOR_WINDOW = 10  # sentences back that "the alliance", "the group" look for their organisation


def _anaphor_antecedent(
    ctx: _Context, s: _Structure, sentence: int, noun_sector: str | None = None
) -> _Seen | None:
    """The organisation or group a definite description names: the nearest earlier mention whose kind is
    one the noun refers to (coref.tsv ``refers_to``) and, where coref.tsv gives the noun sectors, whose
    sector is one of them ("the militia": REB; "the party": PTY or OPP). ``noun_sector`` is the sector of a
    longer group noun ending in that word ("the paramilitary force" REB, "the opposition party" OPP), which
    the antecedent must share (a party, PTY, may be an opposition party)."""
    d = ctx.d
    w = next((x for x in ctx.kb.coref.get(d.keys[s.head.end - 1], ()) if x.kind == "anaphor"), None)
    if w is None:
        return None
    sectors = set(w.sector.split("|")) if w.sector else None
    if noun_sector is not None:
        sectors = {noun_sector, "OPP"} if noun_sector == "PTY" else {noun_sector}
    return _antecedent(ctx, s.start, sentence, w.refers_to, w.gender, w.number, _ANAPHOR_WINDOW, sectors)


def _definite_collective(ctx: _Context, s: _Structure) -> bool:
    """ "the group", "the paramilitary force", "the ruling party": a definite singular group noun with no
    country of its own whose last word is an anaphoric noun of coref.tsv."""
    d = ctx.d
    last = s.head.end - 1
    if s.modifiers or d.keys[s.start] != "the" or d.tag[last] not in ("NN", "NNP"):
        return False
    return any(x.kind == "anaphor" for x in ctx.kb.coref.get(d.keys[last], ()))


def _peek(ctx: _Context, s: _Structure) -> ActorRef | None:
    """What a later structure will resolve to, without resolving it (no coreference state changes): an
    anaphor's antecedent, a named organisation or country, a group noun's actor."""
    sentence = ctx.d.sent[s.start]
    if s.kind == "anaphor":
        ante = _anaphor_antecedent(ctx, s, sentence)
        return ante.actor if ante is not None else None
    if s.kind == "simple" and s.head.entries:
        return _resolve_simple(s.head, ctx.kb, ctx.date)[0]
    if s.kind == "group":
        return _resolve_group(s, ctx, sentence)
    return None


_CLAUSE_LINKS = frozenset({"advcl", "ccomp", "conj", "xcomp", "relcl", "parataxis"})
_REPORTING_LEMMAS = frozenset({"say", "state", "add", "announce", "report", "claim", "tell", "note", "warn"})


_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})


def _clause_subject(d: _Doc, i: int) -> int | None:
    """For an object pronoun ("him", "her", "them" as a verb's object) the token of the subject of its
    clause, or of the clause it depends on when it has none ("X summoned the envoy to hand him the note":
    X): a plain object pronoun never stands for that subject (a reflexive would). None otherwise."""
    if d.keys[i] not in _OBJECT_PRONOUNS or d.dep[i] not in ("dobj", "dative", "iobj"):
        return None
    v = d.head[i]
    for _ in range(3):
        subject = next(
            (k for k in range(d.n) if d.head[k] == v and k != v and d.dep[k] in _SUBJECT_DEPS), None
        )
        if subject is not None:
            return subject
        if d.dep[v] not in ("xcomp", "advcl") or d.head[v] == v:
            return None
        v = d.head[v]
    return None


def _thing_antecedent(ctx: _Context, i: int) -> bool:
    """True when "it" at token ``i`` most likely stands for a thing rather than an actor: the nearest
    subject of its clause or of the clauses it hangs on ("the tanker was heading ... when it was
    surrounded"), else the last subject before it in its sentence ("The ship sailed to Mariupol, where it
    was unloaded"), else the main subject of the previous sentence ("The ship left port. It was seized."),
    is a singular common noun that is no actor ("the tanker", "the plan"). A noun that reports
    ("a statement said it would") speaks for an actor and does not count."""
    d = ctx.d
    v = d.head[i]
    for _ in range(4):
        subject = next(
            (k for k in range(d.n) if d.head[k] == v and k != i and d.dep[k] in _SUBJECT_DEPS and k != v),
            None,
        )
        if subject is not None:
            return _thing_noun(ctx, subject)
        if d.dep[v] not in _CLAUSE_LINKS or d.head[v] == v:
            break
        v = d.head[v]
    sentence = d.sent[i]
    before = [k for k in range(i) if d.sent[k] == sentence and d.dep[k] in _SUBJECT_DEPS]
    if before:  # the previous clause of the sentence ("The ship sailed to Mariupol, where it was unloaded")
        return _thing_noun(ctx, before[-1])
    root = next((k for k in range(i) if d.sent[k] == sentence - 1 and d.dep[k] == "ROOT"), None)
    if root is None:
        return False
    subject = next(
        (k for k in range(d.n) if d.head[k] == root and d.dep[k] in _SUBJECT_DEPS and k != root), None
    )
    return subject is not None and _thing_noun(ctx, subject)


def _thing_noun(ctx: _Context, k: int) -> bool:
    d = ctx.d
    if d.tag[k] != "NN" or k in ctx.actor_tokens:
        return False
    return d.doc[d.head[k]].lemma_ not in _REPORTING_LEMMAS


def _compatible(seen: _Seen, refers: tuple[str, ...], gender: str | None, number: str | None) -> bool:
    if seen.kind == "person":
        if "person" not in refers or number == "pl":
            return False
        return gender is None or seen.gender is None or seen.gender == gender
    if "person" in refers and len(refers) == 1:
        return False
    if number == "pl" and seen.plural:
        return "plural" in refers
    if seen.plural:
        return False
    return seen.kind in refers or (seen.actor.kind or "") in refers


def _is_subject(d: _Doc, start: int, end: int) -> bool:
    return any(d.dep[i] in _SUBJECT_DEPS and not start <= d.head[i] < end for i in range(start, end))


def resolve_mentions(doc: Doc, pub_date: str | None, kb: KnowledgeBase) -> list[Mention]:
    """Every actor mention of ``doc`` resolved as of ``pub_date`` (YYYY-MM-DD; None: as of now), sorted by
    start, with character offsets into ``doc.text``."""
    d = _Doc(doc)
    if d.n == 0:
        return []
    atoms = _company_atoms(d, kb, _phrase_atoms(d, kb))
    taken = [False] * d.n
    for a in atoms:
        for i in range(a.start, a.end):
            taken[i] = True
    title_ends = {a.end for a in atoms if a.kind in ("role", "honorific", "group_noun")}
    atoms += _name_atoms(d, kb, taken, [a for a in atoms if a.kind == "person"], title_ends)
    atoms += _place_atoms(d, kb, taken, atoms, pub_date[:10] if pub_date else None)
    atoms = _namesake_cities(d, kb, atoms)
    atoms += _pronoun_atoms(d, kb, taken)
    atoms.sort(key=lambda a: a.start)
    structs = _structures(d, atoms, kb)
    ctx = _Context(kb, d, pub_date[:10] if pub_date else None)
    ctx.actor_tokens = {k for st in structs for k in range(st.start, st.end)}
    ctx.struct_at = {st.start: st for st in structs}
    if kb.use_places:  # where the story was filed ("TBILISI —"): the datelines the geo layer reads
        from eventwire.geo import find_datelines

        filed = find_datelines(d.full_text, kb.places)
        ctx.dateline_code = filed[0].place.country if filed else None
    for a in atoms:
        if (
            a.kind in _CONTEXT_KINDS
            and a.entries
            and a.entries[0].code
            and not a.entries[0].bloc
            and not _stance(d, a)
            and not _seat(d, a)
        ):
            code = a.entries[0].code
            ctx.sentence_codes.setdefault(d.sent[a.start], Counter())[code] += 1
            ctx.sentence_positions.setdefault(d.sent[a.start], []).append((a.start, code))
            if a.kind in ("place", "capital"):
                ctx.sentence_places.setdefault(d.sent[a.start], set()).add(code)
            ctx.doc_codes[code] += 1
        elif a.kind == "person":
            ctx.doc_people.update(e.actor_id for e in a.entries if e.actor_id)
            ctx.sentence_people.setdefault(d.sent[a.start], Counter()).update(
                _person_countries([a], kb, ctx.date)
            )
    return [m for s in structs for m in _resolve(s, ctx)]


_COORD_GAP = frozenset({",", "and"})


def _coordinate(ctx: _Context, s: _Structure, seen: _Seen) -> None:
    """Remember "Russia and Ukraine" (and "Russia, Ukraine and Belarus") as one plural antecedent whose
    members a later "they" stands for: the mention must be a conjunct (dependency ``conj``) of the one
    that ends right before its "and" or comma."""
    d = ctx.d
    j = s.start
    while j > 0 and d.keys[j - 1] in _COORD_GAP and s.start - j < 2:
        j -= 1
    if j == s.start:
        return
    prev = ctx.coord_at.get(j) or ctx.by_end.get(j)
    if prev is None or prev.sentence != seen.sentence:
        return
    first = prev.start
    if not any(d.dep[k] == "conj" and first <= d.head[k] < j for k in range(s.start, s.end)):
        return
    members = list(prev.members or (prev.actor,))
    if any(_same_actor(m, seen.actor) for m in members):
        return
    members.append(seen.actor)
    coord = _Seen(first, prev.sentence, "coordination", members[0], None, True, prev.subject or seen.subject,
                  members=tuple(members))  # fmt: skip
    if prev.members and prev in ctx.seen:
        ctx.seen.remove(prev)  # "Russia, Ukraine" grows into "Russia, Ukraine and Belarus"
    ctx.seen.append(coord)
    ctx.coord_at[s.end] = coord


def _same_actor(a: ActorRef, b: ActorRef) -> bool:
    return (a.actor_id, a.code, a.sector, a.name) == (b.actor_id, b.code, b.sector, b.name)


def _resolve(s: _Structure, ctx: _Context) -> list[Mention]:
    """The mention(s) of one structure: one, none, or one per member for a plural pronoun that stands for
    a coordination ("Russia and Ukraine ... they": a mention of Russia and one of Ukraine, same span)."""
    d = ctx.d
    m = _resolve_one(s, ctx)
    if m is None:
        return []
    seen = ctx.by_end.get(s.end)
    if seen is None or seen.start != s.start:
        return [m]
    if seen.members and s.kind == "pronoun":
        return [
            Mention(
                m.start,
                m.end,
                m.text,
                m.label,
                ActorRef(a.code, a.sector, a.name, a.actor_id, a.kind),
                m.how,
                m.sentence,
            )  # fmt: skip
            for a in seen.members
        ]
    if (
        s.kind in ("person", "simple", "group", "role")
        and m.actor is not None
        and d.keys[s.start]
        not in (
            "a",
            "an",
        )
    ):
        _coordinate(ctx, s, seen)
    return [m]


def _resolve_one(s: _Structure, ctx: _Context) -> Mention | None:
    d, kb = ctx.d, ctx.kb
    sentence = d.sent[s.start]
    subject = _is_subject(d, s.start, s.end)
    actor: ActorRef | None = None
    how = "unresolved"
    seen: _Seen | None = None
    label = s.label
    if s.kind == "person":
        actor, how, gender = _resolve_person(s, ctx)
        titles: tuple[str, ...] = (_role_office(s, kb)[2] or "",) if s.role is not None else ()
        offices = (
            tuple(o.office for o in kb.people[actor.actor_id].offices_at(ctx.date))
            if actor.actor_id in kb.people
            else ()
        )
        role = _role_term(s, kb)
        if role is not None and not set(s.qualifiers) & _NOT_HOLDER:
            offices += (role.office,)
        if actor.actor_id in kb.people:
            titles += tuple(fold(o.title) for o in kb.people[actor.actor_id].offices_at(ctx.date))
        strong, weak = _office_words(s, kb) if s.role is not None else (frozenset(), frozenset())
        stems = frozenset().union(strong, weak, *(kb.title_stems(t) for t in titles if t))
        seen = _Seen(s.start, sentence, "person", actor, gender, False, subject, titles, offices, stems=stems)
        label = s.label if s.label in ("title", "honorific") else "PERSON"
    elif s.kind == "role":
        actor, gender = _resolve_role(s, ctx, sentence)
        how = "role"
        if actor is not None and actor.actor_id:
            seen = _Seen(s.start, sentence, "person", actor, gender, False, subject)
        elif actor is None:
            how = "unresolved"
        elif d.tag[s.end - 1] in ("NN", "NNP"):  # "the Russian ambassador ... hand him": someone unnamed
            seen = _Seen(s.start, sentence, "person", actor, None, False, subject)
    elif s.kind == "group":
        actor = _resolve_group(s, ctx, sentence)
        how = "demonym" if s.modifiers and s.modifiers[0].kind == "demonym" else "group"
        plural = d.tag[s.head.end - 1] in ("NNS", "NNPS") or bool(s.head.entries and s.head.entries[0].plural)
        seen = _Seen(s.start, sentence, "collective", actor, None, plural, subject)
        if _definite_collective(ctx, s):  # "the paramilitary force" after the RSF: that group
            noun_sector = s.head.entries[0].sector if s.head.entries else None
            ante = _anaphor_antecedent(ctx, s, sentence, noun_sector)
            if ante is not None:
                a = ante.actor
                actor = ActorRef(a.code, a.sector, a.name, a.actor_id, a.kind)
                how = "role"
                seen = _Seen(s.start, sentence, ante.kind, actor, None, False, subject)
        org = (
            _modifier_ref(s.modifiers[0], kb, ctx.date)
            if s.modifiers and s.modifiers[0].kind == "org"
            else None
        )
        if org is not None and org.kind in ("igo", "org", "group"):  # "NATO leaders ... the alliance"
            ctx.seen.append(_Seen(s.start, sentence, org.kind, org, None, False, False))
        elif s.modifiers and s.modifiers[0].kind == "country" and s.modifiers[0].entries:
            # "Bangladesh police ... across the country": the country is named too (remembered before the
            # group, which stays the nearer antecedent of "its")
            state = _modifier_ref(s.modifiers[0], kb, ctx.date)
            if state is not None and state.code:
                ctx.seen.append(_Seen(s.start, sentence, "state", state, None, False, False))
    elif s.kind == "simple":
        actor, how, plural = _resolve_simple(s.head, kb, ctx.date)
        if actor is not None and actor.code and s.head.kind == "demonym" and _ethnic(d, s.head.start):
            actor = ActorRef(ctx.residence(sentence, actor.code), actor.sector)
        if actor is not None and s.head.kind == "metonym":
            owner = _metonym_owner(s, ctx)
            if owner is not None and owner != actor.code:
                actor = ActorRef(owner, actor.sector)  # "Peru's Congress": Peru's, not the US Congress
        if actor is not None:
            kind = _KIND_OF_ATOM.get(s.head.kind, actor.kind or "org")
            if s.head.kind != "demonym" or plural:
                seen = _Seen(
                    s.start, sentence, "collective" if plural else kind, actor, None, plural, subject
                )
        label = s.head.label or {"country": "GPE", "capital": "GPE", "demonym": "NORP", "org": "ORG"}.get(
            s.head.kind, s.head.kind
        )
    elif s.kind in ("pronoun", "anaphor"):
        key = (
            d.keys[s.head.start] if s.kind == "pronoun" else fold(" ".join(d.text[s.head.start : s.head.end]))
        )
        words = kb.coref.get(key) or []
        w = next((x for x in words if x.kind == s.kind), None)
        if w is None:
            return None
        ante = (
            _antecedent(ctx, s.head.start, sentence, w.refers_to, w.gender, w.number)
            if s.kind == "pronoun"
            else _anaphor_antecedent(ctx, s, sentence)
        )
        if ante is not None and s.kind == "pronoun" and key == "it" and _thing_antecedent(ctx, s.head.start):
            ante = None  # "the tanker was heading to the UAE when it was surrounded": the tanker
        if ante is None:
            if s.kind == "anaphor":
                return None
            return Mention(doc_char(d, s.start), doc_char_end(d, s.end), _span_text(d, s), "pronoun", None,
                           "unresolved", sentence)  # fmt: skip
        a = ante.actor
        actor = ActorRef(a.code, a.sector, a.name, a.actor_id, a.kind)
        how = "pronoun" if s.kind == "pronoun" else "role"
        seen = _Seen(s.start, sentence, ante.kind, actor, ante.gender, ante.plural, subject, ante.titles,
                     ante.offices, ante.members)  # fmt: skip
        label = s.kind
        if s.kind == "pronoun":
            ctx.pronoun_at[s.start] = actor
    if seen is not None:
        ctx.seen.append(seen)
        ctx.by_end[s.end] = seen
    return Mention(
        doc_char(d, s.start), doc_char_end(d, s.end), _span_text(d, s), label, actor, how, sentence
    )


def doc_char(d: _Doc, i: int) -> int:
    return d.idx[i]


def doc_char_end(d: _Doc, end: int) -> int:
    return d.idx[end - 1] + len(d.text[end - 1])


def _span_text(d: _Doc, s: _Structure) -> str:
    return d.full_text[doc_char(d, s.start) : doc_char_end(d, s.end)]
