"""The store contract: one writer/reader interface, several backends.

Backends (``graph.ladybug_store.LadybugStore`` embedded; Neo4j through ``graph.neo4j_store``) pass the
same behaviour suite in ``tests/graph/test_store_contract.py``.

A store hands out a :class:`StoreWriter` (``with store.writer() as writer: writer.write(extraction)``)
and a :class:`StoreView` of typed reads (``store.view().supply_legs(LegFilter(sources=...))``) that
return frozen records: :class:`SupplyLeg`, :class:`FlowRecord`, :class:`ClaimRecord`,
:class:`ArticleRef`, :class:`EntityRecord` and :class:`StoredCluster` (the stored corroboration clusters,
written by the stores' ``replace_clusters``). No query language appears in the view's interface; each
backend builds its Cypher in its dialect module (:mod:`graph.cypher`).
``query(cypher)`` stays for the user's own Cypher (``tradetrace cypher``) and the exporters' snapshot.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, overload, runtime_checkable

from ontology.records import Extraction

if TYPE_CHECKING:
    from graph.mapping import GraphBatch

__all__ = [
    "ArticleRef",
    "ArticleText",
    "ClaimFilter",
    "ClaimRecord",
    "ClusterFilter",
    "EntityFilter",
    "EntityRecord",
    "FlowRecord",
    "GraphStore",
    "LegFilter",
    "QueryResult",
    "SourceLink",
    "StoreStats",
    "StoreView",
    "StoreWriter",
    "StoredCluster",
    "SupplyLeg",
    "WriteSummary",
    "Writer",
    "view_of",
]


@dataclass(frozen=True)
class QueryResult:
    """Rows of a Cypher query, with the column names in order."""

    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        """Rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class WriteSummary:
    """What one :meth:`GraphStore.write` did. ``skipped`` is true when the article was already stored
    with the same content hash (nothing written)."""

    article_id: str
    skipped: bool
    nodes: int = 0
    relations: int = 0


@dataclass(frozen=True)
class StoreStats:
    """Counts for ``tradetrace stats``."""

    articles: int
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    supply_flows: int = 0
    claims: int = 0


# -- typed records --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article as evidence: id, title, outlet, publication date (ISO) and URL."""

    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleText:
    """An article's stored text and the file it was read from (``None`` when it came from no file)."""

    text: str
    path: str | None = None


@dataclass(frozen=True, slots=True)
class SourceLink:
    """One link of an attribution chain.

    ``type`` is the ontology class of the linked entity (``None`` when the chain names a source the
    store has no entity for); ``kind`` is the GenericSource kind (``data``, ``officials``...).
    """

    position: int
    name: str
    role: str | None = None
    entity_id: str | None = None
    type: str | None = None
    kind: str | None = None

    @property
    def generic(self) -> bool:
        """Whether the link is a collective, unnamed source ("trade data", "U.S. officials")."""
        return self.type == "GenericSource"


@dataclass(frozen=True)
class ClaimRecord:
    """A claim as stored, with its span, value, period, attribution chain (outermost first) and article."""

    id: str
    text: str
    article: ArticleRef
    start: int | None
    end: int | None
    metric: str | None
    value_raw: str | None
    value_number: float | None
    value_unit: str | None
    direction: str | None
    qualifier: str | None
    period_start: str | None
    period_end: str | None
    status: str
    attribution: tuple[SourceLink, ...] = ()
    about: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    article_mentions: frozenset[str] = frozenset()
    """Names of the entities the claim's article mentions anywhere (for unattributed echoes)."""

    @property
    def attributed_to(self) -> list[str]:
        """The attribution chain's names, outermost first."""
        return [link.name for link in self.attribution]


@dataclass(frozen=True, slots=True)
class SupplyLeg:
    """One stored SUPPLIES leg: ``source`` → ``target`` (ids and names) of one good, belonging to flow
    ``flow_id`` (``leg`` 0 for a direct flow, 1.. along a transit route)."""

    source: str
    source_name: str
    target: str
    target_name: str
    flow_id: str
    good: str
    good_id: str | None
    leg: int
    status: str
    article_id: str | None
    period_start: str | None
    period_end: str | None
    quantity: str | None


