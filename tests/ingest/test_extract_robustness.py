"""Extraction never stops a batch: texts over spaCy's 1,000,000-character limit are extracted in paragraph
pieces with exact offsets, and an article that breaks extraction costs only itself."""

from __future__ import annotations

from typing import Any

from ingest.annotate import make_doc, paragraph_chunks
from tests.factories import article_from_text

PARAGRAPH = ("Customs records show that Kazakhstan shipped 40 tonnes of ball bearings to Russia in March 2023, "
             "according to the Trade Monitor.")


def test_chunks_join_to_the_text_and_end_at_paragraphs() -> None:
    text = "\n\n".join(f"Paragraph {i} says little." for i in range(200))
    pieces = list(paragraph_chunks(text, 500))
    assert "".join(pieces) == text
    assert all(len(p) <= 500 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    assert list(paragraph_chunks("x" * 25, 10)) == ["x" * 10, "x" * 10, "x" * 5]


def test_a_long_doc_has_the_text_exactly(pipeline: Any) -> None:
    nlp = pipeline.annotator.nlp
    text = "\n\n".join([PARAGRAPH] * 4)
    limit = nlp.max_length
    try:
        nlp.max_length = 300
        doc = make_doc(nlp, text)
    finally:
        nlp.max_length = limit
    assert doc.text == text
    assert [t.text for t in doc] == [t.text for t in nlp.make_doc(text)]


def test_an_article_over_the_limit_is_extracted(pipeline: Any) -> None:
    """spaCy's limit is lowered to 20,000 characters so the test stays fast; the default (1,000,000)
    takes the same path."""
    nlp = pipeline.annotator.nlp
    filler = "\n\n".join(["The weather was mild and the markets were calm that week."] * 400)
    text = f"Trade notes\n\n{filler}\n\n{PARAGRAPH}\n"
    limit = nlp.max_length
    try:
        nlp.max_length = 20_000
        assert len(text) > nlp.max_length
        extraction = pipeline.extract(article_from_text(text, path="long.txt"))
    finally:
        nlp.max_length = limit
    found = [m for m in extraction.mentions if text[m.evidence.start:m.evidence.end] == "Kazakhstan"]
    assert found and found[0].evidence.start == text.rindex("Kazakhstan")


def test_an_article_that_breaks_extraction_costs_only_itself(pipeline: Any, monkeypatch: Any) -> None:
    from ingest.batch import extract_articles

    good = article_from_text(PARAGRAPH, path="good.txt")
    bad = article_from_text(PARAGRAPH + "\n\nBREAKS EXTRACTION\n", path="bad.txt")
    real = pipeline.extract_many

    def fragile(articles: Any, *args: Any, **kwargs: Any) -> Any:
        if any("BREAKS EXTRACTION" in a.text for a in articles):
            raise IndexError("list index out of range")
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_many", fragile)
    failed: list[tuple[str, str]] = []
    done = list(extract_articles([good, bad, good], pipeline=pipeline,
                                 on_error=lambda article, reason: failed.append((article.path, reason))))
    assert [x.article.path for x in done] == ["good.txt", "good.txt"]
    assert failed == [("bad.txt", "cannot extract: IndexError: list index out of range")]
