"""Figures in prose: money, percentages, counts and multiples, with their qualifier and direction.

:func:`parse_values` is pure over a string. The cue words (qualifiers, scales, change verbs, multiples)
are data in ``ontology/gazetteers/claim_lexicon.yaml``, read once by :func:`load_claim_lexicon`.

Libraries and our own patterns: babel completes each currency with its ISO code, English symbol and plural
name. The figures themselves are found by our own regular expressions, because what is needed is every
figure of a sentence with its character offsets, qualifier ("more than"), direction ("rose 5%") and the
paired or ranged forms ("€144 million ($160 million)", "30% to 35%"); price-parser reads one price out of
a string that is a price (no offsets, no percentages, counts or multiples), and quantulum3 (not installed)
brings a classifier and its own unit table for a handful of units we list in the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from ontology.datafile import read_data_file
from ontology.errors import OntologyError
from ontology.gazetteer import GAZETTEER_DIR
from ontology.records import ClaimValue

__all__ = ["LEXICON_PATH", "ClaimLexicon", "LexiconPattern", "caseless", "first_words", "load_claim_lexicon",
           "parse_values", "words_in", "words_pattern"]

LEXICON_PATH = GAZETTEER_DIR / "claim_lexicon.yaml"

Direction = Literal["increase", "decrease", "level"]


@dataclass(frozen=True, eq=False)
class ClaimLexicon:
    """The cue words of ``claim_lexicon.yaml`` (all lower case). The patterns built from it are kept per
    object: it compares and hashes by identity."""

    qualifiers: dict[str, tuple[str, ...]]
    scales: dict[str, float]
    currencies: dict[str, tuple[str, ...]]
    currency_abbreviations: frozenset[str]  # forms written in capitals in the file ("RMB"), lower-cased
    units_of_measure: dict[str, tuple[str, ...]]
    number_words: dict[str, int]
    multiplied: dict[str, int]
    change_verbs: dict[str, tuple[str, ...]]
    change_nouns: dict[str, tuple[str, ...]]
    change_comparatives: dict[str, tuple[str, ...]]
    measures: dict[str, tuple[str, ...]]
    flow_recipient_verbs: tuple[str, ...]
    attribution_verbs: tuple[str, ...]
    passive_verbs: tuple[str, ...]
    official_acts: tuple[str, ...]
    report_nouns: tuple[str, ...]
    citing_verbs: tuple[str, ...]
    told_verbs: tuple[str, ...]
    own_reporting: tuple[str, ...]
    continuations: tuple[str, ...]
    same_period: tuple[str, ...]
    clause_openers: tuple[str, ...]
    figure_continuations: tuple[str, ...]
    clause_pronouns: tuple[str, ...]
    clause_verbs: tuple[str, ...]
    scope_words: tuple[str, ...]
    hedges: tuple[str, ...]
    negations: tuple[str, ...]
    forecast_cues: tuple[str, ...]
    opinion_cues: tuple[str, ...]
    event_cues: tuple[str, ...]
    claim_topics: tuple[str, ...]
    goods_classes: tuple[str, ...]


def _words(data: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OntologyError(f"{path}: {key}: expected a list of strings")
    return tuple(v.lower() for v in value)


def _groups(data: dict[str, Any], key: str, path: Path) -> dict[str, tuple[str, ...]]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise OntologyError(f"{path}: {key}: expected a mapping of lists")
    return {name: _words(value, name, path / key) for name in value}


def _numbers(data: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict) or not all(isinstance(v, int | float) for v in value.values()):
        raise OntologyError(f"{path}: {key}: expected a mapping of numbers")
    return {str(k).lower(): v for k, v in value.items()}


def _with_babel_forms(currencies: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Each currency's forms completed by its code, babel's English symbol and its English plural name
    ("Russian rubles")."""
    from babel.numbers import get_currency_name, get_currency_symbol

    completed: dict[str, tuple[str, ...]] = {}
    for code, forms in currencies.items():
        extra = {code.lower(), get_currency_symbol(code.upper(), "en").lower()}
        extra.add(get_currency_name(code.upper(), count=2, locale="en").lower())
        completed[code.upper()] = tuple(dict.fromkeys((*forms, *sorted(extra))))
    return completed


