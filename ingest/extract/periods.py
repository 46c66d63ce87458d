"""Time periods in prose, normalised to months relative to the article's publication date.

:func:`find_periods` locates period phrases ("the first seven months of this year", "from August to
September 2022", "since 2014"); :func:`normalise_period` turns one phrase into a :class:`Period` with
``start``/``end`` as ``YYYY-MM``. Both are pure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from ingest.extract.values import ClaimLexicon, caseless, words_in, words_pattern
from ontology.records import Period

__all__ = ["dating_periods", "find_periods", "normalise_period"]

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_MONTH_NUMBER = {name: index + 1 for index, name in enumerate(_MONTH_NAMES)}
_MONTH_NUMBER.update({name[:3]: index + 1 for index, name in enumerate(_MONTH_NAMES)})
_MONTH_NUMBER["sept"] = 9
_ORDINAL_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                  "ten": 10, "eleven": 11, "twelve": 12}
_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# The lookahead is implied by the names that follow; it only lets a scan pass over other letters at once.
_MONTH = (r"(?=[JFMASOND])(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_YEAR = r"(?:19|20)\d\d(?![\d%,.]\d)"
_REL_YEAR = (rf"(?:{_YEAR}|this\s+year|last\s+year|the\s+previous\s+year|the\s+current\s+year|the\s+year"
             r"|the\s+same\s+year|a\s+year\s+earlier)")
_COUNT = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_START = rf"(?:the\s+(?:beginning|start)\s+of\s+)?(?:{_MONTH}(?:\s+(?:of\s+)?{_REL_YEAR})?|{_REL_YEAR})"
_END = rf"(?:the\s+end\s+of\s+)?(?:{_MONTH}(?:\s+(?:of\s+)?{_REL_YEAR})?|{_REL_YEAR})"

Months = tuple[tuple[int, int] | None, tuple[int, int] | None]


def _fmt(month: tuple[int, int] | None) -> str | None:
    return f"{month[0]:04d}-{month[1]:02d}" if month else None


def _year_of(text: str | None, published: date | None) -> int | None:
    """A year written or relative to publication ("this year", "last year")."""
    if not text:
        return published.year if published else None
    words = " ".join(text.lower().split())
    digits = re.search(r"\d{4}", words)
    if digits:
        return int(digits.group(0))
    if published is None:
        return None
    if words in ("last year", "the previous year", "a year earlier"):
        return published.year - 1
    return published.year


def _month_of(text: str) -> int:
    key = text.lower().rstrip(".")
    return _MONTH_NUMBER.get(key) or _MONTH_NUMBER[key[:3]]


def _month_year(month: str, published: date | None) -> int | None:
    """The year of a bare month: that of publication, or the year before if the month is still ahead."""
    if published is None:
        return None
    return published.year if _month_of(month) <= published.month else published.year - 1


@dataclass(frozen=True)
class _Form:
    """One way of writing a period, with how to resolve it to months. ``needs`` are groups of words (lower
    case) of which every match holds one of each group: where one is missing the pattern need not run."""

    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], date | None], Months]
    needs: tuple[frozenset[str], ...]

    def may_match(self, present: set[str]) -> bool:
        """Whether the pattern may match a text that holds the ``present`` words of :data:`_NEEDED`."""
        return all(not group.isdisjoint(present) for group in self.needs)


def _point(text: str, published: date | None, end: bool, context_year: int | None = None) -> tuple[int, int] | None:
    """One side of a range: "the beginning of 2023", "October", "April 2023", "2021"."""
    words = " ".join(text.split())
    month = re.search(_MONTH, words, re.IGNORECASE)
    rest = re.sub(rf"^(?:the\s+(?:beginning|start|end)\s+of\s+)?(?:{_MONTH})?\s*(?:of\s+)?", "", words,
                  flags=re.IGNORECASE).strip()
    year = _year_of(rest, published) if rest else context_year
    if month and not rest and context_year is None:
        year = _month_year(month.group(0), published)
    if year is None:
        return None
    if month:
        return year, _month_of(month.group(0))
    return (year, 12) if end else (year, 1)


def _range(match: re.Match[str], published: date | None) -> Months:
    """"from August to September 2022": a side without a year takes the other side's."""
    first, last = match.group("a"), match.group("b")
    dated = re.compile(r"\d{4}|year", re.IGNORECASE)
    if dated.search(first) and not dated.search(last):
        start = _point(first, published, False)
        end = _point(last, published, True, start[0] if start else None)
        return start, end
    end = _point(last, published, True)
    start = _point(first, published, False, end[0] if end and not dated.search(first) else None)
    if start and end and start > end:
        start = (start[0] - 1, start[1])
    return start, end


