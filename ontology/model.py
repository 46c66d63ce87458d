"""Load ``ontology.yaml`` into frozen, cross-checked pydantic models.

The ontology is data (see ``ontology.yaml``); this module interprets it. Everything that names a
label, a relationship type or a property on the way to a database comes from here, so it doubles as
the allow-list for Cypher.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ontology.datafile import read_data_file, validate_data
from ontology.errors import OntologyError

__all__ = [
    "ONTOLOGY_PATH",
    "ClassDef",
    "Ontology",
    "PropertyType",
    "RelationDef",
    "ScopedBy",
    "SupplyRole",
    "load_ontology",
]

ONTOLOGY_PATH = Path(__file__).with_name("ontology.yaml")

PropertyType = Literal["STRING", "INT64", "DOUBLE", "BOOLEAN", "DATE", "STRING[]"]

SupplyRole = Literal["supplier", "recipient", "transit"]
"""What an entity may be in a supply flow: its sender, its receiver, or a point the goods pass through."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ClassDef(_Frozen):
    """A node class. ``properties`` are its own; :meth:`Ontology.properties_of` adds inherited ones."""

    name: str = ""
    description: str
    abstract: bool = False
    parent: str | None = None
    properties: dict[str, PropertyType] = Field(default_factory=dict)
    #: Its ids hash in the id of the article they were read from (Article, SupplyFlow, Claim).
    article_scoped: bool = False
    roles: tuple[SupplyRole, ...] = ()  # its own; :meth:`Ontology.roles_of` adds inherited ones


