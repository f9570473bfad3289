"""Give each event its place: where the article says it happened.

Rules, in order (the first that finds a place wins):

1. **locative**: a place attached by a locative preposition ("in", "at", "near", "outside", "across", "on the
   outskirts of", "in the northern city of") to the trigger or to a word of the trigger's clause
   ("shelled homes *in Kharkiv*"); nearest to the trigger first, the most specific place of an apposition
   ("in Bam, Iran" is Bam). For motion events (aid, deployments, withdrawals, extraditions) also "to",
   "into" and "from" ("sent troops *to Belarus*"); for attacks and seizures the place hit ("Missiles hit
   *Kyiv*"), and for visits the place visited;
2. **sentence**: another place in the sentence that is not an actor: places that are the subject or object
   of a verb ("*Moscow* said", "*Washington* imposed") speak for a government and are skipped, and so are
   countries that modify the trigger or an actor ("*U.S.* sanctions", "*Russian*-backed");
3. **dateline**: the dateline of the article ("KYIV —" at the start of a paragraph) before the event, or
   the article's first one;
4. otherwise no place.

Ambiguous names are resolved with the article as context: the dateline's country, countries and unambiguous
places named in the article, and (weakly: envoys travel, armies fight abroad) the event's actors and the
sentence's demonyms. Tripoli alone is Libya's capital; under a "BEIRUT —" dateline it is Tripoli, Lebanon.

>>> from eventwire.nlp import load_model
>>> from eventwire.records import Event
>>> doc = load_model()("BEIRUT \u2014 Gunmen clashed with soldiers in Tripoli on Sunday.")
>>> ev = Event(type="ASSAULT", source=[], target=[], sentence_span=(0, 59), trigger_span=(16, 23))
>>> locate_events(doc, [ev], "2022-02-02")
>>> ev.location
'Tripoli, Lebanon'
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from eventwire.geo.gazetteer import (
    Candidate,
    Gazetteer,
    Place,
    PlaceContext,
    _rows,
    default_data_dir,
    fold,
    load_gazetteer,
)
from eventwire.nlp.dateline import DATELINE
from eventwire.records import ActorRef, Event

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels spaCy's small model often gives to places it does not know ("Khan Younis" PERSON, "Kharkiv" ORG);
# such a span counts only where a locative preposition or an attack's object makes it a place.
_WEAK_LABELS = frozenset({"PERSON", "ORG", "NORP", ""})
_NOUNS = frozenset({"NOUN", "PROPN"})
_ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "dative", "iobj", "attr", "agent", "csubj", "oprd", "expl"}
)
# Dependencies that open a new clause: a place inside one is not where the trigger's event happened.
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass"})
# Boundaries a sentence-level place may cross: an adverbial clause on the trigger's verb ("Speaking in
# Ankara, the minister accused ...") and a clause on its subject.
_OPEN_BOUNDARIES = frozenset({"advcl", "subject-clause"})
_AFTER_DATELINE = 5  # rank of places that only modify another noun: the dateline comes first
_VERBAL_DEPTH = 1  # how far below the trigger a statement's place may attach ("said on Monday in Moscow")
_SPECIFICITY = {"city": 0, "region": 1, "sea": 1, "country": 2}
_NP_DEPS = frozenset({"compound", "amod", "nmod", "flat", "appos", "conj", "nummod", "det", "poss"})
# A proper noun the model did not tag as a place is one after a preposition of place ("in Soroti"); as the
# object of an attack ("hit Kyiv") only when it names a country, a region or a city this big.
_MIN_WEAK_POPULATION = 100_000

# Context weights, in the units of the gazetteer's priors (1.0 is worth a factor of ten in population); each
# kind of evidence counts once per country. Places the article names are strong evidence (an article that
# reports clashes "across northern Lebanon" means Tripoli, Lebanon, not Libya's capital), but a sentence
# evidence plus the article's is needed to pick a namesake town over a world city.
_DATELINE_WEIGHT = 3.0
_NAMED_IN_SENTENCE = 3.0
_NAMED_IN_ARTICLE = 2.5
# Actors are weak evidence: envoys travel, armies fight abroad ("Russian forces shelled Donetsk" is Donetsk,
# Ukraine, not the town of Donetsk in Russia's Rostov region).
_EVENT_ACTOR = 0.75  # the event's actors other than people, and the sentence's demonyms ("Pakistani police")
_ARTICLE_ACTOR = 0.25  # the same over the article
_APPOSITION = 5.0

_DATELINE = DATELINE


@dataclass(frozen=True, slots=True)
class Locatives:
    """The term lists of ``data/geo/locatives.tsv``."""

    locative_preps: frozenset[str]
    directional_preps: frozenset[str]
    locative_nouns: frozenset[str]
    region_nouns: frozenset[str]
    area_modifiers: frozenset[str]
    object_place_types: frozenset[str]
    motion_types: frozenset[str]
    visit_verbs: frozenset[str]
    verbal_types: frozenset[str]


@lru_cache(maxsize=4)
def load_locatives(data_dir: Path | None = None) -> Locatives:
    """Read ``data/geo/locatives.tsv`` once per process."""
    terms: dict[str, set[str]] = {}
    for row in _rows((data_dir or default_data_dir()) / "geo" / "locatives.tsv"):
        terms.setdefault(row["role"], set()).add(row["term"])

    def get(role: str) -> frozenset[str]:
        return frozenset(terms.get(role, ()))

    return Locatives(
        locative_preps=get("locative_prep"), directional_preps=get("directional_prep"),
        locative_nouns=get("locative_noun"), region_nouns=get("region_noun"),
        area_modifiers=get("area_modifier"), object_place_types=get("object_place_type"),
        motion_types=get("motion_type"), visit_verbs=get("visit_verb"), verbal_types=get("verbal_type"),
    )  # fmt: skip


@lru_cache(maxsize=4)
def _country_history(data_dir: Path | None = None) -> tuple[tuple[str, str, str], ...]:
    path = (data_dir or default_data_dir()) / "geo" / "country_history.tsv"
    return tuple((r["code"], r["before"], r["since"]) for r in _rows(path))


@dataclass(frozen=True, slots=True)
class EventPlace:
    """Where one event happened: the place, the text that named it (character offsets into the document) and
    the rule that chose it (``locative``, ``directional``, ``object``, ``sentence`` or ``dateline``)."""

    place: Place
    start: int
    end: int
    text: str
    basis: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline at the start of a paragraph ("KYIV —"): the place and its character span."""

    place: Place
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Ranked:
    """A mention that can be the event's place: its rank key (tier, depth, distance) and the rule."""

    key: tuple[int, int, int]
    mention: _Mention
    basis: str


