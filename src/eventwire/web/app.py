"""The FastAPI application: JSON API under ``/api`` and server-rendered pages, both over
:mod:`eventwire.store.queries` on a read-only SQLite connection per worker thread.

Security: article text is untrusted, so pages are Jinja2 templates with autoescape on and a strict
Content-Security-Policy (scripts only from ``/static``); SQL is parameterised in the query module; request
bodies, query strings and page sizes are capped; the only write endpoint (``POST /api/ingest``) exists only
when the app is built with ``allow_ingest`` and a token, and demands ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import Body, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from eventwire import __version__
from eventwire.records import PLOVER_TYPES
from eventwire.store import Store
from eventwire.store import queries as Q
from eventwire.web import _render

HERE = Path(__file__).parent
MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_QUERY_STRING = 4096
MAX_INGEST_ARTICLES = 100
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


# Query parameter types shared by the API and the pages.
Limit = Annotated[int, Query(ge=0, le=Q.MAX_PAGE, description=f"page size (at most {Q.MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
Date = Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")]


@dataclass(frozen=True)
class WebConfig:
    """How the app runs: the database, and whether (with which token) ``POST /api/ingest`` is allowed."""

    db: str
    allow_ingest: bool = False
    token: str | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    # Host headers to accept (None: any). A loopback server should accept only loopback names, so that a
    # web page cannot reach it through DNS rebinding.
    allowed_hosts: tuple[str, ...] | None = None


class _Guard:
    """ASGI middleware: caps query strings and request bodies (declared or streamed), adds security
    headers to every response."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        if len(scope.get("query_string", b"")) > MAX_QUERY_STRING:
            await _send_json(send_with_headers, 414, "query string too long")
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _send_json(send_with_headers, 413, f"request body over {self.max_body} bytes")
            return
        seen = 0

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, f"request body over {self.max_body} bytes")
            return message

        await self.app(scope, counted_receive, send_with_headers)


async def _send_json(send: Send, status: int, error: str) -> None:
    body = JSONResponse({"error": error}).body
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


class _Stores:
    """One read-only connection per worker thread (sqlite3 connections are not for sharing)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Store] = []

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.path, readonly=True)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for s in self._all:
                s.close()
            self._all.clear()


class _Ingest:
    """The optional write side: one writable store and a lazily loaded pipeline behind a lock."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._pipeline: Any = None

    def run(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        from eventwire.ingest.normalise import make_article
        from eventwire.pipeline import Pipeline

        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline()
            articles = [
                make_article(
                    d["text"],
                    pub_date=d.get("pub_date"),
                    title=d.get("title"),
                    url=d.get("url"),
                    outlet=d.get("outlet"),
                )  # fmt: skip
                for d in docs
            ]
            out = []
            with Store.open(self.path) as store, store.transaction():
                for res in self._pipeline.process(articles):
                    new = not store.has_article(res.article.id)
                    store.save_result(res)
                    out.append({"id": res.article.id, "new": new, "events": len(res.events),
                                "quotes": len(res.quotes), "mentions": len(res.mentions)})  # fmt: skip
            return out


# -- templates --------------------------------------------------------------------------------------
def _pathq(value: Any) -> str:
    """A value quoted for use as one URL path segment."""
    return quote(str(value), safe="")


def _actor_href(ref: dict[str, Any] | None) -> str | None:
    """Page of an actor reference: its KB id when named, else its code."""
    if not ref:
        return None
    key = ref.get("actor_id") or ref.get("code")
    if key and key.startswith("country:") and ref.get("code"):
        key = ref["code"]  # a state's page is its code's page
    return f"/actors/{_pathq(key)}" if key else None


def _actor_label(ref: dict[str, Any] | None) -> str:
    if not ref:
        return "?"
    name = ref.get("name")
    tag = " ".join(x for x in (ref.get("code"), ref.get("sector")) if x)
    if name and tag:
        return f"{name} ({tag})"
    return name or tag or "?"


def _qs(params: dict[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes`` applied (None drops a key)."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", False)})


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pathq"] = _pathq
    env.filters["actor_href"] = _actor_href
    env.filters["actor_label"] = _actor_label
    env.globals.update(version=__version__, qs=_qs, plover_types=PLOVER_TYPES,
                       quad_names={1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
                                   4: "material conflict"})  # fmt: skip
    return env


