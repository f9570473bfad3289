"""Server-rendered pages over a real loopback server: every page answers with real data, highlights sit on
the right words, and untrusted text never becomes markup (checked by parsing the HTML)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import _webstore as ws  # noqa: E402
from _webstore import assert_inert, parse  # noqa: E402
from eventwire.web import (
    _render,  # noqa: E402
    create_app,  # noqa: E402
)


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = ws.build_store(tmp_path_factory.mktemp("web") / "web.db", pipeline=False)
    with ws.running_server(create_app(db)) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def article_id(web: httpx.Client, query: str) -> str:
    return str(web.get("/api/articles", params={"q": query}).json()["items"][0]["id"])


def test_every_page_answers(web: httpx.Client) -> None:
    putin = article_id(web, "fundamental")
    pages = {
        "/": "Latest articles",
        "/?q=sanctions": "imposed sanctions",
        "/?type=CONSULT": "spoke by phone",
        f"/articles/{putin}": "Putin accuses NATO",
        "/actors/RUS": "Russia",
        "/actors/person:sergey-lavrov": "Sergey Lavrov",
        "/dyads/RUS/USA": "United States",
        "/dyads/RUS/USA?interval=day&period=2022-02-24": "imposed sanctions",
        "/network": "Who acts on whom",
        "/network?level=actor&type=ACCUSE": "person:vladimir-putin",
        "/actors/person:antony-blinken?at=2016-05-01": "Deputy Secretary of State",
        "/api/docs": "/api/dyads/{a}/{b}",
    }
    for url, needle in pages.items():
        r = web.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html"), url
        assert needle in r.text, url
        assert_inert(r.text)
    assert web.get("/static/style.css").status_code == 200
    missing = web.get("/articles/" + "0" * 64)
    assert missing.status_code == 404 and "no article" in missing.text


def test_record_pages_redirect_into_the_article(web: httpx.Client) -> None:
    ev = web.get("/api/events", params={"type": "ASSAULT"}).json()["items"][0]
    r = web.get(f"/events/{ev['id']}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/articles/{ev['article_id']}#{ev['id']}"
    q = web.get("/api/quotes").json()["items"][0]
    assert web.get(f"/quotes/{q['id']}", follow_redirects=False).headers["location"].endswith("#" + q["id"])


def test_article_highlights_wrap_the_records(web: httpx.Client) -> None:
    aid = article_id(web, "fundamental")
    html = web.get(f"/articles/{aid}").text
    m = parse(html)
    spans = [a for t, a in m.tags if t == "span" and a.get("data-refs")]
    art = web.get(f"/api/articles/{aid}").json()
    accuse = art["events"][0]
    assert any(
        accuse["id"] in (s["data-refs"] or "").split() and "trigger" in (s["class"] or "") for s in spans
    )
    assert any("quote" in (s["class"] or "") for s in spans)
    card_ids = {a.get("id") for _, a in m.tags}
    assert {e["id"] for e in art["events"]} | {q["id"] for q in art["quotes"]} <= card_ids
    assert 'class="tag flag">hypothetical' in html  # the flagged sanction is shown as such


def test_article_marks_the_words_naming_each_events_actors(web: httpx.Client) -> None:
    """Source and target words carry their own classes and a title (not colour alone), and point at the
    event's card like its trigger does."""
    aid = article_id(web, "fundamental")
    art = web.get(f"/api/articles/{aid}").json()
    accuse = next(e for e in art["events"] if e["type"] == "ACCUSE")
    m = parse(web.get(f"/articles/{aid}").text)
    args = [a for t, a in m.tags if t == "span" and accuse["id"] in (a.get("data-refs") or "").split()]
    by_class = {c: a for a in args for c in (a["class"] or "").split() if c.startswith("arg-")}
    assert by_class["arg-source"]["title"] == "source of ACCUSE"
    assert by_class["arg-target"]["title"] == "target of ACCUSE"
    words = {role: [art["text"][a:b] for a, b in accuse[f"{role}_spans"]] for role in ("source", "target")}
    assert words == {"source": ["Vladimir Putin"], "target": ["NATO", "the United States"]}
    # events without spans (stored before records had them) still render, just without argument marks
    assert any(not e["source_spans"] for e in art["events"])
    css = web.get("/static/style.css").text
    assert ".doc .arg-source" in css and "dashed" in css.split(".doc .arg-target", 1)[1].split("}")[0]


