"""Event location: the gazetteer, datelines and each rule of :mod:`eventwire.geo.locate`, on sentences written
for these tests. Events are built by hand (type, trigger, actors) so that the tests exercise the locator
alone, whatever the event coder makes of the sentence."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.geo import (
    Place,
    PlaceContext,
    event_places,
    find_datelines,
    load_gazetteer,
    locate_events,
    resolve_place,
)
from eventwire.geo.gazetteer import default_data_dir, fold
from eventwire.nlp import load_model
from eventwire.records import ActorRef, Event


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def _event(doc: Doc, trigger: str, type_: str, source: tuple[str, ...] = (), target: tuple[str, ...] = (),
           *, occurrence: int = 0, names: dict[str, str] | None = None) -> Event:  # fmt: skip
    """An event whose trigger is the ``occurrence``-th ``trigger`` in the text; actors by code (and name)."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(trigger, start + 1)
    end = start + len(trigger)
    sent = doc.char_span(start, end, alignment_mode="expand")
    assert sent is not None
    s = sent.sent
    names = names or {}
    return Event(
        type=type_,
        source=[ActorRef(code=c, name=names.get(c)) for c in source],
        target=[ActorRef(code=c, name=names.get(c)) for c in target],
        sentence_span=(s.start_char, s.end_char),
        trigger_span=(start, end),
    )


def _where(nlp: Language, text: str, trigger: str, type_: str, pub_date: str | None = "2023-05-10",
           **kw: object) -> tuple[str | None, str | None]:  # fmt: skip
    """(Event.location, rule) for one hand-made event."""
    doc = nlp(text)
    event = _event(doc, trigger, type_, **kw)  # type: ignore[arg-type]
    found = event_places(doc, [event], pub_date)[0]
    locate_events(doc, [event], pub_date)
    assert event.location == (found.place.label if found else None)
    return event.location, found.basis if found else None


# -- gazetteer ------------------------------------------------------------------------------------------------


def test_fold_strips_accents_case_and_article() -> None:
    assert fold("The  Goražde") == "gorazde"
    assert fold("KYIV") == "kyiv"


def test_resolve_place_names_cities_countries_and_regions() -> None:
    kyiv = resolve_place("Kiev")
    assert kyiv is not None and (kyiv.name, kyiv.country, kyiv.kind) == ("Kyiv", "UKR", "city")
    assert kyiv.lat is not None and 50 < kyiv.lat < 51 and 30 < (kyiv.lon or 0) < 31
    assert kyiv.geonameid and kyiv.label == "Kyiv, Ukraine"
    uk = resolve_place("Britain")
    assert uk is not None and (uk.country, uk.kind, uk.label) == ("GBR", "country", "United Kingdom")
    gaza = resolve_place("Gaza")
    assert gaza is not None and (gaza.name, gaza.country, gaza.kind) == ("Gaza Strip", "PSE", "region")
    sea = resolve_place("the Black Sea")
    assert sea is not None and (sea.kind, sea.country, sea.label) == ("sea", None, "Black Sea")


def test_us_cities_carry_their_state() -> None:
    houston = resolve_place("Houston")
    assert houston is not None and houston.admin1 == "Texas" and houston.country == "USA"


def test_country_name_beats_a_us_state_of_the_same_name() -> None:
    georgia = resolve_place("Georgia")
    assert georgia is not None and georgia.country == "GEO" and georgia.kind == "country"
    state = resolve_place("Georgia", context_country="USA")
    assert state is not None and state.kind == "region" and state.admin1 == "Georgia"


def test_ambiguous_city_defaults_to_the_most_prominent_and_yields_to_context() -> None:
    assert (resolve_place("Tripoli") or _nowhere()).country == "LBY"
    assert (resolve_place("Tripoli", context_country="LBN") or _nowhere()).label == "Tripoli, Lebanon"
    # Geneva, Switzerland over Geneva, New York; Victoria, Canada over Victoria, Hong Kong.
    assert (resolve_place("Geneva") or _nowhere()).country == "CHE"
    assert (resolve_place("Victoria") or _nowhere()).country == "CAN"
    assert (resolve_place("Paris", context_country="USA") or _nowhere()).admin1 == "Texas"


