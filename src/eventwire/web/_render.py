"""Pure helpers for the pages: in-place highlighting of records in article text, and the geometry of the
small SVG charts. No HTML is built here: templates render the pieces, so Jinja2 escapes every string."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

MAX_CHART_PERIODS = 400


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of article text and the records covering it (``refs``: element ids of record cards)."""

    text: str
    classes: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    title: str = ""  # what an argument highlight is ("source of ACCUSE"), for the title attribute


def highlight(
    text: str,
    events: list[dict[str, Any]],
    quotes: list[dict[str, Any]],
    mentions: list[dict[str, Any]] | None = None,
) -> list[Segment]:
    """Cut ``text`` at every record boundary; each piece knows which triggers, quotes, mentions and event
    arguments cover it.

    An event's ``source_spans``/``target_spans`` (the words naming its actors) get the classes
    ``arg-source``/``arg-target`` and a title saying whose argument they are. Overlaps are fine (a trigger
    inside a quote gets both classes), spans outside the text are clipped and empty ones dropped, so a bad
    offset can never duplicate or lose characters.

    >>> [(s.text, s.classes) for s in highlight("Putin said: we are ready.", [], [{"id": "q0",
    ...     "content_span": [12, 24]}], [{"start": 0, "end": 5, "actor": {"code": "RUS"}}])]
    [('Putin', ('mention',)), (' said: ', ()), ('we are ready', ('quote',)), ('.', ())]
    >>> [(s.text, s.classes, s.title) for s in highlight("Chile accused Peru.", [{"id": "e0", "type": "ACCUSE",
    ...     "trigger_span": [6, 13], "source_spans": [[0, 5]], "target_spans": [[14, 18]]}], [])]
    [('Chile', ('arg-source',), 'source of ACCUSE'), (' ', (), ''), ('accused', ('trigger',), ''), (' ', (), ''),
     ('Peru', ('arg-target',), 'target of ACCUSE'), ('.', (), '')]
    """
    n = len(text)
    spans: list[tuple[int, int, str, str, str]] = []  # start, end, class, card id, title
    for e in events:
        s, t = e.get("trigger_span") or (0, 0)
        spans.append((s, t, "trigger", str(e["id"]), ""))
        for role in ("source", "target"):
            for s, t in e.get(f"{role}_spans") or ():
                spans.append((s, t, f"arg-{role}", str(e["id"]), f"{role} of {e.get('type') or 'event'}"))
    for q in quotes:
        s, t = q.get("content_span") or (0, 0)
        spans.append((s, t, "quote", str(q["id"]), ""))
        if q.get("speaker_span"):
            s, t = q["speaker_span"]
            spans.append((s, t, "speaker", str(q["id"]), ""))
    for m in mentions or []:
        spans.append((m["start"], m["end"], "mention" if m.get("actor") else "mention-unresolved", "", ""))
    spans = [(max(0, s), min(n, t), k, r, x) for s, t, k, r, x in spans if min(n, t) > max(0, s)]
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for i, (s, t, _, _, _) in enumerate(spans):
        opening.setdefault(s, []).append(i)
        closing.setdefault(t, []).append(i)
    cuts = sorted({0, n, *opening, *closing})
    active: dict[int, None] = {}  # spans covering the current piece, in the order given (ordered set)
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):  # one sweep: linear in the number of cuts
        for i in closing.get(a, ()):
            active.pop(i, None)
        for i in opening.get(a, ()):
            active[i] = None
        covering = [spans[i] for i in sorted(active)]
        classes = tuple(sorted({k for _, _, k, _, _ in covering}))
        refs = tuple(dict.fromkeys(r for _, _, _, r, _ in covering if r))
        title = "; ".join(dict.fromkeys(x for _, _, _, _, x in covering if x))
        out.append(Segment(text[a:b], classes, refs, title))
    return out


def _next_period(key: str, interval: str) -> str:
    if interval == "month":
        y, m = int(key[:4]), int(key[5:7])
        return f"{y + (m == 12):04d}-{m % 12 + 1:02d}"
    step = 7 if interval == "week" else 1
    return (date.fromisoformat(key) + timedelta(days=step)).isoformat()


def fill_periods(periods: list[dict[str, Any]], interval: str, empty: dict[str, Any]) -> list[dict[str, Any]]:
    """The series with zero rows for the periods between the first and the last that had no events
    (at most :data:`MAX_CHART_PERIODS`, the latest kept)."""
    if not periods:
        return []
    by_key = {p["period"]: p for p in periods}
    keys = [periods[0]["period"]]
    last = periods[-1]["period"]
    while keys[-1] < last and len(keys) < 100_000:
        keys.append(_next_period(keys[-1], interval))
    keys = keys[-MAX_CHART_PERIODS:]
    return [by_key.get(k) or {**empty, "period": k} for k in keys]


def updown_chart(
    periods: list[dict[str, Any]],
    up_key: str,
    down_key: str,
    line_key: str | None = None,
    *,
    width: int = 860,
    height: int = 260,
) -> dict[str, Any]:
    """Geometry of a bar chart with ``up_key`` counts above the axis, ``down_key`` counts below and an
    optional ``line_key`` series (own scale) drawn as a polyline; one column per period."""
    pad_l, pad_r, pad_t, pad_b = 40, 40, 26, 30
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    n = max(1, len(periods))
    peak = max([1] + [max(p.get(up_key, 0), p.get(down_key, 0)) for p in periods])
    zero = pad_t + plot_h / 2
    scale = (plot_h / 2 - 2) / peak
    col = plot_w / n
    bar_w = max(1.0, min(col * 0.7, 48.0))
    line_vals = [float(p.get(line_key) or 0.0) for p in periods] if line_key else []
    line_peak = max([1.0] + [abs(v) for v in line_vals])
    bars = []
    points = []
    label_every = max(1, n // 10)
    for i, p in enumerate(periods):
        x = pad_l + i * col
        up, down = p.get(up_key, 0), p.get(down_key, 0)
        bars.append({
            "x": round(x, 2), "col": round(col, 2), "bx": round(x + (col - bar_w) / 2, 2), "w": round(bar_w, 2),
            "up_y": round(zero - up * scale, 2), "up_h": round(up * scale, 2),
            "down_y": round(zero, 2), "down_h": round(down * scale, 2),
            "up": up, "down": down, "period": p["period"], "row": p,
            "label": p["period"] if i % label_every == 0 else None,
        })  # fmt: skip
        if line_key:
            y = zero - line_vals[i] / line_peak * (plot_h / 2 - 2)
            points.append(f"{x + col / 2:.1f},{y:.1f}")
    return {
        "width": width, "height": height, "pad_l": pad_l, "pad_t": pad_t, "plot_w": plot_w, "plot_h": plot_h,
        "zero": round(zero, 2), "peak": peak, "bars": bars, "line": " ".join(points), "line_peak": line_peak,
        "bottom": height - pad_b, "right": width - pad_r,
    }  # fmt: skip
