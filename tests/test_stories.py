"""Story clustering over short articles written for these tests: the pure function, the store (incremental
and idempotent), the reads and the ``eventwire stories`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.analysis import stories as S
from eventwire.analysis.stories import StoryArticle, cluster_articles, similarities
from eventwire.cli import main
from eventwire.ingest.normalise import make_article
from eventwire.records import ActorRef, Article, Event, ExtractResult, Mention
from eventwire.store import Store

# One happening (a lithium pact) told by two outlets a day apart, in their own words.
LITHIUM_A = (
    "2024-03-04",
    "Andes Courier",
    "Chile and Argentina sign pact to coordinate lithium exports",
    "SANTIAGO — Chile and Argentina signed an agreement on Monday to coordinate their lithium exports and "
    "share geological surveys of the salt flats along their border.\n\nThe two governments said the pact "
    "would let mining companies in both countries ship through Pacific ports with a single customs check.",
)
LITHIUM_B = (
    "2024-03-05",
    "Pampas Herald",
    "Argentina and Chile agree joint rules for lithium exports",
    "BUENOS AIRES — Argentina and Chile agreed on joint rules for lithium exports, with shared surveys of "
    "the border salt flats and one customs check at Pacific ports, officials said on Tuesday.\n\nMining "
    "companies welcomed the pact between the two neighbours.",
)
# The same day, the same country, another happening.
PENSIONS = (
    "2024-03-04",
    "Andes Courier",
    "Chilean lawmakers reject pension overhaul",
    "SANTIAGO — Chile's lower house voted down the government's pension overhaul on Monday, dealing a blow "
    "to President Gabriel Boric.\n\nOpposition deputies said the plan would raise payroll costs for small "
    "businesses.",
)
FLOODS = (
    "2024-03-05",
    "Delta Times",
    "Floods drive thousands from their homes in Bangladesh",
    "DHAKA — Monsoon floods forced thousands of families from their homes in northern Bangladesh on Tuesday "
    "as rivers burst their banks.\n\nRelief agencies sent boats and food to villages cut off by the water.",
)
# A month later: the same words, a new happening.
LITHIUM_LATER = (
    "2024-04-08",
    "Pampas Herald",
    "Chile and Argentina sign second pact on lithium exports",
    "SANTIAGO — Chile and Argentina signed a second agreement on lithium exports on Monday, extending the "
    "shared surveys of the border salt flats to copper deposits.\n\nThe two governments said mining "
    "companies would ship through Pacific ports with a single customs check.",
)
# A third outlet on the lithium pact, published after the first two were clustered.
LITHIUM_C = (
    "2024-03-06",
    "Southern Ledger",
    "Lithium pact: Chile and Argentina to share salt flat surveys",
    "Mining companies in Chile and Argentina will ship lithium through Pacific ports with one customs "
    "check under the export pact the neighbours signed this week, which also shares surveys of the border "
    "salt flats.",
)


def story_article(spec: tuple[str, str, str, str], **extra: object) -> StoryArticle:
    day, outlet, title, body = spec
    art = make_article(f"{title}\n\n{body}", pub_date=day, title=title, outlet=outlet)
    return StoryArticle(art.id, day, title, art.text, outlet, **extra)  # type: ignore[arg-type]


def article(spec: tuple[str, str, str, str]) -> Article:
    day, outlet, title, body = spec
    return make_article(f"{title}\n\n{body}", pub_date=day, title=title, outlet=outlet)


def groups(stories: list[S.Story], named: dict[str, str]) -> set[frozenset[str]]:
    """Stories as sets of test names (articles not in ``named`` are left out)."""
    return {frozenset(named[a] for a in s.article_ids if a in named) for s in stories} - {frozenset()}


def pair(sims: dict[tuple[str, str], float], x: str, y: str) -> float:
    """The similarity of two articles whichever order the keys hold them in (0 when not compared)."""
    return sims.get((x, y), sims.get((y, x), 0.0))


# -- the pure function ------------------------------------------------------------------------------
def test_same_story_two_outlets_together_other_stories_apart() -> None:
    arts = {n: story_article(spec) for n, spec in
            {"a": LITHIUM_A, "b": LITHIUM_B, "pensions": PENSIONS, "floods": FLOODS,
             "later": LITHIUM_LATER}.items()}  # fmt: skip
    named = {a.id: n for n, a in arts.items()}
    stories = cluster_articles(arts.values())
    print([(s.label, [named[i] for i in s.article_ids]) for s in stories])
    assert groups(stories, named) == {
        frozenset({"a", "b"}),
        frozenset({"pensions"}),
        frozenset({"floods"}),
        frozenset({"later"}),
    }
    pact = next(s for s in stories if len(s.article_ids) == 2)
    assert (pact.first_date, pact.last_date) == ("2024-03-04", "2024-03-05")
    assert pact.id == S.story_id(arts["a"].id)  # the earliest article names the story
    assert pact.label in (LITHIUM_A[2], LITHIUM_B[2])
    sims = similarities(arts.values())
    # the month-later article shares most words with the pact, but is never even compared with it
    assert (arts["a"].id, arts["later"].id) not in sims
    assert sims[(arts["a"].id, arts["b"].id)] >= S.DEFAULT_THRESHOLD
    assert pair(sims, arts["a"].id, arts["pensions"].id) < S.DEFAULT_THRESHOLD


def test_window_days_decides_whether_a_month_later_can_join() -> None:
    a, later = story_article(LITHIUM_A), story_article(LITHIUM_LATER)
    assert len(cluster_articles([a, later])) == 2
    assert [s.article_ids for s in cluster_articles([a, later], window_days=40)] == [[a.id, later.id]]


def test_shared_actors_and_dyads_raise_similarity() -> None:
    ruto = frozenset({"person:william-ruto", "person:hassan-sheikh-mohamud", "country:KEN"})
    plain = [
        story_article(("2024-06-10", "East Wire", "Kenyan and Somali presidents meet in Nairobi",
                       "NAIROBI — Kenya's president hosted his Somali counterpart for talks on border security.")),
        story_article(("2024-06-11", "Coast Post", "Ruto and Mohamud discuss al-Shabaab threat",
                       "The leaders agreed to step up patrols along the border after their meeting.")),
    ]  # fmt: skip
    boosted = [
        StoryArticle(a.id, a.pub_date, a.title, a.text, a.outlet, actors=ruto, dyads=frozenset({"KEN|SOM"}))
        for a in plain
    ]
    key = (plain[0].id, plain[1].id)
    low = 0.04  # a low threshold lowers the floor below which pairs are not kept
    text_only = similarities(plain, threshold=low)[key]
    with_actors = similarities(boosted, threshold=low, dyad_boost=0.0)[key]
    with_both = similarities(boosted, threshold=low)[key]
    assert text_only < with_actors < with_both
    assert with_actors == pytest.approx(text_only + S.DEFAULT_ACTOR_BOOST, abs=1e-6)
    threshold = (text_only + with_both) / 2
    assert len(cluster_articles(plain, threshold=threshold)) == 2
    assert len(cluster_articles(boosted, threshold=threshold)) == 1


def test_average_link_does_not_chain_through_a_bridge() -> None:
    """A bridge article resembling two different stories joins one of them; the stories stay apart."""
    a, pensions = story_article(LITHIUM_A), story_article(PENSIONS)
    bridge = story_article(("2024-03-04", "Andes Courier", "Busy day in Chile's capital",
                            "Chile and Argentina signed a lithium export pact in Santiago as the lower house "
                            "voted down the pension overhaul of President Gabriel Boric."))  # fmt: skip
    sims = similarities([a, pensions, bridge], threshold=0.2)
    # single link would chain all three: the bridge is close enough to each story
    assert pair(sims, a.id, bridge.id) >= 0.2 and pair(sims, pensions.id, bridge.id) >= 0.2
    stories = cluster_articles([a, pensions, bridge], threshold=0.2)
    assert len(stories) == 2
    assert not any({a.id, pensions.id} <= set(s.article_ids) for s in stories)


def test_undated_articles_stand_alone_and_ids_are_deterministic() -> None:
    a, b = story_article(LITHIUM_A), story_article(LITHIUM_B)
    undated = StoryArticle("u1", None, LITHIUM_A[2], a.text)
    first = cluster_articles([a, b, undated])
    second = cluster_articles([undated, b, a, a])  # order and duplicates do not matter
    assert [s.to_dict() for s in first] == [s.to_dict() for s in second]
    assert ["u1"] in [s.article_ids for s in first]
    assert first[-1].first_date is None  # undated stories sort last


def test_terms_and_stopwords() -> None:
    assert S.terms("Officials said on Tuesday that the talks on sanctions went well.") == [
        "talk",
        "sanction",
        "went",
    ]
    assert "said" in S.news_stopwords() and "march" not in S.news_stopwords()
    assert S.lead(None, "One.\n\nTwo.\n\nThree.", lead_chars=5) == "One.\n\nTwo."


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError):
        cluster_articles([], threshold=0.0)
    with pytest.raises(ValueError):
        cluster_articles([], window_days=-1)


# -- the store --------------------------------------------------------------------------------------
def save(store: Store, spec: tuple[str, str, str, str], actors: list[ActorRef] = ()) -> str:  # type: ignore[assignment]
    """Store an analysed article with a mention per actor (and an event between the first two)."""
    art = article(spec)
    mentions = [Mention(0, 1, art.text[:1], "ORG", actor=a, how="name") for a in actors]
    events = []
    if len(actors) >= 2:
        events.append(Event("CONSULT", [actors[0]], [actors[1]], (0, 10), (0, 5)))
    with store.transaction():
        store.save_result(ExtractResult(article=art, mentions=mentions, events=events))
    return art.id


CHL = ActorRef(code="CHL", sector="GOV", name="Chile", actor_id="country:CHL", kind="state")
ARG = ActorRef(code="ARG", sector="GOV", name="Argentina", actor_id="country:ARG", kind="state")


def rows(store: Store) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    c = store.conn
    return (
        [tuple(r) for r in c.execute("SELECT * FROM stories ORDER BY id")],
        [tuple(r) for r in c.execute("SELECT * FROM story_articles ORDER BY story_id, article_id")],
    )


def test_incremental_assignment_and_idempotent_rows(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        a = save(store, LITHIUM_A, [CHL, ARG])
        pensions = save(store, PENSIONS, [CHL])
        first = S.update_stories(store)
        assert (first.assigned, first.new_stories, first.grown_stories) == (2, 2, 0)
        before = rows(store)
        assert S.update_stories(store).assigned == 0  # nothing new: nothing changes
        assert rows(store) == before
        pact_id = S.story_id(a)

        b = save(store, LITHIUM_B, [ARG, CHL])
        floods = save(store, FLOODS)
        second = S.update_stories(store)
        assert (second.assigned, second.new_stories, second.grown_stories) == (2, 1, 1)
        pact = S.get_story(store, pact_id)
        assert pact is not None
        assert [x["id"] for x in pact["articles"]] == [a, b]
        assert (pact["first_date"], pact["last_date"]) == ("2024-03-04", "2024-03-05")
        assert S.get_story(store, S.story_id(pensions))["n_articles"] == 1  # type: ignore[index]
        assert S.get_story(store, S.story_id(floods))["n_articles"] == 1  # type: ignore[index]

        c = save(store, LITHIUM_C, [CHL, ARG])  # a third outlet, a day later still
        later = save(store, LITHIUM_LATER, [CHL, ARG])
        third = S.update_stories(store)
        assert (third.assigned, third.new_stories, third.grown_stories) == (2, 1, 1)
        assert [x["id"] for x in S.get_story(store, pact_id)["articles"]] == [a, b, c]  # type: ignore[index]
        assert S.get_story(store, S.story_id(later))["n_articles"] == 1  # type: ignore[index]

        # every article in exactly one story; a recluster from scratch gives the same rows
        stories_rows, links = rows(store)
        assert sorted(x[1] for x in links) == sorted({a, b, c, pensions, floods, later})
        full = S.recluster_stories(store)
        assert full.dropped_stories == 4 and full.assigned == 6
        assert rows(store) == (stories_rows, links)
        # and so does what cluster_stories computes without writing
        computed = {s.id: s.article_ids for s in S.cluster_stories(store)}
        assert computed == {sid: [x["id"] for x in S.get_story(store, sid)["articles"]]  # type: ignore[index]
                            for sid in computed}  # fmt: skip


def test_recluster_since_keeps_older_stories(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        for spec in (LITHIUM_A, LITHIUM_B, LITHIUM_LATER):
            save(store, spec)
        S.update_stories(store)
        before = rows(store)
        change = S.recluster_stories(store, since="2024-04-01")
        assert (change.dropped_stories, change.assigned, change.new_stories) == (1, 1, 1)
        assert rows(store) == before
        assert S.recluster_stories(store, since="2024-04-01", window_days=60).grown_stories == 1
        assert len(rows(store)[0]) == 1  # the later pact joined the March story


def test_unprocessed_articles_wait_and_deleted_articles_leave_no_empty_story(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        a = save(store, LITHIUM_A)
        with store.transaction():
            store.add_article(article(LITHIUM_B))  # stored, not analysed yet
        assert S.update_stories(store).assigned == 1
        with store.transaction():
            store.conn.execute("DELETE FROM articles WHERE id=?", (a,))
        change = S.update_stories(store)
        assert change.dropped_stories == 1 and store.count("stories") == 0


def test_list_and_get_stories(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        a = save(store, LITHIUM_A, [CHL, ARG])
        save(store, LITHIUM_B, [ARG, CHL])
        save(store, FLOODS)
        save(store, LITHIUM_LATER)
        S.update_stories(store)
        items, total = S.list_stories(store)
        assert total == 3 and [i["n_articles"] for i in items] == [1, 2, 1]  # latest first
        assert [i["last_date"] for i in items] == ["2024-04-08", "2024-03-05", "2024-03-05"]
        multi, n = S.list_stories(store, min_articles=2)
        assert n == 1 and multi[0]["n_outlets"] == 2 and multi[0]["n_events"] == 2
        assert [x["outlet"] for x in multi[0]["articles"]] == ["Andes Courier", "Pampas Herald"]
        assert S.list_stories(store, since="2024-04-01")[1] == 1
        assert S.list_stories(store, until="2024-03")[1] == 2
        assert S.list_stories(store, limit=1)[0][0]["last_date"] == "2024-04-08"
        sid = S.story_id(a)
        story = S.get_story(store, sid[:6])
        assert story is not None and story["id"] == sid
        assert story["event_types"] == {"CONSULT": 2}
        assert {x["actor_id"] for x in story["actors"]} == {"country:CHL", "country:ARG"}
        assert S.get_story(store, "zzzz") is None and S.get_story(store, "") is None


# -- the command ------------------------------------------------------------------------------------
def test_stories_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    with Store.open(db) as store:
        a = save(store, LITHIUM_A, [CHL, ARG])
        save(store, LITHIUM_B, [ARG, CHL])
        save(store, FLOODS)
    assert main(["stories", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert "3 articles assigned, 2 new stories" in err
    assert "2 articles, 2 outlets, 2 events" in out and "Pampas Herald" in out
    assert "1 stories of fewer than 2 articles not shown" in out
    assert main(["stories", "--db", db, "--json", "--min-articles", "1"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(listed) == 2 and {x["n_articles"] for x in listed} == {1, 2}
    sid = S.story_id(a)
    assert main(["stories", "--db", db, "--id", sid[:8]]) == 0
    out = capsys.readouterr().out
    assert sid in out and "events: CONSULT 2" in out and "Chile" in out
    assert main(["stories", "--db", db, "--id", sid, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["n_articles"] == 2
    assert main(["stories", "--db", db, "--recluster"]) == 0
    assert "2 dropped" in capsys.readouterr().err
    assert main(["stories", "--db", db, "--id", "nope"]) == 1
    assert "E702" in capsys.readouterr().err
    assert main(["stories", "--db", db, "--since", "someday"]) == 1
    assert "E700" in capsys.readouterr().err
    assert main(["stories", "--db", str(tmp_path / "missing.db")]) == 1
