"""The investigator's Cypher cookbook (``docs/cypher.md``), parsed into runnable entries.

Each entry is a ``##`` heading (the title), one line saying what the query answers, optionally a
``Parameters: {"name": "value"}`` line (JSON, the defaults the tests run with) and a ``Dialect:
ladybug`` line for the few queries Neo4j cannot parse, then a fenced ``cypher`` block.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ontology.errors import InputError

__all__ = ["COOKBOOK_PATH", "CookbookQuery", "load_cookbook", "return_columns"]

COOKBOOK_PATH = Path(__file__).resolve().parents[1] / "docs" / "cypher.md"

_ENTRY = re.compile(r"^## +(?P<title>.+?)\n(?P<body>.*?)```cypher\n(?P<cypher>.*?)```", re.S | re.M)


@dataclass(frozen=True)
class CookbookQuery:
    """One cookbook entry: title, what it answers, the Cypher, default parameters, dialects."""

    title: str
    answers: str
    cypher: str
    params: dict[str, Any] = field(default_factory=dict)
    dialects: tuple[str, ...] = ("ladybug", "neo4j")

    @property
    def columns(self) -> list[str]:
        """The names the final RETURN gives its columns."""
        return return_columns(self.cypher)


def return_columns(cypher: str) -> list[str]:
    """Aliases of the last ``RETURN`` clause (every cookbook column is aliased with ``AS``).

    >>> return_columns("MATCH (n) RETURN n.name AS name, count(*) AS mentions ORDER BY mentions")
    ['name', 'mentions']
    """
    clause = re.split(r"\bRETURN\b", cypher, flags=re.I)[-1]
    clause = re.split(r"\b(?:ORDER\s+BY|LIMIT|SKIP)\b", clause, flags=re.I)[0]
    return re.findall(r"\bAS\s+(\w+)", clause, flags=re.I)


def load_cookbook(path: Path = COOKBOOK_PATH) -> list[CookbookQuery]:
    """Every entry of the cookbook, in file order.

    Raises
    ------
    InputError
        When the file is missing or an entry's ``Parameters`` line is not JSON.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(f"cannot read the Cypher cookbook: {err}", path=str(path)) from err
    entries: list[CookbookQuery] = []
    for match in _ENTRY.finditer(text):
        lines = [line.strip() for line in match["body"].strip().splitlines() if line.strip()]
        answers = next((line for line in lines if not line.startswith(("Parameters:", "Dialect:"))), "")
        params: dict[str, Any] = {}
        dialects: tuple[str, ...] = ("ladybug", "neo4j")
        for line in lines:
            if line.startswith("Parameters:"):
                try:
                    params = json.loads(line.removeprefix("Parameters:").strip().strip("`"))
                except json.JSONDecodeError as err:
                    raise InputError(f"{match['title']}: Parameters is not JSON: {err}", path=str(path)) from err
            elif line.startswith("Dialect:"):
                dialects = tuple(d.strip() for d in line.removeprefix("Dialect:").split(","))
        entries.append(CookbookQuery(match["title"].strip(), answers, match["cypher"].strip(), params, dialects))
    return entries
