"""Run the pipeline over a gold JSONL file and score it.

Each gold document's ``text`` goes into the pipeline unchanged (no normalisation), so the system's offsets
are offsets into the gold text. One :class:`~eventwire.pipeline.Pipeline` is opened per run and documents
are fed through it in batches; large files are split over two forked worker processes that share the
loaded pipeline (:func:`auto_processes`). A document the pipeline fails on is reported in ``failures`` and scored as
if the system had found nothing in it, so a crash never raises the scores; a gold line that cannot be
read (bad JSON, no text) is reported and left out.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import resource
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.evaluate.actor_accuracy import ActorCounts, score_actors, summarise_actors
from eventwire.evaluate.scorer import DocumentScore, ScoringError, layer_annotated, score_document, summarise
from eventwire.pipeline import Pipeline
from eventwire.records import Article, ExtractResult


@dataclass
class EvalResult:
    """Everything one evaluation run measured."""

    path: str
    documents: int
    summary: dict[str, Any]
    actors: dict[str, Any]
    seconds: float
    cpu_seconds: float = 0.0
    processes: int = 1
    failures: list[dict[str, Any]] = field(default_factory=list)
    errors: list[ScoringError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` object: documents, events, quotes, actors, seconds, failures."""
        return {
            "file": self.path,
            "documents": self.documents,
            "events": self.summary["events"],
            "quotes": self.summary["quotes"],
            "actors": self.actors,
            "failed": len(self.failures),
            "failures": self.failures,
            "seconds": round(self.seconds, 2),
            "cpu_seconds": round(self.cpu_seconds, 2),
            "processes": self.processes,
        }


def cpu_time() -> float:
    """CPU seconds used so far by this process and its finished child processes (the workers).

    Unlike wall-clock seconds, this does not grow when other programs share the cores.
    """
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime


