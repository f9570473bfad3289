"""A small real SQLite store for the read-side, API and web tests.

Hand-made ExtractResults (events and quotes written here, with offsets found in the text) stand in for
coder output, which is still being built: they are test data for the web layer, not for the coders. One
article is hostile (script tags and event handlers in its title and body) for the escaping tests. A few
more articles go through the real pipeline so the store also holds what the coders produce today.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from eventwire.ingest.normalise import article_id, make_article
from eventwire.records import ActorRef, Article, Event, ExtractResult, Mention, Quote, Sentence
from eventwire.store import Store

PUTIN = ActorRef("RUS", "GOV", "Vladimir Putin", "person:vladimir-putin", "person")
LAVROV = ActorRef("RUS", "GOV", "Sergey Lavrov", "person:sergey-lavrov", "person")
BLINKEN = ActorRef("USA", "GOV", "Antony Blinken", "person:antony-blinken", "person")
NATO = ActorRef("NATO", "IGO", "NATO", "igo:nato", "igo")
USA = ActorRef("USA", "GOV", None, None, "state")
RUS_MIL = ActorRef("RUS", "MIL", None, None, "group")
UKR_MIL = ActorRef("UKR", "MIL", None, None, "group")

# A knowledge-base row as the actor layer stores it (offices with date ranges).
BLINKEN_KB = {
    "actor_id": "person:antony-blinken", "name": "Antony Blinken", "kind": "person", "code": "USA",
    "sector": "GOV", "aliases": ["Tony Blinken"],
    "offices": [
        {"code": "USA", "sector": "GOV", "office": "deputy_foreign_minister", "title": "Deputy Secretary of State",
         "start": "2015-01-09", "end": "2017-01-20"},
        {"code": "USA", "sector": "GOV", "office": "foreign_minister", "title": "Secretary of State",
         "start": "2021-01-26", "end": "2025-01-20"},
    ],
}  # fmt: skip

XSS_TITLE = "<b onmouseover=alert(1)>Hostile headline</b>"
XSS_TEXT = (
    "Protesters gathered outside the ministry. <script>window.__xss = 1; alert('xss')</script> "
    'Officials said <img src=x onerror="window.__xss = 2"> the rally was peaceful.\n\n'
    'Lavrov accused NATO of ignoring Moscow. "We will not accept <iframe src=javascript:alert(3)>," '
    "Lavrov said."
)

ARTICLES = [
    (
        "2022-02-02",
        "Putin accuses NATO of ignoring Russia's security concerns",
        "Russian President Vladimir Putin accused NATO and the United States of ignoring Moscow's security "
        'concerns on Tuesday. "Russia\'s fundamental concerns were ignored," Putin said.\n\n'
        "Secretary of State Antony Blinken spoke by phone with Sergey Lavrov on Tuesday. Blinken said "
        "Washington remained open to dialogue.\n\n"
        "Moscow warned of reprisals if sanctions were imposed.",
    ),
    (
        "2022-02-24",
        "Russian troops attack Ukraine",
        "Russian troops shelled Ukrainian positions near Kharkiv on Thursday. The United States imposed "
        'sanctions on Russia. "This is a premeditated attack," Blinken said.',
    ),
    (
        "2022-03-10",
        "Lavrov and Kuleba meet in Antalya",
        "Sergey Lavrov met Dmytro Kuleba in Antalya on Thursday. Lavrov said Russia was ready to talk.",
    ),
]


def span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    """Offsets of ``needle`` in ``text`` (first occurrence at or after ``start``)."""
    i = text.index(needle, start)
    return (i, i + len(needle))


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    """The naive sentence (between '. ' / paragraph breaks) around ``pos``."""
    starts = [0] + [i + 2 for i in range(len(text)) if text[i : i + 2] in (". ", ".\n", "\n\n")]
    start = max(s for s in starts if s <= pos)
    ends = [i + 1 for i in range(pos, len(text)) if text[i] == "." or text[i] == "\n"]
    return (start, ends[0] if ends else len(text))


def event(text: str, trigger: str, type_: str, quad: int, gold: float, src: list[ActorRef],
          tgt: list[ActorRef], date: str, *, cameo: str, rule: str = "test:hand-made",
          source_words: tuple[str, ...] = (), target_words: tuple[str, ...] = (), **flags: bool) -> Event:  # fmt: skip
    """A hand-made event on the first occurrence of ``trigger``; ``source_words``/``target_words`` are the
    words naming its actors, found in its sentence."""
    t = span(text, trigger)
    sent = sentence_of(text, t[0])
    return Event(
        type=type_, source=src, target=tgt, sentence_span=sent, trigger_span=t,
        cameo=cameo, quad_class=quad, goldstein=gold, event_date=date, confidence=0.8, rule=rule,
        trigger=trigger, source_spans=[span(text, w, sent[0]) for w in source_words],
        target_spans=[span(text, w, sent[0]) for w in target_words], **flags,
    )  # fmt: skip


def quote(text: str, words: str, speaker: ActorRef, speaker_text: str, kind: str = "direct") -> Quote:
    c = span(text, words)
    # the speaker named after the quote, else the nearest naming before it
    s = (
        span(text, speaker_text, c[1])
        if text.find(speaker_text, c[1]) >= 0
        else span(text, speaker_text, text.rindex(speaker_text, 0, c[0]))
    )
    return Quote(kind=kind, content_span=c, text=words, speaker=speaker, speaker_span=s,
                 speaker_text=speaker_text, cue="said", confidence=0.9, rule="test:hand-made")  # fmt: skip


def mentions(text: str, names: list[tuple[str, ActorRef | None]]) -> list[Mention]:
    out = []
    for needle, ref in names:
        pos = 0
        while (i := text.find(needle, pos)) >= 0:
            out.append(Mention(i, i + len(needle), needle, "PERSON" if ref and ref.kind == "person" else "ORG",
                               ref, "name" if ref else "unresolved"))  # fmt: skip
            pos = i + len(needle)
    return out


def hand_made() -> list[ExtractResult]:
    """The hand-made articles with their events, quotes and mentions."""
    results = []
    (d1, t1, x1), (d2, t2, x2), (d3, t3, x3) = ARTICLES
    a1 = make_article(x1, pub_date=d1, title=t1)
    a1.outlet = "Test Wire"
    x1 = a1.text
    r1 = ExtractResult(a1, sentences=[Sentence(*sentence_of(x1, 0))])
    r1.events = [
        event(
            x1,
            "accused",
            "ACCUSE",
            3,
            -2.0,
            [PUTIN],
            [NATO, USA],
            "2022-02-01",
            cameo="111",
            source_words=("Vladimir Putin",),
            target_words=("NATO", "the United States"),
        ),  # fmt: skip
        event(x1, "spoke by phone", "CONSULT", 1, 1.0, [BLINKEN], [LAVROV], "2022-02-01", cameo="040"),
        event(
            x1,
            "warned of reprisals",
            "THREATEN",
            3,
            -4.0,
            [ActorRef("RUS", "GOV")],
            [USA],
            "2022-02-02",
            cameo="130",
        ),  # fmt: skip
        event(
            x1,
            "sanctions were imposed",
            "SANCTION",
            4,
            -4.0,
            [USA],
            [ActorRef("RUS", "GOV")],
            "2022-02-02",
            cameo="163",
            hypothetical=True,
        ),  # fmt: skip
    ]
    r1.quotes = [
        quote(x1, "Russia's fundamental concerns were ignored", PUTIN, "Putin"),
        quote(x1, "Washington remained open to dialogue", BLINKEN, "Blinken", kind="indirect"),
    ]
    r1.mentions = mentions(x1, [("Vladimir Putin", PUTIN), ("NATO", NATO), ("Antony Blinken", BLINKEN),
                                ("Sergey Lavrov", LAVROV), ("Moscow", None)])  # fmt: skip
    results.append(r1)

    a2 = make_article(x2, pub_date=d2, title=t2)
    x2 = a2.text
    r2 = ExtractResult(a2, sentences=[Sentence(*sentence_of(x2, 0))])
    r2.events = [
        event(
            x2,
            "shelled",
            "ASSAULT",
            4,
            -10.0,
            [RUS_MIL],
            [UKR_MIL],
            "2022-02-24",
            cameo="195",
            source_words=("Russian troops",),
            target_words=("Ukrainian positions",),
        ),  # fmt: skip
        event(
            x2,
            "imposed sanctions",
            "SANCTION",
            4,
            -4.0,
            [USA],
            [ActorRef("RUS", "GOV")],
            "2022-02-24",
            cameo="163",
        ),  # fmt: skip
    ]
    r2.quotes = [quote(x2, "This is a premeditated attack", BLINKEN, "Blinken")]
    results.append(r2)

    a3 = make_article(x3, pub_date=d3, title=t3)
    x3 = a3.text
    r3 = ExtractResult(a3)
    r3.events = [
        event(
            x3,
            "met",
            "CONSULT",
            1,
            1.0,
            [LAVROV],
            [ActorRef("UKR", "GOV", "Dmytro Kuleba")],
            "2022-03-10",
            cameo="043",
        ),  # fmt: skip
        event(
            x3,
            "ready to talk",
            "AGREE",
            1,
            4.0,
            [ActorRef("RUS", "GOV")],
            [ActorRef("UKR", "GOV", "Ukraine", "country:UKR", "state")],
            "2022-03-10",
            cameo="036",
        ),  # fmt: skip
    ]
    results.append(r3)

    # Built directly (no normalisation) so the tags survive: the store must hold and the web must escape them.
    xss = Article(id=article_id(XSS_TEXT), text=XSS_TEXT, title=XSS_TITLE, pub_date="2022-02-03",
                  outlet="<i>Evil Outlet</i>", url="javascript:alert(4)")  # fmt: skip
    rx = ExtractResult(xss)
    rx.events = [event(XSS_TEXT, "accused", "ACCUSE", 3, -2.0, [LAVROV], [NATO], "2022-02-03", cameo="111",
                       rule="<script>alert('rule')</script>", source_words=("Lavrov",),
                       target_words=("NATO",))]  # fmt: skip
    rx.quotes = [quote(XSS_TEXT, "We will not accept <iframe src=javascript:alert(3)>", LAVROV, "Lavrov")]
    rx.mentions = mentions(XSS_TEXT, [("Lavrov", LAVROV), ("NATO", NATO)])
    results.append(rx)
    return results


# Real pipeline output, kept apart from the hand-made records (other actors, 2019) so that counts over
# the hand-made ones hold whatever the coders find here.
PIPELINE_TEXTS = [
    ("2019-07-05", "Japan and South Korea held talks in Tokyo on Friday. Seoul said the talks were useful."),
    ("2019-07-08", "Protesters rallied in Lima on Monday. Police detained dozens of demonstrators."),
]


def build_store(path: Path, *, pipeline: bool = True) -> Path:
    """Write the test store to ``path`` and return it."""
    with Store.open(path) as store, store.transaction():
        for r in hand_made():
            store.save_result(r)
        store.upsert_actors([BLINKEN_KB])
        if pipeline:
            from eventwire.pipeline import Pipeline

            pipe = Pipeline()
            arts = [make_article(t, pub_date=d, title=f"Pipeline article {i}") for i, (d, t) in
                    enumerate(PIPELINE_TEXTS)]  # fmt: skip
            for res in pipe.process(arts):
                store.save_result(res)
    return path


@contextmanager
def running_server(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yields the base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


SAMPLES = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "samples"


def build_demo(path: Path) -> Path | None:
    """The bundled sample corpus through ``eventwire demo`` (the real CLI and pipeline); None without it."""
    if not any(SAMPLES.glob("*.txt")):
        return None
    from eventwire.cli import main

    if main(["demo", "--db", str(path)]) != 0:
        raise RuntimeError("eventwire demo failed")
    return path


class Markup(HTMLParser):
    """Collects every start tag with its attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.script_text.append(data)


def parse(html: str) -> Markup:
    m = Markup()
    m.feed(html)
    return m


def assert_inert(html: str) -> None:
    """Only our own scripts, no event-handler attributes, no injected elements or javascript: links."""
    m = parse(html)
    assert m.script_text == []
    for tag, attrs in m.tags:
        assert tag not in ("iframe", "img", "object", "embed"), tag
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
