"""Score system output against gold documents: event triples, sentence-level types and quotations.

Pure functions over plain dicts, no pipeline imports. A gold document has the shape of the benchmark
format (``shared/benchmarks/README.md``: ``text``, ``events``, ``quotes``, ``annotated``,
``excluded_attributions``); system output is ``{"events": [...], "quotes": [...]}`` where each item is
shaped like :meth:`eventwire.records.Event.to_dict` / :meth:`eventwire.records.Quote.to_dict`.

Event rules (per document, DESIGN.md "Gold format and scoring"):

* Each event expands into ``(source code, type, target code)`` triples over all source x target pairs.
  Actors without a ``code`` are dropped from both lists. A gold event left with no target (none coded, or
  none with a code) has a wildcard target that matches any system target, including none. A system
  event left with no target gives triples whose target is ``None``. The exception, gold and system
  alike, is a CONSULT with two or more coded sources and no coded target: CODING.md writes a meeting
  of three or more parties as all parties as source and no target, which states that every pair of
  them met, so it expands into those (symmetric) pairs.
* A gold event left with no coded source gives no required triple (the guide scores coded sources only);
  it still excuses system triples of its type and target, which are then neither credited nor penalised,
  because the gold cannot say whether the system's source code is right.
* CONSULT is symmetric: ``(A, CONSULT, B)`` and ``(B, CONSULT, A)`` are the same triple.
* Gold events that are ``optional`` or flagged ``negated``/``hypothetical``/``future`` are not required;
  system triples that match only them are ignored.
* System events flagged negated/hypothetical/future are not asserted events and are not system output,
  unless ``count_flagged_system=True``. System triples without a source code are ignored.
* Triples are sets per document (a duplicate says nothing new). A maximum one-to-one matching pairs
  system and required gold triples (triples that nothing could excuse are matched first, so a leftover
  is excused when an optional gold event covers it); recall = matched / required gold, precision =
  matched / system triples that are not ignored, F1 = 2·matched / (2·matched + misses + false positives).
* Sentence view: gold units ``(sentence_span, type)`` (a null span stands for the whole text) against
  system units ``(gold sentence containing the trigger, type)``; a system event whose trigger lies in no
  gold sentence keeps its own sentence span. Actors play no part. Optional and flagged gold units are
  ignorable as above.

Quote rules:

* A gold quote is *found* when some system quote covers at least half of its content characters.
* A system quote is *correct* when it covers at least half of some gold quote's characters, or when at
  least half of its own characters lie inside one gold quote (a quote split around "he said" is right
  twice). A system quote that is not correct but overlaps the content of an ``excluded_attributions``
  entry (thoughts, refusals to comment) is ignored. One long system span can find several gold quotes;
  the mean gold and system content lengths are reported so that over-long spans show.
* The speaker of a found gold quote is judged on the system quote that overlaps it most: a gold ``name``
  needs the same surname (last word, accents and case ignored) in the system speaker's name; a gold
  ``code`` needs the same code (and sector when the gold gives one); a gold with only surface ``text``
  (PolNeAR) needs the system speaker span to overlap the gold ``speaker_span``, or the system speaker's
  name or surname to appear in the gold text. Surnames are for people: a system speaker whose ``kind``
  is not ``person`` (an organisation) must match by its whole name. A null gold speaker is not scored;
  speaker accuracy is over the found gold quotes with a scorable speaker.

A layer whose ``annotated`` flag is false is not scored for that document.

>>> gold = {"text": "Ann met Bob.", "events": [{"type": "CONSULT", "source": [{"code": "USA"}],
...         "target": [{"code": "GBR"}], "sentence_span": [0, 12]}], "quotes": []}
>>> system = {"events": [{"type": "CONSULT", "source": [{"code": "GBR"}], "target": [{"code": "USA"}],
...           "sentence_span": [0, 12], "trigger_span": [4, 7]}], "quotes": []}
>>> score_document(gold, system).events.matched["CONSULT"]
1
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

WILDCARD = "*"
FLAGS: tuple[str, ...] = ("negated", "hypothetical", "future")
SYMMETRIC_TYPES: frozenset[str] = frozenset({"CONSULT"})

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Triple:
    """``(source code, type, target code)``. ``target`` is ``None`` for no target, ``"*"`` for any."""

    source: str
    type: str
    target: str | None

    def __str__(self) -> str:
        target = "-" if self.target is None else self.target
        return f"{self.source} {self.type} {target}"


@dataclass(slots=True)
class ScoringError:
    """One miss or false positive, with the sentence it came from, for ``--show-errors``."""

    doc_id: str
    category: str  # missed_event, false_event, missed_quote, false_quote, wrong_speaker
    item: str
    context: str

    def to_dict(self) -> dict[str, str]:
        return {"doc_id": self.doc_id, "category": self.category, "item": self.item, "context": self.context}


@dataclass(slots=True)
class EventCounts:
    """Per-type counts of one document (or many, after :meth:`add`)."""

    gold: Counter[str] = field(default_factory=Counter)
    system: Counter[str] = field(default_factory=Counter)  # system items that are scored (not ignored)
    matched: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)

    def add(self, other: EventCounts) -> None:
        self.gold.update(other.gold)
        self.system.update(other.system)
        self.matched.update(other.matched)
        self.ignored.update(other.ignored)


@dataclass(slots=True)
class QuoteCounts:
    """Per-kind quote counts. Gold-side counts use the gold kind, system-side ones the system kind."""

    gold: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    system: Counter[str] = field(default_factory=Counter)  # scored system quotes (ignored ones left out)
    correct: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)
    speaker_scored: Counter[str] = field(default_factory=Counter)
    speaker_correct: Counter[str] = field(default_factory=Counter)
    gold_chars: Counter[str] = field(default_factory=Counter)  # content lengths: shows over-long system spans
    system_chars: Counter[str] = field(default_factory=Counter)

    def add(self, other: QuoteCounts) -> None:
        for f in fields(self):
            getattr(self, f.name).update(getattr(other, f.name))


@dataclass(slots=True)
class DocumentScore:
    """The scores of one document. A layer that was not annotated is ``None``."""

    doc_id: str
    events: EventCounts | None = None
    sentences: EventCounts | None = None
    quotes: QuoteCounts | None = None
    errors: list[ScoringError] = field(default_factory=list)


# ---------------------------------------------------------------- helpers


def _span(value: Any) -> Span | None:
    if not value or len(value) != 2 or value[0] is None or value[1] is None:
        return None
    return int(value[0]), int(value[1])


def overlap(a: Span, b: Span) -> int:
    """Number of characters two half-open ranges share.

    >>> overlap((0, 10), (5, 20))
    5
    """
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _is_flagged(event: Mapping[str, Any]) -> bool:
    return any(bool(event.get(flag)) for flag in FLAGS)


def _codes(actors: Iterable[Mapping[str, Any]] | None) -> list[str]:
    out: list[str] = []
    for actor in actors or ():
        code = actor.get("code") if actor else None
        if code and code not in out:
            out.append(str(code))
    return out


def _canonical(triple: Triple) -> Triple:
    """One form for a symmetric triple with two coded actors, so A-B and B-A are the same item."""
    if (
        triple.type in SYMMETRIC_TYPES
        and triple.target not in (None, WILDCARD)
        and triple.target < triple.source
    ):
        return Triple(triple.target, triple.type, triple.source)
    return triple


def _end_matches(gold: str | None, system: str | None) -> bool:
    return gold in (WILDCARD, system)


def triple_matches(gold: Triple, system: Triple) -> bool:
    """Whether a system triple fulfils a gold triple (wildcards and CONSULT symmetry included).

    >>> triple_matches(Triple("RUS", "ACCUSE", WILDCARD), Triple("RUS", "ACCUSE", None))
    True
    >>> triple_matches(Triple("RUS", "CONSULT", "USA"), Triple("USA", "CONSULT", "RUS"))
    True
    """
    if gold.type != system.type:
        return False
    if _end_matches(gold.source, system.source) and _end_matches(gold.target, system.target):
        return True
    if gold.type in SYMMETRIC_TYPES:
        return _end_matches(gold.source, system.target) and _end_matches(gold.target, system.source)
    return False


def event_triples(event: Mapping[str, Any], *, gold: bool) -> list[Triple]:
    """Expand one event dict into triples; gold events get a wildcard for a missing target.

    >>> [str(t) for t in event_triples({"type": "AGREE", "source": [{"code": "HUN"}, {"code": "ROU"}],
    ...                                 "target": []}, gold=True)]
    ['HUN AGREE *', 'ROU AGREE *']

    A CONSULT of several parties with no target (the CODING.md form of a multi-party meeting)
    stands for every pair of them, in gold and system output alike:

    >>> [str(t) for t in event_triples({"type": "CONSULT", "source": [{"code": "USA"}, {"code": "RUS"},
    ...                                 {"code": "CHE"}], "target": []}, gold=False)]
    ['RUS CONSULT USA', 'CHE CONSULT USA', 'CHE CONSULT RUS']
    """
    sources = _codes(event.get("source"))
    targets: list[str | None] = list(_codes(event.get("target")))
    etype = str(event.get("type"))
    out: list[Triple] = []
    if not targets and etype in SYMMETRIC_TYPES and len(sources) >= 2:
        # CODING.md writes a meeting of three or more parties as all parties as source, no
        # target: the same fact as every pair of them meeting, which is how it is scored, in the
        # gold and in the system output alike.
        for i, first in enumerate(sources):
            for second in sources[i + 1 :]:
                triple = _canonical(Triple(first, etype, second))
                if triple not in out:
                    out.append(triple)
        return out
    if not targets:
        targets = [WILDCARD if gold else None]
    for s in sources:
        for t in targets:
            triple = _canonical(Triple(s, etype, t))
            if triple not in out:
                out.append(triple)
    return out


def _max_matching(
    gold: Sequence[Triple], system: Sequence[Triple], order: Sequence[int] | None = None
) -> dict[int, int]:
    """Maximum one-to-one matching (augmenting paths); returns system index -> gold index.

    System triples are tried in ``order``; one matched early stays matched, so among the maximum
    matchings the one found favours the triples that come first.
    """
    options = [[g for g, gt in enumerate(gold) if triple_matches(gt, st)] for st in system]
    gold_owner: dict[int, int] = {}

    def augment(s: int, seen: set[int]) -> bool:
        for g in options[s]:
            if g in seen:
                continue
            seen.add(g)
            if g not in gold_owner or augment(gold_owner[g], seen):
                gold_owner[g] = s
                return True
        return False

    for s in range(len(system)) if order is None else order:
        augment(s, set())
    return {s: g for g, s in gold_owner.items()}


def _excerpt(text: str, span: Span | None, limit: int = 300) -> str:
    piece = text if span is None else text[max(0, span[0]) : max(0, span[1])]
    piece = " ".join(piece.split())
    return piece if len(piece) <= limit else piece[: limit - 1] + "…"


# ---------------------------------------------------------------- events


def score_events(
    doc: Mapping[str, Any],
    system_events: Sequence[Mapping[str, Any]],
    *,
    count_flagged_system: bool = False,
    doc_id: str = "",
) -> tuple[EventCounts, list[ScoringError]]:
    """Triple scores of one document (see the module docstring for the rules)."""
    text = str(doc.get("text") or "")
    required: list[Triple] = []
    required_context: dict[Triple, Span | None] = {}
    ignorable: list[Triple] = []
    for event in doc.get("events") or ():
        triples = event_triples(event, gold=True)
        if not triples:
            # No coded source: excuse any source for this type and target.
            targets = _codes(event.get("target")) or [WILDCARD]
            ignorable.extend(Triple(WILDCARD, str(event.get("type")), t) for t in targets)
            continue
        if event.get("optional") or _is_flagged(event):
            ignorable.extend(triples)
            continue
        for triple in triples:
            if triple not in required:
                required.append(triple)
                required_context[triple] = _span(event.get("sentence_span"))

    system: list[Triple] = []
    system_context: dict[Triple, Span | None] = {}
    for event in system_events:
        if _is_flagged(event) and not count_flagged_system:
            continue
        for triple in event_triples(event, gold=False):
            if triple not in system:
                system.append(triple)
                system_context[triple] = _span(event.get("sentence_span"))

    counts = EventCounts()
    errors: list[ScoringError] = []
    for triple in required:
        counts.gold[triple.type] += 1
    excusable = [any(triple_matches(g, triple) for g in ignorable) for triple in system]
    # Triples that nothing would excuse get the gold first, so an unmatched leftover is excused if it can be.
    order = sorted(range(len(system)), key=lambda s: excusable[s])
    pairs = _max_matching(required, system, order)
    matched_gold = set(pairs.values())
    for s, triple in enumerate(system):
        if s in pairs:
            counts.matched[triple.type] += 1
            counts.system[triple.type] += 1
        elif excusable[s]:
            counts.ignored[triple.type] += 1
        else:
            counts.system[triple.type] += 1
            errors.append(
                ScoringError(doc_id, "false_event", str(triple), _excerpt(text, system_context.get(triple)))
            )
    for g, triple in enumerate(required):
        if g not in matched_gold:
            errors.append(
                ScoringError(
                    doc_id, "missed_event", str(triple), _excerpt(text, required_context.get(triple))
                )
            )
    return counts, errors


def score_sentences(
    doc: Mapping[str, Any],
    system_events: Sequence[Mapping[str, Any]],
    *,
    count_flagged_system: bool = False,
) -> EventCounts:
    """Type-only scores at sentence level: gold ``(sentence_span, type)`` against the system's types."""
    text_len = len(str(doc.get("text") or ""))
    whole = (0, text_len)
    required: set[tuple[Span, str]] = set()
    ignorable: set[tuple[Span, str]] = set()
    spans: list[Span] = []
    for event in doc.get("events") or ():
        span = _span(event.get("sentence_span")) or whole
        spans.append(span)
        unit = (span, str(event.get("type")))
        if event.get("optional") or _is_flagged(event):
            ignorable.add(unit)
        else:
            required.add(unit)
    ignorable -= required

    system: set[tuple[Span, str]] = set()
    for event in system_events:
        if _is_flagged(event) and not count_flagged_system:
            continue
        own = _span(event.get("sentence_span")) or whole
        trigger = _span(event.get("trigger_span"))
        point = trigger[0] if trigger else own[0]
        # The smallest gold sentence that holds the trigger names the unit.
        holders = [s for s in spans if s[0] <= point < s[1]]
        key = min(holders, key=lambda s: s[1] - s[0]) if holders else own
        system.add((key, str(event.get("type"))))

    counts = EventCounts()
    for _, etype in required:
        counts.gold[etype] += 1
    for unit in system:
        etype = unit[1]
        if unit in required:
            counts.matched[etype] += 1
            counts.system[etype] += 1
        elif unit in ignorable:
            counts.ignored[etype] += 1
        else:
            counts.system[etype] += 1
    return counts


