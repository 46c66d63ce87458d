"""The ontology model: loading, inheritance, expansion of abstract classes, allow-lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from ontology.errors import OntologyError
from ontology.model import load_ontology, parse_ontology

ONTO = load_ontology()


def test_concrete_classes_exclude_abstract_ones() -> None:
    concrete = ONTO.concrete_classes()
    assert "Entity" not in concrete and "Organisation" not in concrete
    assert {"Country", "Company", "Article", "SupplyFlow", "Claim"} <= set(concrete)


def test_properties_are_inherited_with_id_first() -> None:
    props = ONTO.properties_of("Company")
    assert next(iter(props)) == "id"
    assert props["country"] == "STRING"
    assert props["aliases"] == "STRING[]"


def test_abstract_domain_expands_to_concrete_subclasses() -> None:
    assert ONTO.expand(["Organisation"]) == ["Company", "GovernmentAgency", "MediaOutlet", "ThinkTank",
                                             "IntergovernmentalOrg"]
    entity_classes = ONTO.entity_classes()
    assert len(ONTO.endpoints("CITES")) == len(entity_classes) ** 2
    assert ("Article", "Country") in ONTO.endpoints("MENTIONS")


def test_allow_lists_refuse_unknown_names() -> None:
    assert ONTO.check_label("Country") == "Country"
    with pytest.raises(OntologyError, match="unknown node label 'Country\\) DETACH DELETE'"):
        ONTO.check_label("Country) DETACH DELETE")
    with pytest.raises(OntologyError, match="allowed"):
        ONTO.check_label("Entity")  # abstract: no table
    with pytest.raises(OntologyError):
        ONTO.check_relation("mentions")


def test_a_bad_file_names_path_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "onto.yaml"
    bad.write_text(
        "name: t\nversion: '1'\nnamespace: 'x#'\nresource_namespace: 'y/'\n"
        "classes:\n  A:\n    description: a\n    parent: Missing\n    properties: {id: STRING}\nrelations: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(OntologyError, match=r"onto\.yaml.*classes\.A\.parent"):
        parse_ontology(bad)


def test_a_relation_must_be_upper_case(tmp_path: Path) -> None:
    bad = tmp_path / "onto.yaml"
    bad.write_text(
        "name: t\nversion: '1'\nnamespace: 'x#'\nresource_namespace: 'y/'\n"
        "classes:\n  A:\n    description: a\n    properties: {id: STRING}\n"
        "relations:\n  knows:\n    description: k\n    domain: [A]\n    range: [A]\n",
        encoding="utf-8",
    )
    with pytest.raises(OntologyError, match="UPPER_SNAKE_CASE"):
        parse_ontology(bad)


def test_supply_roles_are_declared_on_classes_and_inherited(tmp_path: Path) -> None:
    # An intergovernmental organisation supplies and receives as a bloc ("EU exports"), never as a transit
    # point. A person may supply (the head of a procurement network), never receive or be a transit point.
    assert ONTO.classes_with_role("supplier") == {"Country", "Place", "Company", "GovernmentAgency",
                                                  "IntergovernmentalOrg", "Person"}
    assert ONTO.classes_with_role("recipient") == ONTO.classes_with_role("supplier") - {"Person"}
    assert ONTO.classes_with_role("transit") == {"Country", "Place"}
    assert ONTO.roles_of("MediaOutlet") == frozenset() and ONTO.roles_of("ThinkTank") == frozenset()
    onto = tmp_path / "onto.yaml"
    onto.write_text(
        "name: t\nversion: '1'\nnamespace: 'x#'\nresource_namespace: 'y/'\n"
        "classes:\n  Org:\n    abstract: true\n    description: o\n    roles: [supplier]\n"
        "    properties: {id: STRING}\n"
        "  Firm:\n    description: f\n    parent: Org\n    roles: [recipient]\n"
        "  Club:\n    description: c\n    properties: {id: STRING}\nrelations: {}\n",
        encoding="utf-8",
    )
    parsed = parse_ontology(onto)
    assert parsed.roles_of("Firm") == {"supplier", "recipient"}
    assert parsed.classes_with_role("supplier") == {"Firm"}  # the abstract class itself is no node
    assert parsed.classes_with_role("transit") == frozenset()


def test_a_bad_role_names_path_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "onto.yaml"
    bad.write_text(
        "name: t\nversion: '1'\nnamespace: 'x#'\nresource_namespace: 'y/'\n"
        "classes:\n  A:\n    description: a\n    roles: [supplier, seller]\n    properties: {id: STRING}\n"
        "relations: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(OntologyError, match=r"onto\.yaml.*classes\.A\.roles\.1"):
        parse_ontology(bad)


def test_every_role_agrees_with_the_range_of_its_relation() -> None:
    # A party the store would refuse must never be extracted (the whole article would be refused).
    for role, rel in (("supplier", "SUPPLIED_BY"), ("recipient", "SUPPLIED_TO"), ("transit", "VIA")):
        assert ONTO.classes_with_role(role) <= set(ONTO.expand(ONTO.relations[rel].range)), role


def test_every_role_agrees_with_the_sides_of_a_supply_leg() -> None:
    # a supplier starts a leg (SUPPLIES), a recipient ends one, a transit point does both
    leg = ONTO.relations["SUPPLIES"]
    assert ONTO.classes_with_role("supplier") <= set(ONTO.expand(leg.domain))
    assert ONTO.classes_with_role("recipient") | ONTO.classes_with_role("transit") <= set(ONTO.expand(leg.range))


def test_a_supplier_that_cannot_start_a_leg_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "onto.yaml"
    bad.write_text(
        "name: t\nversion: '1'\nnamespace: 'x#'\nresource_namespace: 'y/'\n"
        "classes:\n  A:\n    description: a\n    properties: {id: STRING}\n"
        "  B:\n    description: b\n    roles: [supplier]\n    properties: {id: STRING}\n"
        "relations:\n  SUPPLIED_BY:\n    description: s\n    domain: [A]\n    range: [A, B]\n"
        "  SUPPLIES:\n    description: l\n    domain: [A]\n    range: [A]\n",
        encoding="utf-8",
    )
    with pytest.raises(OntologyError, match=r"classes\.B\.roles: 'supplier' needs B in relations\.SUPPLIES\.domain"):
        parse_ontology(bad)


def test_a_role_outside_its_relations_range_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "onto.yaml"
    bad.write_text(
        "name: t\nversion: '1'\nnamespace: 'x#'\nresource_namespace: 'y/'\n"
        "classes:\n  A:\n    description: a\n    properties: {id: STRING}\n"
        "  B:\n    description: b\n    roles: [supplier]\n    properties: {id: STRING}\n"
        "relations:\n  SUPPLIED_BY:\n    description: s\n    domain: [A]\n    range: [A]\n",
        encoding="utf-8",
    )
    with pytest.raises(OntologyError, match=r"classes\.B\.roles: 'supplier' needs B in relations\.SUPPLIED_BY\.range"):
        parse_ontology(bad)
