"""Schemas generated from the ontology: LadybugDB DDL and Neo4j constraints."""

from __future__ import annotations

from pathlib import Path

import ladybug as lb

from graph.schema import ArticleScope, article_scope, ladybug_ddl, merge_key, neo4j_constraints, quote
from ontology.errors import OntologyError
from ontology.model import load_ontology, parse_ontology

ONTO = load_ontology()


def test_country_node_table_exact() -> None:
    assert ladybug_ddl(ONTO)[0] == (
        "CREATE NODE TABLE IF NOT EXISTS Country(`id` STRING, `name` STRING, `aliases` STRING[], `qid` STRING, "
        "`confidence` DOUBLE, `origin` STRING, `iso2` STRING, `iso3` STRING, PRIMARY KEY(`id`))"
    )


def test_article_table_has_a_date_and_a_list() -> None:
    (article,) = [s for s in ladybug_ddl(ONTO) if "TABLE IF NOT EXISTS Article(" in s]
    assert "`published` DATE" in article and "`boilerplate` STRING[]" in article


def test_relation_table_exact() -> None:
    (located,) = [s for s in ladybug_ddl(ONTO) if " LOCATED_IN(" in s]
    assert located == (
        "CREATE REL TABLE IF NOT EXISTS LOCATED_IN(FROM Place TO Country, FROM Company TO Country, "
        "FROM GovernmentAgency TO Country, FROM MediaOutlet TO Country, FROM ThinkTank TO Country, "
        "FROM IntergovernmentalOrg TO Country)"
    )
    (mentions,) = [s for s in ladybug_ddl(ONTO) if " MENTIONS(" in s]
    assert mentions.endswith(", `start` INT64, `end` INT64, `surface` STRING, `sentence` STRING, "
                             "`extractor` STRING, `confidence` DOUBLE)")


def test_one_table_per_concrete_class_and_relation() -> None:
    ddl = ladybug_ddl(ONTO)
    nodes = [s.split("EXISTS ")[1].split("(")[0] for s in ddl if s.startswith("CREATE NODE TABLE")]
    rels = [s.split("EXISTS ")[1].split("(")[0] for s in ddl if s.startswith("CREATE REL TABLE")]
    assert nodes == ONTO.concrete_classes()
    assert rels == list(ONTO.relations)
    (cites,) = [s for s in ddl if " CITES(" in s]
    assert cites.count("FROM ") == len(ONTO.entity_classes()) ** 2 == 144


def test_ddl_runs_twice_and_creates_every_table(tmp_path: Path) -> None:
    db = lb.Database(str(tmp_path / "schema.db"))
    conn = lb.Connection(db)
    try:
        for _ in range(2):  # IF NOT EXISTS: idempotent
            for statement in ladybug_ddl(ONTO):
                conn.execute(statement)
        result = conn.execute("CALL show_tables() RETURN name, type")
        tables = {name: kind for name, kind in result.get_all()}
    finally:
        conn.close()
        db.close()
    assert {n for n, k in tables.items() if k == "NODE"} == set(ONTO.concrete_classes())
    assert {n for n, k in tables.items() if k == "REL"} == set(ONTO.relations)


def test_merge_keys_are_read_from_the_ontology() -> None:
    keyed = {rel: merge_key(ONTO, rel) for rel in ONTO.relations if merge_key(ONTO, rel)}
    assert keyed == {"MENTIONS": ("start", "end"), "SUPPLIES": ("flow_id", "leg"), "VIA": ("position",),
                     "ATTRIBUTED_TO": ("position",), "CITES": ("claim_id",)}


