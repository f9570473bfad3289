"""The HTTP API against a real uvicorn server on loopback over a real SQLite store."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import _webstore as ws  # noqa: E402
from eventwire.store import queries as Q  # noqa: E402
from eventwire.web import create_app  # noqa: E402

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ws.build_store(tmp_path_factory.mktemp("api") / "api.db", pipeline=True)


@pytest.fixture(scope="module")
def api(db: Path) -> Iterator[httpx.Client]:
    app = create_app(db)
    with ws.running_server(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        client.app = app  # type: ignore[attr-defined]
        yield client


def test_lists_have_items_and_total(api: httpx.Client) -> None:
    for route in ("/api/articles", "/api/events", "/api/quotes", "/api/actors"):
        r = api.get(route)
        assert r.status_code == 200, route
        body = r.json()
        assert set(body) >= {"items", "total"} and body["total"] >= len(body["items"]) > 0, route
    assert api.get("/api/articles").json()["total"] == 6


def test_article_search_and_one_article(api: httpx.Client) -> None:
    body = api.get("/api/articles", params={"q": "premeditated attack"}).json()
    assert body["total"] == 1
    art_id = body["items"][0]["id"]
    art = api.get(f"/api/articles/{art_id}").json()
    assert set(art) >= {"id", "text", "sentences", "mentions", "events", "quotes"}
    ev = art["events"][0]
    assert art["text"][ev["trigger_span"][0] : ev["trigger_span"][1]] == ev["trigger"]
    assert art["quotes"][0]["text"] == "This is a premeditated attack"
    assert api.get(f"/api/articles/{art_id[:12]}").json()["id"] == art_id  # short ids work
    shelled = api.get(f"/api/events/{ev['id']}").json()
    assert [art["text"][a:b] for a, b in shelled["source_spans"]] == ["Russian troops"]
    assert [art["text"][a:b] for a, b in shelled["target_spans"]] == ["Ukrainian positions"]
    listed = api.get("/api/events", params={"type": "SANCTION", "include_flagged": "true"}).json()["items"]
    assert listed and all(e["source_spans"] == [] == e["target_spans"] for e in listed)  # none recorded
    # what the real coder stored: "Japan and South Korea held talks in Tokyo on Friday."
    (talks,) = [e for e in api.get("/api/events", params={"actor": "JPN"}).json()["items"]
                if e["type"] == "CONSULT" and e["source"][0]["code"] == "JPN"]  # fmt: skip
    text = api.get(f"/api/articles/{talks['article_id']}").json()["text"]
    assert [text[a:b] for a, b in talks["source_spans"] + talks["target_spans"]] == ["Japan", "South Korea"]
    spec = api.get("/api/openapi.json").json()
    assert "source_spans" in spec["paths"]["/api/events/{event_id}"]["get"]["description"]


def test_event_filters(api: httpx.Client) -> None:
    def total(**params: str | int | bool) -> int:
        r = api.get("/api/events", params=params)
        assert r.status_code == 200, r.text
        return int(r.json()["total"])

    everything = total(include_flagged="true", since="2022")
    assert total(since="2022") == everything - 1
    assert total(actor="RUS", role="source", type="ASSAULT") == 1
    assert total(actor="Antony Blinken") == 1
    assert total(dyad="USA,RUS") == 4 and total(dyad="USA,RUS", directed="true") == 2
    assert total(quad_class=1, since="2022-03") == 2
    assert total(since="2022-02-24", until="2022-02-24") == 2
    assert total(text="Kharkiv") == 1
    first = api.get("/api/events", params={"type": "CONSULT", "limit": 1}).json()
    assert len(first["items"]) == 1 and first["total"] >= 2
    one = api.get(f"/api/events/{first['items'][0]['id']}").json()
    assert one == first["items"][0]
    assert set(one) >= {"id", "article_id", "type", "source", "target", "event_date", "rule", "confidence"}


def test_quotes_actors_dyads_network_stats(api: httpx.Client) -> None:
    quotes = api.get("/api/quotes", params={"speaker": "person:antony-blinken"}).json()
    assert quotes["total"] == 2
    assert api.get(f"/api/quotes/{quotes['items'][0]['id']}").json()["speaker"]["name"] == "Antony Blinken"
    assert api.get("/api/quotes", params={"q": "dialogue"}).json()["total"] == 1

    actors = api.get("/api/actors", params={"q": "lavrov"}).json()
    assert [a["id"] for a in actors["items"]] == ["person:sergey-lavrov"]
    blinken = api.get("/api/actors/person:antony-blinken").json()
    assert [o["title"] for o in blinken["office_at"]] == ["Secretary of State"]
    assert blinken["at"] == "2022-02-24"
    older = api.get("/api/actors/person:antony-blinken", params={"at": "2016-06-01"}).json()
    assert [o["title"] for o in older["office_at"]] == ["Deputy Secretary of State"]

    dyad = api.get("/api/dyads/RUS/USA", params={"interval": "week"}).json()
    assert [p["period"] for p in dyad["periods"]] == ["2022-01-31", "2022-02-21"]
    assert dyad["periods"][0]["counts"]["ACCUSE"] == 1
    net = api.get("/api/network", params={"min_count": 2}).json()
    assert {(e["source"], e["target"]) for e in net["edges"]} >= {("RUS", "UKR"), ("USA", "RUS")}
    stats = api.get("/api/stats").json()
    assert stats["articles"] == 6 and stats["schema_version"] >= 1


def test_errors_are_json_with_a_message(api: httpx.Client) -> None:
    cases = {
        "/api/events/no-such-event": 404,
        "/api/articles/" + "f" * 64: 404,
        "/api/actors/Nobody%20Here": 404,
        "/api/no/such/route": 404,
        "/api/events?since=last%20week": 400,
        "/api/events?dyad=RUS": 400,
        "/api/dyads/RUS/USA?interval=year": 422,
        f"/api/events?limit={Q.MAX_PAGE + 1}": 422,
        "/api/articles?offset=-1": 422,
    }
    for url, status in cases.items():
        r = api.get(url)
        assert r.status_code == status, url
        assert r.headers["content-type"].startswith("application/json"), url
        body = r.json()
        assert list(body) == ["error"] and body["error"], url


def test_limits_and_headers(api: httpx.Client) -> None:
    r = api.get("/api/events", params={"limit": Q.MAX_PAGE})
    assert r.status_code == 200
    assert api.get("/api/events?text=" + "x" * 5000).status_code == 414
    big = api.post("/api/events", content=b"x" * (3 * 1024 * 1024))
    assert big.status_code == 413 and "error" in big.json()
    csp = api.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert api.get("/api/stats").headers["x-content-type-options"] == "nosniff"


def test_hostile_input_is_data_not_sql(api: httpx.Client) -> None:
    for value in ("' OR 1=1 --", "RUS'); DROP TABLE events; --", '"', "%", "_"):
        for route, param in (("/api/events", "actor"), ("/api/quotes", "speaker"), ("/api/articles", "q"),
                             ("/api/actors", "q"), ("/api/events", "text")):  # fmt: skip
            r = api.get(route, params={param: value})
            assert r.status_code == 200, (route, value)
            assert r.json()["total"] == 0, (route, value)
    assert api.get("/api/stats").json()["events"] > 0


def test_read_only_without_ingest_flag(api: httpx.Client) -> None:
    r = api.post("/api/ingest", json={"text": "Russia attacked Ukraine."},
                 headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert r.status_code in (404, 405) and "error" in r.json()
    paths = api.get("/api/openapi.json").json()["paths"]
    assert "/api/ingest" not in paths
    assert {"/api/articles", "/api/events", "/api/quotes", "/api/actors", "/api/dyads/{a}/{b}", "/api/network",
            "/api/stats", "/api/articles/{article_id}"} <= set(paths)  # fmt: skip
    conn = api.app.state.stores.get().conn  # type: ignore[attr-defined]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM events")


def test_api_docs_page_is_offline(api: httpx.Client) -> None:
    r = api.get("/api/docs")
    assert r.status_code == 200 and "/api/events" in r.text
    assert "cdn" not in r.text.lower() and 'src="http' not in r.text


@pytest.mark.slow
def test_ingest_needs_flag_and_token(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "rw.db"
    shutil.copy(db, copy)
    with pytest.raises(ValueError):
        create_app(copy, allow_ingest=True)
    app = create_app(copy, allow_ingest=True, token=TOKEN)
    doc = {"text": "Germany pledged new air defence systems to Ukraine on Monday.", "pub_date": "2022-10-10",
           "title": "Air defence pledge"}  # fmt: skip
    with ws.running_server(app) as base, httpx.Client(base_url=base, timeout=120) as client:
        assert client.post("/api/ingest", json=doc).status_code == 401
        wrong = client.post("/api/ingest", json=doc, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.json() == {"error": "missing or wrong bearer token"}
        bad = client.post("/api/ingest", json={"articles": [{"title": "x"}]},
                          headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
        assert bad.status_code == 400
        chunks = (b"{" + b" " * 65536 for _ in range(40))  # streamed without a length, over the cap
        assert client.post("/api/ingest", content=chunks,
                           headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 413  # fmt: skip
        ok = client.post("/api/ingest", json=doc, headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200, ok.text
        item = ok.json()["items"][0]
        assert item["new"] is True
        assert client.get(f"/api/articles/{item['id']}").json()["title"] == "Air defence pledge"
        assert client.get("/api/articles", params={"q": "air defence"}).json()["total"] == 1
