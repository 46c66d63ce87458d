"""Entity extraction: gazetteer matches first, then spaCy NER names the gazetteer does not know.

``extract_entities`` is pure over an annotated ``Doc`` (the article's text with boilerplate masked
out, so offsets equal those of :attr:`Article.text`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ingest.annotate import GazetteerMatch, doc_text
from ingest.extract.goods_phrases import mentioned_goods, transport_mode
from ingest.extract.values import LexiconPattern, words_pattern
from ingest.resolve import CONFIDENCE, Resolver, company_name
from ontology.datafile import read_section
from ontology.gazetteer import GAZETTEER_DIR, Gazetteer, fold_surface
from ontology.goods import OPEN_GOOD_CONFIDENCE, GoodsTerms, GoodsVocabulary
from ontology.ids import slug
from ontology.model import Ontology
from ontology.records import Article, Entity, Evidence, Mention

__all__ = [
    "COLLECTIVE_SOURCES_PATH",
    "COMPANY_NAMES_PATH",
    "GAZETTEER_EXTRACTOR",
    "CollectiveSourceRules",
    "CompanyNameRules",
    "EntityFindings",
    "EntityLexicons",
    "HeadlineLines",
    "PersonNameCues",
    "collective_sources",
    "company_name_spans",
    "cued_person_spans",
    "evidence_for",
    "extract_entities",
    "is_headline",
    "load_collective_source_rules",
    "load_company_name_rules",
    "load_person_name_cues",
]

GAZETTEER_EXTRACTOR = "gazetteer@1.0"
COMPANY_NAMES_PATH = GAZETTEER_DIR / "supply_lexicon.yaml"
COLLECTIVE_SOURCES_PATH = GAZETTEER_DIR / "generic_sources.yaml"
PEOPLE_PATH = GAZETTEER_DIR / "people.yaml"
COLLECTIVE_EXTRACTOR = f"{GAZETTEER_EXTRACTOR}+collective"
GOODS_MENTION_EXTRACTOR = "goods-mention@1.0"


class CompanyNameRules(BaseModel):
    """Legal-form words that make a run of capitalised words a company name (``company_names`` in
    ``supply_lexicon.yaml``): ``suffixes`` close a name ("Altyn Trade LLC"), ``prefixes`` open one
    ("OOO Severny Privod"). Compared case-sensitively with full stops removed ("A.S." is "AS")."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    suffixes: tuple[str, ...]
    prefixes: tuple[str, ...] = ()
    #: Nouns that say a name in apposition to them is a company ("the company, Medisar", "trading firm
    #: Acme", "Orbital Parts, a Delhi-based firm"); compared in lower case.
    nouns: tuple[str, ...] = ()
    #: Words that make any name holding them a company's, whatever NER labelled it ("Demirci Bilisim Ticaret
    #: Sanayi" read as a person); compared as written.
    name_words: tuple[str, ...] = ()
    #: Capitalised words that close the name of an industrial enterprise, "and"/"of"/"&" allowed inside
    #: ("Ural Optical and Mechanical Plant"); compared as written.
    facilities: tuple[str, ...] = ()
    #: Lower-case words of other languages that join the words of one registered name ("Sanayi ve Ticaret").
    joiners: tuple[str, ...] = ()
    #: Words between a company noun and the name it gives ("a company named Eriner", "a firm called Ostrov").
    naming_words: tuple[str, ...] = ()
    #: Lower-case nouns for an enterprise that a name before them belongs to ("the Radiozavod plant").
    facility_nouns: tuple[str, ...] = ()
    #: Route prepositions before a name that a word of trade closes ("sold to Kestrel Trading"): a party.
    route_words: tuple[str, ...] = ()

    def is_suffix(self, word: str) -> bool:
        return word.replace(".", "") in self.folded_suffixes

    def is_prefix(self, word: str) -> bool:
        return word in self.prefixes

    @cached_property
    def folded_suffixes(self) -> frozenset[str]:
        """The suffixes without full stops (asked of every word of every article)."""
        return frozenset(s.replace(".", "") for s in self.suffixes)


