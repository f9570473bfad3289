"""The read-side queries over a real SQLite store (hand-made records plus real pipeline output)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import _webstore as ws  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.store import queries as Q  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    path = ws.build_store(tmp_path_factory.mktemp("q") / "q.db", pipeline=True)
    with Store.open(path, readonly=True) as s:
        yield s


def test_fts_query_neutralises_operators() -> None:
    assert Q.fts_query("NEAR(a b) OR -x") == '"NEAR" "a" "b" "OR" "x"'
    assert Q.fts_query('"open to talks"') == '"open to talks"'
    assert Q.fts_query("sanct*") == '"sanct"*'
    assert Q.fts_query("*** ()") is None


def test_list_articles_search_and_snippet(store: Store) -> None:
    items, total = Q.list_articles(store, q="premeditated")
    assert total == 1
    art = items[0]
    assert art["title"] == "Russian troops attack Ukraine"
    s, e = art["snippet_marks"][0]
    assert art["snippet"][s:e].lower() == "premeditated"
    assert art["n_events"] == 2 and art["n_quotes"] == 1
    # FTS syntax typed by a user is not an error: operators become plain words, punctuation is dropped
    assert Q.list_articles(store, q='") (') == ([], 0)
    assert Q.list_articles(store, q="Kuleba AND (")[1] == 1


def test_list_articles_dates_outlet_paging(store: Store) -> None:
    items, total = Q.list_articles(store, since="2022-02", until="2022-02")
    assert {i["pub_date"] for i in items} == {"2022-02-02", "2022-02-03", "2022-02-24"}
    assert total == 3
    assert [i["pub_date"] for i in items] == sorted((i["pub_date"] for i in items), reverse=True)
    assert Q.list_articles(store, outlet="test wire")[1] == 1
    page, total = Q.list_articles(store, limit=2, offset=1)
    assert len(page) == 2 and total == 6
    with pytest.raises(Q.QueryError):
        Q.list_articles(store, since="Feb 2022")
    with pytest.raises(Q.QueryError):
        Q.list_articles(store, limit=-1)
    assert Q._page(10_000, 0) == (Q.MAX_PAGE, 0)


def test_get_article_by_prefix_with_records(store: Store) -> None:
    first = Q.list_articles(store, q="fundamental")[0][0]
    art = Q.get_article(store, first["id"][:10])
    assert art is not None and art["id"] == first["id"]
    assert [e["type"] for e in art["events"]] == ["ACCUSE", "CONSULT", "THREATEN", "SANCTION"]
    ev = art["events"][0]
    s, e = ev["trigger_span"]
    assert art["text"][s:e] == "accused" and ev["id"].endswith("-e0")
    assert ev["source"][0]["actor_id"] == "person:vladimir-putin"
    assert [t["code"] for t in ev["target"]] == ["NATO", "USA"]
    q = art["quotes"][0]
    assert art["text"][q["content_span"][0] : q["content_span"][1]] == q["text"]
    assert q["speaker"]["name"] == "Vladimir Putin"
    assert any(m["actor"] and m["actor"]["code"] == "NATO" for m in art["mentions"])
    assert Q.get_article(store, "%") is None
    assert Q.get_article(store, "0" * 64) is None


def test_list_events_filters(store: Store) -> None:
    _, total_all = Q.list_events(store, include_flagged=True, since="2022")
    _, total = Q.list_events(store, since="2022")
    assert total == total_all - 1  # the hypothetical sanction is left out by default
    items, n = Q.list_events(store, actor="RUS", role="source", type="ASSAULT")
    assert (
        n == 1 and items[0]["trigger"] == "shelled" and items[0]["sentence_text"].startswith("Russian troops")
    )
    # a code matches named actors carrying it; an id and a name match one person
    assert Q.list_events(store, actor="rus", role="source")[1] >= 4
    assert Q.list_events(store, actor="person:sergey-lavrov")[1] == 3
    assert Q.list_events(store, actor="sergey lavrov")[1] == 3
    assert Q.list_events(store, type="consult,agree")[1] >= 3
    assert Q.list_events(store, quad_class=4, since="2022-02-24", until="2022-02-24")[1] == 2
    assert Q.list_events(store, since="2022-03")[1] >= 2
    assert Q.list_events(store, text="Ukrainian positions")[0][0]["type"] == "ASSAULT"
    assert Q.list_events(store, text="positions Moscow")[1] == 0  # words must share the sentence
    with pytest.raises(Q.QueryError):
        Q.list_events(store, quad_class=7)


def test_list_events_dyad_both_directions(store: Store) -> None:
    items, n = Q.list_events(store, dyad=("USA", "RUS"))
    assert {i["type"] for i in items} == {"CONSULT", "ACCUSE", "THREATEN", "SANCTION"}
    directed, nd = Q.list_events(store, dyad=("USA", "RUS"), directed=True)
    assert {i["type"] for i in directed} == {"CONSULT", "SANCTION"} and nd < n


def test_get_event_and_quote(store: Store) -> None:
    ev = Q.list_events(store, type="ASSAULT")[0][0]
    again = Q.get_event(store, ev["id"])
    assert again == ev
    assert Q.get_event(store, "nope") is None
    quotes, n = Q.list_quotes(store, speaker="Antony Blinken")
    assert n == 2 and {q["kind"] for q in quotes} == {"direct", "indirect"}
    assert Q.get_quote(store, quotes[0]["id"]) == quotes[0]
    assert Q.list_quotes(store, q="premeditated")[1] == 1
    assert Q.list_quotes(store, q="blinken")[1] == 2  # speaker names are searchable too


def test_actors_list_and_page(store: Store) -> None:
    items, total = Q.list_actors(store)
    ids = [i["id"] for i in items]
    assert "RUS" in ids and "person:vladimir-putin" in ids
    rus = items[ids.index("RUS")]
    assert rus["level"] == "code" and rus["name"] == "Russia" and rus["events_as_source"] >= 4
    assert [i["id"] for i in Q.list_actors(store, q="russia")[0]] == ["RUS"]
    assert Q.list_actors(store, q="putin")[0][0]["events_as_source"] == 1

    lav = Q.get_actor(store, "person:sergey-lavrov")
    assert lav is not None and lav["name"] == "Sergey Lavrov" and lav["code"] == "RUS"
    assert lav["counts"]["events_as_source"] == 2 and lav["counts"]["events_as_target"] == 1
    counterpart_ids = [c["id"] for c in lav["top_counterparts"]]
    assert "person:antony-blinken" in counterpart_ids and "igo:nato" in counterpart_ids
    by_id = {c["id"]: c for c in lav["top_counterparts"]}
    assert (by_id["person:antony-blinken"]["acts_on"], by_id["person:antony-blinken"]["acted_on_by"]) == (
        0,
        1,
    )
    assert (by_id["igo:nato"]["acts_on"], by_id["igo:nato"]["acted_on_by"]) == (1, 0)
    assert by_id["UKR"]["name"] == "Ukraine"  # Kuleba has no KB id here: counted under his country
    assert by_id["UKR"]["actor_id"] is None and by_id["person:antony-blinken"]["actor_id"] is not None
    assert "country:UKR" not in ids  # a state's KB id is folded into its code's row
    assert items[ids.index("UKR")]["events_as_target"] == 3
    assert sum(p["as_source"] + p["as_target"] for p in lav["timeline"]) == 3
    assert lav["at"] == "2022-03-10"
    assert Q.get_actor(store, "Nobody At All") is None


def test_office_at_open_ended() -> None:
    offices = [
        {"title": "President", "start": "2012-05-07"},
        {"title": "PM", "start": "2008", "end": "2012-05-07"},
    ]
    assert [o["title"] for o in Q.office_at(offices, "2022-02-02")] == ["President"]
    assert [o["title"] for o in Q.office_at(offices, "2010-01-01")] == ["PM"]
    assert Q.office_at(offices, None) == []


def test_dyad_series_weeks_and_months(store: Store) -> None:
    s = Q.dyad_series(store, "RUS", "USA", "month")
    feb = s["periods"][0]
    assert feb["period"] == "2022-02" and feb["since"] == "2022-02-01" and feb["until"] == "2022-02-28"
    assert feb["counts"] == {"ACCUSE": 1, "CONSULT": 1, "THREATEN": 1, "SANCTION": 1}
    assert feb["cooperation"] == 1 and feb["conflict"] == 3 and feb["goldstein"] == -9.0
    assert feb["a_to_b"] == 2 and feb["b_to_a"] == 2
    weeks = Q.dyad_series(store, "RUS", "USA", "week")["periods"]
    assert [w["period"] for w in weeks] == ["2022-01-31", "2022-02-21"]  # Mondays
    assert weeks[1]["until"] == "2022-02-27"
    with pytest.raises(Q.QueryError):
        Q.dyad_series(store, "RUS", "USA", "year")


def test_network_and_stats(store: Store) -> None:
    net = Q.network(store)
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("RUS", "UKR")]["n"] == 3 and edges[("RUS", "UKR")]["conflict"] == 1
    assert ("USA", "RUS") in edges and edges[("USA", "RUS")]["goldstein_mean"] == -1.5
    assert {"RUS", "USA", "UKR", "NATO"} <= {n["id"] for n in net["nodes"]}
    assert Q.network(store, min_count=3)["edges"] == [edges[("RUS", "UKR")]]
    by_actor = Q.network(store, level="actor")
    assert any(e["source"] == "person:vladimir-putin" for e in by_actor["edges"])
    st = Q.stats(store)
    assert st["articles"] == 6 and st["events_flagged"] == 1 and st["event_types"]["ACCUSE"] >= 2


def test_cached_aggregates_follow_writes(tmp_path: Path) -> None:
    path = ws.build_store(tmp_path / "c.db", pipeline=False)
    with Store.open(path, readonly=True) as reader, Store.open(path) as writer:
        before = Q.stats(reader)["events"]
        assert Q.list_actors(reader, q="erdogan") == ([], 0)
        text = "Turkish President Recep Tayyip Erdogan hosted talks in Istanbul."
        res = ws.make_article(text, pub_date="2022-03-29")
        r = ws.ExtractResult(res)
        erdogan = ws.ActorRef("TUR", "GOV", "Recep Tayyip Erdogan", "person:recep-tayyip-erdogan", "person")
        r.events = [
            ws.event(text, "hosted talks", "CONSULT", 1, 1.0, [erdogan], [], "2022-03-29", cameo="042")
        ]
        with writer.transaction():
            writer.save_result(r)
        assert Q.stats(reader)["events"] == before + 1  # another connection committed: caches refresh
        assert [a["id"] for a in Q.list_actors(reader, q="erdogan")[0]] == ["person:recep-tayyip-erdogan"]