# ---------------------------------------------------------------- quotes

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_tokens(name: str | None) -> list[str]:
    """Words of a name, accents and case folded, possessive ``'s`` dropped.

    >>> name_tokens("Sergei Lavrov's")
    ['sergei', 'lavrov']
    """
    if not name:
        return []
    words = _WORD.findall(_fold(name))
    return [re.sub(r"['’]s$", "", w) for w in words]


def surname(name: str | None) -> str | None:
    """The last word of a name (folded), or ``None``.

    >>> surname("Jean-Yves Le Drián")
    'drian'
    """
    tokens = name_tokens(name)
    return tokens[-1] if tokens else None


def speaker_scorable(gold_speaker: Mapping[str, Any] | None) -> bool:
    """A gold speaker is scored when it has a name, a code or a surface text."""
    if not gold_speaker:
        return False
    return bool(gold_speaker.get("name") or gold_speaker.get("code") or gold_speaker.get("text"))


def speaker_correct(gold_quote: Mapping[str, Any], system_quote: Mapping[str, Any]) -> bool:
    """Whether the system names the gold speaker (rules in the module docstring).

    >>> speaker_correct({"speaker": {"name": "Sergey Lavrov"}}, {"speaker": {"name": "Sergei LAVROV"}})
    True
    """
    gold = gold_quote.get("speaker") or {}
    system = system_quote.get("speaker") or {}
    system_tokens = name_tokens(system.get("name"))
    # Organisations are not named by their last word ("the Washington Post" is not "the New York Post").
    person = system.get("kind") in (None, "person")
    system_surname = system_tokens[-1] if system_tokens and person else None
    if gold.get("name"):
        if not person:
            return bool(system_tokens) and system_tokens == name_tokens(gold["name"])
        return system_surname is not None and system_surname == surname(gold["name"])
    if gold.get("code"):
        if system.get("code") != gold["code"]:
            return False
        return not gold.get("sector") or system.get("sector") == gold["sector"]
    if gold.get("text"):
        gold_span = _span(gold_quote.get("speaker_span"))
        system_span = _span(system_quote.get("speaker_span"))
        if gold_span and system_span and overlap(gold_span, system_span) > 0:
            return True
        gold_tokens = name_tokens(gold["text"])
        if not gold_tokens or not system_tokens:
            return False
        n = len(system_tokens)
        if any(gold_tokens[i : i + n] == system_tokens for i in range(len(gold_tokens) - n + 1)):
            return True
        return system_surname is not None and system_surname in gold_tokens
    return False


