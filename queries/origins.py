"""Origins: the sources a report's attribution chain names, and the outlet a report without one counts as.

A report's *named sources* are the links of its chain that name a source: generic sources ("trade data",
"U.S. officials") and the publishing outlet are not. A report that names no source counts as its outlet,
by name (the article's outlet, else the outlet link of its chain, else the host of its URL, else its
title; never an article id). Two reports whose named sources meet at any link depend on that link (see
:func:`queries.corroborate.independent_origins`).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from graph.store import ArticleRef, SourceLink
from ontology.gazetteer import fold_surface
from queries.vocabulary import generic_forms

UNKNOWN_OUTLET = "unknown outlet"
"""How a report is shown whose article has no outlet, URL or title (its key stays the article's)."""

__all__ = ["UNKNOWN_OUTLET", "generic_forms", "named_origin", "named_sources", "origin_key", "outlet_origin",
           "source_key"]


def named_origin(chain: Sequence[SourceLink], *, generic: frozenset[str]) -> str | None:
    """The innermost link of a chain that names a source, or ``None``.

    Generic sources ("trade data", and the folded names in ``generic``) are skipped, and so is the
    publishing outlet: a chain that is only the outlet states no source (the report then counts as its
    outlet, see :func:`origin_key`).
    """
    for link in reversed(chain):
        if link.role != "outlet" and not (link.generic or fold_surface(link.name) in generic):
            return link.name
    return None


def source_key(name: str) -> str:
    """The key two spellings of one source share (``the Wall Street Journal`` = ``Wall Street Journal``)."""
    return f"source:{fold_surface(name)}"


def _is_generic(link: SourceLink, generic: frozenset[str]) -> bool:
    return link.generic or fold_surface(link.name) in generic


def named_sources(chain: Sequence[SourceLink], *, generic: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """The ``(key, name)`` of every link of a chain that names a source, outermost first.

    Generic sources (typed so, or folded names in ``generic``) and the publishing outlet are skipped; a
    source named twice is listed once.

    Examples
    --------
    >>> chain = [SourceLink(0, "Ukrainska Pravda", "outlet"), SourceLink(1, "Wall Street Journal"),
    ...          SourceLink(2, "Bank of Finland"), SourceLink(3, "trade data", type="GenericSource")]
    >>> [name for _key, name in named_sources(chain, generic=frozenset())]
    ['Wall Street Journal', 'Bank of Finland']
    """
    seen: dict[str, str] = {}
    for link in chain:
        if link.role != "outlet" and not _is_generic(link, generic):
            seen.setdefault(source_key(link.name), link.name)
    return tuple(seen.items())


def outlet_origin(chain: Sequence[SourceLink], article: ArticleRef) -> tuple[str, str]:
    """The ``(key, name)`` a report that names no source counts as: its outlet, by name.

    The article's outlet; else the chain's outlet link; else the host of the article's URL; else (no
    outlet known at all) the article's title or, last, :data:`UNKNOWN_OUTLET`; never an article id. The
    key of the last two is the article's own, so two such reports stay two origins.

    Examples
    --------
    >>> outlet_origin([], ArticleRef("article:1", url="https://www.example-times.test/2023/x"))
    ('source:example-timestest', 'example-times.test')
    """
    if article.outlet:
        return source_key(article.outlet), article.outlet
    for link in chain:
        if link.role == "outlet":
            return source_key(link.name), link.name
    host = urlsplit(article.url).hostname if article.url else None
    if host:
        host = host.removeprefix("www.")
        return source_key(host), host
    return f"article:{article.id}", article.title or UNKNOWN_OUTLET


def origin_key(chain: Sequence[SourceLink], article: ArticleRef, *, generic: frozenset[str]) -> tuple[str, str]:
    """The original source of one report, as ``(key, display name)``.

    The innermost link of the chain that names a source (generic sources skipped); else the report's
    outlet (:func:`outlet_origin`). ``generic`` holds the folded names of generic sources
    (:func:`generic_forms` of a gazetteer).

    Examples
    --------
    >>> chain = [SourceLink(0, "Ukrainska Pravda", "outlet"), SourceLink(1, "Wall Street Journal"),
    ...          SourceLink(2, "trade data", type="GenericSource")]
    >>> origin_key(chain, ArticleRef("article:1"), generic=frozenset())
    ('source:wall street journal', 'Wall Street Journal')
    >>> origin_key([], ArticleRef("article:1", outlet="Ukrainska Pravda"), generic=frozenset())
    ('source:ukrainska pravda', 'Ukrainska Pravda')
    """
    for link in reversed(chain):
        if not _is_generic(link, generic):
            return source_key(link.name), link.name
    return outlet_origin(chain, article)
