"""Checks of the actor knowledge-base data files in data/actors/ (all but people.tsv and offices.tsv):
countries, metonyms, organisations, armed groups, office terms and group nouns.

The files are read directly (no KB loader, no spaCy) so that a broken row is reported with its line number.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pycountry
import pytest

ACTORS = Path(str(resources.files("eventwire") / "data" / "actors"))

SECTORS = {"GOV", "MIL", "REB", "OPP", "LEG", "JUD", "COP", "PTY", "CVL", "MED", "BUS", "NGO", "IGO", "REL"}
OFFICES = {
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister", "interior_minister",
    "finance_minister", "secretary_general", "spokesperson", "deputy_head_of_government", "leader", "commander",
    "other",
}  # fmt: skip
# Codes that are not ISO 3166-1 alpha-3 but that CODING.md and kbformat allow for a country.
NON_ISO_COUNTRY_CODES = {"XKX"}
# The 193 UN member states (UN member states list), as ISO 3166-1 alpha-3.
_UN_MEMBER_CODES = """AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA
    BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ
    ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR
    ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX
    FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT
    KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE
    CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE"""
UN_MEMBERS = set(_UN_MEMBER_CODES.split())
REQUIRED_EXTRA = {"PSE", "VAT", "TWN", "HKG", "XKX"}  # UN observers and entities named separately in news

HEADERS = {
    "countries.tsv": ["code", "name", "aliases", "adjectives", "capitals", "basis"],
    "metonyms.tsv": ["text", "code", "sector", "basis"],
    "organisations.tsv": ["actor_id", "code", "name", "aliases", "kind", "sector", "country", "basis"],
    "armed_groups.tsv": ["actor_id", "code", "name", "aliases", "kind", "sector", "country", "basis"],
    "office_terms.tsv": ["term", "office", "countries", "sector", "basis"],
    "group_nouns.tsv": ["noun", "sector", "basis"],
    "blocs.tsv": ["code", "name", "aliases", "adjectives", "sector", "basis"],
    "first_names.tsv": ["name", "gender", "basis"],
}
# Codes CODING.md gives to groupings that are neither a state nor an organisation (blocs.tsv).
BLOC_CODES = {"WST"}
LIST_COLUMNS = {"aliases", "adjectives", "capitals", "country", "countries", "term", "noun"}


def _fold(text: str) -> str:
    """Lowercase and strip accents: how the KB loader compares phrases."""
    text = text.lower().replace("\u2019", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _split(value: str) -> list[str]:
    return value.split("|") if value else []


Row = tuple[int, dict[str, str]]


def _rows(name: str) -> list[Row]:
    """Data rows of one TSV file with their 1-based line numbers (comments and blank lines skipped)."""
    with (ACTORS / name).open(encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    data = [(i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    header = data[0][1].split("\t")
    assert header == HEADERS[name], f"{name}: header {header}"
    out = []
    for lineno, line in data[1:]:
        cells = line.split("\t")
        assert len(cells) == len(header), f"{name}:{lineno}: {len(cells)} cells, header has {len(header)}"
        out.append((lineno, dict(zip(header, cells, strict=True))))
    return out


@pytest.fixture(scope="module")
def tables() -> dict[str, list[Row]]:
    return {name: _rows(name) for name in HEADERS}


@pytest.fixture(scope="module")
def countries(tables: dict[str, list[Row]]) -> dict[str, dict[str, str]]:
    return {r["code"]: r for _, r in tables["countries.tsv"]}


@pytest.fixture(scope="module")
def igo_codes(tables: dict[str, list[Row]]) -> set[str]:
    return {r["code"] for _, r in tables["organisations.tsv"] if r["kind"] == "igo"}


def test_cells_are_clean_and_cited(tables: dict[str, list[Row]]) -> None:
    for name, rows in tables.items():
        for lineno, r in rows:
            assert r["basis"].strip(), f"{name}:{lineno}: empty basis"
            for col, value in r.items():
                assert value == value.strip(), f"{name}:{lineno}: {col} has surrounding spaces"
                if col in LIST_COLUMNS:
                    for item in _split(value):
                        assert item and item == item.strip(), f"{name}:{lineno}: bad {col} item {item!r}"


def test_country_codes_are_iso_and_unique(tables: dict[str, list[Row]]) -> None:
    seen: set[str] = set()
    for lineno, r in tables["countries.tsv"]:
        code = r["code"]
        assert code not in seen, f"countries.tsv:{lineno}: duplicate {code}"
        seen.add(code)
        assert code in NON_ISO_COUNTRY_CODES or pycountry.countries.get(alpha_3=code), (
            f"countries.tsv:{lineno}: {code} is not ISO 3166-1 alpha-3"
        )
        assert r["name"], f"countries.tsv:{lineno}: no name"


def test_every_un_member_and_observer_is_present(countries: dict[str, dict[str, str]]) -> None:
    assert len(UN_MEMBERS) == 193
    missing = (UN_MEMBERS | REQUIRED_EXTRA) - set(countries)
    assert not missing, f"missing countries: {sorted(missing)}"


def test_common_country_forms(countries: dict[str, dict[str, str]]) -> None:
    def forms(code: str, col: str) -> set[str]:
        return set(_split(countries[code][col])) | ({countries[code]["name"]} if col == "aliases" else set())

    usa = forms("USA", "aliases")
    assert {"US", "U.S.", "USA", "America", "United States"} <= usa
    assert "U.S." not in _split(countries["USA"]["adjectives"])  # an alias, not an adjective
    assert {"American", "Americans"} <= forms("USA", "adjectives")
    assert {"UK", "Britain", "Great Britain"} <= forms("GBR", "aliases")
    assert {"Holland", "Netherlands"} <= forms("NLD", "aliases")
    assert {"Ivory Coast", "Côte d'Ivoire"} <= forms("CIV", "aliases")
    assert {"DRC", "DR Congo", "Congo-Kinshasa"} <= forms("COD", "aliases")
    assert {"Czechia", "Czech Republic"} <= forms("CZE", "aliases")
    assert {"Turkey", "Türkiye"} <= forms("TUR", "aliases")
    assert {"Burma", "Myanmar"} <= forms("MMR", "aliases")
    assert {"South Korea"} <= forms("KOR", "aliases") and {"North Korea"} <= forms("PRK", "aliases")
    assert {"Russian", "Russians"} <= forms("RUS", "adjectives")
    assert {"Kyiv", "Kiev"} <= forms("UKR", "capitals")
    assert {"Beijing", "Peking"} <= forms("CHN", "capitals")
    assert "Moscow" in forms("RUS", "capitals") and "Washington" in forms("USA", "capitals")


def test_country_plural_demonyms_have_their_singular(countries: dict[str, dict[str, str]]) -> None:
    # "Iraqis" without "Iraqi" would be a typo in one of the two forms.
    exceptions = {"Batswana", "Basotho", "Poles"}  # "Pole" left out: "North Pole"
    for code, r in countries.items():
        adjs = set(_split(r["adjectives"]))
        for a in adjs:
            if a.endswith("s") and not a.endswith(("ss", "ese", "ois")) and a not in exceptions:
                assert a[:-1] in adjs, f"{code}: plural {a} without its singular"


def test_no_phrase_names_two_different_actors(tables: dict[str, list[Row]]) -> None:
    """A folded name, alias, adjective, capital or metonym must point to one code (or one organisation)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for _, r in tables["countries.tsv"]:
        for col in ("name", "aliases", "adjectives", "capitals"):
            for form in _split(r[col]):
                owners[_fold(form)].add(f"country:{r['code']}")
    for _, r in tables["metonyms.tsv"]:
        owners[_fold(r["text"])].add(f"metonym:{r['code']}:{r['sector']}")
    for _, r in tables["blocs.tsv"]:
        for form in [r["name"], *_split(r["aliases"]), *_split(r["adjectives"])]:
            owners[_fold(form)].add(f"bloc:{r['code']}")
    for name in ("organisations.tsv", "armed_groups.tsv"):
        for _, r in tables[name]:
            for form in [r["name"], *_split(r["aliases"])]:
                owners[_fold(form)].add(r["actor_id"])
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not clashes, f"phrases with several owners: {clashes}"


