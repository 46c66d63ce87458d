"""The claim vocabulary is what its caller gives: a gazetteer and a claim lexicon path, no file of its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ontology.errors import OntologyError
from queries.corroborate import cluster_claims
from queries.vocabulary import claim_vocabulary
from tests.queries.builders import REFERENCE, VOCABULARY, stored

QUERIES = Path(__file__).resolve().parents[2] / "queries"


def test_measures_and_change_words_come_from_the_given_lexicon(tmp_path: Path) -> None:
    lexicon = tmp_path / "claim_lexicon.yaml"
    lexicon.write_text("measures:\n  exports: [consignments]\nchange_verbs:\n  increase: [ballooned]\n",
                       encoding="utf-8")
    vocabulary = claim_vocabulary(REFERENCE.gazetteer, lexicon)
    assert sorted(vocabulary.metric_terms("consignments of excavators ballooned")) == ["exports", "good:excavators"]
    # The packaged lexicon knows neither word.
    assert {"consignment", "ballooned"} <= VOCABULARY.metric_terms("consignments of excavators ballooned")


def test_a_missing_lexicon_has_no_measures_and_a_broken_one_is_refused(tmp_path: Path) -> None:
    bare = claim_vocabulary(REFERENCE.gazetteer, tmp_path / "absent.yaml")
    assert bare.measures == () and bare.change_words == frozenset()
    assert "sale" in bare.metric_terms("sales of excavators")
    broken = tmp_path / "broken.yaml"
    broken.write_text("measures: [unclosed\n", encoding="utf-8")
    with pytest.raises(OntologyError):
        claim_vocabulary(REFERENCE.gazetteer, broken)


def test_clustering_compares_metrics_with_the_vocabulary_it_is_given(tmp_path: Path) -> None:
    a = stored("Consignments of excavators to Kazakhstan rose 40%.", "a1", "Steppe Wire",
               metric="consignments of excavators to Kazakhstan", raw="40%", number=40, unit="%")
    b = stored("Excavator exports to Kazakhstan were up by 40% on the year.", "a2", "Harbour Line",
               metric="exports of excavators to Kazakhstan", raw="40%", number=40, unit="%")
    assert [len(c.reports) for c in cluster_claims([a, b], vocabulary=VOCABULARY)] == [1, 1]
    lexicon = tmp_path / "claim_lexicon.yaml"
    lexicon.write_text("measures:\n  exports: [exports, consignments]\n", encoding="utf-8")
    wider = claim_vocabulary(REFERENCE.gazetteer, lexicon)
    assert [len(c.reports) for c in cluster_claims([a, b], vocabulary=wider)] == [2]


def test_no_query_module_loads_reference_data_itself() -> None:
    loaders = {"load_gazetteer", "load_ontology", "GAZETTEER_DIR", "load_claim_lexicon"}
    found = []
    for path in sorted(QUERIES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                found += [f"{path.name}: {alias.name}" for alias in node.names if alias.name in loaders]
            elif isinstance(node, ast.Name | ast.Attribute):
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name in loaders:
                    found.append(f"{path.name}:{node.lineno}: {name}")
    assert found == []
