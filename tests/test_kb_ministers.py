"""Office holders below the head of state or government (KB round 4, 2019-2026): foreign, defence and
interior ministers, chiefs of the armed forces and spokespeople in data/actors/offices.tsv and people.tsv.

The data checks read the files directly (as tests/test_kb_offices.py does); the resolver checks run the
real pipeline (``eventwire.extract``) on sentences written for these tests.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest

import eventwire
from eventwire.actors import load_kb

sys.path.insert(0, str(Path(__file__).parent))
from _kb_rounds import actor_of as _actor  # noqa: E402
from _kb_rounds import round_rows  # noqa: E402
from _kb_rounds import triple as _triple  # noqa: E402

ACTORS = Path(str(resources.files("eventwire") / "data" / "actors"))
WINDOW_START = "2019-01-01"
ROUND4 = "# Round 4 (2026-11-28)"


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (ACTORS / name).read_text(encoding="utf-8").split("\n") if ln.strip()]
    data = [ln for ln in lines if not ln.startswith("#")]
    header = data[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=True)) for ln in data[1:]]


def _round4_rows(name: str) -> list[dict[str, str]]:
    """Data rows after the round-4 comment of ``name`` (up to the next round's comment)."""
    return round_rows(name, ROUND4)


@pytest.fixture(scope="module")
def offices() -> list[dict[str, str]]:
    return _rows("offices.tsv")


def _in_window(r: dict[str, str]) -> bool:
    return not r["end"] or r["end"] >= WINDOW_START


def _countries(offices: list[dict[str, str]], office: str) -> set[str]:
    return {r["code"] for r in offices if r["office"] == office and _in_window(r)}


def _holders(offices: list[dict[str, str]], code: str, office: str, date: str) -> set[str]:
    return {
        r["actor_id"]
        for r in offices
        if r["code"] == code
        and r["office"] == office
        and r["start"] <= date
        and (not r["end"] or date < r["end"])
    }


# -- data -------------------------------------------------------------------------------------------------


def test_coverage_2019_2026(offices: list[dict[str, str]]) -> None:
    """Countries with a holder in 2019-2026 (before round 4: 59 foreign ministers, 32 defence ministers,
    2 interior ministers, 8 commanders)."""
    assert len(_countries(offices, "foreign_minister")) >= 115
    assert len(_countries(offices, "defence_minister")) >= 85
    assert len(_countries(offices, "interior_minister")) >= 30
    assert len(_countries(offices, "commander")) >= 20
    conflict_states = {"SDN", "MMR", "PAK", "ISR", "UKR", "RUS", "IRN", "NER", "MLI", "ETH", "EGY", "TUR", "NGA",
                       "COD", "LBY"}  # fmt: skip
    assert conflict_states - _countries(offices, "commander") == set()


def test_round4_rows_are_in_the_window_and_cited() -> None:
    rows = _round4_rows("offices.tsv")
    assert len(rows) >= 400
    for r in rows:
        assert r["basis"].startswith("Wikipedia: "), r
        start = dt.date.fromisoformat(r["start"])
        assert start <= dt.date(2026, 11, 30), r
        # the round adds 2019-2026 holders; a few rows before 2019 give a holder's earlier post
        # (Hulusi Akar, Bipin Rawat as chiefs of staff) for dated tests
        assert not r["end"] or r["end"] >= "2018-07-10", r
    unverified = [r for r in rows if "not verified offline" in r["basis"]]
    assert 0 < len(unverified) < len(rows) // 2


def test_round4_people_are_new_or_reused_and_hold_an_office() -> None:
    people = _rows("people.tsv")
    ids = [p["actor_id"] for p in people]
    assert len(ids) == len(set(ids))
    held = {r["actor_id"] for r in _rows("offices.tsv")}
    for p in _round4_rows("people.tsv"):
        assert p["actor_id"] in held, p["actor_id"]


def test_round4_people_add_no_generic_surname_keys() -> None:
    """A round-4 name must not make a common given name or a suffix stand alone for a person: Ethiopian
    and Eritrean officials are called by their first name ("Demeke"), so their last name (a father's given
    name, "Mohammed") is no surname; "Jr." is never a surname."""
    kb = load_kb()
    new = {p["actor_id"] for p in _round4_rows("people.tsv")}
    for key in (
        "mohammed",
        "mohamed",
        "ali",
        "khan",
        "lopez",
        "jr.",
        "youssef",
        "abdulrahman",
        "gomez",
        "sari",
    ):
        assert not set(kb.surnames.get(key, ())) & new, key
    assert "person:demeke-mekonnen" in kb.surnames["demeke"]
    assert "person:aisha-mohammed" in kb.surnames["aisha"]


def test_holders_on_dates(offices: list[dict[str, str]]) -> None:
    cases = [
        ("KEN", "foreign_minister", "2021-06-01", "person:raychelle-omamo"),
        ("ETH", "foreign_minister", "2022-01-01", "person:demeke-mekonnen"),
        ("TUN", "foreign_minister", "2024-12-01", "person:mohamed-ali-nafti"),
        ("COD", "foreign_minister", "2022-01-01", "person:christophe-lutundula"),
        ("NLD", "foreign_minister", "2022-06-01", "person:wopke-hoekstra"),
        ("IRL", "foreign_minister", "2023-06-01", "person:micheal-martin"),
        ("AUT", "foreign_minister", "2021-11-01", "person:michael-linhart"),
        ("BGD", "foreign_minister", "2024-10-01", "person:touhid-hossain"),
        ("NZL", "foreign_minister", "2022-01-01", "person:nanaia-mahuta"),
        ("ESP", "defence_minister", "2022-01-01", "person:margarita-robles"),
        ("LBN", "defence_minister", "2023-01-01", "person:maurice-slim"),
        ("TWN", "defence_minister", "2022-08-04", "person:chiu-kuo-cheng"),
        ("THA", "defence_minister", "2021-01-01", "person:prayut-chan-o-cha"),
        ("THA", "head_of_government", "2024-01-01", "person:srettha-thavisin"),
        ("IRN", "commander", "2023-01-01", "person:mohammad-bagheri"),
        ("IRN", "commander", "2025-09-01", "person:abdolrahim-mousavi"),
        ("TUR", "commander", "2020-01-01", "person:yasar-guler"),
        ("NGA", "commander", "2022-01-01", "person:lucky-irabor"),
        ("IND", "commander", "2021-01-01", "person:manoj-mukund-naravane"),
        ("GBR", "commander", "2023-01-01", "person:tony-radakin"),
        ("FRA", "interior_minister", "2022-01-01", "person:gerald-darmanin"),
        ("IND", "interior_minister", "2023-01-01", "person:amit-shah"),
        ("AFG", "interior_minister", "2023-01-01", "person:sirajuddin-haqqani"),
        ("CAN", "interior_minister", "2022-01-01", "person:marco-mendicino"),
        ("JPN", "spokesperson", "2022-01-01", "person:hirokazu-matsuno"),
    ]
    for code, office, date, pid in cases:
        assert _holders(offices, code, office, date) == {pid}, (code, office, date)


def test_one_commander_post_per_country(offices: list[dict[str, str]]) -> None:
    """A role noun alone ("Iran's army chief") takes the country's `commander` on the date, so each country
    has one such post at a time; service chiefs and other commands (IRGC, Quds Force, CENTCOM) are `other`
    with sector MIL."""
    terms: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for r in offices:
        if r["office"] == "commander" and _in_window(r):
            terms[r["code"]].append((r["start"], r["end"] or "9999-12-31", r["actor_id"]))
    for code, ts in terms.items():
        ts.sort()
        for (_, e1, p1), (s2, _, p2) in zip(ts, ts[1:], strict=False):
            assert s2 >= e1 or p1 == p2, (code, p1, p2)


# -- resolver --------------------------------------------------------------------------------------------

# (sentence, pub_date, mention, code, sector, actor_id): one new row each, written for this test
CASES = [
    ("Kenyan Foreign Minister Raychelle Omamo met the Ugandan delegation on Tuesday.", "2021-05-04",
     "Raychelle Omamo", "KEN", "GOV", "person:raychelle-omamo"),
    ("Tunisia's foreign minister, Othman Jerandi, received the envoy in Tunis.", "2021-03-10",
     "Othman Jerandi", "TUN", "GOV", "person:othman-jerandi"),
    ("Mali's Foreign Minister Abdoulaye Diop told the council that the mission must leave.", "2023-06-16",
     "Abdoulaye Diop", "MLI", "GOV", "person:abdoulaye-diop"),
    ("Therese Kayikwamba Wagner accused Rwanda of backing the rebels.", "2025-01-27",
     "Therese Kayikwamba Wagner", "COD", "GOV", "person:therese-kayikwamba-wagner"),
    ("Omani Foreign Minister Badr Albusaidi said the talks in Muscat were constructive.", "2025-04-12",
     "Badr Albusaidi", "OMN", "GOV", "person:badr-albusaidi"),
    ("Thai Foreign Minister Parnpree Bahiddha-Nukara flew to Yangon for talks.", "2023-12-20",
     "Parnpree Bahiddha-Nukara", "THA", "GOV", "person:parnpree-bahiddha-nukara"),
    ("Touhid Hossain met the Indian high commissioner in Dhaka.", "2024-12-09",
     "Touhid Hossain", "BGD", "GOV", "person:touhid-hossain"),
    ("Spanish Foreign Minister Jose Manuel Albares said Madrid would recognise Palestine.", "2024-05-22",
     "Jose Manuel Albares", "ESP", "GOV", "person:jose-manuel-albares"),
    ("Dutch Foreign Minister Wopke Hoekstra visited Kyiv.", "2022-06-10",
     "Wopke Hoekstra", "NLD", "GOV", "person:wopke-hoekstra"),
    ("Irish Foreign Minister Simon Coveney condemned the attack.", "2021-05-12",
     "Simon Coveney", "IRL", "GOV", "person:simon-coveney"),
    ("Estonian Foreign Minister Margus Tsahkna said Moscow was testing NATO.", "2024-09-20",
     "Margus Tsahkna", "EST", "GOV", "person:margus-tsahkna"),
    ("Cuban Foreign Minister Bruno Rodriguez denounced the embargo.", "2023-11-02",
     "Bruno Rodriguez", "CUB", "GOV", "person:bruno-rodriguez-parrilla"),
    ("Najla Mangoush met her Israeli counterpart in Rome.", "2023-08-27",
     "Najla Mangoush", "LBY", "GOV", "person:najla-mangoush"),
    ("Venezuelan Foreign Minister Yvan Gil rejected the statement.", "2024-08-01",
     "Yvan Gil", "VEN", "GOV", "person:yvan-gil"),
    ("Spanish Defence Minister Margarita Robles visited the troops in Latvia.", "2023-03-08",
     "Margarita Robles", "ESP", "GOV", "person:margarita-robles"),
    ("Dutch Defence Minister Kajsa Ollongren announced the delivery of fighter jets.", "2023-08-20",
     "Kajsa Ollongren", "NLD", "GOV", "person:kajsa-ollongren"),
    ("Swedish Defence Minister Pal Jonson signed the agreement.", "2023-12-05",
     "Pal Jonson", "SWE", "GOV", "person:pal-jonson"),
    ("Lithuanian Defence Minister Arvydas Anusauskas said the brigade would arrive.", "2022-07-01",
     "Arvydas Anusauskas", "LTU", "GOV", "person:arvydas-anusauskas"),
    ("Iraqi Defence Minister Thabit al-Abbasi met the coalition commander.", "2023-05-14",
     "Thabit al-Abbasi", "IRQ", "GOV", "person:thabit-al-abbasi"),
    ("Nigeria's defence minister, Mohammed Badaru Abubakar, visited Maiduguri.", "2024-02-06",
     "Mohammed Badaru Abubakar", "NGA", "GOV", "person:mohammed-badaru-abubakar"),
    ("Belarusian Defence Minister Viktor Khrenin said the drills would continue.", "2022-02-20",
     "Viktor Khrenin", "BLR", "GOV", "person:viktor-khrenin"),
    ("Taiwan's defence minister Wellington Koo told lawmakers the drills were a provocation.", "2024-10-15",
     "Wellington Koo", "TWN", "GOV", "person:wellington-koo"),
    ("Vladimir Padrino Lopez ordered troops to the border.", "2024-07-30",
     "Vladimir Padrino", "VEN", "GOV", "person:vladimir-padrino-lopez"),  # no "Lopez" surname key
    ("IRGC commander Hossein Salami warned Israel against any retaliation.", "2024-04-15",
     "Hossein Salami", "IRN", "MIL", "person:hossein-salami"),
    ("Esmail Qaani travelled to Baghdad on Sunday.", "2022-06-05",
     "Esmail Qaani", "IRN", "MIL", "person:esmail-qaani"),
    ("Indian Army chief Upendra Dwivedi visited forward posts in Ladakh.", "2025-01-14",
     "Upendra Dwivedi", "IND", "MIL", "person:upendra-dwivedi"),
    ("Osama Askar inspected the units deployed in Sinai.", "2022-11-02",
     "Osama Askar", "EGY", "MIL", "person:osama-askar"),
    ("Tony Radakin said Russia had lost a quarter of its tanks.", "2023-01-10",
     "Tony Radakin", "GBR", "MIL", "person:tony-radakin"),
    ("Birhanu Jula said the army would not negotiate with the rebels.", "2022-03-01",
     "Birhanu Jula", "ETH", "MIL", "person:birhanu-jula"),
    ("German Interior Minister Nancy Faeser ordered checks at the border.", "2023-10-16",
     "Nancy Faeser", "DEU", "GOV", "person:nancy-faeser"),
    ("Turkish Interior Minister Ali Yerlikaya said 30 suspects were detained.", "2024-01-29",
     "Ali Yerlikaya", "TUR", "GOV", "person:ali-yerlikaya"),
    ("Pakistan's interior minister Mohsin Naqvi met the Afghan delegation.", "2024-11-20",
     "Mohsin Naqvi", "PAK", "GOV", "person:mohsin-naqvi"),
    # role nouns added in round 4: Canada's public safety minister, a home affairs minister
    ("Public Safety Minister Marco Mendicino announced new gun controls.", "2022-05-30",
     "Marco Mendicino", "CAN", "GOV", "person:marco-mendicino"),
    ("Home Affairs Minister Aaron Motsoaledi defended the visa rules.", "2022-09-14",
     "Aaron Motsoaledi", "ZAF", "GOV", "person:aaron-motsoaledi"),
    ("Sirajuddin Haqqani addressed a gathering in Khost.", "2023-02-14",
     "Sirajuddin Haqqani", "AFG", "GOV", "person:sirajuddin-haqqani"),
    ("Foreign ministry spokesperson Randhir Jaiswal said India rejected the remarks.", "2025-03-20",
     "Randhir Jaiswal", "IND", "GOV", "person:randhir-jaiswal"),
    ("Houthi military spokesman Yahya Saree said the group had fired missiles at the ship.", "2024-01-10",
     "Yahya Saree", "YEM", "REB", "person:yahya-saree"),
    ("Chief Cabinet Secretary Hirokazu Matsuno told reporters the launch was unacceptable.", "2022-10-04",
     "Hirokazu Matsuno", "JPN", "GOV", "person:hirokazu-matsuno"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "date", "phrase", "code", "sector", "actor_id"), CASES)
def test_new_office_holders_resolve(text: str, date: str, phrase: str, code: str, sector: str,
                                    actor_id: str) -> None:  # fmt: skip
    result = eventwire.extract(text, pub_date=date)
    assert _triple(_actor(result, phrase)) == (code, sector, actor_id)


def test_full_name_then_surname() -> None:
    text = "Dutch Defence Minister Kajsa Ollongren arrived in Kyiv. Ollongren said the jets would come soon."
    result = eventwire.extract(text, pub_date="2023-08-20")
    assert _triple(_actor(result, "Ollongren", 1)) == ("NLD", "GOV", "person:kajsa-ollongren")


def test_shared_surname_follows_the_full_name_in_the_article() -> None:
    """Zeina Akar (Lebanon) and Hulusi Akar (Turkey) were both defence ministers in 2020: a later "Akar" is
    the one the article named."""
    lbn = "Lebanese Defence Minister Zeina Akar visited the army base. Akar said the army needed fuel."
    tur = "Turkish Defence Minister Hulusi Akar met his Greek counterpart. Akar said the talks were useful."
    assert _triple(_actor(eventwire.extract(lbn, pub_date="2020-08-10"), "Akar", 1)) == (
        "LBN", "GOV", "person:zeina-akar")  # fmt: skip
    assert _triple(_actor(eventwire.extract(tur, pub_date="2020-08-10"), "Akar", 1)) == (
        "TUR", "GOV", "person:hulusi-akar")  # fmt: skip


@pytest.mark.parametrize(
    ("name", "date", "code", "sector"),
    [
        # Yasar Guler: chief of the general staff 2018-2023, then defence minister
        ("Yasar Guler", "2020-10-01", "TUR", "MIL"),
        ("Yasar Guler", "2024-03-01", "TUR", "GOV"),
        # Christopher Musa: chief of defence staff 2023-2025, then defence minister from December 2025
        ("Christopher Musa", "2024-06-01", "NGA", "MIL"),
        ("Christopher Musa", "2026-01-15", "NGA", "GOV"),
        # Raychelle Omamo: out of every office after 2022 keeps her country but speaks for no government
        ("Raychelle Omamo", "2024-03-01", "KEN", None),
    ],
)
def test_dated_terms_give_the_office_held_then(name: str, date: str, code: str, sector: str | None) -> None:
    result = eventwire.extract(f"{name} visited the troops on the border.", pub_date=date)
    actor = _actor(result, name)
    assert actor is not None and (actor.code, actor.sector) == (code, sector)


@pytest.mark.parametrize(
    ("text", "date", "phrase", "actor_id"),
    [
        ("Thailand's foreign minister said on Monday that the border would stay closed.", "2024-01-10",
         "foreign minister", "person:parnpree-bahiddha-nukara"),
        ("The Kenyan interior minister said police would be deployed.", "2023-07-12", "interior minister",
         "person:kithure-kindiki"),
        # several commanders at once: the words of the role noun single one out ("army chief": the army's
        # commander, an "other" post; "chief of the general staff": the commander post)
        ("Iran's army chief warned the United States.", "2023-04-18", "army chief", "person:abdolrahim-mousavi"),
        ("Iran's chief of the general staff warned the United States.", "2023-04-18",
         "chief of the general staff", "person:mohammad-bagheri"),
        ("Nigeria's army chief visited the troops in Maiduguri.", "2024-06-01", "army chief",
         "person:taoreed-lagbaja"),
        ("Nigeria's chief of defence staff visited the troops in Maiduguri.", "2024-06-01",
         "chief of defence staff", "person:christopher-musa"),
    ],
)  # fmt: skip
def test_role_noun_finds_the_holder_on_the_date(text: str, date: str, phrase: str, actor_id: str) -> None:
    actor = _actor(eventwire.extract(text, pub_date=date), phrase)
    assert actor is not None and actor.actor_id == actor_id


def test_event_source_is_the_new_minister_and_the_army_chief_is_military() -> None:
    text = ("Turkish Interior Minister Ali Yerlikaya accused the group of planning attacks. "
            "IRGC commander Hossein Salami threatened to strike Israel.")  # fmt: skip
    result = eventwire.extract(text, pub_date="2024-04-15")
    sources = {(a.actor_id, a.code, a.sector) for e in result.events for a in e.source}
    assert ("person:ali-yerlikaya", "TUR", "GOV") in sources
    assert ("person:hossein-salami", "IRN", "MIL") in sources
