"""Entity extraction: gazetteer matches first, then spaCy NER names the gazetteer does not know.

``extract_entities`` is pure over an annotated ``Doc`` (the article's text with boilerplate masked
out, so offsets equal those of :attr:`Article.text`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ingest.annotate import GazetteerMatch
from ingest.resolve import CONFIDENCE, Resolver
from ontology.errors import OntologyError
from ontology.gazetteer import GAZETTEER_DIR, Gazetteer
from ontology.ids import slug
from ontology.records import Article, Entity, Evidence, Mention

__all__ = [
    "COMPANY_NAMES_PATH",
    "GAZETTEER_EXTRACTOR",
    "CompanyNameRules",
    "EntityFindings",
    "company_name_spans",
    "evidence_for",
    "extract_entities",
    "is_headline",
    "load_company_name_rules",
]

GAZETTEER_EXTRACTOR = "gazetteer@1.0"
COMPANY_NAMES_PATH = GAZETTEER_DIR / "supply_lexicon.yaml"


class CompanyNameRules(BaseModel):
    """Legal-form words that make a run of capitalised words a company name (``company_names`` in
    ``supply_lexicon.yaml``): ``suffixes`` close a name ("Altyn Trade LLC"), ``prefixes`` open one
    ("OOO Severny Privod"). Compared case-sensitively with full stops removed ("A.S." is "AS")."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    suffixes: tuple[str, ...]
    prefixes: tuple[str, ...] = ()

    def is_suffix(self, word: str) -> bool:
        return word.replace(".", "") in self._suffixes()

    def is_prefix(self, word: str) -> bool:
        return word in self.prefixes

    def _suffixes(self) -> frozenset[str]:
        return _folded_suffixes(self.suffixes)