def test_actor_evidence_does_not_vote_for_the_default_reading() -> None:
    gaz = load_gazetteer()
    # Libyan actors add nothing to Tripoli, Libya (the coder may have read them off the name itself), so
    # Lebanese evidence of the same weight still counts.
    ctx = PlaceContext(countries={"LBN": 2.0}, actors={"LBY": 3.0})
    assert (gaz.resolve("Tripoli", ctx) or _nowhere()).country == "LBN"


def test_words_that_are_not_places_resolve_to_nothing() -> None:
    assert resolve_place("Reading the statement") is None
    assert resolve_place("President") is None
    assert resolve_place("") is None


def _nowhere() -> Place:
    return Place(name="nowhere", country=None, kind="city")


# -- datelines ------------------------------------------------------------------------------------------------


def test_datelines_at_the_start_of_paragraphs() -> None:
    text = (
        "Ceasefire talks stall\n\nKYIV \u2014 Shelling went on overnight.\n\n"
        "PARIS, Texas (AP) - A rally was held.\n\nBeirut (Reuters) - Talks resumed.\n"
    )
    found = [(d.text, d.place.label) for d in find_datelines(text)]
    assert found == [
        ("KYIV", "Kyiv, Ukraine"),
        ("PARIS", "Paris, United States"),
        ("Beirut", "Beirut, Lebanon"),
    ]


def test_no_dateline_for_capitalised_words_that_are_not_places() -> None:
    text = "BREAKING \u2014 Talks collapse.\n\nPutin - who spoke first - left early.\n\nKyiv shelled again - officials"
    assert find_datelines(text) == []


# -- rule 1: a place attached to the trigger by a preposition of place -----------------------------------------


def test_locative_preposition_on_the_trigger(nlp: Language) -> None:
    text = "Russian forces shelled apartment blocks in Kharkiv on Tuesday."
    assert _where(nlp, text, "shelled", "ASSAULT", source=("RUS",)) == ("Kharkiv, Ukraine", "locative")


def test_locative_through_a_place_noun(nlp: Language) -> None:
    text = "Riot police fired tear gas at students on the outskirts of Lahore."
    assert _where(nlp, text, "fired", "ASSAULT") == ("Lahore, Pakistan", "locative")
    text = "Hundreds of farmers marched in the northern city of Kirkuk to demand water."
    assert _where(nlp, text, "marched", "PROTEST") == ("Kirkuk, Iraq", "locative")


def test_most_specific_place_of_an_apposition_or_chain(nlp: Language) -> None:
    text = "Relief workers handed out blankets to families in Bam, Iran, after the quake."
    assert _where(nlp, text, "handed out", "AID")[0] == "Bam, Iran"
    text = "Israeli jets struck a warehouse near Khan Younis in the southern Gaza Strip."
    assert _where(nlp, text, "struck", "ASSAULT", source=("ISR",))[0] == "Khān Yūnis, Palestine"


def test_region_after_a_city_name(nlp: Language) -> None:
    text = "Artillery pounded several villages in the Kharkiv region overnight."
    doc = nlp(text)
    found = event_places(doc, [_event(doc, "pounded", "ASSAULT")])[0]
    assert (
        found is not None and found.place.kind == "region" and found.place.label == "Kharkiv region, Ukraine"
    )


def test_place_of_a_noun_trigger_attached_to_its_verb(nlp: Language) -> None:
    text = "The two foreign ministers held talks in Geneva on Friday."
    assert _where(nlp, text, "talks", "CONSULT") == ("Geneva, Switzerland", "locative")