# -- the app ----------------------------------------------------------------------------------------
def create_app(db: str | Path | WebConfig, **options: Any) -> FastAPI:
    """Build the app over an existing SQLite database (``create_app("x.db", allow_ingest=True, token=T)``)."""
    config = db if isinstance(db, WebConfig) else WebConfig(db=str(db), **options)
    if not Path(config.db).exists():
        raise FileNotFoundError(config.db)
    if config.allow_ingest and not config.token:
        raise ValueError("allow_ingest needs a token")
    stores = _Stores(config.db)
    env = _env()
    app = FastAPI(
        title="EventWire API",
        version=__version__,
        description="Events (PLOVER/CAMEO), quotes and actors extracted from news articles. Read-only unless "
        'started with --allow-ingest. Lists answer {"items": [...], "total": n}; errors {"error": msg}.',
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.add_middleware(_Guard, max_body=config.max_body_bytes)
    if config.allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.config = config
    app.state.stores = stores
    app.router.on_shutdown.append(stores.close)

    def store() -> Store:
        return stores.get()

    def page(name: str, request: Request, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = env.get_template(name).render(request=request, path=request.url.path, **ctx)
        return HTMLResponse(html, status_code=status)

    def not_found(kind: str, key: str) -> HTTPException:
        return HTTPException(404, f"no {kind} {key!r}")

    # -- errors: JSON under /api, an HTML page elsewhere --------------------------------------------
    def error_response(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": message}, status_code=status)
        return page("error.html", request, status=status, status_code=status, message=message)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(Q.QueryError)
    async def _query_error(request: Request, exc: Q.QueryError) -> Response:
        return error_response(request, 400, exc.message)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        return error_response(request, 500, f"internal error ({type(exc).__name__})")

    def listing(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
        return {"items": items, "total": total, "limit": limit, "offset": offset}

    # -- API ------------------------------------------------------------------------------------------
    @app.get("/api/articles", tags=["articles"], summary="List or full-text search articles")
    def api_articles(
        q: Annotated[str | None, Query(description='full-text query: words, "phrases", prefix*')] = None,
        since: Date = None,
        until: Date = None,
        outlet: str | None = None,
        limit: Limit = Q.DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        items, total = Q.list_articles(store(), q, since=since, until=until, outlet=outlet, limit=limit,
                                       offset=offset)  # fmt: skip
        return listing(items, total, limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"],
             summary="One article with sentences, mentions, events and quotes (offsets into text)")  # fmt: skip
    def api_article(article_id: str) -> dict[str, Any]:
        art = Q.get_article(store(), article_id)
        if art is None:
            raise not_found("article", article_id)
        return art

    @app.get("/api/events", tags=["events"], summary="Filter events")
    def api_events(
        actor: Annotated[str | None, Query(description="actor id, code or name")] = None,
        role: Annotated[str | None, Query(pattern="^(source|target)$")] = None,
        dyad: Annotated[str | None, Query(description="two actors 'A,B' (either direction)")] = None,
        directed: bool = False,
        type: Annotated[str | None, Query(description="PLOVER type(s), comma-separated")] = None,
        quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
        since: Date = None,
        until: Date = None,
        article: str | None = None,
        text: Annotated[
            str | None, Query(description="words that must all be in the event's sentence")
        ] = None,
        include_flagged: bool = False,
        limit: Limit = Q.DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        pair = _dyad(dyad)
        items, total = Q.list_events(
            store(), actor, role=role, dyad=pair, directed=directed, type=type, quad_class=quad_class,
            since=since, until=until, article=article, text=text, include_flagged=include_flagged,
            limit=limit, offset=offset,
        )  # fmt: skip
        return listing(items, total, limit, offset)

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event",
             description="The event record: type, mode, CAMEO, actors, dates, flags, `sentence_span` and "
             "`trigger_span`, and `source_spans`/`target_spans`: [start, end] offsets into the article text "
             "of the words naming the source and target actors (empty when an actor came from context, or "
             "for events stored before records carried them).")  # fmt: skip
    def api_event(event_id: str) -> dict[str, Any]:
        ev = Q.get_event(store(), event_id)
        if ev is None:
            raise not_found("event", event_id)
        return ev

    @app.get("/api/quotes", tags=["quotes"], summary="Filter or full-text search quotes")
    def api_quotes(
        speaker: Annotated[str | None, Query(description="actor id, code or name")] = None,
        q: Annotated[str | None, Query(description="full-text query over quoted words and speaker")] = None,
        article: str | None = None,
        kind: Annotated[str | None, Query(pattern="^(direct|indirect|mixed)$")] = None,
        limit: Limit = Q.DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        items, total = Q.list_quotes(
            store(), speaker, q, article=article, kind=kind, limit=limit, offset=offset
        )
        return listing(items, total, limit, offset)

    @app.get("/api/quotes/{quote_id}", tags=["quotes"], summary="One quote")
    def api_quote(quote_id: str) -> dict[str, Any]:
        item = Q.get_quote(store(), quote_id)
        if item is None:
            raise not_found("quote", quote_id)
        return item

    @app.get("/api/actors", tags=["actors"], summary="Actors seen in events, mentions and quotes")
    def api_actors(
        q: Annotated[str | None, Query(description="id, code or name contains")] = None,
        limit: Limit = Q.DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        items, total = Q.list_actors(store(), q, limit=limit, offset=offset)
        return listing(items, total, limit, offset)

    @app.get("/api/actors/{actor}", tags=["actors"],
             summary="One actor: offices, events as source and target, counterparts, quotes")  # fmt: skip
    def api_actor(actor: str, at: Date = None) -> dict[str, Any]:
        item = Q.get_actor(store(), actor, at=at)
        if item is None:
            raise not_found("actor", actor)
        return item

    @app.get("/api/dyads/{a}/{b}", tags=["analysis"],
             summary="Events between two actors per day/week/month: counts per type, Goldstein sum")  # fmt: skip
    def api_dyad(
        a: str,
        b: str,
        interval: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
        since: Date = None,
        until: Date = None,
        directed: bool = False,
    ) -> dict[str, Any]:
        return Q.dyad_series(store(), a, b, interval, since=since, until=until, directed=directed)

    @app.get("/api/network", tags=["analysis"], summary="Who acts on whom, weighted by event counts")
    def api_network(
        since: Date = None,
        until: Date = None,
        min_count: Annotated[int, Query(ge=1)] = 1,
        level: Annotated[str, Query(pattern="^(code|actor)$")] = "code",
        type: str | None = None,
        limit: Annotated[int, Query(ge=1, le=5 * Q.MAX_PAGE)] = 300,
    ) -> dict[str, Any]:
        return Q.network(store(), since=since, until=until, min_count=min_count, level=level, type=type,
                         limit=limit)  # fmt: skip

    @app.get("/api/stats", tags=["analysis"], summary="Counts and date ranges")
    def api_stats() -> dict[str, Any]:
        return Q.stats(store())

    if config.allow_ingest:
        ingest = _Ingest(config.db)
        token = config.token or ""

        @app.post("/api/ingest", tags=["ingest"],
                  summary="Extract and store articles (only with --allow-ingest; needs the bearer token)")  # fmt: skip
        def api_ingest(
            payload: Annotated[
                dict[str, Any],
                Body(description='{"articles": [{"text", "pub_date", ...}]} or one article object'),
            ],  # fmt: skip
            authorization: Annotated[str | None, Header()] = None,
        ) -> dict[str, Any]:
            given = (authorization or "").removeprefix("Bearer ").strip()
            if (
                not authorization
                or not authorization.startswith("Bearer ")
                or not hmac.compare_digest(given.encode(), token.encode())
            ):
                raise HTTPException(401, "missing or wrong bearer token")
            docs = payload.get("articles") if "articles" in payload else [payload]
            if not isinstance(docs, list) or not docs:
                raise HTTPException(400, "give 'articles': a non-empty list, or one article with 'text'")
            if len(docs) > MAX_INGEST_ARTICLES:
                raise HTTPException(413, f"at most {MAX_INGEST_ARTICLES} articles per request")
            for d in docs:
                if not isinstance(d, dict) or not isinstance(d.get("text"), str) or not d["text"].strip():
                    raise HTTPException(400, "every article needs a non-empty 'text'")
                for key in ("pub_date", "title", "url", "outlet"):
                    if d.get(key) is not None and not isinstance(d[key], str):
                        raise HTTPException(400, f"'{key}' must be a string")
                Q._date(d.get("pub_date"), "pub_date")
            items = ingest.run(docs)
            return {"items": items, "total": len(items)}

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> HTMLResponse:
        return page("apidocs.html", request, spec=app.openapi())

    @app.get("/api", include_in_schema=False)
    def api_root() -> RedirectResponse:
        return RedirectResponse("/api/docs")

    # -- pages ----------------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    def home(
        request: Request,
        q: str | None = None,
        type: str | None = None,
        since: Date = None,
        until: Date = None,
    ) -> HTMLResponse:
        s = store()
        ctx: dict[str, Any] = {"q": q or "", "type": type or "", "since": since or "", "until": until or ""}
        if q or type or since or until:
            if q:
                ctx["articles"] = Q.list_articles(s, q, since=since, until=until, limit=20)
                ctx["quotes"] = Q.list_quotes(s, q=q, limit=20)
                ctx["actors"] = Q.list_actors(s, q, limit=12)
            ctx["events"] = Q.list_events(s, type=type or None, since=since, until=until, text=q or None,
                                          limit=30)  # fmt: skip
        else:
            ctx["stats"] = Q.stats(s)
            ctx["recent"] = Q.list_articles(s, limit=15)
            ctx["top_actors"] = Q.list_actors(s, limit=16)
            ctx["top_edges"] = Q.network(s, limit=8)["edges"]
        return page("index.html", request, **ctx)

    @app.get("/articles/{article_id}", include_in_schema=False, response_class=HTMLResponse)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        art = Q.get_article(store(), article_id)
        if art is None:
            raise not_found("article", article_id)
        segments = _render.highlight(art["text"], art["events"], art["quotes"], art["mentions"])
        return page("article.html", request, art=art, segments=segments)

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(event_id: str) -> RedirectResponse:
        ev = Q.get_event(store(), event_id)
        if ev is None:
            raise not_found("event", event_id)
        return RedirectResponse(f"/articles/{_pathq(ev['article_id'])}#{_pathq(ev['id'])}", status_code=303)

    @app.get("/quotes/{quote_id}", include_in_schema=False)
    def quote_page(quote_id: str) -> RedirectResponse:
        item = Q.get_quote(store(), quote_id)
        if item is None:
            raise not_found("quote", quote_id)
        return RedirectResponse(
            f"/articles/{_pathq(item['article_id'])}#{_pathq(item['id'])}", status_code=303
        )

    @app.get("/actors/{actor}", include_in_schema=False, response_class=HTMLResponse)
    def actor_page(request: Request, actor: str, at: Date = None) -> HTMLResponse:
        item = Q.get_actor(store(), actor, at=at, limit=50)
        if item is None:
            raise not_found("actor", actor)
        empty = {"as_source": 0, "as_target": 0, "cooperation": 0, "conflict": 0}
        chart = _render.updown_chart(_render.fill_periods(item["timeline"], "month", empty), "as_source",
                                     "as_target")  # fmt: skip
        return page("actor.html", request, actor=item, chart=chart)

    @app.get("/dyads/{a}/{b}", include_in_schema=False, response_class=HTMLResponse)
    def dyad_page(
        request: Request,
        a: str,
        b: str,
        interval: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
        since: Date = None,
        until: Date = None,
        period: str | None = None,
        offset: Offset = 0,
    ) -> HTMLResponse:
        s = store()
        series = Q.dyad_series(s, a, b, interval, since=since, until=until)
        empty = {"counts": {}, "total": 0, "goldstein": 0.0, "cooperation": 0, "conflict": 0}
        filled = _render.fill_periods(series["periods"], interval, empty)
        chart = _render.updown_chart(filled, "cooperation", "conflict", "goldstein")
        chosen = next((p for p in series["periods"] if p["period"] == period), None)
        ev_since, ev_until = (chosen["since"], chosen["until"]) if chosen else (since, until)
        events = Q.list_events(s, dyad=(a, b), since=ev_since, until=ev_until, limit=100, offset=offset)
        names = {k: Q.actor_name(s, k) for k in (a, b)}
        params = {"interval": interval, "since": since, "until": until}

        def bar_href(bar: dict[str, Any]) -> str:
            return "?" + _qs(params, period=bar["period"]) + "#events"

        return page("dyad.html", request, a=a, b=b, names=names, series=series, chart=chart, chosen=chosen,
                    period=period, events=events, params=params, offset=offset, bar_href=bar_href)  # fmt: skip

    @app.get("/network", include_in_schema=False, response_class=HTMLResponse)
    def network_page(
        request: Request,
        since: Date = None,
        until: Date = None,
        min_count: Annotated[int, Query(ge=1)] = 1,
        level: Annotated[str, Query(pattern="^(code|actor)$")] = "code",
        type: str | None = None,
    ) -> HTMLResponse:
        net = Q.network(store(), since=since, until=until, min_count=min_count, level=level, type=type,
                        limit=200)  # fmt: skip
        params = {"since": since, "until": until, "min_count": min_count, "level": level, "type": type}
        return page("network.html", request, net=net, params=params)

    return app


def _dyad(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise Q.QueryError("dyad must be two actors separated by a comma, e.g. RUS,USA")
    return (parts[0], parts[1])