class PersonNameCues(BaseModel):
    """How a text introduces a person it names (``name_cues`` in ``people.yaml``): words ``before`` a
    capitalised run ("run by", "Dutch national"), ``particles`` allowed inside it ("de", "van")."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    before: tuple[str, ...]
    particles: tuple[str, ...] = ()
    #: Nouns after a leader's name that name the government they lead ("the Biden administration").
    offices: tuple[str, ...] = ()


@cache
def load_person_name_cues(path: Path = PEOPLE_PATH) -> PersonNameCues:
    """Read the ``name_cues`` of ``people.yaml`` (cached).

    Raises
    ------
    OntologyError
        When the file cannot be read or the key is missing or malformed (the message names the key).
    """
    return read_section(path, "a gazetteer", "name_cues", PersonNameCues)


@cache
def _cue_pattern(cues: PersonNameCues) -> re.Pattern[str]:
    """A cue and the capitalised word after it (the name's first), found in the text in one pass."""
    return re.compile(rf"(?<![\w-])(?:{words_pattern(list(cues.before))})[ \t]+(?=[A-Z])", re.IGNORECASE)


_MOST_NAME_WORDS = 4


def cued_person_spans(doc: Doc, cues: PersonNameCues, company_words: frozenset[str]) -> list[Span]:
    """People's names a cue introduces: "run by Ilya Sokolov", "Dutch national Jan de Vries". The name is
    two to four capitalised words (particles between them); a run holding a legal form or trade word
    (``company_words``: "owned by Acme Trading") is a company's name, not a person's."""
    particles = frozenset(cues.particles)
    found: list[Span] = []
    size = len(doc)
    for match in _cue_pattern(cues).finditer(doc_text(doc)):
        first = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if first is None or (found and first.start < found[-1].end):
            continue
        at = first.start
        words = [t.text for t in doc[at:min(size, at + 2 * _MOST_NAME_WORDS)]]
        end = 1
        while end < len(words) and end < _MOST_NAME_WORDS and (
                (_is_name_word(words[end]) and words[end].isalpha())
                or (words[end] in particles and end + 1 < len(words) and _is_name_word(words[end + 1]))):
            end += 1
        name = words[:end]
        if words[0].isalpha() and sum(_is_name_word(w) for w in name) >= 2 \
                and not any(w in company_words for w in name) and (end >= len(words) or not _is_name_word(words[end])):
            found.append(doc[at:at + end])
    return found


@cache
def load_company_name_rules(path: Path = COMPANY_NAMES_PATH) -> CompanyNameRules:
    """Read the ``company_names`` rules (cached).

    Raises
    ------
    OntologyError
        When the file cannot be read or the key is missing or malformed (the message names the key).
    """
    return read_section(path, "the supply lexicon", "company_names", CompanyNameRules)


class _CollectiveRole(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str
    kind: str
    words: tuple[str, ...]


class _CollectiveBody(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str
    words: tuple[str, ...]


class CollectiveSourceRules(BaseModel):
    """Collective sources read around a known name (``collective_sources`` in ``generic_sources.yaml``):
    ``roles`` ("officials", "investigators") and, for a country, ``bodies`` ("defence ministry") written
    after the name with ``qualifiers`` between ("a senior EU official"), or roles written before it with a
    ``linker`` ("officials in Kyiv"). Words compare case-insensitively."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    qualifiers: tuple[str, ...] = ()
    linkers: tuple[str, ...] = ()
    roles: tuple[_CollectiveRole, ...]
    bodies: tuple[_CollectiveBody, ...] = ()

    def head(self, words: str) -> _CollectiveRole | _CollectiveBody | None:
        """The role or body that ``words`` (as written) name."""
        key = " ".join(words.lower().split())
        for group in self.groups():
            if key in group.words:
                return group
        return None

    def groups(self) -> tuple[_CollectiveRole | _CollectiveBody, ...]:
        """Roles, then bodies."""
        return (*self.roles, *self.bodies)


@dataclass(frozen=True)
class _CollectivePatterns:
    after: re.Pattern[str]  # "['s] [senior] officials" after a name
    before: LexiconPattern  # "officials in [the]" before a name


@cache
def _collective_patterns(rules: CollectiveSourceRules) -> _CollectivePatterns:
    quals = words_pattern(list(rules.qualifiers)) or r"(?!)"
    roles = words_pattern([w for role in rules.roles for w in role.words])
    heads = words_pattern([w for group in rules.groups() for w in group.words])
    linkers = words_pattern(list(rules.linkers)) or r"(?!)"
    return _CollectivePatterns(
        after=re.compile(rf"(?:['’]s)?(?:[ \t]+(?:{quals}))*[ \t]+(?P<head>{heads})(?![\w-])", re.IGNORECASE),
        before=LexiconPattern.of(rf"(?<![\w-])(?P<head>{roles})[ \t]+(?:{linkers})[ \t]+(?:the[ \t]+)?$",
                                 [w for role in rules.roles for w in role.words]),
    )


@cache
def load_collective_source_rules(path: Path = COLLECTIVE_SOURCES_PATH) -> CollectiveSourceRules:
    """Read the ``collective_sources`` rules (cached).

    Raises
    ------
    OntologyError
        When the file cannot be read or the key is missing or malformed (the message names the key).
    """
    return read_section(path, "a gazetteer", "collective_sources", CollectiveSourceRules)


#: Gazetteer types around whose names collective sources are read, and the types whose own staff they are.
_COLLECTIVE_ANCHORS = frozenset({"Country", "IntergovernmentalOrg", "GovernmentAgency", "ThinkTank", "MediaOutlet"})
_STAFFED = frozenset({"GovernmentAgency", "ThinkTank", "MediaOutlet"})
#: Organisation types a person may be affiliated with, or a generic role may belong to ("analysts at X").
_AFFILIATIONS = frozenset({"GovernmentAgency", "ThinkTank", "MediaOutlet", "IntergovernmentalOrg", "Company"})


def collective_sources(doc: Doc, matches: Sequence[GazetteerMatch], gazetteer: Gazetteer,
                       rules: CollectiveSourceRules) -> list[tuple[Span, Entity]]:
    """Collective sources named around a country, bloc or agency that the gazetteer matched.

    "Ukrainian investigators" and "officials in Kyiv" are the generic sources "Ukrainian investigators"
    and "Ukrainian officials" (one listed in ``generic_sources.yaml`` wins: "American officials" is "U.S.
    officials"); "Ukraine's defence ministry" is the government agency "Ukrainian Ministry of Defence"
    (organisations.yaml first, else a new agency); "a senior EU official" is "EU officials" when listed,
    else the bloc; "Pentagon officials" are the Pentagon. A span that would cut into another gazetteer
    name ("Chinese customs data") is left to that name.

    Returns
    -------
    list[tuple[Span, Entity]]
        Spans (from the name to the role, or from the role to the name) with their entity, in text order.
    """
    patterns = _collective_patterns(rules)
    text = doc_text(doc)
    found: list[tuple[Span, Entity]] = []
    for match in matches:
        anchor = gazetteer.entities[match.entity_ids[0]]
        if anchor.type not in _COLLECTIVE_ANCHORS:
            continue
        span_start, span_end = match.span.start_char, match.span.end_char
        after = patterns.after.match(text, span_end, min(len(text), span_end + 80))
        before = patterns.before.search(text, max(0, span_start - 60), span_start) \
            if after is None and anchor.type == "Country" else None
        if after is not None:
            written, span_end = after.group("head"), after.end()
        elif before is not None:
            written, span_start = before.group("head"), before.start()
        else:
            continue
        group = rules.head(written)
        span = doc.char_span(span_start, span_end, alignment_mode="expand")
        if group is None or span is None or _cuts_into(span, match, matches):
            continue
        surface = match.span.text
        entity = _collective_entity(anchor, surface, written, group, gazetteer)
        if entity is not None:
            found.append((span, entity))
    return found


def _cuts_into(span: Span, anchor: GazetteerMatch, matches: Sequence[GazetteerMatch]) -> bool:
    """Whether ``span`` overlaps another gazetteer name that it does not hold whole, or holds one that is
    neither a place nor a generic source (which it replaces)."""
    for other in matches:
        if other is anchor or other.span.end <= span.start or other.span.start >= span.end:
            continue
        if not (span.start <= other.span.start and other.span.end <= span.end):
            return True
    return False


def _collective_entity(anchor: Entity, surface: str, written: str, group: _CollectiveRole | _CollectiveBody,
                       gazetteer: Gazetteer) -> Entity | None:
    forms = sorted({anchor.name, *anchor.aliases, surface})
    if isinstance(group, _CollectiveBody):
        if anchor.type != "Country":
            return None
        words = (written, group.name, *group.words)
        candidates = [f"{form} {word}" for form in forms for word in words]
        candidates += [f"{form}'s {word}" for form in forms for word in words]
        candidates += [f"{group.name} of {form}" for form in forms]
        for candidate in candidates:
            known = gazetteer.lookup(candidate, ["GovernmentAgency"])
            if known is not None:
                return known
        name = f"{_demonym(anchor, surface, gazetteer)} {group.name}"
        return Entity(id=f"org:{slug(name)}", type="GovernmentAgency", name=name, country=anchor.iso2,
                      confidence=CONFIDENCE["collective"])
    for candidate in (f"{form} {word}" for form in forms for word in (group.name, written, *group.words)):
        known = gazetteer.lookup(candidate, ["GenericSource"])
        if known is not None:
            return known
    if anchor.type in _STAFFED or anchor.type == "IntergovernmentalOrg":
        return anchor  # "Pentagon officials", "NATO officials": the body speaks through them
    name = f"{_demonym(anchor, surface, gazetteer)} {group.name}"
    return Entity(id=f"source:{slug(name)}", type="GenericSource", name=name, kind=group.kind,
                  country=anchor.iso2, confidence=CONFIDENCE["collective"])


def _demonym(country: Entity, surface: str, gazetteer: Gazetteer) -> str:
    """The adjective a new collective source is named with: the demonym written ("US" and "U.S." as the
    gazetteer spells it first), else the country's shortest one-word demonym ("Kazakh", not "Kazakhstani"),
    else its name."""
    demonyms = sorted(a for a in country.aliases if gazetteer.is_demonym(a))
    if gazetteer.is_demonym(surface):
        same = [d for d in demonyms if fold_surface(d) == fold_surface(surface)]
        return same[0] if same else surface
    words = [d for d in demonyms if d.isalpha()]
    return min(words, key=lambda w: (len(w), w)) if words else country.name


@dataclass(frozen=True)
class EntityFindings:
    """Entities (unique, canonical) and their mentions in one article, mentions in text order."""

    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    _by_id: dict[str, Entity] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The relation extractors look an entity up for nearly every mention they read.
        by_id: dict[str, Entity] = {}
        for entity in self.entities:
            by_id.setdefault(entity.id, entity)
        object.__setattr__(self, "_by_id", by_id)

    def entity(self, entity_id: str) -> Entity:
        """The entity record for an id found in this article."""
        return self._by_id[entity_id]


def evidence_for(article: Article, span: Span, extractor: str) -> Evidence:
    """Evidence for a token span: exact offsets into the article text and its sentence."""
    sent = span.sent
    # The sentence's text sliced from the doc's (``Span.text`` would join its tokens one by one).
    sentence = doc_text(span.doc)[sent.start_char:sent.end_char].strip()
    return Evidence(article_id=article.id, start=span.start_char, end=span.end_char,
                    text=article.text[span.start_char:span.end_char], sentence=" ".join(sentence.split()),
                    extractor=extractor)


class EntityLexicons(Protocol):
    """What :func:`extract_entities` reads of :class:`~ingest.extract.lexicons.Lexicons`."""

    @property
    def company_names(self) -> CompanyNameRules: ...

    @property
    def person_names(self) -> PersonNameCues: ...

    @property
    def collective_sources(self) -> CollectiveSourceRules: ...

    @property
    def goods_terms(self) -> GoodsTerms: ...

    @property
    def goods_vocabulary(self) -> GoodsVocabulary: ...

    @property
    def ontology(self) -> Ontology: ...


def extract_entities(doc: Doc, article: Article, matches: Sequence[GazetteerMatch], gazetteer: Gazetteer,
                     ner_extractor: str, lexicons: EntityLexicons) -> EntityFindings:
    """Find and resolve the entities of an article from its gazetteer ``matches`` and NER spans.

    Gazetteer matches win over overlapping NER spans, except that an NER organisation whose name
    merely contains place, country or goods words ("Shenzhen Hongtu Electronics Co., Ltd.", "the
    Norwegian Shipping Observatory") is an organisation of its own. NER names are resolved by
    :class:`Resolver` (alias, surname, fuzzy, else a new lower-confidence entity).
    """
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    resolver = Resolver(gazetteer, lexicons.ontology)
    claimed = [False] * len(doc)

    def keep(entity: Entity, span: Span, extractor: str, confidence: float) -> None:
        previous = entities.get(entity.id)
        if previous is None or previous.confidence < entity.confidence:
            entities[entity.id] = entity
        resolver.remember(entity)
        mentions.append(Mention.build(entity.id, evidence_for(article, span, extractor), confidence))

    text = doc_text(doc)
    headline = HeadlineLines(text)
    ents = list(doc.ents)  # spaCy builds the spans anew on each ``doc.ents``
    collective = [(span, entity) for span, entity in
                  collective_sources(doc, matches, gazetteer, lexicons.collective_sources)
                  if not headline(span.start_char)]
    by_offset = _MatchIndex(matches)
    rules = lexicons.company_names
    companies = [(span, short) for span, short in company_name_spans(doc, rules)
                 if not headline(span.start_char) and _contains_only_generic_matches(span, by_offset, gazetteer,
                                                                                        min_words=1)]
    trade_words = frozenset(rules.name_words)
    # An organisation's name needs two words of its own beside place and goods words, one when it ends in a
    # word of trade ("Shenzhen Kiosk Electronic": a city, a brand, what the firm does).
    names = [ent for ent in ents if ent.label_ == "ORG" and not headline(ent.start_char)
             and _contains_only_generic_matches(ent, by_offset, gazetteer,
                                                min_words=1 if ent[-1].text in trade_words else 2)
             and not any(span.start < ent.end and ent.start < span.end for span, _ in collective)]
    names += [span for span, _ in companies]
    affiliations = _affiliation_starts(ents, matches, gazetteer, collective)
    firms = lexicons.goods_terms.firms
    part_nouns = lexicons.goods_terms.parts
    offices = frozenset(lexicons.person_names.offices)
    for match in matches:
        if any(ent.start <= match.span.start and match.span.end <= ent.end for ent in names):
            continue
        entity = gazetteer.entities[match.entity_ids[0]]
        if entity.type not in ("Country", "Place") and any(
                span.start <= match.span.start and match.span.end <= span.end for span, _ in collective):
            continue  # "Pentagon officials", "Ukrainian researchers": the collective source stands for it
        if entity.type == "GenericSource" and _staff_of(doc, match.span, affiliations):
            continue  # "analysts at the Kiel Institute" speak for the Kiel Institute
        if entity.type == "Good" and match.span.end < len(doc) and doc[match.span.end].lower_ in firms:
            continue  # "shell companies", "front firms": what kind of firm, no goods
        if entity.type == "Good" and transport_mode(match.span.root, lexicons.goods_terms):
            for index in range(match.span.start, match.span.end):
                claimed[index] = True
            continue  # "transported by truck", "delivered on trucks": how the goods travel, no goods
        if entity.type == "Good" and _modifies_a_part(doc, match.span.end, part_nouns):
            continue  # "vehicle spare parts", "tractor engines": the part is the good, read as a goods phrase
        if entity.type == "Person" and match.span.end < len(doc) and doc[match.span.end].lower_ in offices:
            # "the Biden administration": the government the person leads, not the person
            office = doc[match.span.start:match.span.end + 1]
            name = f"{match.span.text} {office[-1].lower_}"
            entity = Entity(id=f"org:{slug(name)}", type="GovernmentAgency", name=name, country=entity.country,
                            confidence=CONFIDENCE["collective"])
            keep(entity, office, GAZETTEER_EXTRACTOR, entity.confidence)
            for index in range(office.start, office.end):
                claimed[index] = True
            continue
        keep(entity, match.span, GAZETTEER_EXTRACTOR, CONFIDENCE["gazetteer"])
        for index in range(match.span.start, match.span.end):
            claimed[index] = True
    for span, entity in collective:
        keep(entity, span, COLLECTIVE_EXTRACTOR, entity.confidence)
        for index in range(span.start, span.end):
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
        by_name.setdefault(_base_text(span, rules), company)
        keep(company, span, f"{ner_extractor}+company-name", max(company.confidence, CONFIDENCE["new_org"]))
        for index in range(span.start, span.end):
            claimed[index] = True

    # People a cue introduces ("run by Ilya Sokolov"), where NER missed or cut the name: "Sokolov" as an ORG.
    company_words = frozenset((*rules.folded_suffixes, *rules.suffixes, *rules.name_words, *rules.facilities))
    for span in cued_person_spans(doc, lexicons.person_names, company_words):
        if headline(span.start_char) or any(claimed[i] for i in range(span.start, span.end)):
            continue
        # "led by De Geetere" where NER names "Hans De Geetere" elsewhere: the person of the full name.
        fuller = next((ent.text for ent in ents if ent.label_ == "PERSON" and len(ent) > len(span)
                       and ent.text.endswith(" " + span.text)), span.text)
        resolution = resolver.resolve(fuller, "PERSON")
        if resolution is None or resolution.entity.type != "Person":
            continue
        keep(resolution.entity, span, f"{ner_extractor}+cue:{resolution.method}", resolution.confidence)
        for index in range(span.start, span.end):
            claimed[index] = True

    for ent in ents:
        if headline(ent.start_char) or any(claimed[i] for i in range(ent.start, ent.end)):
            continue
        known = _shortened(ent, by_name) or _first_word_of_company(ent, entities, gazetteer)
        if known is not None:  # "Kai Wah Silverline" after "Kai Wah Silverline Trading Limited"
            keep(known, _trimmed(ent), f"{ner_extractor}+company-name", known.confidence)
            continue
        # "Maharashtra-based Khushbu Honing": what a company is based in is a place, never a company.
        label = "GPE" if _based_in(doc, ent) else ent.label_
        if label in ("PERSON", "GPE", "LOC", "NORP") and _after_based(doc, ent):
            label = "ORG"  # "Maharashtra-based Khushbu Honing" read as a place or a person
        person = resolver.people.get(ent[-1].text)
        if person is not None and label in ("ORG", "GPE", "PERSON") and person.name.endswith(_trimmed(ent).text):
            # "Sokolov", "De Geetere" after "Ilya Sokolov", "Hans De Geetere": the person again, whatever NER thought
            keep(person, _trimmed(ent), f"{ner_extractor}+resolve:surname", CONFIDENCE["surname"])
            continue
        if label == "PERSON" and any(t.text in rules.name_words for t in ent):
            label = "ORG"  # "Demirci Bilisim Ticaret Sanayi": a trading firm's name, not a person's
        if label == "PERSON" and len(ent) > 1 and _which_follows(doc, ent):
            label = "ORG"  # "Kestrel Aero, which makes drones": "which" is said of a thing, "who" of a person
        resolution = resolver.resolve(ent.text, label)
        if resolution is None or (resolution.method == "new" and ent.label_ == "PERSON" and len(ent) < 2):
            # A lone capitalised word that NER calls a person ("Background", "Twitter") is more often wrong
            # than right unless the article named that person in full before (handled by the resolver).
            continue
        span = _trimmed(ent)
        entity = resolution.entity
        if resolution.method == "new" and entity.type == "IntergovernmentalOrg" and _after_based(doc, ent):
            # "Turkish-based Turkik Union": what is based in one country is no body of several states
            entity = entity.model_copy(update={"id": f"org:{slug(entity.name)}", "type": "Company"})
        if resolution.method == "new" and entity.type != "System" and _names_a_system(doc, ent, lexicons.goods_terms):
            # "Orlan drones", "Zala reconnaissance drones": a model of a weapon, never a party.
            entity = entity.model_copy(update={"id": f"system:{slug(entity.name)}", "type": "System"})
        keep(entity, span, f"{ner_extractor}+resolve:{resolution.method}", resolution.confidence)

    # Goods named outside any gazetteer entry ("optical components", "military equipment"), in the sentences
    # that have a parse: entities whether or not a supply frame moves them.
    vocabulary = lexicons.goods_vocabulary
    named = {i for i, taken in enumerate(claimed) if taken} | {i for ent in ents for i in range(ent.start, ent.end)}
    for words, span in mentioned_goods(doc, vocabulary.terms, gazetteer, named):
        keep(vocabulary.good(words), span, GOODS_MENTION_EXTRACTOR, OPEN_GOOD_CONFIDENCE)

    mentions.sort(key=lambda m: (m.evidence.start, m.evidence.end))
    _affiliate_people(text, entities, mentions)
    _locate_companies(text, entities, mentions, _company_noun_patterns(rules), gazetteer)
    ordered = sorted(entities.values(), key=lambda e: (e.type, e.name))
    return EntityFindings(tuple(ordered), tuple(mentions))


def _modifies_a_part(doc: Doc, end: int, part_nouns: frozenset[str]) -> bool:
    """Whether a part noun follows at ``end``, "spare" allowed before it ("vehicle spare parts")."""
    if end < len(doc) and doc[end].lower_ == "spare":
        end += 1
    return end < len(doc) and doc[end].lower_ in part_nouns


def _names_a_system(doc: Doc, ent: Span, terms: GoodsTerms) -> bool:
    """Whether a name stands just before a weapon or vehicle noun ("Orlan drones", "Lancet loitering
    munitions"), with at most one word between (see ``system_heads`` in ``goods_terms.yaml``); a verb between
    makes the name the subject of a clause ("Rahul Exports sold aircraft parts")."""
    heads = set(terms.system_heads)
    following = [t.lower_ for t in doc[ent.end:min(ent.end + 2, len(doc))]]
    if not following:
        return False
    if following[0] in heads:
        return True
    between = doc[ent.end]
    return len(following) > 1 and following[1] in heads and between.is_alpha \
        and between.pos_ not in ("VERB", "AUX", "ADP", "CCONJ", "DET", "PRON")


_HYPHENS = ("-", "\u2010", "\u2011")


def _based_in(doc: Doc, ent: Span) -> bool:
    """Whether a name is followed by "-based" ("a Delhi-based firm"), the hyphen outside the name or, as
    NER sometimes cuts it, inside ("Maharashtra-" "based")."""
    if ent.end < len(doc) and ent[-1].text in _HYPHENS and doc[ent.end].lower_ == "based":
        return True
    return ent.end + 1 < len(doc) and doc[ent.end].text in _HYPHENS and doc[ent.end + 1].lower_ == "based"


def _which_follows(doc: Doc, ent: Span) -> bool:
    """Whether a non-restrictive "which" clause follows a name ("Kestrel Aero, which makes drones"): English says
    "who" of a person."""
    return ent.end + 1 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].lower_ == "which"


def _after_based(doc: Doc, ent: Span) -> bool:
    """Whether a name follows "<place>-based" ("Gujarat-based Tapi Forgings"): what is based somewhere is
    an organisation, whatever NER labelled the name."""
    return ent.start >= 2 and doc[ent.start - 1].lower_ == "based" and doc[ent.start - 2].text in _HYPHENS


_STAFF_LINK = re.compile(r"[ \t]+(?:at|of|from|with|for)[ \t]+(?:the[ \t]+)?$")


def _affiliation_starts(ents: Sequence[Span], matches: Sequence[GazetteerMatch], gazetteer: Gazetteer,
                        collective: Sequence[tuple[Span, Entity]]) -> set[int]:
    """Start offsets of organisation names (gazetteer, collective or NER) that staff may belong to."""
    starts = {m.span.start_char for m in matches if gazetteer.entities[m.entity_ids[0]].type in _AFFILIATIONS}
    starts |= {span.start_char for span, entity in collective if entity.type in _AFFILIATIONS}
    starts |= {ent.start_char + (4 if ent.text.lower().startswith("the ") else 0)
               for ent in ents if ent.label_ == "ORG"}
    return starts


def _staff_of(doc: Doc, span: Span, affiliations: set[int]) -> bool:
    """Whether a generic role ("analysts", "researchers") is followed by the organisation it works for."""
    text = doc_text(doc)
    window = text[span.end_char:span.end_char + 16]
    for start in affiliations:
        if span.end_char < start <= span.end_char + 16 and _STAFF_LINK.search(window[:start - span.end_char]):
            return True
    return False


#: "Jane Roe, a senior fellow at the ", "Jane Roe of the ": what joins a person to an organisation after them.
_APPOSITION = re.compile(r"(?:\s*,\s*(?:(?:a|an|the)\s+)?(?:[\w'\u2019-]+\s+){0,5}?|\s+)(?:at|of|with|from|for)\s+"
                         r"(?:the\s+)?$", re.IGNORECASE)


def _affiliate_people(text: str, entities: dict[str, Entity], mentions: Sequence[Mention]) -> None:
    """Give a person found only by NER the organisation named in apposition to them ("Jane Roe, an analyst
    at the Kiel Institute"), so that the person's organisation is known as it is for gazetteer people."""
    for index, mention in enumerate(mentions):
        person = entities.get(mention.entity_id)
        if person is None or person.type != "Person" or person.origin != "ner" or person.organisation:
            continue
        for following in mentions[index + 1:index + 4]:
            organisation = entities.get(following.entity_id)
            if organisation is None or organisation.type not in _AFFILIATIONS:
                continue
            gap = text[mention.evidence.end:following.evidence.start]
            if len(gap) <= 80 and _APPOSITION.fullmatch(gap):
                entities[person.id] = person.model_copy(update={"organisation": organisation.name})
            break


@dataclass(frozen=True)
class _CompanyNounPatterns:
    before: re.Pattern[str]  # between a country and the company after it: "[-based] company, "
    between: re.Pattern[str]  # between a company and the country after it: ", a ", ", based in "
    after: re.Pattern[str]  # after that country: "[-based] firm"


@cache
def _company_noun_patterns(rules: CompanyNameRules) -> _CompanyNounPatterns:
    nouns = sorted({form for noun in rules.nouns for form in (noun, _plural(noun))}, key=len, reverse=True)
    noun = "|".join(re.escape(n) for n in nouns)
    return _CompanyNounPatterns(
        before=re.compile(rf"(?:[-\u2010\u2011]based)?\s+(?:[\w-]+\s+){{0,2}}?(?:{noun})\s*,?\s*"
                          rf"|[-\u2010\u2011]based\s+|['\u2019]s\s+", re.IGNORECASE),
        between=re.compile(r"\s*,\s*(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?|(?:which\s+is\s+)?based\s+in\s+"
                           r"(?:the\s+)?)", re.IGNORECASE),
        after=re.compile(rf"(?:[-\u2010\u2011]based)?\s+(?:[\w-]+\s+){{0,2}}?(?:{noun})\b", re.IGNORECASE),
    )


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


#: Types whose names say where a company is: a country's own code, a place's country.
_LOCATING = frozenset({"Country", "Place"})


def _locate_companies(text: str, entities: dict[str, Entity], mentions: Sequence[Mention],
                      patterns: _CompanyNounPatterns, gazetteer: Gazetteer) -> None:
    """Give a company found only by its name the country the text puts it in: a demonym or place before
    a company noun in apposition to it ("a Chinese company, Xinda Optics", "Hong Kong-based Zenith Parts
    Ltd"), a country's possessive ("India's Rahul Exports"), or a place after it ("Baltic Tool Trading, a
    Latvian firm", "Arctic Supply FZE, a Dubai-based company", "Kestrel Ltd, based in Dubai"). Else a
    place or country that opens the name ("Shenzhen Kiosk Electronic", "Dubai Star Trading"). A place
    without a country (a region) says nothing; the first apposition wins."""
    for index, mention in enumerate(mentions):
        company = entities.get(mention.entity_id)
        if company is None or company.type != "Company" or company.origin != "ner" or company.country:
            continue
        code = None
        if index > 0:
            previous = entities.get(mentions[index - 1].entity_id)
            gap = text[mentions[index - 1].evidence.end:mention.evidence.start]
            if previous is not None and previous.type in _LOCATING and patterns.before.fullmatch(gap):
                code = _country_code(previous)
        if code is None and index + 1 < len(mentions):
            following = mentions[index + 1]
            place = entities.get(following.entity_id)
            gap = text[mention.evidence.end:following.evidence.start]
            if place is not None and place.type in _LOCATING and patterns.between.fullmatch(gap) and (
                    "based" in gap.lower() or patterns.after.match(text, following.evidence.end)):
                code = _country_code(place)
        if code is None:
            code = _opening_place(company.name, gazetteer)
        if code is not None:
            entities[company.id] = company.model_copy(update={"country": code})


def _opening_place(name: str, gazetteer: Gazetteer) -> str | None:
    """The country of the place or country whose name (one or two words) opens a company's longer name."""
    words = name.split()
    for size in (2, 1):
        if len(words) > size:
            place = gazetteer.lookup(" ".join(words[:size]), ("Country", "Place"))
            if place is not None:
                return _country_code(place)
    return None


def _country_code(entity: Entity) -> str | None:
    return entity.iso2 if entity.type == "Country" else entity.country


#: Gazetteer types that may stand inside an organisation's name without making the name theirs.
_NAME_PARTS = frozenset({"Country", "Place", "Good", "EndUse", "GenericSource"})


class _MatchIndex:
    """Gazetteer matches by token offset, to find those around a span by binary search."""

    def __init__(self, matches: Sequence[GazetteerMatch]) -> None:
        self._matches = sorted(matches, key=lambda m: m.span.start)
        self._starts = [m.span.start for m in self._matches]
        self._longest = max((len(m.span) for m in matches), default=0)

    def near(self, start: int, end: int) -> list[GazetteerMatch]:
        """The matches that start in ``[start - longest match, end]``: all that overlap or hold ``[start, end)``."""
        return self._matches[bisect_left(self._starts, start - self._longest):bisect_right(self._starts, end)]


def _contains_only_generic_matches(ent: Span, matches: _MatchIndex, gazetteer: Gazetteer,
                                   min_words: int = 2) -> bool:
    """Whether the gazetteer names inside ``ent`` are only place, country or goods words, leaving at least
    ``min_words`` words of its own (a legal-form name needs no gazetteer word inside it at all)."""
    near = matches.near(ent.start, ent.end)
    inside = [m for m in near if ent.start <= m.span.start and m.span.end <= ent.end]
    overlapping = [m for m in near if m.span.start < ent.end and ent.start < m.span.end]
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
    words = [token.text for token in doc]  # read once: each ``doc[i]`` makes a new Token
    full: list[Span] = []
    facilities, joiners = frozenset(rules.facilities), frozenset(rules.joiners)
    trade_words, facility_nouns = frozenset(rules.name_words), frozenset(rules.facility_nouns)
    for at, word in enumerate(words):
        span = None
        if ((_is_name_word(word) and rules.is_suffix(word)) or word == "plc") and not _glued_hyphen(doc, at):
            span = _suffix_name(doc, at, rules)
        if span is None and rules.is_prefix(word):
            span = _prefix_name(doc, at)  # "JSC Kupol", "LLC Rustekh": a legal form written first
        if span is None and word in facilities:
            span = _facility_name(doc, words, at)
        if span is None and word in joiners:
            span = _joined_name(doc, words, at, rules)
        if span is None and word in trade_words and doc[at].ent_type_ != "ORG":
            span = _place_led_name(doc, words, at) or _routed_trade_name(doc, words, at, rules) \
                or _subject_trade_name(doc, words, at)
        if span is None and word in facility_nouns:
            span = _before_facility_noun(doc, words, at)
        if span is not None:
            full.append(span)
    full = filter_spans([*full, *_appositive_names(doc, words, set(rules.nouns), set(rules.naming_words))])
    taken = {i for span in full for i in range(span.start, span.end)}
    found: list[tuple[Span, str]] = [(span, "") for span in full]
    for base in dict.fromkeys(_base_text(span, rules) for span in full):
        for span in _occurrences(doc, words, base.split(" ")):
            if not any(i in taken for i in range(span.start, span.end)):
                found.append((span, base))
                taken.update(range(span.start, span.end))
    return sorted(found, key=lambda pair: pair[0].start)


#: Words that may stand inside a company name between capitalised ones ("M & S Trading", "Bank of ...").
_NAME_JOINERS = frozenset({"&", "of", "and"})
_MAX_NAME_WORDS = 6


def _appositive_names(doc: Doc, words: list[str], nouns: set[str], naming: set[str]) -> Iterator[Span]:
    """Names a company noun stands in apposition to: "the company, Medisar," and "trading company Medisar"
    (the name after the noun), "a company named Eriner" (a naming word between), "TSMD Global, a
    Delhi-based firm" (the name before ", a ... firm")."""
    if not nouns:
        return
    size = len(words)
    for at, word in enumerate(words):
        if word.lower() not in nouns or not word.islower():
            continue
        start = at + 2 if at + 1 < size and words[at + 1] == "," else at + 1
        if start == at + 1 and at + 2 < size and words[at + 1] in naming and _is_name_word(words[at + 2]):
            end = _name_run_end(words, at + 2)
            yield doc[at + 2:end]
            continue
        end = _name_run_end(words, start)
        if end > start and (start == at + 1 or end >= size or words[end] in (",", ".", ";")):
            yield doc[start:end]
        # "<Name>, a|an|the <up to four words> <noun>": the noun must be the apposition's head, not a modifier
        # ("Turkey, a NATO member with firms in ...").
        back = at - 1
        while back > 0 and at - back <= 5 and words[back].lower() not in ("a", "an", "the"):
            if words[back] in (",", ".", ";") or doc[back].tag_ in ("VBD", "VBZ", "VBP", "MD", "IN"):
                back = 0
                break
            back -= 1
        if back < 2 or words[back - 1] != "," or (at + 1 < size and doc[at + 1].pos_ in ("NOUN", "PROPN")):
            continue
        begin = back - 1
        while begin > 0 and back - 1 - begin < _MAX_NAME_WORDS and (
                _is_name_word(words[begin - 1]) or (words[begin - 1] in _NAME_JOINERS and begin > 1
                                                    and _is_name_word(words[begin - 2]))):
            begin -= 1
        while begin < back - 1 and (not _is_name_word(words[begin]) or words[begin] == "The"):
            begin += 1
        if begin < back - 1:
            yield doc[begin:back - 1]


def _name_run_end(words: list[str], start: int) -> int:
    """The end of the run of capitalised words (with "&", "of" inside) that begins at ``start``."""
    end = start
    while end < len(words) and end - start < _MAX_NAME_WORDS and (
            _is_name_word(words[end]) or (words[end] in _NAME_JOINERS and end > start
                                          and end + 1 < len(words) and _is_name_word(words[end + 1]))):
        end += 1
    return end


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
        if prev.text in rules.joiners and start >= 2 and _is_name_word(doc[start - 2].text):
            start -= 1  # "Sanayi ve Ticaret A.S."
            continue
        if prev.text == ")":
            # "Orbital Parts (HK) Limited": a place or branch in brackets inside the name
            opening = next((k for k in range(start - 2, max(start - 5, 0), -1) if doc[k].text == "("), None)
            if opening is not None and opening > 0 and _is_name_word(doc[opening - 1].text) \
                    and all(_is_name_word(t.text) for t in doc[opening + 1:start - 1]):
                start = opening
                continue
        if (prev.whitespace_ == "" and prev.text != "&") or prev.is_stop \
                or not (_is_name_word(prev.text) or prev.text == "&"):
            break  # "Bishkek-based Altyn Trade LLC": "based" is not part of the name
        start -= 1
        words += not rules.is_suffix(prev.text)
    if start < at and doc[start].lower_ == "the":
        start += 1
        words -= 1
    if words >= 1:
        start = _and_joined_start(doc, start, rules)
    return doc[start:end] if words >= 1 else None


#: NER labels that make the words before an "and" a name of their own, not the first half of a company's.
_OWN_NAME_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP"})


def _and_joined_start(doc: Doc, start: int, rules: CompanyNameRules) -> int:
    """Where a legal-form name begins that an English "and" runs through ("Sinotech Dalian Carbon and Graphite
    Manufacturing Corporation", "Smith and Wesson Inc"): the legal form closes the whole. The words before the
    "and" are a name of their own (``start`` is kept) when they close with a legal form ("Orbital Parts LLC and
    Vostok Avia JSC"), are a place, people or a person for NER ("Russia and ...", "Kestrel Aero and ..." read
    as a person), are not all proper nouns ("Sanctions and ..."), close a list ("A, B and C Ltd"), or stand
    elsewhere in the text alone (a company named before)."""
    if start < 2 or doc[start - 1].text != "and":
        return start
    begin = start - 1
    while begin > 0 and start - 1 - begin < _MAX_NAME_WORDS:
        prev = doc[begin - 1]
        if not _is_name_word(prev.text) or prev.is_stop or not prev.whitespace_ or rules.is_suffix(prev.text):
            break
        begin -= 1
    if begin < start - 1 and doc[begin].text == "The":
        begin += 1
    left = doc[begin:start - 1]
    if not len(left) or rules.is_suffix(doc[start - 2].text) or (begin > 0 and doc[begin - 1].text in (",", "&")):
        return start
    if any(t.pos_ != "PROPN" or t.ent_type_ in _OWN_NAME_LABELS for t in left):
        return start
    text = doc_text(doc)
    if text.count(left.text) > 1:
        return start  # "Orbital Parts ... Orbital Parts and Vostok Avia JSC": two companies
    return begin


def _glued_hyphen(doc: Doc, at: int) -> bool:
    """Whether a hyphen written without a space follows the word: "Co-ordination" holds no legal form "Co"."""
    return at + 1 < len(doc) and doc[at].whitespace_ == "" and doc[at + 1].text in ("-", "\u2010", "\u2011")


def _facility_name(doc: Doc, words: list[str], at: int) -> Span | None:
    """The name an enterprise word closes ("Izhevsk Electromechanical Plant", "Ural Optical and Mechanical
    Plant"): the capitalised words before it, with joiners between them, a leading "The" left out. One
    capitalised word right after the enterprise word that NER holds in the same name is kept ("... Plant
    Kupol"). ``None`` without a capitalised word before it, or at a sentence's start ("Works began")."""
    start = at
    while start > 0 and at - start < _MAX_NAME_WORDS and (
            (_is_name_word(words[start - 1]) and (doc[start - 1].whitespace_ != "" or words[start] == "-"))
            or (words[start - 1] in _NAME_JOINERS and start > 1 and _is_name_word(words[start - 2]))
            # "Kazan Optical-Mechanical Plant": a hyphen between two capitalised words of the name
            or (words[start - 1] == "-" and start > 1 and _is_name_word(words[start - 2])
                and doc[start - 2].whitespace_ == "" and doc[start - 1].whitespace_ == "")):
        if doc[start - 1].is_sent_start and words[start - 1] == "The":
            break
        start -= 1
    while start < at and (words[start] in _NAME_JOINERS or words[start] == "The"):
        start += 1
    if start == at:
        return None
    end = at + 1
    if end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].pos_ == "PROPN" and _is_name_word(words[end]):
        end += 1
    return doc[start:end]


#: NER labels of the words before a name that say where or whose it is, not what it is called.
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})


def _trade_name_start(doc: Doc, words: list[str], at: int) -> int | None:
    """Where the run of capitalised words before the trade word at ``at`` starts (``at`` itself when none
    stands before it); ``None`` when the name goes on after it ("... Electronics Technology Group" is NER's
    to find)."""
    if at + 1 < len(words) and _is_name_word(words[at + 1]):
        return None
    start = at
    while start > 0 and at - start < _MAX_NAME_WORDS and _is_name_word(words[start - 1]) \
            and not doc[start - 1].is_stop and doc[start - 1].whitespace_:
        start -= 1
    return start


def _place_led_name(doc: Doc, words: list[str], at: int) -> Span | None:
    """A name that a place opens and a word of trade closes, which NER missed: "Shenzhen Kiosk Electronic",
    "Xiamen Sunrise Trading" (a city, a brand, what the firm does). ``None`` unless the capitalised run
    before the trade word starts with a place NER found and holds a word that is not a place's."""
    start = _trade_name_start(doc, words, at)
    if start is None:
        return None
    if at - start < 2 or doc[start].ent_type_ not in ("GPE", "LOC"):
        return None
    if all(doc[i].ent_type_ in _PLACE_LABELS for i in range(start, at)):
        return None  # "Hong Kong Trading": only a place before the trade word
    return doc[start:at + 1]


def _routed_trade_name(doc: Doc, words: list[str], at: int, rules: CompanyNameRules) -> Span | None:
    """A name that a word of trade closes right after a route preposition, which NER missed: "sold the motors
    to Kestrel Trading", "bought from Vostok Electronics". ``None`` when only a place stands before the trade
    word ("to Hong Kong Trading") or the name goes on."""
    start = _trade_name_start(doc, words, at)
    if start is None:
        return None
    if start == at or start == 0 or words[start - 1] not in rules.route_words:
        return None
    if all(doc[i].ent_type_ in _PLACE_LABELS for i in range(start, at)):
        return None
    return doc[start:at + 1]


def _subject_trade_name(doc: Doc, words: list[str], at: int) -> Span | None:
    """A name a word of trade closes that is the subject of a verb, which NER missed: "Smart Link Trading
    shipped CNC machines ...", "Vostok Electronics supplied ...". ``None`` when the run is one word, a place
    alone ("Hong Kong Trading"), or the name goes on; a sentence left unparsed has no subject."""
    token = doc[at]
    if token.dep_ not in ("nsubj", "nsubjpass") or token.head.pos_ not in ("VERB", "AUX"):
        return None
    start = _trade_name_start(doc, words, at)
    if start is None:
        return None
    if start == at or all(doc[i].ent_type_ in _PLACE_LABELS for i in range(start, at)):
        return None
    return doc[start:at + 1]


def _before_facility_noun(doc: Doc, words: list[str], at: int) -> Span | None:
    """The name of an enterprise written before a lower-case enterprise noun ("the Radiozavod plant",
    "the Russian Kupol plant": the demonym says whose it is). A place before the noun ("the Izhevsk
    plant") says where the plant is, it names no company."""
    end = at
    start = end
    while start > 0 and end - start < 3 and _is_name_word(words[start - 1]) and not doc[start - 1].is_stop \
            and doc[start - 1].whitespace_ and not doc[start - 1].is_sent_start:
        start -= 1
    while start < end and doc[start].ent_type_ in _PLACE_LABELS:
        start += 1
    return doc[start:end] if start < end else None


def _joined_name(doc: Doc, words: list[str], at: int, rules: CompanyNameRules) -> Span | None:
    """A name of capitalised words joined by a foreign conjunction ("Aksa Teknoloji ve Dis Ticaret"),
    taken when one of its words is a word of trade (``name_words``); ``None`` otherwise."""
    start, end = at, at + 1
    while start > 0 and at - start < _MAX_NAME_WORDS and _is_name_word(words[start - 1]) \
            and not doc[start - 1].is_stop and words[start - 1] != "The":
        start -= 1
    while end < len(words) and end - at <= _MAX_NAME_WORDS and _is_name_word(words[end]):
        end += 1
    if start == at or end == at + 1 or not any(w in rules.name_words for w in words[start:end]):
        return None
    return doc[start:end]


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


def _occurrences(doc: Doc, doc_words: list[str], words: list[str]) -> Iterator[Span]:
    """Where ``words`` occur in the doc, whose token texts are ``doc_words``."""
    size = len(words)
    for i in range(len(doc_words) - size + 1):
        if doc_words[i] == words[0] and doc_words[i:i + size] == words:
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


def _first_word_of_company(ent: Span, entities: dict[str, Entity], gazetteer: Gazetteer) -> Entity | None:
    """The company named earlier whose longer name this one word begins ("Khushbu" after "Khushbu
    Honing"), when the gazetteer knows the word as nothing else."""
    word = _trimmed(ent).text
    if len(ent) != 1 or len(word) < 4 or ent.label_ not in ("ORG", "PERSON", "GPE", "LOC") \
            or gazetteer.lookup(word) is not None:
        return None
    return next((e for e in entities.values() if e.type == "Company" and e.origin == "ner"
                 and len(e.name.split()) > 1 and e.name.split()[0] == word), None)


def _company(span: Span, resolver: Resolver) -> Entity | None:
    """The entity of a legal-form name: a known organisation, else a new company (never a person)."""
    resolution = resolver.resolve(span.text, "ORG")
    if resolution is None:
        return None
    if resolution.method != "new":
        return resolution.entity
    written = " ".join(span.text.split())
    name = company_name(written)
    return Entity(id=f"org:{slug(name)}", type="Company", name=name, aliases=(written,) if written != name else (),
                  origin="ner", confidence=CONFIDENCE["new_org"])


#: "By Jane Roe and John Doe": a byline names its authors, it is no headline.
_BYLINE = re.compile(r"\s*By\s+[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){1,2}"
                     r"(?:\s*(?:,|and)\s+[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){1,2})*\s*$")


def is_headline(text: str, offset: int) -> bool:
    r"""Whether the line holding ``offset`` reads as a Title Case headline (no final stop, most words
    capitalised). NER invents people and places from such lines ("Rapid Surge", "Raises Concerns"), so
    only gazetteer names are taken from them.

    >>> is_headline("Chinese Equipment Bolsters Russian Defensive Lines\nBody text.", 3)
    True
    >>> is_headline("Joseph Webster said the trade grew.", 3)
    False
    >>> is_headline("By Jane Roe and John Doe\nBody text.", 5)
    False
    """
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start:] if end < 0 else text[start:end]
    if line.rstrip().endswith((".", ":", "?\"", ".\"", "”")):
        return False  # tested first: the line is mostly a long paragraph, not worth splitting into words
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 3 or _BYLINE.match(line):
        return False
    capitalised = sum(w[0].isupper() for w in words if len(w) > 3)
    longer = sum(len(w) > 3 for w in words)
    return longer > 0 and capitalised / longer >= 0.75


class HeadlineLines:
    r""":func:`is_headline` over one text, each line judged once (the rules ask for every mention and
    sentence, and a paragraph is one long line).

    >>> headline = HeadlineLines("Chinese Equipment Bolsters Russian Defensive Lines\nBody text.")
    >>> headline(3), headline(55)
    (True, False)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks = [match.start() for match in re.finditer("\n", text)]
        self._judged: dict[int, bool] = {}

    def __call__(self, offset: int) -> bool:
        line = bisect_left(self._breaks, offset)  # the line's number: how many line breaks come before it
        judged = self._judged.get(line)
        if judged is None:
            start = self._breaks[line - 1] + 1 if line else 0
            judged = self._judged[line] = is_headline(self.text, start)
        return judged


def _trimmed(ent: Span) -> Span:
    """The NER span without a leading "the" and a trailing possessive or hyphen."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if end - start > 1 and doc[start].lower_ == "the":
        start += 1
    if end - start > 1 and (doc[end - 1].lower_ in ("'s", "\u2019s", "'", "\u2019") or doc[end - 1].text in _HYPHENS):
        end -= 1  # a possessive, or the hyphen of "Maharashtra-based" that NER took into the name
    return doc[start:end]