def test_motion_events_take_their_destination_or_origin(nlp: Language) -> None:
    text = "Germany sent two field hospitals to Moldova last week."
    assert _where(nlp, text, "sent", "AID", source=("DEU",)) == ("Moldova", "directional")
    text = "The last Russian units pulled out of Kherson on Friday."
    assert _where(nlp, text, "pulled out", "RETREAT", source=("RUS",))[0] == "Kherson, Ukraine"


def test_verbal_events_do_not_take_a_destination(nlp: Language) -> None:
    text = "The foreign minister appealed to Turkey for help."
    assert _where(nlp, text, "appealed", "REQUEST", target=("TUR",)) == (None, None)


def test_the_place_an_attack_hits(nlp: Language) -> None:
    text = "Drones hit Odesa and Mykolaiv before dawn on Sunday."
    assert _where(nlp, text, "hit", "ASSAULT") == ("Odesa, Ukraine", "object")
    text = "Officials condemned the shelling of Zaporizhzhia."
    assert _where(nlp, text, "shelling", "ASSAULT") == (
        "Zaporizhzhya, Ukraine",
        "object",
    )  # GeoNames' spelling


def test_place_inside_a_reported_clause_beats_the_reporting_clause(nlp: Language) -> None:
    text = "Zelensky said in Kyiv that Russian troops had shelled Kharkiv."
    assert _where(nlp, text, "shelled", "ASSAULT", source=("RUS",)) == ("Kharkiv, Ukraine", "object")


# -- rule 2: another place in the sentence, unless it is an actor ----------------------------------------------


def test_place_elsewhere_in_the_sentence(nlp: Language) -> None:
    text = "Speaking to reporters in Ankara, the minister accused Greece of provocation."
    assert _where(nlp, text, "accused", "ACCUSE", source=("TUR",), target=("GRC",)) == (
        "Ankara, Turkey",
        "sentence",
    )


def test_capital_as_subject_or_object_is_an_actor_not_a_place(nlp: Language) -> None:
    text = "Moscow accused Kyiv of staging the attack."
    assert _where(nlp, text, "accused", "ACCUSE", source=("RUS",), target=("UKR",)) == (None, None)
    text = "Washington imposed new sanctions on Tehran."
    assert _where(nlp, text, "imposed", "SANCTION", source=("USA",), target=("IRN",)) == (None, None)


def test_country_modifying_the_trigger_is_the_actor(nlp: Language) -> None:
    text = "U.S. sanctions on Venezuela took effect at midnight."
    assert _where(nlp, text, "sanctions", "SANCTION", source=("USA",), target=("VEN",)) == (None, None)


def test_person_named_like_a_city_is_not_a_place(nlp: Language) -> None:
    text = "Blinken met Austin at the State Department on Monday."
    names = {"USA": "Lloyd Austin"}
    assert _where(nlp, text, "met", "CONSULT", target=("USA",), names=names)[0] is None


def test_capitalised_words_that_are_not_places(nlp: Language) -> None:
    # "Mobile" (Alabama) and "Reading" (England) are cities of the gazetteer.
    text = "Mobile networks went dark as students marched through Khartoum."
    assert _where(nlp, text, "marched", "PROTEST")[0] == "Khartoum, Sudan"
    text = "Reading the statement aloud, the spokesman condemned the arrests."
    assert _where(nlp, text, "condemned", "ACCUSE") == (None, None)


# -- rule 3: the dateline --------------------------------------------------------------------------------------


def test_dateline_when_the_sentence_names_no_place(nlp: Language) -> None:
    text = "KYIV \u2014 Ukraine accused Russia of war crimes on Monday.\n\nThe government also demanded reparations."
    doc = nlp(text)
    events = [
        _event(doc, "accused", "ACCUSE", ("UKR",), ("RUS",)),
        _event(doc, "demanded", "REQUEST", ("UKR",)),
    ]
    found = event_places(doc, events, "2023-05-10")
    assert [(f.place.label, f.basis) if f else None for f in found] == [
        ("Kyiv, Ukraine", "dateline"),
        ("Kyiv, Ukraine", "dateline"),
    ]


