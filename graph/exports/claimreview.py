"""schema.org ``ClaimReview`` JSON-LD: one review per stored claim, recording where it appeared and
whom it is attributed to.

tradetrace extracts and attributes claims; it does not check them. So no ``reviewRating`` is
written (a rating would be an invented verdict): the review's ``reviewAspect`` is ``attribution``
and its ``reviewBody`` says what was recorded. ``itemReviewed`` is a ``Claim`` with ``appearance``
(a ``CreativeWork`` per article that states it, with url, headline, datePublished and publisher),
``firstAppearance`` (the earliest of them) and ``author`` (the original source of the attribution
chain: its ``origin`` link, else the innermost cited source, else the outlet).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from graph.exports.rdf import resource_iri as rdf_resource_iri
from graph.snapshot import GraphSnapshot, Node
from ontology.model import Ontology, load_ontology

__all__ = ["REVIEWER", "claim_review", "claim_reviews", "claimreview_json", "resource_iri"]

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


def claim_review(snapshot: GraphSnapshot, claim: Node, onto: Ontology | None = None) -> dict[str, Any]:
    """The ``ClaimReview`` of one claim node (no ``@context``)."""
    onto = onto or load_ontology()
    article_ids = [rel.dst for rel in snapshot.outgoing(claim.id, "REPORTED_IN")]
    if claim.get("article_id") and claim.get("article_id") not in article_ids:
        article_ids.append(claim.get("article_id"))
    articles = [node for node in (snapshot.node(i) for i in article_ids) if node is not None]
    appearances = [_appearance(snapshot, onto, article) for article in articles]
    appearances.sort(key=lambda work: (work.get("datePublished") is None, work.get("datePublished", ""), work["@id"]))
    item: dict[str, Any] = {"@type": "Claim", "@id": resource_iri(onto, claim.id), "text": claim.get("text")}
    author = _original_source(snapshot, claim)
    if author:
        item["author"] = author
    if appearances:
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]
        if appearances[0].get("datePublished"):
            item["datePublished"] = appearances[0]["datePublished"]
    about = [snapshot.node(rel.dst) for rel in snapshot.outgoing(claim.id, "ABOUT")]
    things = []
    for node in about:
        if node is None:
            continue
        thing: dict[str, Any] = {"@type": "Thing", "@id": resource_iri(onto, node.id), "name": node.get("name")}
        if node.get("qid"):
            thing["sameAs"] = f"http://www.wikidata.org/entity/{node.get('qid')}"
        things.append(thing)
    if things:
        item["about"] = things
    chain = [snapshot.node(rel.dst) for rel in
             sorted(snapshot.outgoing(claim.id, "ATTRIBUTED_TO"), key=lambda rel: rel.get("position", 0))]
    names = [node.get("name", node.id) for node in chain if node is not None] or list(claim.get("attributed_to", []))
    body = f"Stated in {len(articles)} article(s)"
    if names:
        body += "; attributed to " + " \u2190 ".join(str(n) for n in names)
    body += f"; status: {claim.get('status', 'asserted')}. Attribution only, no truth rating."
    return {"@type": "ClaimReview", "@id": resource_iri(onto, claim.id) + "#review",
            "claimReviewed": claim.get("text"), "reviewAspect": "attribution", "reviewBody": body,
            "author": REVIEWER, "itemReviewed": item}


def claim_reviews(snapshot: GraphSnapshot, onto: Ontology | None = None) -> dict[str, Any]:
    """A JSON-LD document: ``@context`` schema.org and a ``@graph`` of reviews, one per claim."""
    onto = onto or load_ontology()
    return {"@context": "https://schema.org",
            "@graph": [claim_review(snapshot, claim, onto) for claim in snapshot.nodes_of("Claim")]}


def claimreview_json(snapshot: GraphSnapshot, onto: Ontology | None = None) -> str:
    """The JSON-LD document as indented text ending in a newline."""
    return json.dumps(claim_reviews(snapshot, onto), indent=2, ensure_ascii=False) + "\n"