@cache
def load_claim_lexicon(path: Path = LEXICON_PATH) -> ClaimLexicon:
    """Read and check the claim lexicon (cached); a bad file fails with its path and key."""
    data = read_data_file(path, "the claim lexicon")
    return ClaimLexicon(
        qualifiers=_groups(data, "qualifiers", path),
        scales={k: float(v) for k, v in _numbers(data, "scales", path).items()},
        currencies=_with_babel_forms(_groups(data, "currencies", path)),
        currency_abbreviations=frozenset(form.lower() for forms in (data.get("currencies") or {}).values()
                                         for form in forms if isinstance(form, str) and form.isalpha()
                                         and form.isupper()),
        units_of_measure=_groups(data, "units_of_measure", path),
        number_words={k: int(v) for k, v in _numbers(data, "number_words", path).items()},
        multiplied={k: int(v) for k, v in _numbers(data, "multiplied", path).items()},
        change_verbs=_groups(data, "change_verbs", path),
        change_nouns=_groups(data, "change_nouns", path),
        change_comparatives=_groups(data, "change_comparatives", path),
        measures=_groups(data, "measures", path),
        flow_recipient_verbs=_words(data, "flow_recipient_verbs", path),
        attribution_verbs=_words(data, "attribution_verbs", path),
        passive_verbs=_words(data, "passive_verbs", path),
        official_acts=_words(data, "official_acts", path),
        report_nouns=_words(data, "report_nouns", path),
        citing_verbs=_words(data, "citing_verbs", path),
        told_verbs=_words(data, "told_verbs", path),
        own_reporting=_words(data, "own_reporting", path),
        continuations=_words(data, "continuations", path),
        same_period=_words(data, "same_period", path),
        clause_openers=_words(data, "clause_openers", path),
        figure_continuations=_words(data, "figure_continuations", path),
        clause_pronouns=_words(data, "clause_pronouns", path),
        clause_verbs=_words(data, "clause_verbs", path),
        scope_words=_words(data, "scope_words", path),
        hedges=_words(data, "hedges", path),
        negations=_words(data, "negations", path),
        forecast_cues=_words(data, "forecast_cues", path),
        opinion_cues=_words(data, "opinion_cues", path),
        event_cues=_words(data, "event_cues", path),
        claim_topics=_words(data, "claim_topics", path),
        goods_classes=_words(data, "goods_classes", path),
    )


