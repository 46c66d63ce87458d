"""The embedded graph store: LadybugDB (the maintained Kùzu fork), one file on disk.

:class:`LadybugStore` implements :class:`graph.store.GraphStore`. A write turns one
:class:`~ontology.records.Extraction` into batched ``UNWIND $rows ... MERGE`` statements, one per node
label and per (relation, from label, to label), and runs them in one transaction. Labels and
relationship types come from the ontology's allow-list; values always travel as parameters.

Dialect notes: ``end`` is reserved, so every property name in generated Cypher is backtick-quoted
(see :mod:`graph.schema`); a parameter that is ``NULL`` in every row of a batch is typed ``STRING`` by
the engine, which will not cast it implicitly, so every value is ``CAST`` to its column type; an error
inside a transaction rolls it back by itself.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import ladybug as lb

from graph.schema import MERGE_KEYS, ladybug_ddl, ladybug_type, quote
from graph.store import QueryResult, StoreStats, WriteSummary
from ontology.errors import QueryError, StoreError
from ontology.model import Ontology, load_ontology
from ontology.records import Claim, Entity, Extraction, SupplyFlow

__all__ = [
    "LadybugStore",
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
    """``UNWIND $rows AS r MATCH (a:<src> {id: r._src}), (b:<dst> {id: r._dst})
    MERGE (a)-[e:<rel> {<merge keys>}]->(b) SET e.<p> = r.<p>, ...``.

    The relation is identified by its endpoints and its :data:`graph.schema.MERGE_KEYS`, so writing
    the same rows twice creates nothing new. Raises :class:`ontology.errors.OntologyError` for a relation type or
    label outside the ontology, and :class:`StoreError` for a (src, dst) pair the relation does not allow.
    """
    rdef = onto.relations[onto.check_relation(rel)]
    if (onto.check_label(src), onto.check_label(dst)) not in onto.endpoints(rel):
        raise StoreError(f"{rel} does not allow {src} -> {dst}")
    keys = MERGE_KEYS.get(rel, ())
    key_map = ", ".join(f"{quote(k)}: {_value(ladybug_type(rdef.properties[k]), k)}" for k in keys)
    pattern = f"[e:{rel} {{{key_map}}}]" if key_map else f"[e:{rel}]"
    query = (f"UNWIND $rows AS r MATCH (a:{src} {{{quote('id')}: {_value('STRING', _SRC)}}}), "
             f"(b:{dst} {{{quote('id')}: {_value('STRING', _DST)}}}) MERGE (a)-{pattern}->(b)")
    sets = [f"e.{quote(p)} = {_value(ladybug_type(t), p)}" for p, t in rdef.properties.items() if p not in keys]
    return f"{query} SET {', '.join(sets)}" if sets else query


# -- planning a write -----------------------------------------------------------------------------


@dataclass
class _Plan:
    """The rows one write sends, grouped by statement."""

    onto: Ontology
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    entities: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    rels: dict[tuple[str, str, str], dict[tuple[Any, ...], dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(dict))

    def node(self, label: str, row: dict[str, Any]) -> None:
        props = self.onto.properties_of(label)
        self.nodes[label].append({p: row.get(p) for p in props})

    def entity(self, entity: Entity) -> None:
        label = self.onto.check_label(entity.type)
        if label not in self.onto.entity_classes():
            raise StoreError(f"entity {entity.id}: {label} is not an entity class")
        row: dict[str, Any] = {}
        for prop in self.onto.properties_of(label):
            value = getattr(entity, prop, None)
            if isinstance(value, tuple):
                value = list(value) or None  # an empty list is "unknown": it must not erase stored values
            row[prop] = value
        known = self.entities[label].get(entity.id)
        if known is None or row["confidence"] >= known["confidence"]:
            self.entities[label][entity.id] = row

    def rel(self, rel: str, src: tuple[str, str], dst: tuple[str, str], props: Mapping[str, Any] | None = None) -> None:
        """Add one relation row; ``src``/``dst`` are (label, id). Duplicates collapse."""
        rdef = self.onto.relations[self.onto.check_relation(rel)]
        row: dict[str, Any] = {p: (props or {}).get(p) for p in rdef.properties}
        row[_SRC], row[_DST] = src[1], dst[1]
        identity = (src[1], dst[1], *(row[k] for k in MERGE_KEYS.get(rel, ())))
        self.rels[(rel, src[0], dst[0])][identity] = row

    def statements(self) -> Iterable[tuple[str, list[dict[str, Any]]]]:
        for label, rows in self.nodes.items():
            yield merge_nodes_query(self.onto, label), rows
        for label, by_id in self.entities.items():
            yield merge_entities_query(self.onto, label), list(by_id.values())
        for (rel, src, dst), by_identity in self.rels.items():
            yield merge_relation_query(self.onto, rel, src, dst), list(by_identity.values())

    def counts(self) -> tuple[int, int]:
        nodes = sum(len(r) for r in self.nodes.values()) + sum(len(r) for r in self.entities.values())
        return nodes, sum(len(r) for r in self.rels.values())


def _by_name(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Entities by case-folded name and alias (a name wins over another entity's alias)."""
    entities = list(entities)
    out: dict[str, Entity] = {}
    for entity in entities:
        for alias in entity.aliases:
            out.setdefault(alias.casefold(), entity)
    for entity in entities:
        out[entity.name.casefold()] = entity
    return out


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

    def __init__(self, path: str | Path, read_only: bool = False, ontology: Ontology | None = None) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.onto = ontology if ontology is not None else load_ontology()
        if read_only and not self.path.exists():
            raise StoreError(f"no database at {self.path}; run `tradetrace ingest` first")
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db: lb.Database | None = lb.Database(str(self.path), read_only=read_only)
            self._conn: lb.Connection | None = lb.Connection(self._db)
        except (OSError, RuntimeError) as err:
            raise StoreError(f"cannot open database at {self.path}: {err}") from err
        if not read_only:
            try:
                for statement in ladybug_ddl(self.onto):
                    self._conn.execute(statement)
            except RuntimeError as err:
                self.close()
                raise StoreError(f"{self.path}: cannot apply the schema: {err}") from err

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

    def _count(self, cypher: str, params: Mapping[str, Any] | None = None) -> int:
        rows = self.query(cypher, params).rows
        return int(rows[0][0]) if rows else 0

    def has_article(self, article_id: str) -> bool:
        """Whether an Article node with this id is stored."""
        return self._count(f"MATCH (a:Article) WHERE a.{quote('id')} = $id RETURN count(a)", {"id": article_id}) > 0

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

    # -- writing ----------------------------------------------------------------------------------

    def write(self, extraction: Extraction) -> WriteSummary:
        """Upsert one extraction in one transaction; an article already stored is skipped.

        Ids are content hashes, so an article with a stored id has nothing new to say. Entities that
        exist are merged (highest confidence kept, nothing deleted); relations MERGE on their endpoints
        and :data:`graph.schema.MERGE_KEYS`.

        Raises
        ------
        StoreError
            When a record refers to an entity neither in the extraction nor in the store, when a
            relation would join classes the ontology does not allow, or when the engine refuses the
            write (nothing of the article is then stored).
        """
        article_id = extraction.article.id
        if self.has_article(article_id):
            return WriteSummary(article_id=article_id, skipped=True)
        plan = self._plan(extraction)
        self._run_transaction(plan.statements(), article_id)
        nodes, relations = plan.counts()
        return WriteSummary(article_id=article_id, skipped=False, nodes=nodes, relations=relations)

    def write_many(self, extractions: Iterable[Extraction]) -> list[WriteSummary]:
        """Upsert several extractions in ONE transaction (one statement per label and relation type for
        the whole batch, which is what makes bulk ingest fast); stored or repeated articles are skipped.

        Raises
        ------
        StoreError
            As :meth:`write`; on failure nothing of the batch is stored.
        """
        summaries: list[WriteSummary] = []
        plan = _Plan(self.onto)
        fresh: list[str] = []
        for extraction in extractions:
            article_id = extraction.article.id
            if article_id in fresh or self.has_article(article_id):
                summaries.append(WriteSummary(article_id=article_id, skipped=True))
                continue
            before = plan.counts()
            self._plan(extraction, plan)
            after = plan.counts()
            fresh.append(article_id)
            summaries.append(WriteSummary(article_id=article_id, skipped=False, nodes=after[0] - before[0],
                                          relations=after[1] - before[1]))
        if fresh:
            self._run_transaction(plan.statements(), ", ".join(fresh))
        return summaries

    def _run_transaction(self, statements: Iterable[tuple[str, list[dict[str, Any]]]], article_id: str) -> None:
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed")
        try:
            self._conn.execute("BEGIN TRANSACTION")
            for cypher, rows in statements:
                if rows:  # the engine cannot type an empty UNWIND list
                    self._conn.execute(cypher, {"rows": rows})
            self._conn.execute("COMMIT")
        except RuntimeError as err:
            # The engine has usually rolled back already, on the failing statement.
            with contextlib.suppress(RuntimeError):
                self._conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write article {article_id}: {err}") from err

    def _labels(self, extraction: Extraction) -> dict[str, str]:
        """Entity id → label for every entity the extraction refers to (its own, then stored ones)."""
        labels = {e.id: e.type for e in extraction.entities}
        wanted = {m.entity_id for m in extraction.mentions}
        for flow in extraction.supply:
            wanted.update((flow.supplier_id, flow.good_id, flow.recipient_id, *flow.via, *flow.end_uses))
        for claim in extraction.claims:
            wanted.update(claim.about)
            wanted.update(s.entity_id for s in claim.attributed_to if s.entity_id)
        missing = sorted(wanted - labels.keys())
        if missing:
            for label in self.onto.entity_classes():
                result = self.query(f"MATCH (n:{label}) WHERE n.{quote('id')} IN $ids RETURN n.{quote('id')}",
                                    {"ids": missing})
                labels.update({row[0]: label for row in result.rows})
            unknown = sorted(set(missing) - labels.keys())
            if unknown:
                raise StoreError(f"article {extraction.article.id}: unknown entities {', '.join(unknown)}")
        return labels

    def _plan(self, extraction: Extraction, plan: _Plan | None = None) -> _Plan:
        plan = plan if plan is not None else _Plan(self.onto)
        article = extraction.article
        labels = self._labels(extraction)
        names = {e.id: e.name for e in extraction.entities}
        plan.node("Article", {
            **article.model_dump(include={"id", "path", "url", "title", "outlet", "published", "text",
                                          "content_hash", "format"}),
            "boilerplate": [f"{s.start}:{s.end}" for s in article.boilerplate],
        })
        for entity in extraction.entities:
            plan.entity(entity)
        for mention in extraction.mentions:
            ev = mention.evidence
            plan.rel("MENTIONS", ("Article", article.id), (labels[mention.entity_id], mention.entity_id), {
                "start": ev.start, "end": ev.end, "surface": mention.surface, "sentence": ev.sentence,
                "extractor": ev.extractor, "confidence": mention.confidence})
        self._plan_context(plan, extraction)
        for flow in extraction.supply:
            self._plan_flow(plan, flow, labels, names)
        for claim in extraction.claims:
            self._plan_claim(plan, claim, labels)
        return plan

    def _plan_context(self, plan: _Plan, extraction: Extraction) -> None:
        """PUBLISHED_BY, LOCATED_IN, MEMBER_OF and AFFILIATED_WITH, from the extraction's own entities.

        Edges reach only countries that are in the extraction or already stored (no node is invented)."""
        article = extraction.article
        outlets = _by_name(e for e in extraction.entities if e.type == "MediaOutlet")
        outlet = outlets.get(article.outlet.casefold()) if article.outlet else None
        if outlet is not None:
            plan.rel("PUBLISHED_BY", ("Article", article.id), ("MediaOutlet", outlet.id))
        orgs = _by_name(e for e in extraction.entities if self.onto.is_a(e.type, "Organisation"))
        seated = self.onto.expand(self.onto.relations["LOCATED_IN"].domain)
        codes = {e.country.upper() for e in extraction.entities if e.type in seated and e.country}
        codes |= {m.upper() for e in extraction.entities if e.type == "Place" for m in e.members}
        countries = self._countries(codes, extraction.entities)
        for entity in extraction.entities:
            for member in entity.members if entity.type == "Place" else ():
                if member.upper() in countries:
                    plan.rel("MEMBER_OF", ("Country", countries[member.upper()]), ("Place", entity.id))
            country = countries.get(entity.country.upper()) if entity.country else None
            if entity.type in seated and country is not None:
                plan.rel("LOCATED_IN", (entity.type, entity.id), ("Country", country))
            if entity.type == "Person" and entity.organisation:
                org = orgs.get(entity.organisation.casefold())
                if org is not None:
                    plan.rel("AFFILIATED_WITH", ("Person", entity.id), (org.type, org.id), {"role": entity.role})

    def _countries(self, codes: set[str], entities: Iterable[Entity]) -> dict[str, str]:
        """ISO alpha-2 code → Country id, from the extraction's countries, then the stored ones; a code
        with neither gets no LOCATED_IN edge."""
        found = {e.iso2.upper(): e.id for e in entities if e.type == "Country" and e.iso2}
        missing = sorted(codes - found.keys())
        if missing:
            result = self.query(f"MATCH (c:Country) WHERE upper(c.{quote('iso2')}) IN $codes "
                                f"RETURN upper(c.{quote('iso2')}), c.{quote('id')}", {"codes": missing})
            found.update({code: cid for code, cid in result.rows})
        return found

    def _plan_flow(self, plan: _Plan, flow: SupplyFlow, labels: Mapping[str, str], names: Mapping[str, str]) -> None:
        ev, period = flow.evidence, flow.period
        plan.node("SupplyFlow", {
            "id": flow.id, "supplier": names.get(flow.supplier_id), "good": names.get(flow.good_id),
            "recipient": names.get(flow.recipient_id), "via": [names.get(v, v) for v in flow.via],
            "period_start": period.start if period else None, "period_end": period.end if period else None,
            "quantity": flow.quantity, "value": flow.value, "status": flow.status, "article_id": ev.article_id,
            "start": ev.start, "end": ev.end, "sentence": ev.sentence, "extractor": ev.extractor,
        })
        me = ("SupplyFlow", flow.id)

        def ref(eid: str) -> tuple[str, str]:
            return labels[eid], eid

        plan.rel("SUPPLIED_BY", me, ref(flow.supplier_id))
        plan.rel("SUPPLIED_TO", me, ref(flow.recipient_id))
        plan.rel("OF_GOOD", me, ref(flow.good_id))
        for position, via in enumerate(flow.via):
            plan.rel("VIA", me, ref(via), {"position": position})
        for use in flow.end_uses:
            plan.rel("USED_FOR", me, ref(use))
        plan.rel("REPORTED_IN", me, ("Article", ev.article_id), {"start": ev.start, "end": ev.end})
        route = [flow.supplier_id, *flow.via, flow.recipient_id]
        legs = [(0, route[0], route[1])] if not flow.via else [
            (n, a, b) for n, (a, b) in enumerate(itertools.pairwise(route), start=1)]
        for leg, a, b in legs:
            plan.rel("SUPPLIES", ref(a), ref(b), {
                "flow_id": flow.id, "good": names.get(flow.good_id), "good_id": flow.good_id,
                "period_start": period.start if period else None, "period_end": period.end if period else None,
                "quantity": flow.quantity, "status": flow.status, "leg": leg, "article_id": ev.article_id})

    def _plan_claim(self, plan: _Plan, claim: Claim, labels: Mapping[str, str]) -> None:
        ev, value, period = claim.evidence, claim.value, claim.period
        plan.node("Claim", {
            "id": claim.id, "text": claim.text, "article_id": ev.article_id, "start": ev.start, "end": ev.end,
            "metric": claim.metric, "value_raw": value.raw if value else None,
            "value_number": value.number if value else None, "value_unit": value.unit if value else None,
            "direction": value.direction if value else None, "qualifier": value.qualifier if value else None,
            "period_start": period.start if period else None, "period_end": period.end if period else None,
            "status": claim.status, "attributed_to": [s.name for s in claim.attributed_to],
            "extractor": ev.extractor,
        })
        me = ("Claim", claim.id)
        plan.rel("REPORTED_IN", me, ("Article", ev.article_id), {"start": ev.start, "end": ev.end})
        linked = [(pos, s.entity_id, s.role) for pos, s in enumerate(claim.attributed_to) if s.entity_id]
        for position, eid, role in linked:
            plan.rel("ATTRIBUTED_TO", me, (labels[eid], eid), {"position": position, "role": role})
        for (_, a, _), (_, b, _) in itertools.pairwise(linked):
            if a != b:  # an outlet quoting itself is no citation
                plan.rel("CITES", (labels[a], a), (labels[b], b), {"claim_id": claim.id})
        for eid in claim.about:
            plan.rel("ABOUT", me, (labels[eid], eid))
        for fid in claim.supply_ids:
            plan.rel("SUPPORTS", me, ("SupplyFlow", fid))