class ScopedBy(_Frozen):
    """The merge-key ``property`` of a relationship between entities that holds the id of the
    article-scoped node (``class``) owning it."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    property: str
    owner: str = Field(alias="class")


class RelationDef(_Frozen):
    """A relationship type with its domain and range (class names, abstract ones allowed).

    ``merge_key`` names the properties that, with the two endpoints, identify one relationship;
    ``scoped_by`` the merge-key property naming the article-scoped node that owns it, if any.
    """

    name: str = ""
    description: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    properties: dict[str, PropertyType] = Field(default_factory=dict)
    merge_key: tuple[str, ...] = ()
    scoped_by: ScopedBy | None = None


#: The relation a supply role is stored as (its range must hold every class with the role).
_ROLE_RELATIONS: dict[str, str] = {"supplier": "SUPPLIED_BY", "recipient": "SUPPLIED_TO", "transit": "VIA"}
#: The sides of the leg relation a role's entity stands on: a supplier starts a leg, a recipient ends one, a
#: transit point does both.
_LEG_RELATION = "SUPPLIES"
_LEG_SIDES: dict[str, tuple[Literal["domain", "range"], ...]] = {
    "supplier": ("domain",), "recipient": ("range",), "transit": ("domain", "range")}


class Ontology(_Frozen):
    """The validated ontology.

    Examples
    --------
    >>> onto = load_ontology()
    >>> "Country" in onto.concrete_classes()
    True
    >>> onto.properties_of("Country")["iso2"]
    'STRING'
    """

    name: str
    version: str
    namespace: str
    resource_namespace: str
    classes: dict[str, ClassDef]
    relations: dict[str, RelationDef]

    @model_validator(mode="before")
    @classmethod
    def _name_entries(cls, data: object) -> object:
        if isinstance(data, dict):
            for key in ("classes", "relations"):
                entries = data.get(key)
                if isinstance(entries, dict):
                    data[key] = {
                        name: {**body, "name": name} if isinstance(body, dict) else body
                        for name, body in entries.items()
                    }
        return data

    @model_validator(mode="after")
    def _cross_check(self) -> Ontology:
        for cname, cdef in self.classes.items():
            if cdef.parent is not None and cdef.parent not in self.classes:
                raise ValueError(f"classes.{cname}.parent: unknown class {cdef.parent!r}")
            seen: set[str] = set()
            cursor: str | None = cname
            while cursor is not None:
                if cursor in seen:
                    raise ValueError(f"classes.{cname}: inheritance cycle through {cursor!r}")
                seen.add(cursor)
                cursor = self.classes[cursor].parent
            if not cdef.abstract and "id" not in self.properties_of(cname):
                raise ValueError(f"classes.{cname}: a concrete class needs an 'id' property")
        for rname, rdef in self.relations.items():
            if rname != rname.upper():
                raise ValueError(f"relations.{rname}: relation types are UPPER_SNAKE_CASE")
            for side in ("domain", "range"):
                for cname in getattr(rdef, side):
                    if cname not in self.classes:
                        raise ValueError(f"relations.{rname}.{side}: unknown class {cname!r}")
            for key in rdef.merge_key:
                if key not in rdef.properties:
                    raise ValueError(f"relations.{rname}.merge_key: {key!r} is not one of its properties")
            scope = rdef.scoped_by
            if scope is not None and scope.property not in rdef.merge_key:
                raise ValueError(f"relations.{rname}.scoped_by: {scope.property!r} is not in its merge_key")
            if scope is not None and not (scope.owner in self.classes and self.classes[scope.owner].article_scoped):
                raise ValueError(f"relations.{rname}.scoped_by: {scope.owner!r} is not an article-scoped class")
        for cname, cdef in self.classes.items():
            if cdef.article_scoped and (cdef.abstract or self.is_a(cname, "Entity")):
                raise ValueError(f"classes.{cname}.article_scoped: only a concrete record class can be")
        # A role the store would refuse loses the whole article at write time: refuse it here instead.
        for role, rname in _ROLE_RELATIONS.items():
            if rname not in self.relations:
                continue
            allowed = self.expand(self.relations[rname].range)
            for cname in self.concrete_classes():
                if role in self.roles_of(cname) and cname not in allowed:
                    raise ValueError(f"classes.{cname}.roles: {role!r} needs {cname} in relations.{rname}.range")
        if _LEG_RELATION in self.relations:
            leg = self.relations[_LEG_RELATION]
            for role, sides in _LEG_SIDES.items():
                for side in sides:
                    allowed = self.expand(getattr(leg, side))
                    for cname in self.concrete_classes():
                        if role in self.roles_of(cname) and cname not in allowed:
                            raise ValueError(f"classes.{cname}.roles: {role!r} needs {cname} in "
                                             f"relations.{_LEG_RELATION}.{side}")
        return self

    # -- queries over the model -------------------------------------------------------------------

    def lineage(self, cname: str) -> list[str]:
        """The class and its ancestors, nearest first."""
        out: list[str] = []
        cursor: str | None = cname
        while cursor is not None:
            out.append(cursor)
            cursor = self.classes[cursor].parent
        return out

    def properties_of(self, cname: str) -> dict[str, PropertyType]:
        """All properties of a class, inherited ones first, ``id`` always first."""
        props: dict[str, PropertyType] = {}
        for ancestor in reversed(self.lineage(cname)):
            props.update(self.classes[ancestor].properties)
        if "id" in props:
            props = {"id": props["id"], **{k: v for k, v in props.items() if k != "id"}}
        return props

    def roles_of(self, cname: str) -> frozenset[SupplyRole]:
        """The supply roles of a class: its own and those of its ancestors."""
        return frozenset(role for ancestor in self.lineage(cname) for role in self.classes[ancestor].roles)

    def classes_with_role(self, role: SupplyRole) -> frozenset[str]:
        """Concrete classes whose entities may take ``role`` in a supply flow (own or inherited).

        Examples
        --------
        >>> sorted(load_ontology().classes_with_role("transit"))
        ['Country', 'Place']
        """
        return frozenset(name for name in self.concrete_classes() if role in self.roles_of(name))

    def concrete_classes(self) -> list[str]:
        """Names of the classes that become node tables, in file order."""
        return [name for name, cdef in self.classes.items() if not cdef.abstract]

    def is_a(self, cname: str, ancestor: str) -> bool:
        """Whether ``cname`` is ``ancestor`` or inherits from it."""
        return ancestor in self.lineage(cname)

    def expand(self, names: tuple[str, ...] | list[str]) -> list[str]:
        """Concrete classes standing for ``names`` (an abstract class expands to its subclasses)."""
        out: list[str] = []
        for concrete in self.concrete_classes():
            if any(self.is_a(concrete, name) for name in names) and concrete not in out:
                out.append(concrete)
        return out

    def article_scoped_classes(self) -> list[str]:
        """Concrete classes whose ids hash in their article's id, in file order.

        >>> load_ontology().article_scoped_classes()
        ['Article', 'SupplyFlow', 'Claim']
        """
        return [name for name, cdef in self.classes.items() if cdef.article_scoped and not cdef.abstract]

    def entity_classes(self) -> list[str]:
        """Concrete subclasses of ``Entity``."""
        return self.expand(["Entity"])

    def endpoints(self, rname: str) -> list[tuple[str, str]]:
        """Every concrete (from, to) pair a relation type allows."""
        rdef = self.relations[rname]
        return [(a, b) for a in self.expand(rdef.domain) for b in self.expand(rdef.range)]

    def check_label(self, label: str) -> str:
        """Return ``label`` if it is a concrete class, else raise :class:`OntologyError`."""
        if label not in self.concrete_classes():
            raise OntologyError(f"unknown node label {label!r}; allowed: {', '.join(self.concrete_classes())}")
        return label

    def check_relation(self, rname: str) -> str:
        """Return ``rname`` if it is a relation type, else raise :class:`OntologyError`."""
        if rname not in self.relations:
            raise OntologyError(f"unknown relationship type {rname!r}; allowed: {', '.join(self.relations)}")
        return rname


def parse_ontology(path: Path) -> Ontology:
    """Read and validate an ontology file; errors name the path and the key."""
    return validate_data(path, Ontology, read_data_file(path, "the ontology", needs_source=False))


@cache
def load_ontology(path: Path = ONTOLOGY_PATH) -> Ontology:
    """The ontology shipped with the package (cached)."""
    return parse_ontology(path)
