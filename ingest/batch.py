"""Batch extraction over many articles, in this process or in worker processes.

Workers each load their own spaCy model and gazetteer once (process initialiser) and receive
articles in chunks; results come back in input order, so ingest stays deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

from ontology.records import Article, Extraction

if TYPE_CHECKING:  # spaCy is imported only when there is something to extract
    from ingest.pipeline import Pipeline

__all__ = ["extract_articles"]

_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(model: str | None) -> None:
    from ingest.pipeline import Pipeline

    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline(model=model)


def _extract_chunk(articles: list[Article]) -> list[Extraction]:
    assert _WORKER_PIPELINE is not None, "worker not initialised"
    return list(_WORKER_PIPELINE.extract_many(articles))


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_articles(articles: Iterable[Article], workers: int = 1, model: str | None = None,
                     pipeline: Pipeline | None = None, chunk_size: int = 32) -> Iterator[Extraction]:
    """Extract ``articles`` in order.

    With ``workers <= 1`` the given (or a new) :class:`Pipeline` runs here; otherwise a process pool
    of ``workers`` processes, each with its own pipeline for ``model``.
    """
    articles = list(articles)
    if not articles:  # nothing new: no model to load, no processes to start
        return
    if workers <= 1:
        if pipeline is None:
            from ingest.pipeline import Pipeline

            pipeline = Pipeline(model=model)
        yield from pipeline.extract_many(articles)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(model,)) as pool:
        for results in pool.map(_extract_chunk, _chunks(articles, chunk_size)):
            yield from results