def words_pattern(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of ``words`` (longest first, escaped, inner spaces matching any blank)."""
    return _alternation(tuple(words))


@cache
def _alternation(words: tuple[str, ...]) -> str:
    # Cached: the rules build their patterns from the same lexicon lists for every sentence.
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


# ``re.IGNORECASE`` also matches these letters to ASCII ones, which ``str.lower`` leaves as they are or, for
# "İ", makes two characters (every code point tested; the Kelvin sign lowers to "k" anyway).
_IGNORECASE_FOLDS = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"))


def caseless(text: str) -> str:
    """``text`` in lower case, such that a word of ASCII letters that a ``re.IGNORECASE`` pattern finds in
    ``text`` is a substring of the result: a pattern that needs a word cannot match where it is missing,
    which is far cheaper to test than running the pattern.

    >>> caseless("Exports ROSE in ſeptember")
    'exports rose in september'
    """
    if not text.isascii():
        for letter, ascii_letter in _IGNORECASE_FOLDS:
            text = text.replace(letter, ascii_letter)
    return text.lower()


def words_in(folded: str, words: Iterable[str]) -> set[str]:
    """Which of ``words`` occur in ``folded`` (see :func:`caseless`)."""
    return {word for word in words if word in folded}


def first_words(phrases: Iterable[str]) -> frozenset[str] | None:
    """The first words of ``phrases`` in lower case: a text without any of them (once :func:`caseless`)
    holds none of the phrases for a :func:`words_pattern` compiled with ``re.IGNORECASE``. ``None`` where
    that cannot be told (no phrases, whose empty pattern matches anywhere, or one that is blank or not
    ASCII).

    >>> sorted(first_words(["Arrest warrant", "arrested"]))
    ['arrest', 'arrested']
    """
    found: set[str] = set()
    for phrase in phrases:
        words = phrase.split()
        if not words or not phrase.isascii():
            return None
        found.add(words[0].lower())
    return frozenset(found) if found else None


@dataclass(frozen=True)
class LexiconPattern:
    """A ``re.IGNORECASE`` pattern that cannot match without naming one of some lexicon phrases, and the
    first words of those phrases (:func:`first_words`): a text that holds none of them is not scanned, a
    few substring tests being far cheaper than running the pattern over a text it cannot match.

    >>> hedge = LexiconPattern.of(r"\\b(?:may|likely)\\b", ["may", "likely"])
    >>> hedge.search("Deliveries may resume") is not None, hedge.search("Deliveries resumed")
    (True, None)
    """

    pattern: re.Pattern[str]
    gate: frozenset[str] | None  # ``None`` where no such test can be told

    @classmethod
    def of(cls, pattern: str, phrases: Iterable[str]) -> LexiconPattern:
        """Compile ``pattern``, every match of which holds one of ``phrases``."""
        return cls(re.compile(pattern, re.IGNORECASE), first_words(phrases))

    def possible(self, text: str) -> bool:
        """Whether the pattern may match somewhere in ``text``."""
        if self.gate is None:
            return True
        folded = caseless(text)
        return any(word in folded for word in self.gate)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        return self.pattern.search(text, pos, end) if self.possible(text[pos:end]) else None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        return self.pattern.finditer(text, pos, end) if self.possible(text[pos:end]) else iter(())


# -- the patterns -----------------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")
# Words the percent and "times" patterns cannot match without (the first needs a digit too).
_PERCENT_WORDS = frozenset({"%", "per"})
_TIMES_WORDS = frozenset({"times", "twice", "fold"})
_MONTHS = (r"January|February|March|April|May|June|July|August|September|October|November|December"
           r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
# Thousands grouped by commas, by (narrow, no-break) spaces ("5 000") or, in two groups or more, by dots
# ("1.250.000"); else a plain or decimal number.
_NUMBER = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d,.])"
           r"|\d{1,3}(?:\.\d{3}){2,}(?![\d,])|\d+(?:\.\d+)?")


@dataclass(frozen=True)
class _Patterns:
    qualifier: re.Pattern[str]
    money: re.Pattern[str]
    percent: re.Pattern[str]
    multiple: re.Pattern[str]
    times: re.Pattern[str]
    count: re.Pattern[str]
    word_count: re.Pattern[str]
    change_before: LexiconPattern
    change_after: re.Pattern[str]
    qualifier_of: dict[str, str]
    money_words: frozenset[str]
    currency_of: dict[str, str]
    # The first words of the multiples and of the number words, which the multiple and word-count
    # patterns cannot match without (``None``: no such test, see first_words), and all the words that
    # parse_values looks for before it runs a pattern.
    multiple_words: frozenset[str] | None
    number_words: frozenset[str] | None
    needed: frozenset[str]


def _currency_forms(lex: ClaimLexicon) -> tuple[list[str], list[str]]:
    """The currency forms written before a number (symbols, codes and abbreviations: "€", "US$", "RUB",
    "RMB") and after it (words and codes: "euros", "yuan", "USD")."""
    codes = {code.lower() for code in lex.currencies}
    markers = [f for forms in lex.currencies.values() for f in forms
               if not f.replace(" ", "").isalpha() or f in codes or f in lex.currency_abbreviations]
    words = [f for forms in lex.currencies.values() for f in forms if f.replace(" ", "").isalpha()]
    return markers, words


def first_words_or_marks(forms: Iterable[str]) -> set[str]:
    """What :func:`caseless` text must hold for one of ``forms`` to be there: each form's first word, or
    its first character where that is a symbol ("€5m")."""
    found: set[str] = set()
    for form in forms:
        first = form.split()[0].lower()
        found.add(first if first.isalpha() else first[0] if not first[0].isalnum() else first)
    return found


@cache
def _patterns(lex: ClaimLexicon) -> _Patterns:
    qualifier_of = {form: name for name, forms in lex.qualifiers.items() for form in forms}
    qual = words_pattern(list(qualifier_of))
    scale = words_pattern(list(lex.scales))
    numword = words_pattern(list(lex.number_words))
    mult = words_pattern(list(lex.multiplied))
    # "45-50%" and "45 to 50 percent": one range figure (the first number is kept).
    pct = rf"(?<![\d.,])(?:(?<!from\s)(?:{_NUMBER})\s?(?:-|–|to)\s?(?=\d[\d,.]*\s?(?:%|percent|per\s+cent)))?" \
          rf"(?:{_NUMBER})\s?(?:%|percent\b|per\s+cent\b)"
    markers, words = _currency_forms(lex)
    money_gate = frozenset(first_words_or_marks([*markers, *words]))
    money_one = rf"(?:{words_pattern(markers)})\s?(?:{_NUMBER})(?:\s?(?:{scale})\b)?"
    money_words = rf"(?:{_NUMBER})\s?(?:{scale})?\s+(?:{words_pattern(words)})(?![\w])"
    change_verbs = words_pattern([w for forms in lex.change_verbs.values() for w in forms])
    change_nouns = words_pattern([w for forms in lex.change_nouns.values() for w in forms]
                                 + [w for forms in lex.change_comparatives.values() for w in forms])
    return _Patterns(
        qualifier=re.compile(rf"(?:\b(?:{qual}))\s+$", re.IGNORECASE),
        money=re.compile(rf"{money_one}|{money_words}", re.IGNORECASE),
        percent=re.compile(pct, re.IGNORECASE),
        multiple=re.compile(rf"\b(?:{mult})\b(?!-)", re.IGNORECASE),
        times=re.compile(
            rf"\b(?:(?P<n>{_NUMBER}|{numword})[\s-]+times|(?P<twice>twice)|(?P<fold>{_NUMBER}|{numword})-fold)"
            rf"(?:\s+(?:as\s+(?:many|much|high|large)|more|higher|larger|greater|over)\b)?",
            re.IGNORECASE),
        count=re.compile(rf"(?<![\w.,$-])(?P<n>{_NUMBER})(?:\s+(?P<scale>{scale}))?(?=\s+(?P<noun>[a-z][a-z-]+))",
                         re.IGNORECASE),
        # "at least twelve factories": a number word is a count only after a qualifier ("the two
        # countries" states no figure).
        word_count=re.compile(rf"(?:\b(?:{qual}))\s+(?P<n>{numword})\s+(?P<noun>[a-z][a-z-]+)", re.IGNORECASE),
        change_before=LexiconPattern.of(
            rf"\b(?P<verb>{change_verbs})\b(?:\s+(?:by|of|at|a|an|the|some|staggering|whopping|remarkable"
            rf"|significant|sharp|further|another|total|nearly|almost|over|more|than|just|about|around))*\s*$",
            [w for forms in lex.change_verbs.values() for w in forms]),
        change_after=re.compile(rf"^\s*(?:(?:year-on-year|year-over-year|annual|yearly)\s+)?(?P<noun>{change_nouns})\b",
                                re.IGNORECASE),
        qualifier_of=qualifier_of,
        multiple_words=first_words(lex.multiplied),
        number_words=first_words(lex.number_words),
        money_words=money_gate,
        # The first form listed wins ("dollars" is the US dollar's).
        currency_of={form: code for code, forms in reversed(lex.currencies.items()) for form in forms},
        needed=frozenset({*money_gate, *_PERCENT_WORDS, *_TIMES_WORDS, *(first_words(lex.multiplied) or ()),
                          *(first_words(lex.number_words) or ())}),
    )


# Nouns after a bare number that make it something other than a count (time spans, ages, ranks).
_NOT_COUNTED = {"years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "percent", "per",
                "times", "fold", "of", "to", "and", "or", "in", "on", "at", "from", "by", "as", "is", "was", "were",
                "the", "a", "an", "with", "than", "for", "dollars"}


def _number(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", text):
        return float(text.replace(".", ""))
    return float(re.sub(r"[,\s\u00a0\u2009\u202f]", "", text))


def _scaled(text: str, lex: ClaimLexicon) -> float:
    """``"US$134 billion"`` -> 134e9; the first number of a range."""
    found = re.search(rf"({_NUMBER})\s?([a-zA-Z]+)?", text)
    if found is None:
        return 0.0
    scale = lex.scales.get((found.group(2) or "").lower(), 1.0)
    return _number(found.group(1)) * scale


def _currency(money: str, currency_of: dict[str, str]) -> str:
    """The ISO code of the currency a money figure is written in ("€144 million" -> "EUR")."""
    found = re.fullmatch(rf"(?P<before>\D*?)\s?(?:{_NUMBER})\s?(?P<after>.*)", money)
    if found is not None:
        before = found.group("before").strip().lower()
        if before in currency_of:
            return currency_of[before]
        after = " ".join(found.group("after").lower().split())
        for cut in range(len(after.split()) + 1):
            tail = " ".join(after.split()[cut:])
            if tail in currency_of:
                return currency_of[tail]
    return "USD"


def _is_date_number(text: str, start: int, end: int) -> bool:
    """A bare number that is a year or a day of a month ("2022", "April 8", "8 April")."""
    token = text[start:end]
    if re.fullmatch(r"(?:19|20)\d\d", token):
        return True
    before = text[max(0, start - 12):start]
    after = text[end:end + 12]
    return bool(re.search(rf"\b(?:{_MONTHS})\.?\s+$", before) or re.match(rf"\s+(?:{_MONTHS})\b", after))


def _direction(text: str, start: int, end: int, lex: ClaimLexicon) -> Direction:
    pats = _patterns(lex)
    sign = text[max(0, start - 1):start]
    if sign == "+":
        return "increase"
    if sign in ("−", "–") or (sign == "-" and text[max(0, start - 2):start - 1] in ("", " ", "(")):
        return "decrease"
    before = pats.change_before.search(text[max(0, start - 60):start])
    if before:
        verb = before.group("verb").lower()
        for name, forms in lex.change_verbs.items():
            if verb in forms and name in ("increase", "decrease"):
                return "increase" if name == "increase" else "decrease"
    after = pats.change_after.match(text[end:end + 40])
    if after:
        noun = after.group("noun").lower()
        falls = (*lex.change_nouns.get("decrease", ()), *lex.change_comparatives.get("decrease", ()))
        return "decrease" if noun in falls else "increase"
    return "level"


def _qualified(text: str, start: int, lex: ClaimLexicon) -> tuple[int, str | None]:
    """Move ``start`` back over a qualifier ("more than") and name it."""
    pats = _patterns(lex)
    found = pats.qualifier.search(text[max(0, start - 30):start])
    if found is None:
        return start, None
    phrase = " ".join(found.group(0).split()).lower()
    return start - len(found.group(0)), pats.qualifier_of.get(phrase)


_Found = tuple[int, int, str, float, "Direction | None"]


def _ranges(text: str, found: list[_Found]) -> list[_Found]:
    """Join "45% to 50%" into one range value (lower bound kept); "from 25% to 45%" stays two values."""
    joined: list[_Found] = []
    for item in found:
        if joined:
            start, end, unit, number, direction = joined[-1]
            gap = text[end:item[0]]
            starts_from = re.search(r"\bfrom\s+(?:\S+\s+){0,2}$", text[max(0, start - 30):start], re.IGNORECASE)
            # A range rises ("45% and 50%"); "50% and 30%, respectively" are two figures.
            if unit == item[2] and re.fullmatch(r"\s*(?:to|-|–|and)\s*", gap) and not starts_from \
                    and unit in ("%", "USD") and item[3] > number:
                joined[-1] = (start, item[1], unit, number, direction)
                continue
        joined.append(item)
    return joined


def parse_values(text: str, lex: ClaimLexicon) -> list[tuple[int, int, ClaimValue]]:
    """The figures stated in ``text``, in order, as ``(start, end, value)`` with offsets into ``text``.

    ``raw`` is the exact text of the figure with its qualifier; ``unit`` is ``USD``, ``%``, ``units``
    (a count of things) or ``factor`` (a multiple such as "tripled"); ``direction`` says whether the
    figure is a change ("up 36%", "fell by 5%", "doubled") or a level. A range ("45% to 50%") keeps its
    lower bound as ``number``. Years, dates and ordinals are not values. ``lex`` is the claim lexicon
    (:func:`load_claim_lexicon`).

    Examples
    --------
    >>> LEX = load_claim_lexicon()
    >>> [(v.raw, v.number, v.unit, v.direction)
    ...  for _, _, v in parse_values("exports rose by 36% to US$134 billion", LEX)]
    [('36%', 36.0, '%', 'increase'), ('US$134 billion', 134000000000.0, 'USD', 'level')]
    >>> [(v.raw, v.number, v.qualifier) for _, _, v in parse_values("sales more than tripled in 2022", LEX)]
    [('more than tripled', 3.0, 'more than')]
    """
    pats = _patterns(lex)
    found: list[_Found] = []
    taken = [False] * (len(text) + 1)
    # A pattern runs only where the words (and digits) it needs are there: most sentences state no figure.
    present = words_in(caseless(text), pats.needed)
    digits = _DIGIT.search(text) is not None

    def scan(pattern: re.Pattern[str], words: frozenset[str] | None, digit: bool = False) -> Iterator[re.Match[str]]:
        possible = (digits or not digit) and (words is None or not words.isdisjoint(present))
        return pattern.finditer(text) if possible else iter(())

    def add(start: int, end: int, unit: str, number: float, direction: Direction | None = None) -> None:
        if any(taken[start:end]):
            return
        for index in range(start, end):
            taken[index] = True
        found.append((start, end, unit, number, direction))

    for match in scan(pats.money, pats.money_words, digit=True):
        add(match.start(), match.end(), _currency(match.group(0), pats.currency_of), _scaled(match.group(0), lex))
    for match in scan(pats.percent, _PERCENT_WORDS, digit=True):
        add(match.start(), match.end(), "%", _number(re.match(_NUMBER, match.group(0)).group(0)))  # type: ignore[union-attr]
    for match in scan(pats.multiple, pats.multiple_words):
        add(match.start(), match.end(), "factor", float(lex.multiplied[match.group(0).lower()]), "increase")
    for match in scan(pats.times, _TIMES_WORDS):
        amount = match.group("n") or match.group("fold")
        if match.group("twice"):
            factor = 2.0
        elif amount and amount.lower() in lex.number_words:
            factor = float(lex.number_words[amount.lower()])
        else:
            factor = _number(amount or "0")
        add(match.start(), match.end(), "factor", factor, "increase")
    for match in scan(pats.count, None, digit=True):
        noun = match.group("noun").lower()
        if noun in _NOT_COUNTED or _is_date_number(text, match.start("n"), match.end("n")):
            continue
        if text[match.end():match.end() + 1] in "-/" or re.match(r"(?:st|nd|rd|th)\b", noun):
            continue
        scale = lex.scales.get((match.group("scale") or "").lower(), 1.0)
        measure = next((unit for unit, forms in lex.units_of_measure.items() if noun in forms), "units")
        add(match.start(), match.end(), measure, _number(match.group("n")) * scale)
    for match in scan(pats.word_count, pats.number_words):
        if match.group("noun").lower() in _NOT_COUNTED or re.match(r"\s*(?:times|-fold)\b", text[match.end("n"):]):
            continue
        add(match.start("n"), match.end("n"), "units", float(lex.number_words[match.group("n").lower()]))

    values: list[tuple[int, int, ClaimValue]] = []
    for start, end, unit, number, direction in _ranges(text, sorted(found)):
        begin, qualifier = _qualified(text, start, lex)
        if unit == "factor" and direction == "increase":
            chosen: Direction = "increase"
        else:
            chosen = direction or _direction(text, begin, end, lex)
        values.append((begin, end, ClaimValue(raw=text[begin:end], number=number, unit=unit, direction=chosen,
                                              qualifier=qualifier)))
    return values
