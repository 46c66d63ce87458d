"""The read-only guard: what a user's Cypher may do, and proof that refused statements did nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.cypher_guard import check_query, split_statements, tokenize
from graph.ladybug_store import LadybugStore
from ontology.errors import QueryError, RefusedQuery

READS = [
    "MATCH (c:Country) RETURN c.name ORDER BY c.name SKIP 0 LIMIT 5",
    "MATCH (a)-[s:SUPPLIES*1..3]->(b) WHERE a.name STARTS WITH 'Ch' RETURN a.name, count(*) AS n",
    "OPTIONAL MATCH (c:Country) WITH c UNWIND [1, 2] AS i RETURN c.name, i",
    "MATCH (c:Country) WHERE EXISTS { MATCH (c)<-[:SUPPLIED_TO]-(:SupplyFlow) } RETURN c.name",
    "MATCH (c:Country) RETURN CASE WHEN c.iso2 IS NULL THEN 'none' ELSE c.iso2 END",
    "CALL show_tables() RETURN *",
    "CALL table_info('Article') RETURN *",
    "RETURN 'COPY (MATCH (n) RETURN n) TO \\'/tmp/x\\'' AS text",
    'RETURN "LOAD FROM \\"/etc/passwd\\" RETURN *" AS text',
    "MATCH (n) RETURN n.name AS `LOAD` // LOAD EXTENSION '/x.so'",
    "MATCH (n) /* INSTALL json; COPY */ RETURN count(n)",
    "MATCH (n:Country) RETURN n.name UNION MATCH (n:Company) RETURN n.name",
]

# Statements no CLI path may run, with or without --write.
DANGEROUS = [
    "COPY (MATCH (c:Country) RETURN c.name) TO '{victim}'",
    "copy (MATCH (c:Country) RETURN c.name) to '{victim}'",
    "COPY Country FROM '{victim}'",
    "LOAD FROM '{secret}' (header=false, file_format='csv') RETURN *",
    "LOAD WITH HEADERS (a STRING) FROM '{secret}' RETURN *",
    "MATCH (c:Country) WITH c LOAD FROM '{secret}' RETURN *",
    "LOAD EXTENSION '{library}'",
    "INSTALL json",
    "UNINSTALL json",
    "EXPORT DATABASE '{directory}'",
    "IMPORT DATABASE '{directory}'",
    "ATTACH '{victim}' AS other (dbtype lbug)",
    "DETACH other",
    "USE other",
    "CHECKPOINT",
    "BEGIN TRANSACTION",
    "CALL threads=1",
    "CALL clear_warnings() RETURN *",
    "CALL current_setting('home_directory') RETURN *",
    "CALL show_official_extensions() RETURN *",
    "CREATE NODE TABLE Victim(id STRING, PRIMARY KEY(id))",
    "DROP TABLE Article",
    "ALTER TABLE Article ADD extra STRING",
    "CREATE MACRO victim(x) AS x",
    "RETURN 1; COPY (RETURN 1) TO '{victim}'",
    "RETURN '/* unterminated'; /* COPY (RETURN 1) TO '{victim}'",
    "RETURN 1 /* COPY (RETURN 1) TO '{victim}'",
    "RETURN 'unterminated; COPY (RETURN 1) TO '{victim}'",
    "MATCH (n) RETURN n; EXPLAIN COPY (RETURN 1) TO '{victim}'",
    "PROFILE COPY (RETURN 1) TO '{victim}'",
]

WRITES = [
    "CREATE (:Country {id: 'country:XX', name: 'Nowhere'})",
    "MATCH (c:Country {id: 'country:CN'}) SET c.qid = 'Q148'",
    "MERGE (c:Country {id: 'country:XX'}) ON CREATE SET c.name = 'Nowhere'",
    "MATCH (c:Country {id: 'country:XX'}) DETACH DELETE c",
]


@pytest.mark.parametrize("query", READS)
def test_reads_are_allowed(query: str) -> None:
    statements = check_query(query)
    assert statements and not any(s.writes for s in statements)


@pytest.mark.parametrize("query", DANGEROUS)
@pytest.mark.parametrize("allow_writes", [False, True])
def test_file_network_extension_and_schema_statements_are_refused(query: str, allow_writes: bool) -> None:
    with pytest.raises(RefusedQuery):
        check_query(query.format(victim="/tmp/v.csv", secret="/etc/passwd", library="/tmp/x.so",
                                 directory="/tmp/d"), allow_writes=allow_writes)


@pytest.mark.parametrize("query", WRITES)
def test_graph_writes_need_allow_writes(query: str) -> None:
    with pytest.raises(RefusedQuery, match="only graph reads without --write"):
        check_query(query)
    assert all(s.writes for s in check_query(query, allow_writes=True))


def test_tokenizer_reads_strings_escapes_backticks_and_comments() -> None:
    tokens = tokenize("RETURN 'it\\'s; COPY' AS `a``b`, \"x\" // COPY\n/* LOAD */ $p")
    assert [(t.kind, t.text) for t in tokens] == [
        ("word", "RETURN"), ("string", "'it\\'s; COPY'"), ("word", "AS"), ("quoted", "`a``b`"),
        ("punct", ","), ("string", '"x"'), ("param", "$p")]


def test_statements_split_on_top_level_semicolons_only() -> None:
    texts = [text for text, _ in split_statements("RETURN ';' ; RETURN `;` ; // ;\n RETURN 2;")]
    assert texts == ["RETURN ';'", "RETURN `;`", "RETURN 2"]


def test_a_refusal_names_the_statement_and_the_word() -> None:
    with pytest.raises(RefusedQuery, match=r"statement 2: LOAD is not allowed"):
        check_query("RETURN 1; LOAD FROM '/etc/passwd' RETURN *")
    with pytest.raises(RefusedQuery, match=r"CALL current_setting is not allowed"):
        check_query("CALL current_setting('threads') RETURN *")


def test_property_and_label_names_that_look_like_keywords_are_names() -> None:
    assert check_query("MATCH (n:`COPY`) WHERE n.load = 1 RETURN n.install, n.copy")


# -- against the engine: refused statements leave no trace -----------------------------------------


@pytest.fixture()
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "graph.db"
    with LadybugStore(path) as store:
        store.query("CREATE (:Country {id: 'country:CN', name: 'China'})")
    return path


def victim_files(directory: Path) -> tuple[Path, Path]:
    """A file a refused write must leave as it is ("untouched") and one whose secret line a refused read
    must never show ("the-secret-line")."""
    victim = directory / "victim.csv"
    victim.write_text("untouched\n", encoding="utf-8")
    secret = directory / "secret.csv"
    secret.write_text("the-secret-line\n", encoding="utf-8")
    return victim, secret


@pytest.mark.parametrize("allow_writes", [False, True])
def test_refused_statements_do_nothing(store_path: Path, tmp_path: Path, allow_writes: bool) -> None:
    victim, secret = victim_files(tmp_path)
    directory = tmp_path / "exported"
    library = tmp_path / "not-a-library.so"
    library.write_bytes(b"\x7fELF")
    marker = tmp_path / "marker"
    with LadybugStore(store_path, read_only=not allow_writes) as store:
        for query in DANGEROUS:
            text = query.format(victim=victim, secret=secret, library=library, directory=directory)
            with pytest.raises(RefusedQuery):
                store.run_checked(text, allow_writes=allow_writes)
        names = store.query("MATCH (c:Country) RETURN c.name").rows
    assert victim.read_text(encoding="utf-8") == "untouched\n"
    assert not directory.exists() and not marker.exists()
    assert names == [["China"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.db", "not-a-library.so", "secret.csv",
                                                           "victim.csv"]


def test_without_the_guard_the_engine_would_have_written_the_file(store_path: Path, tmp_path: Path) -> None:
    """Why the guard exists: the engine's read-only flag lets COPY ... TO through."""
    victim = tmp_path / "victim.csv"
    with LadybugStore(store_path, read_only=True) as store:
        store.query(f"COPY (MATCH (c:Country) RETURN c.name) TO '{victim}'")
    assert "China" in victim.read_text(encoding="utf-8")


