"""Builders of records for tests (our own texts only)."""

from __future__ import annotations

import datetime as dt

from ontology.ids import content_hash, make_id
from ontology.records import Article


def article_from_text(text: str, path: str = "fixture.txt", published: dt.date | None = None,
                      outlet: str | None = None) -> Article:
    """An Article with no boilerplate, hashed like the readers hash it."""
    digest = content_hash(text)
    return Article(id=make_id("article", digest), path=path, text=text, content_hash=digest, format="txt",
                   published=published, outlet=outlet)
