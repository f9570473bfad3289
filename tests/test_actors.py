"""Unit tests for the actor layer: one real sentence per heuristic (written for these tests)."""

from __future__ import annotations

import pytest

from eventwire.actors import KnowledgeBase, load_kb, resolve_mentions
from eventwire.actors.kb import fold
from eventwire.nlp import load_model
from eventwire.records import Mention


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def mentions(kb: KnowledgeBase, text: str, date: str | None = "2022-05-01") -> list[Mention]:
    text = kb.repair(text)
    return resolve_mentions(load_model()(text), date, kb)


def at(ms: list[Mention], phrase: str) -> Mention:
    hits = [m for m in ms if phrase in m.text]
    assert hits, f"no mention contains {phrase!r}: {[m.text for m in ms]}"
    return hits[0]


def who(m: Mention) -> tuple[str | None, str | None, str | None]:
    assert m.actor is not None, m
    return m.actor.code, m.actor.sector, m.actor.name


# -- the knowledge base --------------------------------------------------------------------------------


def test_fold_strips_accents_and_unifies_apostrophes() -> None:
    assert fold("Orbán’s") == "orban's"
    assert fold("ÇAVUŞOĞLU") == "cavusoglu"


def test_kb_is_loaded_once(kb: KnowledgeBase) -> None:
    assert load_kb() is kb
    assert kb.country("UKR") is not None and "Kyiv" in kb.country("UKR").capitals  # type: ignore[union-attr]


def test_office_holder_depends_on_the_date(kb: KnowledgeBase) -> None:
    assert kb.people[kb.holder("USA", "foreign_minister", "2022-06-01").actor_id].name == "Antony Blinken"  # type: ignore[union-attr]
    assert kb.people[kb.holder("USA", "foreign_minister", "2018-06-01").actor_id].name == "Mike Pompeo"  # type: ignore[union-attr]


def test_leader_is_the_head_of_government_where_coref_says_so(kb: KnowledgeBase) -> None:
    assert kb.leader("DEU", "2023-01-01").actor_id == "person:olaf-scholz"  # type: ignore[union-attr]
    assert kb.leader("RUS", "2023-01-01").actor_id == "person:vladimir-putin"  # type: ignore[union-attr]


def test_actor_record_has_offices(kb: KnowledgeBase) -> None:
    rec = kb.actor("person:antony-blinken")
    assert rec is not None and rec["kind"] == "person"
    assert any(o["title"] == "Secretary of State" and o["start"] == "2021-01-26" for o in rec["offices"])
    assert kb.actor("org:nato")["code"] == "NATO"  # type: ignore[index]
    assert kb.actor("country:FRA")["sector"] == "GOV"  # type: ignore[index]
    assert kb.actor("person:nobody-at-all") is None


def test_search_finds_by_alias(kb: KnowledgeBase) -> None:
    assert any(r["actor_id"] == "person:viktor-orban" for r in kb.search("orban"))


# -- names, surnames, honorifics -------------------------------------------------------------------------