def test_hostile_article_is_escaped_everywhere(web: httpx.Client) -> None:
    aid = article_id(web, "protesters")
    for url in (f"/articles/{aid}", "/?q=protesters", "/?q=accept", "/actors/person:sergey-lavrov",
                "/actors/NATO", "/?type=ACCUSE"):  # fmt: skip
        r = web.get(url)
        assert r.status_code == 200, url
        assert_inert(r.text)
        assert "<b onmouseover" not in r.text and "&lt;b onmouseover=alert(1)&gt;" in r.text, url
    page = web.get(f"/articles/{aid}").text
    assert "&lt;script&gt;window.__xss = 1;" in page
    assert "&lt;img src=x onerror=&#34;window.__xss = 2&#34;&gt;" in page
    assert "&lt;i&gt;Evil Outlet&lt;/i&gt;" in page
    assert "&lt;script&gt;alert(&#39;rule&#39;)&lt;/script&gt;" in page  # the rule name, in the event card
    assert "javascript:alert(4)" in page and 'href="javascript' not in page  # url shown, not linked
    # the argument marks of the hostile article's event sit on its words, escaped like every highlight
    assert 'class="arg-source mention" data-refs=' in page and 'title="source of ACCUSE"' in page


def test_highlight_segments_cover_the_text_exactly() -> None:
    text = 'Lavrov said: "we are ready" to talk.'
    events = [{"id": "e0", "trigger_span": [21, 26]}, {"id": "e1", "trigger_span": [-3, 999]}]
    quotes = [{"id": "q0", "content_span": [14, 26], "speaker_span": [0, 6]}]
    mentions: list[dict[str, Any]] = [
        {"start": 0, "end": 6, "actor": {"code": "RUS"}},
        {"start": 30, "end": 30, "actor": None},
    ]
    segs = _render.highlight(text, events, quotes, mentions)
    assert "".join(s.text for s in segs) == text
    ready = next(s for s in segs if s.text == "ready")
    assert set(ready.classes) == {"quote", "trigger"} and set(ready.refs) == {"e0", "e1", "q0"}
    assert segs[-1].refs == ("e1",)  # the out-of-range span is clipped to the text, not dropped
    lavrov = segs[0]
    assert lavrov.text == "Lavrov" and set(lavrov.classes) >= {"mention", "speaker"}


def test_argument_highlights_overlap_and_clip() -> None:
    """A word that is the target of one event and the source of another gets both classes and both titles;
    an argument span past the end of the text is clipped like any other."""
    text = "Chile accused Peru. Peru rejected the charge."
    events = [
        {"id": "e0", "type": "ACCUSE", "trigger_span": [6, 13], "source_spans": [[0, 5]],
         "target_spans": [[14, 18]]},
        {"id": "e1", "type": "REJECT", "trigger_span": [25, 33], "source_spans": [[20, 24]],
         "target_spans": [[0, 5], [38, 400]]},
    ]  # fmt: skip
    segs = _render.highlight(text, events, [])
    assert "".join(s.text for s in segs) == text
    chile = segs[0]
    assert chile.text == "Chile" and chile.classes == ("arg-source", "arg-target")
    assert chile.refs == ("e0", "e1") and chile.title == "source of ACCUSE; target of REJECT"
    assert segs[-1].text == "charge." and segs[-1].classes == ("arg-target",)


def test_fill_periods_and_chart_geometry() -> None:
    rows = [{"period": "2022-01", "up": 2, "down": 0}, {"period": "2022-04", "up": 0, "down": 4}]
    filled = _render.fill_periods(rows, "month", {"up": 0, "down": 0})
    assert [p["period"] for p in filled] == ["2022-01", "2022-02", "2022-03", "2022-04"]
    weeks = _render.fill_periods([{"period": "2022-12-26"}, {"period": "2023-01-09"}], "week", {})
    assert [p["period"] for p in weeks] == ["2022-12-26", "2023-01-02", "2023-01-09"]
    chart = _render.updown_chart(filled, "up", "down")
    bars = chart["bars"]
    assert bars[3]["down_h"] == pytest.approx(2 * bars[0]["up_h"])
    assert bars[0]["up_y"] + bars[0]["up_h"] == pytest.approx(chart["zero"])


def test_render_docstring_examples_run() -> None:
    """The page helpers' examples (left out of tests/test_doctests.py with the rest of eventwire.web)."""
    import doctest

    result = doctest.testmod(_render, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted >= 2
