"""Property-based tests (hypothesis): readers, the Cypher guard, terminal text and extraction on arbitrary
input. Example counts are kept small so the suite stays within CI's time; raise them locally with
``--hypothesis-seed`` and a profile of your own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.cypher_guard import check_query
from ingest.decode import CONTROL, decode
from ingest.read import read_file
from ontology.errors import RefusedQuery
from ontology.ids import content_hash, make_id
from tests.factories import article_from_text
from tradetrace.console import terminal_text

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text that looks like news more often than uniform code points would: words, figures, punctuation, line
# breaks, with any character mixed in.
NEWSY = st.lists(st.one_of(
    st.sampled_from(["China", "Russia", "Kyrgyzstan", "ball bearings", "40%", "$1.2 billion", "said", "the",
                     "exported", "to", "via", "in 2023", ".", ",", "\n", "\n\n", "\"", "according to", " "]),
    st.text(max_size=8)), max_size=60).map(" ".join)


def _check_articles(outcome: Any) -> None:
    for article in outcome.articles:
        assert not CONTROL.search(article.text)
        assert article.id == make_id("article", content_hash(article.text))
        article.path.encode("utf-8")
        for span in article.boilerplate:
            assert 0 <= span.start <= span.end <= len(article.text)


@FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_any_bytes_are_read_without_raising(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    _check_articles(read_file(path))


@FAST
@given(text=NEWSY, encoding=st.sampled_from(["utf-8", "utf-16", "cp1251", "latin-1"]))
def test_any_text_in_any_encoding_is_read_without_raising(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(text.encode(encoding, errors="replace"))
    _check_articles(read_file(path))


@FAST
@given(records=st.lists(st.dictionaries(st.sampled_from(["text", "html", "title", "published", "url", "outlet"]),
                                        st.one_of(NEWSY, st.integers(), st.none())), max_size=5))
def test_any_jsonl_records_are_read_line_by_line(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    path = tmp_path / "input.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    outcome = read_file(path)
    _check_articles(outcome)
    assert len(outcome.articles) + len(outcome.errors) >= sum(1 for r in records if r) - len(outcome.unchanged)


@FAST
@given(text=st.text(max_size=400))
def test_utf8_text_decodes_to_itself(text: str) -> None:
    encoded = text.encode("utf-8", errors="surrogatepass")
    if any("\ud800" <= ch <= "\udfff" for ch in text) or text.startswith("\ufeff"):
        return  # not valid UTF-8 / a byte-order mark: other rules apply
    assert decode(encoded).text == text


@FAST
@given(query=st.text(max_size=200))
def test_the_guard_classifies_any_text_or_refuses_it(query: str) -> None:
    try:
        statements = check_query(query)
    except RefusedQuery:
        return
    for statement in statements:
        assert not statement.writes


@FAST
@given(words=st.lists(st.sampled_from(["MATCH", "(n)", "RETURN", "n", "COPY", "LOAD", "FROM", "'x'", "`y`",
                                        "//", "/*", "*/", ";", "\n", "INSTALL", "CALL", "show_tables()", "\"",
                                        "\\'", "EXPORT", "DATABASE"]), max_size=14))
def test_a_file_or_extension_keyword_outside_strings_and_comments_never_passes(words: list[str]) -> None:
    query = " ".join(words)
    try:
        statements = check_query(query, allow_writes=True)
    except RefusedQuery:
        return
    from graph.cypher_guard import tokenize

    bare = {t.text.upper() for text_ in [s.text for s in statements] for t in tokenize(text_) if t.kind == "word"}
    assert not bare & {"COPY", "LOAD", "INSTALL", "EXPORT", "DATABASE"}


@FAST
@given(text=st.text(max_size=300))
def test_terminal_text_holds_no_control_characters(text: str) -> None:
    shown = terminal_text(text)
    assert not any((ord(ch) < 32 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F for ch in shown)
    shown.encode("utf-8")


@SLOW
@given(text=NEWSY)
def test_extraction_on_arbitrary_text_keeps_spans_inside_the_text(pipeline: Any, text: str) -> None:
    if not text.strip():
        return
    extraction = pipeline.extract(article_from_text(text, path="arbitrary.txt"))
    body = extraction.article.text
    for mention in extraction.mentions:
        ev = mention.evidence
        assert 0 <= ev.start < ev.end <= len(body)
    for record in (*extraction.supply, *extraction.claims):
        assert 0 <= record.evidence.start <= record.evidence.end <= len(body)
