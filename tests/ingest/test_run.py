"""ingest.run: the whole ingest as one call, with problems and progress through callbacks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from ingest.run import IngestReport, Problem, ProgressEvent, ingest_paths, read_paths, write_batch
from ontology.errors import StoreError
from ontology.records import Extraction

ARTICLE = """Lorry parts reach Kazan through Almaty

Published: 3 March 2024

Kazakh re-exporters shipped Chinese truck axles to Russia in January, the Kazakh customs service said.

Subscribe to our evening newsletter
"""

OTHER = """Minsk orders Chinese machine tools

Published: 9 April 2024

Belarus bought Chinese machine tools worth $40 million in the first quarter, Belarusian officials said.
"""


@dataclass(frozen=True)
class _Summary:
    skipped: bool


class _Sink:
    """A store that keeps extractions in a dict and refuses the article whose path ends in ``refused``."""

    def __init__(self, refused: str | None = None) -> None:
        self.stored: dict[str, Extraction] = {}
        self.batches: list[int] = []
        self.refused = refused

    def writer(self) -> _Sink:
        return self

    def article_ids(self) -> set[str]:
        return set(self.stored)

    def write(self, extraction: Extraction) -> _Summary:
        if self.refused and extraction.article.path.endswith(self.refused):
            raise StoreError(f"article {extraction.article.id}: refused")
        skipped = extraction.article.id in self.stored
        self.stored[extraction.article.id] = extraction
        return _Summary(skipped)

    def write_many(self, extractions: Iterable[Extraction]) -> Sequence[_Summary]:
        batch = list(extractions)
        self.batches.append(len(batch))
        if self.refused and any(x.article.path.endswith(self.refused) for x in batch):
            raise StoreError("batch refused")
        return [self.write(x) for x in batch]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "axles.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "copy-of-axles.txt").write_text(ARTICLE, encoding="utf-8")  # same text: one article
    (tmp_path / "tools.md").write_text(OTHER, encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7")
    return tmp_path


def test_ingest_reports_problems_as_they_happen_and_lands_the_rest(folder: Path) -> None:
    sink, problems, events = _Sink(), [], []
    report = ingest_paths([folder], sink, on_problem=problems.append, on_progress=events.append)
    assert report == IngestReport(written=2, unchanged=1, problems=problems)
    assert report.failures == 1 and [p.level for p in problems] == ["error"] and "scan.pdf" in problems[0].message
    assert events[0] == ProgressEvent("extracting", 0, 2) and events[-1] == ProgressEvent("storing", 2, 2)
    assert [e.done for e in events if e.stage == "extracting"] == [0, 1, 2]
    assert sink.batches == [2]


def test_a_second_ingest_recognises_stored_articles_before_extracting(folder: Path) -> None:
    sink = _Sink()
    ingest_paths([folder], sink)
    events: list[ProgressEvent] = []
    again = ingest_paths([folder], sink, on_progress=events.append)
    assert (again.written, again.unchanged) == (0, 3)
    assert events[0].total == 0 and sink.batches == [2]  # nothing new: no write at all


def test_a_refused_article_costs_only_itself(folder: Path) -> None:
    sink, problems = _Sink(refused="tools.md"), []
    report = ingest_paths([folder], sink, on_problem=problems.append)
    assert report.written == 1 and report.failures == 2
    assert any("tools.md" in p.message and "refused" in p.message for p in problems)
    assert {x.article.path.rsplit("/", 1)[-1] for x in sink.stored.values()} == {"axles.txt"}


def test_read_paths_keeps_warnings_apart_from_errors(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes(ARTICLE.replace("Kazan", "Kaz\xe1n").encode("latin-1"))
    seen: list[Problem] = []
    read = read_paths([tmp_path, tmp_path / "missing.txt"], on_problem=seen.append)
    assert len(read.articles) == 1 and read.failures == 1 and read.problems == seen
    assert sorted(p.level for p in seen) == ["error", "warning"]
    assert any(p.level == "warning" and "latin1.txt" in p.message and "UTF-8" in p.message for p in seen)


class _CountingSink(_Sink):
    """:class:`_Sink` that counts transactions: each ``write_many`` call and each ``write`` called by ingest."""

    def __init__(self, refused: str) -> None:
        super().__init__(refused)
        self.singles = 0

    def write(self, extraction: Extraction) -> _Summary:
        self.singles += 1
        return super().write(extraction)

    def write_many(self, extractions: Iterable[Extraction]) -> Sequence[_Summary]:
        batch = list(extractions)
        self.batches.append(len(batch))
        if self.refused and any(x.article.path.endswith(self.refused) for x in batch):
            raise StoreError("batch refused")
        return [super(_CountingSink, self).write(x) for x in batch]


def test_a_refused_article_in_a_large_batch_costs_a_few_transactions_not_one_per_article() -> None:
    batch: list[Any] = [SimpleNamespace(article=SimpleNamespace(id=f"article:{i:02d}", path=f"/in/{i:02d}.txt"))
                        for i in range(16)]
    sink, problems = _CountingSink(refused="/05.txt"), list[Problem]()
    assert write_batch(sink, batch, problems.append) == (15, 1)
    assert [p.message for p in problems] == ["/in/05.txt: article article:05: refused"]
    assert sorted(sink.stored) == [f"article:{i:02d}" for i in range(16) if i != 5]
    # All 16 refused, then 0-7 refused, 0-3 written, 4-7 refused, 4-5 refused, articles 4 and 5 alone,
    # 6-7 written, 8-15 written.
    assert sink.batches == [16, 8, 4, 4, 2, 2, 8] and sink.singles == 2
