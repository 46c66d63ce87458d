"""The extraction pipeline: Article -> Extraction (entities, mentions, supply flows, claims).

read -> clean -> annotate -> extract -> resolve happen here in that order; storing is the caller's
business (see ``graph``). The spaCy model and the gazetteer are injected, so tests can pass their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.annotate import (
    Annotator,
    GazetteerMatch,
    GazetteerMatcher,
    doc_text,
    keep_whole,
    load_nlp,
    model_tag,
    release,
)
from ingest.clean import mask
from ingest.extract.claims import extract_claims
from ingest.extract.context import Annotated, ClaimExtractor, SupplyExtractor
from ingest.extract.entities import evidence_for, extract_entities
from ingest.extract.lexicons import Lexicons, load_lexicons
from ingest.extract.supply import ParseGate, RuleSupplyExtractor, SupplyLexicon
from ingest.resolve import resolve_outlet
from ontology.gazetteer import Gazetteer, load_gazetteer
from ontology.model import Ontology
from ontology.records import Article, Claim, Entity, Extraction, Mention, SupplyFlow

__all__ = ["CaselessSearch", "Pipeline"]

_PARTY_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC"})
_QUOTES = "\"'«»“”„‘’"



class Pipeline:
    """Extract records from articles.

    Parameters
    ----------
    nlp:
        A loaded spaCy pipeline; by default :func:`ingest.annotate.load_nlp` with ``model``.
    gazetteer:
        Canonical entities; by default the packaged gazetteers.
    supply, claims:
        Relation extractors; by default the packaged rule-based ones.
    onto:
        The ontology the default lexicons are bound to (its supply roles say which entities make a sentence
        worth parsing and which may supply, receive or be a transit point); the packaged one by default.
        Given ``lexicons``, theirs counts.
    supply_lexicon:
        The trigger and cue words of the supply frames and the parse gate; by default the packaged lexicon,
        bound to ``onto`` (:func:`~ingest.extract.supply.load_supply_lexicon`); given, it replaces the
        bundle's.
    lexicons:
        Every word list and rule the extractors read (:class:`~ingest.extract.lexicons.Lexicons`); by
        default the packaged ones, loaded once (:func:`~ingest.extract.lexicons.load_lexicons`, with
        ``onto``), and handed to every extractor.
    """

    def __init__(self, nlp: Language | None = None, gazetteer: Gazetteer | None = None,
                 model: str | None = None, supply: SupplyExtractor | None = None,
                 claims: ClaimExtractor | None = None, onto: Ontology | None = None,
                 supply_lexicon: SupplyLexicon | None = None, lexicons: Lexicons | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_nlp(model)
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        if lexicons is None:
            lexicons = load_lexicons(onto)
        if supply_lexicon is not None:
            lexicons = replace(lexicons, supply=supply_lexicon)
        self.lexicons = lexicons
        # Classes that can take part in a flow (supplier, recipient or transit): the ontology's supply roles,
        # as the supply lexicon the frames read was bound to them.
        self._party_types = lexicons.supply.party_types | lexicons.supply.via_types
        self.matcher = GazetteerMatcher(self.nlp, self.gazetteer)
        # Legal-form, enterprise and trade words that make a capitalised run a company name ("Kestrel Aero LLC",
        # "JSC Kupol", "Kazan Optical Plant", "Kestrel Trading"), found after parsing whatever NER labelled the
        # name: a sentence naming one names a party.
        rules = lexicons.company_names
        self._company_words = frozenset({*rules.folded_suffixes, *rules.prefixes, *rules.facilities,
                                         *rules.name_words})
        self.model = model_tag(self.nlp)
        lexicon = lexicons.supply
        keep_whole(self.nlp, lexicon.hyphenated_forms)  # "re-exported" one word, parsed as a verb
        self.supply: SupplyExtractor = supply if supply is not None else RuleSupplyExtractor(lexicon)
        self.claims: ClaimExtractor = claims if claims is not None else extract_claims
        self.annotator = Annotator(self.nlp, self.matcher, self._needs_parse)
        # needs_parse(text, True): a transit trigger, or any trigger (goods need not be known).
        gate = ParseGate(lexicon)
        self._triggers = CaselessSearch(gate.transit_pattern, gate.trigger_pattern)
        self._weapon_words = frozenset(lexicon.weapon_nouns)

    def _needs_parse(self, sentence: Span, matches: Sequence[GazetteerMatch], ents: Sequence[Span]) -> bool:
        """A flow needs a party named in its sentence (a country, place, company or agency, by gazetteer or
        NER), or a weapon whose holder an earlier sentence names ("The missile contained 290 foreign parts."),
        and then a trigger word next to a good, or a transit trigger."""
        types = [self.gazetteer.entities[m.entity_ids[0]].type for m in matches]
        has_party = not self._party_types.isdisjoint(types) or any(ent.label_ in _PARTY_LABELS for ent in ents) \
            or self._names_company(sentence) or any(self._is_weapon(m) for m in matches)
        if not has_party:
            return False
        # A trigger word inside a good's own name ("integrated circuits", "construction equipment") is no trigger.
        text = doc_text(sentence.doc)[sentence.start_char:sentence.end_char]
        for match, kind in zip(matches, types, strict=True):
            if kind == "Good":
                start, end = match.span.start_char - sentence.start_char, match.span.end_char - sentence.start_char
                text = text[:start] + " " * (end - start) + text[end:]
        # Any good: goods need not be known to the gazetteer ("shipped CNC lathes to ..."), so a trigger
        # word next to a party is enough: ``needs_parse(text, True)``, searched the cheaper way.
        return self._triggers(text)

    def _is_weapon(self, match: GazetteerMatch) -> bool:
        """Whether a gazetteer match names a weapon (a weapon system, or an end use of that kind): goods found in
        it may have a holder an earlier sentence names."""
        entity = self.gazetteer.entities[match.entity_ids[0]]
        if entity.type == "Good":  # goods that are weapons themselves ("drones")
            name = entity.name.lower()
            return name in self._weapon_words or name.removesuffix("s") in self._weapon_words
        return entity.type == "System" or (entity.type == "EndUse" and entity.kind == "weapon_system")

    def _names_company(self, sentence: Span) -> bool:
        """Whether a sentence holds a legal-form or enterprise word next to a capitalised word (the shape of
        a company name that NER may have missed or read as a person)."""
        words = [token.text.strip(_QUOTES) for token in sentence]  # 'JSC "Kupol"'
        words = [word for word in words if word]
        for at, word in enumerate(words):
            if word.replace(".", "") in self._company_words or word in self._company_words:
                before = words[at - 1] if at > 0 else ""
                after = words[at + 1] if at + 1 < len(words) else ""
                if before[:1].isupper() or after[:1].isupper():
                    return True
        return False

    def extract(self, article: Article) -> Extraction:
        """Extract one article."""
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Extraction]:
        """Extract articles in order, annotating them in batches with ``nlp.pipe``."""
        pending = list(articles)
        texts = (mask(article.text, article.boilerplate) for article in pending)
        annotated = self.annotator.pipe(texts, batch_size=batch_size)
        for article, (doc, matches) in zip(pending, annotated, strict=True):
            extraction = self._from_doc(article, doc, matches)
            release(doc)  # the records hold no spaCy object: the doc can go now
            yield extraction

    def _from_doc(self, article: Article, doc: Doc, matches: Sequence[GazetteerMatch]) -> Extraction:
        findings = extract_entities(doc, article, matches, self.gazetteer, self.model, self.lexicons)
        annotated = Annotated(article, doc, findings, self.gazetteer, self.model, doc_text(doc), self.lexicons)
        supply = self.supply(annotated)
        claims = self.claims(annotated, supply)
        entities = {e.id: e for e in findings.entities}
        mentions = list(findings.mentions)
        for entity, span, extractor in annotated.noted():  # goods phrases no gazetteer knows
            entities.setdefault(entity.id, entity)
            mentions.append(Mention.build(entity.id, evidence_for(article, span, extractor), entity.confidence))
        mentions.sort(key=lambda m: (m.evidence.start, m.evidence.end))
        outlet = self._outlet(article)
        if outlet is not None:
            entities.setdefault(outlet.id, outlet)
        for record_ids in _referenced_ids(supply, claims):
            if record_ids not in entities:
                entities[record_ids] = annotated.entity(record_ids)
        # A good's broader goods travel with it, so the store can write the hierarchy (BROADER).
        pending = [e for e in entities.values() if e.type == "Good"]
        while pending:
            for broader in pending.pop().broader:
                if broader not in entities:
                    entities[broader] = annotated.entity(broader)
                    pending.append(entities[broader])
        ordered: list[Entity] = sorted(entities.values(), key=lambda e: (e.type, e.name))
        return Extraction(article=article, entities=tuple(ordered), mentions=tuple(dict.fromkeys(mentions)),
                          supply=tuple(supply), claims=tuple(claims), outlet_id=outlet.id if outlet else None)


    def _outlet(self, article: Article) -> Entity | None:
        """The publishing outlet as an entity (see :func:`ingest.resolve.resolve_outlet`)."""
        return resolve_outlet(article.outlet, self.gazetteer) if article.outlet else None

class CaselessSearch:
    """Whether any of some case-insensitive patterns matches a text: ``any(p.search(text) for p in patterns)``,
    at a sixth of the cost for patterns like the trigger lexicon's.

    Python's ``re`` tries each alternative of a long alternation at every position, and under
    ``IGNORECASE`` it folds the case of every character it compares; the trigger patterns hold
    hundreds of word forms. A pattern written in lower case (its source has no upper-case letter, so
    no ``\\B``, ``\\W``, ``\\S`` or ``\\D`` either) and of ASCII finds the same matches, case-sensitively, in
    ``text.lower()``, as long as lower-casing keeps every character where it was and matches no
    character to an ASCII letter that case folding would not: true of every text but those holding
    one of the four characters that fold onto ASCII letters differently (dotted and dotless I, long S,
    the Kelvin sign); those texts, and patterns not of that kind, are searched as given.
    """

    _FOLDS_ODDLY = re.compile("[\u0130\u0131\u017f\u212a]")

    def __init__(self, *patterns: re.Pattern[str]) -> None:
        self.patterns = patterns
        lowered = [p for p in patterns if p.flags & re.IGNORECASE and p.pattern.isascii()
                   and p.pattern == p.pattern.lower()]
        self._lowered = (re.compile("|".join(f"(?:{p.pattern})" for p in lowered),
                                    (lowered[0].flags & ~re.IGNORECASE) if lowered else 0)
                         if len(lowered) == len(patterns) and len({p.flags for p in lowered}) == 1 else None)

    def __call__(self, text: str) -> bool:
        if self._lowered is not None and self._FOLDS_ODDLY.search(text) is None:
            return self._lowered.search(text.lower()) is not None
        return any(p.search(text) is not None for p in self.patterns)


def _referenced_ids(supply: Sequence[SupplyFlow], claims: Sequence[Claim]) -> Iterator[str]:
    for flow in supply:
        yield from (flow.supplier_id, flow.good_id, flow.recipient_id, *flow.via, *flow.end_uses)
    for claim in claims:
        yield from claim.about
        yield from (source.entity_id for source in claim.attributed_to if source.entity_id)

