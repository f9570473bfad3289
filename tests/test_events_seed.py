"""The seed article (../shared/seed): the events the design brief and issue 5 name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.pipeline import Pipeline
from eventwire.records import Event

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_a9373323a970327e.txt"

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not available"),
]


@pytest.fixture(scope="module")
def events() -> list[Event]:
    raw = SEED.read_text(encoding="utf-8")
    m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s*", raw)
    assert m, "the seed starts with its publication date"
    return Pipeline().extract(raw[m.end() :], pub_date=m.group(1)).events


def _names(actors: list) -> set[str]:
    out = set()
    for a in actors:
        if a.name:
            out.add(a.name.split()[-1])
        if a.code:
            out.add(a.code)
    return out


def _find(events: list[Event], type_: str, source: str, target: str | None = None) -> list[Event]:
    return [
        e for e in events
        if e.type == type_ and source in _names(e.source) and (target is None or target in _names(e.target))
    ]  # fmt: skip


def test_putin_accuses_nato_and_the_usa(events: list[Event]) -> None:
    accused = set().union(*(_names(e.target) for e in _find(events, "ACCUSE", "Putin") if not e.flagged))
    assert {"NATO", "USA"} <= accused


def test_putin_requests_of_nato(events: list[Event]) -> None:
    assert any(not e.flagged for e in _find(events, "REQUEST", "Putin", "NATO"))


def test_putin_consults_orban(events: list[Event]) -> None:
    consult = _find(events, "CONSULT", "Putin", "Orbán") + _find(events, "CONSULT", "Orbán", "Putin")
    assert consult and consult[0].event_date == "2022-02-01"


def test_putin_agrees_to_negotiations(events: list[Event]) -> None:
    agree = [e for e in _find(events, "AGREE", "Putin") if not e.flagged]
    assert agree and agree[0].event_date == "2022-02-01"


def test_blinken_lavrov_phone_call(events: list[Event]) -> None:
    calls = _find(events, "CONSULT", "Blinken", "Lavrov") + _find(events, "CONSULT", "Lavrov", "Blinken")
    assert calls
    assert calls[0].mode == "phone" and calls[0].event_date == "2022-02-01"


def test_lavrov_requests_guarantees(events: list[Event]) -> None:
    assert any(
        "assurances" in e.trigger or "guarantee" in e.trigger for e in _find(events, "REQUEST", "Lavrov")
    )


def test_russia_threatens_reprisals(events: list[Event]) -> None:
    assert any(not e.flagged for e in _find(events, "THREATEN", "RUS"))


def test_request_to_nato_and_osce_is_future(events: list[Event]) -> None:
    sent = [e for e in events if e.type == "REQUEST" and {"NATO", "OSCE"} <= _names(e.target)]
    assert sent and all(e.future for e in sent)


def test_no_material_conflict(events: list[Event]) -> None:
    assert not [e for e in events if e.type == "ASSAULT" or e.quad_class == 4]


def test_sunday_denial_date(events: list[Event]) -> None:
    denial = [e for e in events if e.type == "REJECT" and e.trigger == "denied"]
    assert denial and denial[0].event_date == "2022-01-30"


def test_putin_statements_are_dated_tuesday(events: list[Event]) -> None:
    putin = [e for e in events if "Putin" in _names(e.source) and not e.flagged]
    assert putin and all(e.event_date == "2022-02-01" for e in putin)