def test_no_leading_article(tables: dict[str, list[Row]]) -> None:
    # kbformat: names are written without a leading "the" (matching ignores one).
    for name, cols in (("metonyms.tsv", ("text",)), ("countries.tsv", ("name", "aliases")),
                       ("organisations.tsv", ("name", "aliases")), ("armed_groups.tsv", ("name", "aliases"))):  # fmt: skip
        for lineno, r in tables[name]:
            for col in cols:
                for form in _split(r[col]):
                    assert not form.lower().startswith("the "), f"{name}:{lineno}: {form!r} starts with 'the'"


def test_metonyms(
    tables: dict[str, list[Row]], countries: dict[str, dict[str, str]], igo_codes: set[str]
) -> None:
    rows = tables["metonyms.tsv"]
    assert len(rows) >= 60
    seen: set[str] = set()
    capitals = {_fold(c) for r in countries.values() for c in _split(r["capitals"])}
    for lineno, r in rows:
        assert r["text"] not in seen, f"metonyms.tsv:{lineno}: duplicate {r['text']}"
        seen.add(r["text"])
        assert r["code"] in countries or r["code"] in igo_codes, (
            f"metonyms.tsv:{lineno}: unknown code {r['code']}"
        )
        assert r["sector"] in SECTORS, f"metonyms.tsv:{lineno}: sector {r['sector']}"
        assert _fold(r["text"]) not in capitals, f"metonyms.tsv:{lineno}: {r['text']} is a capital"
    by_text = {r["text"]: (r["code"], r["sector"]) for _, r in rows}
    assert by_text["Kremlin"] == ("RUS", "GOV")
    assert by_text["Pentagon"] == ("USA", "MIL")
    assert by_text["White House"] == ("USA", "GOV")
    assert by_text["Downing Street"] == ("GBR", "GOV")
    assert by_text["Bundeswehr"] == ("DEU", "MIL")
    assert by_text["IDF"] == ("ISR", "MIL")
    assert by_text["PLA"] == ("CHN", "MIL")
    assert by_text["Knesset"] == ("ISR", "LEG")
    assert "Beijing" not in by_text  # a capital: countries.tsv


