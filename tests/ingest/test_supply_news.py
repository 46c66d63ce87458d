"""Supply flows of three whole news articles written in styles common in this field (tests/fixtures/news).

Each article's expected flows are in ``EXPECTED.tsv``, written from the text alone; a flow matches only
when supplier, good, recipient, via and status are all the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ontology.records import Extraction

NEWS = Path(__file__).resolve().parents[1] / "fixtures" / "news"
Flow = tuple[str, str, str, tuple[str, ...], str]

#: The share of an article's expected flows that must be found, and of its found flows that must be expected.
MIN_RECALL = 0.8
MIN_PRECISION = 0.7


def _expected() -> dict[str, set[Flow]]:
    table: dict[str, set[Flow]] = {}
    for line in (NEWS / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        article, supplier, good, recipient, via, status = line.split("\t")
        table.setdefault(article, set()).add(
            (supplier, good, recipient, tuple(v for v in via.split(";") if v), status))
    return table


EXPECTED = _expected()


def news_flows(pipeline, name: str) -> set[Flow]:  # type: ignore[no-untyped-def]
    """The flows extracted from one article of the folder, by canonical name without a final full stop."""
    from ingest.read import read_file

    (article,) = read_file(NEWS / name).articles
    extraction: Extraction = pipeline.extract(article)
    names = {e.id: e.name.rstrip(".") for e in extraction.entities}
    return {(names[f.supplier_id], names[f.good_id], names[f.recipient_id], tuple(names[v] for v in f.via),
             f.status) for f in extraction.supply}


def test_every_article_has_expectations() -> None:
    assert set(EXPECTED) == {p.name for p in NEWS.glob("*.txt")}
    assert all(len(flows) >= 10 for flows in EXPECTED.values())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_news_article_flows(pipeline, name: str) -> None:  # type: ignore[no-untyped-def]
    expected = EXPECTED[name]
    found = news_flows(pipeline, name)
    hits = expected & found
    recall = len(hits) / len(expected)
    precision = len(hits) / len(found) if found else 0.0
    report = (f"{name}: precision {precision:.2f} ({len(hits)}/{len(found)}), recall {recall:.2f} "
              f"({len(hits)}/{len(expected)})\n  missed: {sorted(expected - found)}\n"
              f"  extra: {sorted(found - expected)}")
    assert recall >= MIN_RECALL and precision >= MIN_PRECISION, report
