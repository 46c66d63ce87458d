"""Infer an article's title, publication date and outlet from its text, and parse metadata dates.

Used by :mod:`ingest.read` when a file gives no explicit metadata (plain text, Markdown, JSONL lines
without the keys). Plain regular expressions and :mod:`datetime`; no fuzzy date parsing, so a date is
only taken when it is written in one of the forms news sites use for datelines and bylines.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ontology.records import Span

__all__ = ["InferredMetadata", "infer_metadata", "parse_date"]

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
    >>> parse_date("yesterday") is None
    True
    """
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    return _find_date(value)


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


def infer_metadata(text: str, boilerplate: Sequence[Span] = ()) -> InferredMetadata:
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
        "© 2023 <Outlet>"; a cited "Source: X" is not the outlet.

    >>> meta = infer_metadata("# Trucks cross at Manzhouli\\n\\nPublished: 14 November 2023\\n\\nBody.")
    >>> meta.title, meta.published, meta.outlet
    ('Trucks cross at Manzhouli', datetime.date(2023, 11, 14), None)
    """
    lines = list(_content_lines(text, boilerplate))
    top = lines[:DATE_SEARCH_LINES]
    published = next((_find_date(line) for line in top if _is_dateline(line)), None)
    outlet = _outlet(text)
    return InferredMetadata(title=_title(lines, outlet), published=published, outlet=outlet)