@dataclass(slots=True)
class _Mention:
    """A stretch of the document that may name a place."""

    start: int  # token indices, end exclusive
    end: int
    root: Token
    candidates: list[Candidate]
    weak: bool  # not a GPE/LOC/FAC entity: counts only where the syntax makes it a place
    region_noun: str | None = None  # "the Kharkiv region": the place is the region around the city


def find_datelines(text: str, gazetteer: Gazetteer | None = None) -> list[Dateline]:
    """Datelines at the start of paragraphs: "KYIV —", "PARIS, Texas (AP) -", "Kyiv (Reuters) -".

    >>> [d.place.label for d in find_datelines("Title\\n\\nKYIV, Ukraine (Reuters) — Shelling went on.")]
    ['Kyiv, Ukraine']
    """
    gaz = gazetteer or load_gazetteer()
    found = []
    for m in _DATELINE.finditer(text):
        name = m.group("place")
        candidates = gaz.candidates(name)
        if not candidates:
            continue
        context = PlaceContext()
        extra = m.group("extra")
        if extra:
            hint = gaz.resolve(extra)
            if hint is not None and hint.country:
                context.add(hint.country, _APPOSITION)
                if hint.kind == "region" and hint.admin1:
                    context.admin1[(hint.country, hint.admin1)] = _APPOSITION
        place = gaz.choose(candidates, context)
        if place is not None:
            found.append(Dateline(place, m.start("place"), m.end("place"), name))
    return found


