"""The local web view: ``tradetrace serve`` (a read-only web app over a store) and ``tradetrace view``
(the same pages as self-contained HTML files).

Layout: :mod:`~tradetrace.web.adapter` is the only module that calls the query layer;
:mod:`~tradetrace.web.pages` builds each page from the adapter's JSON shapes;
:mod:`~tradetrace.web.drawing` draws routes and provenance trees with Graphviz;
:mod:`~tradetrace.web.server` serves the pages; ``templates/`` and ``static/`` hold our HTML, CSS and JS.
"""

__all__: list[str] = []