@dataclass(frozen=True)
class FlowRecord:
    """One stored SupplyFlow with its end uses (in statement order) and the attribution chains (names,
    outermost first) of the claims supporting it, ordered by claim id."""

    id: str
    value: str | None = None
    via: tuple[str, ...] = ()
    supplier: str | None = None
    recipient: str | None = None
    good: str | None = None
    status: str | None = None
    start: int | None = None
    end: int | None = None
    sentence: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    quantity: str | None = None
    article_id: str | None = None
    end_uses: tuple[str, ...] = ()
    chains: tuple[tuple[str, ...], ...] = ()
    claim_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityRecord:
    """One stored entity: its class, id, name and aliases, every other property in ``props``, and (when
    asked for, else ``None``) how many mentions and articles name it."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()
    props: Mapping[str, Any] = field(default_factory=dict)
    mentions: int | None = None
    articles: int | None = None


@dataclass(frozen=True)
class StoredCluster:
    """One stored ``Cluster`` node: the fact, its reports (claim ids, in order of publication) and its
    independent origins (names and keys, in order of first report; ``report_origins[i]`` is the origin key
    of ``claim_ids[i]``)."""

    id: str
    metric: str | None
    value: str | None
    period_start: str | None
    period_end: str | None
    origins: tuple[str, ...]
    origin_keys: tuple[str, ...]
    claim_ids: tuple[str, ...]
    report_origins: tuple[str, ...]

    @property
    def reports(self) -> int:
        """How many claims report the fact."""
        return len(self.claim_ids)

    @property
    def independent_origins(self) -> int:
        """How many independent origins the reports have."""
        return len(self.origins)


# -- filters --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LegFilter:
    """Which SUPPLIES legs :meth:`StoreView.supply_legs` returns: leaving one of ``sources`` and/or
    reaching one of ``targets`` (entity ids; ``None`` for any), of one of ``goods`` (good ids; ``None``
    for any); negated legs only with ``negated``."""

    sources: frozenset[str] | None = None
    targets: frozenset[str] | None = None
    goods: frozenset[str] | None = None
    negated: bool = False


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims :meth:`StoreView.claims` returns: those with these ``ids`` (``None``: all), ABOUT
    the entity id ``about``; ``mentions`` says whether to read ``article_mentions``, ``links`` whether to
    read the attribution chains, ABOUT and SUPPORTS edges (without them a claim has what clustering and
    text matching compare: ``attribution``, ``about`` and ``supports`` are empty)."""

    ids: frozenset[str] | None = None
    about: str | None = None
    mentions: bool = True
    links: bool = True


@dataclass(frozen=True)
class ClusterFilter:
    """Which stored clusters :meth:`StoreView.clusters` returns: those that one of the ``claims`` (claim ids)
    reports, and/or those with a report about or citing the entity id ``about`` (``None``: any), with at
    least ``min_reports`` reports and ``min_origins`` independent origins."""

    claims: frozenset[str] | None = None
    about: str | None = None
    min_reports: int = 1
    min_origins: int = 1


@dataclass(frozen=True)
class EntityFilter:
    """Which entities :meth:`StoreView.entities` returns: of these ``labels`` (every entity class when
    ``None``), with these ``ids``, or whose name or id equals ``name`` case-insensitively; ``counts``
    reads mention and article counts."""

    labels: tuple[str, ...] | None = None
    ids: frozenset[str] | None = None
    name: str | None = None
    counts: bool = False


# -- the protocols --------------------------------------------------------------------------------


