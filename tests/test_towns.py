"""The small-town table (data/actors/towns.tsv) and the module that makes it."""

from __future__ import annotations

from pathlib import Path

from eventwire.actors.kb import default_data_dir
from eventwire.actors.towns import TOWNS_FILE, read_table


def test_bundled_table_has_small_towns_by_folded_name() -> None:
    index = read_table(default_data_dir() / TOWNS_FILE)
    assert len(index) > 100_000
    # towns too small for the 15,000+ gazetteer, looked up by their folded main name
    assert ("ARM", 4095, True) in index["jermuk"]
    assert all(len(code) == 3 for entries in list(index.values())[:1000] for code, _, _ in entries)


def test_read_table_skips_comments_and_header(tmp_path: Path) -> None:
    table = tmp_path / "towns.tsv"
    table.write_text(
        "# note\nname\tcode\tpopulation\tmain\nbar\tKEN\t1200\t1\nbar\tTZA\t3000\t0\n", encoding="utf-8"
    )
    assert read_table(table) == {"bar": [("KEN", 1200, True), ("TZA", 3000, False)]}
