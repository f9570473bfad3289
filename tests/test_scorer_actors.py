"""Actor country-code accuracy on hand-made gold events and mentions."""

from __future__ import annotations

from typing import Any

from eventwire.evaluate.actor_accuracy import score_actors, summarise_actors

TEXT = "Kenyan police arrested two Somali traders near the port, and Ugandan officials protested."


def mention(surface: str, code: str | None, sector: str | None = None) -> dict[str, Any]:
    start = TEXT.index(surface)
    actor = {"code": code, "sector": sector} if code or sector else None
    return {"start": start, "end": start + len(surface), "text": surface, "actor": actor}


def doc(*actors: tuple[str, str | None, str | None]) -> dict[str, Any]:
    return {
        "text": TEXT,
        "events": [
            {
                "type": "COERCE",
                "source": [{"code": code, "sector": sector, "text": text} for text, code, sector in actors],
                "target": [],
            }
        ],
    }


def test_outcomes_are_counted_separately() -> None:
    gold = doc(
        ("Kenyan police", "KEN", "COP"),  # correct, right sector
        ("Somali traders", "SOM", "BUS"),  # resolved to the wrong country
        ("Ugandan officials", "UGA", "GOV"),  # no mention at all
        ("the port", "KEN", None),  # mention without a code
        ("Tanzanian navy", "TZA", "MIL"),  # not in the text
    )
    mentions = [
        mention("Kenyan police", "KEN", "COP"),
        mention("Somali", "KEN", "CVL"),
        mention("the port", None),
    ]
    counts = score_actors(gold, mentions)
    outcome = (counts.correct, counts.wrong, counts.missing, counts.unresolved, counts.not_in_text)
    assert outcome == (1, 1, 1, 1, 1)
    assert counts.scored == 4
    summary = summarise_actors([counts])
    assert summary["accuracy"] == 0.25 and summary["sector_accuracy"] == 1.0


def test_a_partial_mention_with_the_right_code_counts() -> None:
    # The mention covers "Kenyan" only; the gold surface is "Kenyan police".
    counts = score_actors(doc(("Kenyan police", "KEN", "COP")), [mention("Kenyan", "KEN", "GOV")])
    assert counts.correct == 1 and counts.sector_scored == 1 and counts.sector_correct == 0


def test_actors_without_code_or_text_are_skipped_and_repeats_count_once() -> None:
    gold = doc(
        ("Kenyan police", "KEN", "COP"), ("Kenyan police", "KEN", "COP"), ("Somali traders", None, "BUS")
    )
    gold["events"][0]["target"] = [{"code": "UGA", "sector": None, "text": None}]
    counts = score_actors(gold, [])
    assert counts.scored == 1 and counts.missing == 1


def test_surface_must_match_whole_words() -> None:
    # "Kenya" is not a whole word inside "Kenyan".
    counts = score_actors(doc(("Kenya", "KEN", None)), [mention("Kenyan", "KEN")])
    assert counts.not_in_text == 1 and counts.scored == 0


def test_summary_of_nothing_is_undefined() -> None:
    summary = summarise_actors([])
    assert summary["accuracy"] is None and summary["scored"] == 0