class StoreView(Protocol):
    """Typed reads of a store. Each returns frozen records, in no promised order unless stated."""

    def supply_legs(self, where: LegFilter) -> list[SupplyLeg]:
        """SUPPLIES legs matching ``where``."""
        ...

    def supply_flows(self, ids: Iterable[str]) -> dict[str, FlowRecord]:
        """The stored flows with these ids, by id (unknown ids are left out)."""
        ...

    def claims(self, where: ClaimFilter = ...) -> list[ClaimRecord]:
        """Claims matching ``where``, ordered by article publication date, article id, offset, id."""
        ...

    def articles(self, ids: Iterable[str] | None = None) -> dict[str, ArticleRef]:
        """Every article (or those with these ids), by id."""
        ...

    def article_texts(self, ids: Iterable[str]) -> dict[str, ArticleText]:
        """The stored text and file of these articles, by id (those not stored are left out)."""
        ...

    def entities(self, where: EntityFilter = ...) -> list[EntityRecord]:
        """Entities matching ``where``, by label (ontology order) then as stored."""
        ...

    def broader(self) -> list[tuple[str, str]]:
        """Every stored BROADER edge as ``(narrower good id, broader good id)``."""
        ...

    def clusters(self, where: ClusterFilter = ...) -> list[StoredCluster]:
        """Stored corroboration clusters matching ``where``, in no promised order."""
        ...

    def cluster_members(self) -> dict[str, tuple[str, ...]]:
        """Every stored cluster's claim ids, by cluster id."""
        ...

    def clusters_current(self) -> bool:
        """Whether every stored claim reports exactly one stored cluster (false for a store written
        before clusters were kept)."""
        ...


class StoreWriter(Protocol):
    """Idempotent writes: writing the same extraction twice changes nothing, and writing one article
    never deletes another's data."""

    @overload
    def write(self, item: Extraction) -> WriteSummary: ...

    @overload
    def write(self, item: GraphBatch) -> list[WriteSummary]: ...

    def write(self, item: Extraction | GraphBatch) -> WriteSummary | list[WriteSummary]:
        """Write one extraction (skipped when stored) or a mapped batch (one summary per article)."""
        ...

    def write_many(self, extractions: Iterable[Extraction]) -> list[WriteSummary]:
        """Write extractions in one transaction; stored or repeated articles are skipped."""
        ...

    def article_ids(self) -> set[str]:
        """The ids of every stored article."""
        ...


@runtime_checkable
class GraphStore(Protocol):
    """A graph store of extractions.

    ``write`` is an idempotent upsert: writing the same :class:`Extraction` twice changes nothing, and
    writing one article never deletes another's data.
    """

    def write(self, extraction: Extraction) -> WriteSummary: ...

    def writer(self) -> AbstractContextManager[StoreWriter]:
        """A writer on this store (refused on a read-only store)."""
        ...

    def view(self) -> StoreView:
        """Typed reads of this store."""
        ...

    def has_article(self, article_id: str) -> bool: ...

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> QueryResult: ...

    def stats(self) -> StoreStats: ...

    def close(self) -> None: ...




class _Writes(Protocol):
    def write_many(self, extractions: Iterable[Extraction]) -> list[WriteSummary]: ...

    def write_batch(self, batch: GraphBatch) -> None: ...

    def article_ids(self) -> set[str]: ...


class Writer:
    """The :class:`StoreWriter` a store hands out: writes go to ``target`` (a store's ``write_many``,
    ``write_batch`` and ``article_ids``). A context manager that leaves the store open on exit."""

    def __init__(self, target: _Writes) -> None:
        self._target = target

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    @overload
    def write(self, item: Extraction) -> WriteSummary: ...

    @overload
    def write(self, item: GraphBatch) -> list[WriteSummary]: ...

    def write(self, item: Extraction | GraphBatch) -> WriteSummary | list[WriteSummary]:
        """Write one extraction (skipped when its article is stored) or a mapped batch as it is (MERGEd
        where stored, so writing it twice changes nothing; one summary per article it holds)."""
        if isinstance(item, Extraction):
            (summary,) = self._target.write_many([item])
            return summary
        self._target.write_batch(item)
        return [WriteSummary(article_id=aid, skipped=False, nodes=nodes, relations=relations)
                for aid, (nodes, relations) in item.articles.items()]

    def write_many(self, extractions: Iterable[Extraction]) -> list[WriteSummary]:
        """Write extractions in one transaction; stored or repeated articles are skipped."""
        return self._target.write_many(extractions)

    def article_ids(self) -> set[str]:
        """The ids of every stored article."""
        return self._target.article_ids()


def view_of(source: GraphStore | StoreView) -> StoreView:
    """The view of a store, or the view itself: query functions take a view, and accept a store from
    callers that hold one.

    >>> class _View:
    ...     def supply_legs(self, where): return []
    >>> view = _View()
    >>> view_of(view) is view
    True
    """
    view = getattr(source, "view", None)
    if callable(view):
        made: StoreView = view()
        return made
    return source  # type: ignore[return-value]
