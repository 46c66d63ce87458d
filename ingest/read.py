"""Read: turn files (plain text, Markdown, HTML, JSONL) into :class:`~ontology.records.Article` records.

This is the I/O edge of the pipeline (read → clean → annotate → ...). :func:`discover` expands the paths
given on the command line; :func:`read_file` reads one file and never raises for bad content: problems
come back as :class:`~ontology.errors.InputError` values in a :class:`ReadOutcome`, so one bad file (or
one bad JSONL line) does not stop a batch, and the CLI decides how to report them.

Article text is stored as read, with only ``\\r\\n`` and ``\\r`` turned into ``\\n``: every offset the
pipeline produces indexes that text. HTML is first reduced to its main text by trafilatura.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, Literal

from ingest.clean import find_boilerplate
from ingest.decode import NotRegularFile, decode, open_regular, read_bounded, strip_controls
from ingest.metadata import infer_metadata, parse_date, placeholder_outlet, read_header
from ontology.errors import InputError
from ontology.ids import content_hash, make_id
from ontology.records import Article

__all__ = ["MAX_BYTES", "SUPPORTED", "ReadOutcome", "discover", "read_file", "shown_path"]

Format = Literal["txt", "md", "html", "jsonl"]

#: File extensions read (lower-cased) and the article format each yields.
SUPPORTED: dict[str, Format] = {
    ".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
}
#: Articles larger than this many bytes are refused by default (a news article is a few KiB): a text,
#: Markdown or HTML file, or one JSONL line. A JSONL file may hold any number of articles.
MAX_BYTES = 5_000_000

# Binary sniffing looks at the head of the file only.
_SNIFF_BYTES = 8192
# Share of C0 control characters (other than whitespace) above which the head is taken as binary data.
_MAX_CONTROL_SHARE = 0.05
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ESCAPED = re.compile(r"[\udc80-\udcff]")  # undecodable bytes, as errors="surrogateescape" writes them
_JSONL_FIELDS = ("url", "title", "published", "outlet")


@dataclass(frozen=True)
class ReadOutcome:
    """What reading one file gave.

    Attributes
    ----------
    path:
        The file read.
    articles:
        The articles that could be read (one for text, Markdown and HTML; one per good JSONL line).
    errors:
        Why the file, or some of its lines, could not be read (``InputError.line`` set for JSONL).
    warnings:
        Problems the articles were read despite, e.g. ``"not valid UTF-8: 3 bytes replaced"``.
    unchanged:
        Ids of articles left unbuilt because they were among the ``known`` ids given to :func:`read_file`.
    """

    path: Path
    articles: tuple[Article, ...]
    errors: tuple[InputError, ...]
    warnings: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()


class _Known(Exception):
    """Raised by :func:`_article` for text whose article id is known already: nothing more to build."""

    def __init__(self, article_id: str) -> None:
        super().__init__(article_id)
        self.article_id = article_id


def shown_path(path: Path | str) -> str:
    """``path`` as text that any terminal, JSON file or database can hold: bytes that are not UTF-8
    (Python keeps them as lone surrogates) are written ``\\xNN``, so the name stays faithful.

    >>> shown_path(Path(os.fsdecode(b"bad\\xffbyte.txt")))
    'bad\\\\xffbyte.txt'
    """
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _supported_list() -> str:
    return " ".join(sorted(SUPPORTED))


def _unsupported(path: Path) -> InputError:
    suffix = path.suffix or "(none)"
    return InputError(f"unsupported extension {suffix}; supported: {_supported_list()}", shown_path(path))


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(directory: Path) -> tuple[list[Path], list[InputError]]:
    files: list[Path] = []
    errors: list[InputError] = []
    for root, dirnames, filenames in os.walk(directory):
        # Sorted and pruned in place: os.walk then descends in a deterministic order and skips hidden dirs.
        dirnames[:] = sorted(name for name in dirnames if not _hidden(name))
        for name in sorted(filenames):
            if _hidden(name):
                continue
            path = Path(root) / name
            if path.suffix.lower() in SUPPORTED:
                files.append(path)
            else:
                errors.append(_unsupported(path))
    return files, errors


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[InputError]]:
    """Expand ``paths`` into the files to read.

    Directories are walked recursively in sorted order, skipping hidden files and directories (names
    starting with ``.``); files are kept in the order given. A file reached twice is listed once.

    Returns
    -------
    tuple[list[Path], list[InputError]]
        The files with a supported extension, and one error per missing path ("no such file or
        directory") and per file with an unsupported extension ("unsupported extension .pdf; supported:
        ..."), whether named or found in a directory.
    """
    files: list[Path] = []
    errors: list[InputError] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found, problems = _walk(path)
            errors.extend(problems)
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED:
                errors.append(_unsupported(path))
                continue
            found = [path]
        elif path.exists():
            errors.append(InputError("not a regular file or directory", shown_path(path)))
            continue
        else:
            errors.append(InputError("no such file or directory", shown_path(path)))
            continue
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files, errors


# -- decoding --------------------------------------------------------------------------------------


_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-16 and UTF-32 text holds NUL bytes


def _is_binary(data: bytes) -> bool:
    """NUL bytes in the head, or many control characters: an image, archive or executable.

    Undecodable bytes alone do not make a file binary: a text in a legacy encoding (cp1251, latin-1) is
    kept, with replacement characters and a warning.
    """
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    sample = head.decode("utf-8", errors="replace")
    return len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample)


def _replace_escaped(text: str) -> tuple[str, str | None]:
    """``text`` with undecodable bytes as U+FFFD, and the warning to give (``None`` when all was UTF-8)."""
    replaced = len(_ESCAPED.findall(text))
    if not replaced:
        return text, None
    noun = "byte" if replaced == 1 else "bytes"
    return _ESCAPED.sub("\ufffd", text), f"not valid UTF-8: {replaced} {noun} replaced with U+FFFD"


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- HTML ------------------------------------------------------------------------------------------

_BLOCK_TAGS = ("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
               "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
               "p", "pre", "section", "table", "td", "th", "tr", "ul")
# lxml and trafilatura are imported where HTML is read (about 70 ms of start-up a run without HTML saves).


@cache
def _cleaner() -> Any:
    from lxml_html_clean import Cleaner

    return Cleaner(scripts=True, javascript=True, style=True, comments=True, forms=True, page_structure=False)


def _body_text(html: str) -> str:
    """Fallback when trafilatura finds no main text: the text of ``<body>``, blank lines squeezed."""
    import lxml.html  # type: ignore[import-untyped]  # lxml ships no stubs; lxml-stubs is not a dependency
    from lxml.etree import ParserError  # type: ignore[import-untyped]

    try:
        root = _cleaner().clean_html(lxml.html.document_fromstring(html))
    except (ParserError, ValueError):
        return ""
    body = root.find("body")
    node = body if body is not None else root
    # text_content() glues block elements together; end each block with a line break first.
    for element in node.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (line.strip() for line in node.text_content().splitlines())
    return "\n\n".join(line for line in lines if line)


def _extract_html(html: str) -> tuple[str, dict[str, str]]:
    """Main text of an HTML page, and the metadata trafilatura found (title, date, outlet, url)."""
    import trafilatura
    from lxml.etree import ParserError

    result: Mapping[str, Any] | None = None
    try:
        found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    except (ValueError, TypeError, ParserError):  # trafilatura gives up on some malformed input
        found = None
    if isinstance(found, dict):
        result = found
    elif found is not None:
        result = found.as_dict()
    text = str(result.get("text") or "") if result else ""
    meta: dict[str, str] = {}
    if result:
        for ours, theirs in (("title", "title"), ("published", "date"), ("outlet", "sitename"), ("url", "url")):
            value = result.get(theirs)
            if isinstance(value, str) and value.strip():
                meta[ours] = value.strip()
    if not text.strip():
        text = _body_text(html)
    return text, meta


# -- articles --------------------------------------------------------------------------------------


def _article(text: str, path: str, fmt: Format, given: Mapping[str, str | None],
             warnings: tuple[str, ...], known: Container[str]) -> tuple[Article, tuple[str, ...]]:
    """Build the article; ``given`` metadata wins over what the text says. Returns extra warnings.

    Raises :class:`_Known` before the boilerplate and metadata are looked for when the article's id is
    in ``known``."""
    text, removed = strip_controls(_normalise_newlines(text))
    if not text.strip():
        raise InputError("no article text", path)
    if removed:
        warnings = (*warnings, f"{removed} control character(s) removed")
    given = {key: strip_controls(value)[0] if value else value for key, value in given.items()}
    digest = content_hash(text)
    article_id = make_id("article", digest)
    if article_id in known:
        raise _Known(article_id)
    boilerplate = find_boilerplate(text)
    if fmt in ("txt", "md"):
        # A leading "URL: / Title: / Date: / Source:" block is metadata (the file's own wins over it).
        header = read_header(text)
        given = {**header.fields, **{key: value for key, value in given.items() if value}}
        others = [s for s in boilerplate if not any(h.start < s.end and s.start < h.end for h in header.spans)]
        boilerplate = tuple(sorted((*header.spans, *others), key=lambda span: span.start))
    inferred = infer_metadata(text, boilerplate, given.get("url"))
    extra: list[str] = []
    published = inferred.published
    given_date = given.get("published")
    if given_date:
        parsed = parse_date(given_date)
        if parsed is None:
            extra.append(f"unrecognised published date {given_date!r}; using the text's")
        else:
            published = parsed
    article = Article(
        id=article_id,
        path=path,
        text=text,
        content_hash=digest,
        format=fmt,
        url=given.get("url") or None,
        title=given.get("title") or inferred.title,
        # Never empty: an article that names no outlet gets a placeholder of its own (resolved as inferred).
        outlet=given.get("outlet") or inferred.outlet or placeholder_outlet(path, article_id),
        published=published,
        boilerplate=boilerplate,
        warnings=(*warnings, *extra),
    )
    return article, (f"{removed} control character(s) removed", *extra) if removed else tuple(extra)


def _read_document(text: str, path: Path, fmt: Format, warnings: tuple[str, ...], known: Container[str]) -> ReadOutcome:
    given: dict[str, str] = {}
    if fmt == "html":
        text, given = _extract_html(strip_controls(text)[0])  # lxml refuses control characters
        if not text.strip():
            return ReadOutcome(path, (), (InputError("no text found in HTML", shown_path(path)),), warnings)
    try:
        article, extra = _article(text, shown_path(path), fmt, given, warnings, known)
    except InputError as error:
        return ReadOutcome(path, (), (error,), warnings)
    except _Known as seen:
        return ReadOutcome(path, (), (), warnings, (seen.article_id,))
    return ReadOutcome(path, (article,), (), (*warnings, *extra))


def _jsonl_article(line: str, path: Path, number: int, known: Container[str]) -> tuple[Article, tuple[str, ...]]:
    where = shown_path(path)
    text, warning = _replace_escaped(line)
    warnings = (warning,) if warning else ()
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"malformed JSON, column {err.colno}: {err.msg}", where, number) from err
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}", where, number)
    given: dict[str, str | None] = {}
    for key in _JSONL_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"field {key!r} must be a string, got {type(value).__name__}", where, number)
        given[key] = value
    body, html = record.get("text"), record.get("html")
    for key, value in (("text", body), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"field {key!r} must be a string, got {type(value).__name__}", where, number)
    fmt: Format = "jsonl"
    if isinstance(body, str) and body.strip():
        article_text = body
    elif isinstance(html, str) and html.strip():
        article_text, found = _extract_html(strip_controls(html)[0])
        given = {key: given.get(key) or found.get(key) for key in _JSONL_FIELDS}
        if not article_text.strip():
            raise InputError("no text found in the 'html' field", where, number)
    elif body is None and html is None:
        raise InputError("line has neither 'text' nor 'html'", where, number)
    else:
        raise InputError("empty 'text'/'html' field", where, number)
    try:
        article, extra = _article(article_text, f"{where}#L{number}", fmt, given, warnings, known)
    except InputError as error:
        raise InputError(str(error.args[0]), where, number) from error
    return article, (*warnings, *extra)


def _jsonl_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, str | None]]:
    """(number, line) per line of a JSONL file, each read with at most ``max_bytes + 1`` bytes in memory;
    ``None`` for a line over ``max_bytes`` (the rest of it is skipped unread into memory).

    Split on ``\\n`` only: str.splitlines() would also split on U+2028 and friends, which JSON strings
    may hold raw.
    """
    number = 0
    while chunk := handle.readline(max_bytes + 1):
        number += 1
        if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        if number == 1 and chunk.startswith(codecs.BOM_UTF8):
            chunk = chunk[len(codecs.BOM_UTF8):]
        yield number, _normalise_newlines(chunk.decode("utf-8", errors="surrogateescape")).rstrip("\n")


def _read_jsonl(path: Path, known: Container[str], max_bytes: int) -> ReadOutcome:
    articles: list[Article] = []
    errors: list[InputError] = []
    warnings: list[str] = []
    unchanged: list[str] = []
    with open_regular(path) as handle:
        head = handle.read(_SNIFF_BYTES)
        if not head.startswith(_WIDE_BOMS) and _is_binary(head):
            return ReadOutcome(path, (), (InputError("binary file, not text", shown_path(path)),))
        handle.seek(0)
        for number, line in _jsonl_lines(handle, max_bytes):
            if line is None:
                errors.append(InputError(f"article too large: over {max_bytes:,} bytes (--max-bytes)",
                                         shown_path(path), number))
                continue
            if not line.strip():
                continue
            try:
                article, line_warnings = _jsonl_article(line, path, number, known)
            except InputError as error:
                errors.append(error)
                continue
            except _Known as seen:
                unchanged.append(seen.article_id)
                continue
            articles.append(article)
            warnings.extend(f"line {number}: {warning}" for warning in line_warnings)
    if not articles and not errors and not unchanged:
        errors.append(InputError("empty file (whitespace only)" if head else "empty file", shown_path(path)))
    return ReadOutcome(path, tuple(articles), tuple(errors), tuple(warnings), tuple(unchanged))


def read_file(path: Path, known: Container[str] = frozenset(), max_bytes: int = MAX_BYTES) -> ReadOutcome:
    """Read one file into articles.

    An article whose id is in ``known`` (one already stored, say) is not built: its id is listed in
    ``unchanged`` instead, and the cost of finding its boilerplate and metadata is saved.

    Never raises for bad content; every problem is an :class:`InputError` in ``errors``:
    unsupported extension, missing or unreadable file, an article of more than ``max_bytes`` bytes
    (:data:`MAX_BYTES` by default: the whole file for text, Markdown and HTML, each line for JSONL),
    an empty or whitespace-only file ("empty file"), binary data ("binary file": NUL bytes in the first
    8 KiB, or mostly control bytes), HTML without text, and per JSONL line (``line`` set, 1-based):
    malformed JSON, not an object, neither ``text`` nor ``html``, fields of the wrong type, too large.
    A path that is no regular file (a FIFO, a device, a link to one) is skipped with a warning and
    never opened for a blocking read; no read holds more than ``max_bytes + 1`` bytes of a file.

    Encodings: a byte-order mark, else UTF-8, else for HTML the page's ``<meta charset>`` (or
    ``http-equiv``), else the encoding charset-normalizer detects; the outcome warns which one was used
    ("not UTF-8: decoded as cp1251 (detected)") and how many undecodable bytes became U+FFFD. JSONL is
    UTF-8 (its lines' bad bytes become U+FFFD, with a warning). Control characters (C0 but tab and
    line breaks, DEL, lone surrogates, U+FFFE, U+FFFF) are removed from text and metadata, with a
    warning: they break XML exports and terminals. File names that are not UTF-8 are kept, their bad
    bytes written ``\\xNN`` (:func:`shown_path`).

    Formats
    -------
    ``.txt``, ``.md``, ``.markdown``
        The whole file is one article; Markdown is kept as written.
    ``.html``, ``.htm``
        trafilatura's main text (comments excluded, recall favoured); its title, date, site name (the
        outlet) and URL win over what the text says. Falls back to the text of ``<body>``.
    ``.jsonl``
        One JSON object a line with ``text`` or ``html`` (``text`` wins when both are given) and optional
        ``url``, ``title``, ``published`` (ISO date or datetime, or a written date), ``outlet``; blank
        lines skipped. The article's ``path`` is ``"<file>#L<n>"``.

    Every article's text has ``\\r\\n`` and ``\\r`` turned into ``\\n``, control characters removed and
    nothing else changed; its id is ``make_id("article", content_hash(text))``; its boilerplate comes
    from :func:`ingest.clean.find_boilerplate`; metadata the file states explicitly wins, else
    :func:`ingest.metadata.infer_metadata`.
    """
    fmt = SUPPORTED.get(path.suffix.lower())
    shown = shown_path(path)
    if fmt is None:
        return ReadOutcome(path, (), (_unsupported(path),))
    try:
        if fmt == "jsonl":
            return _read_jsonl(path, known, max_bytes)
        data = read_bounded(path, max_bytes)
    except NotRegularFile as err:
        return ReadOutcome(path, (), (), (f"skipped: {err}",))
    except FileNotFoundError:
        return ReadOutcome(path, (), (InputError("no such file or directory", shown),))
    except OSError as err:
        return ReadOutcome(path, (), (InputError(f"cannot read file: {err.strerror or err}", shown),))
    if len(data) > max_bytes:
        return ReadOutcome(path, (), (InputError(f"article too large: over {max_bytes:,} bytes (--max-bytes)",
                                                 shown),))
    if not data.strip():
        what = "empty file" if not data else "empty file (whitespace only)"
        return ReadOutcome(path, (), (InputError(what, shown),))
    if not data.startswith(_WIDE_BOMS) and _is_binary(data):
        return ReadOutcome(path, (), (InputError("binary file, not text", shown),))
    decoded = decode(data, html=fmt == "html")
    warning = decoded.warning()
    if not decoded.text.strip():
        return ReadOutcome(path, (), (InputError("empty file (whitespace only)", shown),))
    return _read_document(decoded.text, path, fmt, (warning,) if warning else (), known)
