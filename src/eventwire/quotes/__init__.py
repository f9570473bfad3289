"""Quotations: direct, indirect and mixed statements attributed to resolved speakers.

:func:`extract_quotes` combines two layers found below it:

* speech frames from the parse (:mod:`eventwire.nlp.speech`): cue, speaker phrase and reported content;
* quotations from the marks (:mod:`eventwire.quotes.marks`), paired within a paragraph.

A frame whose content lies inside one quotation attributes that quotation (direct); a frame whose content
contains quotation marks is a mixed quote; any other frame is indirect. Quotations with no frame are
attributed by adjacency ("“...,” he said." / "He said: “...”"), joined with the next quotation of the same
paragraph when only the attribution stands between them ("“A,” Lavrov said, “B.”" is one quote whose span
runs from A to B, the convention of CODING.md and the quote benchmark), or carried over from the previous
paragraph when a quote-only paragraph follows an attributed one (or when a quotation left open at a
paragraph's end continues in the next, whose attribution then names the speaker of both). A cue closing a
paragraph with a colon ("Limbaugh added:") introduces the next paragraph. Unattributed sentence-long
quotations are kept with an unknown speaker; short unattributed ones are scare quotes or titles and dropped.

Not quotes: the infinitive or noun object of the directive and commissive cues listed in
``data/speech/not_quotes.tsv`` ("vowed to fight on", "demanded the return of ..."), and a quotation with no
speech cue in the headline (a short single-sentence first line). A news agency's frame ("..., Tass reported",
"according to the agency") gives way to the frame it relays ("X said ..., Tass reported" is X's quote).

Speakers come from ``mentions`` (the actor layer): the mention at the head of the speaker phrase, else the
possessor ("Russia's foreign ministry" → Russia), else the first mention inside the phrase; an appositive
name with no mention of its own still names the speaker. An unnamed role speaker ("a police officer said")
takes the name given to the same role within the next paragraphs ("the officer, Inspector X, told ...").

>>> from eventwire.nlp import load_model
>>> doc = load_model()("“We want good relations,” Lavrov said, “with all countries.”")
>>> [(q.kind, q.text, q.speaker_text) for q in extract_quotes(doc, [])]
[('direct', 'We want good relations with all countries', 'Lavrov')]
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from eventwire.nlp.speech import SpeechFrame, SpeechLexicon, find_speech_frames, trim_span
from eventwire.quotes.marks import Quotation, find_quotations, paragraphs
from eventwire.records import ActorRef, Mention, Quote

__all__ = ["extract_quotes", "find_quotations", "paragraphs"]

# Joined quotations: the benchmark's and CODING.md's join distance for content split by an attribution.
JOIN_GAP = 40
# "he said" takes the previous quote's named person only this close (characters) to it.
CHAIN_DISTANCE = 600
# An unattributed quotation shorter than this (in words) is a scare quote or a title, not a statement.
MIN_UNATTRIBUTED_WORDS = 6
# A first line this long (words) or longer is a lede, not a headline.
HEADLINE_MAX_WORDS = 25
_NOT_QUOTES_RESOURCE = "data/speech/not_quotes.tsv"
_GAP_ONLY_PUNCT = re.compile(r"^[\s,.;:!?\u2014\u2013-]*$")
# A sentence break inside a gap: ". T" not after an initial or a title abbreviation ("Rep. Elijah E. Cummings").
_SENTENCE_BREAK = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bRep)(?<!\bSen)(?<!\bGov)(?<!\bGen)(?<!\bLt)"
    r"(?<!\bCol)(?<!\bJr)(?<!\bSt)(?<!\bSgt)(?<!\bSens)(?<!\bReps)[.!?]\s+[A-Z\u201c\"]"
)
# What may follow a cue at the end of a paragraph that introduces the next one ("He added:", "said in a
# statement:").
_COLON_TAIL = re.compile(r"^[^\n.!?\"\u201c\u201d]{0,60}:\s*$")
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_PERSONAL = frozenset({"he", "she"})
_WORD = re.compile(r"\w+")

CONFIDENCE = {
    "direct": 0.9,
    "direct-adjacent": 0.85,
    "direct-joined": 0.85,
    "direct-continued": 0.7,
    "direct-unattributed": 0.4,
    "mixed": 0.8,
    "indirect": 0.7,
}


@dataclass
class _Draft:
    """A quote under construction."""

    kind: str
    parts: list[tuple[int, int]]
    frame: SpeechFrame | None
    rule: str
    paragraph: int = -1
    quotations: list[Quotation] = field(default_factory=list)

    @property
    def span(self) -> tuple[int, int]:
        return min(p[0] for p in self.parts), max(p[1] for p in self.parts)


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace and quotation marks at both ends, and trailing commas/semicolons/colons."""
    start, end = trim_span(text, start, end, quotes=True)
    return start, end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _attribution_span(frame: SpeechFrame) -> tuple[int, int]:
    """Cue plus speaker phrase: the words of the attribution itself."""
    lo, hi = frame.cue
    if frame.speaker is not None:
        lo, hi = min(lo, frame.speaker[0]), max(hi, frame.speaker[1])
    return lo, hi


