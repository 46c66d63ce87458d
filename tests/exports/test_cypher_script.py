"""The cypher-shell script: literal escaping, exact layout, and Neo4j's own parser over every
statement we emit and every query of docs/cypher.md (tests/node/lint_cypher.mjs)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.exports.cypher_script import cypher_literal, cypher_script, cypher_string, param_command
from graph.neo4j_store import (
    STORED_ARTICLES_QUERY,
    STORED_COUNTRIES_QUERY,
    entity_merge_statement,
    node_merge_statement,
    relationship_merge_statement,
    schema_statements,
    stored_ids_query,
    write_batches,
)
from graph.snapshot import GraphSnapshot, node_query, relationship_query
from ontology.errors import ExportError
from ontology.model import load_ontology
from tests.exports.builders import tiny_snapshot

ONTO = load_ontology()
ROOT = Path(__file__).resolve().parents[2]
LINTER = ROOT / "tests" / "node" / "lint_cypher.mjs"
PARSER = ROOT / "tests" / "node" / "node_modules" / "@neo4j-cypher" / "language-support"
COOKBOOK = ROOT / "docs" / "cypher.md"


@pytest.mark.parametrize(("text", "literal"), [
    ("plain", "'plain'"),
    ("O'Brien", "'O\\'Brien'"),
    ('say "hi"', "'say \"hi\"'"),
    ("back\\slash", "'back\\\\slash'"),
    ("two\nlines\r\ttab", "'two\\nlines\\r\\ttab'"),
    ("bell\x07 nul\x00 sep\u2028", "'bell\\u0007 nul\\u0000 sep\\u2028'"),
    ("Кремль 中国 🚀", "'Кремль 中国 🚀'"),
])
def test_strings_are_escaped(text: str, literal: str) -> None:
    assert cypher_string(text) == literal


def test_literals_of_every_property_type() -> None:
    value = {"id": "x", "props": {"n": 3, "f": 0.5, "b": False, "d": dt.date(2023, 1, 31), "l": ["a", "b"],
                                  "none": None, "end": 1, "odd key": 2}}
    assert cypher_literal(value) == ("{id: 'x', props: {n: 3, f: 0.5, b: false, d: date('2023-01-31'), "
                                     "l: ['a', 'b'], none: null, `end`: 1, `odd key`: 2}}")
    for bad in (float("nan"), float("inf"), object(), dt.datetime(2023, 1, 1)):
        with pytest.raises(ExportError):
            cypher_literal(bad)


def test_param_command_is_one_line() -> None:
    assert param_command("rows", [{"text": "a\nb"}]) == ":param rows => [{text: 'a\\nb'}]"


def test_script_of_a_small_snapshot_is_exact() -> None:
    lines = cypher_script(tiny_snapshot(), ONTO).splitlines()
    schema = schema_statements(ONTO)
    assert lines[:3] == [
        "// tradetrace graph export for cypher-shell (ontology tradetrace 1.0)",
        "// 3 node(s), 2 relationship(s); idempotent: MERGE on id/key",
        "// run: cypher-shell -a bolt://localhost:7687 -u neo4j -p <password> -f <this file>",
    ]
    assert lines[5:5 + len(schema)] == [s + ";" for s in schema]
    body = lines[5 + len(schema) + 2:]
    assert body[:6] == [
        "// Country: 2 row(s)",
        ":param rows => [{id: 'country:CN', props: {name: 'China', aliases: ['PRC'], qid: 'Q148', confidence: 1.0, "
        "origin: 'gazetteer', iso2: 'CN', iso3: 'CHN'}}, {id: 'country:RU', props: {name: 'Russia', aliases: null, "
        "qid: 'Q159', confidence: 1.0, origin: 'gazetteer', iso2: 'RU', iso3: 'RUS'}}]",
        "UNWIND $rows AS row MERGE (n:Country {id: row.id}) SET n += row.props;",
        "// Article: 1 row(s)",
        ":param rows => [{id: 'article:1', props: {path: 'a.txt', url: null, title: 'O\\'Brien \"quoted\"\\nline', "
        "outlet: null, published: date('2023-08-01'), text: 'x', content_hash: 'h', format: 'txt', "
        "boilerplate: null}}]",
        "UNWIND $rows AS row MERGE (n:Article {id: row.id}) SET n += row.props;",
    ]
    assert body[-1] == ":param rows => []"
    assert len(body) == 4 * 3 + 1


def test_script_statements_are_the_pushed_ones(snapshot: GraphSnapshot) -> None:
    script = cypher_script(snapshot, ONTO, batch_size=3)
    pushed = [b.statement + ";" for b in write_batches(snapshot, ONTO, batch_size=3)]
    assert [line for line in script.splitlines() if line.startswith("UNWIND")] == pushed
    assert script.count(":param rows => [{") == len(pushed)


# -- Neo4j's own parser ---------------------------------------------------------------------------


def _lint(items: list[dict[str, str]]) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: Cypher is not checked by Neo4j's parser (run `make node-deps`)")
    if not PARSER.is_dir():
        pytest.skip("tests/node/node_modules lacks @neo4j-cypher/language-support (run `make node-deps`)")
    return subprocess.run([node, str(LINTER)], input=json.dumps(items), capture_output=True, text=True,
                          timeout=300, check=False)


def _all_statements() -> list[dict[str, str]]:
    items = [{"name": f"schema {i}", "query": s} for i, s in enumerate(schema_statements(ONTO))]
    for label in ONTO.concrete_classes():
        items.append({"name": f"merge {label}", "query": node_merge_statement(ONTO, label)})
        items.append({"name": f"read {label}", "query": node_query(ONTO, label)})
    for rel in ONTO.relations:
        items.append({"name": f"read {rel}", "query": relationship_query(ONTO, rel)})
        # Every (src, dst) pair gives the same text but for the two labels: one pair per type suffices.
        src, dst = ONTO.endpoints(rel)[-1]
        items.append({"name": f"merge {rel} {src}->{dst}", "query": relationship_merge_statement(ONTO, rel, src, dst)})
    # What Neo4jStore sends when it writes extractions: entity upserts and the look-ups behind them.
    for label in ONTO.entity_classes():
        items.append({"name": f"merge entity {label}", "query": entity_merge_statement(ONTO, label)})
        items.append({"name": f"stored {label}", "query": stored_ids_query(label)})
    items.append({"name": "stored articles", "query": STORED_ARTICLES_QUERY})
    items.append({"name": "stored countries", "query": STORED_COUNTRIES_QUERY})
    return items + _view_queries()


def _view_queries() -> list[dict[str, str]]:
    """Every read query of the Neo4j dialect behind the store view, in each of its forms."""
    from itertools import product

    from graph.cypher.neo4j import NEO4J as D

    queries = [D.flows(), D.flow_end_uses(), D.flow_support(), D.claim_attributions(), D.broader(), D.clusters(),
               D.claim_clusters(), D.cluster_members(), D.claim_count(), D.reported_count(), D.article_texts()]
    queries += [D.clusters_about(label, rel) for label in ONTO.entity_classes() for rel in ("ABOUT", "ATTRIBUTED_TO")]
    queries += [D.supply_legs(*flags) for flags in product((False, True), repeat=4)]
    for by_id in (False, True):
        queries += [D.articles(by_id), D.article_mentions(by_id), D.claims(by_id, False), D.claims(by_id, True),
                    D.claims(by_id, False, names=False),
                    D.claim_about(by_id), D.claim_supports(by_id), D.claim_chain(by_id, "GenericSource", True),
                    D.claim_chain(by_id, "Person", False)]
    for by_id, by_name, counts in product((False, True), repeat=3):
        queries.append(D.entities(ONTO, "Country", by_id, by_name, counts))
    return [{"name": f"view {i}", "query": q} for i, q in enumerate(queries)]


@pytest.mark.node
def test_linter_reports_errors() -> None:
    result = _lint([{"name": "good", "query": "MATCH (n) RETURN n"}, {"name": "bad", "query": "MATCH (n RETRN n"}])
    assert result.returncode == 1, result.stderr
    assert "ok good" in result.stdout
    assert re.search(r"^error bad: 1:\d+ ", result.stdout, re.M)


@pytest.mark.node
def test_every_emitted_statement_parses() -> None:
    items = _all_statements()
    result = _lint(items)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("\nok ") + result.stdout.startswith("ok ") == len(items)


@pytest.mark.node
def test_every_param_command_parses(snapshot: GraphSnapshot) -> None:
    # The script's other lines are the statements checked above (asserted equal to them).
    script = cypher_script(snapshot, ONTO)
    units = [line for line in script.splitlines() if line.startswith(":param")]
    result = _lint([{"name": f"line {i}", "query": unit} for i, unit in enumerate(units)])
    assert result.returncode == 0, result.stdout + result.stderr


def _cookbook_queries() -> list[dict[str, str]]:
    """The ```cypher blocks of docs/cypher.md, less those of sections marked ``Dialect: ladybug``
    (LadybugDB-only syntax such as ``SHORTEST`` or ``properties(nodes(p), 'name')``)."""
    items: list[dict[str, str]] = []
    for section in re.split(r"^## ", COOKBOOK.read_text(encoding="utf-8"), flags=re.M):
        if re.search(r"^Dialect:\s*ladybug\b", section, re.M):
            continue
        title = section.splitlines()[0] if section else ""
        for i, block in enumerate(re.findall(r"^```cypher[^\n]*\n(.*?)^```", section, re.M | re.S), 1):
            items.append({"name": f"docs/cypher.md '{title}' #{i}", "query": block.strip()})
    return items


@pytest.mark.node
def test_cookbook_queries_parse() -> None:
    if not COOKBOOK.is_file():
        pytest.skip("docs/cypher.md is not written yet")
    items = _cookbook_queries()
    if not items:
        pytest.skip("docs/cypher.md has no ```cypher blocks")
    result = _lint(items)
    assert result.returncode == 0, result.stdout + result.stderr
