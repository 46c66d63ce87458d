"""schema.org ``ClaimReview`` JSON-LD: one ``Claim`` per fact (a group of stored claims that report it),
every report an ``appearance``, and one review pointing at each Claim.

A stored claim is one article's report of a figure; the same figure echoed by forty outlets is one
schema.org ``Claim`` with forty appearances, which is what ``appearance`` is for. The groups come from
the caller (:class:`ClaimGroup`: the corroboration clusters of :mod:`queries.corroborate`, in report
order); without them every stored claim is its own group.

The ``@graph`` holds, per group, a ``Claim`` (``@id`` the group's IRI) with ``text`` (the first report's),
``appearance`` (a ``CreativeWork`` per article that reports it, with url, headline, datePublished and
publisher, earliest first), ``firstAppearance`` (the earliest), ``author`` (the original sources of the
reports' attribution chains: a chain's ``origin`` link, else its innermost cited source) and ``about``;
and a ``ClaimReview`` whose ``itemReviewed`` is a reference to that Claim.

tradetrace extracts and attributes claims; it does not check them. So no ``reviewRating`` is
written (a rating would be an invented verdict): the review's ``reviewAspect`` is ``attribution``
and its ``reviewBody`` says what was recorded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.exports.rdf import resource_iri as rdf_resource_iri
from graph.snapshot import GraphSnapshot, Node
from ontology.model import Ontology, load_ontology

__all__ = ["REVIEWER", "ClaimGroup", "claim_group_items", "claim_reviews", "claimreview_json", "resource_iri"]



@dataclass(frozen=True)
class ClaimGroup:
    """Stored claims that report one fact: the group's id (``cluster:…``), the claim ids with the first
    report first, and the names of its independent origins (for the review's text; may be empty)."""

    id: str
    claim_ids: tuple[str, ...]
    origins: tuple[str, ...] = ()


REVIEWER = {"@type": "Organization", "name": "tradetrace", "description": "automated claim extraction and attribution"}


def resource_iri(onto: Ontology, node_id: str) -> str:
    """The node's IRI as in the RDF export (:func:`graph.exports.rdf.resource_iri`).

    >>> resource_iri(load_ontology(), "country:RU")
    'https://w3id.org/tradetrace/id/country/RU'
    """
    return str(rdf_resource_iri(onto, node_id))


def _date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else None


def _agent(node: Node | None, name: str | None = None) -> dict[str, Any] | None:
    if node is None:
        return {"@type": "Organization", "name": name} if name else None
    agent: dict[str, Any] = {"@type": "Person" if node.label == "Person" else "Organization",
                             "name": node.get("name", node.id)}
    if node.get("qid"):
        agent["sameAs"] = f"http://www.wikidata.org/entity/{node.get('qid')}"
    return agent


def _appearance(snapshot: GraphSnapshot, onto: Ontology, article: Node) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "@id": resource_iri(onto, article.id)}
    if article.get("url"):
        work["url"] = article.get("url")
    if article.get("title"):
        work["headline"] = article.get("title")
    if article.get("published"):
        work["datePublished"] = _date(article.get("published"))
    outlets = [snapshot.node(rel.dst) for rel in snapshot.outgoing(article.id, "PUBLISHED_BY")]
    publisher = _agent(outlets[0] if outlets else None, article.get("outlet"))
    if publisher:
        work["publisher"] = publisher
    return work


def _original_source(snapshot: GraphSnapshot, claim: Node) -> dict[str, Any] | None:
    chain = sorted(snapshot.outgoing(claim.id, "ATTRIBUTED_TO"), key=lambda rel: rel.get("position", 0))
    if not chain:
        names = claim.get("attributed_to") or []
        return {"@type": "Organization", "name": names[-1]} if names else None
    origins = [rel for rel in chain if rel.get("role") == "origin"]
    link = origins[0] if origins else chain[-1]
    return _agent(snapshot.node(link.dst))


def _article_ids(claim: Node, snapshot: GraphSnapshot) -> list[str]:
    ids = [rel.dst for rel in snapshot.outgoing(claim.id, "REPORTED_IN")]
    if claim.get("article_id") and claim.get("article_id") not in ids:
        ids.append(claim.get("article_id"))
    return ids


