"""Evidence cells: the sentence cut around the span, the span marked, and where the article was read."""

from __future__ import annotations

from queries.claims import ArticleRef
from tradetrace.citations import ArticleSource, cite, origin_name

TEXT = ("Trucks and tractors\n"
        "Officials in Astana declined to comment. Heavy trucks made in China crossed into Russia through "
        "Kazakhstan at a rate of several hundred a week in the spring, drivers and freight forwarders told "
        "the newspaper over several weeks of interviews at the border. Nobody disputes the trend.\n")
ARTICLE = ArticleRef("article:1", title="Trucks and tractors", outlet="Northern Wire", published="2024-03-01",
                     url="https://northernwire.example/trucks")
SOURCES = {"article:1": ArticleSource(TEXT, "wire/trucks.txt")}


def _span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def test_span_marked_in_its_sentence_only() -> None:
    citation = cite(ARTICLE, *_span("crossed into Russia through Kazakhstan"), SOURCES)
    assert citation.quote.startswith("Heavy trucks made in China «crossed into Russia through Kazakhstan» at a")
    assert "Officials" not in citation.quote and "Nobody" not in citation.quote


def test_long_context_cut_at_words_with_an_ellipsis() -> None:
    citation = cite(ARTICLE, *_span("crossed into Russia"), SOURCES, context=20)
    assert citation.quote == "…made in China «crossed into Russia» through Kazakhstan…"


def test_where_is_outlet_date_and_url_else_title_and_file() -> None:
    citation = cite(ARTICLE, *_span("Heavy trucks"), SOURCES)
    assert citation.where == "Northern Wire, 2024-03-01, https://northernwire.example/trucks"
    bare = cite(ArticleRef("article:1", title="Trucks and tractors"), *_span("Heavy trucks"), SOURCES)
    assert bare.where == "Trucks and tractors, wire/trucks.txt"
    assert bare.cell() == f"{bare.quote} — {bare.where}" and bare.cell(multiline=True) == f"{bare.quote}\n{bare.where}"


def test_without_the_text_the_stored_sentence_is_quoted_unmarked() -> None:
    citation = cite(ARTICLE, 5, 9, {}, fallback="Heavy trucks   crossed\ninto Russia.")
    assert citation.quote == "Heavy trucks crossed into Russia."
    outside = cite(ARTICLE, 10, 10_000, SOURCES, fallback="as stored")
    assert outside.quote == "as stored"


def test_an_article_origin_is_shown_by_title_else_file_name() -> None:
    assert origin_name("Atlantic Council", {}, {}) == "Atlantic Council"
    assert origin_name("article:1", {"article:1": ARTICLE}, SOURCES) == "Trucks and tractors"
    assert origin_name("article:1", {"article:1": ArticleRef("article:1")}, SOURCES) == "trucks.txt"
    assert origin_name("article:2", {}, {}) == "article:2"
