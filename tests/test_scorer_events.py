"""Event scoring rules on hand-made gold/system pairs (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.evaluate.scorer import (
    Triple,
    event_triples,
    score_document,
    score_events,
    score_sentences,
    summarise,
    triple_matches,
)

TEXT = "Chile's president met Argentina's foreign minister. Peru accused Bolivia of hoarding water."
FIRST = (0, TEXT.index(".") + 1)
SECOND = (TEXT.index("Peru"), len(TEXT))


def actor(code: str | None, sector: str | None = None, name: str | None = None) -> dict[str, Any]:
    return {"code": code, "sector": sector, "name": name, "text": None}


def event(
    etype: str,
    sources: list[str | None],
    targets: list[str | None],
    span: tuple[int, int] = FIRST,
    trigger: tuple[int, int] | None = None,
    **flags: Any,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": etype,
        "source": [actor(c) for c in sources],
        "target": [actor(c) for c in targets],
        "negated": False,
        "hypothetical": False,
        "future": False,
        "optional": False,
        "sentence_span": list(span),
        "trigger_span": list(trigger or (span[0], span[0] + 1)),
    }
    out.update(flags)
    return out


def gold(*events: dict[str, Any], annotated: dict[str, bool] | None = None) -> dict[str, Any]:
    return {
        "id": "doc",
        "text": TEXT,
        "events": list(events),
        "quotes": [],
        "annotated": annotated or {"events": True, "quotes": False},
    }


def totals(g: dict[str, Any], system_events: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    return summarise([score_document(g, {"events": system_events, "quotes": []}, **kw)])["events"]


def test_perfect_system_scores_one() -> None:
    events = [
        event("CONSULT", ["CHL"], ["ARG"]),
        event("ACCUSE", ["PER"], ["BOL"], SECOND),
        event("AGREE", ["CHL", "ARG"], []),
    ]
    result = totals(gold(*events), events)
    assert (result["precision"], result["recall"], result["f1"]) == (1.0, 1.0, 1.0)
    assert result["sentence"]["f1"] == 1.0


def test_empty_system_has_zero_recall_and_undefined_precision() -> None:
    result = totals(gold(event("ACCUSE", ["PER"], ["BOL"], SECOND)), [])
    assert result["recall"] == 0.0
    assert result["precision"] is None
    assert result["f1"] == 0.0
    assert result["gold"] == 1 and result["system"] == 0


def test_triples_expand_over_all_source_target_pairs() -> None:
    triples = event_triples(event("ACCUSE", ["PER", "ECU"], ["BOL", "CHL"]), gold=True)
    expected = {"PER ACCUSE BOL", "PER ACCUSE CHL", "ECU ACCUSE BOL", "ECU ACCUSE CHL"}
    assert {str(t) for t in triples} == expected


def test_empty_gold_target_is_a_wildcard() -> None:
    g = gold(event("ACCUSE", ["PER"], [], SECOND))
    assert totals(g, [event("ACCUSE", ["PER"], ["BOL"], SECOND)])["recall"] == 1.0
    assert totals(g, [event("ACCUSE", ["PER"], [], SECOND)])["recall"] == 1.0
    # The wildcard is on the target only: the source must still match.
    assert totals(g, [event("ACCUSE", ["BOL"], [], SECOND)])["recall"] == 0.0


def test_coded_gold_target_must_match() -> None:
    g = gold(event("ACCUSE", ["PER"], ["BOL"], SECOND))
    result = totals(g, [event("ACCUSE", ["PER"], ["CHL"], SECOND)])
    assert result["recall"] == 0.0 and result["precision"] == 0.0
    # A system event without a target does not fulfil a coded gold target.
    assert totals(g, [event("ACCUSE", ["PER"], [], SECOND)])["recall"] == 0.0


def test_uncoded_gold_target_acts_as_wildcard() -> None:
    g = gold(event("REQUEST", ["PER"], [None], SECOND))
    assert totals(g, [event("REQUEST", ["PER"], ["BOL"], SECOND)])["f1"] == 1.0


def test_consult_is_symmetric_but_accuse_is_not() -> None:
    assert triple_matches(Triple("CHL", "CONSULT", "ARG"), Triple("ARG", "CONSULT", "CHL"))
    assert not triple_matches(Triple("PER", "ACCUSE", "BOL"), Triple("BOL", "ACCUSE", "PER"))
    g = gold(event("CONSULT", ["CHL"], ["ARG"]))
    assert totals(g, [event("CONSULT", ["ARG"], ["CHL"])])["f1"] == 1.0
    g2 = gold(event("ACCUSE", ["PER"], ["BOL"], SECOND))
    assert totals(g2, [event("ACCUSE", ["BOL"], ["PER"], SECOND)])["f1"] == 0.0


def test_consult_wildcard_matches_either_side() -> None:
    # "Chile's president met ..." with the other party not coded: Chile on either end of a system CONSULT.
    g = gold(event("CONSULT", ["CHL"], []))
    assert totals(g, [event("CONSULT", ["ARG"], ["CHL"])])["recall"] == 1.0


def test_multi_party_consult_without_target_stands_for_every_pair() -> None:
    # "Chile, Argentina and Peru met in Lima": CODING.md's form (all sources, no target) against
    # gold written as pairs.
    g = gold(
        event("CONSULT", ["CHL"], ["ARG"]),
        event("CONSULT", ["PER"], ["CHL"]),
        event("CONSULT", ["ARG"], ["PER"]),
    )
    result = totals(g, [event("CONSULT", ["CHL", "ARG", "PER"], [])])
    assert result["gold"] == 3 and result["system"] == 3 and result["f1"] == 1.0
    # Only one of the pairs in the gold: the other two are false positives.
    one = totals(gold(event("CONSULT", ["CHL"], ["ARG"])), [event("CONSULT", ["CHL", "ARG", "PER"], [])])
    assert one["recall"] == 1.0 and one["system"] == 3 and one["precision"] == pytest.approx(1 / 3, abs=1e-3)
    # Gold in the same form is the same three pairs.
    same = totals(gold(event("CONSULT", ["CHL", "ARG", "PER"], [])), [event("CONSULT", ["PER"], ["ARG"])])
    assert same["gold"] == 3 and same["precision"] == 1.0 and same["recall"] == pytest.approx(1 / 3, abs=1e-3)
    # One party with no target says nothing about the other side, and no other type is paired up.
    assert totals(g, [event("CONSULT", ["CHL"], [])])["recall"] == 0.0
    assert [str(t) for t in event_triples(event("ACCUSE", ["CHL", "ARG"], []), gold=False)] == [
        "CHL ACCUSE -",
        "ARG ACCUSE -",
    ]


def test_consult_both_directions_count_once() -> None:
    g = gold(event("CONSULT", ["CHL"], ["ARG"]), event("CONSULT", ["ARG"], ["CHL"]))
    result = totals(g, [event("CONSULT", ["CHL"], ["ARG"]), event("CONSULT", ["ARG"], ["CHL"])])
    assert result["gold"] == 1 and result["system"] == 1 and result["f1"] == 1.0


@pytest.mark.parametrize("flag", ["optional", "negated", "hypothetical", "future"])
def test_optional_and_flagged_gold_neither_required_nor_penalised(flag: str) -> None:
    flagged = event("ACCUSE", ["PER"], ["BOL"], SECOND)
    flagged[flag] = True
    g = gold(flagged, event("CONSULT", ["CHL"], ["ARG"]))
    # Not found: not a miss.
    missed = totals(g, [event("CONSULT", ["CHL"], ["ARG"])])
    assert missed["gold"] == 1 and missed["recall"] == 1.0
    # Found: not credited, not a false positive.
    found = totals(g, [event("CONSULT", ["CHL"], ["ARG"]), event("ACCUSE", ["PER"], ["BOL"], SECOND)])
    assert found["precision"] == 1.0 and found["system"] == 1 and found["ignored"] == 1


def test_gold_event_without_coded_source_is_dropped_and_excuses_matching_output() -> None:
    # An unnamed organisation accused Bolivia: no coded source, so no required triple.
    g = gold(event("ACCUSE", [None], ["BOL"], SECOND), event("CONSULT", ["CHL"], ["ARG"]))
    result = totals(g, [event("CONSULT", ["CHL"], ["ARG"]), event("ACCUSE", ["UN"], ["BOL"], SECOND)])
    assert result["gold"] == 1
    assert result["ignored"] == 1 and result["precision"] == 1.0
    # A different type is not excused.
    wrong = totals(g, [event("CONSULT", ["CHL"], ["ARG"]), event("REJECT", ["UN"], ["BOL"], SECOND)])
    assert wrong["precision"] == 0.5


def test_gold_without_any_source_gives_no_triples() -> None:
    assert event_triples(event("PROTEST", [], []), gold=True) == []


def test_flagged_system_events_are_not_output_by_default() -> None:
    g = gold(event("ACCUSE", ["PER"], ["BOL"], SECOND))
    negated = event("ACCUSE", ["PER"], ["BOL"], SECOND, negated=True)
    default = totals(g, [negated])
    assert default["system"] == 0 and default["recall"] == 0.0
    counted = totals(g, [negated], count_flagged_system=True)
    assert counted["recall"] == 1.0


def test_system_triples_without_source_code_are_ignored() -> None:
    g = gold(event("ACCUSE", ["PER"], ["BOL"], SECOND))
    result = totals(g, [event("ACCUSE", ["PER"], ["BOL"], SECOND), event("ASSAULT", [None], ["BOL"], SECOND)])
    assert result["system"] == 1 and result["precision"] == 1.0


def test_system_triple_matches_at_most_one_gold_triple() -> None:
    g = gold(event("ACCUSE", ["PER"], [], SECOND), event("ACCUSE", ["PER"], ["BOL"], SECOND))
    counts, _ = score_events(g, [event("ACCUSE", ["PER"], ["BOL"], SECOND)])
    assert counts.gold["ACCUSE"] == 2 and counts.matched["ACCUSE"] == 1


def test_matching_is_maximal_not_greedy() -> None:
    # A greedy pass could spend PER-ACCUSE-BOL on the wildcard and leave PER-ACCUSE-BOL gold unmatched.
    g = gold(event("ACCUSE", ["PER"], [], SECOND), event("ACCUSE", ["PER"], ["BOL"], SECOND))
    system = [event("ACCUSE", ["PER"], ["BOL"], SECOND), event("ACCUSE", ["PER"], ["CHL"], SECOND)]
    result = totals(g, system)
    assert result["matched"] == 2 and result["f1"] == 1.0


def test_optional_gold_excuses_the_leftover_triple() -> None:
    # Required: Peru accused someone. Optional: Peru accused Bolivia. The system gives Bolivia and Chile:
    # Chile takes the required wildcard and Bolivia is excused by the optional event, whatever the order.
    g = gold(event("ACCUSE", ["PER"], [], SECOND), event("ACCUSE", ["PER"], ["BOL"], SECOND, optional=True))
    for targets in (["BOL", "CHL"], ["CHL", "BOL"]):
        system = [event("ACCUSE", ["PER"], [t], SECOND) for t in targets]
        result = totals(g, system)
        assert (result["matched"], result["ignored"], result["system"]) == (1, 1, 1)
        assert result["precision"] == 1.0


def test_extra_target_beyond_wildcard_is_a_false_positive() -> None:
    g = gold(event("ACCUSE", ["PER"], [], SECOND))
    result = totals(g, [event("ACCUSE", ["PER"], ["BOL", "CHL"], SECOND)])
    assert result["matched"] == 1 and result["system"] == 2 and result["precision"] == 0.5


def test_errors_name_the_triple_and_sentence() -> None:
    g = gold(event("ACCUSE", ["PER"], ["BOL"], SECOND))
    _, errors = score_events(g, [event("CONSULT", ["CHL"], ["ARG"])], doc_id="doc")
    by_category = {e.category: e for e in errors}
    assert by_category["missed_event"].item == "PER ACCUSE BOL"
    assert by_category["missed_event"].context.startswith("Peru accused")
    assert by_category["false_event"].item == "ARG CONSULT CHL"  # symmetric triples print in one order
    assert by_category["false_event"].context.startswith("Chile's president")


def test_by_type_sums_to_totals() -> None:
    g = gold(
        event("CONSULT", ["CHL"], ["ARG"]),
        event("ACCUSE", ["PER"], ["BOL"], SECOND),
        event("AGREE", ["CHL"], []),
    )
    system = [event("CONSULT", ["CHL"], ["ARG"]), event("ASSAULT", ["PER"], ["BOL"], SECOND)]
    result = totals(g, system)
    for key in ("gold", "system", "matched"):
        assert sum(row[key] for row in result["by_type"].values()) == result[key]
    assert result["by_type"]["CONSULT"]["f1"] == 1.0
    assert result["by_type"]["ASSAULT"]["precision"] == 0.0
    assert result["by_type"]["ACCUSE"]["recall"] == 0.0


def test_sentence_view_compares_types_per_sentence() -> None:
    g = gold(event("CONSULT", ["CHL"], ["ARG"]), event("ACCUSE", ["PER"], ["BOL"], SECOND))
    trigger = (TEXT.index("accused"), TEXT.index("accused") + 7)
    # Right type in the right sentence, with wrong actors and the system's own sentence bounds.
    right = event("ACCUSE", ["XXX"], [], (SECOND[0], SECOND[1] - 1), trigger)
    # The CONSULT type placed in the second sentence is a false positive for the sentence view.
    misplaced = event("CONSULT", ["CHL"], ["ARG"], SECOND, trigger)
    counts = score_sentences(g, [right, misplaced])
    assert counts.matched["ACCUSE"] == 1
    assert counts.matched["CONSULT"] == 0 and counts.system["CONSULT"] == 1
    assert counts.gold["CONSULT"] == 1


def test_sentence_view_null_span_is_the_whole_text() -> None:
    e = event("ACCUSE", ["PER"], ["BOL"], SECOND)
    e["sentence_span"] = None
    counts = score_sentences(gold(e), [event("ACCUSE", ["PER"], ["BOL"], SECOND, (SECOND[0], SECOND[0] + 4))])
    assert counts.matched["ACCUSE"] == 1


def test_sentence_view_ignores_optional_gold() -> None:
    g = gold(event("REQUEST", ["PER"], ["BOL"], SECOND, optional=True))
    counts = score_sentences(g, [event("REQUEST", ["PER"], ["BOL"], SECOND)])
    assert counts.gold["REQUEST"] == 0 and counts.system["REQUEST"] == 0 and counts.ignored["REQUEST"] == 1


def test_layer_not_annotated_is_not_scored() -> None:
    g = gold(event("ACCUSE", ["PER"], ["BOL"], SECOND), annotated={"events": False, "quotes": True})
    score = score_document(g, {"events": [event("ASSAULT", ["PER"], ["BOL"], SECOND)], "quotes": []})
    assert score.events is None and score.sentences is None and score.quotes is not None
    result = summarise([score])["events"]
    assert result["documents"] == 0 and result["precision"] is None and result["recall"] is None


def test_missing_annotated_field_means_annotated() -> None:
    g = gold(event("ACCUSE", ["PER"], ["BOL"], SECOND))
    del g["annotated"]
    score = score_document(g, {"events": [], "quotes": []})
    assert score.events is not None and score.quotes is not None


def test_documents_add_up() -> None:
    g1 = gold(event("ACCUSE", ["PER"], ["BOL"], SECOND))
    g2 = gold(event("CONSULT", ["CHL"], ["ARG"]))
    scores = [
        score_document(g1, {"events": [event("ACCUSE", ["PER"], ["BOL"], SECOND)]}),
        score_document(g2, {"events": []}),
    ]
    result = summarise(scores)["events"]
    assert result["documents"] == 2 and result["gold"] == 2 and result["matched"] == 1
    assert result["recall"] == 0.5 and result["precision"] == 1.0
    assert result["f1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5, abs=1e-4)
