"""Bounded load test of the HTTP API on a synthetic store of 100,000 events (loopback only).

Builds a store with generated articles (five events and one quote each, actors drawn from a fixed pool,
dates over 2018-2024) by inserting rows directly with executemany, starts ``eventwire serve`` on a free
127.0.0.1 port as a subprocess, then for each main API query sends a bounded number of requests (with
varied parameters) and reports p50/p99 latency and requests per second; a final mixed phase runs several
client threads at once. Every phase stops after ``--requests`` requests or ``--seconds`` seconds,
whichever comes first, and the server is stopped at the end.

    .venv/bin/python bench/api_load.py                    # 100,000 events, 200 requests per query
    .venv/bin/python bench/api_load.py --events 20000 --requests 50 --db /tmp/small.db
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from eventwire.store import Store

EVENTS_PER_ARTICLE = 5
CODES = [
    "RUS", "USA", "UKR", "CHN", "DEU", "FRA", "GBR", "TUR", "IRN", "ISR", "PSE", "SYR", "IND", "PAK", "JPN",
    "KOR", "PRK", "SAU", "EGY", "POL", "BLR", "SDN", "ETH", "NGA", "BRA", "VEN", "NATO", "EU", "UN", "AU",
]  # fmt: skip
SECTORS = ["GOV", "MIL", "GOV", "GOV", "LEG", "REB", "CVL", "COP"]
# PLOVER type -> (verb phrase, quad class, Goldstein, CAMEO)
TYPES = {
    "AGREE": ("agreed to talks with", 1, 3.0, "030"), "CONSULT": ("met", 1, 1.0, "040"),
    "SUPPORT": ("praised", 1, 3.5, "051"), "CONCEDE": ("eased restrictions on", 2, 5.0, "081"),
    "COOPERATE": ("shared intelligence with", 2, 6.0, "062"), "AID": ("sent aid to", 2, 7.0, "070"),
    "RETREAT": ("withdrew troops from the border with", 2, 6.0, "087"), "REQUEST": ("urged", 1, -2.0, "020"),
    "ACCUSE": ("accused", 3, -2.0, "112"), "REJECT": ("rejected demands from", 3, -4.0, "120"),
    "THREATEN": ("threatened", 3, -6.0, "130"), "PROTEST": ("protested against", 4, -6.5, "140"),
    "SANCTION": ("imposed sanctions on", 4, -4.0, "163"), "MOBILIZE": ("massed troops near", 4, -7.2, "150"),
    "COERCE": ("detained citizens of", 4, -9.0, "173"), "ASSAULT": ("shelled positions held by", 4, -10.0, "190"),
}  # fmt: skip
TOPICS = ["the border dispute", "gas supplies", "the ceasefire", "nuclear talks", "grain exports", "refugees",
          "the election", "military exercises", "trade tariffs", "the peace plan"]  # fmt: skip
SURNAMES = ["Ivanov", "Smith", "Kovalenko", "Wang", "Muller", "Dubois", "Taylor", "Yilmaz", "Ahmadi", "Cohen",
            "Haddad", "Singh", "Khan", "Tanaka", "Kim", "Silva", "Okafor", "Novak", "Garcia", "Nowak"]  # fmt: skip
FIRST = ["Anna", "Boris", "Chen", "David", "Elena", "Farid", "Grace", "Hassan", "Irina", "James"]


def build_store(path: Path, n_events: int, seed: int = 7) -> dict[str, Any]:
    """Write the synthetic store; returns the pools the load phase draws parameters from."""
    rng = random.Random(seed)
    people = []
    for i in range(300):
        code = CODES[i % len(CODES)]
        name = f"{FIRST[i % len(FIRST)]} {SURNAMES[(i * 7) % len(SURNAMES)]}-{i}"
        people.append({"actor_id": f"person:bench-{i}", "name": name, "code": code, "sector": "GOV"})
    weights = [1.0 / (1 + i) ** 0.8 for i in range(len(CODES))]  # a few busy countries, a long tail
    start = date(2018, 1, 1)
    n_articles = max(1, n_events // EVENTS_PER_ARTICLE)
    if path.exists():
        path.unlink()
    t0 = time.perf_counter()
    with Store.open(path) as store, store.transaction():
        c = store.conn
        arts, sents, mentions, events, eas, quotes = [], [], [], [], [], []

        def actor() -> dict[str, Any]:
            if rng.random() < 0.35:
                return dict(rng.choice(people), kind="person")
            code = rng.choices(CODES, weights)[0]
            return {"actor_id": None, "name": None, "code": code, "sector": rng.choice(SECTORS), "kind": None}

        for a in range(n_articles):
            day = start + timedelta(days=rng.randrange(7 * 365))
            aid = f"{a:016x}" + "b" * 48
            parts: list[str] = []
            pos = 0
            for k in range(EVENTS_PER_ARTICLE):
                etype = rng.choice(list(TYPES))
                verb, quad, gold, cameo = TYPES[etype]
                src, tgt = actor(), actor()
                while tgt["code"] == src["code"]:
                    tgt = actor()
                s_txt = src["name"] or f"{src['code']} {src['sector']} officials"
                t_txt = tgt["name"] or f"{tgt['code']} {tgt['sector']} officials"
                sentence = f"{s_txt} {verb} {t_txt} over {rng.choice(TOPICS)}."
                s0 = pos
                trig0 = s0 + len(s_txt) + 1
                flags = (int(rng.random() < 0.03), int(rng.random() < 0.03), int(rng.random() < 0.03))
                ev_date = (day - timedelta(days=rng.choice([0, 0, 0, 1, 2]))).isoformat()
                record = {
                    "type": etype, "mode": None, "context": None, "cameo": cameo, "quad_class": quad,
                    "goldstein": gold, "source": [src], "target": [tgt], "event_date": ev_date,
                    "date_basis": "pub_date", "negated": bool(flags[0]), "hypothetical": bool(flags[1]),
                    "future": bool(flags[2]), "reported_by": None, "location": None, "confidence": 0.7,
                    "sentence_span": [s0, s0 + len(sentence)], "trigger_span": [trig0, trig0 + len(verb)],
                    "trigger": verb, "rule": "bench:synthetic",
                }  # fmt: skip
                eid = f"{aid[:16]}-e{k}"
                events.append((
                    eid, aid, etype, cameo, quad, gold, ev_date, *flags, int(any(flags)),
                    src["code"], src["sector"], src["name"], src["actor_id"],
                    tgt["code"], tgt["sector"], tgt["name"], tgt["actor_id"],
                    0.7, "bench:synthetic", verb, s0, s0 + len(sentence), trig0, trig0 + len(verb), json.dumps(record),
                ))  # fmt: skip
                eas.append((eid, "source", 0, src["actor_id"], src["code"], src["sector"], src["name"]))
                eas.append((eid, "target", 0, tgt["actor_id"], tgt["code"], tgt["sector"], tgt["name"]))
                sents.append((aid, k, s0, s0 + len(sentence)))
                mentions.append((aid, s0, s0 + len(s_txt), s_txt, "ORG", src["actor_id"], src["code"],
                                 src["sector"], src["name"], "name", k))  # fmt: skip
                parts.append(sentence)
                pos += len(sentence) + 1
            speaker = rng.choice(people)
            words = f"We will not accept this on {rng.choice(TOPICS)}"
            q_sentence = f'"{words}," {speaker["name"]} said.'
            q0 = pos + 1
            quotes.append((f"{aid[:16]}-q0", aid, "direct", q0, q0 + len(words), words, speaker["actor_id"],
                           speaker["code"], "GOV", speaker["name"], q0 + len(words) + 3,
                           q0 + len(words) + 3 + len(speaker["name"]), speaker["name"], "said", 0.9,
                           "bench:synthetic"))  # fmt: skip
            parts.append(q_sentence)
            text = " ".join(parts)
            arts.append((aid, None, "Bench Wire", f"Bench article {a}: {rng.choice(TOPICS)}", day.isoformat(),
                         "en", text, None, "2026-01-01T00:00:00+00:00", 1))  # fmt: skip
        c.executemany(
            "INSERT INTO articles(id, url, outlet, title, pub_date, language, text, source_path, ingested_at,"
            " processed) VALUES (?,?,?,?,?,?,?,?,?,?)",
            arts,
        )
        c.executemany("INSERT INTO sentences(article_id, idx, start, end) VALUES (?,?,?,?)", sents)
        c.executemany(
            "INSERT INTO mentions(article_id, start, end, text, label, actor_id, code, sector, name, how,"
            " sentence) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            mentions,
        )
        c.executemany(
            "INSERT INTO events(id, article_id, type, cameo, quad_class, goldstein, event_date, negated,"
            " hypothetical, future, flagged, source_code, source_sector, source_name, source_actor_id,"
            " target_code, target_sector, target_name, target_actor_id, confidence, rule, trigger,"
            " sentence_start, sentence_end, trigger_start, trigger_end, record)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            events,
        )
        c.executemany(
            "INSERT INTO event_actors(event_id, role, idx, actor_id, code, sector, name) VALUES (?,?,?,?,?,?,?)",
            eas,
        )
        c.executemany(
            "INSERT INTO quotes(id, article_id, kind, content_start, content_end, text, speaker_actor_id,"
            " speaker_code, speaker_sector, speaker_name, speaker_start, speaker_end, speaker_text, cue,"
            " confidence, rule) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            quotes,
        )
    with Store.open(path) as store:
        store.conn.execute("ANALYZE")
        store.conn.commit()
        n = store.count("events")
    print(
        f"built {path}: {n_articles} articles, {n} events, {len(quotes)} quotes in {time.perf_counter() - t0:.1f}s"
    )
    return {"people": people, "codes": CODES, "types": list(TYPES)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def month(rng: random.Random) -> tuple[str, str]:
    y, m = rng.randrange(2018, 2025), rng.randrange(1, 13)
    return f"{y}-{m:02d}-01", f"{y}-{m:02d}-28"


def queries(pools: dict[str, Any]) -> dict[str, Callable[[random.Random], str]]:
    """Query name -> a function giving a fresh URL (varied parameters) for each request."""
    people, codes, types = pools["people"], pools["codes"], pools["types"]

    def pick_code(r: random.Random) -> str:
        return r.choice(codes[:12])

    return {
        "events (latest page)": lambda r: f"/api/events?offset={r.randrange(0, 500)}",
        "events actor=CODE": lambda r: f"/api/events?actor={pick_code(r)}",
        "events actor=ID role=source": lambda r: f"/api/events?actor={r.choice(people)['actor_id']}&role=source",
        "events actor=name": lambda r: f"/api/events?actor={r.choice(people)['name'].replace(' ', '%20')}",
        "events type+month": lambda r: "/api/events?type={}&since={}&until={}".format(r.choice(types), *month(r)),
        "events dyad+year": lambda r: f"/api/events?dyad={pick_code(r)},{pick_code(r)}&since={r.randrange(2018, 2025)}",
        "events quad+month": lambda r: "/api/events?quad_class={}&since={}&until={}".format(
            r.randrange(1, 5), *month(r)
        ),
        "events text": lambda r: f"/api/events?text={r.choice(['sanctions', 'gas supplies', 'ceasefire', 'troops'])}",
        "articles q": lambda r: f"/api/articles?q={r.choice(['ceasefire', 'grain', 'election', 'tariffs'])}",
        "article by id": lambda r: f"/api/articles/{r.randrange(0, 1000):016x}",
        "quotes q": lambda r: f"/api/quotes?q={r.choice(['accept', 'refugees', 'nuclear'])}",
        "actors list": lambda r: "/api/actors",
        "actor page JSON (a code)": lambda r: f"/api/actors/{pick_code(r)}",
        "dyad series week": lambda r: f"/api/dyads/{pick_code(r)}/{pick_code(r)}?interval=week",
        "network (one year)": lambda r: "/api/network?since={0}&until={0}".format(r.randrange(2018, 2025)),
        "stats": lambda r: "/api/stats",
    }  # fmt: skip


def run_phase(base: str, make_url: Callable[[random.Random], str], n: int, seconds: float, threads: int,
              seed: int) -> tuple[list[float], float, int]:  # fmt: skip
    """Send up to ``n`` requests from ``threads`` clients for at most ``seconds``; latencies in ms."""
    lat: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    counter = iter(range(n))

    def worker(k: int) -> None:
        nonlocal errors
        rng = random.Random(seed * 100 + k)
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < deadline:
                with lock:
                    if next(counter, None) is None:
                        return
                url = make_url(rng)
                t = time.perf_counter()
                r = client.get(url)
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    lat.append(ms)
                    if r.status_code not in (200, 404):
                        errors += 1

    t0 = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return lat, time.perf_counter() - t0, errors


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000, help="synthetic events (default 100000)")
    ap.add_argument("--db", help="store path (default: a temporary file); reused with --reuse")
    ap.add_argument("--reuse", action="store_true", help="reuse an existing --db instead of rebuilding it")
    ap.add_argument("--requests", type=int, default=200, help="requests per query (default 200)")
    ap.add_argument("--seconds", type=float, default=20.0, help="time cap per query phase (default 20)")
    ap.add_argument("--threads", type=int, default=4, help="client threads in the mixed phase (default 4)")
    ap.add_argument("--json", help="also write the results to this JSON file")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="ew-bench-")
    db = Path(args.db or os.path.join(tmp, "bench.db"))
    pools = (
        {"people": [{"actor_id": f"person:bench-{i}", "name": f"{FIRST[i % len(FIRST)]} "
                     f"{SURNAMES[(i * 7) % len(SURNAMES)]}-{i}"} for i in range(300)],
         "codes": CODES, "types": list(TYPES)}
        if args.reuse and db.exists() else build_store(db, args.events)
    )  # fmt: skip
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(cmd)
    results: list[dict[str, Any]] = []
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("server did not start")
            time.sleep(0.1)
        print(f"\nserver {base} (uvicorn, 1 process), {args.requests} requests per query, 1 client\n")
        print(f"{'query':<30} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'req/s':>7} {'errors':>6}")
        for i, (name, make_url) in enumerate(queries(pools).items()):
            run_phase(base, make_url, 3, 5, 1, seed=999 + i)  # warm-up
            lat, wall, errors = run_phase(base, make_url, args.requests, args.seconds, 1, seed=i)
            row = {"query": name, "n": len(lat), "p50_ms": round(statistics.median(lat), 1),
                   "p99_ms": round(pct(lat, 99), 1), "max_ms": round(max(lat), 1),
                   "rps": round(len(lat) / wall, 1), "errors": errors}  # fmt: skip
            results.append(row)
            print(f"{name:<30} {row['n']:>5} {row['p50_ms']:>8} {row['p99_ms']:>8} {row['max_ms']:>8} "
                  f"{row['rps']:>7} {errors:>6}")  # fmt: skip
        # the filtered event queries (the p99 < 200 ms target), several clients at once
        mixed = [q for n, q in queries(pools).items() if n.startswith("events") and n != "events text"]

        def mixed_url(r: random.Random) -> str:
            return r.choice(mixed)(r)

        lat, wall, errors = run_phase(
            base, mixed_url, args.requests * 4, args.seconds * 2, args.threads, 4242
        )
        row = {"query": f"event filters mix, {args.threads} clients", "n": len(lat),
               "p50_ms": round(statistics.median(lat), 1), "p99_ms": round(pct(lat, 99), 1),
               "max_ms": round(max(lat), 1), "rps": round(len(lat) / wall, 1), "errors": errors}  # fmt: skip
        results.append(row)
        print(f"{row['query']:<30} {row['n']:>5} {row['p50_ms']:>8} {row['p99_ms']:>8} {row['max_ms']:>8} "
              f"{row['rps']:>7} {errors:>6}")  # fmt: skip
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    filtered = [r for r in results if r["query"].startswith("events") and r["query"] != "events text"]
    worst = max(filtered, key=lambda r: r["p99_ms"])
    print(f"\nfiltered event queries: worst p99 {worst['p99_ms']} ms ({worst['query']}); target < 200 ms")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