def test_full_name_gets_the_office_held_on_the_date(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Vladimir Putin opened the new bridge.", "2010-06-01")
    assert who(at(ms, "Vladimir Putin")) == ("RUS", "GOV", "Vladimir Putin")
    assert ms[0].how == "name"


def test_surname_after_first_mention_and_alone(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Olaf Scholz landed in Delhi. Scholz met students on Sunday.", "2023-02-26")
    second = [m for m in ms if m.text == "Scholz"][0]
    assert second.how == "surname" and second.actor and second.actor.actor_id == "person:olaf-scholz"


def test_common_word_surname_out_of_office_is_not_guessed(kb: KnowledgeBase) -> None:
    # "Rice" is an English word and Condoleezza Rice held no office in 2022: a new, unplaced person.
    m = at(mentions(kb, "Rice said the talks had failed.", "2022-05-01"), "Rice")
    assert m.actor is not None and m.actor.actor_id == "new:rice" and m.actor.code is None


def test_honorific_gender_rules_out_namesakes(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Ms. Jones arrived late. She said the roads were closed.", "2022-05-01")
    assert at(ms, "Ms. Jones").how == "honorific"
    assert at(ms, "Ms. Jones").actor.actor_id == "new:jones"  # type: ignore[union-attr]
    assert at(ms, "She").actor.actor_id == "new:jones"  # type: ignore[union-attr]


def test_place_named_like_a_minister_is_not_the_minister(kb: KnowledgeBase) -> None:
    m = at(mentions(kb, "The storm hit Austin, Texas, on Monday."), "Austin")
    assert (
        m.actor is not None and m.actor.actor_id is None and (m.actor.code, m.actor.kind) == ("USA", "place")
    )


def test_city_gives_its_country_to_groups_around_it(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Darfur rebels attacked the town. Police in Cizre arrested two men.")
    assert who(at(ms, "Darfur rebels"))[:2] == ("SDN", "REB")
    assert who(at(ms, "Police"))[:2] == ("TUR", "COP")
    cizre = at(ms, "Cizre")
    assert cizre.actor is not None and (cizre.actor.code, cizre.actor.sector) == ("TUR", None)


def test_new_person_surname_continues_without_a_parser_tag(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Yevgeny Petrov spoke first. Petrov added that the campaign was going well.")
    assert [m.actor.actor_id for m in ms if m.actor and "Petrov" in m.text] == ["new:yevgeny-petrov"] * 2  # type: ignore[union-attr]


# -- titles and role nominals -----------------------------------------------------------------------------


def test_title_name_is_one_mention(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Russian President Vladimir Putin met the envoy.")
    assert [m.text for m in ms][0] == "Russian President Vladimir Putin"
    assert ms[0].how == "title" and who(ms[0]) == ("RUS", "GOV", "Vladimir Putin")


def test_title_gives_country_and_sector_to_unknown_people(kb: KnowledgeBase) -> None:
    m = at(mentions(kb, "Moldovan Interior Minister Ion Rusu announced the arrests."), "Ion Rusu")
    assert (m.actor.code, m.actor.sector, m.actor.actor_id) == ("MDA", "GOV", "new:ion-rusu")  # type: ignore[union-attr]


def test_possessive_title_with_comma(kb: KnowledgeBase) -> None:
    m = at(mentions(kb, "Hungary's prime minister, Viktor Orban, vetoed the plan.", "2023-12-14"), "Orban")
    assert m.text == "Hungary's prime minister, Viktor Orban" and who(m)[0] == "HUN"


def test_appositive_title_after_the_name(kb: KnowledgeBase) -> None:
    m = at(mentions(kb, "Sergei Lavrov, the Russian foreign minister, left early.", "2022-01-20"), "Lavrov")
    assert m.text == "Sergei Lavrov, the Russian foreign minister" and m.how == "title"


def test_role_nominal_by_office_and_date(kb: KnowledgeBase) -> None:
    m22 = at(mentions(kb, "The US Secretary of State landed in Cairo.", "2022-03-01"), "Secretary")
    m18 = at(mentions(kb, "The US Secretary of State landed in Cairo.", "2018-06-01"), "Secretary")
    assert (m22.actor.name, m18.actor.name) == ("Antony Blinken", "Mike Pompeo")  # type: ignore[union-attr]
    assert m22.how == "role"


def test_role_nominal_points_back_to_the_person_named(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Dmytro Kuleba arrived in Ottawa. The minister thanked his hosts.", "2022-05-01")
    assert at(ms, "The minister").actor.actor_id == "person:dmytro-kuleba"  # type: ignore[union-attr]


def test_role_reading_depends_on_the_country(kb: KnowledgeBase) -> None:
    de = at(mentions(kb, "The German chancellor arrived.", "2022-05-01"), "chancellor")
    gb = at(mentions(kb, "The British chancellor arrived.", "2022-05-01"), "chancellor")
    assert de.actor.name == "Olaf Scholz" and gb.actor.name == "Rishi Sunak"  # type: ignore[union-attr]


def test_deputy_is_not_the_office_holder(kb: KnowledgeBase) -> None:
    m = at(
        mentions(kb, "A Russian deputy foreign minister said talks were possible.", "2022-01-10"), "deputy"
    )
    assert who(m) == ("RUS", "GOV", None)


def test_leader_of_a_parliamentary_country(kb: KnowledgeBase) -> None:
    m = at(mentions(kb, "The Italian leader met the mayor of Lampedusa.", "2023-09-17"), "leader")
    assert who(m) == ("ITA", "GOV", "Giorgia Meloni")


# -- metonyms, countries, organisations -------------------------------------------------------------------


def test_metonym_and_capital(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "The Kremlin and Beijing rejected the statement from the Pentagon.")
    assert who(at(ms, "Kremlin"))[:2] == ("RUS", "GOV") and at(ms, "Kremlin").how == "metonym"
    assert who(at(ms, "Beijing"))[:2] == ("CHN", "GOV")
    assert who(at(ms, "Pentagon"))[:2] == ("USA", "MIL")


def test_country_acting_is_its_government(kb: KnowledgeBase) -> None:
    m = at(mentions(kb, "Poland closed the crossing."), "Poland")
    assert who(m) == ("POL", "GOV", "Poland") and m.actor.actor_id == "country:POL"  # type: ignore[union-attr]


def test_short_uppercase_aliases_keep_their_case(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "The US told us that the WHO would decide who goes.")
    assert [m.text for m in ms if m.actor] == ["The US", "the WHO"]


def test_long_acronym_in_lower_case(kb: KnowledgeBase) -> None:
    m = at(mentions(kb, "Leaders of the alliance (nato) met in Madrid."), "nato")
    assert who(m)[:2] == ("NATO", "IGO")


def test_place_inside_a_person_name_is_not_a_country(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Jordan Bardella said the vote was a victory.")
    assert not [m for m in ms if m.actor and m.actor.code == "JOR"]


def test_armed_group_and_its_fighters(kb: KnowledgeBase) -> None:
    m = at(mentions(kb, "Hezbollah fighters fired at the post."), "Hezbollah")
    assert who(m) == ("LBN", "REB", "Hezbollah")


# -- group nouns -------------------------------------------------------------------------------------------


def test_demonym_with_group_noun(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Russian troops fired on Ukrainian protesters.")
    assert who(at(ms, "Russian troops"))[:2] == ("RUS", "MIL")
    assert who(at(ms, "Ukrainian protesters"))[:2] == ("UKR", "CVL")
    assert at(ms, "Russian troops").how == "demonym"


def test_coordinated_demonyms_share_the_noun(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Greek and Turkish diplomats met in Athens.")
    assert who(at(ms, "Greek"))[:2] == ("GRC", "GOV")
    assert who(at(ms, "Turkish diplomats"))[:2] == ("TUR", "GOV")


def test_group_noun_with_of_phrase(kb: KnowledgeBase) -> None:
    assert who(at(mentions(kb, "The government of Peru declared an emergency."), "government"))[:2] == (
        "PER",
        "GOV",
    )


def test_igo_troops_keep_the_noun_sector(kb: KnowledgeBase) -> None:
    assert who(at(mentions(kb, "NATO troops arrived in Estonia."), "NATO troops"))[:2] == ("NATO", "MIL")


def test_bare_police_take_the_country_of_the_context(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Crowds gathered in Tbilisi on Friday. Police used water cannon.")
    assert who(at(ms, "Police"))[:2] == ("GEO", "COP")
    alone = at(mentions(kb, "Police closed the road after the match."), "Police")
    assert who(alone)[:2] == (None, "COP")


def test_the_opposition(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "In Caracas, the opposition called for a strike.")
    assert who(at(ms, "opposition"))[:2] == ("VEN", "OPP")


# -- coreference ---------------------------------------------------------------------------------------------


def test_pronoun_by_gender(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Giorgia Meloni met Olaf Scholz in Rome. She said the talks went well.", "2023-06-08")
    assert at(ms, "She").actor.name == "Giorgia Meloni" and at(ms, "She").how == "pronoun"  # type: ignore[union-attr]


def test_pronoun_prefers_the_subject_of_the_previous_sentence(kb: KnowledgeBase) -> None:
    ms = mentions(
        kb, "Sergei Lavrov met Antony Blinken in Geneva. He said Moscow had no plans.", "2022-01-21"
    )
    assert at(ms, "He").actor.name == "Sergei Lavrov"  # type: ignore[union-attr]


def test_they_for_plural_groups(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Russian troops shelled the town. They also mined the bridge.")
    assert who(at(ms, "They"))[:2] == ("RUS", "MIL")


def test_it_for_a_country_and_not_for_a_dummy_subject(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Iran said it would resume enrichment. It is clear that talks failed.")
    its = [m for m in ms if m.text.lower() == "it"]
    assert len(its) == 1 and who(its[0])[0] == "IRN"


def test_the_alliance_is_the_latest_igo(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "NATO ministers met in Brussels. The alliance promised more air defence.")
    assert who(at(ms, "The alliance"))[:2] == ("NATO", "IGO") and at(ms, "The alliance").how == "role"


def test_the_country_points_back(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Chile said the country would hold a referendum.")
    assert who(at(ms, "the country"))[0] == "CHL"


# -- output shape ---------------------------------------------------------------------------------------------


def test_mentions_sorted_disjoint_with_true_offsets(kb: KnowledgeBase) -> None:
    text = "Russian President Vladimir Putin told Hungary's prime minister, Viktor Orban, that he was ready."
    doc = load_model()(text)
    ms = resolve_mentions(doc, "2022-02-01", kb)
    assert ms == sorted(ms, key=lambda m: m.start)
    for a, b in zip(ms, ms[1:], strict=False):
        assert a.end <= b.start
    assert all(text[m.start : m.end] == m.text for m in ms)
    assert all(m.sentence == 0 for m in ms)


def test_empty_doc(kb: KnowledgeBase) -> None:
    assert resolve_mentions(load_model()(""), None, kb) == []


def test_no_date_means_now(kb: KnowledgeBase) -> None:
    m = at(mentions(kb, "The US Secretary of State spoke.", None), "Secretary")
    assert m.actor is not None and m.actor.code == "USA" and m.actor.name == "Marco Rubio"


def test_dateline_is_not_an_actor(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "KABUL (Reuters) - Afghan police arrested two men on Sunday.")
    assert not [m for m in ms if m.text == "KABUL"]
    assert who(at(ms, "Afghan police"))[:2] == ("AFG", "COP")


def test_headline_surname_before_the_full_name(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Trump’s leaked taxes.\n\nDonald Trump declined to comment.", "2016-10-03")
    assert ms[0].text == "Trump" and ms[0].actor.actor_id == "person:donald-trump"  # type: ignore[union-attr]


def test_stance_prefix_is_not_a_nationality(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "In eastern Ukraine, pro-Russian separatists shelled the airport.")
    assert who(at(ms, "separatists"))[:2] == ("UKR", "REB")


def test_it_as_an_object_is_a_thing(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Sudan's army agreed to a truce. Mediators urged both sides to respect it.")
    assert not [m for m in ms if m.text == "it"]


def test_group_noun_describing_a_named_group_is_not_a_second_actor(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "The paramilitary Rapid Support Forces shelled the market.")
    assert [m.text for m in ms] == ["Rapid Support Forces"]


def test_city_the_parser_calls_a_facility(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Russian forces shelled Kharkiv, killing ten civilians.")
    assert who(at(ms, "Kharkiv"))[:2] == ("UKR", None)
    assert who(at(ms, "civilians"))[:2] == ("UKR", "CVL")  # civilians belong where they are


def test_person_name_stops_at_a_line_break(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Maria Vasquez\n\nLIMA — Peruvian police detained protesters.")
    assert all("\n" not in m.text for m in ms)


def test_honorific_before_a_role_word_is_a_name(kb: KnowledgeBase) -> None:
    m = at(mentions(kb, "Mr. King, the author, signed copies."), "King")
    assert m.how == "honorific" and m.actor.actor_id == "new:king"  # type: ignore[union-attr]


def test_indefinite_role_is_not_the_office_holder(kb: KnowledgeBase) -> None:
    m = at(mentions(kb, "A Kremlin spokesman said the talks were over.", "2022-03-01"), "spokesman")
    assert who(m) == ("RUS", "GOV", None)


def test_title_picks_the_namesake_who_held_the_office(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Hillary Clinton spoke first. President Clinton had signed the law.", "2016-10-01")
    assert at(ms, "President Clinton").actor.actor_id == "person:bill-clinton"  # type: ignore[union-attr]


def test_body_before_a_role_gives_the_sector(kb: KnowledgeBase) -> None:
    m = at(mentions(kb, "US Senate Majority Leader Chuck Schumer said no.", "2022-05-01"), "Schumer")
    assert who(m)[:2] == ("USA", "LEG")


def test_two_letter_alias(kb: KnowledgeBase) -> None:
    m = at(mentions(kb, "Mr. Xi and Mr. Obama sealed the agreement.", "2015-09-25"), "Xi")
    assert m.actor.actor_id == "person:xi-jinping"  # type: ignore[union-attr]


def test_group_noun_before_a_name_is_a_title(kb: KnowledgeBase) -> None:
    m = at(
        mentions(kb, "Police detained suspected Belgian militant Pieter Claes Vermeulen on Monday."), "Pieter"
    )
    assert m.text == "Belgian militant Pieter Claes Vermeulen" and m.how == "title"
    assert who(m) == ("BEL", "REB", "Pieter Claes Vermeulen")


def test_possessive_pronoun_gives_its_country_to_the_group(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Syria says it is willing to withdraw its troops from Lebanon.")
    assert who(at(ms, "it"))[0] == "SYR"  # a reported clause: "it" is the speaker, not a dummy subject
    assert who(at(ms, "troops"))[:2] == ("SYR", "MIL")


def test_group_noun_used_as_an_adjective_is_not_an_actor(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "The strike hit military infrastructure near the port.")
    assert not [m for m in ms if "military" in m.text]