def _usable_frames(text: str, frames: list[SpeechFrame], quotations: list[Quotation]) -> list[SpeechFrame]:
    """Frames outside every quotation and not nested in another frame's content (PolNeAR is univocal).

    A relay frame ("..., Tass reported", "according to Tass") whose content holds another speaker's frame
    only passes that speaker's words on: the inner frame is used and the relay dropped ("Pavlov said the
    embargo would fail, Tass reported" is Pavlov's quote).
    """
    relays = {
        id(f)
        for f in frames
        if f.relay and any(g is not f and g.speaker is not None and f.covers(*g.cue) for g in frames)
    }
    out = []
    for frame in frames:
        if id(frame) in relays:
            continue
        containers = [g for g in frames if g is not frame and g.covers(*frame.cue)]
        if any(id(g) not in relays for g in containers):
            continue
        if any(q.start <= frame.cue[0] < q.end for q in quotations):
            continue  # speech reported inside a quotation belongs to the quotation
        out.append(_without_relay(text, frame, [f for f in frames if id(f) in relays]))
    return out


def _without_relay(text: str, frame: SpeechFrame, relays: list[SpeechFrame]) -> SpeechFrame:
    """The frame with its content cut before a relay's attribution that the parse hung inside it
    ("X said the talks failed, the agency reported": the content ends at "failed")."""
    if frame.content is None:
        return frame
    lo, hi = frame.content
    for relay in relays:
        a_lo = _attribution_span(relay)[0]
        if lo < a_lo < hi and relay.cue[1] <= hi:
            hi = a_lo
    if hi == frame.content[1]:
        return frame
    return replace(frame, content=trim_span(text, lo, hi))


@lru_cache(maxsize=1)
def _not_quotes() -> frozenset[tuple[str, str]]:
    """(cue lemma, content relation) pairs whose content is no reported speech (data/speech/not_quotes.tsv)."""
    text = resources.files("eventwire").joinpath(_NOT_QUOTES_RESOURCE).read_text(encoding="utf-8")
    rows = csv.DictReader(
        (ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), delimiter="\t"
    )
    return frozenset((r["cue"].strip().lower(), r["content"].strip()) for r in rows)


def _reports_speech(frame: SpeechFrame) -> bool:
    """False for a cue whose content is an action urged, promised or charged, not words reported
    ("vowed to press on", "demanded the release of ...": CODING.md's reported speech is "X said that ...")."""
    return frame.content_dep is None or (frame.cue_lemma, frame.content_dep) not in _not_quotes()


def _headline(text: str) -> tuple[int, int] | None:
    """The span of the article's headline: a short single-sentence first line followed by more paragraphs."""
    spans = paragraphs(text)
    if len(spans) < 2:
        return None
    lo, hi = spans[0]
    line = text[lo:hi]
    if _words(line) > HEADLINE_MAX_WORDS or _SENTENCE_BREAK.search(line.rstrip(' .!?"\u201d\u2019')):
        return None
    return lo, hi