def locate_events(
    doc: Doc, events: Sequence[Event], pub_date: str | None = None, *, gazetteer: Gazetteer | None = None
) -> None:
    """Set ``Event.location`` ("Name, CountryName") of each event in place, ``None`` where the article says
    nowhere. Records that carry ``location_country``, ``lat`` and ``lon`` get those too.

    ``pub_date`` dates the country: a place in a state that did not yet exist is coded to the state it then
    belonged to (``data/geo/country_history.tsv``).
    """
    for event, found in zip(events, event_places(doc, events, pub_date, gazetteer=gazetteer), strict=True):
        place = found.place if found else None
        event.location = place.label if place else None
        for attr, value in (
            ("location_country", place.country if place else None),
            ("lat", place.lat if place else None),
            ("lon", place.lon if place else None),
        ):
            if hasattr(event, attr):
                setattr(event, attr, value)


def event_places(
    doc: Doc, events: Sequence[Event], pub_date: str | None = None, *, gazetteer: Gazetteer | None = None
) -> list[EventPlace | None]:
    """The :class:`EventPlace` of each event (``None`` where none is found), in the order of ``events``."""
    if not events:
        return []
    locator = _Locator(doc, gazetteer or load_gazetteer(), load_locatives(), events)
    return [_as_of(locator.locate(e), pub_date, locator.gaz) for e in events]


def _as_of(found: EventPlace | None, pub_date: str | None, gaz: Gazetteer) -> EventPlace | None:
    """Code the place to the country it belonged to on ``pub_date``."""
    if found is None or not pub_date or found.place.country is None:
        return found
    place = found.place
    changed = True
    while changed:
        changed = False
        for code, before, since in _country_history():
            if place.country == code and pub_date < since:
                name = _country_display(before, gaz)
                if place.kind == "country":
                    place = replace(place, name=name, country=before, country_name=name)
                else:
                    place = replace(place, country=before, country_name=name)
                changed = True
    return replace(found, place=place) if place is not found.place else found


def _country_display(code: str, gaz: Gazetteer) -> str:
    country = gaz.country(code)
    if country is not None:
        return country.name
    import pycountry

    rec = pycountry.historic_countries.get(alpha_3=code)
    return str(rec.name) if rec is not None else code


