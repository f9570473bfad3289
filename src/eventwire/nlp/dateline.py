"""The dateline at the start of a paragraph ("KHARTOUM, June 12 (Reuters) -", "KYIV —", "Paris (AP) -").

News ledes open with one; the parser otherwise reads its place name as the sentence's subject ("KHARTOUM ...
accused"), so :func:`eventwire.nlp.model.paragraph_boundaries` ends a sentence after it, and the geo layer
takes its place as the story's location.

>>> m = DATELINE.match("KHARTOUM, June 12 (Reuters) - Sudan's army said ...")
>>> m.group("place"), m.end()
('KHARTOUM', 30)
>>> DATELINE.match("Sudan's army said on Monday - as expected - that ...") is None
True
"""

from __future__ import annotations

import re

DATELINE = re.compile(
    r"(?m)^[ \t]*"
    r"(?P<place>[A-Z][A-Z'.\-]*(?:[ ][A-Z][A-Z'.\-]*){0,3}|[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}(?=[^\n]{0,40}\)))"
    r"(?:\s*/\s*[A-Z][A-Za-z'.\- ]{1,30}?)?"  # "WASHINGTON/MOSCOW": the first place stands
    r"(?:,\s*(?P<extra>[A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*){0,2}))?"  # ", Ukraine" / ", Texas"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # ", Jan. 5"
    r"(?:\s*\([^)\n]{1,40}\))?"  # "(Reuters)"
    r"\s*(?:\u2014|\u2013|--|-|:)\s"
)
