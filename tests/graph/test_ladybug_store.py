"""What is specific to the embedded LadybugDB store: opening, paths, the dialect, query building,
transactions. Shared behaviour is in ``test_store_contract.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import ladybug_store
from graph.ladybug_store import (
    LadybugStore,
    default_db_path,
    merge_entities_query,
    merge_nodes_query,
    merge_relation_query,
)
from ontology.errors import OntologyError, QueryError, StoreError
from ontology.model import load_ontology
from tests.graph.sample import sample_article, sample_extraction

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


def test_a_failed_write_rolls_back_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = merge_relation_query

    def broken(onto: object, rel: str, src: str, dst: str) -> str:
        query = real(ONTO, rel, src, dst)
        return query.replace("MERGE", "MERGE MERGE") if rel == "SUPPORTS" else query  # the last statement

    monkeypatch.setattr(ladybug_store, "merge_relation_query", broken)
    with LadybugStore(tmp_path / "tt.db") as store:
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
        "UNWIND $rows AS r MATCH (a:Article {`id`: CAST(r.`_src` AS STRING)}), "
        "(b:Country {`id`: CAST(r.`_dst` AS STRING)}) "
        "MERGE (a)-[e:MENTIONS {`start`: CAST(r.`start` AS INT64), `end`: CAST(r.`end` AS INT64)}]->(b) "
        "SET e.`surface` = CAST(r.`surface` AS STRING), e.`sentence` = CAST(r.`sentence` AS STRING), "
        "e.`extractor` = CAST(r.`extractor` AS STRING), e.`confidence` = CAST(r.`confidence` AS DOUBLE)"
    )
    assert merge_relation_query(ONTO, "SUPPORTS", "Claim", "SupplyFlow") == (
        "UNWIND $rows AS r MATCH (a:Claim {`id`: CAST(r.`_src` AS STRING)}), "
        "(b:SupplyFlow {`id`: CAST(r.`_dst` AS STRING)}) MERGE (a)-[e:SUPPORTS]->(b)"
    )


def test_query_builders_use_the_allow_list() -> None:
    with pytest.raises(OntologyError):
        merge_nodes_query(ONTO, "Country) DETACH DELETE (n")
    with pytest.raises(OntologyError):
        merge_relation_query(ONTO, "KNOWS", "Person", "Person")
    with pytest.raises(StoreError, match="SUPPLIES does not allow Good -> Country"):
        merge_relation_query(ONTO, "SUPPLIES", "Good", "Country")


def test_located_in_links_a_stored_country_by_iso2(tmp_path: Path) -> None:
    from ontology.records import Entity, Extraction

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
    from ontology.records import Entity

    base = sample_extraction()
    region = Entity(id="place:central-asia", type="Place", name="Central Asia", kind="Region",
                    members=("KG", "KZ"))
    extraction = base.model_copy(update={"entities": (*base.entities, region)})
    with LadybugStore(tmp_path / "t.db") as store:
        store.write(extraction)
        rows = store.query("MATCH (c:Country)-[:MEMBER_OF]->(r:Place) RETURN c.id, r.id").rows
    # Kyrgyzstan is in the extraction; Kazakhstan is neither there nor stored, so no node is invented.
    assert rows == [["country:KG", "place:central-asia"]]
