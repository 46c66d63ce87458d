"""The lexicons are loaded once, by one loader, and injected: a pipeline given another bundle extracts by
its words, and no extraction rule loads a data file itself (our own sentences)."""

from __future__ import annotations

import ast
import dataclasses
from datetime import date
from pathlib import Path

import pytest

from ingest.extract.attribution_rules import AttributionRules
from ingest.extract.entities import load_company_name_rules
from ingest.extract.lexicons import Lexicons, load_lexicons
from ingest.extract.supply import RuleSupplyExtractor, load_supply_lexicon
from ingest.extract.values import load_claim_lexicon
from ingest.pipeline import Pipeline
from ontology.goods import GoodsTerms, load_goods_terms, load_goods_vocabulary
from ontology.model import load_ontology
from ontology.records import Extraction
from tests.factories import article_from_text

EXTRACT = Path(__file__).resolve().parents[2] / "ingest" / "extract"

TEXT = ("Kestrel Aero shipped drones worth $5 million to Russia in 2023, officials said.\n\n"
        "Exports of lathes to Russia rose 40% in 2023, according to the Kiel Institute.")


def _extract(pipeline: Pipeline) -> Extraction:
    return pipeline.extract(article_from_text(TEXT, published=date(2024, 1, 2)))


def _with(pipeline: Pipeline, **changes: object) -> Pipeline:
    """A pipeline over the same spaCy model, given the default bundle with ``changes``."""
    return Pipeline(pipeline.nlp, lexicons=dataclasses.replace(pipeline.lexicons, **changes))  # type: ignore[arg-type]


def _claim(extraction: Extraction, opening: str):  # type: ignore[no-untyped-def]
    (claim,) = [c for c in extraction.claims if c.text.startswith(opening)]
    return claim


def test_the_default_bundle_is_the_packaged_files_read_once(pipeline: Pipeline) -> None:
    lexicons = pipeline.lexicons
    assert isinstance(lexicons, Lexicons)
    assert lexicons.claims is load_claim_lexicon()
    assert lexicons.goods_terms is load_goods_terms()
    assert lexicons.goods_vocabulary is load_goods_vocabulary()
    assert lexicons.company_names is load_company_name_rules()
    # Field by field (model equality also compares the cached views an earlier extraction filled in).
    packaged = load_supply_lexicon(load_ontology())
    assert lexicons.supply.model_dump() == packaged.model_dump()
    assert (lexicons.supply.supplier_types, lexicons.supply.recipient_types, lexicons.supply.via_types) \
        == (packaged.supplier_types, packaged.recipient_types, packaged.via_types)
    assert isinstance(pipeline.supply, RuleSupplyExtractor) and pipeline.supply.lexicon is lexicons.supply
    assert lexicons.ontology is load_ontology()
    fresh = load_lexicons()
    assert fresh is not lexicons and fresh.claims is lexicons.claims  # the readers are cached, the bundle is not


def test_an_injected_claim_lexicon_is_the_one_claims_read(pipeline: Pipeline) -> None:
    lex = pipeline.lexicons.claims
    assert _claim(_extract(pipeline), "Exports of lathes").status == "asserted"
    hedging = _with(pipeline, claims=dataclasses.replace(lex, hedges=(*lex.hedges, "lathes")))
    assert _claim(_extract(hedging), "Exports of lathes").status == "hedged"
    assert _claim(_extract(pipeline), "Exports of lathes").status == "asserted"  # the default pipeline is unchanged


def test_injected_goods_terms_are_the_ones_entities_read(pipeline: Pipeline) -> None:
    terms = pipeline.lexicons.goods_terms
    assert ("good:drones", "drones") in {(m.entity_id, m.evidence.text) for m in _extract(pipeline).mentions}
    # "drones worth": with "worth" a firm noun, "drones" would say what kind of firm, and name no goods
    firms = GoodsTerms.model_validate({**terms.model_dump(), "firm_nouns": (*terms.firm_nouns, "worth")})
    mentions = {(m.entity_id, m.evidence.text) for m in _extract(_with(pipeline, goods_terms=firms)).mentions}
    assert ("good:drones", "drones") not in mentions
    assert ("good:lathes", "lathes") in mentions


def test_injected_attribution_rules_are_the_ones_attribution_reads(pipeline: Pipeline) -> None:
    rules = pipeline.lexicons.attribution
    cited = _claim(_extract(pipeline), "Exports of lathes").attributed_to
    assert [(s.name, s.role) for s in cited] == [("Kiel Institute", "cited")]
    no_slots = _with(pipeline, attribution=AttributionRules(rules.cues, (), rules.anaphors))
    assert _claim(_extract(no_slots), "Exports of lathes").attributed_to == ()


def _loader_calls(path: Path) -> list[str]:
    """``name:line`` of each call of a ``load_*`` function in the module, outside the loaders themselves
    (a file's reader may build on another's: the attribution rules spell out claim-lexicon lists)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []

    def visit(node: ast.AST, inside_loader: bool) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside_loader = node.name.startswith("load_")
        if isinstance(node, ast.Call) and not inside_loader:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name.startswith("load_"):
                found.append(f"{name}:{node.lineno}")
        for child in ast.iter_child_nodes(node):
            visit(child, inside_loader)

    visit(tree, False)
    return found


@pytest.mark.parametrize("path", sorted(EXTRACT.rglob("*.py")), ids=lambda p: str(p.relative_to(EXTRACT)))
def test_no_extraction_rule_calls_a_loader(path: Path) -> None:
    assert _loader_calls(path) == []


def test_the_scan_finds_a_loader_call_in_a_rule(tmp_path: Path) -> None:
    module = tmp_path / "rule.py"
    module.write_text("def rule(text):\n    return load_claim_lexicon().hedges\n\n"
                      "def load_rules():\n    return load_claim_lexicon()\n\nWORDS = load_goods_terms()\n")
    assert _loader_calls(module) == ["load_claim_lexicon:2", "load_goods_terms:7"]