def test_later_dateline_covers_the_paragraphs_after_it(nlp: Language) -> None:
    text = (
        "Ministers trade blame\n\nKYIV \u2014 Ukraine accused Russia of lying.\n\n"
        "MOSCOW \u2014 Russia rejected the charge.\n"
    )
    doc = nlp(text)
    events = [
        _event(doc, "accused", "ACCUSE", ("UKR",), ("RUS",)),
        _event(doc, "rejected", "REJECT", ("RUS",)),
        _event(doc, "blame", "ACCUSE"),  # the headline, before any dateline: the article's first
    ]
    assert [f.place.name if f else None for f in event_places(doc, events)] == ["Kyiv", "Moscow", "Kyiv"]


def test_no_place_at_all(nlp: Language) -> None:
    text = "The minister rejected the accusation."
    assert _where(nlp, text, "rejected", "REJECT") == (None, None)


# -- ambiguity resolved by the article ------------------------------------------------------------------------


def test_tripoli_by_dateline_apposition_and_article(nlp: Language) -> None:
    clash = "Gunmen clashed with soldiers in Tripoli overnight."
    assert _where(nlp, clash, "clashed", "ASSAULT")[0] == "Tripoli, Libya"
    assert _where(nlp, "BEIRUT \u2014 " + clash, "clashed", "ASSAULT")[0] == "Tripoli, Lebanon"
    text = "Protesters rallied in Tripoli, Lebanon's second city, on Sunday."
    assert _where(nlp, text, "rallied", "PROTEST")[0] == "Tripoli, Lebanon"
    text = "Clashes spread across northern Lebanon last week.\n\n" + clash
    assert _where(nlp, text, "clashed", "ASSAULT")[0] == "Tripoli, Lebanon"


def test_ambiguity_resolved_by_the_actors(nlp: Language) -> None:
    text = "Police arrested dozens of opposition supporters in Hyderabad."
    assert _where(nlp, text, "arrested", "COERCE")[0] == "Hyderabad, India"
    assert _where(nlp, text, "arrested", "COERCE", source=("PAK",))[0] == "Hyderabad, Pakistan"


def test_foreign_attackers_do_not_move_the_city_they_attack(nlp: Language) -> None:
    text = "Russian artillery shelled Donetsk overnight."
    assert _where(nlp, text, "shelled", "ASSAULT", source=("RUS",))[0] == "Donetsk, Ukraine"


# -- the country as of the publication date --------------------------------------------------------------------


def test_country_as_of_the_publication_date(nlp: Language) -> None:
    text = "Rebels attacked an army convoy near Juba on Monday."
    assert _where(nlp, text, "attacked", "ASSAULT", pub_date="2005-03-01")[0] == "Juba, Sudan"
    assert _where(nlp, text, "attacked", "ASSAULT", pub_date="2015-03-01")[0] == "Juba, South Sudan"


# -- the record --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _GeoEvent(Event):
    """An event record with the structured location fields proposed for records.Event."""

    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None


def test_locate_events_fills_structured_fields_when_the_record_has_them(nlp: Language) -> None:
    doc = nlp("Thousands rallied in Tbilisi against the bill.")
    plain = _event(doc, "rallied", "PROTEST")
    geo = _GeoEvent(type="PROTEST", source=[], target=[], sentence_span=plain.sentence_span,
                    trigger_span=plain.trigger_span)  # fmt: skip
    locate_events(doc, [plain, geo])
    assert plain.location == geo.location == "Tbilisi, Georgia"
    assert geo.location_country == "GEO" and geo.lat is not None and 41 < geo.lat < 42


def test_locate_events_on_no_events(nlp: Language) -> None:
    locate_events(nlp("Nothing happened."), [])


# -- data files ------------------------------------------------------------------------------------------------


