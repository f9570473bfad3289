"""Publication dates: whatever a source writes, normalised to ``YYYY-MM-DD`` or rejected with a reason.

>>> parse_date("2022-02-02T14:05:00+03:00")
'2022-02-02'
>>> parse_date("Wed, 02 Feb 2022 09:30:00 GMT")
'2022-02-02'
>>> parse_date("February 2, 2022")
'2022-02-02'
>>> parse_date("2022-02-30")
Traceback (most recent call last):
...
ValueError: impossible date '2022-02-30' (day is out of range for month)
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

# An ISO calendar date at the start of the value (with or without a time after it).
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
# RFC 822 / RFC 2822 dates as feeds write them: "Wed, 02 Feb 2022 09:30:00 GMT".
_RFC822 = re.compile(r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")


def parse_date(value: str) -> str:
    """Normalise a date string (ISO 8601, RFC 822, "February 2, 2022", "2 Feb 2022"...) to ``YYYY-MM-DD``.

    Raises :class:`ValueError` with a one-line reason for a date that cannot exist (2022-02-30) or a value
    that is not a date at all. The calendar day as the source wrote it is kept (no time-zone shift).
    """
    text = value.strip()
    if not text:
        raise ValueError("empty date")
    iso = _ISO_DAY.match(text)
    if iso:
        y, m, d = (int(g) for g in iso.groups())
        try:
            return date(y, m, d).isoformat()
        except ValueError as exc:
            raise ValueError(f"impossible date {text!r} ({exc})") from None
    if _RFC822.match(text):
        try:
            return parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError):
            pass  # fall through to dateutil, which names the problem
    try:
        # A fixed default makes a value with no day or month ("March 2022") resolve to the first.
        parsed = dateutil_parser.parse(text, default=datetime(2000, 1, 1))
    except (ValueError, OverflowError) as exc:
        reason = str(exc).split(":")[0]
        if "out of range" in reason or "must be in" in reason:
            raise ValueError(f"impossible date {text!r} ({reason})") from None
        raise ValueError(f"unreadable date {text!r}") from None
    return parsed.date().isoformat()
