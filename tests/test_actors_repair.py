"""Text repair of fused names, and the pipeline applying it before parsing."""

from __future__ import annotations

import pytest

from eventwire.actors import load_kb
from eventwire.nlp.repair import EnglishLexicon, repair_fused_words
from eventwire.pipeline import Pipeline


@pytest.fixture(scope="module")
def lex() -> EnglishLexicon:
    return EnglishLexicon.from_model()


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Vladimir Putinaccused the alliance of lying.", "Vladimir Putin accused the alliance of lying."),
        ("Lavrovsaid the talks were over.", "Lavrov said the talks were over."),
        ("Talks between Bidenand Xi ended.", "Talks between Biden and Xi ended."),
        ("Merkeltold reporters she was tired.", "Merkel told reporters she was tired."),
        ("Scholzwarning of a long war, left.", "Scholz warning of a long war, left."),
    ],
)
def test_splits_name_glued_to_a_word(lex: EnglishLexicon, text: str, fixed: str) -> None:
    assert repair_fused_words(text, {"Putin", "Lavrov", "Biden", "Merkel", "Scholz"}, lex) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Obamacare passed the Senate.",  # a bare noun tail: a compound name, not a fused word
        "Putins and Lavrovs are common surnames.",  # plural of a name: tail too short
        "The Romanian delegation arrived.",  # "Roman" is not a known name here
        "Putin accused the West.",  # nothing fused
        "The Bidens arrived.",  # family name plural
    ],
)
def test_leaves_ordinary_words_alone(lex: EnglishLexicon, text: str) -> None:
    assert repair_fused_words(text, {"Putin", "Lavrov", "Obama", "Biden", "Roman"}, lex) == text


def test_no_names_no_change(lex: EnglishLexicon) -> None:
    assert repair_fused_words("Putinaccused the West.", [], lex) == "Putinaccused the West."


def test_lexicon_knows_inflected_verbs(lex: EnglishLexicon) -> None:
    assert lex.is_inflected_verb("accused") and lex.is_inflected_verb("told")
    assert not lex.is_inflected_verb("care") and not lex.is_word("putinaccused")


def test_kb_repair_uses_kb_surnames() -> None:
    assert load_kb().repair("Lavrovinsisted on guarantees.") == "Lavrov insisted on guarantees."


def test_pipeline_parses_the_repaired_text() -> None:
    # The pipeline parses the repaired text and maps offsets back onto the article's own text.
    text = "Vladimir Putinaccused NATO of ignoring Russia."
    result = Pipeline(code=False).extract(text, pub_date="2022-02-01")
    putin = [m for m in result.mentions if m.actor and m.actor.actor_id == "person:vladimir-putin"]
    assert putin and result.article.text[putin[0].start : putin[0].end] == "Vladimir Putin"
    assert any(m.actor and m.actor.code == "NATO" for m in result.mentions)