def _with_spans(quotes: Iterable[Mapping[str, Any]]) -> list[tuple[Mapping[str, Any], Span]]:
    """Quotes paired with their content span; quotes without a non-empty span are left out."""
    out: list[tuple[Mapping[str, Any], Span]] = []
    for quote in quotes:
        span = _span(quote.get("content_span"))
        if span is not None and span[1] > span[0]:
            out.append((quote, span))
    return out


def score_quotes(
    doc: Mapping[str, Any], system_quotes: Sequence[Mapping[str, Any]], *, doc_id: str = ""
) -> tuple[QuoteCounts, list[ScoringError]]:
    """Quote and speaker scores of one document (rules in the module docstring)."""
    text = str(doc.get("text") or "")
    golds = _with_spans(doc.get("quotes") or ())
    systems = _with_spans(system_quotes)
    excluded = [_span(x.get("content_span")) for x in doc.get("excluded_attributions") or ()]
    excluded_spans = [s for s in excluded if s is not None]

    counts = QuoteCounts()
    errors: list[ScoringError] = []
    for gold, gspan in golds:
        kind = str(gold.get("kind"))
        counts.gold[kind] += 1
        counts.gold_chars[kind] += gspan[1] - gspan[0]
        glen = gspan[1] - gspan[0]
        covering = [(overlap(gspan, sspan), sq) for sq, sspan in systems if 2 * overlap(gspan, sspan) >= glen]
        if not covering:
            errors.append(ScoringError(doc_id, "missed_quote", f"{kind} quote", _excerpt(text, gspan)))
            continue
        counts.found[kind] += 1
        if not speaker_scorable(gold.get("speaker")):
            continue
        counts.speaker_scored[kind] += 1
        best = max(covering, key=lambda pair: pair[0])[1]
        if speaker_correct(gold, best):
            counts.speaker_correct[kind] += 1
        else:
            sys_speaker = best.get("speaker") or {}
            said = sys_speaker.get("name") or sys_speaker.get("code") or best.get("speaker_text") or "nobody"
            wanted = gold["speaker"].get("name") or gold["speaker"].get("code") or gold["speaker"].get("text")
            errors.append(
                ScoringError(
                    doc_id, "wrong_speaker", f"system {said!r}, gold {wanted!r}", _excerpt(text, gspan)
                )
            )
    for sq, sspan in systems:
        kind = str(sq.get("kind"))
        slen = sspan[1] - sspan[0]
        counts.system_chars[kind] += slen
        correct = any(
            2 * overlap(gspan, sspan) >= gspan[1] - gspan[0] or 2 * overlap(gspan, sspan) >= slen
            for _, gspan in golds
        )
        if correct:
            counts.correct[kind] += 1
            counts.system[kind] += 1
        elif any(overlap(sspan, x) > 0 for x in excluded_spans):
            counts.ignored[kind] += 1
        else:
            counts.system[kind] += 1
            errors.append(ScoringError(doc_id, "false_quote", f"{kind} quote", _excerpt(text, sspan)))
    return counts, errors


