"""Frozen pydantic records: what extraction produces and the store keeps.

Every record carries a self-describing id hashed from its identifying content, so re-ingesting the
same article yields the same ids. Character offsets always refer to :attr:`Article.text`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ontology.ids import make_id

__all__ = [
    "Article",
    "Claim",
    "ClaimValue",
    "Entity",
    "Evidence",
    "Extraction",
    "Mention",
    "Mood",
    "Period",
    "Source",
    "Span",
    "Status",
    "SupplyFlow",
]

Status = Literal["asserted", "hedged", "negated"]
#: How a claim is put: stated as fact, asked, forecast or held as an opinion (all are kept as claims).
Mood = Literal["asserted", "question", "forecast", "opinion"]


class Record(BaseModel):
    """Base of all records: immutable, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    """A half-open character range ``[start, end)`` of the article text, with why it is marked."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    label: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        return self


class Article(Record):
    """One ingested article.

    ``text`` is the article's text as read (HTML already reduced to main text); ``boilerplate`` lists
    the spans judged to be site furniture (teasers, share lines, photo credits), which extraction skips.
    """

    id: str
    path: str
    text: str
    content_hash: str
    format: Literal["txt", "md", "html", "jsonl"]
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    boilerplate: tuple[Span, ...] = ()
    warnings: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _spans_inside(self) -> Article:
        for span in self.boilerplate:
            if span.end > len(self.text):
                raise ValueError(f"boilerplate span {span.start}:{span.end} beyond text length {len(self.text)}")
        return self


class Evidence(Record):
    """Where a fact was read: article, exact span, the sentence around it, and which extractor."""

    article_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    sentence: str
    extractor: str


class Entity(Record):
    """A canonical entity. ``type`` is a concrete ontology class that inherits from ``Entity``."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    qid: str | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    origin: Literal["gazetteer", "ner", "metadata", "inferred"] = "gazetteer"
    iso2: str | None = None
    iso3: str | None = None
    country: str | None = None
    kind: str | None = None
    members: tuple[str, ...] = ()
    role: str | None = None
    organisation: str | None = None
    hs_codes: tuple[str, ...] = ()
    chpl_tier: str | None = None
    category: str | None = None
    hs_rule: str | None = None
    hs_confidence: float | None = None
    broader: tuple[str, ...] = ()


class Mention(Record):
    """An entity named at a span of an article."""

    id: str
    entity_id: str
    surface: str
    evidence: Evidence
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    @classmethod
    def build(cls, entity_id: str, evidence: Evidence, confidence: float = 1.0) -> Mention:
        """A mention with its id hashed from article, span and entity."""
        return cls(
            id=make_id("mention", evidence.article_id, evidence.start, evidence.end, entity_id),
            entity_id=entity_id,
            surface=evidence.text,
            evidence=evidence,
            confidence=confidence,
        )


class Period(Record):
    """A time range normalised to ISO dates or months (``2023-01`` .. ``2023-07``); ``text`` as written."""

    text: str
    start: str | None = None
    end: str | None = None


class ClaimValue(Record):
    """A figure as stated and as normalised.

    ``unit`` is one of ``%``, ``USD``, ``units``, ``factor`` or ``None``; ``direction`` says whether the
    figure is a change up or down or a level; ``qualifier`` keeps approximations ("more than", "nearly").
    """

    raw: str
    number: float | None = None
    unit: str | None = None
    direction: Literal["increase", "decrease", "level"] | None = None
    qualifier: str | None = None


class Source(Record):
    """One link of an attribution chain."""

    name: str
    entity_id: str | None = None
    role: Literal["outlet", "cited", "origin"] = "cited"


class SupplyFlow(Record):
    """Supplier → good → recipient, optionally via transit countries, as stated at one span.

    ``good_name`` is the good as the text names it ("electrical components"), where that differs from the
    name of the good ``good_id`` links to ("electrical parts", the gazetteer's canonical good)."""

    id: str
    supplier_id: str
    good_id: str
    recipient_id: str
    via: tuple[str, ...] = ()
    end_uses: tuple[str, ...] = ()
    period: Period | None = None
    quantity: str | None = None
    value: str | None = None
    status: Status = "asserted"
    evidence: Evidence
    good_name: str | None = None

    @classmethod
    def build(cls, supplier_id: str, good_id: str, recipient_id: str, evidence: Evidence,
              via: tuple[str, ...] = (), **fields: object) -> SupplyFlow:
        """A flow with its id hashed from its endpoints, route and evidence span."""
        name = fields.get("good_name")
        flow_id = make_id("flow", evidence.article_id, evidence.start, evidence.end,
                          supplier_id, good_id, recipient_id, list(via), *([name] if name else []))
        return cls.model_validate({
            "id": flow_id, "supplier_id": supplier_id, "good_id": good_id, "recipient_id": recipient_id,
            "via": via, "evidence": evidence, **fields,
        })


class Claim(Record):
    """A factual assertion with its value, period and attribution chain (outermost first).

    ``status`` says whether it is hedged or negated; ``mood`` how it is put: ``asserted``, or a ``question``,
    a ``forecast`` or an ``opinion``, kept as claims all the same."""

    id: str
    text: str
    evidence: Evidence
    metric: str | None = None
    value: ClaimValue | None = None
    period: Period | None = None
    attributed_to: tuple[Source, ...] = ()
    status: Status = "asserted"
    mood: Mood = "asserted"
    about: tuple[str, ...] = ()
    supply_ids: tuple[str, ...] = ()


class Extraction(Record):
    """Everything extracted from one article; the unit the store writes atomically.

    ``outlet_id`` is the entity (among ``entities``) the article's outlet resolved to, when it resolved."""

    article: Article
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    supply: tuple[SupplyFlow, ...] = ()
    claims: tuple[Claim, ...] = ()
    outlet_id: str | None = None
