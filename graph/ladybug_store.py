"""The embedded graph store: LadybugDB (the maintained Kùzu fork), one file on disk.

:class:`LadybugStore` implements :class:`graph.store.GraphStore`. A write plans a batch of
:class:`~ontology.records.Extraction` records into rows grouped by node label and by (relation, from
label, to label), and sends each group as one statement, all in one transaction. Rows that may be
stored already (entities, the relations between them, and anything owned by a node stored earlier) go
through ``UNWIND $rows ... MERGE``; the nodes of a new article and the relations they own cannot exist
yet (see :func:`graph.schema.article_scope`) and go through ``LOAD FROM $rows ... CREATE`` over a pandas
DataFrame. Labels and relationship types come from the ontology's allow-list; values always travel as
parameters.

Dialect notes (LadybugDB 0.22):

* ``end`` is reserved, so every property name in generated Cypher is backtick-quoted (see
  :mod:`graph.schema`). A parameter that is ``NULL`` in every row of a batch is typed ``STRING`` by the
  engine, which will not cast it implicitly, so every value is ``CAST`` to its column type. An error
  inside a transaction rolls it back by itself.
* ``MATCH (a:A {id: x}), (b:B {id: y})`` is planned as a cross product of both whole tables joined on
  the ids (the memory it takes grows with the store); two ``MATCH`` clauses are two primary-key
  lookups. Likewise ``UNWIND $ids AS i MATCH (n:A {id: i})`` looks each id up, where
  ``WHERE n.id IN $ids`` scans the table. ``MERGE (n:A {id: ...})`` scans the table too: fine for
  entities, not for articles, flows and claims.
* A list of dictionaries as a parameter is inspected value by value in Python before the engine sees it
  (most of the old write time); a DataFrame read by ``LOAD FROM`` crosses column by column. The engine
  reads an object column value by value and trusts each value's own type (an int among floats was read
  as the bits of a double), so every value is converted to its column's Python type first.
* ``Connection.execute`` caches a prepared statement for every DataFrame it scans, with the memory the
  scan holds, until the connection closes (the buffer pool filled after a few hundred statements), so
  statements over DataFrames are prepared explicitly and dropped after use.
* ``COPY <table> FROM <DataFrame>`` would be faster still, but a transaction that holds one checkpoints
  at its commit whatever the threshold, and a COPY of a primary key already stored kills the process;
  ``CREATE`` of a stored key fails cleanly ("duplicated primary key").
* COMMIT and checkpoints. The engine checkpoints at the commit that takes its write-ahead log past
  ``checkpoint_threshold`` (16 MiB by default). A batch of 100 articles wrote 27 MiB of log through
  MERGE, so every commit checkpointed: that was most of the 1.8 s "COMMIT". It writes about 12 MiB
  now, a checkpoint every other batch. A checkpoint rewrites the adjacency lists (properties included)
  of the node groups that received edges, such as the group of the newest articles (2,048 nodes a
  group) and the group of hub entities (Russia, China): about 3 s at 1,000 to 3,000 articles, against
  0.2 s for an empty store. Deferring checkpoints (a larger threshold; safe, as a committed transaction
  is durable in the log and only recovery replays more) does not pay: each COMMIT then re-sorts the
  in-memory adjacency of the hub nodes, whose uncheckpointed edges pile up (about +0.25 s a batch).
  64 MiB and 16 MiB gave the same sustained rate over 3,000 articles, 128 and 256 MiB were slower, so
  the default is kept. What does pay is fewer, larger transactions: 1,024 articles took 20.8 s in
  transactions of 128, 8.6 s in two and 6.3 s in one (``bench/store_write.py --transactions``), so the
  CLI writes about 500 articles at a time. Neither disabling checksums nor compression changed the
  COMMIT. Storing MENTIONS and the other article-to-entity relations forward only
  (``storage_direction='fwd'``) saved about a quarter of the time but breaks every query that walks them
  backwards ("Failed to get bwd data").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import ladybug as lb
import pandas as pd

from graph.cypher.ladybug import LADYBUG
from graph.cypher.view import CypherView
from graph.cypher_guard import Statement, check_query
from graph.mapping import GraphBatch, References, StoredRefs, map_extractions, references
from graph.recovery import clear_journal, open_database, write_journal
from graph.schema import article_scope, ladybug_ddl, ladybug_type, merge_key, quote
from graph.store import QueryResult, StoreStats, Writer, WriteSummary
from ontology.errors import QueryError, StoreError
from ontology.model import Ontology, PropertyType, load_ontology
from ontology.records import Extraction

__all__ = [
    "LadybugStore",
    "create_nodes_query",
    "create_relation_query",
    "default_db_path",
    "merge_entities_query",
    "merge_nodes_query",
    "merge_relation_query",
]

DB_ENV = "TRADETRACE_DB"

# Row keys naming the two endpoints of a relation row; no ontology property starts with an underscore.
_SRC = "_src"
_DST = "_dst"


def default_db_path() -> Path:
    """The database path: ``$TRADETRACE_DB`` when set, else ``tradetrace.db`` in the working directory."""
    env = os.environ.get(DB_ENV)
    return Path(env) if env else Path("tradetrace.db")


# -- query builders -------------------------------------------------------------------------------


def _value(ptype: str, key: str) -> str:
    return f"CAST(r.{quote(key)} AS {ptype})"


def merge_nodes_query(onto: Ontology, label: str) -> str:
    """``UNWIND $rows AS r MERGE (n:<label> {id: r.id}) SET n.<p> = r.<p>, ...`` for every property.

    Each row holds every property of the class (``None`` where unknown).

    >>> print(merge_nodes_query(load_ontology(), "Article")[:76])
    UNWIND $rows AS r MERGE (n:Article {`id`: CAST(r.`id` AS STRING)}) SET n.`pa
    """
    props = onto.properties_of(onto.check_label(label))
    sets = [f"n.{quote(p)} = {_value(ladybug_type(t), p)}" for p, t in props.items() if p != "id"]
    head = f"UNWIND $rows AS r MERGE (n:{label} {{{quote('id')}: {_value('STRING', 'id')}}})"
    return f"{head} SET {', '.join(sets)}" if sets else head


def merge_entities_query(onto: Ontology, label: str) -> str:
    """Upsert entities, never losing what is stored: the record with the higher (or equal) confidence
    wins each property it knows, the other only fills gaps, and ``confidence`` keeps the maximum.

    Each row holds every property of the class; ``None`` (and, for lists, an empty list sent as
    ``None``) means unknown.
    """
    props = onto.properties_of(onto.check_label(label))
    conf = f"n.{quote('confidence')}"
    head = (f"UNWIND $rows AS r MERGE (n:{label} {{{quote('id')}: {_value('STRING', 'id')}}}) "
            f"WITH n, r, ({conf} IS NULL OR {_value('DOUBLE', 'confidence')} >= {conf}) AS wins")
    sets: list[str] = []
    for prop, ptype in props.items():
        if prop in ("id", "confidence"):
            continue
        new, old = _value(ladybug_type(ptype), prop), f"n.{quote(prop)}"
        sets.append(f"{old} = CASE WHEN wins THEN coalesce({new}, {old}) ELSE coalesce({old}, {new}) END")
    sets.append(f"{conf} = CASE WHEN wins THEN {_value('DOUBLE', 'confidence')} ELSE {conf} END")
    return f"{head} SET {', '.join(sets)}"


def merge_relation_query(onto: Ontology, rel: str, src: str, dst: str) -> str:
    """``UNWIND $rows AS r MATCH (a:<src> {id: r._src}) MATCH (b:<dst> {id: r._dst})
    MERGE (a)-[e:<rel> {<merge keys>}]->(b) SET e.<p> = r.<p>, ...``.

    The relation is identified by its endpoints and its :data:`graph.schema.MERGE_KEYS`, so writing
    the same rows twice creates nothing new. Raises :class:`ontology.errors.OntologyError` for a relation type or
    label outside the ontology, and :class:`StoreError` for a (src, dst) pair the relation does not allow.
    """
    rdef = onto.relations[onto.check_relation(rel)]
    if (onto.check_label(src), onto.check_label(dst)) not in onto.endpoints(rel):
        raise StoreError(f"{rel} does not allow {src} -> {dst}")
    keys = merge_key(onto, rel)
    key_map = ", ".join(f"{quote(k)}: {_value(ladybug_type(rdef.properties[k]), k)}" for k in keys)
    pattern = f"[e:{rel} {{{key_map}}}]" if key_map else f"[e:{rel}]"
    # Two MATCH clauses, not one with a comma: the engine plans each as a primary-key lookup, but the
    # comma pattern as a cross product of both whole tables (which fills memory on a grown store).
    query = (f"UNWIND $rows AS r MATCH (a:{src} {{{quote('id')}: {_value('STRING', _SRC)}}}) "
             f"MATCH (b:{dst} {{{quote('id')}: {_value('STRING', _DST)}}}) MERGE (a)-{pattern}->(b)")
    sets = [f"e.{quote(p)} = {_value(ladybug_type(t), p)}" for p, t in rdef.properties.items() if p not in keys]
    return f"{query} SET {', '.join(sets)}" if sets else query


def create_nodes_query(onto: Ontology, label: str) -> str:
    """``LOAD FROM $rows CREATE (n:<label> {<p>: CAST(<p> AS <type>), ...})``, for nodes known to be new.

    ``$rows`` is a DataFrame with one column per property, named after it (LOAD FROM binds each
    column to a variable of its name). Creating a stored id fails cleanly (duplicated primary key).

    >>> print(create_nodes_query(load_ontology(), "Article")[:72])
    LOAD FROM $rows CREATE (n:Article {`id`: CAST(`id` AS STRING), `path`: C
    """
    props = onto.properties_of(onto.check_label(label))
    values = ", ".join(f"{quote(p)}: CAST({quote(p)} AS {ladybug_type(t)})" for p, t in props.items())
    return f"LOAD FROM $rows CREATE (n:{label} {{{values}}})"


def create_relation_query(onto: Ontology, rel: str, src: str, dst: str) -> str:
    """``LOAD FROM $rows MATCH (a:<src> {id: _src}) MATCH (b:<dst> {id: _dst}) CREATE (a)-[e:<rel> {...}]->(b)``,
    for relationships known to be new (no MERGE: nothing scans the edges already between a and b).

    ``$rows`` is a DataFrame with the endpoint ids in columns ``_src`` and ``_dst`` and one column per
    property, named after it. As with :func:`merge_relation_query`, a row whose endpoint is not
    stored creates nothing; the same errors are raised for a relation or pair the ontology refuses.

    >>> print(create_relation_query(load_ontology(), "SUPPORTS", "Claim", "SupplyFlow"))
    LOAD FROM $rows MATCH (a:Claim {`id`: `_src`}) MATCH (b:SupplyFlow {`id`: `_dst`}) CREATE (a)-[e:SUPPORTS]->(b)
    """
    rdef = onto.relations[onto.check_relation(rel)]
    if (onto.check_label(src), onto.check_label(dst)) not in onto.endpoints(rel):
        raise StoreError(f"{rel} does not allow {src} -> {dst}")
    values = ", ".join(f"{quote(p)}: CAST({quote(p)} AS {ladybug_type(t)})" for p, t in rdef.properties.items())
    pattern = f"[e:{rel} {{{values}}}]" if values else f"[e:{rel}]"
    return (f"LOAD FROM $rows MATCH (a:{src} {{{quote('id')}: {quote(_SRC)}}}) "
            f"MATCH (b:{dst} {{{quote('id')}: {quote(_DST)}}}) CREATE (a)-{pattern}->(b)")


# -- bulk insertion -------------------------------------------------------------------------------


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


# Python type of each column type, and how to make a value of another type one (what CAST does on the
# MERGE path). The engine reads an object column of a DataFrame value by value and trusts each value's
# own Python type (an int among floats was read as the bits of a double), so every value is converted.
_PY_TYPES: Mapping[str, tuple[type, Callable[[Any], Any]]] = {
    "STRING": (str, str),
    "INT64": (int, int),
    "DOUBLE": (float, float),
    "BOOLEAN": (bool, bool),
    "DATE": (dt.date, _as_date),
    "STRING[]": (list, lambda v: [str(x) for x in v]),
}


def _column(values: Iterable[Any], ltype: str) -> pd.Series:
    """An object column of ``values`` converted for a column of type ``ltype``; ``None`` is NULL."""
    want, convert = _PY_TYPES[ltype]
    return pd.Series([v if v is None or type(v) is want else convert(v) for v in values], dtype=object)


def _frame(columns: Mapping[str, PropertyType], rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The rows as a DataFrame with one column per (name, type)."""
    return pd.DataFrame({name: _column((row[name] for row in rows), ladybug_type(ptype))
                         for name, ptype in columns.items()})


def _close(result: lb.QueryResult | list[lb.QueryResult]) -> None:
    for one in result if isinstance(result, list) else [result]:
        one.close()


# -- the store ------------------------------------------------------------------------------------


class LadybugStore:
    """A :class:`graph.store.GraphStore` in a LadybugDB file.

    Parameters
    ----------
    path:
        The database file; parent directories are created for a writable store.
    read_only:
        Open without write access (the engine then refuses every write); the file must exist.
    ontology:
        The ontology giving the schema; the packaged one by default.
    bulk:
        CREATE the nodes and relations of new articles in bulk (the default); ``False`` MERGEs every
        row, the reference behaviour the bulk path is tested against (several times slower).

    Raises
    ------
    StoreError
        When the database cannot be opened or the schema cannot be applied (the message names the path).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with LadybugStore(pathlib.Path(tempfile.mkdtemp()) / "tt.db") as store:
    ...     store.stats().articles
    0
    """

    def __init__(self, path: str | Path, read_only: bool = False, ontology: Ontology | None = None, *,
                 bulk: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.bulk = bulk
        self.onto = ontology if ontology is not None else load_ontology()
        if read_only and not self.path.exists():
            raise StoreError(f"no database at {self.path}; run `tradetrace ingest` first")
        if self.path.exists() and not self.path.is_file():
            raise StoreError(f"{self.path}: not a tradetrace store (not a regular file)")
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot create the directory of {self.path}: {err}") from err
        opened = open_database(self.path, read_only)
        #: What opening the store recovered or lost (a torn write-ahead log moved aside), for the CLI to say.
        self.notices: tuple[str, ...] = opened.notices
        self._db: lb.Database | None = opened.database
        try:
            self._conn: lb.Connection | None = lb.Connection(self._db)
        except RuntimeError as err:
            self.close()
            raise StoreError(f"cannot open database at {self.path}: {err}") from err
        if read_only:
            self._check_schema()
        else:
            try:
                for statement in ladybug_ddl(self.onto):
                    self._conn.execute(statement)
                self._conn.execute("CHECKPOINT")  # the schema on disk, not only in the log
            except RuntimeError as err:
                self.close()
                raise StoreError(f"{self.path}: cannot apply the schema: {err}") from err

    def _check_schema(self) -> None:
        """Refuse a database without tradetrace's tables (an empty file, another application's store)."""
        try:
            tables = {str(row[0]) for row in self.query("CALL show_tables() RETURN name").rows}
        except QueryError as err:
            self.close()
            raise StoreError(f"{self.path}: not a tradetrace store: {err}") from err
        missing = {"Article", "Claim", "SupplyFlow"} - tables
        if missing:
            self.close()
            raise StoreError(f"{self.path}: not a tradetrace store (no {', '.join(sorted(missing))} table); "
                             f"create one with `tradetrace ingest FILES --db {self.path}`")

    # -- context manager --------------------------------------------------------------------------

    def __enter__(self) -> LadybugStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection and the database (idempotent)."""
        conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
        self._conn = self._db = None
        if conn is not None:
            conn.close()
        if db is not None:
            db.close()

    # -- reading ----------------------------------------------------------------------------------

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        """Run one Cypher statement; engine errors become :class:`QueryError` with the engine's message."""
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed")
        try:
            result = self._conn.execute(cypher, dict(params or {}))
            if isinstance(result, list):  # several statements: keep the last one's rows
                for earlier in result[:-1]:
                    earlier.close()
                result = result[-1]
            try:
                return QueryResult(columns=list(result.get_column_names()), rows=[list(r) for r in result.get_all()])
            finally:
                result.close()
        except RuntimeError as err:
            raise QueryError(f"{self.path}: {err}") from err

    def run_checked(self, query: str, params: Mapping[str, Any] | None = None, *,
                    allow_writes: bool = False) -> list[tuple[Statement, QueryResult]]:
        """Run a user's query of one or more ``;``-separated statements, each result kept.

        Every statement is classified by :func:`graph.cypher_guard.check_query` first, and nothing runs
        unless all are allowed. With ``allow_writes`` the statements run in one transaction: all of
        them take effect or, when one fails, none does. Each statement receives the parameters it uses.

        Raises
        ------
        RefusedQuery
            When a statement does more than is allowed (nothing has run).
        QueryError
            When the engine refuses a statement (with ``allow_writes`` nothing has been written).
        """
        statements = check_query(query, allow_writes=allow_writes)
        given = dict(params or {})
        missing = sorted({name for s in statements for name in s.params} - given.keys())
        if missing:
            raise QueryError(f"missing parameter(s): {', '.join('$' + m for m in missing)} (give --param NAME=VALUE)")
        conn = self._connection()
        transaction = allow_writes and not self.read_only
        if transaction:
            conn.execute("BEGIN TRANSACTION")
        results: list[tuple[Statement, QueryResult]] = []
        try:
            for statement in statements:
                results.append((statement, self.query(statement.text, {k: given[k] for k in statement.params})))
            if transaction:
                conn.execute("COMMIT")
        except BaseException as err:
            if transaction:
                with contextlib.suppress(RuntimeError):
                    conn.execute("ROLLBACK")
                if isinstance(err, QueryError) and len(statements) > 1:
                    raise QueryError(f"{err} (statement {len(results) + 1}; nothing was written)") from err
            raise
        return results

    def _count(self, cypher: str, params: Mapping[str, Any] | None = None) -> int:
        rows = self.query(cypher, params).rows
        return int(rows[0][0]) if rows else 0

    def has_article(self, article_id: str) -> bool:
        """Whether an Article node with this id is stored."""
        return self._count(f"MATCH (a:Article) WHERE a.{quote('id')} = $id RETURN count(a)", {"id": article_id}) > 0

    def view(self) -> CypherView:
        """Typed reads of this store, in the LadybugDB dialect (:mod:`graph.cypher.ladybug`)."""
        return CypherView(self.query, LADYBUG, self.onto)

    def writer(self) -> Writer:
        """A writer on this store (see :class:`graph.store.StoreWriter`).

        Raises :class:`StoreError` on a read-only store.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: the store is opened read-only")
        return Writer(self)

    def write_batch(self, batch: GraphBatch) -> None:
        """Write a mapped batch as it is, in one transaction (stored nodes MERGEd, new ones CREATEd).

        Raises :class:`StoreError` when the engine refuses it (nothing of it is kept).
        """
        articles = [(node.id, str(node.get("path", ""))) for node in batch.nodes_of("Article")]
        self._run_transaction(batch, ", ".join(i for i, _ in articles) or "batch", articles)

    def article_ids(self) -> set[str]:
        """The ids of every stored article (one query)."""
        return {str(row[0]) for row in self.query(f"MATCH (a:Article) RETURN a.{quote('id')}").rows}

    def stats(self) -> StoreStats:
        """Counts of articles, entities per class (non-zero only), relations per type (every type),
        supply flows and claims."""
        entities = {label: self._count(f"MATCH (n:{label}) RETURN count(n)") for label in self.onto.entity_classes()}
        relations = {rel: self._count(f"MATCH ()-[e:{rel}]->() RETURN count(e)") for rel in self.onto.relations}
        return StoreStats(
            articles=self._count("MATCH (n:Article) RETURN count(n)"),
            entities={label: n for label, n in entities.items() if n},
            relations=relations,
            supply_flows=self._count("MATCH (n:SupplyFlow) RETURN count(n)"),
            claims=self._count("MATCH (n:Claim) RETURN count(n)"),
        )

    def cluster_ids(self) -> set[str]:
        """The ids of every stored corroboration cluster (one query)."""
        return {str(row[0]) for row in self.query(f"MATCH (k:Cluster) RETURN k.{quote('id')}").rows}

    def replace_clusters(self, removed: Iterable[str], clusters: list[dict[str, Any]],
                         reports: list[dict[str, Any]], originates: list[dict[str, Any]] | None = None) -> None:
        """In one transaction: delete the clusters ``removed`` with their edges, then create ``clusters``
        (rows with every Cluster property), ``reports`` (rows with the claim id in ``_src``, the cluster
        id in ``_dst`` and every REPORTS property) and ``originates`` (rows with the source entity's id in
        ``_src`` and its class in ``_label``, the cluster id in ``_dst`` and every ORIGINATES property).

        Raises
        ------
        StoreError: the engine refuses the write, or a row names a class ORIGINATES cannot start from
        (nothing of it is kept).
        """
        gone = sorted(set(removed))
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in originates or ():
            label = str(row["_label"])
            if label not in self.onto.entity_classes():
                raise StoreError(f"{self.path}: ORIGINATES cannot start from {label!r}")
            by_label[label].append({k: v for k, v in row.items() if k != "_label"})
        with self._transaction("cannot store corroboration clusters") as conn:
            if gone:
                _close(conn.execute(f"UNWIND $ids AS i MATCH (k:Cluster {{{quote('id')}: i}}) DETACH DELETE k",
                                    {"ids": gone}))
            if clusters:
                self._create(create_nodes_query(self.onto, "Cluster"), self.onto.properties_of("Cluster"), clusters)
            if reports:
                columns = {_SRC: "STRING", _DST: "STRING", **self.onto.relations["REPORTS"].properties}
                self._create(create_relation_query(self.onto, "REPORTS", "Claim", "Cluster"), columns, reports)
            for label, rows in sorted(by_label.items()):
                columns = {_SRC: "STRING", _DST: "STRING", **self.onto.relations["ORIGINATES"].properties}
                self._create(create_relation_query(self.onto, "ORIGINATES", label, "Cluster"), columns, rows)

    # -- writing ----------------------------------------------------------------------------------

    def write(self, extraction: Extraction) -> WriteSummary:
        """Upsert one extraction in one transaction; an article already stored is skipped.

        Ids are content hashes, so an article with a stored id has nothing new to say. Entities that
        exist are merged (highest confidence kept, nothing deleted); relations MERGE on their endpoints
        and :data:`graph.schema.MERGE_KEYS`, except that the nodes and relations of a new article are
        inserted in bulk (see :meth:`write_many`).

        Raises
        ------
        StoreError
            When a record refers to an entity neither in the extraction nor in the store, when a
            relation would join classes the ontology does not allow, or when the engine refuses the
            write (nothing of the article is then stored).
        """
        (summary,) = self.write_many([extraction])
        return summary

    def write_many(self, extractions: Iterable[Extraction]) -> list[WriteSummary]:
        """Upsert several extractions in ONE transaction; stored or repeated articles are skipped.

        One query finds which articles are stored already. The others are planned together, and their
        rows sent as one statement per label and per (relation, from label, to label) for the whole
        batch: entities, and the relations between entities that any article may assert, are MERGEd;
        the article-scoped nodes (:data:`graph.schema.ARTICLE_SCOPED`) that are not stored yet are
        CREATEd from a DataFrame, and so is every relation they own (:func:`graph.schema.article_scope`),
        which cannot exist before its owner does. A scoped node found stored after all (one query per
        label tells) keeps the MERGE path, its relations included.

        Raises
        ------
        StoreError
            As :meth:`write`; on failure nothing of the batch is stored and the message names the
            articles.
        """
        extractions = list(extractions)
        stored = self._stored_ids("Article", [x.article.id for x in extractions])
        fresh: dict[str, Extraction] = {}
        for extraction in extractions:
            fresh.setdefault(extraction.article.id, extraction)
        for article_id in stored:
            del fresh[article_id]
        new = list(fresh.values())
        batch = map_extractions(new, self.onto, self._stored_refs(references(new, self.onto)))
        done = {article_id: WriteSummary(article_id=article_id, skipped=False, nodes=nodes, relations=relations)
                for article_id, (nodes, relations) in batch.articles.items()}
        if fresh:
            self._run_transaction(batch, ", ".join(fresh), [(i, x.article.path) for i, x in fresh.items()])
        summaries: list[WriteSummary] = []
        for extraction in extractions:
            summary = done.pop(extraction.article.id, None)  # the first copy of an article writes it
            summaries.append(summary or WriteSummary(article_id=extraction.article.id, skipped=True))
        return summaries

    def _connection(self) -> lb.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._conn

    def _stored_ids(self, label: str, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are stored as ``label`` nodes (one query)."""
        wanted = sorted(set(ids))
        if not wanted:
            return set()
        # UNWIND then MATCH by id is a primary-key lookup per id; ``WHERE n.id IN $ids`` scans the table.
        result = self.query(f"UNWIND $ids AS i MATCH (n:{label} {{{quote('id')}: i}}) RETURN n.{quote('id')}",
                            {"ids": wanted})
        return {row[0] for row in result.rows}

    def _run_transaction(self, batch: GraphBatch, articles: str, journal: Sequence[tuple[str, str]] = ()) -> None:
        """Write the batch in one transaction, then checkpoint.

        The journal names the transaction's articles until it is checkpointed, and the checkpoint
        after each commit keeps the write-ahead log down to the transaction in flight, so a kill at
        any moment loses that transaction at most, and says which articles it held (see
        :mod:`graph.recovery`).
        """
        write_journal(self.path, journal)
        try:
            with self._transaction(f"cannot write article {articles}"):
                self._write_batch(batch)
        finally:
            clear_journal(self.path)

    @contextlib.contextmanager
    def _transaction(self, failure: str) -> Iterator[Any]:
        """One transaction on the connection, committed and then checkpointed (the checkpoint keeps the
        write-ahead log down to the transaction in flight, see :mod:`graph.recovery`); rolled back on any
        exception, and an engine error re-raised as :class:`StoreError` ``"<path>: <failure>: <error>"``."""
        conn = self._connection()
        try:
            conn.execute("BEGIN TRANSACTION")
            yield conn
            conn.execute("COMMIT")
            conn.execute("CHECKPOINT")
        except BaseException as err:
            # The engine has usually rolled back already, on the failing statement.
            with contextlib.suppress(RuntimeError):
                conn.execute("ROLLBACK")
            if isinstance(err, RuntimeError | QueryError | StoreError):
                raise StoreError(f"{self.path}: {failure}: {err}") from err
            raise

    def _write_batch(self, batch: GraphBatch) -> None:
        """Send the batch's rows, inside the caller's transaction.

        Entities first, MERGEd (the higher confidence wins). Then each other label: one query finds
        which of its ids are stored; those rows are MERGEd, the others CREATEd. Then the relationships
        grouped by (type, from label, to label): a row owned by a node created just now
        (:func:`graph.schema.article_scope`) is CREATEd, every other row MERGEd. With ``bulk=False``
        every row is MERGEd.
        """
        entity_classes = frozenset(self.onto.entity_classes())
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for node in batch.nodes:
            by_label[node.label].append({"id": node.id, **node.props})
        for label, rows in by_label.items():
            if label in entity_classes:
                self._merge(merge_entities_query(self.onto, label), rows)
        created: dict[str, set[str]] = {}
        for label, rows in by_label.items():
            if label in entity_classes:
                continue
            ids = [row["id"] for row in rows]
            new = set(ids) - self._stored_ids(label, ids) if self.bulk else set()
            created[label] = new
            stored = [r for r in rows if r["id"] not in new]
            if stored:
                self._merge(merge_nodes_query(self.onto, label), stored)
            if new:
                self._create(create_nodes_query(self.onto, label), self.onto.properties_of(label),
                             [r for r in rows if r["id"] in new])
        for (rel, src, dst), group in batch.relationship_groups():
            rows = [{**r.props, _SRC: r.src, _DST: r.dst} for r in group]
            scope = article_scope(self.onto, rel, src, dst)
            owners = created.get(scope.label, set()) if scope is not None else set()
            if owners and scope is not None:
                key = {"from": _SRC, "to": _DST}[scope.endpoint] if scope.endpoint else str(scope.property)
                fresh = [r for r in rows if r[key] in owners]
                rows = [r for r in rows if r[key] not in owners]
                columns = {_SRC: "STRING", _DST: "STRING", **self.onto.relations[rel].properties}
                if fresh:
                    self._create(create_relation_query(self.onto, rel, src, dst), columns, fresh)
            if rows:
                self._merge(merge_relation_query(self.onto, rel, src, dst), rows)

    def _merge(self, cypher: str, rows: list[dict[str, Any]]) -> None:
        """Run an ``UNWIND $rows ... MERGE`` statement (never with an empty list: the engine cannot type it)."""
        _close(self._connection().execute(cypher, {"rows": rows}))

    def _create(self, cypher: str, columns: Mapping[str, PropertyType], rows: list[dict[str, Any]]) -> None:
        """Run a ``LOAD FROM $rows ...`` statement over the rows as a DataFrame.

        A DataFrame crosses into the engine column by column, without the per-value type inspection
        that a list of dictionaries gets. The statement is prepared explicitly and dropped after: a plain
        ``execute`` keeps every DataFrame it scanned in the connection's statement cache, with the
        memory the scan holds, until the connection closes (about 18 MiB per statement were measured,
        enough to exhaust the buffer pool in a long ingest).
        """
        try:
            frame = _frame(columns, rows)
        except (TypeError, ValueError) as err:
            raise StoreError(f"a value does not fit its column: {err}") from err
        conn = self._connection()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # prepare() is how to own the statement
            prepared = conn.prepare(cypher, {"rows": frame})
        try:
            if not prepared.is_success():
                raise RuntimeError(prepared.get_error_message())
            _close(conn.execute(prepared, {"rows": frame}))
        finally:
            prepared.close()

    def _stored_refs(self, wanted: References) -> StoredRefs:
        """The store's answer to what a batch refers to without carrying (see :func:`graph.mapping.references`):
        labels of stored entities (one query per entity class) and stored countries by ISO code (one query)."""
        labels: dict[str, str] = {}
        if wanted.entity_ids:
            for label in self.onto.entity_classes():
                labels.update(dict.fromkeys(self._stored_ids(label, wanted.entity_ids), label))
        countries: dict[str, str] = {}
        if wanted.iso_codes:
            codes = {"codes": sorted(wanted.iso_codes)}
            result = self.query(f"MATCH (c:Country) WHERE upper(c.{quote('iso2')}) IN $codes "
                                f"RETURN upper(c.{quote('iso2')}), c.{quote('id')}", codes)
            countries = {code: cid for code, cid in result.rows}
        return StoredRefs(labels=labels, countries=countries)