def _first_months(match: re.Match[str], published: date | None) -> Months:
    year = _year_of(match.group("y"), published)
    count = match.group("n").lower()
    months = int(count) if count.isdigit() else _ORDINAL_COUNT.get(count, 0)
    if year is None or not 1 <= months <= 12:
        return None, None
    return (year, 1), (year, months)


def _half(match: re.Match[str], published: date | None) -> Months:
    year = _year_of(match.group("y"), published)
    if year is None:
        return None, None
    second = match.group("which").lower() in ("second", "2")
    return ((year, 7), (year, 12)) if second else ((year, 1), (year, 6))


def _quarter(match: re.Match[str], published: date | None) -> Months:
    year = _year_of(match.group("y"), published)
    if year is None:
        return None, None
    quarter = _QUARTER[match.group("q").lower()]
    return (year, quarter * 3 - 2), (year, quarter * 3)


def _month_with_year(match: re.Match[str], published: date | None) -> Months:
    year = _year_of(match.group("y"), published)
    if year is None:
        return None, None
    month = (year, _month_of(match.group("m")))
    return month, month


def _relative_month(match: re.Match[str], published: date | None) -> Months:
    if published is None:
        return None, None
    month_word = match.group("m")
    if month_word is None:  # "last month"
        year, month = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
        return (year, month), (year, month)
    month = _month_of(month_word)
    if match.group("rel").lower() == "last":
        year = published.year if month < published.month else published.year - 1
    else:
        year = published.year
    return (year, month), (year, month)


def _bare_month(match: re.Match[str], published: date | None) -> Months:
    year = _month_year(match.group("m"), published)
    if year is None:
        return None, None
    month = (year, _month_of(match.group("m")))
    return month, month


def _day_date(match: re.Match[str], published: date | None) -> Months:
    """A date written to the day ("22.08.2023", "2023/08/22", "Nov. 27", "27 November"), by
    :mod:`dateparser`, day before month where the order is open; without a year, the last such day on or
    before the publication date. The period is its month."""
    written = match.group(0)
    if re.search(r"(?:19|20)\d\d", written):
        month = _day_date_month(written, None)
    elif published is None:
        return None, None
    else:
        month = _day_date_month(written, published)
    return month, month


