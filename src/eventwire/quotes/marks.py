"""Quotation marks: pair them into quotations, one paragraph at a time.

Handles straight and curly, double and single marks, the NYT's doubled apostrophes (``''``) and LaTeX-style
`````` openers. A quotation never crosses a paragraph: an opening mark with no closing mark in its
paragraph runs to the paragraph's end (the multi-paragraph convention: the next paragraph reopens the
quote), so unbalanced marks never swallow the rest of an article. Single marks are paired only where they
cannot be apostrophes ("the students' books", "don't").

>>> [(q.text, q.closed) for q in find_quotations('He said: "We will stay." Then he left.')]
[('We will stay.', True)]
>>> [(q.text, q.closed) for q in find_quotations("“We will stay.\\n\\n“And we will win,” he said.")]
[('We will stay.', False), ('And we will win,', True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"[^\n]+")
# Longest first: the NYT doubles apostrophes for double quotes.
_MARK = re.compile(r"''|``|[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019']")
_OPENERS = {"\u201c", "\u201e", "\u00ab", "``"}
_CLOSERS = {"\u201d", "\u00bb"}
_AMBIGUOUS_DOUBLE = {'"', "''"}
_SINGLE_OPEN = "\u2018"
_SINGLE_AMBIGUOUS = {"'", "\u2019"}


@dataclass(slots=True)
class Quotation:
    """Text between a pair of quotation marks (``start``/``end`` exclude the marks).

    ``open_mark`` is the offset of the opening mark, ``close_end`` the offset just past the closing mark
    (``end`` when unclosed). ``single`` is True for single marks; ``paragraph`` is the paragraph's index and
    ``para_span`` its character span.
    """

    start: int
    end: int
    open_mark: int
    close_end: int
    closed: bool
    single: bool
    paragraph: int
    para_span: tuple[int, int]
    text: str

    @property
    def outer(self) -> tuple[int, int]:
        """The span including the marks."""
        return self.open_mark, self.close_end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the non-empty lines of ``text`` (a news paragraph is a line)."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _is_space_or_edge(text: str, i: int) -> bool:
    return i < 0 or i >= len(text) or text[i].isspace()


def _opening_context(text: str, start: int) -> bool:
    """A mark at ``start`` opens when it follows a space, a line start, a bracket or a dash."""
    prev = text[start - 1] if start > 0 else " "
    return prev.isspace() or prev in "([{\u2014\u2013-/:\u201c\u2018" or start == 0


def _closing_context(text: str, end: int) -> bool:
    nxt = text[end] if end < len(text) else " "
    return nxt.isspace() or nxt in ".,;:!?)]}\u2014\u2013-\u201d\u2019'\"" or end >= len(text)


def _double_marks(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, 'open'|'close') for each double mark in text[lo:hi]."""
    out: list[tuple[int, int, str]] = []
    for m in _MARK.finditer(text, lo, hi):
        mark = m.group()
        if mark in _OPENERS:
            out.append((m.start(), m.end(), "open"))
        elif mark in _CLOSERS:
            out.append((m.start(), m.end(), "close"))
        elif mark in _AMBIGUOUS_DOUBLE:
            opening = _opening_context(text, m.start())
            closing = _closing_context(text, m.end())
            if opening and not closing:
                out.append((m.start(), m.end(), "open"))
            elif closing and not opening:
                out.append((m.start(), m.end(), "close"))
            else:
                out.append((m.start(), m.end(), "either"))
    return out


def _pair_double(text: str, lo: int, hi: int, index: int) -> tuple[list[Quotation], list[tuple[int, int]]]:
    quotes: list[Quotation] = []
    open_at: tuple[int, int] | None = None
    for start, end, role in _double_marks(text, lo, hi):
        if open_at is None:
            if role in ("open", "either"):
                open_at = (start, end)
            continue
        if role in ("close", "either") or (role == "open" and not _opening_context(text, start)):
            quotes.append(_make(text, open_at[1], start, open_at[0], end, True, False, index, (lo, hi)))
            open_at = None
        else:
            # Two openers in a row: the first was never closed; bound it before the second.
            quotes.append(_make(text, open_at[1], start, open_at[0], start, False, False, index, (lo, hi)))
            open_at = (start, end)
    if open_at is not None:
        quotes.append(_make(text, open_at[1], hi, open_at[0], hi, False, False, index, (lo, hi)))
    return quotes, [q.outer for q in quotes]


def _single_marks(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in _MARK.finditer(text, lo, hi):
        mark = m.group()
        if mark == _SINGLE_OPEN:
            out.append((m.start(), m.end(), "open"))
        elif mark in _SINGLE_AMBIGUOUS:
            before = text[m.start() - 1] if m.start() > 0 else " "
            after = text[m.end()] if m.end() < len(text) else " "
            if before.isalnum() and after.isalnum():
                continue  # don't, Ukraine's
            if _opening_context(text, m.start()) and after.isalnum():
                out.append((m.start(), m.end(), "open"))
            elif not before.isspace() and not after.isalnum():
                # Closing, or a plural possessive ("the students' books"): decided when pairing.
                out.append((m.start(), m.end(), "close"))
    return out


def _pair_single(text: str, lo: int, hi: int, index: int) -> list[Quotation]:
    quotes: list[Quotation] = []
    open_at: tuple[int, int] | None = None
    for start, end, role in _single_marks(text, lo, hi):
        if role == "open":
            open_at = (start, end)
        elif open_at is not None:
            quotes.append(_make(text, open_at[1], start, open_at[0], end, True, True, index, (lo, hi)))
            open_at = None
    return quotes


def _make(
    text: str,
    start: int,
    end: int,
    open_mark: int,
    close_end: int,
    closed: bool,
    single: bool,
    index: int,
    para: tuple[int, int],
) -> Quotation:
    # Unclosed quotations end at the paragraph's last non-space character.
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quotation(start, end, open_mark, close_end, closed, single, index, para, text[start:end])


def find_quotations(text: str) -> list[Quotation]:
    """All quotations in ``text`` in order: double-mark ones, plus single-mark ones outside them."""
    out: list[Quotation] = []
    for index, (lo, hi) in enumerate(paragraphs(text)):
        doubles, spans = _pair_double(text, lo, hi, index)
        singles = [
            q
            for q in _pair_single(text, lo, hi, index)
            if not any(a <= q.open_mark < b for a, b in spans) and q.end > q.start
        ]
        out.extend(q for q in doubles if q.end > q.start)
        out.extend(singles)
    out.sort(key=lambda q: q.open_mark)
    return out
