"""Origins: the original source a report's attribution chain names.

A report's origin is the innermost link of its chain that names a source, generic sources ("trade data",
"U.S. officials") skipped; a report that names no source counts as its outlet.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from ontology.gazetteer import fold_surface, load_gazetteer
from queries.claims import ArticleRef, SourceLink

__all__ = ["generic_source_names", "named_origin", "origin_key"]


@cache
def generic_source_names() -> frozenset[str]:
    """Folded names and aliases of the packaged generic sources ("trade data", "U.S. officials")."""
    gazetteer = load_gazetteer()
    forms = set()
    for entity in gazetteer.entities.values():
        if entity.type == "GenericSource":
            forms |= {fold_surface(entity.name), *(fold_surface(a) for a in entity.aliases)}
    return frozenset(forms)


def named_origin(chain: Sequence[SourceLink]) -> str | None:
    """The innermost link of a chain that names a source, or ``None``.

    Generic sources ("trade data") are skipped, and so is the publishing outlet: a chain that is only
    the outlet states no source (the report then counts as its outlet, see :func:`origin_key`).
    """
    generic = generic_source_names()
    for link in reversed(chain):
        if link.role != "outlet" and not (link.generic or fold_surface(link.name) in generic):
            return link.name
    return None


def origin_key(chain: Sequence[SourceLink], article: ArticleRef) -> tuple[str, str]:
    """The original source of a report, as ``(key, display name)``.

    The innermost link of the chain that names a source (generic sources skipped); else the
    article's outlet; else the article id.

    Examples
    --------
    >>> chain = [SourceLink(0, "Ukrainska Pravda", "outlet"), SourceLink(1, "Wall Street Journal"),
    ...          SourceLink(2, "trade data", type="GenericSource")]
    >>> origin_key(chain, ArticleRef("article:1"))
    ('source:wall street journal', 'Wall Street Journal')
    >>> origin_key([], ArticleRef("article:1", outlet="Ukrainska Pravda"))
    ('source:ukrainska pravda', 'Ukrainska Pravda')
    """
    generic = generic_source_names()
    for link in reversed(chain):
        if link.generic or fold_surface(link.name) in generic:
            continue
        return f"source:{fold_surface(link.name)}", link.name
    if article.outlet:
        return f"source:{fold_surface(article.outlet)}", article.outlet
    return f"article:{article.id}", article.id
