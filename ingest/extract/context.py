"""What relation extractors receive: the article, its annotated doc and the entities found in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc

from ingest.extract.entities import EntityFindings
from ontology.gazetteer import Gazetteer
from ontology.records import Article, Claim, Entity, SupplyFlow

__all__ = ["Annotated", "ClaimExtractor", "SupplyExtractor"]


@dataclass(frozen=True)
class Annotated:
    """One article after annotation. ``doc`` is over ``text``, the boilerplate-masked article text (same
    offsets as :attr:`Article.text`); read ``text`` rather than ``doc.text``, which spaCy rebuilds on
    every access."""

    article: Article
    doc: Doc
    findings: EntityFindings
    gazetteer: Gazetteer
    model: str
    text: str

    def entity(self, entity_id: str) -> Entity:
        """An entity of this article, or a gazetteer entity not mentioned verbatim (e.g. a region's member)."""
        try:
            return self.findings.entity(entity_id)
        except KeyError:
            return self.gazetteer.entities[entity_id]


class SupplyExtractor(Protocol):
    """Turns an annotated article into supply flows."""

    def __call__(self, annotated: Annotated) -> Sequence[SupplyFlow]: ...


class ClaimExtractor(Protocol):
    """Turns an annotated article (and the flows found in it) into attributed claims."""

    def __call__(self, annotated: Annotated, supply: Sequence[SupplyFlow]) -> Sequence[Claim]: ...