def _about(snapshot: GraphSnapshot, onto: Ontology, claims: Sequence[Node]) -> list[dict[str, Any]]:
    things: dict[str, dict[str, Any]] = {}
    for claim in claims:
        for rel in snapshot.outgoing(claim.id, "ABOUT"):
            node = snapshot.node(rel.dst)
            if node is None or node.id in things:
                continue
            thing: dict[str, Any] = {"@type": "Thing", "@id": resource_iri(onto, node.id), "name": node.get("name")}
            if node.get("qid"):
                thing["sameAs"] = f"http://www.wikidata.org/entity/{node.get('qid')}"
            things[node.id] = thing
    return list(things.values())


def _chain_names(snapshot: GraphSnapshot, claim: Node) -> list[str]:
    chain = [snapshot.node(rel.dst) for rel in
             sorted(snapshot.outgoing(claim.id, "ATTRIBUTED_TO"), key=lambda rel: rel.get("position", 0))]
    return [str(node.get("name", node.id)) for node in chain if node is not None] or \
        [str(n) for n in claim.get("attributed_to", [])]


def claim_group_items(snapshot: GraphSnapshot, group: ClaimGroup, onto: Ontology | None = None
                      ) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The ``Claim`` of one group and the ``ClaimReview`` pointing at it (no ``@context``); ``None`` when
    none of the group's claims is in the snapshot."""
    onto = onto or load_ontology()
    claims = [node for node in (snapshot.node(i) for i in group.claim_ids) if node is not None]
    if not claims:
        return None
    first = claims[0]
    appearances: dict[str, dict[str, Any]] = {}
    for claim in claims:
        for article_id in _article_ids(claim, snapshot):
            article = snapshot.node(article_id)
            if article is not None and article.id not in appearances:
                appearances[article.id] = _appearance(snapshot, onto, article)
    works = sorted(appearances.values(),
                   key=lambda work: (work.get("datePublished") is None, work.get("datePublished", ""), work["@id"]))
    claim_iri = resource_iri(onto, group.id)
    item: dict[str, Any] = {"@type": "Claim", "@id": claim_iri, "text": first.get("text")}
    found: dict[str, dict[str, Any]] = {}
    for claim in claims:
        author = _original_source(snapshot, claim)
        if author and str(author.get("name")) not in found:
            found[str(author.get("name"))] = author
    # The group's independent origins, where given, are the authors (a report that names no source but
    # passes on another's figure is not its author); else each report's own original source.
    authors = ([found.get(name) or {"@type": "Organization", "name": name} for name in group.origins]
               if group.origins else list(found.values()))
    if authors:
        item["author"] = authors[0] if len(authors) == 1 else authors
    if works:
        item["appearance"] = works
        item["firstAppearance"] = works[0]
        if works[0].get("datePublished"):
            item["datePublished"] = works[0]["datePublished"]
    things = _about(snapshot, onto, claims)
    if things:
        item["about"] = things
    body = f"Reported in {len(works)} article(s) ({len(claims)} report(s))"
    if group.origins:
        body += f"; {len(group.origins)} independent origin(s): " + ", ".join(group.origins)
    names = _chain_names(snapshot, first)
    if names:
        body += "; first report attributed to " + " \u2190 ".join(names)
    body += f"; status: {first.get('status', 'asserted')}. Attribution only, no truth rating."
    review = {"@type": "ClaimReview", "@id": claim_iri + "#review", "claimReviewed": first.get("text"),
              "reviewAspect": "attribution", "reviewBody": body, "author": REVIEWER,
              "itemReviewed": {"@id": claim_iri}}
    return item, review


def claim_reviews(snapshot: GraphSnapshot, onto: Ontology | None = None,
                  groups: Sequence[ClaimGroup] | None = None) -> dict[str, Any]:
    """A JSON-LD document: ``@context`` schema.org and a ``@graph`` of one ``Claim`` and one ``ClaimReview``
    per group (every stored claim its own group when ``groups`` is ``None``)."""
    onto = onto or load_ontology()
    if groups is None:
        groups = [ClaimGroup(claim.id, (claim.id,)) for claim in snapshot.nodes_of("Claim")]
    graph: list[dict[str, Any]] = []
    for group in groups:
        items = claim_group_items(snapshot, group, onto)
        if items is not None:
            graph.extend(items)
    return {"@context": "https://schema.org", "@graph": graph}


def claimreview_json(snapshot: GraphSnapshot, onto: Ontology | None = None,
                     groups: Sequence[ClaimGroup] | None = None) -> str:
    """The JSON-LD document as indented text ending in a newline."""
    return json.dumps(claim_reviews(snapshot, onto, groups), indent=2, ensure_ascii=False) + "\n"
