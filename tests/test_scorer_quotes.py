"""Quote and speaker scoring rules on hand-made gold/system pairs (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.evaluate.scorer import score_document, score_quotes, speaker_correct, summarise, surname

TEXT = (
    'Senator Marta Oyelaran said the harbour levy would rise next spring. "It is long overdue," '
    "Oyelaran told the council. The finance ministry said tariffs would stay. "
    "Her aide thinks the vote is close."
)


def span(piece: str, after: int = 0) -> list[int]:
    start = TEXT.index(piece, after)
    return [start, start + len(piece)]


LEVY = "the harbour levy would rise next spring"
OVERDUE = "It is long overdue"
TARIFFS = "tariffs would stay"
THOUGHT = "the vote is close"


def quote(
    content: str | list[int],
    kind: str = "indirect",
    speaker: dict[str, Any] | None = None,
    speaker_span: Any = None,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "content_span": span(content) if isinstance(content, str) else content,
        "speaker": speaker,
        "speaker_span": span(speaker_span) if isinstance(speaker_span, str) else speaker_span,
    }


def person(
    name: str | None = None, code: str | None = None, sector: str | None = None, text: Any = None
) -> dict[str, Any]:
    return {"code": code, "sector": sector, "name": name, "text": text}


MARTA = person(name="Marta Oyelaran", code="NGA", sector="LEG")
GOLD_QUOTES = [
    quote(LEVY, "indirect", person(name="Marta Oyelaran"), "Senator Marta Oyelaran"),
    quote(OVERDUE, "direct", person(name="Marta Oyelaran"), "Oyelaran"),
    quote(TARIFFS, "indirect", person(code="NGA", sector="GOV"), "The finance ministry"),
]


def gold(quotes: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    doc = {
        "id": "doc",
        "text": TEXT,
        "events": [],
        "quotes": GOLD_QUOTES if quotes is None else quotes,
        "annotated": {"events": False, "quotes": True},
    }
    doc.update(extra)
    return doc


def totals(g: dict[str, Any], system: list[dict[str, Any]]) -> dict[str, Any]:
    return summarise([score_document(g, {"events": [], "quotes": system})])["quotes"]


def test_perfect_system_scores_one() -> None:
    system = [
        quote(LEVY, "indirect", MARTA, "Senator Marta Oyelaran"),
        quote(OVERDUE, "direct", MARTA, "Oyelaran"),
        quote(
            TARIFFS,
            "indirect",
            person(name="Ministry of Finance", code="NGA", sector="GOV"),
            "The finance ministry",
        ),
    ]
    result = totals(gold(), system)
    scores = (result["precision"], result["recall"], result["f1"], result["speaker_accuracy"])
    assert scores == (1.0, 1.0, 1.0, 1.0)


def test_empty_system_has_zero_recall() -> None:
    result = totals(gold(), [])
    assert result["recall"] == 0.0 and result["precision"] is None and result["f1"] == 0.0
    assert result["speaker_accuracy"] is None and result["gold"] == 3


def test_gold_found_at_exactly_half_coverage_not_below() -> None:
    g = span(LEVY)
    length = g[1] - g[0]
    assert length % 2 == 1  # 39 characters: half is 19.5, so 20 covered characters are needed
    half = [g[0], g[0] + (length + 1) // 2]
    short = [g[0], g[0] + (length + 1) // 2 - 1]
    doc = gold([quote(LEVY)])
    counts, _ = score_quotes(doc, [quote(half)])
    assert counts.found["indirect"] == 1
    counts, _ = score_quotes(doc, [quote(short)])
    assert counts.found["indirect"] == 0


def test_system_quote_half_inside_gold_is_correct_even_when_it_covers_little() -> None:
    # The system quote runs over the end of the gold one: 10 characters inside, 10 outside.
    g = span(LEVY)
    inside_half = [g[1] - 10, g[1] + 10]
    counts, _ = score_quotes(gold([quote(LEVY)]), [quote(inside_half)])
    assert counts.correct["indirect"] == 1 and counts.found["indirect"] == 0
    # 10 inside and 11 outside: less than half of it is quoted speech, and it covers little of the gold.
    counts, errors = score_quotes(gold([quote(LEVY)]), [quote([g[1] - 10, g[1] + 11])])
    assert counts.correct["indirect"] == 0 and counts.system["indirect"] == 1
    assert [e.category for e in errors] == ["missed_quote", "false_quote"]


def test_two_halves_split_around_the_cue_are_both_correct() -> None:
    # A gold span joined across the interrupting cue: 'It is long overdue," Oyelaran told'.
    joined = [span(OVERDUE)[0], span("Oyelaran told")[1]]
    doc = gold([quote(joined, "direct")])
    parts = [quote(OVERDUE, "direct"), quote("Oyelaran told", "direct")]
    counts, _ = score_quotes(doc, parts)
    assert counts.found["direct"] == 1 and counts.correct["direct"] == 2


def test_excluded_attribution_is_neither_credited_nor_penalised() -> None:
    doc = gold(excluded_attributions=[{"content_span": span(THOUGHT), "speaker_span": None, "cue": "thinks"}])
    result = totals(
        doc, [quote(LEVY, "indirect", MARTA), quote(THOUGHT, "indirect", person(text="Her aide"))]
    )
    assert result["ignored"] == 1 and result["system"] == 1 and result["precision"] == 1.0
    # Without the exclusion the thought is a false positive.
    plain = totals(gold(), [quote(LEVY, "indirect", MARTA), quote(THOUGHT, "indirect")])
    assert plain["precision"] == 0.5


def test_correct_quote_touching_an_exclusion_still_counts() -> None:
    doc = gold(
        excluded_attributions=[{"content_span": span("long overdue"), "speaker_span": None, "cue": "x"}]
    )
    result = totals(doc, [quote(OVERDUE, "direct", MARTA)])
    assert result["correct"] == 1 and result["ignored"] == 0


def test_named_speaker_needs_the_same_surname_accents_and_case_aside() -> None:
    g = {"speaker": person(name="José Núñez")}
    assert speaker_correct(g, {"speaker": person(name="Jose NUNEZ")})
    assert speaker_correct(g, {"speaker": person(name="J. Núñez")})
    assert not speaker_correct(g, {"speaker": person(name="José Ramos")})
    assert not speaker_correct(g, {"speaker": None})
    assert surname("Marta Oyelaran's") == "oyelaran"


def test_unnamed_speaker_needs_code_and_sector() -> None:
    g = {"speaker": person(code="NGA", sector="GOV")}
    assert speaker_correct(g, {"speaker": person(code="NGA", sector="GOV")})
    assert not speaker_correct(g, {"speaker": person(code="NGA", sector="LEG")})
    assert not speaker_correct(g, {"speaker": person(code="GHA", sector="GOV")})
    # A gold code without a sector asks for the code only.
    assert speaker_correct({"speaker": person(code="NGA")}, {"speaker": person(code="NGA", sector="MIL")})


def test_surface_speaker_by_span_overlap() -> None:
    second = span("Oyelaran told")[0]
    g = quote(OVERDUE, "direct", person(text="Oyelaran"), [second, second + len("Oyelaran")])
    # The system points at the same mention but resolved nothing.
    assert speaker_correct(g, quote(OVERDUE, "direct", None, "Oyelaran told"))
    assert not speaker_correct(g, quote(OVERDUE, "direct", None, "the council"))
    # The first "Oyelaran" is another mention: no overlap, and no name to compare.
    assert not speaker_correct(g, quote(OVERDUE, "direct", None, "Senator Marta Oyelaran"))


def test_surface_speaker_by_name_in_gold_text() -> None:
    g = quote(LEVY, "indirect", person(text="Senator Marta Oyelaran"), None)
    assert speaker_correct(g, quote(LEVY, "indirect", person(name="Marta Oyelaran")))  # the whole name
    assert speaker_correct(g, quote(LEVY, "indirect", person(name="M. Oyelaran")))  # the surname
    assert not speaker_correct(g, quote(LEVY, "indirect", person(name="Marta Adeyemi")))
    org = quote(TARIFFS, "indirect", person(text="the Ministry of Finance spokesman"), None)
    assert speaker_correct(org, quote(TARIFFS, "indirect", person(name="Ministry of Finance")))


def test_organisations_match_by_whole_name_not_last_word() -> None:
    paper = quote(TARIFFS, "indirect", person(text="the Lagos Herald"), None)
    other_paper = {"code": None, "sector": "MED", "name": "Abuja Herald", "kind": "org"}
    same_paper = {"code": None, "sector": "MED", "name": "Lagos Herald", "kind": "org"}
    assert not speaker_correct(paper, quote(TARIFFS, "indirect", other_paper))
    assert speaker_correct(paper, quote(TARIFFS, "indirect", same_paper))
    named = {"speaker": person(name="Lagos Herald")}
    assert not speaker_correct(named, {"speaker": other_paper})
    assert speaker_correct(named, {"speaker": same_paper})


def test_system_name_without_words_matches_nothing() -> None:
    g = quote(LEVY, "indirect", person(text="Senator Marta Oyelaran"), None)
    assert not speaker_correct(g, quote(LEVY, "indirect", person(name="—")))


def test_surface_pronoun_speaker_needs_the_span() -> None:
    g = quote(OVERDUE, "direct", person(text="she"), [0, 3])
    assert not speaker_correct(g, quote(OVERDUE, "direct", person(name="Marta Oyelaran"), "Oyelaran told"))


def test_null_gold_speaker_is_not_scored() -> None:
    doc = gold([quote(TARIFFS, "indirect", None)])
    result = totals(doc, [quote(TARIFFS, "indirect", person(name="Anyone"))])
    assert result["recall"] == 1.0 and result["speaker_scored"] == 0 and result["speaker_accuracy"] is None


def test_speaker_accuracy_is_over_found_quotes_only() -> None:
    system = [quote(LEVY, "indirect", person(name="Someone Else")), quote(OVERDUE, "direct", MARTA)]
    result = totals(gold(), system)
    assert result["found"] == 2 and result["speaker_scored"] == 2 and result["speaker_correct"] == 1
    assert result["speaker_accuracy"] == 0.5


def test_speaker_judged_on_the_most_overlapping_system_quote() -> None:
    g = span(LEVY)
    wide_wrong = quote([g[0] - 5, g[1]], "indirect", person(name="Someone Else"))
    exact_right = quote(LEVY, "indirect", MARTA)
    counts, _ = score_quotes(gold([GOLD_QUOTES[0]]), [exact_right, wide_wrong])
    assert counts.speaker_correct["indirect"] == 1


def test_mean_lengths_expose_over_long_spans() -> None:
    whole = quote([0, len(TEXT)], "indirect")
    result = totals(gold(), [whole])
    assert result["recall"] == 1.0  # one span over everything finds every quote...
    assert result["mean_system_chars"] == len(TEXT)  # ...and the mean length shows how
    assert result["mean_gold_chars"] == round(sum(len(p) for p in (LEVY, OVERDUE, TARIFFS)) / 3, 1)


def test_by_kind_sums_to_totals() -> None:
    system = [quote(LEVY, "indirect", MARTA), quote(OVERDUE, "direct", MARTA), quote(THOUGHT, "mixed")]
    result = totals(gold(), system)
    for key in ("gold", "found", "system", "correct", "speaker_scored", "speaker_correct"):
        assert sum(row[key] for row in result["by_kind"].values()) == result[key]
    assert result["by_kind"]["direct"]["recall"] == 1.0
    assert result["by_kind"]["indirect"]["recall"] == 0.5
    assert result["by_kind"]["mixed"]["precision"] == 0.0


@pytest.mark.parametrize(("flag", "scored"), [(True, True), (False, False)])
def test_quote_layer_honours_annotated(flag: bool, scored: bool) -> None:
    doc = gold()
    doc["annotated"] = {"events": True, "quotes": flag}
    score = score_document(doc, {"events": [], "quotes": [quote(THOUGHT)]})
    assert (score.quotes is not None) == scored
    if not scored:
        assert summarise([score])["quotes"]["recall"] is None