def _frame_drafts(
    text: str, frames: list[SpeechFrame], quotations: list[Quotation]
) -> tuple[list[_Draft], dict[int, SpeechFrame], set[int]]:
    """Indirect and mixed quotes from frames; direct attributions {quotation index: frame}; absorbed quotes."""
    drafts: list[_Draft] = []
    attributed: dict[int, SpeechFrame] = {}
    absorbed: set[int] = set()
    for frame in frames:
        if frame.content is None:
            continue
        core = _clean(text, *frame.content)
        if core[0] >= core[1]:
            continue
        holder = next(
            (i for i, q in enumerate(quotations) if _inside(core, (q.start, q.end)) and not q.single), None
        )
        if holder is None:
            holder = next((i for i, q in enumerate(quotations) if _inside(core, (q.start, q.end))), None)
        if holder is not None and not _inside(frame.cue, quotations[holder].outer):
            if holder not in attributed:
                attributed[holder] = frame
            continue
        if frame.speaker is None:
            continue
        touched = [i for i, q in enumerate(quotations) if _overlap(q.outer, core) > 0]
        if touched:
            # A quotation cut by the parse's sentence split still belongs whole to the mixed quote.
            lo = min([core[0]] + [quotations[i].start for i in touched])
            hi = max([core[1]] + [quotations[i].end for i in touched])
            if not any(_overlap(frame.cue, quotations[i].outer) for i in touched):
                absorbed.update(touched)
                drafts.append(_Draft("mixed", [_clean(text, lo, hi)], frame, "mixed"))
                continue
        if _words(text[core[0] : core[1]]) < 2 and frame.rule != "object":
            continue
        if not _reports_speech(frame):
            continue
        drafts.append(_Draft("indirect", [core], frame, "indirect"))
    return drafts, attributed, absorbed


def _colon_drafts(
    text: str, frames: list[SpeechFrame], quotations: list[Quotation], attributed: dict[int, SpeechFrame]
) -> list[_Draft]:
    """'Limbaugh added:' closing a paragraph introduces the next paragraph: a quotation there is his
    (recorded in ``attributed``), unquoted text an indirect or mixed quote."""
    drafts: list[_Draft] = []
    spans = paragraphs(text)
    starts = {lo: i for i, (lo, _) in enumerate(spans)}
    for frame in frames:
        if frame.content is not None or frame.speaker is None:
            continue
        a_hi = _attribution_span(frame)[1]
        line_end = text.find("\n", a_hi)
        if line_end < 0 or not _COLON_TAIL.match(text[a_hi:line_end]):
            continue
        nxt = next((i for lo, i in starts.items() if lo > line_end), None)
        if nxt is None or text[line_end : spans[nxt][0]].count("\n") > 3:
            continue
        p_lo, p_hi = spans[nxt]
        quoted = next(
            (
                i
                for i, q in enumerate(quotations)
                if q.paragraph == nxt and not text[p_lo : q.open_mark].strip()
            ),
            None,
        )
        if quoted is not None:
            attributed.setdefault(quoted, frame)
            continue
        content = _clean(text, p_lo, p_hi)
        if content[0] < content[1] and _words(text[slice(*content)]) >= 3:
            drafts.append(_Draft("indirect", [content], frame, "indirect"))
    return drafts


def _adjacent_frame(text: str, q: Quotation, frames: list[SpeechFrame], used: set[int]) -> SpeechFrame | None:
    """A frame whose cue and speaker sit right after the closing mark, or right before the opening one."""
    lo, hi = q.para_span
    best: tuple[int, SpeechFrame] | None = None
    for frame in frames:
        if id(frame) in used or frame.speaker is None:
            continue
        a_lo, a_hi = _attribution_span(frame)
        if not (lo <= a_lo and a_hi <= hi):
            continue
        reports_before = False
        if frame.content is not None and _overlap(frame.content, (q.start, q.end)) == 0:
            content_core = _clean(text, *frame.content)
            if content_core[1] - content_core[0] > 0 and _words(text[slice(*content_core)]) > 1:
                # The frame reports something else; only '"A," she said. "B."' lets B follow A's speaker.
                reports_before = content_core[1] <= frame.cue[0] and a_hi <= q.open_mark
                if not (reports_before and _GAP_ONLY_PUNCT.match(text[a_hi : q.open_mark])):
                    continue
        if a_lo >= q.close_end and q.closed:
            # '"...," said X' / '"...," Rep. Jane Doe (D-Md.) said': a noun phrase at most between.
            gap = text[q.close_end : min(a_lo, frame.cue[0])]
            if not _GAP_ONLY_PUNCT.match(gap) and not _short_noun_gap(text, q.close_end, frame.cue[0]):
                continue
            dist = len(gap)
        elif a_hi <= q.open_mark:
            gap = text[a_hi : q.open_mark]
            if len(gap) > JOIN_GAP or re.search(r"[.!?]\s", gap) and not reports_before:
                continue
            if gap.strip() and gap.rstrip()[-1] not in ",:\u2014" and not reports_before:
                continue  # 'He told reporters: "..."' but not 'He spoke on the programme "Morning Desk."'
            dist = len(gap)
        else:
            continue
        if best is None or dist < best[0]:
            best = (dist, frame)
    return best[1] if best else None


