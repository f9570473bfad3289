"""Plain records that flow through the pipeline.

Every offset is a character offset into ``Article.text`` (the normalised text), so any record can be shown
in context. Records are dataclasses with a ``to_dict`` that gives the stable JSON shape used by the CLI,
the HTTP API and the exporters.

>>> ref = ActorRef(code="RUS", sector="GOV", name="Vladimir Putin", actor_id="person:vladimir-putin")
>>> ref.to_dict()["code"]
'RUS'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

SECTORS: tuple[str, ...] = (
    "GOV", "MIL", "REB", "OPP", "LEG", "JUD", "COP", "PTY", "CVL", "MED", "BUS", "NGO", "IGO", "REL",
)  # fmt: skip

Span = tuple[int, int]


@dataclass(slots=True)
class ActorRef:
    """A resolved actor as it appears on an event, quote or mention.

    ``code`` is an ISO 3166 alpha-3 country code or an organisation acronym (NATO, EU, UN...);
    ``sector`` one of :data:`SECTORS`; ``name`` the canonical name of a named person or organisation
    as of the article's date; ``actor_id`` the knowledge-base id, ``None`` for unnamed groups
    ("Russian troops" is RUS MIL with no id).
    """

    code: str | None = None
    sector: str | None = None
    name: str | None = None
    actor_id: str | None = None
    kind: str | None = None  # person / state / igo / group / org

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Sentence:
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Mention:
    """A stretch of text that refers to an actor.

    ``how`` says how it was resolved: ``name``, ``alias``, ``surname``, ``honorific``, ``title``,
    ``role`` (role nominal such as "the minister"), ``metonym`` ("the Kremlin"), ``demonym``
    ("Russian troops"), ``group``, ``pronoun`` or ``unresolved``. ``label`` is the spaCy entity label
    or the rule that made the mention.
    """

    start: int
    end: int
    text: str
    label: str
    actor: ActorRef | None = None
    how: str = "unresolved"
    sentence: int = -1

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "actor": self.actor.to_dict() if self.actor else None,
            "how": self.how,
            "sentence": self.sentence,
        }


@dataclass(slots=True)
class Event:
    """One PLOVER event: who did what to whom, when, and why the coder thinks so."""

    type: str
    source: list[ActorRef]
    target: list[ActorRef]
    sentence_span: Span
    trigger_span: Span
    mode: str | None = None
    context: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    event_date: str | None = None
    date_basis: str = "pub_date"  # "text" when a time expression fixed the date
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    reported_by: ActorRef | None = None
    location: str | None = None  # "Name, Country" of the place where it happened
    location_country: str | None = None  # ISO3 of that place
    lat: float | None = None
    lon: float | None = None
    confidence: float = 0.5
    rule: str = ""
    trigger: str = ""
    # Character spans of the words that name the source and target actors in the article ("Putin", "NATO and
    # the United States" as two spans). Empty where an actor came from context outside the text (a speaker
    # resolved earlier, the place of an unnamed attacker's act still has its own span).
    source_spans: list[Span] = field(default_factory=list)
    target_spans: list[Span] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        """True for negated, hypothetical or future events (excluded from counts by default)."""
        return self.negated or self.hypothetical or self.future

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "context": self.context,
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "event_date": self.event_date,
            "date_basis": self.date_basis,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "future": self.future,
            "reported_by": self.reported_by.to_dict() if self.reported_by else None,
            "location": self.location,
            "location_country": self.location_country,
            "lat": self.lat,
            "lon": self.lon,
            "confidence": round(self.confidence, 3),
            "sentence_span": list(self.sentence_span),
            "trigger_span": list(self.trigger_span),
            "source_spans": [list(s) for s in self.source_spans],
            "target_spans": [list(s) for s in self.target_spans],
            "trigger": self.trigger,
            "rule": self.rule,
        }


@dataclass(slots=True)
class Quote:
    """An attributed statement. ``content_span`` holds the quoted or reported words only."""

    kind: str  # direct / indirect / mixed
    content_span: Span
    text: str
    speaker: ActorRef | None = None
    speaker_span: Span | None = None
    speaker_text: str | None = None
    cue: str | None = None
    confidence: float = 0.5
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "content_span": list(self.content_span),
            "text": self.text,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
            "speaker_text": self.speaker_text,
            "cue": self.cue,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
        }


@dataclass(slots=True)
class Article:
    """A normalised news article. ``id`` is the sha256 of the normalised text."""

    id: str
    text: str
    title: str | None = None
    pub_date: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str = "en"
    source_path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ExtractResult:
    """Everything the pipeline found in one article."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id,
            "title": a.title,
            "pub_date": a.pub_date,
            "language": a.language,
            "sentences": [s.to_dict() for s in self.sentences],
            "mentions": [m.to_dict() for m in self.mentions],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
        }