# ---------------------------------------------------------------- documents and totals


def layer_annotated(doc: Mapping[str, Any], layer: str) -> bool:
    """``annotated[layer]``; a document without the field counts as annotated."""
    flags = doc.get("annotated")
    if not isinstance(flags, Mapping) or layer not in flags:
        return True
    return bool(flags[layer])


def score_document(
    doc: Mapping[str, Any], system: Mapping[str, Any], *, count_flagged_system: bool = False
) -> DocumentScore:
    """Score one gold document against one system output (``{"events": [...], "quotes": [...]}``)."""
    doc_id = str(doc.get("id") or "")
    result = DocumentScore(doc_id=doc_id)
    system_events = list(system.get("events") or ())
    if layer_annotated(doc, "events"):
        result.events, errors = score_events(
            doc, system_events, count_flagged_system=count_flagged_system, doc_id=doc_id
        )
        result.errors.extend(errors)
        result.sentences = score_sentences(doc, system_events, count_flagged_system=count_flagged_system)
    if layer_annotated(doc, "quotes"):
        result.quotes, errors = score_quotes(doc, list(system.get("quotes") or ()), doc_id=doc_id)
        result.errors.extend(errors)
    return result


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def prf(matched: int, gold: int, system: int) -> dict[str, Any]:
    """Precision, recall and F1 (``None`` where undefined) with the counts behind them.

    F1 is ``2·matched / (gold + system)``, the harmonic mean whenever both are defined.

    >>> prf(3, 4, 6)["f1"]
    0.6
    """
    return {
        "precision": _ratio(matched, system),
        "recall": _ratio(matched, gold),
        "f1": _ratio(2 * matched, gold + system),
        "gold": gold,
        "system": system,
        "matched": matched,
    }


