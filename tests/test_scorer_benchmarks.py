"""The scorer on the public benchmarks with the gold itself as system output: every score must be 1.0.

This checks the scorer against real gold records (wildcards, CONSULT pairs, optional events, uncoded
actors, PolNeAR speakers) without the pipeline. Skipped when ../shared is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.evaluate.scorer import score_document, summarise

BENCHMARKS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
FILES = sorted(BENCHMARKS.glob("*.jsonl")) if BENCHMARKS.is_dir() else []

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.skipif(not FILES, reason="../shared/benchmarks is not available"),
]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_gold_as_system_scores_one(path: Path) -> None:
    docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    scores = [score_document(d, {"events": d.get("events", []), "quotes": d.get("quotes", [])}) for d in docs]
    summary = summarise(scores)
    events, quotes = summary["events"], summary["quotes"]
    if events["documents"]:
        assert events["gold"] > 0
        assert (events["precision"], events["recall"], events["f1"]) == (1.0, 1.0, 1.0)
        assert events["sentence"]["f1"] == 1.0
    if quotes["documents"]:
        assert quotes["gold"] > 0
        assert (quotes["precision"], quotes["recall"]) == (1.0, 1.0)
        assert quotes["speaker_accuracy"] == 1.0
