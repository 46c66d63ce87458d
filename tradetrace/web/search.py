"""Search over entities, goods and claims for the front page, with "did you mean" on a miss.

Pure: works on the JSON rows of :func:`tradetrace.web.adapter.entity_index` and
:func:`tradetrace.web.adapter.claims`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz, process

from ontology.gazetteer import fold_surface

__all__ = ["MAX_RESULTS", "search"]

MAX_RESULTS = 50
SUGGESTIONS = 5
SUGGESTION_CUTOFF = 70.0


def search(entities: Sequence[dict[str, Any]], claims: Sequence[dict[str, Any]], query: str) -> dict[str, Any]:
    """Entities (goods included) whose name, alias or id contains the query, and claims whose text,
    metric or value does; when nothing matches, the closest names as ``suggestions``.

    Shape: ``{"query", "entities": [entities rows], "goods": [entity rows of type Good],
    "claims": [claims rows], "suggestions": [{"id", "name", "type"}]}``.

    Examples
    --------
    >>> rows = [{"id": "country:KG", "name": "Kyrgyzstan", "type": "Country", "aliases": ["Kirghizia"]}]
    >>> search(rows, [], "kirghizia")["entities"][0]["name"]
    'Kyrgyzstan'
    >>> search(rows, [], "Kyrgystan")["suggestions"][0]["name"]
    'Kyrgyzstan'
    """
    wanted = fold_surface(query)
    result: dict[str, Any] = {"query": query, "entities": [], "goods": [], "claims": [], "suggestions": []}
    if not wanted:
        return result
    hits = [e for e in entities
            if wanted in fold_surface(e["name"] or "") or wanted == e["id"].casefold()
            or any(wanted in fold_surface(a) for a in e.get("aliases", []))]
    result["entities"] = [e for e in hits if e["type"] != "Good"][:MAX_RESULTS]
    result["goods"] = [e for e in hits if e["type"] == "Good"][:MAX_RESULTS]
    fields = ("text", "metric", "value")
    result["claims"] = [c for c in claims if any(wanted in fold_surface(c.get(k) or "") for k in fields)][:MAX_RESULTS]
    if not hits and not result["claims"]:
        names: dict[str, dict[str, Any]] = {}
        for e in entities:
            for name in (e["name"], *e.get("aliases", [])):
                if name:
                    names.setdefault(fold_surface(name), e)
        found = process.extract(wanted, list(names), scorer=fuzz.WRatio, limit=SUGGESTIONS * 3,
                                score_cutoff=SUGGESTION_CUTOFF)
        seen: set[str] = set()
        for name, _score, _index in found:
            e = names[name]
            if e["id"] not in seen and len(seen) < SUGGESTIONS:
                seen.add(e["id"])
                result["suggestions"].append({"id": e["id"], "name": e["name"], "type": e["type"]})
    return result
