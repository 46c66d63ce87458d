"""Readers for every format, directory discovery, and stable ids, on our own articles."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import trafilatura

from ingest.read import SUPPORTED, ReadOutcome, discover, read_file
from ontology.ids import content_hash, make_id

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"

ARTICLE = (
    "Kazakh traders re-export Chinese forklifts to Russia\n"
    "\n"
    "Tuesday, 12 March 2024, 09:40\n"
    "\n"
    "Customs records show that a trading house in Almaty shipped 120 Chinese forklifts to a depot near "
    "Chelyabinsk in October.\n"
    "\n"
    "READ ALSO: Ten recipes for a perfect spring picnic\n"
    "\n"
    "Officials at the Eurasian Trade Watch said the consignments were declared as spare parts.\n"
    "\n"
    "Caspian Ledger is the place where you will find the latest on trade in Central Asia. Follow us on Telegram!"
)


def _only(outcome: ReadOutcome):  # type: ignore[no-untyped-def]
    assert outcome.errors == ()
    assert len(outcome.articles) == 1
    return outcome.articles[0]


def test_txt_article(tmp_path: Path) -> None:
    path = tmp_path / "forklifts.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    article = _only(read_file(path))
    assert article.text == ARTICLE
    assert article.format == "txt"
    assert article.path == str(path)
    assert article.content_hash == content_hash(ARTICLE)
    assert article.id == make_id("article", content_hash(ARTICLE))
    assert article.title == "Kazakh traders re-export Chinese forklifts to Russia"
    assert article.published == dt.date(2024, 3, 12)
    assert article.outlet == "Caspian Ledger"
    assert article.url is None
    assert article.warnings == ()
    removed = [article.text[s.start:s.end] for s in article.boilerplate]
    assert removed == ["READ ALSO: Ten recipes for a perfect spring picnic",
                       "Caspian Ledger is the place where you will find the latest on trade in Central Asia. "
                       "Follow us on Telegram!"]


def test_line_ends_are_normalised_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"  Title line\r\n\r\nFirst paragraph.\rSecond paragraph.  \r\n")
    article = _only(read_file(path))
    assert article.text == "  Title line\n\nFirst paragraph.\nSecond paragraph.  \n"
    assert article.title == "Title line"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfForklifts cross the border\n")
    assert _only(read_file(path)).text == "Forklifts cross the border\n"


@pytest.mark.parametrize("suffix", [".md", ".markdown"])
def test_markdown_is_kept_as_written(tmp_path: Path, suffix: str) -> None:
    text = "# Forklifts via Almaty\n\n*Published: 14 November 2023*\n\n- 120 forklifts\n- 40 loaders\n"
    path = tmp_path / f"forklifts{suffix}"
    path.write_text(text, encoding="utf-8")
    article = _only(read_file(path))
    assert (article.text, article.format) == (text, "md")
    assert article.title == "Forklifts via Almaty"
    assert article.published == dt.date(2023, 11, 14)


def test_html_main_text_and_metadata() -> None:
    path = FIXTURES / "loaders_article.html"
    article = _only(read_file(path))
    assert article.format == "html"
    assert article.title == "Chinese wheel loaders reach Russian depots via Kazakhstan"
    assert article.outlet == "Steppe Freight Monitor"
    assert article.published == dt.date(2024, 3, 5)
    assert article.url == "https://steppe-freight.example/2024/03/loaders-kazakhstan"
    assert "re-exported at least 214 Chinese wheel loaders" in article.text
    # Navigation, scripts and the comment form are not main text.
    for furniture in ("window.tracker", "font-family", "Sanctions\n", "Leave a Reply"):
        assert furniture not in article.text
    # trafilatura keeps in-article teasers; clean marks them.
    removed = [article.text[s.start:s.end] for s in article.boilerplate]
    assert "READ ALSO: Ten recipes for a perfect spring picnic in the mountains" in removed
    assert article.id == make_id("article", content_hash(article.text))


def test_html_falls_back_to_body_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    path = tmp_path / "bare.htm"
    path.write_text("<html><head><title>T</title><script>var x = 1;</script></head><body>"
                    "<h1>Loaders at Khorgos</h1><p>Forty loaders crossed on Monday.</p></body></html>",
                    encoding="utf-8")
    article = _only(read_file(path))
    assert article.text == "Loaders at Khorgos\n\nForty loaders crossed on Monday."
    assert article.title == "Loaders at Khorgos"


def test_jsonl_lines_become_articles(tmp_path: Path) -> None:
    html = (FIXTURES / "loaders_article.html").read_text(encoding="utf-8")
    lines = [
        {"text": ARTICLE, "url": "https://ledger.example/a", "title": "Given title",
         "published": "2024-03-14T08:00:00Z", "outlet": "Given Outlet", "extra": 1},
        {"text": "Forklift imports\n\n22 August 2023\n\nImports of forklifts rose again, traders said."},
        {"html": html, "url": "https://mirror.example/loaders"},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines[:2]) + "\n\n" + json.dumps(lines[2]) + "\n",
                    encoding="utf-8")
    outcome = read_file(path)
    assert outcome.errors == ()
    first, second, third = outcome.articles
    assert [a.path for a in outcome.articles] == [f"{path}#L1", f"{path}#L2", f"{path}#L4"]
    assert {a.format for a in outcome.articles} == {"jsonl"}
    # Explicit keys win over what the text says.
    assert (first.title, first.outlet, first.published, first.url) == (
        "Given title", "Given Outlet", dt.date(2024, 3, 14), "https://ledger.example/a")
    assert first.text == ARTICLE
    assert first.boilerplate  # clean ran
    # Without keys, the text says.
    # Nothing names its outlet: a stand-in named by the line and the article's id.
    assert (second.title, second.published, second.outlet) == (
        "Forklift imports", dt.date(2023, 8, 22), f"unnamed outlet of batch.jsonl#L2 ({second.id.split(':')[1][:8]})")
    # 'html' goes through trafilatura; its metadata fills what the line leaves out.
    assert third.url == "https://mirror.example/loaders"
    assert third.outlet == "Steppe Freight Monitor"
    assert "214 Chinese wheel loaders" in third.text


def test_jsonl_text_wins_over_html(tmp_path: Path) -> None:
    path = tmp_path / "both.jsonl"
    path.write_text(json.dumps({"text": "Plain text wins.", "html": "<p>Not this</p>"}) + "\n", encoding="utf-8")
    assert _only(read_file(path)).text == "Plain text wins."


def test_jsonl_unparseable_published_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "date.jsonl"
    path.write_text(json.dumps({"text": "Loaders crossed.", "published": "last Tuesday"}) + "\n", encoding="utf-8")
    outcome = read_file(path)
    article = _only(outcome)
    assert article.published is None
    assert article.warnings == ("unrecognised published date 'last Tuesday'; using the text's",)
    assert outcome.warnings == ("line 1: unrecognised published date 'last Tuesday'; using the text's",)


def test_discover_walks_directories_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ("b/2.txt", "b/1.md", "a/deep/z.html", "a/x.jsonl", "top.htm", ".git/config.txt", "a/.hidden.txt",
                 "a/notes.pdf", ".DS_Store"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, errors = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["top.htm", "a/x.jsonl", "a/deep/z.html",
                                                                  "b/1.md", "b/2.txt"]
    assert [str(e) for e in errors] == [f"{tmp_path / 'a' / 'notes.pdf'}: unsupported extension .pdf; "
                                        "supported: .htm .html .jsonl .markdown .md .txt"]


def test_discover_keeps_given_order_and_lists_a_file_once(tmp_path: Path) -> None:
    one, two = tmp_path / "one.TXT", tmp_path / "two.txt"
    one.write_text("x", encoding="utf-8")
    two.write_text("y", encoding="utf-8")
    files, errors = discover([two, one, tmp_path, two])
    assert (files, errors) == ([two, one], [])


def test_supported_extensions() -> None:
    assert SUPPORTED == {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                         ".jsonl": "jsonl"}


def test_ids_are_deterministic_across_reads_and_locations(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "b.md").write_text("# Loaders\n\nForty loaders crossed.\n", encoding="utf-8")
    shutil.copy(FIXTURES / "loaders_article.html", corpus / "c.html")

    def read_ids(root: Path) -> list[str]:
        files, errors = discover([root])
        assert errors == []
        return [article.id for path in files for article in read_file(path).articles]

    first = read_ids(corpus)
    assert len(first) == len(set(first)) == 3
    assert read_ids(corpus) == first
    copy = shutil.copytree(corpus, tmp_path / "elsewhere")
    assert read_ids(copy) == first


def test_known_articles_are_listed_not_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An article whose id is known is reported as unchanged, before boilerplate and metadata are sought."""
    from ingest.clean import find_boilerplate

    known_id = make_id("article", content_hash(ARTICLE))
    other = "Forklift imports\n\n22 August 2023\n\nImports of forklifts rose again, traders said."
    text_file, jsonl_file = tmp_path / "forklifts.txt", tmp_path / "batch.jsonl"
    text_file.write_text(ARTICLE, encoding="utf-8")
    jsonl_file.write_text(json.dumps({"text": ARTICLE}) + "\n" + json.dumps({"text": other}) + "\n", encoding="utf-8")
    cleaned: list[str] = []

    def spy(text: str) -> object:
        cleaned.append(text)
        return find_boilerplate(text)

    monkeypatch.setattr("ingest.read.find_boilerplate", spy)

    outcome = read_file(text_file, known={known_id})
    assert (outcome.articles, outcome.errors, outcome.unchanged) == ((), (), (known_id,))
    lines = read_file(jsonl_file, known={known_id})
    assert lines.errors == () and lines.unchanged == (known_id,)
    assert [a.text for a in lines.articles] == [other]
    assert cleaned == [other]
    assert _only(read_file(text_file)).id == known_id  # nothing known: built as before