def test_a_merge_key_outside_the_relation_properties_fails_with_its_key(tmp_path: Path) -> None:
    import pytest

    text = (Path(__file__).parents[2] / "ontology" / "ontology.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "ontology.yaml"
    bad.write_text(text.replace("merge_key: [flow_id, leg]", "merge_key: [flow_id, lap]"), encoding="utf-8")
    with pytest.raises(OntologyError, match=r"relations\.SUPPLIES\.merge_key: 'lap'"):
        parse_ontology(bad)


def test_quote_refuses_backticks() -> None:
    import pytest

    assert quote("end") == "`end`"
    with pytest.raises(ValueError):
        quote("a`b")


def test_neo4j_statements_for_country_exact() -> None:
    statements = neo4j_constraints(ONTO)
    assert "CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE" in statements
    assert "CREATE INDEX country_name IF NOT EXISTS FOR (n:Country) ON (n.name)" in statements
    assert [s for s in statements if "(n:Country)" in s] == [
        "CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE",
        "CREATE INDEX country_name IF NOT EXISTS FOR (n:Country) ON (n.name)",
    ]


def test_neo4j_constraint_per_class_index_per_entity_class() -> None:
    statements = neo4j_constraints(ONTO)
    assert sum(s.startswith("CREATE CONSTRAINT") for s in statements) == len(ONTO.concrete_classes())
    assert sum(s.startswith("CREATE INDEX") for s in statements) == len(ONTO.entity_classes())
    assert not any("(n:Article) ON (n.name)" in s for s in statements)


def test_article_scoped_classes_are_records_not_entities() -> None:
    # An entity may be named by any article: treating one as article-scoped would duplicate its edges.
    assert ONTO.article_scoped_classes() == ["Article", "SupplyFlow", "Claim"]
    assert not set(ONTO.article_scoped_classes()) & set(ONTO.entity_classes())


def test_scoping_keys_are_merge_keys_naming_an_article_scoped_node() -> None:
    scoped = {rel: rdef.scoped_by for rel, rdef in ONTO.relations.items() if rdef.scoped_by is not None}
    assert {rel: (s.property, s.owner) for rel, s in scoped.items()} == {
        "SUPPLIES": ("flow_id", "SupplyFlow"), "CITES": ("claim_id", "Claim")}


def test_every_relation_is_scoped_except_those_between_entities() -> None:
    unscoped = {rel for rel in ONTO.relations for src, dst in ONTO.endpoints(rel)
                if article_scope(ONTO, rel, src, dst) is None}
    # ORIGINATES joins an entity to a computed Cluster: it is rewritten with the clusters, never with an article.
    assert unscoped == {"AFFILIATED_WITH", "LOCATED_IN", "MEMBER_OF", "BROADER", "ORIGINATES"}
    assert article_scope(ONTO, "REPORTED_IN", "Claim", "Article") == ArticleScope("Claim", endpoint="from")
    assert article_scope(ONTO, "SUPPORTS", "Claim", "SupplyFlow") == ArticleScope("Claim", endpoint="from")
    assert article_scope(ONTO, "ATTRIBUTED_TO", "Claim", "Person") == ArticleScope("Claim", endpoint="from")
    assert article_scope(ONTO, "CITES", "Person", "ThinkTank") == ArticleScope("Claim", property="claim_id")


def test_ddl_adds_new_pairs_to_a_store_made_under_an_older_ontology(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "ontology" / "ontology.yaml").read_text(encoding="utf-8")
    older = text.replace("    roles: [supplier, recipient]   # a bloc", "    # a bloc")
    older = older.replace("range: [Country, Company, GovernmentAgency, IntergovernmentalOrg, Place, Person]",
                          "range: [Country, Company, GovernmentAgency, Place, Person]")
    assert older != text
    (tmp_path / "ontology.yaml").write_text(older, encoding="utf-8")
    old_onto = parse_ontology(tmp_path / "ontology.yaml")
    db = lb.Database(str(tmp_path / "schema.db"))
    conn = lb.Connection(db)

    def supplier_classes() -> set[str]:
        result = conn.execute("CALL show_connection('SUPPLIED_BY') RETURN *")
        return {row[1] for row in result.get_all()}

    try:
        for statement in ladybug_ddl(old_onto):
            conn.execute(statement)
        before = supplier_classes()
        for statement in ladybug_ddl(ONTO):
            conn.execute(statement)
        after = supplier_classes()
    finally:
        conn.close()
        db.close()
    assert "IntergovernmentalOrg" not in before
    assert after == before | {"IntergovernmentalOrg"}
    assert (next(s for s in ladybug_ddl(ONTO) if s.startswith("ALTER TABLE SUPPLIED_BY"))
            == "ALTER TABLE SUPPLIED_BY ADD IF NOT EXISTS FROM SupplyFlow TO Country")
