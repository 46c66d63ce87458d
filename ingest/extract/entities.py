"""Entity extraction: gazetteer matches first, then spaCy NER names the gazetteer does not know.

``extract_entities`` is pure over an annotated ``Doc`` (the article's text with boilerplate masked
out, so offsets equal those of :attr:`Article.text`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ingest.annotate import GazetteerMatch
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
    sentence = span.sent.text.strip()
    return Evidence(article_id=article.id, start=span.start_char, end=span.end_char,
                    text=article.text[span.start_char:span.end_char], sentence=" ".join(sentence.split()),
                    extractor=extractor)


def extract_entities(doc: Doc, article: Article, matches: Sequence[GazetteerMatch], gazetteer: Gazetteer,
                     ner_extractor: str) -> EntityFindings:
    """Find and resolve the entities of an article from its gazetteer ``matches`` and NER spans.

    Gazetteer matches win over overlapping NER spans, except that an NER organisation whose name
    merely contains place, country or goods words ("Shenzhen Hongtu Electronics Co., Ltd.", "the
    Norwegian Shipping Observatory") is an organisation of its own. NER names are resolved by
    :class:`Resolver` (alias, surname, fuzzy, else a new lower-confidence entity).
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

    text = doc.text  # Doc.text joins every token anew on each access
    names = [ent for ent in doc.ents if ent.label_ == "ORG" and not is_headline(text, ent.start_char)
             and _contains_only_generic_matches(ent, matches, gazetteer)]
    for match in matches:
        if any(ent.start <= match.span.start and match.span.end <= ent.end for ent in names):
            continue
        entity = gazetteer.entities[match.entity_ids[0]]
        keep(entity, match.span, GAZETTEER_EXTRACTOR, CONFIDENCE["gazetteer"])
        for index in range(match.span.start, match.span.end):
            claimed[index] = True

    for ent in doc.ents:
        if is_headline(text, ent.start_char) or any(claimed[i] for i in range(ent.start, ent.end)):
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


#: Gazetteer types that may stand inside an organisation's name without making the name theirs.
_NAME_PARTS = frozenset({"Country", "Place", "Good", "EndUse", "GenericSource"})


def _contains_only_generic_matches(ent: Span, matches: Sequence[GazetteerMatch], gazetteer: Gazetteer) -> bool:
    inside = [m for m in matches if ent.start <= m.span.start and m.span.end <= ent.end]
    overlapping = [m for m in matches if m.span.start < ent.end and ent.start < m.span.end]
    if not inside or len(inside) != len(overlapping):
        return False
    covered = sum(len(m.span) for m in inside)
    words = [t for t in ent if not t.is_punct and t.lower_ != "the"]
    return (len(words) - covered >= 2
            and all(gazetteer.entities[m.entity_ids[0]].type in _NAME_PARTS for m in inside))


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
