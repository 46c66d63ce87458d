"""Database schemas generated from the ontology: LadybugDB DDL and Neo4j constraints.

Nothing here names a class, property or relation type by hand: every table, column, constraint, merge
key and article scope is derived from :func:`ontology.model.load_ontology`, so a new class or relation
is an edit of ``ontology.yaml`` only.

Dialect notes (LadybugDB 0.22, the Kùzu fork):

* ``end`` is a reserved word (``start`` is not, but may become one); property names are therefore
  always quoted with backticks, in DDL and in every generated query. Hand-written queries must write
  ``n.`end```, not ``n.end``.
* A REL table may list many ``FROM A TO B`` pairs; ``CITES`` (Entity → Entity, 12 × 12 = 144 pairs)
  is created and queried without trouble, so no relation is narrowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ontology.model import Ontology, PropertyType

__all__ = [
    "ArticleScope",
    "article_scope",
    "ladybug_ddl",
    "ladybug_type",
    "merge_key",
    "neo4j_constraints",
    "quote",
]

@dataclass(frozen=True)
class ArticleScope:
    """The article-scoped node one relationship belongs to: its ``label``, and where a relationship row
    names its id: the ``"from"`` or ``"to"`` endpoint, or the merge-key ``property``."""

    label: str
    endpoint: Literal["from", "to"] | None = None
    property: str | None = None


def merge_key(onto: Ontology, rel: str) -> tuple[str, ...]:
    """The properties that, with the two endpoints, identify one ``rel`` relationship (its ``merge_key``
    in ``ontology.yaml``), so that writing the same article twice MERGEs onto the same edge; empty when
    the endpoints alone do.

    >>> from ontology.model import load_ontology
    >>> merge_key(load_ontology(), "SUPPLIES")
    ('flow_id', 'leg')
    """
    return onto.relations[onto.check_relation(rel)].merge_key


def article_scope(onto: Ontology, rel: str, src: str, dst: str) -> ArticleScope | None:
    """Which article-scoped node owns a ``rel`` relationship from a ``src`` node to a ``dst`` node, or
    ``None`` for a relationship any article may assert again.

    Article-scoped classes (``article_scoped: true`` in ``ontology.yaml``: Article, SupplyFlow, Claim)
    have ids that hash in their article's id, so no two articles share such a node: a relationship
    from or to one belongs to it. A relationship between two entities belongs to one when its
    ``scoped_by`` merge-key property names it (a SUPPLIES leg its flow, a CITES link its claim).
    Entities are the opposite case: any article may name a stored one, so they and the relations
    between them (LOCATED_IN, MEMBER_OF, AFFILIATED_WITH) are always MERGEd. A relationship owned by a
    node that the current write creates cannot exist yet, so it may be inserted without MERGE.

    Examples
    --------
    >>> from ontology.model import load_ontology
    >>> onto = load_ontology()
    >>> article_scope(onto, "MENTIONS", "Article", "Country")
    ArticleScope(label='Article', endpoint='from', property=None)
    >>> article_scope(onto, "SUPPLIES", "Country", "Country")
    ArticleScope(label='SupplyFlow', endpoint=None, property='flow_id')
    >>> article_scope(onto, "LOCATED_IN", "Company", "Country") is None
    True
    """
    scoped = onto.article_scoped_classes()
    if src in scoped:
        return ArticleScope(src, endpoint="from")
    if dst in scoped:
        return ArticleScope(dst, endpoint="to")
    owner = onto.relations[onto.check_relation(rel)].scoped_by
    if owner is not None:
        return ArticleScope(owner.owner, property=owner.property)
    return None

_LADYBUG_TYPES: Mapping[PropertyType, str] = {
    "STRING": "STRING",
    "INT64": "INT64",
    "DOUBLE": "DOUBLE",
    "BOOLEAN": "BOOLEAN",
    "DATE": "DATE",
    "STRING[]": "STRING[]",
}


def quote(name: str) -> str:
    """An identifier quoted with backticks (reserved words such as ``end`` then parse as names).

    >>> quote("end")
    '`end`'
    """
    if "`" in name:
        raise ValueError(f"identifier {name!r} contains a backtick")
    return f"`{name}`"


def ladybug_type(ptype: PropertyType) -> str:
    """The LadybugDB column type of an ontology property type.

    >>> ladybug_type("STRING[]")
    'STRING[]'
    """
    return _LADYBUG_TYPES[ptype]


def _columns(props: Mapping[str, PropertyType]) -> list[str]:
    return [f"{quote(name)} {ladybug_type(ptype)}" for name, ptype in props.items()]


def ladybug_ddl(onto: Ontology) -> list[str]:
    """``CREATE ... IF NOT EXISTS`` statements for every node table, then every relationship table.

    One node table per concrete class, with its own and inherited properties and ``id`` as primary
    key; one relationship table per relation type, with every concrete (from, to) pair the domain and
    range allow, each pair also as ``ALTER TABLE ... ADD IF NOT EXISTS FROM a TO b``, so that a store
    made under an ontology with fewer pairs (``CREATE ... IF NOT EXISTS`` leaves an existing table as it
    is) gains the new ones. The statements are idempotent.

    Examples
    --------
    >>> from ontology.model import load_ontology
    >>> ddl = ladybug_ddl(load_ontology())
    >>> next(s for s in ddl if " SUPPORTS(" in s)
    'CREATE REL TABLE IF NOT EXISTS SUPPORTS(FROM Claim TO SupplyFlow)'
    """
    statements: list[str] = []
    for cname in onto.concrete_classes():
        columns = [*_columns(onto.properties_of(cname)), f"PRIMARY KEY({quote('id')})"]
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {cname}({', '.join(columns)})")
    for rname, rdef in onto.relations.items():
        pairs = [f"FROM {a} TO {b}" for a, b in onto.endpoints(rname)]
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {rname}({', '.join([*pairs, *_columns(rdef.properties)])})")
        statements.extend(f"ALTER TABLE {rname} ADD IF NOT EXISTS {pair}" for pair in pairs)
    return statements


def neo4j_constraints(onto: Ontology) -> list[str]:
    """Neo4j statements: a uniqueness constraint on ``id`` per concrete class, a ``name`` index per
    entity class. All are ``IF NOT EXISTS``, so applying them twice is harmless.

    Examples
    --------
    >>> from ontology.model import load_ontology
    >>> neo4j_constraints(load_ontology())[0]
    'CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE'
    """
    statements = [
        f"CREATE CONSTRAINT {cname.lower()}_id IF NOT EXISTS FOR (n:{cname}) REQUIRE n.id IS UNIQUE"
        for cname in onto.concrete_classes()
    ]
    statements += [
        f"CREATE INDEX {cname.lower()}_name IF NOT EXISTS FOR (n:{cname}) ON (n.name)"
        for cname in onto.entity_classes()
    ]
    return statements
