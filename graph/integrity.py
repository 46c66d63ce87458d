"""``tradetrace check``: is a store whole? Counts, content-hash ids, and the relations every record needs.

:func:`check_store` is a pure function of a store view; the CLI prints its report and exits 1 when
:attr:`IntegrityReport.problems` is not empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.schema import quote
from graph.store import GraphStore, StoreStats
from ontology.ids import content_hash, make_id

__all__ = ["IntegrityReport", "check_store"]

# Relations every article-scoped record must have, as (label, relation, direction): a flow without its
# supplier, good, recipient or article, or a claim without its article, is a torn write.
_REQUIRED: tuple[tuple[str, str], ...] = (
    ("SupplyFlow", "SUPPLIED_BY"), ("SupplyFlow", "SUPPLIED_TO"), ("SupplyFlow", "OF_GOOD"),
    ("SupplyFlow", "REPORTED_IN"), ("Claim", "REPORTED_IN"),
)
_SHOWN = 5  # problems of one kind listed by id; the rest counted


@dataclass(frozen=True)
class IntegrityReport:
    """What :func:`check_store` found: the store's counts, and one line per problem (none when whole)."""

    stats: StoreStats
    checked_articles: int
    problems: list[str] = field(default_factory=list)


def _listed(ids: list[str]) -> str:
    shown = ", ".join(ids[:_SHOWN])
    return f"{shown} and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else shown


def check_store(store: GraphStore) -> IntegrityReport:
    """Check every article's id and content hash against its text, and that every supply flow and claim
    has the relations it is written with and points to a stored article.

    >>> import tempfile, pathlib
    >>> from graph.ladybug_store import LadybugStore
    >>> with LadybugStore(pathlib.Path(tempfile.mkdtemp()) / "tt.db") as store:
    ...     check_store(store).problems
    []
    """
    problems: list[str] = []
    rows = store.query(f"MATCH (a:Article) RETURN a.{quote('id')}, a.{quote('content_hash')}, "
                       f"a.{quote('text')}").rows
    bad_hash, bad_id = [], []
    for article_id, stored_hash, text in rows:
        digest = content_hash(text or "")
        if digest != stored_hash:
            bad_hash.append(str(article_id))
        if make_id("article", digest) != article_id:
            bad_id.append(str(article_id))
    if bad_hash:
        problems.append(f"{len(bad_hash)} article(s) whose text does not match their content hash: {_listed(bad_hash)}")
    if bad_id:
        problems.append(f"{len(bad_id)} article(s) whose id is not the hash of their text: {_listed(bad_id)}")
    for label, rel in _REQUIRED:
        missing = [str(r[0]) for r in store.query(
            f"MATCH (n:{label}) WHERE NOT EXISTS {{ MATCH (n)-[:{rel}]->() }} RETURN n.{quote('id')}").rows]
        if missing:
            problems.append(f"{len(missing)} {label} node(s) without {rel}: {_listed(missing)}")
    for label in ("SupplyFlow", "Claim"):
        orphans = [str(r[0]) for r in store.query(
            f"MATCH (n:{label}) WHERE NOT EXISTS {{ MATCH (a:Article) WHERE a.{quote('id')} = "
            f"n.{quote('article_id')} }} RETURN n.{quote('id')}").rows]
        if orphans:
            problems.append(f"{len(orphans)} {label} node(s) whose article is not stored: {_listed(orphans)}")
    return IntegrityReport(stats=store.stats(), checked_articles=len(rows), problems=problems)
