"""Load a graph snapshot into Neo4j through the official driver.

The Cypher is built by small pure functions (unit-tested for their exact text) and every value
travels as a parameter: one ``UNWIND $rows`` statement per label and per (relationship type, source
label, target label), sent in batches inside managed transactions (``session.execute_write``, which
retries transient failures). Nodes are merged on ``id`` and relationships on their stable ``key``
(see :func:`graph.snapshot.relationship_key`), so pushing the same store twice changes nothing.

Examples
--------
>>> node_merge_statement(load_ontology(), "Country")
'UNWIND $rows AS row MERGE (n:Country {id: row.id}) SET n += row.props'
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.cypher.neo4j import NEO4J
from graph.cypher.view import CypherView
from graph.mapping import GraphBatch, Node, References, Relationship, StoredRefs, map_extractions, references
from graph.snapshot import GraphSnapshot, cypher_name
from graph.store import QueryResult, StoreStats, Writer, WriteSummary
from ontology.errors import ExportError, OntologyError, QueryError, StoreError
from ontology.model import Ontology, load_ontology
from ontology.records import Extraction

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "URI_SCHEMES",
    "Neo4jPusher",
    "Neo4jStore",
    "PushSummary",
    "WriteBatch",
    "entity_merge_statement",
    "node_merge_statement",
    "node_rows",
    "open_for_tests",
    "relationship_key_indexes",
    "relationship_merge_statement",
    "relationship_rows",
    "schema_statements",
    "stored_ids_query",
    "write_batches",
]

DEFAULT_BATCH_SIZE = 500
#: URI schemes of the neo4j driver's Bolt transport (routing ``neo4j``, direct ``bolt``; ``+s`` verified
#: TLS, ``+ssc`` TLS with a self-signed certificate).
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


# -- statement builders (pure) -------------------------------------------------------------------


def node_merge_statement(onto: Ontology, label: str) -> str:
    """``UNWIND $rows`` upsert of nodes of one label; rows are ``{"id": ..., "props": {...}}``.

    ``SET n += row.props`` with ``None`` values removes those properties, so a node ends up with
    exactly the properties of its row.
    """
    onto.check_label(label)
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props"


def entity_merge_statement(onto: Ontology, label: str) -> str:
    """``UNWIND $rows`` upsert of entities that never loses what is stored; rows as for
    :func:`node_merge_statement`.

    The row with the higher (or equal) confidence wins each property it knows, the other only fills
    gaps, and ``confidence`` keeps the maximum, as in the embedded store.

    >>> print(entity_merge_statement(load_ontology(), "Country")[:88])
    UNWIND $rows AS row MERGE (n:Country {id: row.id}) WITH n, row, (n.confidence IS NULL OR
    """
    props = onto.properties_of(onto.check_label(label))
    if label not in onto.entity_classes():
        raise OntologyError(f"{label} is not an entity class")
    sets: list[str] = []
    for prop in props:
        if prop in ("id", "confidence"):
            continue
        old, new = f"n.{cypher_name(prop)}", f"row.props.{cypher_name(prop)}"
        sets.append(f"{old} = CASE WHEN wins THEN coalesce({new}, {old}) ELSE coalesce({old}, {new}) END")
    sets.append("n.confidence = CASE WHEN wins THEN row.props.confidence ELSE n.confidence END")
    return (f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) "
            f"WITH n, row, (n.confidence IS NULL OR row.props.confidence >= n.confidence) AS wins "
            f"SET {', '.join(sets)}")


def relationship_merge_statement(onto: Ontology, rel_type: str, src_label: str, dst_label: str) -> str:
    """``UNWIND $rows`` upsert of relationships of one type between two labels.

    Rows are ``{"src": ..., "dst": ..., "key": ..., "props": {...}}``; the relationship is merged on
    ``key`` between the matched endpoints (missing endpoints skip the row).

    Raises
    ------
    OntologyError
        When the type is unknown or does not allow ``src_label`` → ``dst_label``.

    >>> relationship_merge_statement(load_ontology(), "OF_GOOD", "SupplyFlow", "Good")
    'UNWIND $rows AS row MATCH (a:SupplyFlow {id: row.src}) MATCH (b:Good {id: row.dst}) \
MERGE (a)-[r:OF_GOOD {key: row.key}]->(b) SET r += row.props'
    """
    onto.check_relation(rel_type)
    if (onto.check_label(src_label), onto.check_label(dst_label)) not in onto.endpoints(rel_type):
        raise OntologyError(f"{rel_type} does not allow {src_label} -> {dst_label}")
    return (f"UNWIND $rows AS row MATCH (a:{src_label} {{id: row.src}}) MATCH (b:{dst_label} {{id: row.dst}}) "
            f"MERGE (a)-[r:{rel_type} {{key: row.key}}]->(b) SET r += row.props")


def relationship_key_indexes(onto: Ontology) -> list[str]:
    """One range index on ``key`` per relationship type, so that ``MERGE`` on the key stays fast.

    >>> relationship_key_indexes(load_ontology())[0]
    'CREATE INDEX rel_mentions_key IF NOT EXISTS FOR ()-[r:MENTIONS]-() ON (r.key)'
    """
    return [f"CREATE INDEX rel_{name.lower()}_key IF NOT EXISTS FOR ()-[r:{onto.check_relation(name)}]-() ON (r.key)"
            for name in onto.relations]


def schema_statements(onto: Ontology) -> list[str]:
    """Constraints and indexes to run before loading: the ontology's node constraints
    (:func:`graph.schema.neo4j_constraints`) then the relationship key indexes."""
    from graph.schema import neo4j_constraints

    statements = list(neo4j_constraints(onto))
    return statements + [s for s in relationship_key_indexes(onto) if s not in statements]


def _value(value: Any) -> Any:
    # The driver sends date, int, float, str, bool and lists of them natively; tuples become lists.
    if isinstance(value, tuple):
        return list(value)
    return value


def node_rows(nodes: Iterable[Node]) -> list[dict[str, Any]]:
    """Parameter rows for :func:`node_merge_statement`."""
    return [{"id": node.id, "props": {k: _value(v) for k, v in node.props.items()}} for node in nodes]


def relationship_rows(relationships: Iterable[Relationship]) -> list[dict[str, Any]]:
    """Parameter rows for :func:`relationship_merge_statement`."""
    return [{"src": rel.src, "dst": rel.dst, "key": rel.key, "props": {k: _value(v) for k, v in rel.props.items()}}
            for rel in relationships]


@dataclass(frozen=True)
class WriteBatch:
    """One statement with its ``rows`` parameter; ``target`` names the label or relationship group."""

    statement: str
    rows: list[dict[str, Any]]
    target: str

    @property
    def params(self) -> dict[str, Any]:
        """The statement's parameters."""
        return {"rows": self.rows}


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def write_batches(snapshot: GraphBatch, onto: Ontology | None = None,
                  batch_size: int = DEFAULT_BATCH_SIZE, *, merge_entities: bool = False) -> list[WriteBatch]:
    """Every write of a snapshot or batch: nodes per label (ontology order), then relationships per
    (type, source label, target label), each cut into batches of at most ``batch_size`` rows.

    A snapshot is the whole truth about its nodes, so its rows replace their properties
    (:func:`node_merge_statement`). An article's batch is one more statement about entities that may
    be stored: with ``merge_entities`` those go through :func:`entity_merge_statement` instead.
    """
    onto = onto or load_ontology()
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    entities = frozenset(onto.entity_classes()) if merge_entities else frozenset()
    batches: list[WriteBatch] = []
    for label in onto.concrete_classes():
        rows = node_rows(snapshot.nodes_of(label))
        statement = (entity_merge_statement if label in entities else node_merge_statement)(onto, label)
        batches += [WriteBatch(statement, chunk, label) for chunk in _chunks(rows, batch_size)]
    for (rel_type, src_label, dst_label), rels in snapshot.relationship_groups():
        statement = relationship_merge_statement(onto, rel_type, src_label, dst_label)
        target = f"{rel_type} ({src_label}->{dst_label})"
        batches += [WriteBatch(statement, chunk, target)
                    for chunk in _chunks(relationship_rows(rels), batch_size)]
    return batches


# -- the driver adapter --------------------------------------------------------------------------


@dataclass(frozen=True)
class PushSummary:
    """What a push did: statements run and what Neo4j reported changing (zeros on a repeat push)."""

    statements: int
    rows: int
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0


def _run_write(tx: Any, statement: str, params: Mapping[str, Any]) -> dict[str, int]:
    summary = tx.run(statement, dict(params)).consume()
    counters = summary.counters
    return {"nodes_created": counters.nodes_created,
            "relationships_created": counters.relationships_created,
            "properties_set": counters.properties_set}


class Neo4jPusher:
    """Pushes snapshots into one Neo4j database through a driver.

    Parameters
    ----------
    driver:
        A ``neo4j.Driver`` (owned by the caller unless made by :meth:`connect`).
    database:
        The database name; the server's default when ``None``.
    batch_size:
        Rows per ``UNWIND`` statement.

    Raises
    ------
    ExportError
        From :meth:`connect` when the server cannot be reached or refuses the credentials, and from
        :meth:`push` when a statement fails.
    """

    def __init__(self, driver: Any, database: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                 uri: str = "neo4j") -> None:
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.uri = uri
        self._owns_driver = False

    @classmethod
    def connect(cls, uri: str, user: str, password: str, database: str | None = None,
                batch_size: int = DEFAULT_BATCH_SIZE) -> Neo4jPusher:
        """Open a driver and check that the server answers and accepts the credentials.

        Raises :class:`ExportError` for a URI whose scheme is not one of :data:`URI_SCHEMES` (before any
        connection), an unreachable server or refused credentials.
        """
        scheme = uri.partition("://")[0].lower() if "://" in uri else ""
        if scheme not in URI_SCHEMES:
            raise ExportError(f"unsupported Neo4j URI {uri!r}: the scheme must be one of "
                              f"{', '.join(s + '://' for s in URI_SCHEMES)}")
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

        try:
            driver = GraphDatabase.driver(uri, auth=(user, password))
            driver.verify_connectivity()
        except AuthError as err:
            raise ExportError(f"cannot connect to {uri}: authentication failed for user {user!r}: {err}") from err
        except (ServiceUnavailable, DriverError, Neo4jError, ValueError) as err:
            raise ExportError(f"cannot connect to {uri}: {err}") from err
        pusher = cls(driver, database=database, batch_size=batch_size, uri=uri)
        pusher._owns_driver = True
        return pusher

    def close(self) -> None:
        """Close the driver if this pusher opened it."""
        if self._owns_driver:
            self.driver.close()

    def __enter__(self) -> Neo4jPusher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write_errors(self, refused: str) -> Iterator[None]:
        """Driver errors of a write as :class:`ExportError`: refused credentials, an unreachable server, or
        the server refusing ``refused`` (a description of what was written)."""
        from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

        try:
            yield
        except AuthError as err:
            raise ExportError(f"cannot connect to {self.uri}: authentication failed: {err}") from err
        except ServiceUnavailable as err:
            raise ExportError(f"cannot connect to {self.uri}: {err}") from err
        except (Neo4jError, DriverError) as err:
            raise ExportError(f"neo4j refused {refused}: {err}") from err

    def _execute(self, statement: str, params: Mapping[str, Any]) -> dict[str, int]:
        with self._write_errors(repr(statement[:80])), self.driver.session(database=self.database) as session:
            result: dict[str, int] = session.execute_write(_run_write, statement, params)
            return result

    def execute_all(self, batches: Iterable[WriteBatch]) -> None:
        """Run every batch in ONE managed write transaction (all land or none does).

        Raises :class:`ExportError` as :meth:`push` does.
        """
        self.execute_statements([(batch.statement, batch.params) for batch in batches])

    def execute_statements(self, statements: Iterable[tuple[str, Mapping[str, Any]]], refused: str = "a write") -> None:
        """Run ``(statement, parameters)`` pairs in ONE managed write transaction (all land or none does);
        ``refused`` describes them in the error.

        Raises :class:`ExportError` as :meth:`push` does.
        """
        work = list(statements)

        def run_all(tx: Any) -> None:
            for statement, params in work:
                tx.run(statement, params).consume()

        with self._write_errors(refused), self.driver.session(database=self.database) as session:
            session.execute_write(run_all)

    def push(self, snapshot: GraphSnapshot, onto: Ontology | None = None,
             on_batch: Callable[[WriteBatch], None] | None = None) -> PushSummary:
        """Create constraints and indexes, then upsert every node and relationship of ``snapshot``.

        ``on_batch`` is called after each write batch (for progress bars). Idempotent: a second push
        of the same snapshot creates nothing.
        """
        onto = onto or load_ontology()
        totals = {"nodes_created": 0, "relationships_created": 0, "properties_set": 0}
        statements = 0
        for statement in schema_statements(onto):
            self._execute(statement, {})
            statements += 1
        rows = 0
        for batch in write_batches(snapshot, onto, self.batch_size):
            counts = self._execute(batch.statement, batch.params)
            for name, count in counts.items():
                totals[name] += count
            statements += 1
            rows += len(batch.rows)
            if on_batch is not None:
                on_batch(batch)
        return PushSummary(statements=statements, rows=rows, **totals)


def native_value(value: Any) -> Any:
    """A driver value as plain Python: temporal types to ``datetime``, nodes and relationships to
    property dicts, lists and maps recursively."""
    to_native = getattr(value, "to_native", None)
    if callable(to_native) and not isinstance(value, dt.date):
        return to_native()
    if isinstance(value, list | tuple):
        return [native_value(item) for item in value]
    if isinstance(value, Mapping):
        return {str(k): native_value(v) for k, v in value.items()}
    items = getattr(value, "items", None)
    if callable(items):  # neo4j.graph.Node / Relationship
        return {str(k): native_value(v) for k, v in items()}
    return value


def stored_ids_query(label: str) -> str:
    """Which of ``$ids`` are stored as ``label`` nodes (``label`` checked by the caller's ontology).

    >>> stored_ids_query("Country")
    'UNWIND $ids AS i MATCH (n:Country {id: i}) RETURN n.id'
    """
    return f"UNWIND $ids AS i MATCH (n:{load_ontology().check_label(label)} {{id: i}}) RETURN n.id"


#: Stored countries by upper-case ISO alpha-2 code.
STORED_COUNTRIES_QUERY = "MATCH (c:Country) WHERE toUpper(c.iso2) IN $codes RETURN toUpper(c.iso2), c.id"
#: Which of some article ids are stored.
STORED_ARTICLES_QUERY = "UNWIND $ids AS i MATCH (a:Article {id: i}) RETURN a.id"


class Neo4jStore:
    """A :class:`graph.store.GraphStore` on a Neo4j server, so the store contract suite runs on Neo4j too.

    ``write`` maps extractions with :func:`graph.mapping.map_extractions`, the mapping the embedded
    store writes from, and sends the batch through the official driver in one transaction (MERGE on
    ids and relationship keys, entities merged by confidence, so writing twice changes nothing).

    Raises
    ------
    ExportError
        When the server cannot be reached or refuses the credentials.
    QueryError
        When a query fails, or a write is attempted on a read-only store.
    """

    def __init__(self, uri: str, user: str, password: str, database: str | None = None,
                 read_only: bool = False) -> None:
        self.uri = uri
        self.read_only = read_only
        self.onto = load_ontology()
        self._schema_ready = False
        self._pusher = Neo4jPusher.connect(uri, user, password, database=database)

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the driver."""
        self._pusher.close()

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        """Run Cypher in a read (or, for a writable store, write) session; values come back as plain Python."""
        from neo4j import READ_ACCESS, WRITE_ACCESS
        from neo4j.exceptions import DriverError, Neo4jError

        mode = READ_ACCESS if self.read_only else WRITE_ACCESS
        try:
            with self._pusher.driver.session(database=self._pusher.database, default_access_mode=mode) as session:
                result = session.run(cypher, dict(params or {}))
                columns = list(result.keys())
                rows = [[native_value(value) for value in record.values()] for record in result]
        except (Neo4jError, DriverError) as err:
            raise QueryError(f"{self.uri}: {err}") from err
        return QueryResult(columns=columns, rows=rows)

    def _count(self, cypher: str, params: Mapping[str, Any] | None = None) -> int:
        return int(self.query(cypher, params).rows[0][0])

    def view(self) -> CypherView:
        """Typed reads of this store, in the Neo4j dialect (:mod:`graph.cypher.neo4j`)."""
        return CypherView(self.query, NEO4J, self.onto)

    def writer(self) -> Writer:
        """A writer on this store (see :class:`graph.store.StoreWriter`).

        Raises :class:`QueryError` on a read-only store.
        """
        if self.read_only:
            raise QueryError(f"{self.uri}: the store is read-only")
        return Writer(self)

    def article_ids(self) -> set[str]:
        """The ids of every stored article (one query)."""
        return {str(row[0]) for row in self.query("MATCH (a:Article) RETURN a.id").rows}

    def has_article(self, article_id: str) -> bool:
        """Whether an Article with this id is stored."""
        return self._count("MATCH (a:Article {id: $id}) RETURN count(a)", {"id": article_id}) > 0

    def _stored_refs(self, wanted: References) -> StoredRefs:
        """Labels of the stored entities among ``wanted.entity_ids`` and stored countries by ISO code
        (two queries; see :func:`graph.mapping.references`)."""
        labels: dict[str, str] = {}
        if wanted.entity_ids:
            ids = {"ids": sorted(wanted.entity_ids)}
            for label in self.onto.entity_classes():  # a labelled look-up uses the id constraint's index
                labels.update(dict.fromkeys((str(row[0]) for row in self.query(stored_ids_query(label), ids).rows),
                                            label))
        countries: dict[str, str] = {}
        if wanted.iso_codes:
            rows = self.query(STORED_COUNTRIES_QUERY, {"codes": sorted(wanted.iso_codes)}).rows
            countries = {str(code): str(cid) for code, cid in rows}
        return StoredRefs(labels=labels, countries=countries)

    def write(self, extraction: Extraction) -> WriteSummary:
        """Upsert one extraction; an article already stored is skipped (see :meth:`write_many`)."""
        (summary,) = self.write_many([extraction])
        return summary

    def write_many(self, extractions: Iterable[Extraction]) -> list[WriteSummary]:
        """Upsert extractions in one transaction; stored or repeated articles are skipped.

        The new articles are mapped by :func:`graph.mapping.map_extractions` (the mapping every store
        uses) and the batch written with :func:`write_batch`'s statements: entities merged with the
        higher confidence winning, every other node merged on ``id`` and every relationship on its
        ``key``, so writing twice changes nothing.

        Raises
        ------
        QueryError: the store is read-only.
        StoreError: a record refers to an unknown entity, or the server refuses the write (nothing of
            the batch is stored).
        """
        extractions = list(extractions)
        if self.read_only:
            raise QueryError(f"{self.uri}: the store is read-only")
        wanted = sorted({x.article.id for x in extractions})
        stored = {str(row[0]) for row in self.query(STORED_ARTICLES_QUERY, {"ids": wanted}).rows} if wanted else set()
        fresh: dict[str, Extraction] = {}
        for extraction in extractions:
            if extraction.article.id not in stored:
                fresh.setdefault(extraction.article.id, extraction)
        done: dict[str, WriteSummary] = {}
        if fresh:
            new = list(fresh.values())
            batch = map_extractions(new, self.onto, self._stored_refs(references(new, self.onto)))
            self.write_batch(batch)
            done = {aid: WriteSummary(article_id=aid, skipped=False, nodes=nodes, relations=rels)
                    for aid, (nodes, rels) in batch.articles.items()}
        summaries: list[WriteSummary] = []
        for extraction in extractions:  # the first copy of an article writes it
            first = done.pop(extraction.article.id) if extraction.article.id in done else None
            summaries.append(first or WriteSummary(article_id=extraction.article.id, skipped=True))
        return summaries

    def write_batch(self, batch: GraphBatch) -> None:
        """Write a mapped batch in one managed transaction (constraints and indexes first, once per store).

        Raises
        ------
        QueryError: the store is read-only.
        StoreError: the server refuses a statement (the transaction is rolled back).
        """
        if self.read_only:
            raise QueryError(f"{self.uri}: the store is read-only")
        try:
            if not self._schema_ready:
                for statement in schema_statements(self.onto):
                    self._pusher._execute(statement, {})
                self._schema_ready = True
            self._pusher.execute_all(write_batches(batch, self.onto, merge_entities=True))
        except ExportError as err:
            raise StoreError(str(err)) from err

    def cluster_ids(self) -> set[str]:
        """The ids of every stored corroboration cluster (one query)."""
        return {str(row[0]) for row in self.query("MATCH (k:Cluster) RETURN k.id").rows}

    def replace_clusters(self, removed: Iterable[str], clusters: list[dict[str, Any]],
                         reports: list[dict[str, Any]], originates: list[dict[str, Any]] | None = None) -> None:
        """Replace stored clusters as :meth:`graph.ladybug_store.LadybugStore.replace_clusters` does, with the
        statements of :func:`graph.clusters.cluster_write_statements` in one managed write transaction.

        Raises
        ------
        QueryError: the store is read-only.
        StoreError: the server refuses a statement (nothing of the transaction is kept).
        """
        from graph.clusters import cluster_write_statements

        if self.read_only:
            raise QueryError(f"{self.uri}: the store is read-only")
        statements = cluster_write_statements(load_ontology(), removed, clusters, reports, originates or [])
        if not statements:
            return
        try:
            self._pusher.execute_statements(statements, "corroboration clusters")
        except ExportError as err:
            raise StoreError(f"cannot store corroboration clusters: {err}") from err

    def stats(self) -> StoreStats:
        """Counts per label and relationship type, as the embedded store reports them."""
        onto = load_ontology()
        entities = {label: n for label in onto.entity_classes()
                    if (n := self._count(f"MATCH (n:{label}) RETURN count(n)"))}
        relations = {rel: self._count(f"MATCH ()-[r:{rel}]->() RETURN count(r)") for rel in onto.relations}
        return StoreStats(articles=self._count("MATCH (n:Article) RETURN count(n)"), entities=entities,
                          relations=relations, supply_flows=self._count("MATCH (n:SupplyFlow) RETURN count(n)"),
                          claims=self._count("MATCH (n:Claim) RETURN count(n)"))


def open_for_tests(workdir: Path, read_only: bool = False) -> Neo4jStore:
    """A store on the server named by ``NEO4J_URI`` (``NEO4J_USER``, ``NEO4J_PASSWORD``), emptied on the
    first opening per ``workdir`` — for the contract suite only: it deletes everything in the database."""
    uri = os.environ["NEO4J_URI"]
    store = Neo4jStore(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                       database=os.environ.get("NEO4J_DATABASE"), read_only=read_only)
    marker = workdir / ".neo4j-emptied"
    if not marker.exists():
        with Neo4jStore(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                        database=os.environ.get("NEO4J_DATABASE")) as writer:
            writer.query("MATCH (n) DETACH DELETE n")
        marker.touch()
    return store
