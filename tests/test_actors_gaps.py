"""The actor layer's later additions, one sentence (written for these tests) per rule: "the West" as a
bloc, plural pronouns after a coordination, the gender of new people from their given name, and surnames
that are also place names."""

from __future__ import annotations

import pytest

from eventwire.actors import KnowledgeBase, load_kb, resolve_mentions
from eventwire.nlp import load_model
from eventwire.records import Mention


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def mentions(kb: KnowledgeBase, text: str, date: str | None = "2023-05-01") -> list[Mention]:
    return resolve_mentions(load_model()(kb.repair(text)), date, kb)


def codes(ms: list[Mention], phrase: str) -> list[tuple[str | None, str | None]]:
    """(code, sector) of every mention whose text is ``phrase``."""
    return [(m.actor.code, m.actor.sector) if m.actor else (None, None) for m in ms if m.text == phrase]


def no_wst(ms: list[Mention]) -> bool:
    return not any(m.actor is not None and m.actor.code == "WST" for m in ms)


# -- "the West" -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The Kremlin said the West had tried to isolate Russia for years.", "the West", ("WST", "GOV")),
        ("Officials in Moscow blamed the West's sanctions for the shortages.", "the West", ("WST", "GOV")),
        (
            "Western allies promised more artillery shells at the meeting in Ramstein.",
            "Western allies",
            ("WST", "GOV"),
        ),  # fmt: skip
        ("Several western governments recalled their ambassadors.", "western governments", ("WST", "GOV")),
        ("Western powers drafted a resolution on the nuclear programme.", "Western powers", ("WST", "GOV")),
        ("Western leaders gathered for a summit in Vilnius.", "Western leaders", ("WST", "GOV")),
        ("Western nations froze the central bank's reserves.", "Western nations", ("WST", "GOV")),
        ("Western troops handed the airbase to the local army.", "Western troops", ("WST", "MIL")),
        ("Western forces pulled out of the region last year.", "Western forces", ("WST", "MIL")),
    ],
)
def test_the_west_is_wst(kb: KnowledgeBase, text: str, phrase: str, expected: tuple[str, str]) -> None:
    assert codes(mentions(kb, text), phrase) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Drought has hit farmers across West Africa this year.",
        "Israeli settlers built new homes in the West Bank.",
        "The senator from West Virginia voted against the bill.",
        "Drones struck an energy plant in western Ukraine overnight.",
        "A missile hit the western city of Lviv on Tuesday.",
        "Western Ukraine had been spared most of the shelling.",
        "Western-style reforms were promised.",  # (before a common noun it is the bloc: test_actors_context)
        "The rapper Kanye West announced a new album.",
    ],
)
def test_west_in_other_names_is_not_wst(kb: KnowledgeBase, text: str) -> None:
    assert no_wst(mentions(kb, text))


def test_the_west_gives_no_context_country(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "The West condemned the arrests and police detained more protesters.")
    assert all(m.actor is None or m.actor.code != "WST" for m in ms if m.text in ("police", "protesters"))


# -- coordination and plural pronouns -----------------------------------------------------------------


