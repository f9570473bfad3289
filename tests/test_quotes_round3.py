"""Quote fixes from the team-written news dev set, on sentences written for these tests.

Headlines that coordinate two clauses are not attributions; a role noun's appositive name is the speaker;
a news agency only relays the words of the person it quotes; the infinitive or noun object of a directive or
commissive cue listed in data/speech/not_quotes.tsv is not reported speech.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.nlp import load_model
from eventwire.nlp.speech import find_speech_frames, names_news_agency
from eventwire.pipeline import Pipeline
from eventwire.quotes import extract_quotes
from eventwire.records import Quote


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _quotes(nlp: Language, text: str) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text, q.speaker_text) for q in extract_quotes(nlp(text), [])]


def _speaker_name(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker is not None else None


# -- headlines ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headline",
    [
        "Farmers block roads; minister promises new subsidies",
        "Dockers strike, union vows long walkout",
        "Parliament passes budget; opposition threatens boycott",
    ],
)
def test_coordinated_headline_clause_is_not_reported(nlp: Language, headline: str) -> None:
    text = headline + "\n\nThe story itself begins here with a plain sentence about the day."
    first = headline.split(";")[0].split(",")[0]
    assert not any(first in q for _, q, _ in _quotes(nlp, text))


def test_says_headline_reports_only_its_own_clause(nlp: Language) -> None:
    # CODING.md: headlines are text like any other, so "X says Y" is X's quote; the clause before the
    # semicolon is not part of it.
    text = "Court strikes down curfew; mayor says she will appeal\n\nThe ruling came late on Monday."
    assert _quotes(nlp, text) == [("indirect", "she will appeal", "mayor")]


def test_postposed_attribution_still_reports_the_fronted_clause(nlp: Language) -> None:
    text = "The convoy reached the valley before dusk, the ministry told reporters."
    assert _quotes(nlp, text) == [("indirect", "The convoy reached the valley before dusk", "the ministry")]


def test_headline_quotation_without_cue_is_no_quote(nlp: Language) -> None:
    text = (
        'Harbour town braces for storm: "We have never seen water rise this fast"\n\n'
        "Fishermen pulled their boats ashore on Tuesday as the wind grew stronger."
    )
    assert _quotes(nlp, text) == []


def test_unattributed_quotation_in_body_is_still_kept(nlp: Language) -> None:
    text = (
        "Harbour town braces for storm\n\n"
        'A sign on the quay read: "We have never seen water rise this fast in forty years".'
    )
    assert any("water rise this fast" in q for _, q, _ in _quotes(nlp, text))


# -- apposition -----------------------------------------------------------------------------------------


def test_postposed_attribution_parsed_as_conjunct(nlp: Language) -> None:
    text = (
        "Army units, backed by fighters of the Northern Defence League in Kivu (NDL), pushed the rebels back "
        "after a six-hour battle, the spokesman, Captain Paul Mbeki, told Wire by phone."
    )
    frames = [f for f in find_speech_frames(nlp(text)) if f.cue_lemma == "tell"]
    assert frames and frames[0].rule == "postposed"
    assert _quotes(nlp, text) == [
        (
            "indirect",
            "Army units, backed by fighters of the Northern Defence League in Kivu (NDL), pushed the rebels "
            "back after a six-hour battle",
            "the spokesman, Captain Paul Mbeki",
        )
    ]


def test_appositive_name_is_the_speaker(pipeline: Pipeline) -> None:
    text = '"We held the bridge all night," the commander, Major Ivan Petrov, told reporters by phone.'
    quotes = pipeline.extract(text).quotes
    assert len(quotes) == 1
    assert quotes[0].text == "We held the bridge all night"
    assert "Petrov" in (_speaker_name(quotes[0]) or "")


def test_name_with_role_apposition_keeps_the_name(nlp: Language) -> None:
    doc = nlp("Petrov, the regional commander, said the bridge was held.")
    frame = find_speech_frames(doc)[0]
    assert frame.speaker_head is not None and doc[frame.speaker_head].text == "Petrov"


# -- news agencies --------------------------------------------------------------------------------------


def test_agency_relaying_a_statement(pipeline: Pipeline) -> None:
    text = "Boris Kravets said the embargo would collapse within a year, the state news agency Tass reported."
    quotes = pipeline.extract(text).quotes
    assert [q.text for q in quotes] == ["the embargo would collapse within a year"]
    assert "Kravets" in (_speaker_name(quotes[0]) or "")


def test_agency_quoting_someone_as_saying(pipeline: Pipeline) -> None:
    text = "Tass quoted Boris Kravets as saying the embargo would collapse within a year."
    quotes = pipeline.extract(text).quotes
    assert [q.text for q in quotes] == ["the embargo would collapse within a year"]
    assert "Kravets" in (_speaker_name(quotes[0]) or "")


def test_direct_quote_according_to_agency(pipeline: Pipeline) -> None:
    text = (
        "Boris Kravets warned that the pipeline could be shut.\n\n"
        '"If they want a fight, they will get one," he said, according to the news agency Interfax.'
    )
    quotes = pipeline.extract(text).quotes
    direct = [q for q in quotes if q.kind == "direct"]
    assert direct and direct[0].text == "If they want a fight, they will get one"
    assert "Kravets" in (_speaker_name(direct[0]) or "")


def test_agency_reporting_its_own_finding_keeps_the_quote(nlp: Language) -> None:
    text = "The rebels had left the town overnight, the state news agency reported."
    assert _quotes(nlp, text) == [
        ("indirect", "The rebels had left the town overnight", "the state news agency")
    ]


def test_according_to_a_person_is_no_relay(nlp: Language) -> None:
    # Only agencies relay: a lawyer who says what the police said is the speaker (PolNeAR codes it so).
    text = "According to lawyers for the family, the police said they would release the footage."
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1 and quotes[0][2] == "lawyers for the family"


def test_according_to_an_agency_is_a_relay(nlp: Language) -> None:
    text = "According to the state news agency, the minister said the talks had failed."
    assert _quotes(nlp, text) == [("indirect", "the talks had failed", "the minister")]


def test_names_news_agency() -> None:
    assert names_news_agency("the state news agency Belta")
    assert names_news_agency("Xinhua") and names_news_agency("the Associated Press")
    assert not names_news_agency("the foreign ministry") and not names_news_agency("lawyers for the family")


# -- objects of directive and commissive cues -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The governor vowed to rebuild every school lost in the flood.",
        "The opposition leader pledged to cut fuel taxes within a month.",
        "The militia threatened to close the only road into the valley.",
        "The mayor called on residents to stay indoors until the storm passed.",
        "The families demanded the return of the remains of their relatives.",
        "The envoy urged both sides to resume talks.",
        "The senator called for an inquiry into the contract.",
        "The ministry accused the rebels of shelling the market.",
    ],
)
def test_listed_infinitive_and_noun_objects_are_not_quotes(nlp: Language, text: str) -> None:
    assert _quotes(nlp, text) == []
    assert find_speech_frames(nlp(text))  # the speech frame itself stays


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # That-clauses are reported speech, whatever the cue.
        (
            "The governor vowed that every school would reopen by March.",
            "that every school would reopen by March",
        ),
        ("The families demanded that the army return the remains.", "that the army return the remains"),
        ("The envoy urged that both sides resume talks.", "that both sides resume talks"),
    ],
)
def test_other_contents_stay_quotes(nlp: Language, text: str, content: str) -> None:
    assert [q for _, q, _ in _quotes(nlp, text)] == [content]


def test_vow_frame_still_attributes_an_adjacent_quotation(nlp: Language) -> None:
    text = '"Nothing will stop us now," the governor said, vowing to rebuild every school.'
    assert _quotes(nlp, text) == [("direct", "Nothing will stop us now", "the governor")]


# -- speakers through a conjunction past a quotation ------------------------------------------------------


def test_conjoined_cue_keeps_its_subject_past_a_quotation(nlp: Language) -> None:
    text = (
        'The navy blamed the collision on "reckless manoeuvres" by the fishing fleet and said its frigate '
        "had kept its course."
    )
    quotes = _quotes(nlp, text)
    assert ("indirect", "its frigate had kept its course", "The navy") in quotes


def test_speaker_after_a_quotation_is_still_repaired(nlp: Language) -> None:
    text = '"We will rebuild the bridge before winter," district chief Anna Berg said on Monday.'
    assert _quotes(nlp, text) == [
        ("direct", "We will rebuild the bridge before winter", "district chief Anna Berg")
    ]


# -- an unnamed role speaker named later ----------------------------------------------------------------


def test_role_speaker_named_in_a_later_apposition(pipeline: Pipeline) -> None:
    text = (
        "Floodwater cut the northern highway overnight and stranded hundreds of trucks, a police officer said.\n\n"
        "The road would stay closed for at least a week, the officer, Inspector Marek Dudek, "
        "told reporters at the scene."
    )
    quotes = pipeline.extract(text).quotes
    assert len(quotes) == 2
    assert all("Dudek" in (_speaker_name(q) or "") for q in quotes)


def test_role_speaker_not_named_by_another_role(pipeline: Pipeline) -> None:
    text = (
        "Floodwater cut the northern highway overnight, a police officer said.\n\n"
        "Repair crews would need a week, the engineer, Doctor Lena Vos, told reporters at the scene."
    )
    quotes = pipeline.extract(text).quotes
    assert "Vos" not in (_speaker_name(quotes[0]) or "")
