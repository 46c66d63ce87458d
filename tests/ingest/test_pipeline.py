"""The pipeline's parse gate: the trigger search done case-sensitively on lower-cased text finds what the
case-insensitive trigger patterns find."""

from __future__ import annotations

import re

import pytest

from ingest.extract.supply import ParseGate, load_supply_lexicon
from ingest.pipeline import CaselessSearch
from ingest.read import read_file
from ontology.model import load_ontology
from tests.conftest import EXAMPLES


def _parse_gate() -> ParseGate:
    return ParseGate(load_supply_lexicon(load_ontology()))


def _gate() -> CaselessSearch:
    gate = _parse_gate()
    return CaselessSearch(gate.transit_pattern, gate.trigger_pattern)


def test_the_trigger_patterns_take_the_lower_case_path() -> None:
    gate = _gate()
    assert gate._lowered is not None
    assert not gate._lowered.flags & re.IGNORECASE


@pytest.mark.parametrize(("text", "expected"), [
    ("Exports of excavators to Russia rose sharply.", True),
    ("EXPORTS OF EXCAVATORS TO RUSSIA ROSE SHARPLY.", True),
    ("The parts were Re-Exported through Armenia.", True),
    ("The weather in Moscow was mild.", False),
    # Characters that case folding matches to ASCII letters in its own way: searched as given.
    ("\u017fhipments to Russia doubled.", True),  # long s folds to "s"
    ("\u0130MPORTS FROM CHINA GREW.", True),  # dotted capital I folds to "i"
    ("The \u212aazan plant was quiet.", False),
])
def test_the_gate_answers_as_the_patterns_do(text: str, expected: bool) -> None:
    assert _gate()(text) is expected
    assert _parse_gate().needs_parse(text, True) is expected


def test_the_gate_answers_as_the_patterns_do_on_every_line_of_our_corpus() -> None:
    gate = _gate()
    lines = [line for path in sorted(EXAMPLES.glob("*")) if path.is_file()
             for article in read_file(path).articles for line in re.split(r"(?<=[.!?])\s+|\n", article.text)]
    answers = [gate(line) for line in lines]
    parse_gate = _parse_gate()
    assert answers == [parse_gate.needs_parse(line, True) for line in lines]
    assert 20 < sum(answers) < len(lines)


def test_patterns_that_are_not_lower_case_are_searched_as_given() -> None:
    gate = CaselessSearch(re.compile(r"\bShip\w*", re.IGNORECASE), _parse_gate().trigger_pattern)
    assert gate._lowered is None
    assert gate("ships to Russia") is True
    assert gate("The weather was mild.") is False


def test_docs_are_freed_once_their_articles_are_extracted(pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import gc
    import weakref

    from tests.factories import article_from_text

    docs: list[weakref.ref[object]] = []
    build = pipeline._from_doc

    def spy(article, doc, matches):  # type: ignore[no-untyped-def]
        docs.append(weakref.ref(doc))
        return build(article, doc, matches)

    monkeypatch.setattr(pipeline, "_from_doc", spy)
    texts = ["Kazakhstan shipped lathes to Russia in 2023, customs data show.\n",
             "Officials in Ankara said exports to Moscow doubled.\n"]
    enabled = gc.isenabled()
    gc.disable()  # without the cyclic collector, only plain reference counting can free them
    try:
        extractions = list(pipeline.extract_many([article_from_text(t) for t in texts]))
        assert len(docs) == len(extractions) == 2
        assert all(ref() is None for ref in docs)
    finally:
        if enabled:
            gc.enable()


def test_the_parties_that_open_the_gate_are_the_ontology_s_supply_roles(pipeline) -> None:  # type: ignore[no-untyped-def]
    from ontology.model import load_ontology

    onto = load_ontology()
    expected = frozenset().union(*(onto.classes_with_role(role) for role in ("supplier", "recipient", "transit")))
    assert pipeline._party_types == expected
    assert "Person" in expected and "MediaOutlet" not in expected  # a network's runner may supply; an outlet never