def test_they_after_two_countries_stands_for_both(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Armenia and Azerbaijan met in Almaty on Friday. They agreed to mark the border.")
    assert codes(ms, "They") == [("ARM", "GOV"), ("AZE", "GOV")]


def test_their_after_three_coordinated_countries(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Kenya, Uganda and Tanzania signed the rail deal, and their ministers praised it.")
    assert [c for c, _ in codes(ms, "their")] == ["KEN", "UGA", "TZA"]


def test_they_after_two_leaders(kb: KnowledgeBase) -> None:
    ms = mentions(
        kb, "Emmanuel Macron and Olaf Scholz met in Paris. They called for a ceasefire.", "2023-06-01"
    )
    assert [m.actor.name for m in ms if m.text == "They" and m.actor] == ["Emmanuel Macron", "Olaf Scholz"]


def test_they_after_coordinated_adjectives(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Serbian and Kosovar negotiators met in Brussels. They agreed on licence plates.")
    assert codes(ms, "They") == [("SRB", "GOV"), ("XKX", "GOV")]


def test_clauses_joined_by_and_are_not_a_coordination(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Germany sent tanks and France said they would send jets.")
    assert codes(ms, "they") == [("FRA", "GOV")]


def test_singular_pronoun_ignores_the_coordination(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Chile and Peru signed the accord. Chile said it would ratify it soon.")
    assert codes(ms, "it")[:1] == [("CHL", "GOV")]


# -- gender of new people -------------------------------------------------------------------------------


def test_given_name_gives_a_new_person_a_gender(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Piotr Kowalczyk met Olena Hrytsenko in Lviv. She said the shelter was full.")
    she = [m for m in ms if m.text == "She"]
    assert she and she[0].actor is not None and she[0].actor.name == "Olena Hrytsenko"


def test_given_name_rules_out_the_other_gender(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Maria Ionescu introduced Mihai Popa to the press. He said the strike would go on.")
    he = [m for m in ms if m.text == "He"]
    assert he and he[0].actor is not None and he[0].actor.name == "Mihai Popa"


def test_honorific_gives_a_new_person_a_gender(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Mr. Dlamini greeted Ms. Okafor at the airport. She thanked him for the invitation.")
    she = [m for m in ms if m.text == "She"]
    assert she and she[0].actor is not None and she[0].actor.name == "Okafor"


def test_first_names_are_not_used_for_kb_people(kb: KnowledgeBase) -> None:
    assert kb.first_names["olena"] == "f" and kb.first_names["mohammed"] == "m"
    assert "andrea" not in kb.first_names and "jean" not in kb.first_names  # given to both sexes


# -- surnames that are place names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Flights to Austin were cancelled because of the ice storm.",
        "Austin is the fastest-growing city in Texas.",
    ],
)
def test_place_surname_needs_person_evidence(kb: KnowledgeBase, text: str) -> None:
    ms = mentions(kb, text)
    assert not any(m.actor is not None and m.actor.name == "Lloyd Austin" for m in ms)


@pytest.mark.parametrize(
    "text",
    [
        "Austin said the Pentagon would send more air defence systems.",  # subject of a verb
        "Lloyd Austin flew to Kyiv. Later, Austin told reporters that aid would continue.",  # named before
        "Austin, the defense secretary, met his Japanese counterpart.",  # apposition
    ],
)
def test_place_surname_with_person_evidence(kb: KnowledgeBase, text: str) -> None:
    ms = mentions(kb, text)
    assert any(
        m.actor is not None and m.actor.name == "Lloyd Austin" for m in ms if m.text.startswith("Austin")
    )


def test_surname_is_not_read_as_an_accented_town(kb: KnowledgeBase) -> None:
    # "Bush" folds to the Egyptian town of Būsh; only a same-spelling city needs person evidence
    ms = mentions(kb, "The White House defended Bush's veto of the bill.", "2007-05-01")
    assert any(m.text == "Bush" and m.actor is not None and m.actor.code == "USA" for m in ms)


# -- ethnic groups and appositions -------------------------------------------------------------------


def test_ethnic_group_is_coded_by_where_it_lives(kb: KnowledgeBase) -> None:
    ms = mentions(
        kb, "Hundreds of ethnic Hungarians rallied in Cluj, in Romania, against the new language law."
    )
    assert codes(ms, "Hungarians") == [("ROU", "CVL")]


def test_ethnic_group_noun_is_coded_by_where_it_lives(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Ethnic Serb police officers in Kosovo handed in their badges.")
    assert codes(ms, "Serb police officers") == [("XKX", "COP")]


def test_ethnic_group_without_another_country_keeps_its_own(kb: KnowledgeBase) -> None:
    assert codes(mentions(kb, "Ethnic Uzbeks fled across the border."), "Uzbeks") == [("UZB", "CVL")]


def test_minority_is_coded_by_where_it_lives(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "The Hungarian minority in Slovakia protested against the language law.")
    assert codes(ms, "The Hungarian minority") == [("SVK", "CVL")]
    assert codes(mentions(kb, "The Hungarian population grew last year."), "The Hungarian population") == [
        ("HUN", "CVL")
    ]


def test_group_noun_in_apposition_is_a_title(kb: KnowledgeBase) -> None:
    ms = mentions(
        kb, "Karim Belkacem, Algeria's best-known rights activist, began a hunger strike in prison."
    )
    m = next(m for m in ms if m.text.startswith("Karim Belkacem"))
    assert m.how == "title" and m.actor is not None and (m.actor.code, m.actor.sector) == ("DZA", "CVL")
    ms = mentions(kb, "Pyotr Sokolov, a Russian soldier, surrendered near the town.")
    assert codes(ms, "Pyotr Sokolov, a Russian soldier") == [("RUS", "MIL")]


# -- context country for titled new people ---------------------------------------------------------------


def test_tied_context_goes_to_the_nearest_country(kb: KnowledgeBase) -> None:
    text = (
        "A Peruvian court ordered former president Alberto Quispe to appear before judges over arms sales "
        "to Chile and Bolivia."
    )
    assert codes(mentions(kb, text), "former president Alberto Quispe") == [("PER", None)]  # no longer GOV


def test_honorific_with_a_sector_takes_the_context_country(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Gen. Moussa Diarra resigned to allow Mali's first free elections.")
    assert codes(ms, "Gen. Moussa Diarra") == [("MLI", "MIL")]
    assert codes(mentions(kb, "Gen. Moussa Diarra resigned on Monday."), "Gen. Moussa Diarra") == [
        (None, "MIL")
    ]


def test_undated_namesakes_of_one_country_resolve_to_the_latest() -> None:
    from eventwire.pipeline import Pipeline
    from eventwire.records import Article

    text = "President Bush said the talks on the missile treaty would go on."
    result = next(iter(Pipeline().process([Article(id="undated-bush", text=text, pub_date=None)])))
    bush = [m for m in result.mentions if m.text.endswith("Bush")]
    assert bush and bush[0].actor is not None
    assert bush[0].actor.code == "USA"
    assert bush[0].actor.name == "George W. Bush"