def _organisation_rows(tables: dict[str, list[Row]]) -> list[tuple[str, Row]]:
    return [(name, row) for name in ("organisations.tsv", "armed_groups.tsv") for row in tables[name]]


def test_organisations_and_groups(tables: dict[str, list[Row]], countries: dict[str, dict[str, str]]) -> None:
    seen: set[str] = set()
    for name, (lineno, r) in _organisation_rows(tables):
        where = f"{name}:{lineno}"
        prefix = "group:" if name == "armed_groups.tsv" else "org:"
        assert r["actor_id"].startswith(prefix) and r["actor_id"] == r["actor_id"].lower(), where
        assert r["actor_id"] not in seen, f"{where}: duplicate {r['actor_id']}"
        seen.add(r["actor_id"])
        assert r["sector"] in SECTORS, f"{where}: sector {r['sector']}"
        for c in _split(r["country"]):
            assert c in countries, f"{where}: unknown country {c}"
        if r["kind"] == "igo":
            assert name == "organisations.tsv" and r["sector"] == "IGO" and not r["country"], where
            assert r["code"] and r["code"] == r["code"].upper() and r["code"] not in countries, where
        else:
            assert r["kind"] == ("group" if name == "armed_groups.tsv" else "org"), (
                f"{where}: kind {r['kind']}"
            )
            assert r["code"] in countries, f"{where}: {r['code']} is not a country code"
            assert r["sector"] != "IGO", where
            assert r["code"] not in _split(r["country"]), f"{where}: main country repeated in country"


def test_organisation_counts_and_examples(tables: dict[str, list[Row]]) -> None:
    orgs = [r for _, r in tables["organisations.tsv"]]
    groups = [r for _, r in tables["armed_groups.tsv"]]
    assert sum(r["kind"] == "igo" for r in orgs) >= 60
    assert sum(r["kind"] == "org" for r in orgs) >= 30
    assert len(groups) >= 60
    codes = {r["actor_id"]: r["code"] for r in orgs + groups}
    expected = {
        "org:nato": "NATO", "org:eu": "EU", "org:un": "UN", "org:unsc": "UNSC", "org:osce": "OSCE",
        "org:au": "AU", "org:ecowas": "ECOWAS", "org:asean": "ASEAN", "org:iaea": "IAEA", "org:icc": "ICC",
        "org:g7": "G7", "org:g20": "G20", "org:caricom": "CARICOM", "org:csto": "CSTO", "org:sco": "SCO",
        "org:gcc": "GCC", "org:arab-league": "ARL", "org:oas": "OAS", "org:brics": "BRICS", "org:imf": "IMF",
        "org:world-bank": "WB", "org:european-commission": "EU", "org:unhcr": "UN",
        "group:hamas": "PSE", "group:rsf": "SDN", "group:hezbollah": "LBN", "group:houthis": "YEM",
        "group:taliban": "AFG", "group:isis": "IRQ", "group:al-shabaab": "SOM", "group:m23": "COD",
        "group:tplf": "ETH", "group:pkk": "TUR", "group:dpr": "UKR",
    }  # fmt: skip
    assert {k: codes.get(k) for k in expected} == expected
    by_alias = {a: r["actor_id"] for r in orgs + groups for a in [r["name"], *_split(r["aliases"])]}
    assert by_alias["Ansar Allah"] == "group:houthis"
    assert by_alias["Daesh"] == "group:isis"
    assert by_alias["Arab League"] == "org:arab-league"
    assert by_alias["Doctors Without Borders"] == "org:msf"
    isis = next(r for r in groups if r["actor_id"] == "group:isis")
    assert "SYR" in _split(isis["country"])