def _attribute_backwards(text: str, drafts: list[_Draft], para_spans: list[tuple[int, int]]) -> None:
    """Multi-paragraph convention: a quotation left open at its paragraph's end continues in the next
    paragraph, whose attribution ("..., he said.") names the speaker of the whole run."""
    first_of: dict[int, _Draft] = {}
    for d in drafts:
        first_of.setdefault(d.paragraph, d)
    for d in reversed(drafts):
        if d.frame is not None or d.quotations[-1].closed:
            continue
        nxt = first_of.get(d.paragraph + 1)
        if nxt is None or nxt.frame is None:
            continue
        p_lo = para_spans[nxt.paragraph][0]
        if not text[p_lo : nxt.quotations[0].open_mark].strip():
            d.frame, d.rule = nxt.frame, "direct-continued"


def _gap_is_attribution(text: str, before: Quotation, after: Quotation, frame: SpeechFrame) -> bool:
    """True when only the attribution (and punctuation) separates two quotations, however long the speaker
    phrase: '"A," said X, a professor at Y. "B."' continues one statement."""
    a_lo, a_hi = _attribution_span(frame)
    if not (before.close_end <= a_lo and a_hi <= after.open_mark):
        return False
    rest = text[before.close_end : a_lo] + " " + text[a_hi : after.open_mark]
    return len(rest.strip(" ,.;:\u00a0\n")) < JOIN_GAP // 2


