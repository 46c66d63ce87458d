"""Batch extraction over many articles, in this process or in worker processes.

Workers each load their own spaCy model and gazetteer once (process initialiser) and receive
articles in chunks; results come back in input order, so ingest stays deterministic.

One article that breaks extraction costs only itself: a chunk that raises is extracted again article
by article, and each article that still raises goes to ``on_error`` and is left out.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

from ontology.records import Article, Extraction

if TYPE_CHECKING:  # spaCy is imported only when there is something to extract
    from ingest.pipeline import Pipeline

__all__ = ["ErrorCallback", "extract_articles", "fewer_collections"]

#: Called with an article whose extraction raised, and the one-line reason.
ErrorCallback = Callable[[Article, str], None]

_WORKER_PIPELINE: Pipeline | None = None

#: Allocations between collections of the youngest generation during :func:`fewer_collections` (Python's
#: default is 700), and collections of each generation before the next one is collected.
_BATCH_THRESHOLDS = (50_000, 20, 20)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the body with the cyclic garbage collector set for batch work; the settings are restored after.

    Extraction allocates millions of short-lived objects (tokens, spans, records), and with Python's
    default thresholds the collector ran every 700 allocations, its full collections walking every
    object of the loaded model, gazetteer and modules each time: about a tenth of the CPU time of an
    ingest (docs/benchmarks.md). Here the objects alive at the start, and the pipeline once loaded
    (:func:`_settle`), are frozen (:func:`gc.freeze`: the collector no longer examines them; reference
    counting still frees them), and collections are rarer. Only garbage in reference cycles waits
    longer to be freed, which costs some megabytes at most.
    """
    global _batch_work
    thresholds, outer = gc.get_threshold(), _batch_work
    gc.freeze()
    gc.set_threshold(*_BATCH_THRESHOLDS)
    _batch_work = True
    try:
        yield
    finally:
        _batch_work = outer
        if not outer:
            gc.set_threshold(*thresholds)
            gc.unfreeze()


_batch_work = False  # inside fewer_collections


def _settle() -> None:
    """Inside :func:`fewer_collections`, freeze what is alive now (a loaded pipeline: model, gazetteer) so
    that collections skip it; it is unfrozen when the outermost :func:`fewer_collections` ends."""
    if _batch_work:
        gc.freeze()


def _init_worker(model: str | None) -> None:
    from ingest.pipeline import Pipeline

    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline(model=model)
    gc.set_threshold(*_BATCH_THRESHOLDS)  # a worker process lives for one batch of work
    gc.freeze()


def _extract_chunk(articles: list[Article]) -> tuple[list[Extraction], list[tuple[int, str]]]:
    assert _WORKER_PIPELINE is not None, "worker not initialised"
    return _extract_safely(_WORKER_PIPELINE, articles)


def _reason(error: Exception) -> str:
    return f"cannot extract: {type(error).__name__}: {error}".splitlines()[0]


def _extract_safely(pipeline: Pipeline, articles: list[Article]) -> tuple[list[Extraction], list[tuple[int, str]]]:
    """The chunk's extractions, and (index, reason) for each article whose extraction raised.

    Any exception counts: extraction is pure code over one article's text, so whatever it raises is
    about that article (a bug met by unusual text), never a reason to lose the others.
    """
    try:
        return list(pipeline.extract_many(articles)), []
    except Exception:  # retried one by one below, where each error is reported
        done: list[Extraction] = []
        failed: list[tuple[int, str]] = []
        for index, article in enumerate(articles):
            try:
                done.extend(pipeline.extract_many([article]))
            except Exception as error:  # the article's one-line error, see above
                failed.append((index, _reason(error)))
        return done, failed


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _ignore(article: Article, reason: str) -> None:
    return None


def extract_articles(articles: Iterable[Article], workers: int = 1, model: str | None = None,
                     pipeline: Pipeline | None = None, chunk_size: int = 32,
                     on_error: ErrorCallback = _ignore) -> Iterator[Extraction]:
    """Extract ``articles`` in order, ``chunk_size`` at a time; an article whose extraction raises goes
    to ``on_error`` (with a one-line reason) and is left out, the others are extracted.

    With ``workers <= 1`` the given (or a new) :class:`Pipeline` runs here; otherwise a process pool
    of ``workers`` processes, each with its own pipeline for ``model``.
    """
    articles = list(articles)
    if not articles:  # nothing new: no model to load, no processes to start
        return
    chunks = list(_chunks(articles, chunk_size))
    if workers <= 1:
        if pipeline is None:
            from ingest.pipeline import Pipeline

            pipeline = Pipeline(model=model)
            _settle()
        results: Iterable[tuple[list[Extraction], list[tuple[int, str]]]] = (
            _extract_safely(pipeline, chunk) for chunk in chunks)
        for chunk, (done, failed) in zip(chunks, results, strict=True):
            for index, reason in failed:
                on_error(chunk[index], reason)
            yield from done
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(model,)) as pool:
        for chunk, (done, failed) in zip(chunks, pool.map(_extract_chunk, chunks), strict=True):
            for index, reason in failed:
                on_error(chunk[index], reason)
            yield from done