def test_geo_data_files_have_a_basis_for_every_row() -> None:
    gaz = load_gazetteer()
    for name in ("regions.tsv", "locatives.tsv", "country_history.tsv"):
        path = default_data_dir() / "geo" / name
        rows = list(csv.DictReader((ln for ln in path.open(encoding="utf-8") if not ln.startswith("#")),
                                   delimiter="\t"))  # fmt: skip
        assert rows, name
        assert all(r["basis"].strip() for r in rows), name
    for r in csv.DictReader(
        (
            ln
            for ln in (default_data_dir() / "geo" / "regions.tsv").open(encoding="utf-8")
            if not ln.startswith("#")
        ),
        delimiter="\t",
    ):
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180
        assert r["kind"] in ("region", "sea")
        assert not r["country"] or gaz.country(r["country"]) is not None, r["name"]


def test_gazetteer_is_built_once_per_process() -> None:
    assert load_gazetteer() is load_gazetteer()
    assert Path(default_data_dir(), "geo", "regions.tsv").exists()


# -- statements, clauses and headlines -------------------------------------------------------------------------


def test_a_place_deep_inside_a_statement_is_its_topic(nlp: Language) -> None:
    text = "The United Nations appealed for donations for survivors in northern Syria."
    assert _where(nlp, "ANKARA \u2014 " + text, "appealed", "REQUEST") == ("Ankara, Turkey", "dateline")
    assert _where(nlp, text, "appealed", "REQUEST") == ("Syria", "sentence")  # better than nothing
    text = "The minister said in Baghdad that the talks had failed."
    assert _where(nlp, "ANKARA \u2014 " + text, "said", "REJECT") == ("Baghdad, Iraq", "locative")


def test_a_clause_describing_another_noun_is_not_the_events_place(nlp: Language) -> None:
    text = "BEIJING \u2014 China imposed sanctions on firms that hosted Tsai in the United States."
    assert _where(nlp, text, "imposed", "SANCTION", source=("CHN",)) == ("Beijing, China", "dateline")


def test_a_clause_on_the_subject_tells_where_the_subject_was(nlp: Language) -> None:
    text = "Rebels operating in Mali were disarmed by the army."
    assert _where(nlp, text, "disarmed", "RETREAT")[0] == "Mali"


def test_a_place_that_only_modifies_a_noun_comes_after_the_dateline(nlp: Language) -> None:
    text = "ISTANBUL \u2014 Russia and Ukraine signed a deal to resume Black Sea grain exports."
    assert _where(nlp, text, "signed", "SUPPORT") == ("Istanbul, Turkey", "dateline")
    text = "Russia and Ukraine signed a deal to resume Black Sea grain exports."
    assert _where(nlp, text, "signed", "SUPPORT") == ("Black Sea", "sentence")


def test_headline_places_stay_in_the_headline(nlp: Language) -> None:
    text = "Armenian and Azerbaijani leaders meet in Geneva\n\nPARIS \u2014 The two leaders met on Sunday."
    doc = nlp(text)
    events = [_event(doc, "meet", "CONSULT"), _event(doc, "met", "CONSULT")]
    assert [(f.place.name, f.basis) if f else None for f in event_places(doc, events)] == [
        ("Geneva", "locative"),
        ("Paris", "dateline"),
    ]


def test_a_country_after_a_comma_is_a_hint_only_in_apposition(nlp: Language) -> None:
    text = "In Paris, the United States led negotiations among 195 countries."
    assert _where(nlp, text, "led", "CONSULT", source=("USA",))[0] == "Paris, France"
    text = "Flood victims received tents from aid workers in Paris, Texas, on Monday."
    assert _where(nlp, text, "received", "AID")[0] == "Paris, United States"


def test_an_event_outside_the_document_falls_back_to_the_dateline(nlp: Language) -> None:
    doc = nlp("KYIV \u2014 Shelling resumed.")
    event = Event(type="ASSAULT", source=[], target=[], sentence_span=(500, 520), trigger_span=(505, 510))
    found = event_places(doc, [event])[0]
    assert found is not None and (found.place.name, found.basis) == ("Kyiv", "dateline")