def read_gold(path: str | Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Gold documents of a JSONL file, and the lines that could not be used (with the reason)."""
    docs: list[dict[str, Any]] = []
    bad: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                bad.append({"id": None, "line": number, "error": f"bad JSON: {exc.msg}"})
                continue
            if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
                doc_id = doc.get("id") if isinstance(doc, dict) else None
                bad.append({"id": doc_id, "line": number, "error": "no 'text' string"})
                continue
            doc.setdefault("id", f"line-{number}")
            docs.append(doc)
    return docs, bad


def gold_article(doc: dict[str, Any]) -> Article:
    """An Article holding the gold text exactly, so system offsets are gold offsets."""
    pub_date = doc.get("pub_date")
    return Article(
        id=str(doc["id"]), text=doc["text"], pub_date=pub_date if isinstance(pub_date, str) else None
    )


def run_pipeline(
    docs: Sequence[dict[str, Any]], pipeline: Pipeline
) -> Iterator[tuple[dict[str, Any], ExtractResult | None, str | None]]:
    """Yield ``(gold doc, result or None, error or None)`` in input order.

    Documents stream through one :meth:`Pipeline.process` call. If it raises, the rest go through one at a
    time, so a failing document is reported without losing the others and without parsing whole batches
    again after every failure.
    """
    done = 0
    try:
        for result in pipeline.process(gold_article(d) for d in docs):
            doc = docs[done]
            done += 1
            yield doc, result, None
        return
    except Exception:
        pass  # the document at fault is among the rest: go one by one
    for doc in docs[done:]:
        try:
            result = next(iter(pipeline.process([gold_article(doc)])))
        except Exception as exc:  # a failing document is reported, never fatal
            yield doc, None, f"{type(exc).__name__}: {exc}"
        else:
            yield doc, result, None


SystemOutput = tuple[dict[str, Any] | None, list[dict[str, Any]], str | None]


def system_outputs(
    docs: Sequence[dict[str, Any]], pipeline: Pipeline
) -> Iterator[tuple[dict[str, Any], SystemOutput]]:
    """``(gold doc, (system output or None, mention dicts, error or None))`` for each document, in order.

    The system output is ``{"events": [...], "quotes": [...]}`` as the scorer reads it. A result whose text
    is not the gold text is a failure: its offsets would not point into the gold.
    """
    for doc, result, error in run_pipeline(docs, pipeline):
        if result is not None and result.article.text != doc["text"]:
            result, error = (
                None,
                "the pipeline returned another text: its offsets would not point into the gold",
            )
        if result is None:
            yield doc, (None, [], error)
            continue
        system = {
            "events": [e.to_dict() for e in result.events],
            "quotes": [q.to_dict() for q in result.quotes],
        }
        yield doc, (system, [m.to_dict() for m in result.mentions], None)


# Read by forked workers: the parent sets them before the pool starts, the children inherit them.
_WORKER_STATE: dict[str, Any] = {}


def _worker_chunk(indices: list[int]) -> list[SystemOutput]:
    docs: Sequence[dict[str, Any]] = _WORKER_STATE["docs"]
    pipeline: Pipeline = _WORKER_STATE["pipeline"]
    return [output for _, output in system_outputs([docs[i] for i in indices], pipeline)]


def _chunks(docs: Sequence[dict[str, Any]], n: int) -> list[list[int]]:
    """Document indices dealt into ``n`` chunks of about equal text size (largest documents first)."""
    order = sorted(range(len(docs)), key=lambda i: -len(docs[i]["text"]))
    chunks: list[list[int]] = [[] for _ in range(n)]
    sizes = [0] * n
    for i in order:
        k = sizes.index(min(sizes))
        chunks[k].append(i)
        sizes[k] += len(docs[i]["text"])
    return [sorted(c) for c in chunks if c]


def parallel_outputs(
    docs: Sequence[dict[str, Any]], pipeline: Pipeline, processes: int
) -> Iterator[tuple[dict[str, Any], SystemOutput]]:
    """Like :func:`system_outputs`, over ``processes`` forked workers that share the loaded pipeline.

    Workers catch every coder exception themselves (see :func:`run_pipeline`), so none is left waiting
    on a dead peer; if a worker process dies anyway, its documents are redone here in this process.
    """
    list(pipeline.process([]))  # load the model, KB and lexicon once, before forking
    _WORKER_STATE.update(docs=docs, pipeline=pipeline)
    outputs: dict[int, SystemOutput] = {}
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
            futures = {pool.submit(_worker_chunk, chunk): chunk for chunk in _chunks(docs, processes)}
            for future, chunk in futures.items():
                with contextlib.suppress(Exception):  # a worker died: its documents run here below
                    outputs.update(zip(chunk, future.result(), strict=True))
    finally:
        _WORKER_STATE.clear()
    missing = [i for i in range(len(docs)) if i not in outputs]
    if missing:
        outputs.update(
            zip(missing, (o for _, o in system_outputs([docs[i] for i in missing], pipeline)), strict=True)
        )
    for i, doc in enumerate(docs):
        yield doc, outputs[i]


# Below this much gold text a second worker process does not pay for itself.
PARALLEL_MIN_CHARS = 200_000


def auto_processes(docs: Sequence[dict[str, Any]]) -> int:
    """Worker processes for a run: two for large files on a machine with two or more cores, else one.

    A worker starts by fork in well under a second, sharing the loaded model; below
    :data:`PARALLEL_MIN_CHARS` of text that does not pay.
    """
    size = sum(len(d["text"]) for d in docs)
    cores = os.cpu_count() or 1
    fork = "fork" in multiprocessing.get_all_start_methods()
    return min(2, cores) if fork and size >= PARALLEL_MIN_CHARS else 1


def evaluate_documents(
    docs: Sequence[dict[str, Any]],
    pipeline: Pipeline | None = None,
    *,
    count_flagged_system: bool = False,
    processes: int = 1,
    path: str = "",
    started: float | None = None,
) -> EvalResult:
    """Run the pipeline over gold documents and score them (see :mod:`eventwire.evaluate.scorer`).

    ``processes`` > 1 runs the pipeline in that many forked worker processes.
    """
    started = time.perf_counter() if started is None else started
    cpu_started = cpu_time()
    pipeline = pipeline or Pipeline()
    scores: list[DocumentScore] = []
    actor_counts: list[ActorCounts] = []
    failures: list[dict[str, Any]] = []
    if processes > 1 and len(docs) > 1:
        stream = parallel_outputs(docs, pipeline, processes)
    else:
        stream = system_outputs(docs, pipeline)
    for doc, (system, mentions, error) in stream:
        if system is None:
            failures.append({"id": doc["id"], "error": error})
            system = {"events": [], "quotes": []}
        try:
            scores.append(score_document(doc, system, count_flagged_system=count_flagged_system))
            if layer_annotated(doc, "events"):
                actor_counts.append(score_actors(doc, mentions))
        except Exception as exc:  # malformed gold record: report it, keep going
            failures.append({"id": doc["id"], "error": f"scoring: {type(exc).__name__}: {exc}"})
    errors = [e for s in scores for e in s.errors]
    return EvalResult(
        path=path,
        documents=len(docs),
        summary=summarise(scores),
        actors=summarise_actors(actor_counts),
        seconds=time.perf_counter() - started,
        cpu_seconds=cpu_time() - cpu_started,
        processes=processes if processes > 1 and len(docs) > 1 else 1,
        failures=failures,
        errors=errors,
    )


def evaluate_file(
    path: str | Path,
    pipeline: Pipeline | None = None,
    *,
    count_flagged_system: bool = False,
    processes: int | None = None,
) -> EvalResult:
    """Read a gold JSONL file, run the pipeline over it and score it. ``seconds`` includes model loading.

    ``processes``: worker processes (``None``: :func:`auto_processes`).
    """
    started = time.perf_counter()
    docs, bad = read_gold(path)
    pipeline = pipeline or Pipeline()
    result = evaluate_documents(
        docs,
        pipeline,
        count_flagged_system=count_flagged_system,
        processes=auto_processes(docs) if processes is None else processes,
        path=str(path),
        started=started,
    )
    result.failures = bad + result.failures
    result.documents += len(bad)
    return result
