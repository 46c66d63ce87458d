"""What is specific to the embedded LadybugDB store: opening, paths, the dialect, query building,
transactions. Shared behaviour is in ``test_store_contract.py``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph import ladybug_store
from graph.ladybug_store import (
    LadybugStore,
    default_db_path,
    merge_entities_query,
    merge_nodes_query,
    merge_relation_query,
)
from graph.schema import article_scope, quote
from ingest.read import read_file
from ontology.errors import OntologyError, QueryError, StoreError
from ontology.model import load_ontology
from ontology.records import Entity, Extraction, Mention
from tests.conftest import EXAMPLES
from tests.graph.sample import ARTICLE_TEXT, sample_article, sample_extraction

ONTO = load_ontology()


def test_default_db_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TRADETRACE_DB", raising=False)
    assert default_db_path() == Path("tradetrace.db")
    monkeypatch.setenv("TRADETRACE_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"


def test_parent_directories_are_created(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "tt.db"
    with LadybugStore(path) as store:
        assert store.stats().articles == 0
    assert path.exists()


def test_read_only_needs_an_existing_database(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError, match=r"no database at .*missing\.db; run `tradetrace ingest` first"):
        LadybugStore(missing, read_only=True)
    assert not missing.exists()


def test_an_unopenable_path_names_the_path(tmp_path: Path) -> None:
    (tmp_path / "adir").mkdir()
    with pytest.raises(StoreError, match="adir"):
        LadybugStore(tmp_path / "adir")


def test_data_survives_close_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "tt.db"
    with LadybugStore(path) as store:
        store.write(sample_extraction())
    with LadybugStore(path) as store:  # DDL applied again: IF NOT EXISTS, nothing lost
        assert store.stats().articles == 1
    with LadybugStore(path, read_only=True) as store:
        assert store.stats().claims == 2


def test_article_ids_lists_every_stored_article(tmp_path: Path) -> None:
    extraction = sample_extraction()
    with LadybugStore(tmp_path / "tt.db") as store:
        assert store.article_ids() == set()
        store.write(extraction)
        store.write(extraction)
        assert store.article_ids() == {extraction.article.id}
    with LadybugStore(tmp_path / "tt.db", read_only=True) as store:
        assert store.article_ids() == {extraction.article.id}


def test_a_closed_store_refuses_queries(tmp_path: Path) -> None:
    store = LadybugStore(tmp_path / "tt.db")
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        store.query("RETURN 1")


def test_end_is_reserved_and_needs_backticks(tmp_path: Path) -> None:
    with LadybugStore(tmp_path / "tt.db") as store:
        extraction = sample_extraction()
        store.write(extraction)
        (flow,) = extraction.supply
        assert store.query("MATCH (f:SupplyFlow) RETURN f.start, f.`end`").rows == [
            [flow.evidence.start, flow.evidence.end]]
        with pytest.raises(QueryError, match="Parser exception"):
            store.query("MATCH (f:SupplyFlow) RETURN f.end")


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "merge"])
def test_a_failed_write_rolls_back_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk: bool) -> None:
    real = merge_relation_query

    def broken(onto: object, rel: str, src: str, dst: str) -> str:
        query = real(ONTO, rel, src, dst)
        # AFFILIATED_WITH is MERGEd after the article's nodes and mentions were written (COPYed in bulk)
        return query.replace("MERGE", "MERGE MERGE") if rel == "AFFILIATED_WITH" else query

    monkeypatch.setattr(ladybug_store, "merge_relation_query", broken)
    with LadybugStore(tmp_path / "tt.db", bulk=bulk) as store:
        extraction = sample_extraction()
        with pytest.raises(StoreError, match=f"cannot write article {extraction.article.id}"):
            store.write(extraction)
        stats = store.stats()
        assert (stats.articles, stats.entities, stats.claims) == (0, {}, 0)
        assert not store.has_article(extraction.article.id)
        monkeypatch.setattr(ladybug_store, "merge_relation_query", real)
        assert not store.write(extraction).skipped  # the connection is usable again
        assert store.stats().articles == 1


def test_merge_nodes_query_exact() -> None:
    assert merge_nodes_query(ONTO, "Claim").startswith(
        "UNWIND $rows AS r MERGE (n:Claim {`id`: CAST(r.`id` AS STRING)}) "
        "SET n.`text` = CAST(r.`text` AS STRING), n.`article_id` = CAST(r.`article_id` AS STRING), "
        "n.`start` = CAST(r.`start` AS INT64), n.`end` = CAST(r.`end` AS INT64), "
    )
    assert merge_nodes_query(ONTO, "Claim").endswith(
        "n.`attributed_to` = CAST(r.`attributed_to` AS STRING[]), n.`extractor` = CAST(r.`extractor` AS STRING)")


def test_merge_entities_query_keeps_the_highest_confidence() -> None:
    query = merge_entities_query(ONTO, "Good")
    assert query.startswith(
        "UNWIND $rows AS r MERGE (n:Good {`id`: CAST(r.`id` AS STRING)}) "
        "WITH n, r, (n.`confidence` IS NULL OR CAST(r.`confidence` AS DOUBLE) >= n.`confidence`) AS wins SET "
        "n.`name` = CASE WHEN wins THEN coalesce(CAST(r.`name` AS STRING), n.`name`) "
        "ELSE coalesce(n.`name`, CAST(r.`name` AS STRING)) END, "
    )
    assert query.endswith("n.`confidence` = CASE WHEN wins THEN CAST(r.`confidence` AS DOUBLE) "
                          "ELSE n.`confidence` END")


def test_merge_relation_query_exact() -> None:
    assert merge_relation_query(ONTO, "MENTIONS", "Article", "Country") == (
        "UNWIND $rows AS r MATCH (a:Article {`id`: CAST(r.`_src` AS STRING)}) "
        "MATCH (b:Country {`id`: CAST(r.`_dst` AS STRING)}) "
        "MERGE (a)-[e:MENTIONS {`start`: CAST(r.`start` AS INT64), `end`: CAST(r.`end` AS INT64)}]->(b) "
        "SET e.`surface` = CAST(r.`surface` AS STRING), e.`sentence` = CAST(r.`sentence` AS STRING), "
        "e.`extractor` = CAST(r.`extractor` AS STRING), e.`confidence` = CAST(r.`confidence` AS DOUBLE)"
    )
    assert merge_relation_query(ONTO, "SUPPORTS", "Claim", "SupplyFlow") == (
        "UNWIND $rows AS r MATCH (a:Claim {`id`: CAST(r.`_src` AS STRING)}) "
        "MATCH (b:SupplyFlow {`id`: CAST(r.`_dst` AS STRING)}) MERGE (a)-[e:SUPPORTS]->(b)"
    )


def test_query_builders_use_the_allow_list() -> None:
    with pytest.raises(OntologyError):
        merge_nodes_query(ONTO, "Country) DETACH DELETE (n")
    with pytest.raises(OntologyError):
        merge_relation_query(ONTO, "KNOWS", "Person", "Person")
    with pytest.raises(StoreError, match="SUPPLIES does not allow Good -> Country"):
        merge_relation_query(ONTO, "SUPPLIES", "Good", "Country")


def test_located_in_links_a_stored_country_by_iso2(tmp_path: Path) -> None:
    with LadybugStore(tmp_path / "tt.db") as store:
        store.write(sample_extraction())
        assert store.stats().relations["LOCATED_IN"] == 0  # no United States stored yet
        usa = Entity(id="country:US", type="Country", name="United States", iso2="US")
        atlantic = [e for e in sample_extraction().entities if e.type == "ThinkTank"]
        store.write(Extraction(article=sample_article("Washington said so.\n", outlet=None),
                               entities=(usa, *atlantic)))
        rows = store.query("MATCH (o:ThinkTank)-[:LOCATED_IN]->(c:Country) RETURN o.name, c.id").rows
        assert rows == [["Atlantic Council", "country:US"]]


def test_regions_get_member_of_edges_only_to_known_countries(tmp_path: Path) -> None:
    base = sample_extraction()
    region = Entity(id="place:central-asia", type="Place", name="Central Asia", kind="Region",
                    members=("KG", "KZ"))
    extraction = base.model_copy(update={"entities": (*base.entities, region)})
    with LadybugStore(tmp_path / "t.db") as store:
        store.write(extraction)
        rows = store.query("MATCH (c:Country)-[:MEMBER_OF]->(r:Place) RETURN c.id, r.id").rows
    # Kyrgyzstan is in the extraction; Kazakhstan is neither there nor stored, so no node is invented.
    assert rows == [["country:KG", "place:central-asia"]]


# -- bulk insertion of new articles ---------------------------------------------------------------
#
# The nodes and relations of a new article are CREATEd from DataFrames; every other row is MERGEd.
# ``bulk=False`` MERGEs every row: the reference the bulk path must match, property for property.

TABLES = [*ONTO.concrete_classes(), *ONTO.relations]
# Every relation read from articles has an article-scoped form; REPORTS and ORIGINATES (to clusters) are
# derived from the stored claims afterwards (queries.clusters), never written with an article.
WRITTEN_IN_BULK = [*ONTO.article_scoped_classes(),
                   *(rel for rel in ONTO.relations if rel not in ("REPORTS", "ORIGINATES"))]
OTHER_TEXT = ARTICLE_TEXT.replace("Share this article\n", "Share this article\nUpdated 15 September\n")
THIRD_TEXT = ARTICLE_TEXT.replace("Share this article\n", "Share this article\nCorrected 16 September\n")


def _rich_extraction(text: str = ARTICLE_TEXT, direct: bool = False) -> Extraction:
    """The sample article with what reaches every relation type: seats in a stored-by-then country
    (LOCATED_IN), a region with a member (MEMBER_OF), an end use (USED_FOR); ``direct`` drops the transit
    country (one SUPPLIES leg 0 instead of legs 1 and 2)."""
    base = sample_extraction(text, path=f"fixtures/{abs(hash(text))}.txt")
    usa = Entity(id="country:US", type="Country", name="United States", iso2="US", iso3="USA", qid="Q30")
    region = Entity(id="place:central-asia", type="Place", name="Central Asia", kind="Region", members=("KG",))
    tanks = Entity(id="enduse:tanks", type="EndUse", name="tanks", kind="weapon_system", confidence=0.9)
    (flow,) = base.supply
    flow = flow.model_copy(update={"end_uses": (tanks.id,), **({"via": ()} if direct else {})})
    return base.model_copy(update={"entities": (*base.entities, usa, region, tanks), "supply": (flow,)})


def _orphan(text: str) -> Extraction:
    """An extraction mentioning an entity that neither it nor any store carries."""
    base = _rich_extraction(text)
    ghost = Mention.build("country:ZZ", base.mentions[0].evidence)
    return base.model_copy(update={"mentions": (*base.mentions, ghost)})


def _typed(value: Any) -> Any:
    """A value with its type, so that 70 and 70.0 (or '1' and 1) do not compare equal."""
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _table(store: LadybugStore, table: str) -> list[str]:
    """Every row of a node or relation table, each property with its type, sorted."""
    if table in ONTO.relations:
        props = ", ".join(f"e.{quote(p)}" for p in ONTO.relations[table].properties)
        cypher = f"MATCH (a)-[e:{table}]->(b) RETURN label(a), a.{quote('id')}, label(b), b.{quote('id')}"
        cypher += f", {props}" if props else ""
    else:
        cypher = f"MATCH (n:{table}) RETURN " + ", ".join(f"n.{quote(p)}" for p in ONTO.properties_of(table))
    return sorted(repr(_typed(row)) for row in store.query(cypher).rows)


@pytest.fixture(scope="module")
def both_paths(pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LadybugStore, LadybugStore]]:
    """A bulk store and a MERGE-only store, each given the same batch: the rich sample twice (with a
    transit route and a direct flow) and every article of our example corpus as the pipeline extracts it."""
    articles = [a for path in sorted(EXAMPLES.iterdir()) for a in read_file(path).articles]
    batch = [_rich_extraction(), _rich_extraction(OTHER_TEXT, direct=True), *pipeline.extract_many(articles)]
    work = tmp_path_factory.mktemp("paths")
    with LadybugStore(work / "bulk.db") as bulk, LadybugStore(work / "merge.db", bulk=False) as merge:
        assert [s.skipped for s in bulk.write_many(batch)] == [s.skipped for s in merge.write_many(batch)]
        yield bulk, merge


@pytest.mark.parametrize("table", WRITTEN_IN_BULK)
def test_bulk_and_merge_paths_store_the_same_rows(both_paths: tuple[LadybugStore, LadybugStore], table: str) -> None:
    bulk, merge = both_paths
    rows = _table(bulk, table)
    assert rows, f"the batch writes no {table}: the comparison would prove nothing"
    assert rows == _table(merge, table)


def test_bulk_and_merge_paths_store_the_same_entities(both_paths: tuple[LadybugStore, LadybugStore]) -> None:
    bulk, merge = both_paths
    assert {label: _table(bulk, label) for label in ONTO.entity_classes()} == {
        label: _table(merge, label) for label in ONTO.entity_classes()}


def test_new_article_rows_are_created_and_entity_rows_merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    merged: list[tuple[str, str, str]] = []
    created: list[tuple[str, str, str]] = []
    real_merge, real_create = ladybug_store.merge_relation_query, ladybug_store.create_relation_query

    def spy_merge(onto: Any, rel: str, src: str, dst: str) -> str:
        merged.append((rel, src, dst))
        return real_merge(onto, rel, src, dst)

    def spy_create(onto: Any, rel: str, src: str, dst: str) -> str:
        created.append((rel, src, dst))
        return real_create(onto, rel, src, dst)

    monkeypatch.setattr(ladybug_store, "merge_relation_query", spy_merge)
    monkeypatch.setattr(ladybug_store, "create_relation_query", spy_create)
    with LadybugStore(tmp_path / "tt.db") as store:
        store.write(_rich_extraction())
    assert {rel for rel, _, _ in merged} == {"AFFILIATED_WITH", "LOCATED_IN", "MEMBER_OF"}
    assert all(article_scope(ONTO, *key) is not None for key in created)
    # REPORTS and ORIGINATES are derived from the stored claims afterwards (queries.clusters), never written
    # with an article;
    # BROADER (between goods) is an entity edge too, and this extraction names no good with a broader one.
    assert {rel for rel, _, _ in created} == set(ONTO.relations) - {"AFFILIATED_WITH", "LOCATED_IN", "MEMBER_OF",
                                                                     "REPORTS", "ORIGINATES", "BROADER"}


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "merge"])
def test_stored_article_scoped_nodes_are_merged_not_duplicated(tmp_path: Path, bulk: bool) -> None:
    """A Claim and a SupplyFlow already stored (with the SUPPORTS edge between them) but not their
    article: the batch neither crashes on their ids nor doubles their edges."""
    extraction = _rich_extraction()
    (flow,) = extraction.supply
    claim = next(c for c in extraction.claims if c.supply_ids)
    with LadybugStore(tmp_path / "tt.db", bulk=bulk) as store:
        store.query("CREATE (c:Claim {id: $claim, text: 'stale'})-[:SUPPORTS]->(f:SupplyFlow {id: $flow})",
                    {"claim": claim.id, "flow": flow.id})
        summary = store.write(extraction)
        assert not summary.skipped
        assert store.query("MATCH (c:Claim {id: $id}) RETURN count(c), min(c.text)", {"id": claim.id}).rows == [
            [1, claim.text]]
        assert store.query("MATCH ()-[s:SUPPORTS]->() RETURN count(s)").rows == [[1]]
        assert store.query("MATCH (c:Claim {id: $id})-[r:REPORTED_IN]->() RETURN count(r)",
                           {"id": claim.id}).rows == [[1]]
        assert store.stats().relations["SUPPLIES"] == 2
        reference = tmp_path / "reference.db"
        with LadybugStore(reference, bulk=False) as merge:
            merge.write(extraction)
            assert all(_table(store, t) == _table(merge, t) for t in TABLES)


def test_a_failure_mid_batch_stores_nothing_of_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = ladybug_store.create_relation_query

    def broken(onto: Any, rel: str, src: str, dst: str) -> str:  # SUPPORTS comes last, after every other CREATE
        return real(onto, rel, src, dst).replace("CREATE", "CREATE CREATE") if rel == "SUPPORTS" else real(
            onto, rel, src, dst)

    batch = [_rich_extraction(), _rich_extraction(OTHER_TEXT, direct=True)]
    with LadybugStore(tmp_path / "tt.db") as store:
        store.write(_rich_extraction(THIRD_TEXT))
        before = {t: _table(store, t) for t in TABLES}
        monkeypatch.setattr(ladybug_store, "create_relation_query", broken)
        with pytest.raises(StoreError, match="cannot write article") as caught:
            store.write_many(batch)
        assert all(x.article.id in str(caught.value) for x in batch)
        assert {t: _table(store, t) for t in TABLES} == before
        monkeypatch.setattr(ladybug_store, "create_relation_query", real)
        assert [s.skipped for s in store.write_many(batch)] == [False, False]  # the connection is usable again
        assert store.stats().articles == 3


def test_an_unknown_entity_in_one_article_refuses_the_batch(tmp_path: Path) -> None:
    good, orphan = _rich_extraction(), _orphan(OTHER_TEXT)
    with LadybugStore(tmp_path / "tt.db") as store:
        with pytest.raises(StoreError, match=f"article {orphan.article.id}: unknown entities country:ZZ"):
            store.write_many([good, orphan])
        assert store.stats().articles == 0 and store.stats().entities == {}


def test_a_failed_batch_falls_back_to_one_article_at_a_time(tmp_path: Path) -> None:
    from ingest.run import Problem, write_batch

    batch = [sample_extraction(THIRD_TEXT), _orphan(OTHER_TEXT), _rich_extraction()]
    problems: list[Problem] = []
    with LadybugStore(tmp_path / "tt.db") as store:
        assert write_batch(store.writer(), batch, problems.append) == (2, 1)
        assert [p.level for p in problems] == ["error"] and problems[0].message.startswith(batch[1].article.path)
        assert {a for (a,) in store.query("MATCH (a:Article) RETURN a.id").rows} == {
            batch[0].article.id, batch[2].article.id}


def test_writing_into_a_store_that_holds_articles_keeps_counts_exact(tmp_path: Path) -> None:
    first, second, third = _rich_extraction(), _rich_extraction(OTHER_TEXT, direct=True), _rich_extraction(THIRD_TEXT)
    with LadybugStore(tmp_path / "bulk.db") as store, LadybugStore(tmp_path / "merge.db", bulk=False) as merge:
        for target in (store, merge):
            target.write_many([first])
            summaries = target.write_many([first, second, second, third])
            assert [(s.article_id, s.skipped) for s in summaries] == [
                (first.article.id, True), (second.article.id, False), (second.article.id, True),
                (third.article.id, False)]
            assert all(s.skipped for s in target.write_many([third, second, first]))  # idempotent
        stats = store.stats()
        assert stats == merge.stats()
        assert (stats.articles, stats.supply_flows, stats.claims) == (3, 3, 6)
        assert stats.relations["MENTIONS"] == 3 * 8 and stats.relations["SUPPLIES"] == 2 + 1 + 2
        assert stats.relations["LOCATED_IN"] == 2 and stats.relations["MEMBER_OF"] == 1  # entity edges: once
        assert all(_table(store, t) == _table(merge, t) for t in TABLES)


def test_a_write_summary_counts_what_the_article_added(tmp_path: Path) -> None:
    first, second = _rich_extraction(), _rich_extraction(OTHER_TEXT)
    with LadybugStore(tmp_path / "tt.db") as store:
        one, two = store.write_many([first, second])
        stats = store.stats()
    assert one.nodes + two.nodes == stats.articles + sum(stats.entities.values()) + stats.supply_flows + stats.claims
    assert one.relations + two.relations == sum(stats.relations.values())
    assert two.nodes == 1 + 1 + 2  # its article, flow and claims: the entities came with the first
