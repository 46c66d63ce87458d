"""Citable evidence: the sentence around a span, shortened, with the span marked, and where it was published.

An evidence cell of a table reads ``…the sentence with «the span» in it… — Outlet, 2023-11-14, URL``: what
an investigator pastes into a footnote. The sentence is cut out of the stored article text around the
span's character offsets; when the article text is not at hand the stored sentence (or the claim text) is
shown as it is, unmarked.

Presentation only: the records come from :mod:`queries`; this module reads nothing but the article texts
the cells need (:func:`load_sources`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from graph.store import ArticleText, GraphStore, view_of
from queries.claims import ArticleRef

__all__ = ["MARK_END", "MARK_START", "ArticleSource", "Citation", "cite", "load_sources", "origin_name"]

MARK_START = "«"
MARK_END = "»"
ELLIPSIS = "…"
CONTEXT = 90
"""Characters kept on each side of the span when its sentence is longer than the cell allows."""

# A sentence ends at . ! ? (with closing quotes or brackets) before white space and a capital, a digit or
# an opening quote, or at a line break: "Co., Ltd. shipped" and "U.S. officials" go on.
_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*[ \t]+(?=["'“‘(\[]?[A-Z0-9À-ÖØ-Þ])|\n\s*""")


#: What a citation needs of an article beyond its :class:`~queries.claims.ArticleRef`: text and file.
ArticleSource = ArticleText


@dataclass(frozen=True)
class Citation:
    """A quotable piece of evidence: the (shortened) sentence with the span marked, and the article."""

    quote: str
    article: ArticleRef
    path: str | None = None
    start: int | None = None
    end: int | None = None

    @property
    def where(self) -> str:
        """Outlet, date and URL (or the file when there is no URL), comma-separated; the title stands in for
        a missing outlet, the article id for a missing everything."""
        parts = [self.article.outlet or self.article.title or "", self.article.published or "",
                 self.article.url or self.path or ""]
        where = ", ".join(p for p in parts if p)
        return where or self.article.id

    def cell(self, multiline: bool = False) -> str:
        """The table cell: quote and where, on two lines or joined by an em dash."""
        return f"{self.quote}\n{self.where}" if multiline else f"{self.quote} — {self.where}"

    def json(self) -> dict[str, Any]:
        """The citation as JSON: quote, span, article id, title, outlet, date, URL and file."""
        return {"quote": self.quote, "start": self.start, "end": self.end, "article_id": self.article.id,
                "title": self.article.title, "outlet": self.article.outlet, "published": self.article.published,
                "url": self.article.url, "path": self.path}


def load_sources(store: GraphStore, article_ids: Iterable[str]) -> dict[str, ArticleSource]:
    """Text and file of each of these stored articles, by id (one typed read of the store's view)."""
    return view_of(store).article_texts(article_ids)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence (or sentences) that hold ``text[start:end]``."""
    begin = 0
    # Search a character past the span's start: the look-ahead for a capital must see the span's first one.
    for match in _SENTENCE_END.finditer(text, 0, min(len(text), start + 1)):
        if match.end() <= start:
            begin = match.end()
    after = _SENTENCE_END.search(text, max(end - 1, begin))
    finish = after.start() + len(after.group().rstrip()) if after else len(text)
    return begin, max(finish, end)


def cite(article: ArticleRef, start: int | None, end: int | None, sources: dict[str, ArticleSource],
         fallback: str | None = None, context: int = CONTEXT) -> Citation:
    """The citation of ``article``'s span ``[start:end]``: its sentence, cut to ``context`` characters
    each side of the span, with the span between ``«`` and ``»``.

    ``fallback`` (a stored sentence or claim text) is quoted as it is when the article text or the span
    is missing or does not fit the text.

    Examples
    --------
    >>> text = "Intro line.\\nExports rose 73% in 2023, the Council said. Next sentence."
    >>> cite(ArticleRef("article:1", outlet="Wire"), 25, 28, {"article:1": ArticleSource(text, "a.txt")}).quote
    'Exports rose «73%» in 2023, the Council said.'
    """
    source = sources.get(article.id)
    path = source.path if source else None
    text = source.text if source else None
    if text is None or start is None or end is None or not 0 <= start < end <= len(text):
        quote = " ".join((fallback or "").split())
        return Citation(quote, article, path, start, end)
    begin, finish = _sentence_bounds(text, start, end)
    left, span, right = text[begin:start], text[start:end], text[end:finish]
    if len(left) > context:
        left = ELLIPSIS + left[-context:].split(" ", 1)[-1]
    if len(right) > context:
        right = right[:context].rsplit(" ", 1)[0] + ELLIPSIS
    quote = " ".join(f"{left}{MARK_START}{span}{MARK_END}{right}".split())
    return Citation(quote, article, path, start, end)


def origin_name(origin: str, articles: dict[str, ArticleRef], sources: dict[str, ArticleSource]) -> str:
    """An origin as a person reads it: an article id (a report that names no source in an article with no
    outlet) becomes the article's title, else its file name."""
    if not origin.startswith("article:"):
        return origin
    article = articles.get(origin)
    if article is not None and article.title:
        return article.title
    source = sources.get(origin)
    if source is not None and source.path:
        return PurePath(source.path).name
    return origin
