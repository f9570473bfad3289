"""`eventwire demo` then the app: every page and API route over the bundled sample corpus, on a real
loopback server. Whatever the coders find, every record must render in place and every link must lead
somewhere (skipped when the sample corpus is absent)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from markupsafe import escape

sys.path.insert(0, str(Path(__file__).parent))
import _webstore as ws  # noqa: E402
from _webstore import assert_inert, parse  # noqa: E402
from eventwire.web import create_app  # noqa: E402


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = ws.build_demo(tmp_path_factory.mktemp("demo") / "demo.db")
    if db is None:
        pytest.skip("no sample corpus in src/eventwire/data/samples")
    with ws.running_server(create_app(db)) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client


def test_lists_are_filled_from_the_samples(demo: httpx.Client) -> None:
    samples = len(list(ws.SAMPLES.glob("*.txt")))
    assert demo.get("/api/articles", params={"limit": 1}).json()["total"] == samples
    stats = demo.get("/api/stats").json()
    assert stats["articles"] == samples and stats["mentions"] > 0
    for route in ("/api/events", "/api/quotes", "/api/actors"):
        body = demo.get(route).json()
        assert body["total"] == len(body["items"]) or len(body["items"]) == 50, route


def test_every_article_page_renders_its_records(demo: httpx.Client) -> None:
    for item in demo.get("/api/articles", params={"limit": 500}).json()["items"]:
        art = demo.get(f"/api/articles/{item['id']}").json()
        n = len(art["text"])
        for rec in art["events"]:
            s, e = rec["trigger_span"]
            assert 0 <= s < e <= n, rec
        for rec in art["quotes"]:
            s, e = rec["content_span"]
            assert 0 <= s < e <= n and art["text"][s:e] == rec["text"], rec
        page = demo.get(f"/articles/{item['id']}")
        assert page.status_code == 200
        assert_inert(page.text)
        ids = {a.get("id") for _, a in parse(page.text).tags}
        assert {r["id"] for r in art["events"] + art["quotes"]} <= ids
        assert str(escape(item["title"] or "")) in page.text


def test_actor_dyad_network_pages_follow_the_data(demo: httpx.Client) -> None:
    actors = demo.get("/api/actors", params={"limit": 25}).json()["items"]
    for a in actors:
        page = demo.get(f"/actors/{a['id']}")
        assert page.status_code == 200, a["id"]
        assert_inert(page.text)
    edges = demo.get("/api/network").json()["edges"]
    for e in edges[:8]:
        series = demo.get(f"/api/dyads/{e['source']}/{e['target']}").json()
        assert series["totals"]["events"] >= e["n"]
        page = demo.get(f"/dyads/{e['source']}/{e['target']}")
        assert page.status_code == 200
        for p in series["periods"]:  # every period with events is a chart column, linked to its events
            assert f"<title>{p['period']}: {p['cooperation']} cooperation" in page.text
            assert f"period={p['period']}#events" in page.text
        listed = demo.get("/api/events", params={"dyad": f"{e['source']},{e['target']}"}).json()
        assert listed["total"] == series["totals"]["events"]
    net = demo.get("/network")
    assert net.status_code == 200 and net.text.count("dyad →") == min(len(edges), 200)  # the page shows 200
    for q in ("sanctions", "ceasefire", "talks"):
        page = demo.get("/", params={"q": q})
        assert page.status_code == 200
        assert_inert(page.text)