def _event_summary(counts: EventCounts, documents: int) -> dict[str, Any]:
    out = prf(sum(counts.matched.values()), sum(counts.gold.values()), sum(counts.system.values()))
    out["ignored"] = sum(counts.ignored.values())
    out["documents"] = documents
    types = sorted(set(counts.gold) | set(counts.system) | set(counts.ignored))
    out["by_type"] = {
        t: {**prf(counts.matched[t], counts.gold[t], counts.system[t]), "ignored": counts.ignored[t]}
        for t in types
    }
    return out


def _quote_entry(c: QuoteCounts, keys: Iterable[str] | None) -> dict[str, Any]:
    def total(counter: Counter[str]) -> int:
        return sum(counter.values()) if keys is None else sum(counter[k] for k in keys)

    gold, found, system, correct = total(c.gold), total(c.found), total(c.system), total(c.correct)
    n_system = system + total(c.ignored)
    precision, recall = _ratio(correct, system), _ratio(found, gold)
    f1: float | None = None
    if (system and not correct) or (gold and not found):
        f1 = 0.0  # nothing right on one side: F1 is 0 even where the other side is undefined
    elif system and gold:
        p, r = correct / system, found / gold
        f1 = round(2 * p * r / (p + r), 4)
    scored, right = total(c.speaker_scored), total(c.speaker_correct)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speaker_accuracy": _ratio(right, scored),
        "gold": gold,
        "found": found,
        "system": system,
        "correct": correct,
        "ignored": total(c.ignored),
        "speaker_scored": scored,
        "speaker_correct": right,
        "mean_gold_chars": round(total(c.gold_chars) / gold, 1) if gold else None,
        "mean_system_chars": round(total(c.system_chars) / n_system, 1) if n_system else None,
    }


