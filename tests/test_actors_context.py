"""Actor resolution in realistic news context, one sentence (written for these tests) per rule: former
office holders, the article's context country, unresolved "from/of" phrases, dated group-to-government
transitions, ambiguous city names, patrons of armed groups, IGO appositions, the West, punctuation at span
edges and "it" with a non-actor antecedent."""

from __future__ import annotations

import pytest

from eventwire.actors import KnowledgeBase, load_kb, resolve_mentions
from eventwire.nlp import load_model
from eventwire.records import Mention


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def mentions(kb: KnowledgeBase, text: str, date: str | None = "2023-05-04") -> list[Mention]:
    return resolve_mentions(load_model()(kb.repair(text)), date, kb)


def codes(ms: list[Mention], phrase: str) -> list[tuple[str | None, str | None]]:
    """(code, sector) of every mention whose text is ``phrase``."""
    return [(m.actor.code, m.actor.sector) if m.actor else (None, None) for m in ms if m.text == phrase]


# -- 1. former office holders ---------------------------------------------------------------------------


def test_former_prime_minister_with_a_current_party_role_is_opposition(kb: KnowledgeBase) -> None:
    text = (
        "Former Pakistani prime minister Imran Khan spoke to supporters in Lahore on Saturday. "
        "Khan's lawyers said the charges were politically motivated."
    )
    ms = mentions(kb, text)
    assert codes(ms, "Former Pakistani prime minister Imran Khan") == [("PAK", "OPP")]
    assert codes(ms, "Khan") == [("PAK", "OPP")]