def _short_noun_gap(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a short stretch with no sentence break or quotation mark."""
    gap = text[start:end]
    return len(gap) <= 80 and not _SENTENCE_BREAK.search(gap) and not re.search('["\u201c\u201d\n]', gap)


def _direct_drafts(
    text: str,
    quotations: list[Quotation],
    frames: list[SpeechFrame],
    attributed: dict[int, SpeechFrame],
    absorbed: set[int],
) -> list[_Draft]:
    """Direct quotes: attribute, join within a paragraph, carry over quote-only paragraphs."""
    used = {id(f) for f in attributed.values()}
    frame_of: dict[int, tuple[SpeechFrame, str]] = {i: (f, "direct") for i, f in attributed.items()}
    candidates = [i for i, q in enumerate(quotations) if i not in absorbed]
    # Direct quotations nested in a longer one (single inside double) are part of it.
    candidates = [
        i
        for i in candidates
        if not any(
            j != i and _inside(quotations[i].outer, quotations[j].outer) and j not in absorbed
            for j in candidates
        )
    ]
    for i in candidates:
        if i in frame_of:
            continue
        frame = _adjacent_frame(text, quotations[i], frames, used)
        if frame is not None:
            frame_of[i] = (frame, "direct-adjacent")
            used.add(id(frame))

    drafts: list[_Draft] = []
    by_paragraph: dict[int, list[int]] = {}
    for i in candidates:
        by_paragraph.setdefault(quotations[i].paragraph, []).append(i)
    para_spans = paragraphs(text)
    last_speaker_frame: tuple[int, SpeechFrame] | None = None  # (paragraph, frame)
    for para in sorted(by_paragraph):
        current: _Draft | None = None
        para_drafts: list[_Draft] = []
        for i in by_paragraph[para]:
            q = quotations[i]
            span = _clean(text, q.start, q.end)
            if span[0] >= span[1]:
                continue
            attribution = frame_of.get(i)
            if current is not None and attribution is None and current.frame is not None:
                # '"A," Lavrov said, "B."': an unattributed quotation after an attributed one continues it.
                prev_q = current.quotations[-1]
                gap = text[prev_q.end : q.start]
                between_frames = [
                    f
                    for f in frames
                    if prev_q.close_end <= f.cue[0] < q.open_mark
                    and f is not current.frame
                    and f.content is not None
                ]
                if not between_frames and (
                    len(gap) < JOIN_GAP or _gap_is_attribution(text, prev_q, q, current.frame)
                ):
                    current.parts.append(span)
                    current.quotations.append(q)
                    if current.rule == "direct":
                        current.rule = "direct-joined"
                    continue
                if not between_frames:
                    # Later in the same paragraph, nobody else speaks: the same speaker goes on.
                    attribution = (current.frame, "direct-continued")
            current = _Draft("direct", [span], None, "direct-unattributed", para, [q])
            if attribution is not None:
                current.frame, current.rule = attribution
            para_drafts.append(current)
        # A quote-only paragraph after an attributed one: the same speaker continues.
        if para_drafts and para_drafts[0].frame is None:
            first = para_drafts[0]
            p_lo, p_hi = para_spans[para]
            opens_paragraph = not text[p_lo : first.quotations[0].open_mark].strip()
            speaks_here = any(p_lo <= f.cue[0] < p_hi for f in frames)
            previous = last_speaker_frame
            if opens_paragraph and not speaks_here and previous is not None and previous[0] >= para - 1:
                first.frame, first.rule = previous[1], "direct-continued"
        for d in para_drafts:
            if d.frame is not None:
                last_speaker_frame = (para, d.frame)
        drafts.extend(para_drafts)
    _attribute_backwards(text, drafts, para_spans)
    # Unattributed quotations: sentence-long ones are kept with an unknown speaker, others are scare quotes;
    # a headline's quotation with no speech cue is a slogan or a title, never a quote.
    headline = _headline(text)
    return [
        d
        for d in drafts
        if d.frame is not None
        or (
            _words(" ".join(text[a:b] for a, b in d.parts)) >= MIN_UNATTRIBUTED_WORDS
            and not (headline is not None and _inside(d.span, headline))
        )
    ]


# -- speakers -------------------------------------------------------------------------------------------


def _mention_at(mentions: list[Mention], start: int, end: int) -> Mention | None:
    """The smallest mention covering [start, end)."""
    best: Mention | None = None
    for m in mentions:
        if m.start <= start and end <= m.end and (best is None or m.end - m.start < best.end - best.start):
            best = m
    return best


def _fallback_ref(mention: Mention) -> ActorRef | None:
    """An unresolved named mention still names its speaker."""
    if mention.label == "PERSON":
        return ActorRef(name=mention.text, kind="person")
    if mention.label == "ORG":
        return ActorRef(name=mention.text, kind="org")
    return None


def _speaker_ref(doc: Doc, frame: SpeechFrame, mentions: list[Mention]) -> tuple[ActorRef | None, bool]:
    """(actor, is_unresolved_pronoun) for the frame's speaker phrase."""
    if frame.speaker is None:
        return None, False
    head = doc[frame.speaker_head] if frame.speaker_head is not None else None
    candidates: list[Mention] = []
    at_head = _mention_at(mentions, head.idx, head.idx + len(head.text)) if head is not None else None
    if at_head is not None:
        candidates.append(at_head)
    s_lo, s_hi = frame.speaker
    candidates.extend(m for m in mentions if s_lo <= m.start and m.end <= s_hi and m not in candidates)
    if head is not None and at_head is None and head.dep_ == "appos" and head.pos_ == "PROPN":
        # "the officer, Inspector Jan Nowak, said" with no mention on the name: the named person, with the
        # role's country and sector.
        role = next((m.actor for m in candidates if m.actor is not None), None)
        return ActorRef(
            code=role.code if role else None,
            sector=role.sector if role else None,
            name=doc[head.left_edge.i : head.i + 1].text,
            kind="person",
        ), False
    for m in candidates:
        if m.actor is not None:
            return m.actor, False
    for m in candidates:
        ref = _fallback_ref(m)
        if ref is not None:
            return ref, False
    pronoun = head is not None and head.lower_ in _PERSONAL
    return None, pronoun


def _named_later(doc: Doc, frame: SpeechFrame, frames: list[SpeechFrame]) -> SpeechFrame | None:
    """A later frame that names an unnamed speaker: "..., a military commander said." followed by "...,
    the commander, Colonel Ivan Petrov, told reporters." (the same role noun, now definite, with an
    appositive name) within the next paragraphs (``CHAIN_DISTANCE`` characters)."""
    if frame.speaker_head is None:
        return None
    role = doc[frame.speaker_head]
    if role.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in role.children):
        return None
    for later in frames:
        if later.speaker_head is None or not 0 < later.cue[0] - frame.cue[1] <= CHAIN_DISTANCE:
            continue
        name = doc[later.speaker_head]
        head = name.head
        if (
            name.dep_ == "appos"
            and name.pos_ == "PROPN"
            and head.lemma_ == role.lemma_
            and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        ):
            return later
    return None


