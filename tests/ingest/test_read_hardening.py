"""Readers against hostile or unusual files: limits, file types, encodings, control characters, names."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from ingest.read import discover, read_file

TEXT = ("Forklifts via Almaty\n\nA distributor in Almaty resold 40 Chinese forklifts to a buyer in Russia in "
        "May 2024, customs records show.\n")
RUSSIAN = ("Экспорт подшипников из Китая в Россию вырос на 40 процентов в 2023 году, сообщили в таможне. "
           "Поставки шли через Казахстан и Киргизию.\n")


def test_the_limit_is_per_article_not_per_jsonl_file(tmp_path: Path) -> None:
    line = json.dumps({"text": TEXT}, ensure_ascii=False).encode() + b"\n"
    path = tmp_path / "batch.jsonl"
    path.write_bytes(line * 40 + json.dumps({"text": "x" * 5_000}).encode() + b"\n" + line)
    assert path.stat().st_size > 5_000
    outcome = read_file(path, max_bytes=len(line) + 10)
    assert len(outcome.articles) == 41
    [error] = outcome.errors
    assert error.line == 41 and "article too large" in str(error)


def test_a_fifo_is_skipped_with_a_warning_and_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result: list[object] = []
    reader = threading.Thread(target=lambda: result.append(read_file(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading a FIFO hung"
    [outcome] = result
    assert outcome.articles == () and outcome.errors == ()  # type: ignore[attr-defined]
    assert outcome.warnings == ("skipped: a FIFO, not a regular file",)  # type: ignore[attr-defined]


def test_a_link_to_a_device_is_skipped(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    files, errors = discover([tmp_path])
    assert files == [link] and errors == []
    outcome = read_file(link)
    assert outcome.articles == () and outcome.warnings == ("skipped: a character device, not a regular file",)


def test_cp1251_text_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    [article] = read_file(path).articles
    assert article.text == RUSSIAN
    assert article.warnings == ("not UTF-8: decoded as cp1251 (detected)",)


@pytest.mark.parametrize("declaration", ['<meta charset="windows-1251">',
                                         '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'])
def test_html_declared_charset_is_used(tmp_path: Path, declaration: str) -> None:
    page = (f"<html><head>{declaration}<title>Подшипники</title></head><body><article><h1>Подшипники</h1>"
            f"<p>{RUSSIAN}</p></article></body></html>")
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("cp1251"))
    outcome = read_file(path)
    [article] = outcome.articles
    assert "Экспорт подшипников" in article.text and "\ufffd" not in article.text
    assert article.warnings == ("not UTF-8: decoded as cp1251",)


def test_only_undecodable_bytes_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(TEXT.encode() + b"\xff\xfe broken tail \xc3\n")
    [article] = read_file(path).articles
    assert article.text.startswith(TEXT)


def test_control_characters_are_removed_past_the_sniffed_head(tmp_path: Path) -> None:
    body = TEXT + "\n".join(["Another plain paragraph about freight."] * 300)
    path = tmp_path / "controls.txt"
    path.write_bytes(body.encode() + b"\n\x00\x01\x1b[31mred\x7f\n")
    assert len(body) > 8192
    [article] = read_file(path).articles
    assert "\x00" not in article.text and "\x1b" not in article.text and "[31mred" in article.text
    assert "4 control character(s) removed" in article.warnings


def test_html_with_a_control_character_and_no_main_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "odd.html"
    path.write_bytes(b"<html><body><div>Almaty \x01 forklifts</div></body></html>")
    outcome = read_file(path)
    assert outcome.errors == ()
    [article] = outcome.articles
    assert "Almaty" in article.text and "\x01" not in article.text


def test_jsonl_control_characters_in_text_and_metadata_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": TEXT + "\u0007bell", "title": "Fork\u0000lifts"}) + "\n", encoding="utf-8")
    [article] = read_file(path).articles
    assert "\x07" not in article.text and article.title == "Forklifts"


def test_a_file_name_that_is_not_utf8_is_kept_faithfully(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xffbyte.txt")
    path = tmp_path / name
    path.write_text(TEXT, encoding="utf-8")
    [found], _ = discover([tmp_path])
    [article] = read_file(found).articles
    assert article.path.endswith("bad\\xffbyte.txt")
    article.path.encode("utf-8")  # storable and printable