def test_incumbent_keeps_the_government_sector(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Pakistani Prime Minister Imran Khan visited Beijing on Friday.", "2019-10-08")
    assert codes(ms, "Pakistani Prime Minister Imran Khan") == [("PAK", "GOV")]


def test_former_holder_without_a_current_role_has_no_sector(kb: KnowledgeBase) -> None:
    ms = mentions(
        kb, "Former Israeli prime minister Ehud Olmert criticised the judicial plan. Olmert spoke on radio."
    )
    assert codes(ms, "Former Israeli prime minister Ehud Olmert") == [("ISR", None)]
    assert codes(ms, "Olmert") == [("ISR", None)]


def test_all_terms_ended_before_the_date_means_no_sector(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Ehud Olmert told a television interviewer that the coalition would fall.")
    assert codes(ms, "Ehud Olmert") == [("ISR", None)]
    # in office on the date: the government
    ms = mentions(
        kb, "Ehud Olmert told a television interviewer that the coalition would hold.", "2007-03-01"
    )
    assert codes(ms, "Ehud Olmert") == [("ISR", "GOV")]


def test_a_current_title_in_the_text_outweighs_ended_kb_terms(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Israeli Defence Minister Ehud Olmert visited the northern border.")
    assert codes(ms, "Israeli Defence Minister Ehud Olmert") == [("ISR", "GOV")]


def test_undated_text_keeps_the_office(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Ehud Olmert told a television interviewer that the coalition would hold.", None)
    assert codes(ms, "Ehud Olmert") == [("ISR", "GOV")]


def test_former_unknown_person_and_role_nominal_have_no_sector(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Former Chilean interior minister Rodrigo Valdivia was charged with fraud on Monday.")
    assert codes(ms, "Former Chilean interior minister Rodrigo Valdivia") == [("CHL", None)]
    ms = mentions(kb, "A court in Lima summoned an ex-Peruvian defence minister over the contracts.")
    assert codes(ms, "an ex-Peruvian defence minister") == [("PER", None)]
    ms = mentions(kb, "The former prime minister of Peru was summoned by the court.")
    assert codes(ms, "The former prime minister of Peru") == [("PER", None)]


# -- 2. the article's context country for a bare group noun ------------------------------------------------


def test_bare_government_takes_the_country_of_the_previous_sentence(kb: KnowledgeBase) -> None:
    text = (
        "Japan and South Korea agreed on Tuesday to resume regular security talks. Tokyo and Seoul also "
        "pledged to share more radar data.\n\n"
        "Elsewhere, riot police in Dhaka detained scores of opposition activists. The party's leaders "
        "accused the government of silencing dissent, and the army was deployed near the parliament."
    )
    ms = mentions(kb, text)
    assert codes(ms, "the government") == [("BGD", "GOV")]
    assert codes(ms, "the army") == [("BGD", "MIL")]


def test_sentence_country_still_wins_over_the_previous_one(kb: KnowledgeBase) -> None:
    text = (
        "Soldiers patrolled the streets of Nairobi after the vote. In Uganda, the government shut down "
        "the internet before the count."
    )
    assert codes(mentions(kb, text), "the government") == [("UGA", "GOV")]


def test_a_sentence_with_two_countries_does_not_borrow_the_previous_one(kb: KnowledgeBase) -> None:
    text = (
        "Peru and Ecuador recalled their ambassadors on Monday. Lima said the move was final.\n\n"
        "In Chile and Bolivia, the army was put on alert."
    )
    assert codes(mentions(kb, text), "the army") == [(None, "MIL")]


def test_a_seat_in_the_previous_sentence_gives_no_context(kb: KnowledgeBase) -> None:
    text = (
        "A Vienna-based monitoring group published satellite images of the border. "
        "It said the army had moved artillery."
    )
    assert codes(mentions(kb, text), "the army") == [(None, "MIL")]


# -- 3. group nouns of several or unnamed parties --------------------------------------------------------


def test_officials_from_both_sides_do_not_take_the_subjects_country(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Brussels froze the assets of commanders from both sides after the border clashes.")
    assert [code for code, _ in codes(ms, "commanders")] == [None]
    ms = mentions(kb, "London imposed travel bans on officials from the rival factions.")
    assert codes(ms, "officials") == [(None, "GOV")]


def test_the_two_delegations_have_no_single_country(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Oslo hosted the talks on Monday. Members of the two delegations left without a deal.")
    assert codes(ms, "delegations") == [(None, "GOV")]
    ms = mentions(kb, "Qatar said both governments had accepted the truce.")
    assert codes(ms, "governments") == [(None, "GOV")]


def test_officials_from_an_organisation_belong_to_it(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Officials from the United Nations met Houthi leaders in Muscat.")
    assert codes(ms, "Officials from the United Nations") == [("UN", "IGO")]
    ms = mentions(kb, "Kenya pulled soldiers from the African Union mission in Somalia.")
    assert codes(ms, "soldiers") == [("KEN", "MIL")]


def test_a_from_phrase_with_a_country_and_a_plain_count_keep_the_context(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Kenya said three soldiers were killed near the border.")
    assert codes(ms, "soldiers") == [("KEN", "MIL")]
    ms = mentions(kb, "Ankara said officials of the Turkish embassy met the families.")
    assert codes(ms, "officials") == [("TUR", "GOV")]
    ms = mentions(kb, "Nairobi said officials of the ruling party were questioned.")
    assert codes(ms, "officials") == [("KEN", "GOV")]


# -- 4. dated group-to-government transitions (transitions.tsv) ----------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2023-05-04", ("AFG", "GOV")), ("2021-08-15", ("AFG", "GOV")), ("2019-02-10", ("AFG", "REB")),
     (None, ("AFG", "REB"))],
)  # fmt: skip
def test_the_taliban_govern_after_august_2021(
    kb: KnowledgeBase, date: str | None, expected: tuple[str, str]
) -> None:
    ms = mentions(kb, "The Taliban ordered girls' schools in Kandahar to stay closed.", date)
    assert codes(ms, "The Taliban") == [expected]


def test_a_title_from_a_governing_group_is_government(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Taliban spokesman Karim Zadran said the border crossing would reopen.")
    assert codes(ms, "Taliban spokesman Karim Zadran") == [("AFG", "GOV")]


def test_transitions_file_is_well_formed(kb: KnowledgeBase) -> None:
    from eventwire.actors.kb import default_data_dir

    lines = [
        line
        for line in (default_data_dir() / "transitions.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert lines[0].split("\t") == ["actor_id", "code", "sector", "start", "end", "basis"]
    for line in lines[1:]:
        actor_id, code, sector, start, end, basis = line.split("\t")
        assert actor_id in kb.organisations, line
        assert code in kb.countries and sector in {"GOV", "MIL", "REB", "OPP", "PTY"}, line
        assert len(start) == 10 and (not end or start <= end) and basis.strip(), line


# -- 5. capitals that are also cities elsewhere (ambiguous_places.tsv) ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Gunfire echoed through the north Lebanese port of Tripoli late on Sunday.",
        "Rival gunmen traded fire in Tripoli in northern Lebanon, the army said.",
        "Lebanon's caretaker cabinet met in Beirut on Monday to discuss fuel shortages.\n\n"
        "Hundreds of people queued for bread in Tripoli, witnesses said.",
    ],
)
def test_tripoli_in_lebanon_is_a_lebanese_place(kb: KnowledgeBase, text: str) -> None:
    assert codes(mentions(kb, text), "Tripoli") == [("LBN", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Tripoli rejected the proposal for new elections.",
        "The government in Tripoli accused Libyan commanders in Benghazi of blocking oil exports.",
    ],
)
def test_tripoli_alone_or_in_libya_is_the_libyan_capital(kb: KnowledgeBase, text: str) -> None:
    assert codes(mentions(kb, text), "Tripoli") == [("LBY", "GOV")]


def test_namesake_rule_is_general(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Dominican police said the protest spread from Santo Domingo to Santiago on Friday.")
    assert codes(ms, "Santiago") == [("DOM", None)]
    ms = mentions(kb, "Santiago said it would recall its ambassador from Lima.")
    assert codes(ms, "Santiago") == [("CHL", "GOV")]


def test_ambiguous_places_file_is_well_formed(kb: KnowledgeBase) -> None:
    from eventwire.actors.kb import default_data_dir, fold

    capitals = {fold(c): code for code, c_ in kb.countries.items() for c in c_.capitals}
    lines = [
        line
        for line in (default_data_dir() / "ambiguous_places.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert lines[0].split("\t") == ["name", "countries", "basis"]
    for line in lines[1:]:
        name, countries, basis = line.split("\t")
        assert fold(name) in capitals, line  # a capital of countries.tsv
        others = countries.split("|")
        assert all(c in kb.countries and c != capitals[fold(name)] for c in others) and basis.strip(), line


# -- 6. patrons of armed groups ---------------------------------------------------------------------------


def test_a_backed_modifier_names_a_patron_not_the_groups_country(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Russian-backed separatists shelled Donetsk before dawn on Friday.")
    assert codes(ms, "separatists") == [("UKR", "REB")]
    ms = mentions(kb, "Iran-aligned militias fired drones at a base in Syria on Thursday.")
    assert codes(ms, "militias") == [("SYR", "REB")]


def test_a_patron_alone_gives_no_country(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Turkish-sponsored fighters seized two villages overnight.")
    assert codes(ms, "fighters") == [(None, "REB")]


def test_a_plain_demonym_still_gives_the_group_its_country(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Turkish troops shelled villages near Kobani.")
    assert codes(ms, "Turkish troops") == [("TUR", "MIL")]


# -- 7. an IGO title in apposition -------------------------------------------------------------------------


def test_an_igo_apposition_overrides_a_namesake_place(kb: KnowledgeBase) -> None:
    text = "Kenzo Oshima, the United Nations Emergency Relief Coordinator, appealed for access to the camps."
    ms = mentions(kb, text)
    m = next(m for m in ms if m.text.startswith("Kenzo Oshima"))
    assert m.text == "Kenzo Oshima, the United Nations Emergency Relief Coordinator"
    assert m.actor is not None and (m.actor.code, m.actor.sector, m.how) == ("UN", "IGO", "title")


def test_an_igo_apposition_overrides_the_persons_country(kb: KnowledgeBase) -> None:
    text = "Yoshimasa Hayashi, the IAEA special adviser, toured the plant on Monday."
    ms = mentions(kb, text)
    assert codes(ms, "Yoshimasa Hayashi, the IAEA special adviser") == [("IAEA", "IGO")]
    ms = mentions(kb, "Yoshimasa Hayashi, the Japanese foreign minister, toured the plant.", "2022-05-01")
    assert codes(ms, "Yoshimasa Hayashi, the Japanese foreign minister") == [("JPN", "GOV")]


# -- 8. the West ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Tehran dismissed Western demands for snap inspections.", "Western", ("WST", None)),
        ("Belarus brushed off Western sanctions on its potash exports.", "Western", ("WST", None)),
        ("Western powers urged restraint on both sides.", "Western powers", ("WST", "GOV")),
        ("Beijing accused the West of meddling.", "the West", ("WST", "GOV")),
    ],
)
def test_western_names_the_bloc(kb: KnowledgeBase, text: str, phrase: str, expected: tuple[str, str]) -> None:
    assert codes(mentions(kb, text), phrase) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Morocco sent more troops to Western Sahara last year.",
        "Drones struck fuel depots in western Ukraine overnight.",
        "Heavy snow closed roads across Western Europe.",
        "Critics in Moscow mocked Western-style elections.",
    ],
)
def test_western_place_names_and_compounds_are_not_the_bloc(kb: KnowledgeBase, text: str) -> None:
    assert not any(m.actor is not None and m.actor.code == "WST" for m in mentions(kb, text))


# -- 9. no punctuation at the edges of a mention --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("NEW DELHI, March 9 - Indian Prime Minister Narendra Modi praised the accord.", "Indian Prime Minister Narendra Modi"),
        ("ANKARA, June 2 — Turkish Foreign Minister Hakan Fidan flew to Baghdad.", "Turkish Foreign Minister Hakan Fidan"),
        ("KYIV, Oct 4 -- Ukrainian troops repelled an assault near Bakhmut.", "Ukrainian troops"),
    ],
)  # fmt: skip
def test_a_dateline_dash_is_not_part_of_the_mention(kb: KnowledgeBase, text: str, phrase: str) -> None:
    ms = mentions(kb, text)
    assert [m.text for m in ms if m.text.endswith(phrase)] == [phrase]
    assert all(m.text[:1].isalnum() and m.text[-1:].isalnum() for m in ms)


def test_ex_keeps_its_hyphen_inside_the_mention(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Prosecutors in Lima charged an ex-Peruvian defence minister on Monday.")
    assert codes(ms, "an ex-Peruvian defence minister") == [("PER", None)]


# -- 10. "it" after a non-actor subject ---------------------------------------------------------------------


def _it(ms: list[Mention]) -> list[tuple[str | None, str | None]]:
    return [(m.actor.code, m.actor.sector) if m.actor else (None, None) for m in ms if m.text.lower() == "it"]


@pytest.mark.parametrize(
    "text",
    [
        "The Navy said the freighter was sailing to Oman when it was boarded by Iranian commandos.",
        "The coast guard lost contact with the vessel on Monday. The vessel had left Piraeus with a crew of "
        "twelve. It sank near Crete two days later.",
        "Kenya's treasury said the budget plan was late because it needed more revisions.",
        "The navy said the convoy sailed to Mariupol, where it was unloaded on Thursday.",
    ],
)
def test_it_after_a_thing_stays_unresolved(kb: KnowledgeBase, text: str) -> None:
    assert _it(mentions(kb, text)) == [(None, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Egypt said it would reopen the crossing on Friday.", ("EGY", "GOV")),
        ("A statement from Egypt's foreign ministry said it would reopen the crossing.", ("EGY", "GOV")),
        ("Qatar said the talks had stalled. It blamed both sides for the delay.", ("QAT", "GOV")),
    ],
)
def test_it_after_an_actor_still_resolves(kb: KnowledgeBase, text: str, expected: tuple[str, str]) -> None:
    assert _it(mentions(kb, text)) == [expected]


# -- places: the article's country is weak evidence between namesakes ----------------------------------------


def test_a_world_city_is_not_a_small_namesake_of_the_articles_country(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Washington sent two envoys abroad. The envoys flew on to Geneva for the talks.")
    assert codes(ms, "Geneva") == [("CHE", None)]


def test_the_articles_country_still_decides_between_comparable_namesakes(kb: KnowledgeBase) -> None:
    ms = mentions(kb, "Pakistani police said a blast in Hyderabad killed four people.")
    assert codes(ms, "Hyderabad") == [("PAK", None)]


# -- groups located by an "in" phrase ------------------------------------------------------------------------


def test_rebels_and_civilians_belong_where_the_in_phrase_puts_them(kb: KnowledgeBase) -> None:
    text = "Algeria hosted the talks. Rebels in Western Sahara and farmers in eastern Ukraine were angry."
    ms = mentions(kb, text)
    assert codes(ms, "Rebels") == [("ESH", "REB")]
    assert codes(ms, "farmers") == [("UKR", "CVL")]


def test_troops_in_a_country_are_not_located_by_it(kb: KnowledgeBase) -> None:
    # foreign troops are often stationed abroad: the "in" phrase says nothing about armies
    ms = mentions(kb, "French officials said troops in Mali would stay, France's defence ministry added.")
    assert codes(ms, "troops") == [("FRA", "MIL")]
