"""Time expressions → calendar dates, relative to the article's publication date.

News dates events relative to the day of publication: "on Tuesday" in an article of Wednesday 2022-02-02 is
2022-02-01, "On Sunday, 30" is 2022-01-30, "yesterday" the day before. :func:`resolve_timex` turns the text
of one time expression into a :class:`TimeRef`; it knows nothing of events.

>>> resolve_timex("on Tuesday", "2022-02-02").date
'2022-02-01'
>>> resolve_timex("On Sunday, 30", "2022-02-02").date
'2022-01-30'
>>> resolve_timex("last week", "2022-02-02").date
'2022-01-26'
>>> resolve_timex("March 3, 2014", None).date
'2014-03-03'
>>> resolve_timex("the crisis", "2022-02-02") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "a": 1, "an": 1}  # fmt: skip

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I)
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?\b(?:,?\s+(\d{{4}}))?", re.I
)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(?:of\s+)?(\d{{4}})\b", re.I)
_MONTH_ONLY = re.compile(rf"\b(?:in|last|this|early|late|mid-?)?\s*({_MONTH_RE})\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WEEKDAY = re.compile(r"\b(last|this|next|on|past)?\s*(" + "|".join(WEEKDAYS) + r")\b", re.I)
_DAY_NUMBER = re.compile(
    r"(?:^|[\s,])(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|years?|days?|weeks?|months?))"
)
_AGO = re.compile(r"\b(\d+|" + "|".join(_NUMBERS) + r")\s+(day|week|month|year)s?\s+ago\b", re.I)


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A resolved date. ``granularity``: day, week, month or year (the date is the period's first day for
    month and year); ``relative`` is True when the date was computed from the publication date."""

    date: str
    granularity: str = "day"
    relative: bool = False


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_before(pub: date) -> date:
    return date(pub.year - 1, 12, 1) if pub.month == 1 else date(pub.year, pub.month - 1, 1)


# A month and day up to this many days after publication is an upcoming date ("the October 6 election" in a
# September 30 story); later ones are last year's ("on December 12" in a January story).
_AHEAD_DAYS = 60


def _year_for(month: int, day: int, pub: date | None) -> int | None:
    """The year of a month/day written without one: the latest such date not after publication, unless the
    date falls within ``_AHEAD_DAYS`` after it (news names upcoming votes, summits and deadlines).

    >>> _year_for(10, 6, date(2024, 9, 30)), _year_for(12, 12, date(2024, 1, 5)), _year_for(3, 1, date(2024, 9, 30))
    (2024, 2023, 2024)
    """
    if pub is None:
        return None
    if (month, day) <= (pub.month, pub.day):
        return pub.year
    ahead = _safe_date(pub.year, month, day)
    if ahead is not None and (ahead - pub).days <= _AHEAD_DAYS:
        return pub.year
    return pub.year - 1


def _last_day_numbered(day: int, pub: date) -> date | None:
    """The latest date not after ``pub`` whose day of month is ``day`` ("On Sunday, 30")."""
    if day > pub.day:
        prev = _month_before(pub)
        return _safe_date(prev.year, prev.month, day)
    return _safe_date(pub.year, pub.month, day)


def _weekday(word: str, qualifier: str, pub: date) -> date:
    target = WEEKDAYS.index(word.lower())
    back = (pub.weekday() - target) % 7
    q = qualifier.lower()
    if q == "next":
        return pub + timedelta(days=(target - pub.weekday()) % 7 or 7)
    if q in ("last", "past") and back == 0:
        back = 7
    return pub - timedelta(days=back)


def resolve_timex(text: str, pub_date: str | None) -> TimeRef | None:
    """Resolve one time expression; None when it names no date that can be placed.

    >>> resolve_timex("yesterday", "2022-02-02").date
    '2022-02-01'
    >>> resolve_timex("this Tuesday", "2022-02-02").date
    '2022-02-01'
    >>> resolve_timex("in 2014", "2022-02-02")
    TimeRef(date='2014-01-01', granularity='year', relative=False)
    """
    t = " ".join(text.split())
    low = t.lower()
    pub = _parse_iso(pub_date)
    if m := _ISO.search(t):
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return TimeRef(d.isoformat()) if d else None
    if m := _MONTH_DAY.search(t):
        month, day = MONTHS[m[1].lower()], int(m[2])
        year = int(m[3]) if m[3] else _year_for(month, day, pub)
        d = _safe_date(year, month, day) if year else None
        if d:
            return TimeRef(d.isoformat(), relative=not m[3])
    if m := _DAY_MONTH.search(t):
        day, month = int(m[1]), MONTHS[m[2].lower()]
        year = int(m[3]) if m[3] else _year_for(month, day, pub)
        d = _safe_date(year, month, day) if year else None
        if d:
            return TimeRef(d.isoformat(), relative=not m[3])
    if m := _MONTH_YEAR.search(t):
        return TimeRef(date(int(m[2]), MONTHS[m[1].lower()], 1).isoformat(), "month")
    if pub is not None:
        if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", low):
            return TimeRef(pub.isoformat(), relative=True)
        if re.search(r"\b(yesterday|last night|overnight)\b", low):
            return TimeRef((pub - timedelta(days=1)).isoformat(), relative=True)
        if re.search(r"\btomorrow\b", low):
            return TimeRef((pub + timedelta(days=1)).isoformat(), relative=True)
        if m := _WEEKDAY.search(t):
            d = _weekday(m[2], m[1] or "", pub)
            if day_no := _DAY_NUMBER.search(t[m.end() :]):  # "Sunday, 30": the day number decides
                numbered = _last_day_numbered(int(day_no[1]), pub)
                if numbered is not None:
                    d = numbered
            return TimeRef(d.isoformat(), relative=True)
        if ago := _AGO.search(low):
            n = int(ago[1]) if ago[1].isdigit() else _NUMBERS[ago[1]]
            unit = ago[2]
            if unit == "day":
                return TimeRef((pub - timedelta(days=n)).isoformat(), relative=True)
            if unit == "week":
                return TimeRef((pub - timedelta(weeks=n)).isoformat(), "week", relative=True)
            if unit == "month":
                y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
                return TimeRef(date(y, mo + 1, 1).isoformat(), "month", relative=True)
            return TimeRef(date(pub.year - n, 1, 1).isoformat(), "year", relative=True)
        if re.search(r"\blast week\b", low):
            return TimeRef((pub - timedelta(days=7)).isoformat(), "week", relative=True)
        if re.search(r"\bthis week\b", low):
            return TimeRef(pub.isoformat(), "week", relative=True)
        if re.search(r"\blast month\b", low):
            return TimeRef(_month_before(pub).isoformat(), "month", relative=True)
        if re.search(r"\blast year\b", low):
            return TimeRef(date(pub.year - 1, 1, 1).isoformat(), "year", relative=True)
        if m := _MONTH_ONLY.search(t):
            month = MONTHS[m[1].lower()]
            if m[1].lower() != "may" or re.search(r"\b(in|last|this|early|late|mid-?)\s*may\b", low):
                year = pub.year if month <= pub.month else pub.year - 1
                return TimeRef(date(year, month, 1).isoformat(), "month", relative=True)
        if m := _DAY_NUMBER.fullmatch(" " + t.strip()):
            d = _last_day_numbered(int(m[1]), pub)
            if d:
                return TimeRef(d.isoformat(), relative=True)
    if m := _YEAR.search(t):
        return TimeRef(f"{m[1]}-01-01", "year")
    return None
