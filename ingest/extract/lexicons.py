"""The word lists and rules of extraction, read once and handed on as one object.

:func:`load_lexicons` calls each data file's own loader (cached, so the packaged files are read once per
process) and bundles what they read; :class:`~ingest.pipeline.Pipeline` loads the bundle once, as it
loads the gazetteer, and hands it to the extractors through
:class:`~ingest.extract.context.Annotated`. No extraction rule calls a loader itself, so a pipeline
given another bundle extracts by that bundle's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.extract.attribution_rules import AttributionRules, load_anaphors, load_cue_rules, load_slot_rules
from ingest.extract.entities import (
    CollectiveSourceRules,
    CompanyNameRules,
    PersonNameCues,
    load_collective_source_rules,
    load_company_name_rules,
    load_person_name_cues,
)
from ingest.extract.supply.lexicon import SupplyLexicon, load_supply_lexicon
from ingest.extract.values import ClaimLexicon, load_claim_lexicon
from ingest.metadata import OutletFile, load_outlet_file
from ontology.gazetteer import Gazetteer
from ontology.goods import GoodsTerms, GoodsVocabulary, load_goods_terms, load_goods_vocabulary, load_hs_nomenclature
from ontology.model import Ontology, load_ontology

__all__ = ["Lexicons", "load_lexicons"]


@dataclass(frozen=True, eq=False)
class Lexicons:
    """Everything the extraction rules read besides the gazetteer: the supply frames' words (bound to the
    ontology), the claim cue words, the goods terms and vocabulary, the company-name, person-name and
    collective-source rules, the attribution patterns, the outlets file and the ontology. It compares and
    hashes by identity (the patterns compiled from it are kept per object)."""

    ontology: Ontology
    supply: SupplyLexicon
    claims: ClaimLexicon
    goods_terms: GoodsTerms
    goods_vocabulary: GoodsVocabulary
    company_names: CompanyNameRules
    person_names: PersonNameCues
    collective_sources: CollectiveSourceRules
    attribution: AttributionRules
    outlets: OutletFile


def load_lexicons(onto: Ontology | None = None, gazetteer: Gazetteer | None = None) -> Lexicons:
    """The packaged lexicons, the supply lexicon bound to ``onto`` (the packaged ontology by default) and
    the goods vocabulary over ``gazetteer`` (the packaged gazetteer by default).

    Raises
    ------
    OntologyError
        When a data file cannot be read or is malformed (the message names the file).
    """
    onto = onto if onto is not None else load_ontology()
    terms = load_goods_terms()
    vocabulary = (load_goods_vocabulary() if gazetteer is None
                  else GoodsVocabulary(gazetteer, load_hs_nomenclature(), terms))
    return Lexicons(
        ontology=onto,
        supply=load_supply_lexicon(onto),
        claims=load_claim_lexicon(),
        goods_terms=terms,
        goods_vocabulary=vocabulary,
        company_names=load_company_name_rules(),
        person_names=load_person_name_cues(),
        collective_sources=load_collective_source_rules(),
        attribution=AttributionRules(load_cue_rules(), load_slot_rules(), load_anaphors()),
        outlets=load_outlet_file(),
    )