def _quote_summary(counts: QuoteCounts, documents: int) -> dict[str, Any]:
    out = _quote_entry(counts, None)
    out["documents"] = documents
    kinds = sorted(set(counts.gold) | set(counts.system) | set(counts.ignored))
    out["by_kind"] = {k: _quote_entry(counts, [k]) for k in kinds}
    return out


def _empty_event_summary() -> dict[str, Any]:
    return {"precision": None, "recall": None, "f1": None, "documents": 0, "by_type": {}}


def summarise(scores: Iterable[DocumentScore]) -> dict[str, Any]:
    """Add up document scores into ``{"events": {...}, "quotes": {...}}``.

    A layer that no document annotated has ``None`` for every number.
    """
    events, sentences, quotes = EventCounts(), EventCounts(), QuoteCounts()
    n_events = n_quotes = 0
    for score in scores:
        if score.events is not None:
            events.add(score.events)
            n_events += 1
        if score.sentences is not None:
            sentences.add(score.sentences)
        if score.quotes is not None:
            quotes.add(score.quotes)
            n_quotes += 1
    if n_events:
        event_part = _event_summary(events, n_events)
        event_part["sentence"] = _event_summary(sentences, n_events)
        del event_part["sentence"]["documents"]
    else:
        event_part = _empty_event_summary()
        event_part["sentence"] = {"precision": None, "recall": None, "f1": None, "by_type": {}}
    if n_quotes:
        quote_part = _quote_summary(quotes, n_quotes)
    else:
        quote_part = {
            "precision": None,
            "recall": None,
            "f1": None,
            "speaker_accuracy": None,
            "documents": 0,
            "by_kind": {},
        }
    return {"events": event_part, "quotes": quote_part}