class _Locator:
    """Per-document state: place mentions, datelines and the article context."""

    def __init__(self, doc: Doc, gaz: Gazetteer, lex: Locatives, events: Sequence[Event]) -> None:
        self.doc = doc
        self.gaz = gaz
        self.lex = lex
        self.text = doc.text  # Doc.text joins every token on each call
        self.ents = list(doc.ents)
        tokens = list(doc)
        self.token_starts = [t.idx for t in tokens]
        self.pos = [t.pos_ for t in tokens]
        self.ent_types = [t.ent_type_ for t in tokens]
        self.datelines = find_datelines(self.text, gaz)
        self.mentions = self._find_mentions()
        self.mention_starts = [m.start for m in self.mentions]
        self.context = self._article_context(events)

    # -- place mentions -------------------------------------------------------------------------------------

    def _find_mentions(self) -> list[_Mention]:
        doc = self.doc
        taken = [False] * len(doc)
        out: list[_Mention] = []
        for ent in self.ents:
            if ent.label_ in PLACE_LABELS:
                m = self._lookup(ent.start, ent.end, weak=False, allow_inner=ent.label_ == "FAC")
                if m is not None:
                    out.append(m)
                    for i in range(m.start, m.end):
                        taken[i] = True
        # Proper nouns the model did not tag as places (or tagged PERSON/ORG): candidates, marked weak.
        pos, ent_types, n = self.pos, self.ent_types, len(doc)
        i = 0
        while i < n:
            label = ent_types[i]
            if taken[i] or pos[i] != "PROPN" or label in PLACE_LABELS or label in ("DATE", "TIME"):
                i += 1
                continue
            j = i
            while j < n and pos[j] == "PROPN" and not taken[j] and ent_types[j] == label:
                j += 1
            m = self._lookup(i, j, weak=True, allow_inner=False)
            if m is not None:
                out.append(m)
            i = j
        out.sort(key=lambda m: m.start)
        return out

    def _lookup(self, start: int, end: int, *, weak: bool, allow_inner: bool) -> _Mention | None:
        """The place a token range names: the whole text, then without determiners and narrowing words
        ("southern Lebanon"), then (FAC/LOC) its longest proper-noun stretch ("the Zaporizhzhia plant")."""
        doc, lex = self.doc, self.lex
        while start < end and doc[start].pos_ in ("DET", "PUNCT"):
            start += 1
        bare = start
        while bare < end - 1 and doc[bare].lower_ in lex.area_modifiers:
            bare += 1  # "southern Lebanon" -> Lebanon, after "South Sudan" and "West Bank" are tried whole
        region_noun = None
        if end - start > 1 and doc[end - 1].lower_ in lex.region_nouns:
            region_noun = doc[end - 1].lower_
        elif end < len(doc) and doc[end].lower_ in lex.region_nouns and doc[end - 1].head.i == end:
            region_noun = doc[end].lower_  # "the Kharkiv region": Kharkiv is a compound of region
        spans = [(start, end), (bare, end)]
        if region_noun and doc[end - 1].lower_ == region_noun:
            spans.append((bare, end - 1))
        if allow_inner:
            propn = [k for k in range(start, end) if doc[k].pos_ == "PROPN"]
            for size in range(min(len(propn), 4), 0, -1):
                for a in range(len(propn) - size + 1):
                    run = propn[a : a + size]
                    if run[-1] - run[0] == size - 1:
                        spans.append((run[0], run[-1] + 1))
        for a, b in spans:
            if a >= b:
                continue
            cands = self.gaz.candidates(doc[a:b].text)
            small = (
                cands and cands[0].place.kind == "city" and cands[0].place.population < _MIN_WEAK_POPULATION
            )
            if small and (a, b) != (start, end):
                continue  # a small town's name inside a facility's ("Ben Gurion Airport") is no evidence
            if cands:
                root = doc[a:b].root
                return _Mention(
                    a, b, root, cands, weak, region_noun if root.dep_ == "compound" or b < end else None
                )
        return None

    # -- context ----------------------------------------------------------------------------------------------

    def _article_context(self, events: Sequence[Event]) -> PlaceContext:
        ctx = PlaceContext()
        for code in {d.place.country for d in self.datelines}:
            ctx.add(code, _DATELINE_WEIGHT)
        for code in {_unambiguous_country(m.candidates) for m in self.mentions if self._names_place(m)}:
            ctx.add(code, _NAMED_IN_ARTICLE)
        actors = {self._iso3(ref.code) for e in events for ref in _actors(e) if not _is_person(ref)}
        actors |= {
            m.candidates[0].place.country for m in self.mentions if not m.weak and not self._names_place(m)
        }
        actors |= {self.gaz.demonyms.get(fold(ent.text)) for ent in self.ents if ent.label_ == "NORP"}
        for code in actors:
            ctx.add(code, _ARTICLE_ACTOR, actor=True)
        return ctx

    def _names_place(self, m: _Mention) -> bool:
        """Whether a mention is evidence of where the article is: a city or region named anywhere, a country
        after a preposition of place. A country as subject or modifier ("U.S. negotiators") is an actor."""
        if m.weak:
            return False
        if m.candidates[0].place.kind != "country":
            return True
        role, _, word = self._role(m)
        return role == "other" or (
            role == "pp" and (word in self.lex.locative_preps or word in self.lex.directional_preps)
        )

    def _iso3(self, code: str | None) -> str | None:
        return code if code and self.gaz.country(code) is not None else None

    def _event_context(self, event: Event, sent: Span, mentions: list[_Mention]) -> PlaceContext:
        ctx = self.context.copy()
        actors = {self._iso3(ref.code) for ref in _actors(event) if not _is_person(ref)}
        actors |= {
            self.gaz.demonyms.get(fold(ent.text))
            for ent in self.ents
            if ent.label_ == "NORP" and sent.start <= ent.start < sent.end
        }
        for code in actors:
            ctx.add(code, _EVENT_ACTOR, actor=True)
        for code in {_unambiguous_country(m.candidates) for m in mentions if self._names_place(m)}:
            ctx.add(code, _NAMED_IN_SENTENCE)
        return ctx

    # -- per event --------------------------------------------------------------------------------------------

    def locate(self, event: Event) -> EventPlace | None:
        doc = self.doc
        lo = bisect_left(self.token_starts, event.trigger_span[0])
        hi = bisect_left(self.token_starts, event.trigger_span[1])
        if lo >= len(doc):
            return self._dateline(event)
        trigger = list(range(lo, max(hi, lo + 1)))
        root = _span_root(doc, trigger)
        sent = doc[root].sent
        # The sentence, cut to the trigger's paragraph: a headline the parser ran into the lead is not context.
        text = self.text
        para_start = text.rfind("\n", 0, doc[root].idx) + 1
        para_end = text.find("\n", doc[root].idx)
        para_end = len(text) if para_end < 0 else para_end
        a = bisect_left(self.mention_starts, sent.start)
        b = bisect_right(self.mention_starts, sent.end - 1)
        mentions = [
            m
            for m in self.mentions[a:b]
            if m.end <= sent.end
            and para_start <= doc[m.start].idx < para_end
            and not any(d.start <= doc[m.start].idx < d.end for d in self.datelines)
        ]
        ranked = self._rank(event, trigger, root, mentions) if mentions else []
        ctx = self._event_context(event, sent, mentions) if ranked else self.context
        strong = [r for r in ranked if r.key[0] < _AFTER_DATELINE]
        if strong:
            return self._resolve(self._most_specific(strong, mentions, ctx), mentions, ctx)
        found = self._dateline(event)
        if found is None and ranked:
            return self._resolve(ranked[0], mentions, ctx)
        return found

    def _rank(self, event: Event, trigger: list[int], root: int, mentions: list[_Mention]) -> list[_Ranked]:
        """The mentions that can be the event's place, best first."""
        doc, lex = self.doc, self.lex
        anchors = _anchors(doc, trigger, root)
        trigger_set = set(trigger)
        reporting = _ancestors(doc[root])
        actor_names = {k for ref in _actors(event) for k in self._name_keys(ref)}
        out: list[_Ranked] = []
        for m in mentions:
            if m.start in trigger_set or fold(doc[m.start : m.end].text) in actor_names:
                continue  # the trigger itself, or an actor's name ("met Austin" is Lloyd Austin)
            role, host, word = self._role(m)
            path = _path(host, anchors, trigger_set) if host is not None else None
            in_clause = path is not None and not path[1]
            depth = path[0] if path is not None else 99
            basis, tier = None, 9
            if role == "pp" and word in lex.locative_preps and in_clause:
                # A statement's place is on its trigger; one deep inside what was said is its topic.
                topic = event.type in lex.verbal_types and depth > _VERBAL_DEPTH
                basis, tier = ("sentence", _AFTER_DATELINE) if topic else ("locative", 0)
            elif (
                role == "pp"
                and word in lex.directional_preps
                and in_clause
                and event.type in lex.motion_types
            ):
                basis, tier = "directional", 1
            elif role == "dobj" and host is not None and host.i in trigger_set:
                visit = event.type == "CONSULT" and doc[root].lemma_.lower() in lex.visit_verbs
                if event.type in lex.object_place_types or visit:
                    basis, tier = "object", 1  # "Missiles hit Kyiv", "Blinken visited Kyiv"
            elif role == "pp" and word == "of" and host is not None and host.i in trigger_set:
                basis, tier = (
                    ("object", 1) if event.type in lex.object_place_types else (None, 9)
                )  # "shelling of"
            if basis is None and not m.weak:
                basis, tier = self._sentence_tier(m, role, host, word, trigger_set, path, reporting)
            if basis is None or (m.weak and basis == "object" and _small_city(m)):
                continue
            out.append(_Ranked((tier, depth, abs(m.root.i - root)), m, basis))
        out.sort(key=lambda r: r.key)
        return out

    def _sentence_tier(
        self,
        m: _Mention,
        role: str,
        host: Token | None,
        word: str | None,
        trigger: set[int],
        path: tuple[int, frozenset[str]] | None,
        reporting: set[int],
    ) -> tuple[str | None, int]:
        """Rule 2: a place elsewhere in the sentence, unless it is an actor; ``_AFTER_DATELINE`` for a place
        that only modifies another noun ("Black Sea grain exports")."""
        lex = self.lex
        is_country = m.candidates[0].place.kind == "country"
        if role in ("dobj", "argument") or host is None:
            return None, 9  # "Moscow said", "Washington imposed sanctions": a government, not a place
        if role == "modifier":
            if host.i in trigger and not is_country:
                return "sentence", 2  # "the Kharkiv shelling", "the Istanbul talks"
            in_place_pp = host.dep_ == "pobj" and host.head.lower_ in lex.locative_preps
            if is_country and (host.i in trigger or host.dep_ in _ARGUMENT_DEPS or not in_place_pp):
                return None, 9  # "U.S. sanctions", "talks with U.S. officials": the actor's country
            return "sentence", _AFTER_DATELINE  # "in Greece's biggest scandal", "Black Sea grain exports"
        if role == "pp":
            if word in lex.directional_preps:
                # A city one goes to is a place ("return to Geneva"); a country the trigger goes to is a
                # party ("appealed to Turkey"), one another verb goes to a place ("sent experts to Bosnia").
                if is_country and host.i in trigger:
                    return None, 9
            elif word not in lex.locative_preps:
                return None, 9  # "sanctions on Russia", "talks with Ukraine": a party
            # Where the trigger's clause, a clause attached to it ("Speaking in Ankara, ...") or the clause
            # reporting it ("told lawmakers in Berlin that ...") happened; not a clause describing some other
            # noun ("Americans detained in Russia").
            if host.i in reporting or (path is not None and path[1] <= _OPEN_BOUNDARIES):
                return "sentence", 3
            return "sentence", _AFTER_DATELINE
        return "sentence", _AFTER_DATELINE

    def _most_specific(self, ranked: list[_Ranked], mentions: list[_Mention], ctx: PlaceContext) -> _Ranked:
        """The best-ranked place, or a more specific place of the same rank in the same country
        ("in Italy ... in Genoa", "near Khan Younis in the Gaza Strip")."""
        best = ranked[0]
        place = self._choose(best.mention, mentions, ctx)
        if place is None or place.kind == "city":
            return best
        for other in ranked[1:]:
            if other.key[0] != best.key[0]:
                break
            alt = self._choose(other.mention, mentions, ctx)
            if (
                alt is not None
                and alt.country == place.country
                and _SPECIFICITY[alt.kind] < _SPECIFICITY[place.kind]
            ):
                return other
        return best

    def _choose(self, m: _Mention, mentions: list[_Mention], ctx: PlaceContext) -> Place | None:
        context = ctx
        hint = self._apposition_hint(m, mentions)
        if hint is not None:
            context = ctx.copy()
            context.add(hint.country, _APPOSITION)
            if hint.kind == "region" and hint.admin1 and hint.country:
                context.admin1[(hint.country, hint.admin1)] = _APPOSITION
        place = self.gaz.choose(m.candidates, context)
        if place is not None and m.region_noun and place.kind == "city":
            place = replace(place, name=f"{place.name} {m.region_noun}", kind="region", geonameid=None,
                            population=0)  # fmt: skip
        return place

    def _resolve(self, ranked: _Ranked, mentions: list[_Mention], ctx: PlaceContext) -> EventPlace | None:
        place = self._choose(ranked.mention, mentions, ctx)
        if place is None:
            return None
        span = self.doc[ranked.mention.start : ranked.mention.end]
        return EventPlace(place, span.start_char, span.end_char, span.text, ranked.basis)

    def _name_keys(self, ref: ActorRef) -> set[str]:
        """Folded names of a person among the event's actors, full name and surname: a place that matches
        one is the person ("Blinken met Austin" is Lloyd Austin, not Austin, Texas)."""
        if not ref.name:
            return set()
        words = ref.name.split()
        person_like = (
            ref.kind in (None, "person") and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
        )
        if not (_is_person(ref) or person_like) or self.gaz.resolve(ref.name) is not None:
            return set()  # a state, an organisation, or a name that is a place ("United States")
        return {fold(ref.name), fold(words[-1])}

    def _role(self, m: _Mention) -> tuple[str, Token | None, str | None]:
        """How the mention sits in its sentence: ``pp`` (object of a preposition: host is the word the
        preposition attaches to, word the preposition), ``dobj``, ``argument`` (another subject/object
        role), ``modifier`` (of a noun that is not a place) or ``other``."""
        lex = self.lex
        x = m.root
        if "\n" in self.text[min(x.idx, x.head.idx) : max(x.idx, x.head.idx)]:
            # The parser ran a headline into the next line ("meet in Brussels / outlet: ..."): trust the
            # preposition just before the place, if any.
            k = m.start - 1
            while k >= 0 and self.doc[k].pos_ in ("DET", "ADJ"):
                k -= 1
            prep = self.doc[k] if k >= 0 else None
            if prep is not None and prep.pos_ == "ADP" and prep.head.i != prep.i:
                return "pp", prep.head, prep.lower_
            return "other", None, None
        via_noun = False  # inside "the outskirts of X" / "the X region": any preposition of place will do
        for _ in range(12):
            head = x.head
            if head.i == x.i:
                return "other", None, None
            if (
                x.dep_ in _NP_DEPS
                and head.pos_ in _NOUNS
                and (
                    head.pos_ == "PROPN"
                    or head.lemma_.lower() in lex.locative_nouns
                    or x.dep_ in ("appos", "conj")
                )
            ):
                via_noun = via_noun or head.lemma_.lower() in lex.locative_nouns
                x = head  # still inside the place's own phrase: "the Kharkiv region", "Bam, Iran", "Kyiv and"
                continue
            if x.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lex.locative_nouns:
                x = head.head  # "the outskirts of Lahore", "the northern city of Kirkuk"
                via_noun = True
                continue
            break
        if x.dep_ == "pobj":
            prep = x.head
            word = prep.lower_
            host = prep.head
            if word == "of" and host.lower_ in lex.locative_preps and host.head.i != host.i:
                word, host = host.lower_, host.head  # "outside of Kyiv"
            elif word == "of" and host.lower_ == "out" and host.head.i != host.i:
                word, host = "from", host.head  # "shipped out of Gorazde"
            if word == "on" and via_noun:
                word = "at"  # "on the outskirts of Lahore", "on the border of": a place, unlike "sanctions on Iran"
            return "pp", host, word
        if x.dep_ == "dobj":
            return "dobj", x.head, None
        if x.dep_ in _ARGUMENT_DEPS or (x.dep_ == "conj" and x.head.dep_ in _ARGUMENT_DEPS):
            return "argument", x.head, None
        if x.dep_ in ("compound", "poss", "amod", "nmod", "npadvmod"):
            return "modifier", x.head, None
        return "other", x.head, None

    def _apposition_hint(self, m: _Mention, mentions: list[_Mention]) -> Place | None:
        """The country or state named right after ``m`` ("Bam, Iran"; "Tripoli, Lebanon's second city")."""
        doc = self.doc
        for other in mentions:
            if other.start <= m.start or other.start > m.end + 2:
                continue
            if not any(doc[k].text == "," for k in range(m.end, other.start)):
                continue
            after = doc[other.end] if other.end < len(doc) else None
            appos = other.root.dep_ == "appos" and m.start <= other.root.head.i < m.end
            if not (appos or after is None or after.is_punct or after.tag_ == "POS"):
                continue  # "in Paris, the United States led the talks": a new clause, not "Paris, Texas"
            place = self.gaz.choose(other.candidates)
            if place is not None and place.kind in ("country", "region"):
                return place
        return None

    def _dateline(self, event: Event) -> EventPlace | None:
        if not self.datelines:
            return None
        before = [d for d in self.datelines if d.start <= event.sentence_span[0]]
        d = before[-1] if before else self.datelines[0]
        return EventPlace(d.place, d.start, d.end, d.text, "dateline")