# Cached: dateparser takes milliseconds a date, and the same dates recur in the articles of a batch.
@lru_cache(maxsize=4096)
def _day_date_month(written: str, base: date | None) -> tuple[int, int] | None:
    """The (year, month) of a date written to the day, relative to ``base`` when it has no year."""
    import dateparser  # type: ignore[import-untyped]  # imported here: its start-up costs a second

    settings: dict[str, object] = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                                   "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    try:
        parsed = dateparser.parse(written, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    return parsed.year, parsed.month


def _since(match: re.Match[str], published: date | None) -> Months:
    start = _point(match.group("a"), published, False)
    return start, ((published.year, published.month) if published else None)


def _whole_year(match: re.Match[str], published: date | None) -> Months:
    year = _year_of(match.group("y"), published)
    if year is None:
        return None, None
    return (year, 1), (year, 12)


def _form(pattern: str, resolve: Callable[[re.Match[str], date | None], Months], *needs: tuple[str, ...]) -> _Form:
    return _Form(re.compile(pattern, re.IGNORECASE), resolve, tuple(frozenset(group) for group in needs))


# What _MONTH, _YEAR and _REL_YEAR cannot be written without (see _Form.needs).
_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_YEAR_WORDS = ("19", "20", "year")
_DATE_WORDS = _MONTH_WORDS + _YEAR_WORDS

# Tried in order; a later form only finds text an earlier one left.
_FORMS: tuple[_Form, ...] = (
    _form(rf"\b(?:from|between)\s+(?P<a>{_START})\s+(?:to|and|until|till|through|-|–)\s+(?P<b>{_END})", _range,
          ("from", "between"), _DATE_WORDS),
    # "January to October 2023" without "from": a month to a month of a year.
    _form(rf"\b(?P<a>{_MONTH})\s+(?:to|until|till|through)\s+(?P<b>{_MONTH}\s+(?:of\s+)?{_REL_YEAR})", _range,
          _MONTH_WORDS, _YEAR_WORDS),
    # "January-September 2023", "Jan–Sep"
    _form(rf"\b(?P<a>{_MONTH})\s*[-–]\s*(?P<b>{_MONTH}(?:\s+(?:of\s+)?{_REL_YEAR})?)(?![\w-])", _range,
          _MONTH_WORDS),
    # "in July and August 2023", "throughout 2022 and 2023": the months from the first to the last.
    _form(rf"(?:\b(?:in|during|throughout|for|over)\s+|^)(?P<a>{_START})\s+(?:and|&)\s+(?P<b>{_END})", _range,
          ("and", "&"), _DATE_WORDS),
    # "the first seven months" alone is of the current year (the publication's, or the one the text names).
    _form(rf"\b(?:the\s+)?first\s+(?P<n>{_COUNT})\s+months(?:\s+of\s+(?P<y>{_REL_YEAR}))?", _first_months,
          ("first",), ("months",)),
    _form(rf"\b(?:the\s+)?(?P<which>first|second)\s+half\s+of\s+(?P<y>{_REL_YEAR})", _half, ("half",), _YEAR_WORDS),
    _form(rf"\bH(?P<which>[12])\s+(?P<y>{_YEAR})", _half, ("h1", "h2"), _YEAR_WORDS),
    _form(rf"\b(?:the\s+)?(?P<q>first|second|third|fourth)\s+quarter\s+of\s+(?P<y>{_REL_YEAR})", _quarter,
          ("quarter",), _YEAR_WORDS),
    _form(rf"\bQ(?P<q>[1-4])\s+(?P<y>{_YEAR})", _quarter, ("q1", "q2", "q3", "q4"), _YEAR_WORDS),
    _form(rf"\bsince\s+(?P<a>(?:the\s+(?:beginning|start)\s+of\s+)?(?:{_MONTH}\s+)?(?:{_YEAR}|last\s+year))",
          _since, ("since",), _YEAR_WORDS),
    # Dates written to the day: "22.08.2023", "2023/08/22", "on Nov. 27", "27 November" (a year after a
    # month is the month-with-year form below).
    _form(r"(?<![\d.,/])(?:\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d|(?:19|20)\d\d[/-]\d{1,2}[/-]\d{1,2})(?![\d./])",
          _day_date, ("19", "20")),
    _form(rf"\b(?P<m>{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d\d)(?![\d%]|[.,]\d)", _day_date,
          _MONTH_WORDS),
    _form(rf"(?<![\d.,$])\d{{1,2}}(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})(?!\s+(?:of\s+)?(?:19|20)\d\d)", _day_date,
          _MONTH_WORDS),
    _form(rf"\b(?P<m>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR}|last\s+year|this\s+year)", _month_with_year,
          _MONTH_WORDS, _YEAR_WORDS),
    _form(rf"\b(?P<rel>last|this|past)\s+(?:(?P<m>{_MONTH})|month)\b", _relative_month,
          ("last", "this", "past"), (*_MONTH_WORDS, "month")),
    # A bare month only after a preposition: "May" alone is more often the modal verb.
    _form(rf"\b(?:in|since|during|until|by|from|early|late|mid-|through)\s*(?P<m>{_MONTH})(?!\s+\d)\b", _bare_month,
          _MONTH_WORDS),
    _form(rf"\b(?:throughout|during|for|over)\s+(?P<y>{_YEAR}|this\s+year|last\s+year)", _whole_year,
          ("throughout", "during", "for", "over"), _YEAR_WORDS),
    _form(rf"(?<![\w$.,-])(?P<y>{_YEAR}|this\s+year|last\s+year)(?!\s*[-–%])", _whole_year, _YEAR_WORDS),
)

_NEEDED = frozenset(word for form in _FORMS for group in form.needs for word in group)

_LEADING = re.compile(r"^(?:in|during|throughout|for|over|of|by|at|on)\s+", re.IGNORECASE)


def find_periods(text: str) -> list[tuple[int, int, str]]:
    """Period phrases in ``text`` as ``(start, end, phrase)``, in text order, not overlapping.

    >>> find_periods("Trade rose 36% in the first seven months of this year, from 2022.")
    [(18, 53, 'the first seven months of this year'), (60, 64, '2022')]
    """
    present = words_in(caseless(text), _NEEDED)
    if present.isdisjoint(_DATE_WORDS) and "month" not in present:
        return []  # every form needs a month, a year or the word "month"
    taken = [False] * (len(text) + 1)
    found: list[tuple[int, int, str]] = []
    for form in _FORMS:
        if not form.may_match(present):
            continue  # most forms, for most sentences: cheaper than scanning the sentence for nothing
        for match in form.pattern.finditer(text):
            start, end = match.start(), match.end()
            if any(taken[start:end]):
                continue
            for index in range(start, end):
                taken[index] = True
            found.append((start, end, text[start:end]))
    return sorted(found)


def normalise_period(text: str, published: date | None) -> Period | None:
    """The months a period phrase covers, relative to the publication date where the phrase is relative.

    ``start``/``end`` are ``YYYY-MM``; a relative phrase without a publication date keeps only its text.
    Returns ``None`` when the text is no period phrase.

    >>> normalise_period("the first seven months of this year", date(2023, 8, 22))
    Period(text='the first seven months of this year', start='2023-01', end='2023-07')
    >>> normalise_period("between December 2022 and April 2023", None)
    Period(text='between December 2022 and April 2023', start='2022-12', end='2023-04')
    """
    phrase = " ".join(text.split())
    body = _LEADING.sub("", phrase)
    for form in _FORMS:
        match = form.pattern.fullmatch(body)
        if match is None and form.resolve is _bare_month:
            match = re.fullmatch(rf"(?P<m>{_MONTH})", body, re.IGNORECASE)
        if match is None:
            continue
        start, end = form.resolve(match, published)
        return Period(text=phrase, start=_fmt(start), end=_fmt(end))
    return None


# A period after these words is the baseline of a comparison, not the period of the figure ("than in
# September 2021", "set against the same months of 2021", "three times the level of 2021").
_BASELINE = re.compile(r"(?:compared\s+(?:with|to)|than(?:\s+in)?|from|versus|vs\.?|over|since|before|against"
                       r"|same\s+period|up\s+from|down\s+from|relative\s+to|levels?\s+(?:of|in|seen\s+in))\s+(?:the\s+)?"
                       r"(?:same\s+(?:period|months?)\s+(?:in|of)\s+)?$", re.IGNORECASE)


@cache
def _figure_baseline(lex: ClaimLexicon) -> re.Pattern[str]:
    """A period right after a figure and "on" is the base of the change ("a gain of 36% on the first seven
    months of 2022", "up 40% on 2021"); "on" after anything else may date the figure."""
    return re.compile(rf"(?:\d|%|\bper\s*cent|\bpercent|\btimes|fold|\b(?:{words_pattern(list(lex.multiplied))}))"
                      r"\s+on\s+(?:the\s+)?(?:same\s+(?:period|months?)\s+(?:in|of)\s+)?$", re.IGNORECASE)


# "from none in 2021 to almost 50,000", "from $12 million in 2021 to $31 million": the period of the start.
_FROM_FIGURE_IN = re.compile(r"\bfrom\s+(?:[^\s,;]+\s+){1,4}(?:in|during)\s+$", re.IGNORECASE)

# A period right before these words dates the report ("reported in July that"), not the figure.
_REPORTED = re.compile(r"\s*,?\s*(?:that|showed|shows|found|finds|said|says|reported|noted|estimated)\b", re.IGNORECASE)



def dating_periods(text: str, lex: ClaimLexicon,
                   periods: Sequence[tuple[int, int, str]] | None = None) -> list[tuple[int, int, str]]:
    """The period phrases of ``text`` that date what it states, in text order: :func:`find_periods` less
    the baselines of comparisons ("than in September 2021", "a gain of 36% on the first seven months of
    2022", "from none in 2021 to ...") and the dates of reports ("reported in July that ...").
    ``lex`` is the claim lexicon; ``periods`` is ``find_periods(text)`` where the caller has it already.

    >>> from ingest.extract.values import load_claim_lexicon
    >>> [p for _, _, p in dating_periods("Exports rose 40% in 2023 compared with 2021.", load_claim_lexicon())]
    ['2023']
    """
    found: list[tuple[int, int, str]] = []
    for start, end, phrase in find_periods(text) if periods is None else periods:
        lead = text[max(0, start - 40):start]
        if _BASELINE.search(lead) or _figure_baseline(lex).search(lead) or _REPORTED.match(text[end:end + 20]) \
                or (_FROM_FIGURE_IN.search(lead) and re.match(r"\s*,?\s*to\b", text[end:end + 10])):
            continue
        found.append((start, end, phrase))
    return found