def test_office_terms(
    tables: dict[str, list[Row]], countries: dict[str, dict[str, str]], igo_codes: set[str]
) -> None:
    rows = tables["office_terms.tsv"]
    assert len(rows) >= 40
    seen: set[tuple[str, str]] = set()
    by_term: dict[str, list[dict[str, str]]] = defaultdict(list)
    for lineno, r in rows:
        assert r["office"] in OFFICES, f"office_terms.tsv:{lineno}: office {r['office']}"
        assert not r["sector"] or r["sector"] in SECTORS, f"office_terms.tsv:{lineno}: sector {r['sector']}"
        for c in _split(r["countries"]):
            assert c in countries or c in igo_codes, f"office_terms.tsv:{lineno}: unknown code {c}"
        for term in _split(r["term"]):
            key = (_fold(term), r["countries"])
            assert key not in seen, f"office_terms.tsv:{lineno}: duplicate {key}"
            seen.add(key)
            by_term[_fold(term)].append(r)

    def office(term: str, country: str = "") -> str:
        rows_for = by_term[term]
        specific = [r for r in rows_for if country and country in _split(r["countries"])]
        return (specific or [r for r in rows_for if not r["countries"]])[0]["office"]

    assert office("president") == "head_of_state"
    assert office("premier") == "head_of_government"
    assert office("chancellor", "DEU") == "head_of_government"
    assert office("taoiseach", "IRL") == "head_of_government"
    assert office("secretary of state", "USA") == "foreign_minister"
    assert office("foreign secretary", "GBR") == "foreign_minister"
    assert office("top diplomat") == "foreign_minister"
    assert office("defense secretary", "USA") == "defence_minister"
    assert office("home secretary", "GBR") == "interior_minister"
    assert office("supreme leader", "IRN") == "head_of_state"
    assert office("spokeswoman") == "spokesperson"
    assert office("army chief") == "commander"
    assert office("secretary-general") == "secretary_general"
    assert office("leader") == "leader"


def test_group_nouns(tables: dict[str, list[Row]]) -> None:
    rows = tables["group_nouns.tsv"]
    assert len(rows) >= 80
    sector_of: dict[str, str] = {}
    for lineno, r in rows:
        assert r["sector"] in SECTORS, f"group_nouns.tsv:{lineno}: sector {r['sector']}"
        for noun in _split(r["noun"]):
            assert _fold(noun) not in sector_of, f"group_nouns.tsv:{lineno}: duplicate {noun}"
            sector_of[_fold(noun)] = r["sector"]
    expected = {
        "troops": "MIL", "soldiers": "MIL", "army": "MIL", "navy": "MIL", "police": "COP", "officers": "COP",
        "protesters": "CVL", "demonstrators": "CVL", "civilians": "CVL", "rebels": "REB", "insurgents": "REB",
        "militants": "REB", "separatists": "REB", "government": "GOV", "officials": "GOV", "authorities": "GOV",
        "lawmakers": "LEG", "parliament": "LEG", "court": "JUD", "prosecutors": "JUD", "opposition": "OPP",
        "party": "PTY", "journalists": "MED", "companies": "BUS", "clerics": "REL", "students": "CVL",
    }  # fmt: skip
    assert {k: sector_of.get(k) for k in expected} == expected


def test_blocs(
    tables: dict[str, list[Row]], countries: dict[str, dict[str, str]], igo_codes: set[str]
) -> None:
    rows = {r["code"]: (lineno, r) for lineno, r in tables["blocs.tsv"]}
    for code, (lineno, r) in rows.items():
        assert code in BLOC_CODES, f"blocs.tsv:{lineno}: {code} is not a bloc code of CODING.md"
        assert code not in countries and code not in igo_codes, f"blocs.tsv:{lineno}: {code} is taken"
        assert r["sector"] in SECTORS, f"blocs.tsv:{lineno}: sector {r['sector']}"
        assert not r["name"].lower().startswith("the "), f"blocs.tsv:{lineno}: name starts with 'the'"
    west = rows["WST"][1]
    assert west["name"] == "West" and west["sector"] == "GOV" and "Western" in _split(west["adjectives"])
    assert "Western allies" in _split(west["aliases"])


def test_first_names(tables: dict[str, list[Row]]) -> None:
    rows = tables["first_names.tsv"]
    assert len(rows) >= 300
    seen: dict[str, int] = {}
    for lineno, r in rows:
        key = _fold(r["name"])
        assert key not in seen, f"first_names.tsv:{lineno}: {r['name']} repeats line {seen[key]}"
        seen[key] = lineno
        assert r["gender"] in ("m", "f"), f"first_names.tsv:{lineno}: gender {r['gender']}"
        assert r["name"][0].isupper() and " " not in r["name"], f"first_names.tsv:{lineno}: {r['name']}"
    genders = {_fold(r["name"]): r["gender"] for _, r in rows}
    assert genders["mohammed"] == "m" and genders["olga"] == "f"
    for both in ("andrea", "jean", "sasha", "jordan", "kim", "nour"):  # given to both sexes: left out
        assert both not in genders
