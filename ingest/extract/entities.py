"""Entity extraction: gazetteer matches first, then spaCy NER names the gazetteer does not know.

``extract_entities`` is pure over an annotated ``Doc`` (the article's text with boilerplate masked
out, so offsets equal those of :attr:`Article.text`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ingest.annotate import GazetteerMatcher
from ingest.resolve import CONFIDENCE, Resolver
from ontology.gazetteer import Gazetteer
from ontology.records import Article, Entity, Evidence, Mention

__all__ = ["GAZETTEER_EXTRACTOR", "EntityFindings", "evidence_for", "extract_entities"]

GAZETTEER_EXTRACTOR = "gazetteer@1.0"


@dataclass(frozen=True)
class EntityFindings:
    """Entities (unique, canonical) and their mentions in one article, mentions in text order."""

    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]

    def entity(self, entity_id: str) -> Entity:
        """The entity record for an id found in this article."""
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)


def evidence_for(article: Article, span: Span, extractor: str) -> Evidence:
    """Evidence for a token span: exact offsets into the article text and its sentence."""
    sentence = span.sent.text.strip() if span.doc.has_annotation("SENT_START") else span.text
    return Evidence(article_id=article.id, start=span.start_char, end=span.end_char,
                    text=article.text[span.start_char:span.end_char], sentence=" ".join(sentence.split()),
                    extractor=extractor)


def extract_entities(doc: Doc, article: Article, matcher: GazetteerMatcher, gazetteer: Gazetteer,
                     ner_extractor: str) -> EntityFindings:
    """Find and resolve the entities of an article.

    Gazetteer matches win over overlapping NER spans; NER names are resolved by :class:`Resolver`
    (alias, surname, fuzzy, else a new lower-confidence entity).
    """
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    resolver = Resolver(gazetteer)
    claimed = [False] * len(doc)

    def keep(entity: Entity, span: Span, extractor: str, confidence: float) -> None:
        previous = entities.get(entity.id)
        if previous is None or previous.confidence < entity.confidence:
            entities[entity.id] = entity
        resolver.remember(entity)
        mentions.append(Mention.build(entity.id, evidence_for(article, span, extractor), confidence))

    for match in matcher(doc):
        entity = gazetteer.entities[match.entity_ids[0]]
        keep(entity, match.span, GAZETTEER_EXTRACTOR, CONFIDENCE["gazetteer"])
        for index in range(match.span.start, match.span.end):
            claimed[index] = True

    for ent in doc.ents:
        if any(claimed[index] for index in range(ent.start, ent.end)):
            continue
        resolution = resolver.resolve(ent.text, ent.label_)
        if resolution is None:
            continue
        span = _trimmed(ent)
        keep(resolution.entity, span, f"{ner_extractor}+resolve:{resolution.method}", resolution.confidence)

    mentions.sort(key=lambda m: (m.evidence.start, m.evidence.end))
    ordered = sorted(entities.values(), key=lambda e: (e.type, e.name))
    return EntityFindings(tuple(ordered), tuple(mentions))


def _trimmed(ent: Span) -> Span:
    """The NER span without a leading "the" and a trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if end - start > 1 and doc[start].lower_ == "the":
        start += 1
    if end - start > 1 and doc[end - 1].lower_ in ("'s", "\u2019s", "'", "\u2019"):
        end -= 1
    return doc[start:end]