def extract_quotes(doc: Doc, mentions: list[Mention], lexicon: SpeechLexicon | None = None) -> list[Quote]:
    """Every attributed statement in ``doc`` as a :class:`Quote`, in text order.

    ``mentions`` come from the actor layer; a speaker resolves through the mention at the speaker phrase's
    head. ``Quote.text`` holds the quoted words (parts joined by a space when an attribution splits them);
    ``content_span`` runs from the first to the last quoted word.
    """
    text = doc.text
    frames = find_speech_frames(doc, lexicon, text=text)
    quotations = find_quotations(text)
    usable = _usable_frames(text, frames, quotations)
    drafts, attributed, absorbed = _frame_drafts(text, usable, quotations)
    drafts.extend(_colon_drafts(text, usable, quotations, attributed))
    drafts.extend(_direct_drafts(text, quotations, usable, attributed, absorbed))
    drafts.sort(key=lambda d: d.span)

    quotes: list[Quote] = []
    last_person: ActorRef | None = None
    last_person_end = -CHAIN_DISTANCE
    for d in _dedupe(drafts):
        frame = d.frame
        speaker: ActorRef | None = None
        if frame is not None:
            speaker, unresolved_pronoun = _speaker_ref(doc, frame, mentions)
            named = _named_later(doc, frame, usable) if speaker is None or not speaker.name else None
            if named is not None:
                speaker = _speaker_ref(doc, named, mentions)[0] or speaker
            near = d.span[0] - last_person_end <= CHAIN_DISTANCE
            if speaker is None and unresolved_pronoun and last_person is not None and near:
                # "he said" right after a named person's quote: the quote chain's speaker (until coreference
                # from the actor layer resolves the pronoun itself).
                speaker = last_person
        if speaker is not None and speaker.kind in (None, "person") and speaker.name:
            last_person, last_person_end = speaker, d.span[1]
        span = d.span
        quote_text = (
            " ".join(text[a:b] for a, b in d.parts) if d.kind == "direct" else text[span[0] : span[1]]
        )
        rule = d.rule if d.kind == "direct" else d.kind
        quotes.append(
            Quote(
                kind=_kind(text, d),
                content_span=span,
                text=quote_text,
                speaker=speaker,
                speaker_span=frame.speaker if frame else None,
                speaker_text=text[slice(*frame.speaker)] if frame and frame.speaker else None,
                cue=frame.cue_text if frame else None,
                confidence=CONFIDENCE.get(rule, 0.5) * (1.0 if speaker is not None or frame is None else 0.9),
                rule=rule if frame is None else f"{rule}:{frame.rule}",
            )
        )
    return quotes


def _kind(text: str, d: _Draft) -> str:
    """direct: inside marks; mixed: reported speech containing a quotation mark; else indirect."""
    if d.kind == "direct":
        return "direct"
    content = text[d.span[0] : d.span[1]]
    return "mixed" if re.search(r"[\"\u201c\u201d]|''|\u2018|\u2019(?!\w)", content) else "indirect"


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """Drop a draft whose span lies inside a longer one (an indirect frame inside a mixed one)."""
    spans = [d.span for d in drafts]
    out: list[_Draft] = []
    kept: set[tuple[int, int]] = set()
    for d, span in zip(drafts, spans, strict=True):
        if span in kept or any(o != span and _inside(span, o) for o in spans):
            continue
        kept.add(span)
        out.append(d)
    return out
