"""Infer an article's title, publication date, URL and outlet from its text, and parse metadata dates.

Used by :mod:`ingest.read` when a file gives no explicit metadata (plain text, Markdown, JSONL lines
without the keys). :func:`read_header` reads the leading block of ``Key: value`` lines that scrapers and
archives write above a text (``URL:``, ``Title:``, ``Date:``, ``Source:``, ``Author:``) as metadata and
marks it as boilerplate, so it is kept out of extraction. :func:`infer_metadata` finds the outlet, in
order: the site's own statement ("© 2023 X", "Published by X"), a credit at the top of the text
("(Reuters) -", "(MENAFN- Ukrinform)", "Azatutyun.am."), the URL's domain in the outlet file
(``ontology/gazetteers/outlets.yaml``; sites that republish others' copy come after the credit), and last
the URL's host itself ("asb-media.info"), which :func:`ingest.resolve.resolve_outlet` marks as inferred,
or, without a URL, the site's name as its logo line repeats it.

When nothing names the outlet (no metadata, no credit, no URL, no logo), the reader gives the article a
placeholder, :func:`placeholder_outlet`: "unnamed outlet of <file name> (<id>)", named by what is known of
the article (its file name and content id, so two unnamed articles never share an outlet and the name is the
same on every machine). :func:`ingest.resolve.resolve_outlet` types it a ``MediaOutlet`` marked inferred,
so every attribution chain still starts with the article's outlet; it is never taken for a named outlet.

Dates: plain regular expressions for the dateline forms news sites use (a date is only taken from a
dateline or byline), and :mod:`dateparser` for a header's ``Date:`` value in any other written form.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from ontology.datafile import read_data_file, validate_data
from ontology.gazetteer import GAZETTEER_DIR
from ontology.records import Span

__all__ = ["OUTLETS_PATH", "PLACEHOLDER_OUTLET", "Header", "InferredMetadata", "OutletFile", "host_of",
           "infer_metadata", "is_placeholder_outlet", "load_outlet_file", "outlet_of_domain", "parse_date",
           "placeholder_outlet", "read_header"]

#: Outlets, their web domains, the header keys and the credit patterns.
OUTLETS_PATH = GAZETTEER_DIR / "outlets.yaml"
#: How the name of an outlet that nothing names begins (see :func:`placeholder_outlet`).
PLACEHOLDER_OUTLET = "unnamed outlet of "
#: Label of the boilerplate span that covers a leading ``Key: value`` block.
HEADER_LABEL = "metadata-header"
#: How many non-empty lines of the body (after a header) are searched for a credit.
CREDIT_SEARCH_LINES = 3

#: How many non-empty, non-boilerplate lines from the top are searched for a dateline.
DATE_SEARCH_LINES = 15
#: Longest line taken as a title.
MAX_TITLE_CHARS = 200
# A dateline or byline is short; a longer line with a date in it is a body sentence ("On 24 February 2022 ...").
_MAX_DATELINE_CHARS = 100
_MAX_DATELINE_WORDS = 14

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),  # 2023-08-22, 2023-08-22T20:25
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),  # 22 August 2023
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # August 22, 2023 / Aug. 22, 2023
)
_YEARS = r"(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?"
_OUTLET_PATTERNS = (
    # "Ukrainska Pravda is the place where you will find ..."
    re.compile(r"^(?P<outlet>[A-Z][\w&.'’ -]{1,60}?)\s+is\s+(?:the|your)\s+(?:place|source)\s+(?:where|for)\b"),
    re.compile(r"^published\s+by\s+(?P<outlet>[^.|,\n]{2,60})", re.IGNORECASE),
    # "© 2023 Outlet. All rights reserved." / "Copyright © 2023 Outlet"
    re.compile(rf"^(?:(?:copyright\s*)?(?:©|\(c\))\s*(?:{_YEARS}\s*)?|copyright\s+{_YEARS}\s+)"
               r"(?P<outlet>[^.|,\n]{2,60})", re.IGNORECASE),
)


@dataclass(frozen=True)
class InferredMetadata:
    """What the text itself says about the article; ``None`` where it says nothing recognisable."""

    title: str | None
    published: dt.date | None
    outlet: str | None
    host: str | None = None


def _date_from(match: re.Match[str]) -> dt.date | None:
    month_text = match.group("month").lower()
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
    try:
        return dt.date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:  # 31 February and the like: not a date
        return None


def _find_date(text: str) -> dt.date | None:
    found: list[tuple[int, dt.date]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            date = _date_from(match)
            if date is not None:
                found.append((match.start(), date))
                break
    return min(found)[1] if found else None


def parse_date(value: str) -> dt.date | None:
    """The date in a metadata string, or ``None``.

    Accepts ISO dates and datetimes (``2023-08-22``, ``2023-08-22T20:25:00Z``, with any offset; the
    date is taken as written, not converted to UTC) and the written forms of :func:`infer_metadata`
    ("22 August 2023", "Aug. 22, 2023", "Tuesday, 22 August 2023, 20:25").

    >>> parse_date("2023-08-22T20:25:00+03:00")
    datetime.date(2023, 8, 22)
    >>> parse_date("Aug. 22, 2023")
    datetime.date(2023, 8, 22)
    >>> parse_date("22.08.2023"), parse_date("2023/08/22")
    (datetime.date(2023, 8, 22), datetime.date(2023, 8, 22))
    >>> parse_date("yesterday") is None
    True
    """
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    return _find_date(value) or _parsed_date(value)


def _parsed_date(value: str) -> dt.date | None:
    """Other written dates ("22.08.2023", "2023/08/22", "22 Aug 2023 10:12 GMT") by :mod:`dateparser`,
    day before month where the order is open; a date must state its day, month and year."""
    if not re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", value):
        return None  # "yesterday", "2 hours ago": relative to when it was read, not a date of its own
    # Imported here: its start-up costs a second, and most metadata dates are ISO.
    import dateparser  # type: ignore[import-untyped]  # dateparser ships no stubs

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY", "PREFER_LOCALE_DATE_ORDER": False,
                "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        parsed = dateparser.parse(value, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed is not None else None


def _is_dateline(line: str) -> bool:
    short = len(line) <= _MAX_DATELINE_CHARS and len(line.split()) <= _MAX_DATELINE_WORDS
    return short and _find_date(line) is not None


def _content_lines(text: str, boilerplate: Sequence[Span]) -> Iterator[str]:
    """Stripped non-empty lines of ``text`` that do not overlap a boilerplate span."""
    offset = 0
    for raw in text.split("\n"):
        start, end = offset, offset + len(raw)
        offset = end + 1
        line = raw.strip()
        if line and not any(span.start < end and start < span.end for span in boilerplate):
            yield line


def _title(lines: Sequence[str], outlet: str | None) -> str | None:
    for line in lines:
        candidate = line.lstrip("#").strip()
        if not any(char.isalnum() for char in candidate) or _is_dateline(candidate):
            continue  # a rule ("-", "***") or the dateline
        if outlet is not None and candidate.casefold() == outlet.casefold():
            continue  # the masthead
        # The first real line is the title, or there is none: a long first paragraph is body text.
        return candidate if len(candidate) <= MAX_TITLE_CHARS else None
    return None


def _outlet(text: str) -> str | None:
    for raw in text.split("\n"):
        line = raw.strip()
        for pattern in _OUTLET_PATTERNS:
            match = pattern.match(line)
            if match:
                outlet = re.sub(r"\s+all\s+rights\s+reserved.*$", "", match.group("outlet"), flags=re.IGNORECASE)
                outlet = outlet.strip(" .-–|")
                if outlet:
                    return outlet
    return None


def infer_metadata(text: str, boilerplate: Sequence[Span] = (), url: str | None = None) -> InferredMetadata:
    """Title, publication date and outlet as the text states them.

    Parameters
    ----------
    text:
        The article text.
    boilerplate:
        Spans from :func:`ingest.clean.find_boilerplate`; lines touching them are never the title or
        the dateline (the outlet is looked for in all lines, since promo lines are boilerplate).

    Returns
    -------
    InferredMetadata
        ``title``: the first non-empty, non-boilerplate line that is not a dateline or the masthead
        (the outlet's name) and has letters,
        Markdown ``#`` stripped, if it has at most :data:`MAX_TITLE_CHARS` characters (a longer first
        line is body text, and then there is no title). ``published``: the date of the first dateline
        (a short line with a date, e.g. "Tuesday, 22 August 2023, 20:25", "By Jane Doe | March 5, 2024",
        "Updated 5 March 2024 10:12 GMT") among the first :data:`DATE_SEARCH_LINES` lines. ``outlet``:
        from a promo line ("<Outlet> is the place where ..."), "Published by <Outlet>" or
        "© 2023 <Outlet>"; else a credit at the top of the text, the URL's domain in the outlet file, or
        the URL's host (see the module docstring); a cited "Source: X" is not the outlet. ``host``: the
        URL's host, when ``url`` has one.

    >>> meta = infer_metadata("# Trucks cross at Manzhouli\\n\\nPublished: 14 November 2023\\n\\nBody.")
    >>> meta.title, meta.published, meta.outlet
    ('Trucks cross at Manzhouli', datetime.date(2023, 11, 14), None)
    """
    lines = list(_content_lines(text, boilerplate))
    top = lines[:DATE_SEARCH_LINES]
    published = next((_find_date(line) for line in top if _is_dateline(line)), None)
    stated = _outlet(text)
    outlet, host = (stated, host_of(url)) if stated else _outlet_by_source(text, boilerplate, url)
    return InferredMetadata(title=_title(lines, stated or outlet), published=published, outlet=outlet,
                            host=host)


def placeholder_outlet(path: str, article_id: str) -> str:
    """The outlet of an article that nothing names: its file name (a JSONL line keeps its ``#L`` number) and
    the first characters of its content id, so that the name is unique to the article and stable across
    machines (the folders above the file are left out).

    >>> placeholder_outlet("/tmp/in/notes.txt", "article:3f2a9c1e77d0aa11")
    'unnamed outlet of notes.txt (3f2a9c1e)'
    >>> is_placeholder_outlet("unnamed outlet of notes.txt (3f2a9c1e)"), is_placeholder_outlet("Reuters")
    (True, False)
    """
    name = re.split(r"[\\/]", path)[-1] or "standard input"
    digest = article_id.split(":")[-1][:8]
    return f"{PLACEHOLDER_OUTLET}{name} ({digest})"


def is_placeholder_outlet(name: str) -> bool:
    """Whether an outlet name is a :func:`placeholder_outlet` (nothing named the outlet)."""
    return name.startswith(PLACEHOLDER_OUTLET)


# -- outlet file: domains, header keys, credits ------------------------------------------------------


class _Domain(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    domain: str
    outlet: str
    republisher: bool = False


class _Credit(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str
    pattern: str


class _OutletData(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    domains: tuple[_Domain, ...]
    header_keys: dict[str, tuple[str, ...]]
    credits: tuple[_Credit, ...]


@dataclass(frozen=True)
class OutletFile:
    """The parts of ``outlets.yaml`` that metadata inference reads."""

    domains: Mapping[str, tuple[str, bool]]  # domain -> (outlet name, republisher)
    header_keys: Mapping[str, str]  # folded key -> field ("url", "title", "published", "outlet", "author")
    credits: tuple[tuple[str, re.Pattern[str]], ...]


@cache
def load_outlet_file(path: Path = OUTLETS_PATH) -> OutletFile:
    """Read ``outlets.yaml``'s domains, header keys and credit patterns (cached).

    Raises
    ------
    OntologyError
        When the file cannot be read, a key is missing or malformed, or a credit pattern does not compile
        or lacks its ``outlet`` group (the message names the file and the key).
    """
    from ontology.errors import OntologyError

    data = read_data_file(path, "the outlet file")
    parsed = validate_data(path, _OutletData, {key: data.get(key) for key in ("domains", "header_keys", "credits")})
    credits: list[tuple[str, re.Pattern[str]]] = []
    for credit in parsed.credits:
        try:
            pattern = re.compile(credit.pattern)
        except re.error as err:
            raise OntologyError(f"{path}: credits: {credit.name}: {err}") from err
        if "outlet" not in pattern.groupindex:
            raise OntologyError(f"{path}: credits: {credit.name}: the pattern has no group 'outlet'")
        credits.append((credit.name, pattern))
    keys = {" ".join(word.lower().split()): field for field, words in parsed.header_keys.items() for word in words}
    domains = {row.domain.lower(): (row.outlet, row.republisher) for row in parsed.domains}
    return OutletFile(domains, keys, tuple(credits))


def host_of(url: str | None) -> str | None:
    """The host of a URL without ``www.`` / ``amp.`` / ``m.`` and a trailing dot, or ``None``.

    >>> host_of("https://www.Example-News.com./en/story?id=1")
    'example-news.com'
    >>> host_of("not a url") is None
    True
    """
    if not url:
        return None
    candidate = url.strip()
    if "//" not in candidate:
        candidate = "//" + candidate
    try:
        host = urlsplit(candidate).hostname
    except ValueError:
        return None
    if not host or "." not in host or " " in host:
        return None
    host = host.rstrip(".").lower()
    host = re.sub(r"^(?:www\d?|amp|m|mobile)\.", "", host)
    return host


def outlet_of_domain(host: str, outlets: OutletFile | None = None) -> tuple[str, bool] | None:
    """The outlet a host publishes for, and whether the site is a republisher: the host's own entry, else
    that of the domain it belongs to ("newsukraine.rbc.ua" -> "rbc.ua"); ``None`` when unlisted.

    >>> outlet_of_domain("newsukraine.rbc.ua")
    ('RBC-Ukraine', False)
    """
    domains = (outlets or load_outlet_file()).domains
    labels = host.lower().rstrip(".").split(".")
    for index in range(len(labels) - 1):
        found = domains.get(".".join(labels[index:]))
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class Header:
    """The leading ``Key: value`` block of a text: its fields by name (``url``, ``title``, ``published``,
    ``outlet``, ``author``; the first of a repeated key wins) and the spans to mask (the whole block
    except the title's value, which stays readable as the headline)."""

    fields: Mapping[str, str]
    spans: tuple[Span, ...]


_HEADER_LINE = re.compile(r"^[ \t]*(?P<key>[A-Za-z][A-Za-z _-]{0,30}?)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")


def read_header(text: str, outlets: OutletFile | None = None) -> Header:
    """The leading block of ``Key: value`` lines of ``text`` (blank lines before it skipped; it ends at the
    first blank line or at the first line that is not a known key with a value).

    Every line of the block must name a known key (``header_keys`` in ``outlets.yaml``: ``URL``,
    ``Title``, ``Date``/``Published``, ``Source``/``Outlet``, ``Author``/``Byline`` and their variants),
    so a body that opens with "Update: the ministry said ..." is no header. A ``Source:`` line of the
    header names the outlet; one in the body is a cited source, read by attribution.

    >>> header = read_header("URL: https://example.org/a\\nTitle: Exports rise\\n\\nBody text.")
    >>> dict(header.fields), [(s.start, s.end) for s in header.spans]
    ({'url': 'https://example.org/a', 'title': 'Exports rise'}, [(0, 26), (27, 34)])
    """
    keys = (outlets or load_outlet_file()).header_keys
    fields: dict[str, str] = {}
    spans: list[Span] = []
    offset = 0
    lines = text.split("\n")
    index = 0
    while index < len(lines) and not lines[index].strip():
        offset += len(lines[index]) + 1
        index += 1
    for line in lines[index:]:
        match = _HEADER_LINE.match(line)
        field = keys.get(" ".join(match.group("key").lower().split())) if match else None
        if match is None or field is None or not match.group("value"):
            break
        if field == "title":
            # The key is masked, the headline after it stays readable.
            spans.append(Span(start=offset, end=offset + match.start("value"), label=HEADER_LABEL))
        else:
            spans.append(Span(start=offset, end=offset + len(line), label=HEADER_LABEL))
        fields.setdefault(field, match.group("value"))
        offset += len(line) + 1
    return Header(fields, tuple(spans))


def _credited_outlet(text: str, boilerplate: Sequence[Span], outlets: OutletFile) -> str | None:
    """The outlet a credit near the top of the text names ("(Reuters) -", "(MENAFN- Ukrinform)",
    "Azatutyun.am. ..."), a bare domain resolved through the domain list; ``None`` when there is none."""
    for line in list(_content_lines(text, boilerplate))[:CREDIT_SEARCH_LINES]:
        body = re.sub(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+", "", line)  # an archive's "date YYYY-MM-DD" prefix
        for _name, pattern in outlets.credits:
            match = pattern.search(body)
            if match is None:
                continue
            named = match.group("outlet").strip(" .-–—")
            if re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", named):
                listed = outlet_of_domain(named, outlets)
                if listed is None:
                    continue
                named = listed[0]
            if named and any(ch.isalpha() for ch in named):
                return named
    return None


def _outlet_by_source(text: str, boilerplate: Sequence[Span], url: str | None) -> tuple[str | None, str | None]:
    """The outlet named by a credit (the copy's author: a newspaper's site that runs a Reuters story with
    its "(Reuters) -" dateline publishes Reuters copy), else the URL's listed domain, else the URL's host;
    with the host."""
    outlets = load_outlet_file()
    host = host_of(url)
    listed = outlet_of_domain(host, outlets) if host else None
    credited = _credited_outlet(text, boilerplate, outlets)
    if credited is not None:
        return credited, host
    if listed is not None:
        return listed[0], host
    return host or _site_logo(text, boilerplate), host


def _site_logo(text: str, boilerplate: Sequence[Span]) -> str | None:
    """The site's name as its logo line repeats it ("Steppe WireSteppe Wire"), when there is no URL."""
    for span in boilerplate:
        if span.label == "site-logo":
            found = re.fullmatch(r"\s*(.{3,40}?)\1\s*", text[span.start:span.end])
            if found and any(ch.isalpha() for ch in found.group(1)):
                return found.group(1).strip()
    return None
