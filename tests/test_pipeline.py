"""The core pipeline: one object flows, offsets always point into the article's own text."""

from __future__ import annotations

import eventwire
from eventwire.ingest.normalise import article_id, detect_language, make_article, normalise_text
from eventwire.pipeline import Pipeline


def test_fused_name_is_repaired_for_parsing_but_offsets_point_into_original_text() -> None:
    text = "The President of Russia, Vladimir Putinaccused the alliance of ignoring Moscow's demands."
    pipe = Pipeline()
    article = make_article(text, pub_date="2022-02-01")
    result = next(iter(pipe.process([article])))
    assert result.article.text == text
    assert result.article.id == article.id == article_id(text)
    putin = [m for m in result.mentions if m.actor and m.actor.name and "Putin" in m.actor.name]
    assert putin, [m.to_dict() for m in result.mentions]
    for m in result.mentions:
        assert text[m.start : m.end] == m.text
    for e in result.events:
        assert text[e.trigger_span[0] : e.trigger_span[1]] == e.trigger
    assert result.sentences[-1].end == len(text)


def test_unrepaired_text_is_passed_through_unchanged() -> None:
    pipe = Pipeline(repair=False)
    result = pipe.extract("Lavrov met Blinken in Geneva on Friday.", pub_date="2022-01-23")
    assert [(s.start, s.end) for s in result.sentences] == [(0, 39)]


def test_non_english_article_is_parsed_but_not_coded() -> None:
    text = "Le ministre des affaires étrangères a rencontré son homologue russe à Genève vendredi dernier."
    result = eventwire.extract(text, pub_date="2022-01-23")
    assert result.article.language == "fr"
    assert result.events == [] and result.quotes == [] and result.mentions == []


def test_normalise_keeps_paragraphs_and_drops_markup() -> None:
    assert normalise_text("<p>Troops  withdrew.</p>\r\n\r\n\r\n<p>Talks&nbsp;resumed.</p>") == (
        "Troops withdrew.\n\nTalks resumed."
    )
    assert detect_language("The army said on Monday that its troops had withdrawn from the town.") == "en"
    # A short report with almost no function words is still English (it used to be set aside as foreign).
    assert detect_language("Rebels shelled Goma airport overnight, wounding three peacekeepers.") == "en"
    assert detect_language("Die Regierung hat die Sanktionen gegen Russland verlängert, sagte der Sprecher.") == "de"


def test_spacy_component_stores_result_on_doc() -> None:
    from eventwire.nlp import load_model

    nlp = load_model()
    nlp.add_pipe("eventwire", config={"pub_date": "2023-05-21"})
    try:
        doc = nlp("Sudan's army and the Rapid Support Forces agreed to a seven-day ceasefire.")
        result = doc._.eventwire
        assert result.article.pub_date == "2023-05-21"
        assert any("Rapid Support Forces" in m.text for m in result.mentions)
    finally:
        nlp.remove_pipe("eventwire")


def test_a_dateline_ends_before_the_lede() -> None:
    """The parser reads "CITY, Month DD (Agency) -" as a sentence of its own, so its place is no subject."""
    from eventwire.nlp import load_model

    doc = load_model()("Peace talks stall\n\nNAIROBI, May 3 (Wire) - Kenya's army accused Somali militants.")
    lede = [s.text.strip() for s in doc.sents][-1]
    assert lede == "Kenya's army accused Somali militants."
