"""The supply lexicon is loaded once, bound to the ontology's supply roles, and injected: the pipeline's
frames and parse gate read the lexicon they are given, and which classes may trade is asked of the ontology
they were bound to."""

from __future__ import annotations

import pytest

from ingest.extract.supply import ParseGate, RuleSupplyExtractor, load_supply_lexicon, read_supply_lexicon
from ingest.pipeline import Pipeline
from ontology.errors import OntologyError
from ontology.model import load_ontology
from tests.factories import article_from_text


def test_an_unbound_lexicon_says_how_to_bind_it() -> None:
    with pytest.raises(OntologyError, match=r"load_supply_lexicon\(onto\)"):
        _ = read_supply_lexicon().supplier_types


def test_the_bound_lexicon_asks_the_ontology_it_was_given() -> None:
    onto = load_ontology()
    lexicon = load_supply_lexicon(onto)
    assert lexicon.supplier_types == onto.classes_with_role("supplier")
    assert lexicon.recipient_types == onto.classes_with_role("recipient")
    assert lexicon.via_types == onto.classes_with_role("transit")
    # An ontology whose companies lose the supplier role: the same words, other parties.
    classes = dict(onto.classes)
    classes["Company"] = classes["Company"].model_copy(update={"roles": ("recipient",)})
    narrowed = onto.model_copy(update={"classes": classes})
    assert "Company" not in load_supply_lexicon(narrowed).supplier_types
    assert "Company" in lexicon.supplier_types


def test_the_gate_reads_the_words_of_the_lexicon_it_is_given() -> None:
    lexicon = load_supply_lexicon(load_ontology())
    sentence = "Two firms in Dubai re-exported the lathes to Russia."
    words = lexicon.triggers["transit"]
    no_transit = words.model_copy(update={"verbs": (), "nouns": ()})
    narrowed = lexicon.model_copy(update={"triggers": {**lexicon.triggers, "transit": no_transit}})
    assert ParseGate(lexicon).needs_parse(sentence, names_a_good=False) is True
    assert "re-export" in words.verbs
    assert ParseGate(narrowed).needs_parse(sentence, names_a_good=False) is False


def test_the_pipeline_injects_one_lexicon_into_frames_and_gate(pipeline: Pipeline) -> None:
    text = "Last year Turkish traders shipped ball bearings to Russia, customs data show."
    lexicon = load_supply_lexicon(load_ontology())
    out = lexicon.triggers["out"]
    silent = lexicon.model_copy(update={"triggers": {**lexicon.triggers,
                                                      "out": out.model_copy(update={"verbs": ()})}})
    quiet = Pipeline(nlp=pipeline.nlp, gazetteer=pipeline.gazetteer, supply_lexicon=silent)
    assert isinstance(quiet.supply, RuleSupplyExtractor) and quiet.supply.lexicon is silent
    article = article_from_text(text)
    assert [(f.supplier_id, f.recipient_id) for f in pipeline.extract(article).supply] \
        == [("country:TR", "country:RU")]
    assert quiet.extract(article).supply == ()
