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

__all__ = ["GAZETTEER_EXTRACTOR", "EntityFindings", "evidence_for", "extract_entities", "is_headline"]

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

    country_only = [False] * len(doc)
    for match in matcher(doc):
        entity = gazetteer.entities[match.entity_ids[0]]
        keep(entity, match.span, GAZETTEER_EXTRACTOR, CONFIDENCE["gazetteer"])
        for index in range(match.span.start, match.span.end):
            claimed[index] = True
            country_only[index] = entity.type == "Country"

    for ent in doc.ents:
        if is_headline(doc.text, ent.start_char):
            continue
        taken = [index for index in range(ent.start, ent.end) if claimed[index]]
        # A demonym inside a longer organisation name ("the Norwegian Shipping Observatory") does not
        # stop the name from being an organisation of its own.
        inside_name = (ent.label_ == "ORG" and len(ent) - len(taken) >= 2 and all(country_only[i] for i in taken))
        if taken and not inside_name:
            continue
        resolution = resolver.resolve(ent.text, ent.label_)
        if resolution is None or (resolution.method == "new" and ent.label_ == "PERSON" and len(ent) < 2):
            # A lone capitalised word that NER calls a person ("Background", "Twitter") is more often wrong
            # than right unless the article named that person in full before (handled by the resolver).
            continue
        span = _trimmed(ent)
        keep(resolution.entity, span, f"{ner_extractor}+resolve:{resolution.method}", resolution.confidence)

    mentions.sort(key=lambda m: (m.evidence.start, m.evidence.end))
    ordered = sorted(entities.values(), key=lambda e: (e.type, e.name))
    return EntityFindings(tuple(ordered), tuple(mentions))


def is_headline(text: str, offset: int) -> bool:
    r"""Whether the line holding ``offset`` reads as a Title Case headline (no final stop, most words
    capitalised). NER invents people and places from such lines ("Rapid Surge", "Raises Concerns"), so
    only gazetteer names are taken from them.

    >>> is_headline("Chinese Equipment Bolsters Russian Defensive Lines\nBody text.", 3)
    True
    >>> is_headline("Joseph Webster said the trade grew.", 3)
    False
    """
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start:] if end < 0 else text[start:end]
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 3 or line.rstrip().endswith((".", ":", "?\"", ".\"", "”")):
        return False
    capitalised = sum(w[0].isupper() for w in words if len(w) > 3)
    longer = sum(len(w) > 3 for w in words)
    return longer > 0 and capitalised / longer >= 0.75


def _trimmed(ent: Span) -> Span:
    """The NER span without a leading "the" and a trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if end - start > 1 and doc[start].lower_ == "the":
        start += 1
    if end - start > 1 and doc[end - 1].lower_ in ("'s", "\u2019s", "'", "\u2019"):
        end -= 1
    return doc[start:end]