@cache
def _folded_suffixes(suffixes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(s.replace(".", "") for s in suffixes)


@cache
def load_company_name_rules(path: Path = COMPANY_NAMES_PATH) -> CompanyNameRules:
    """Read the ``company_names`` rules (cached).

    Raises
    ------
    OntologyError
        When the file cannot be read or the key is missing or malformed (the message names the key).
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise OntologyError(f"{path}: cannot read company name rules: {err}") from err
    try:
        return CompanyNameRules.model_validate((data or {}).get("company_names"))
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in ("company_names", *first["loc"]))
        raise OntologyError(f"{path}: {where}: {first['msg']}") from err


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
    companies = [(span, short) for span, short in company_name_spans(doc, load_company_name_rules())
                 if not is_headline(text, span.start_char) and _contains_only_generic_matches(span, matches, gazetteer,
                                                                                                 min_words=1)]
    names = [ent for ent in doc.ents if ent.label_ == "ORG" and not is_headline(text, ent.start_char)
             and _contains_only_generic_matches(ent, matches, gazetteer)]
    names += [span for span, _ in companies]
    for match in matches:
        if any(ent.start <= match.span.start and match.span.end <= ent.end for ent in names):
            continue
        entity = gazetteer.entities[match.entity_ids[0]]
        keep(entity, match.span, GAZETTEER_EXTRACTOR, CONFIDENCE["gazetteer"])
        for index in range(match.span.start, match.span.end):
            claimed[index] = True

    # Legal-form names ("Altyn Trade LLC") are companies whatever NER labelled them ("Demirkaya Elektronik
    # A.S." comes out as a PERSON); their short forms later in the article ("Altyn Trade") are the same company.
    by_name: dict[str, Entity] = {}
    for span, short in companies:
        if any(claimed[i] for i in range(span.start, span.end)):
            continue
        company = by_name.get(short) if short else None
        if company is None:
            company = _company(span, resolver)
            if company is None:
                continue
        by_name.setdefault(_base_text(span, load_company_name_rules()), company)
        keep(company, span, f"{ner_extractor}+company-name", max(company.confidence, CONFIDENCE["new_org"]))
        for index in range(span.start, span.end):
            claimed[index] = True

    for ent in doc.ents:
        if is_headline(text, ent.start_char) or any(claimed[i] for i in range(ent.start, ent.end)):
            continue
        known = _shortened(ent, by_name)
        if known is not None:  # "Kai Wah Silverline" after "Kai Wah Silverline Trading Limited"
            keep(known, _trimmed(ent), f"{ner_extractor}+company-name", known.confidence)
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


def _contains_only_generic_matches(ent: Span, matches: Sequence[GazetteerMatch], gazetteer: Gazetteer,
                                   min_words: int = 2) -> bool:
    """Whether the gazetteer names inside ``ent`` are only place, country or goods words, leaving at least
    ``min_words`` words of its own (a legal-form name needs no gazetteer word inside it at all)."""
    inside = [m for m in matches if ent.start <= m.span.start and m.span.end <= ent.end]
    overlapping = [m for m in matches if m.span.start < ent.end and ent.start < m.span.end]
    if len(inside) != len(overlapping) or (not inside and min_words >= 2):
        return False
    covered = sum(len(m.span) for m in inside)
    words = [t for t in ent if not t.is_punct and t.lower_ != "the"]
    return (len(words) - covered >= min_words
            and all(gazetteer.entities[m.entity_ids[0]].type in _NAME_PARTS for m in inside))


def _is_name_word(text: str) -> bool:
    return text[:1].isupper() and any(ch.isalpha() for ch in text)


def company_name_spans(doc: Doc, rules: CompanyNameRules) -> list[tuple[Span, str]]:
    """Company names recognised by their legal form, and their short forms later in the text.

    A name is a run of capitalised words closed by suffixes ("Jiangsu Ruifeng Precision Bearing Co., Ltd.")
    or opened by a prefix ("OOO Severny Privod"); a leading "The" is left out. Each name's short form (the
    name without its legal form, "Altyn Trade") is then found wherever else it occurs. Returns ``(span,
    short)`` pairs in text order, ``short`` being ``""`` for a full name and the full name's short form
    for a short one.
    """
    full: list[Span] = []
    for token in doc:
        if (rules.is_suffix(token.text) and _is_name_word(token.text)) or token.text == "plc":
            span = _suffix_name(doc, token.i, rules)
        elif rules.is_prefix(token.text):
            span = _prefix_name(doc, token.i)
        else:
            continue
        if span is not None:
            full.append(span)
    full = filter_spans(full)
    taken = {i for span in full for i in range(span.start, span.end)}
    found: list[tuple[Span, str]] = [(span, "") for span in full]
    for base in dict.fromkeys(_base_text(span, rules) for span in full):
        for span in _occurrences(doc, base.split(" ")):
            if not any(i in taken for i in range(span.start, span.end)):
                found.append((span, base))
                taken.update(range(span.start, span.end))
    return sorted(found, key=lambda pair: pair[0].start)


def _suffix_name(doc: Doc, at: int, rules: CompanyNameRules) -> Span | None:
    end = at + 1
    while end + 1 < len(doc) and doc[end].text == "," and rules.is_suffix(doc[end + 1].text):
        end += 2  # "Co., Ltd."
    start = at
    words = 0
    while start > 0 and at - start < 10:
        prev = doc[start - 1]
        if prev.text == "," and start >= 2 and rules.is_suffix(doc[start - 2].text) \
                and rules.is_suffix(doc[start].text):
            start -= 1
            continue
        if (prev.whitespace_ == "" and prev.text != "&") or prev.is_stop \
                or not (_is_name_word(prev.text) or prev.text == "&"):
            break  # "Bishkek-based Altyn Trade LLC": "based" is not part of the name
        start -= 1
        words += not rules.is_suffix(prev.text)
    if start < at and doc[start].lower_ == "the":
        start += 1
        words -= 1
    return doc[start:end] if words >= 1 else None


def _prefix_name(doc: Doc, at: int) -> Span | None:
    end = at + 1
    while end < len(doc) and (_is_name_word(doc[end].text) or doc[end].text in "\"«»“”"):
        end += 1
    while end > at + 1 and not _is_name_word(doc[end - 1].text) and doc[end - 1].text not in "\"»”":
        end -= 1
    return doc[at:end] if end > at + 1 else None


def _base_text(span: Span, rules: CompanyNameRules) -> str:
    """A company name without its legal form: "Altyn Trade LLC" -> "Altyn Trade"."""
    words = [t.text for t in span]
    while words and (rules.is_prefix(words[0]) or words[0] in "\"«“"):
        words = words[1:]
    while words and (rules.is_suffix(words[-1]) or words[-1] in (",", "\"", "»", "”")):
        words = words[:-1]
    if not words or (len(words) == 1 and len(words[0]) < 4):
        return " ".join(t.text for t in span)  # "AB Ltd" has no usable short form
    return " ".join(words)


def _occurrences(doc: Doc, words: list[str]) -> Iterator[Span]:
    size = len(words)
    for i in range(len(doc) - size + 1):
        if doc[i].text == words[0] and [t.text for t in doc[i:i + size]] == words:
            yield doc[i:i + size]


def _shortened(ent: Span, companies: dict[str, Entity]) -> Entity | None:
    """The company whose short form begins with this NER name of two words or more."""
    words = _trimmed(ent).text.split()
    if ent.label_ not in ("ORG", "PERSON") or len(words) < 2:
        return None
    for base, entity in companies.items():
        if base.split()[:len(words)] == words:
            return entity
    return None


def _company(span: Span, resolver: Resolver) -> Entity | None:
    """The entity of a legal-form name: a known organisation, else a new company (never a person)."""
    resolution = resolver.resolve(span.text, "ORG")
    if resolution is None:
        return None
    if resolution.method != "new":
        return resolution.entity
    name = " ".join(span.text.split())
    return Entity(id=f"org:{slug(name)}", type="Company", name=name, origin="ner", confidence=CONFIDENCE["new_org"])


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
