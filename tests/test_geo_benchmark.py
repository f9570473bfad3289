"""Event location against the places of the PLOVER gold records (``meta.event_loc`` in
``../shared/benchmarks/plover_gsr.jsonl``), with the gold events as input, and over the pipeline's own events
on a sample article."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from eventwire.geo import event_places, locate_events
from eventwire.nlp import load_model
from eventwire.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
PLOVER = SHARED / "benchmarks" / "plover_gsr.jsonl"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_geo", ROOT / "bench" / "geo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.benchmark
@pytest.mark.skipif(not PLOVER.exists(), reason="../shared/benchmarks is not here")
def test_gold_event_places() -> None:
    counts = _bench().accuracy(load_model())
    assert counts["records"] >= 40
    assert counts["place"] / counts["records"] >= 0.85, counts
    assert counts["country"] / counts["records"] >= 0.9, counts


def test_sample_article_events_are_located() -> None:
    """Sample 007 has a "KYIV —" dateline and a lead that shells Kharkiv: every event gets a place, and the
    shelling is in Kharkiv."""
    text = (
        ROOT / "src" / "eventwire" / "data" / "samples" / "007_russian-forces-shell-kharkiv.txt"
    ).read_text(encoding="utf-8")
    pipe = Pipeline()
    result = pipe.extract(text, pub_date="2022-03-02")
    assert result.events, "the event coder found no event in the sample"
    assert pipe.nlp is not None
    doc = pipe.nlp(result.article.text)
    locate_events(doc, result.events, "2022-03-02")
    assert all(e.location for e in result.events)
    found = event_places(doc, result.events, "2022-03-02")
    # Whatever else the event coder makes of the article, a shelling it finds in the lead is in Kharkiv.
    shelled = [f for e, f in zip(result.events, found, strict=True) if e.trigger.startswith("shelled")]
    assert all(f is not None and f.place.name == "Kharkiv" for f in shelled)
