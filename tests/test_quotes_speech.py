"""Speech frames (eventwire.nlp.speech): cue, speaker and content spans on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventwire.nlp import load_model
from eventwire.nlp.speech import find_speech_frames, frame_containing, load_speech_lexicon, trim_span


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_model()


def _frames(nlp, text: str) -> list[tuple[str, str | None, str | None, str]]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    out = []
    for f in find_speech_frames(doc):
        speaker = text[slice(*f.speaker)] if f.speaker else None
        content = text[slice(*f.content)] if f.content else None
        out.append((f.cue_lemma, speaker, content, f.rule))
    return out


def test_lexicon_loads_with_types() -> None:
    lex = load_speech_lexicon()
    assert "say" in lex.verbs and "statement" in lex.nouns and "according to" in lex.phrases
    assert "think" not in lex.verbs and "praise" not in lex.verbs  # belief and evaluation are not speech


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The foreign minister said that the border would reopen next week.",
            ("say", "The foreign minister", "that the border would reopen next week", "complement"),
        ),
        (
            "Officials told reporters the convoy had been turned back.",
            ("tell", "Officials", "the convoy had been turned back", "complement"),
        ),
        (
            "The rebels withdrew from the town overnight, the army said.",
            ("say", "the army", "The rebels withdrew from the town overnight", "complement"),
        ),
        (
            "Tehran denied any role in the attack on the tanker.",
            ("deny", "Tehran", "any role in the attack on the tanker", "object"),
        ),
        (
            "The senator called for new sanctions on the regime.",
            ("call", "The senator", "new sanctions on the regime", "complement"),
        ),
        (
            "The prime minister promised to hold elections within a year.",
            ("promise", "The prime minister", "to hold elections within a year", "complement"),
        ),
    ],
)
def test_verb_frames(nlp, text: str, expected: tuple[str, str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert expected in _frames(nlp, text)


def test_according_to_frame(nlp) -> None:  # type: ignore[no-untyped-def]
    frames = _frames(nlp, "According to the health ministry, twelve people died in the floods.")
    assert (
        "according to",
        "the health ministry",
        "twelve people died in the floods",
        "according-to",
    ) in frames


def test_negated_cue_makes_no_frame(nlp) -> None:  # type: ignore[no-untyped-def]
    assert not [
        f for f in _frames(nlp, "The embassy did not say when the talks would resume.") if f[0] == "say"
    ]


def test_conjoined_cue_inherits_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    frames = _frames(nlp, "The government rejected the report and said it would appeal the ruling.")
    assert ("say", "The government", "it would appeal the ruling", "complement") in frames


def test_participle_cue_inherits_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    frames = _frames(nlp, "The mayor cancelled the parade, saying that security could not be guaranteed.")
    assert ("say", "The mayor", "that security could not be guaranteed", "complement") in frames


def test_frame_containing_gives_reported_speech_owner(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The president said the blockade violates international law."
    doc = nlp(text)
    frames = find_speech_frames(doc)
    owner = frame_containing(frames, text.index("violates"))
    assert owner is not None and text[slice(*owner.speaker)] == "The president"  # type: ignore[misc]
    assert frame_containing(frames, text.index("president")) is None


def test_trim_span_strips_marks_and_punctuation() -> None:
    text = "“We will stay,” she said."
    assert text[slice(*trim_span(text, 0, 15, quotes=True))] == "We will stay"


def test_frame_content_stays_in_its_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The ministry said the talks\nwould resume on Monday in Vienna."
    for frame in find_speech_frames(nlp(text)):
        if frame.content is not None:
            assert "\n" not in text[slice(*frame.content)]


def test_speaker_phrase_stops_before_its_relative_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Foreign Minister Ana Ruiz, who met the envoy on Monday, said talks would resume."
    frame = next(f for f in find_speech_frames(nlp(text)) if f.speaker is not None)
    assert text[slice(*frame.speaker)] == "Foreign Minister Ana Ruiz"  # type: ignore[misc]
