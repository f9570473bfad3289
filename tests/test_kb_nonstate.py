"""Opposition, party and armed-group leaders (KB round 5, 2019-2026) in data/actors/people.tsv and offices.tsv.

The data checks read the files directly; the resolver checks run the real pipeline (``eventwire.extract``) on
sentences written for these tests and check the code, sector and person of the mention: OPP for opposition
leaders and candidates, REB for leaders of armed groups, PTY for party leaders who hold no state office, and
GOV once a person takes a state office that offices.tsv lists.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import eventwire

sys.path.insert(0, str(Path(__file__).parent))
from _kb_rounds import actor_of as _actor  # noqa: E402
from _kb_rounds import round_rows  # noqa: E402
from _kb_rounds import triple as _triple  # noqa: E402

ROUND5 = "# Round 5 (2026-11-28)"


def _round5_rows(name: str) -> list[dict[str, str]]:
    """Data rows after the round-5 comment of ``name`` (up to the next round's comment, if any)."""
    return round_rows(name, ROUND5)


# -- data -------------------------------------------------------------------------------------------------


def test_round5_rows_are_non_state_and_cited() -> None:
    rows = _round5_rows("offices.tsv")
    assert len(rows) >= 100
    for r in rows:
        assert r["basis"].startswith("Wikipedia: "), r
        assert not r["end"] or r["start"] <= r["end"], r
    # the round is about opposition, party and armed-group leaders; the few GOV/MIL rows give a person's
    # state office around them (Riek Machar as First Vice President, Benny Gantz in the war cabinet)
    non_state = [r for r in rows if r["sector"] in {"OPP", "REB", "PTY"}]
    assert len(non_state) >= 0.9 * len(rows)
    unverified = [r for r in rows if "not verified offline" in r["basis"]]
    assert 0 < len(unverified) < len(rows) // 2


def test_round5_people_hold_an_office_and_are_not_duplicated() -> None:
    people = _round5_rows("people.tsv")
    assert len(people) >= 60
    offices = {r["actor_id"] for r in _round5_rows("offices.tsv")}
    for p in people:
        assert p["actor_id"] in offices, p["actor_id"]
    names = [p["name"] for p in people]
    assert len(names) == len(set(names))


def test_nicknames_that_are_english_words_are_left_out() -> None:
    """Jimmy Cherizier's nickname "Barbecue" and Pita Limjaroenrat's given name are ordinary English words;
    bare common surnames are left out too."""
    aliases = {a for p in _round5_rows("people.tsv") for a in p["aliases"].split("|") if a}
    assert "Barbecue" not in aliases and "Pita" not in aliases
    assert "Gandhi" not in aliases and "Rahman" not in aliases


# -- resolver --------------------------------------------------------------------------------------------

# (sentence, pub_date, mention, code, sector, actor_id): written for this test
CASES = [
    ("Venezuelan opposition leader Maria Corina Machado called for protests in Caracas.", "2024-08-03",
     "Machado", "VEN", "OPP", "person:maria-corina-machado"),
    ("Edmundo Gonzalez Urrutia left Venezuela for Spain on Sunday.", "2024-09-08",
     "Gonzalez Urrutia", "VEN", "OPP", "person:edmundo-gonzalez-urrutia"),
    ("Juan Guaido urged the armed forces to abandon Nicolas Maduro.", "2019-04-30",
     "Guaido", "VEN", "OPP", "person:juan-guaido"),
    ("Bobi Wine said soldiers had surrounded his home in Kampala.", "2021-01-16",
     "Bobi Wine", "UGA", "OPP", "person:robert-kyagulanyi"),
    ("Tundu Lissu returned to Dar es Salaam after years in exile.", "2023-01-25",
     "Tundu Lissu", "TZA", "OPP", "person:tundu-lissu"),
    ("Nelson Chamisa rejected the results announced by the electoral commission.", "2023-08-27",
     "Nelson Chamisa", "ZWE", "OPP", "person:nelson-chamisa"),
    ("Venancio Mondlane called for a general strike in Maputo.", "2024-11-05",
     "Venancio Mondlane", "MOZ", "OPP", "person:venancio-mondlane"),
    ("Ekrem Imamoglu was detained by police in Istanbul.", "2025-03-19",
     "Ekrem Imamoglu", "TUR", "OPP", "person:ekrem-imamoglu"),
    ("Kemal Kilicdaroglu criticised the government's handling of the earthquake.", "2023-02-10",
     "Kemal Kilicdaroglu", "TUR", "OPP", "person:kemal-kilicdaroglu"),
    ("Alexei Navalny was sentenced to nine more years in prison.", "2022-03-22",
     "Alexei Navalny", "RUS", "OPP", "person:alexei-navalny"),
    ("Sviatlana Tsikhanouskaya met the German chancellor in Berlin.", "2020-10-06",
     "Sviatlana Tsikhanouskaya", "BLR", "OPP", "person:sviatlana-tsikhanouskaya"),
    ("Rahul Gandhi accused Prime Minister Narendra Modi of failing farmers.", "2024-07-02",
     "Rahul Gandhi", "IND", "OPP", "person:rahul-gandhi"),
    ("Imran Khan urged his supporters to march on Islamabad.", "2024-11-24",
     "Imran Khan", "PAK", "OPP", "person:imran-khan"),
    ("Aung San Suu Kyi was sentenced to four years in prison by a junta court.", "2021-12-06",
     "Aung San Suu Kyi", "MMR", "OPP", "person:aung-san-suu-kyi"),
    ("Duwa Lashi La declared a people's defensive war against the junta.", "2021-09-07",
     "Duwa Lashi La", "MMR", "OPP", "person:duwa-lashi-la"),
    ("Peter Magyar led a rally of tens of thousands in Budapest.", "2024-10-23",
     "Peter Magyar", "HUN", "OPP", "person:peter-magyar"),
    ("Kemi Badenoch attacked the government's budget.", "2025-03-10",
     "Kemi Badenoch", "GBR", "OPP", "person:kemi-badenoch"),
    ("Atiku Abubakar rejected the result of the election.", "2023-03-01",
     "Atiku Abubakar", "NGA", "OPP", "person:atiku-abubakar"),
    ("Noor Wali Mehsud claimed responsibility for the attack.", "2023-02-01",
     "Noor Wali Mehsud", "PAK", "REB", "person:noor-wali-mehsud"),
    ("Ahmad Diriye ordered his fighters to attack the base.", "2022-08-20",
     "Ahmad Diriye", "SOM", "REB", "person:ahmad-diriye"),
    ("Jimmy Cherizier threatened to attack the capital.", "2024-03-05",
     "Jimmy Cherizier", "HTI", "REB", "person:jimmy-cherizier"),
    ("Corneille Nangaa said the rebels would march on Kinshasa.", "2025-01-30",
     "Corneille Nangaa", "COD", "REB", "person:corneille-nangaa"),
    ("Sultani Makenga led the assault on the town.", "2022-06-13",
     "Sultani Makenga", "COD", "REB", "person:sultani-makenga"),
    ("Mohammed Abdulsalam said the Houthis would keep targeting ships.", "2024-02-01",
     "Mohammed Abdulsalam", "YEM", "REB", "person:mohammed-abdulsalam"),
    ("Mazloum Abdi signed the agreement with Damascus.", "2025-03-10",
     "Mazloum Abdi", "SYR", "REB", "person:mazloum-abdi"),
    ("Hemedti said his forces had taken the city.", "2023-12-19",
     "Hemedti", "SDN", "REB", "person:mohamed-hamdan-dagalo"),
    ("Muqtada al-Sadr ordered his followers to leave the Green Zone.", "2022-08-30",
     "Muqtada al-Sadr", "IRQ", "PTY", "person:muqtada-al-sadr"),
    ("Devlet Bahceli called for the jailed leader to address parliament.", "2024-10-22",
     "Devlet Bahceli", "TUR", "PTY", "person:devlet-bahceli"),
    # Wagner is RUS MIL in armed_groups.tsv, so its head is too
    ("Yevgeny Prigozhin said his fighters would march on Moscow.", "2023-06-24",
     "Yevgeny Prigozhin", "RUS", "MIL", "person:yevgeny-prigozhin"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "date", "phrase", "code", "sector", "actor_id"), CASES)
def test_non_state_leaders_resolve(text: str, date: str, phrase: str, code: str, sector: str,
                                   actor_id: str) -> None:  # fmt: skip
    result = eventwire.extract(text, pub_date=date)
    assert _triple(_actor(result, phrase)) == (code, sector, actor_id)


@pytest.mark.parametrize(
    ("text", "date", "phrase", "code", "sector", "actor_id"),
    [
        ("Robert Kyagulanyi accused the police of beating his supporters. Kyagulanyi vowed to keep going.",
         "2020-11-20", "Kyagulanyi", "UGA", "OPP", "person:robert-kyagulanyi"),
        ("Ozgur Ozel spoke to the crowd outside city hall. Ozel said the party would not back down.",
         "2025-03-24", "Ozel", "TUR", "OPP", "person:ozgur-ozel"),
        ("Nelson Chamisa addressed supporters in Harare. Chamisa said the vote had been stolen.",
         "2023-08-27", "Chamisa", "ZWE", "OPP", "person:nelson-chamisa"),
        # three Gandhis in the KB: the later bare surname is the one the article named in full
        ("Rahul Gandhi led the march in Delhi. Gandhi said the government feared the truth.",
         "2024-12-10", "Gandhi", "IND", "OPP", "person:rahul-gandhi"),
    ],
)  # fmt: skip
def test_full_name_then_surname(text: str, date: str, phrase: str, code: str, sector: str,
                                actor_id: str) -> None:  # fmt: skip
    result = eventwire.extract(text, pub_date=date)
    assert _triple(_actor(result, phrase, 1)) == (code, sector, actor_id)


@pytest.mark.parametrize(
    ("name", "date", "code", "sector"),
    [
        # Ousmane Sonko: opposition leader until he became Prime Minister on 2024-04-02
        ("Ousmane Sonko", "2023-07-28", "SEN", "OPP"),
        ("Ousmane Sonko", "2024-06-10", "SEN", "GOV"),
        # Lee Jae-myung: opposition leader, then President from 2025-06-04
        ("Lee Jae-myung", "2024-12-04", "KOR", "OPP"),
        ("Lee Jae-myung", "2025-07-01", "KOR", "GOV"),
        # Donald Tusk: Civic Platform in opposition, Prime Minister from 2023-12-13
        ("Donald Tusk", "2023-06-04", "POL", "OPP"),
        ("Donald Tusk", "2024-02-12", "POL", "GOV"),
        # Keir Starmer: Leader of the Opposition 2020-2024, Prime Minister from 2024-07-05
        ("Keir Starmer", "2022-07-06", "GBR", "OPP"),
        ("Keir Starmer", "2025-03-02", "GBR", "GOV"),
        # Riek Machar: SPLM-IO rebel leader, First Vice President 2020-2025
        ("Riek Machar", "2016-09-01", "SSD", "REB"),
        ("Riek Machar", "2021-05-10", "SSD", "GOV"),
        # Ahmed al-Sharaa: HTS leader as al-Jolani, in power from 2024-12-08
        ("Abu Mohammed al-Jolani", "2020-03-05", "SYR", "REB"),
        ("Ahmed al-Sharaa", "2025-02-02", "SYR", "GOV"),
        # Raila Odinga: opposition, then allied with the government after the 2018 handshake
        ("Raila Odinga", "2022-09-20", "KEN", "OPP"),
        ("Raila Odinga", "2019-06-01", "KEN", "PTY"),
        # Jaroslaw Kaczynski: ruling-party chairman, then opposition after 2023-12-13
        ("Jaroslaw Kaczynski", "2021-05-01", "POL", "PTY"),
        ("Jaroslaw Kaczynski", "2024-05-01", "POL", "OPP"),
        # Alexei Navalny died on 2024-02-16: out of office after it, he keeps the country but no sector
        ("Alexei Navalny", "2025-06-01", "RUS", None),
        # Hemedti: deputy head of the Sovereign Council, then at war with the army from 2023-04-15
        ("Hemedti", "2021-06-01", "SDN", "GOV"),
        ("Hemedti", "2023-04-20", "SDN", "REB"),
        # Rigathi Gachagua: Deputy President until his impeachment, then in opposition
        ("Rigathi Gachagua", "2023-02-10", "KEN", "GOV"),
        ("Rigathi Gachagua", "2025-02-10", "KEN", "OPP"),
        # Geert Wilders: his party in the Schoof coalition 2024-2025, in opposition before and after
        ("Geert Wilders", "2023-05-01", "NLD", "OPP"),
        ("Geert Wilders", "2024-09-03", "NLD", "PTY"),
        # Francois Bozize: President until 2013, rebel coalition leader from 2021
        ("Francois Bozize", "2010-05-01", "CAF", "GOV"),
        ("Francois Bozize", "2021-03-10", "CAF", "REB"),
        # Benny Gantz: in the war cabinet, then back in opposition from 2024-06-10
        ("Benny Gantz", "2024-01-15", "ISR", "GOV"),
        ("Benny Gantz", "2024-09-01", "ISR", "OPP"),
    ],
)  # fmt: skip
def test_dated_terms_give_the_role_held_then(name: str, date: str, code: str, sector: str | None) -> None:
    result = eventwire.extract(f"{name} spoke to reporters on Tuesday.", pub_date=date)
    actor = _actor(result, name)
    assert actor is not None and (actor.code, actor.sector) == (code, sector)


def test_event_source_is_the_rebel_leader() -> None:
    text = "Corneille Nangaa accused the Congolese army of shelling civilians in Goma."
    result = eventwire.extract(text, pub_date="2025-01-28")
    sources = {(a.actor_id, a.code, a.sector) for e in result.events for a in e.source}
    assert ("person:corneille-nangaa", "COD", "REB") in sources


@pytest.mark.parametrize(
    ("date", "actor_id"),
    [("2024-03-10", "person:yahya-sinwar"), ("2025-02-10", "person:mohammed-sinwar")],
)
def test_bare_sinwar_is_the_brother_in_office_on_the_date(date: str, actor_id: str) -> None:
    """Yahya Sinwar led Hamas in Gaza until his death in October 2024; his brother Mohammed then led its
    military wing. "Sinwar" alone is whichever held a post on the article's date."""
    result = eventwire.extract("Sinwar rejected the Israeli proposal, officials said.", pub_date=date)
    assert _triple(_actor(result, "Sinwar")) == ("PSE", "REB", actor_id)
