"""What relation extractors receive: the article, its annotated doc and the entities found in it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol, TypeVar

import numpy
from spacy.attrs import POS, TAG
from spacy.tokens import Doc, Span, Token

from ingest.extract.attribution_rules import AttributionRules
from ingest.extract.entities import EntityFindings, EntityLexicons
from ingest.extract.periods import dating_periods, find_periods
from ingest.extract.values import ClaimLexicon, parse_values
from ingest.metadata import OutletFile
from ontology.gazetteer import Gazetteer
from ontology.records import Article, Claim, ClaimValue, Entity, Mention, SupplyFlow

T = TypeVar("T")

__all__ = ["Annotated", "ArticleLexicons", "ClaimExtractor", "SupplyExtractor"]

_NOTED = "noted-entities"


class ArticleLexicons(EntityLexicons, Protocol):
    """What the relation extractors read of :class:`~ingest.extract.lexicons.Lexicons` (a protocol, so that
    this module need not import the supply package, which imports it)."""

    @property
    def claims(self) -> ClaimLexicon: ...

    @property
    def attribution(self) -> AttributionRules: ...

    @property
    def outlets(self) -> OutletFile: ...


@dataclass(frozen=True)
class Annotated:
    """One article after annotation. ``doc`` is over ``text``, the boilerplate-masked article text (same
    offsets as :attr:`Article.text`); read ``text`` rather than ``doc.text``, which spaCy rebuilds on
    every access.

    ``lexicons`` are the word lists and rules the extractors read (a
    :class:`~ingest.extract.lexicons.Lexicons`, loaded once per pipeline).

    The rules ask the same questions of an article many times over (the mentions inside a clause, the
    figures of a sentence, the entity spans of the doc), so the answers are kept here, per article,
    computed on first use.
    """

    article: Article
    doc: Doc
    findings: EntityFindings
    gazetteer: Gazetteer
    model: str
    text: str
    lexicons: ArticleLexicons
    _memo: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def entity(self, entity_id: str) -> Entity:
        """An entity of this article, a gazetteer entity not mentioned verbatim (e.g. a region's member), or an
        open good (see :mod:`ontology.goods`)."""
        try:
            return self.findings.entity(entity_id)
        except KeyError:
            pass
        if entity_id in self.gazetteer.entities:
            return self.gazetteer.entities[entity_id]
        return self.lexicons.goods_vocabulary.entity(entity_id)  # a good read from a goods phrase

    def note(self, entity: Entity, span: Span, extractor: str) -> None:
        """Record an entity that a relation extractor found itself (a goods phrase no gazetteer knows), so
        that the article's entities and mentions hold it even where it fills no flow."""
        self._memo.setdefault(_NOTED, {})[(span.start, span.end, entity.id)] = (entity, span, extractor)

    def noted(self) -> list[tuple[Entity, Span, str]]:
        """The entities recorded by :meth:`note`, in text order."""
        found: dict[tuple[int, int, str], tuple[Entity, Span, str]] = self._memo.get(_NOTED, {})
        return [found[key] for key in sorted(found)]

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, called once per article for each ``key`` (the result is shared: never change it)."""
        try:
            found: T = self._memo[key]
        except KeyError:
            found = self._memo[key] = compute()
        return found

    def figures(self, text: str) -> list[tuple[int, int, ClaimValue]]:
        """:func:`~ingest.extract.values.parse_values` of ``text`` (a sentence's figures are read for its
        clauses, its pieces and its metric)."""
        return self.memo((parse_values, text), lambda: parse_values(text, self.lexicons.claims))

    def periods(self, text: str) -> list[tuple[int, int, str]]:
        """:func:`~ingest.extract.periods.find_periods` of ``text``."""
        return self.memo((find_periods, text), lambda: find_periods(text))

    def dating_periods(self, text: str) -> list[tuple[int, int, str]]:
        """:func:`~ingest.extract.periods.dating_periods` of ``text``."""
        return self.memo((dating_periods, text), lambda: dating_periods(text, self.lexicons.claims, self.periods(text)))

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        """``doc.ents``: spaCy builds the entity spans anew, walking the whole doc, on each access."""
        return tuple(self.doc.ents)

    @cached_property
    def _tagged(self) -> list[int]:
        return numpy.flatnonzero(self.doc.to_array([POS, TAG]).any(axis=1)).tolist()

    def tagged_tokens(self, span: Span) -> list[Token]:
        """The tokens of ``span`` with a part of speech or a tag, in order: only the parsed sentences have
        them (see :class:`ingest.annotate.Annotator`), so the rules that read the parse skip the others
        without making a Token of each of their words."""
        tagged = self._tagged
        return [self.doc[i] for i in tagged[bisect_left(tagged, span.start):bisect_left(tagged, span.end)]]

    @cached_property
    def _mention_starts(self) -> list[int]:
        return [m.evidence.start for m in self.findings.mentions]

    @cached_property
    def _longest_mention(self) -> int:
        return max((m.evidence.end - m.evidence.start for m in self.findings.mentions), default=0)

    def mentions_starting(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in ``[start, end)``, in text order (binary search: the mentions are in
        text order, see :class:`EntityFindings`)."""
        starts = self._mention_starts
        return list(self.findings.mentions[bisect_left(starts, start):bisect_left(starts, end)])

    def mentions_within(self, start: int, end: int) -> list[Mention]:
        """The mentions inside ``[start, end]``, in text order."""
        starts = self._mention_starts
        found = self.findings.mentions[bisect_left(starts, start):bisect_right(starts, end)]
        return [m for m in found if m.evidence.end <= end]

    def mentions_overlapping(self, start: int, end: int) -> list[Mention]:
        """The mentions that share a character with ``[start, end)``, in text order."""
        starts = self._mention_starts
        found = self.findings.mentions[bisect_left(starts, start - self._longest_mention):bisect_left(starts, end)]
        return [m for m in found if m.evidence.end > start]


class SupplyExtractor(Protocol):
    """Turns an annotated article into supply flows."""

    def __call__(self, annotated: Annotated) -> Sequence[SupplyFlow]: ...


class ClaimExtractor(Protocol):
    """Turns an annotated article (and the flows found in it) into attributed claims."""

    def __call__(self, annotated: Annotated, supply: Sequence[SupplyFlow]) -> Sequence[Claim]: ...