def test_several_statements_all_run_each_result_kept(store_path: Path) -> None:
    with LadybugStore(store_path, read_only=True) as store:
        results = store.run_checked("MATCH (c:Country) RETURN c.name; RETURN $x AS x", {"x": 7})
    assert [r.rows for _, r in results] == [[["China"]], [[7]]]


def test_writes_in_several_statements_are_all_or_nothing(store_path: Path) -> None:
    with LadybugStore(store_path) as store:
        with pytest.raises(QueryError, match="nothing was written"):
            store.run_checked("CREATE (:Country {id: 'country:XX', name: 'Nowhere'}); "
                              "CREATE (:Country {id: 'country:CN', name: 'duplicate key'})", allow_writes=True)
        assert store.query("MATCH (c:Country) RETURN c.name").rows == [["China"]]
        store.run_checked("CREATE (:Country {id: 'country:XX', name: 'Nowhere'}); "
                          "MATCH (c:Country) RETURN count(c)", allow_writes=True)
        assert store.query("MATCH (c:Country) RETURN count(c)").rows == [[2]]


def test_a_missing_parameter_is_a_clear_error(store_path: Path) -> None:
    with LadybugStore(store_path, read_only=True) as store, pytest.raises(QueryError, match=r"\$name"):
        store.run_checked("MATCH (c:Country {name: $name}) RETURN c")