def _actors(event: Event) -> Iterable[ActorRef]:
    yield from event.source
    yield from event.target
    if event.reported_by is not None:
        yield event.reported_by


def _small_city(m: _Mention) -> bool:
    place = m.candidates[0].place
    return place.kind == "city" and place.population < _MIN_WEAK_POPULATION


def _is_person(ref: ActorRef) -> bool:
    """People travel (a US envoy in Geneva says nothing about Geneva, New York); troops and crowds do not."""
    return ref.kind == "person" or (ref.actor_id or "").startswith("person:")


def _unambiguous_country(candidates: list[Candidate]) -> str | None:
    """The country all candidates share, or that of the best one when it is a country."""
    first = candidates[0].place
    if first.kind == "country" or all(c.place.country == first.country for c in candidates):
        return first.country
    return None


def _span_root(doc: Doc, tokens: list[int]) -> int:
    """The token of ``tokens`` whose head lies outside them (the trigger's syntactic head)."""
    inside = set(tokens)
    for i in tokens:
        if doc[i].head.i not in inside or doc[i].head.i == i:
            return i
    return tokens[0]


def _anchors(doc: Doc, trigger: list[int], root: int) -> dict[int, int]:
    """Tokens a locative may attach to, with their distance from the trigger: the trigger's tokens and,
    for a noun trigger, the words above it up to its verb ("held talks in Geneva", "attended talks in")."""
    anchors = {i: 0 for i in trigger}
    tok = doc[root]
    hops = 0
    while (
        tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and tok.dep_ not in _CLAUSE_DEPS and hops < 4
    ):
        tok = tok.head
        hops += 1
        anchors.setdefault(tok.i, hops)
    return anchors


