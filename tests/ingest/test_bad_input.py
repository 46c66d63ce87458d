"""Bad input never raises from read_file: each problem is an InputError with a clear message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.read import ReadOutcome, discover, read_file
from ontology.errors import InputError

GOOD = "Forklifts via Almaty\n\nA trading house in Almaty shipped 120 Chinese forklifts to Chelyabinsk in October.\n"
PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"


def _single_error(outcome: ReadOutcome) -> InputError:
    assert outcome.articles == ()
    assert len(outcome.errors) == 1
    return outcome.errors[0]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\t\r\n  \n", "empty file (whitespace only)"),
    ("blank.jsonl", b"\n\n   \n", "empty file (whitespace only)"),
    ("image.txt", PNG_HEAD + b"\x00" * 64, "binary file, not text"),
    ("controls.html", bytes(range(1, 9)) * 40, "binary file, not text"),
])
def test_unreadable_files(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = _write(tmp_path, name, data)
    error = _single_error(read_file(path))
    assert str(error) == f"{path}: {message}"
    assert error.path == str(path)
    assert error.line is None


def test_jsonl_with_only_blank_lines_after_content_is_fine(tmp_path: Path) -> None:
    path = _write(tmp_path, "ok.jsonl", json.dumps({"text": GOOD}).encode() + b"\n\n\n")
    outcome = read_file(path)
    assert (len(outcome.articles), outcome.errors) == (1, ())


def test_latin1_text_is_detected_and_decoded_with_a_warning(tmp_path: Path) -> None:
    text = "Exporteur in Düsseldorf: Gabelstapler für Almaty, sagte der Händler am Dienstag.\n"
    outcome = read_file(_write(tmp_path, "latin1.txt", text.encode("latin-1")))
    assert outcome.errors == ()
    [article] = outcome.articles
    assert article.text == text
    warning = "not UTF-8: decoded as cp1252 (detected)"
    assert outcome.warnings == (warning,)
    assert article.warnings == (warning,)


def test_jsonl_warning_names_the_line(tmp_path: Path) -> None:
    good = json.dumps({"text": GOOD}).encode()
    bad = '{"text": "Caf\u00e9 owners in Almaty"}'.encode("latin-1")
    outcome = read_file(_write(tmp_path, "mixed.jsonl", good + b"\n" + bad + b"\n"))
    assert outcome.errors == ()
    first, second = outcome.articles
    assert first.warnings == ()
    assert second.text == "Caf\ufffd owners in Almaty"
    assert second.warnings == ("not valid UTF-8: 1 byte replaced with U+FFFD",)
    assert outcome.warnings == ("line 2: not valid UTF-8: 1 byte replaced with U+FFFD",)


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "huge.txt", GOOD.encode() * 3)
    error = _single_error(read_file(path, max_bytes=64))
    assert str(error) == f"{path}: article too large: over 64 bytes (--max-bytes)"


def test_truncated_jsonl_line_has_its_number_and_other_lines_are_read(tmp_path: Path) -> None:
    lines = [json.dumps({"text": GOOD}), json.dumps({"text": "Second article about loaders."})[:18],
             "", json.dumps({"text": "Fourth article about trucks."})]
    path = _write(tmp_path, "batch.jsonl", "\n".join(lines).encode())
    outcome = read_file(path)
    assert [a.path for a in outcome.articles] == [f"{path}#L1", f"{path}#L4"]
    [error] = outcome.errors
    assert error.line == 2
    assert str(error).startswith(f"{path}:2: malformed JSON, column ")
    assert "Unterminated string" in str(error)


@pytest.mark.parametrize(("line", "message"), [
    ({"title": "No body", "url": "https://ledger.example/x"}, "line has neither 'text' nor 'html'"),
    ({"text": "   "}, "empty 'text'/'html' field"),
    ({"text": 42}, "field 'text' must be a string, got int"),
    ({"text": GOOD, "title": ["a"]}, "field 'title' must be a string, got list"),
    (["text", GOOD], "expected a JSON object, got list"),
])
def test_jsonl_line_problems(tmp_path: Path, line: object, message: str) -> None:
    path = _write(tmp_path, "bad.jsonl", (json.dumps({"text": GOOD}) + "\n" + json.dumps(line) + "\n").encode())
    outcome = read_file(path)
    assert len(outcome.articles) == 1
    [error] = outcome.errors
    assert (str(error), error.line) == (f"{path}:2: {message}", 2)


def test_unsupported_extension(tmp_path: Path) -> None:
    path = _write(tmp_path, "report.pdf", b"%PDF-1.7")
    expected = f"{path}: unsupported extension .pdf; supported: .htm .html .jsonl .markdown .md .txt"
    assert str(_single_error(read_file(path))) == expected
    files, errors = discover([path])
    assert files == []
    assert [str(e) for e in errors] == [expected]


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    assert str(_single_error(read_file(path))) == f"{path}: no such file or directory"
    files, errors = discover([path, tmp_path / "no-dir"])
    assert files == []
    assert [str(e) for e in errors] == [f"{path}: no such file or directory",
                                        f"{tmp_path / 'no-dir'}: no such file or directory"]


def test_html_without_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.html", b"<html><head><title>x</title></head><body>  </body></html>")
    assert str(_single_error(read_file(path))) == f"{path}: no text found in HTML"


def test_a_bad_file_does_not_stop_discovery(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", GOOD.encode())
    _write(tmp_path, "b.txt", b"")
    files, errors = discover([tmp_path])
    assert errors == []
    outcomes = [read_file(path) for path in files]
    assert [len(o.articles) for o in outcomes] == [1, 0]
    assert [len(o.errors) for o in outcomes] == [0, 1]
