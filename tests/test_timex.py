"""Time expressions resolved against the publication date (eventwire.nlp.timex)."""

from __future__ import annotations

import pytest

from eventwire.nlp.timex import resolve_timex

PUB = "2022-02-02"  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Tuesday", "2022-02-01"),
        ("this Tuesday", "2022-02-01"),
        ("on Wednesday", "2022-02-02"),  # the publication day itself
        ("last Wednesday", "2022-01-26"),
        ("next Friday", "2022-02-04"),
        ("On Sunday, 30", "2022-01-30"),  # the day number decides the month
        ("Tuesday, 1st", "2022-02-01"),
        ("yesterday", "2022-02-01"),
        ("today", "2022-02-02"),
        ("last week", "2022-01-26"),
        ("two days ago", "2022-01-31"),
        ("January 30", "2022-01-30"),
        ("30 January", "2022-01-30"),
        ("March 3", "2022-03-03"),  # within two months after publication: an upcoming date
        ("June 3", "2021-06-03"),  # further ahead: last year's
        ("March 3, 2014", "2014-03-03"),
        ("2019-11-05", "2019-11-05"),
        ("in 2014", "2014-01-01"),
        ("last month", "2022-01-01"),
    ],
)
def test_resolve(text: str, expected: str) -> None:
    ref = resolve_timex(text, PUB)
    assert ref is not None and ref.date == expected


def test_granularity_and_relativity() -> None:
    year = resolve_timex("in 2014", PUB)
    assert year is not None and year.granularity == "year" and not year.relative
    rel = resolve_timex("on Tuesday", PUB)
    assert rel is not None and rel.relative and rel.granularity == "day"


def test_without_pub_date_only_absolute_dates_resolve() -> None:
    assert resolve_timex("on Tuesday", None) is None
    ref = resolve_timex("14 February 2023", None)
    assert ref is not None and ref.date == "2023-02-14"


@pytest.mark.parametrize("text", ["the crisis", "more than a month", "a 30 percent rise", ""])
def test_not_a_date(text: str) -> None:
    assert resolve_timex(text, PUB) is None