def _path(host: Token, anchors: dict[int, int], trigger: set[int]) -> tuple[int, frozenset[str]] | None:
    """Hops from ``host`` up to an anchor, and the clause boundaries crossed on the way (a clause that
    describes a noun trigger, "talks held in Geneva", is no boundary; nor is a verb's complement, "agreed
    to meet in Geneva"); ``None`` when no anchor is above."""
    tok = host
    crossed: set[str] = set()
    for hops in range(16):
        if tok.i in anchors:
            return hops + anchors[tok.i], frozenset(crossed)
        if tok.head.i == tok.i:
            return None
        if tok.dep_ in _CLAUSE_DEPS and not (tok.dep_ in ("acl", "relcl") and tok.head.i in trigger):
            # a clause on the trigger's subject still tells where the subject was ("The Red Cross operating
            # in Iraq said", "guerrillas operating in Macedonia were demobilised")
            on_subject = tok.dep_ in ("relcl", "acl") and _in_subject(tok.head)
            crossed.add("subject-clause" if on_subject else tok.dep_)
        tok = tok.head
    return None


def _in_subject(tok: Token) -> bool:
    """Whether ``tok`` lies in the subject of its clause ("One third of the guerrillas")."""
    for _ in range(8):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _ancestors(tok: Token) -> set[int]:
    """Indices of the tokens above ``tok`` (the verbs that report or govern it)."""
    out: set[int] = set()
    while tok.head.i != tok.i and len(out) < 32:
        tok = tok.head
        out.add(tok.i)
    return out
