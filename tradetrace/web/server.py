"""``tradetrace serve``: the pages over HTTP, read-only (a Starlette app, served by uvicorn).

Guarantees: the store is opened read-only (the engine refuses writes); only ``GET`` and ``HEAD`` are
answered (anything else is ``405``); no route takes Cypher; every response forbids requests to other
hosts through its Content-Security-Policy. Every page answers JSON with ``?format=json`` or
``Accept: application/json``, in the CLI's ``--format json`` shapes.
"""

from __future__ import annotations

import json
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from graph.store import GraphStore
from ontology.errors import InputError, NoPath, NotFound, TradetraceError
from tradetrace.web import adapter, pages
from tradetrace.web.drawing import dot_available

__all__ = ["CONTENT_SECURITY_POLICY", "LOCAL_NAMES", "create_app", "wants_json"]

CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
READ_METHODS = frozenset({"GET", "HEAD"})
LOCAL_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


def wants_json(request: Request) -> bool:
    """``?format=json``, or an ``Accept`` header that asks for JSON and not for HTML."""
    fmt = request.query_params.get("format")
    if fmt is not None:
        return fmt == "json"
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _int(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise InputError(f"{name} must be a whole number, got {raw!r}") from error
    if not low <= value <= high:
        raise InputError(f"{name} must be between {low} and {high}, got {value}")
    return value


def _text(request: Request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    return value or None


def _json_url(request: Request) -> str:
    """This page's address (path and query) asking for JSON."""
    url = request.url.include_query_params(format="json")
    return f"{url.path}?{url.query}"


class _ReadOnly(BaseHTTPMiddleware):
    """Refuses every method but GET and HEAD, and sets the security headers on every response."""

    async def dispatch(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if request.method not in READ_METHODS:
            response: Response = PlainTextResponse("read-only: only GET and HEAD are served\n", status_code=405,
                                                   headers={"Allow": "GET, HEAD"})
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response


def create_app(db: Path, host: str = "127.0.0.1") -> Starlette:
    """The web app over the store at ``db`` (opened read-only when the app starts).

    Requests must name the loopback address, ``localhost`` or ``host`` (the address served on) in their
    ``Host`` header; any other name gets ``400``, so a web page elsewhere cannot reach the store by
    pointing a name of its own at 127.0.0.1 (DNS rebinding).

    Raises
    ------
    StoreError
        When the app starts and the store cannot be opened.
    """
    state: dict[str, Any] = {}
    # One connection for the app's life; the engine's connection is not shared between threads.
    lock = threading.Lock()
    notices = [] if dot_available() else ["Graphviz's `dot` is not installed: drawings are left out "
                                          "(Debian: apt-get install graphviz)."]

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        with adapter.open_read_only(db) as store:
            state["store"] = store
            yield
            state.clear()

    def page_endpoint(build: Callable[[GraphStore, Request], pages.Page]) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            as_json = wants_json(request)
            try:
                with lock:
                    page = build(state["store"], request)
            except TradetraceError as error:
                status = 404 if isinstance(error, NotFound | NoPath) else 400 if isinstance(error, InputError) else 500
                if as_json:
                    return JSONResponse({"error": str(error)}, status_code=status)
                error_page = pages.Page("error.html", "Not found" if status == 404 else "Error", {"error": str(error)})
                return HTMLResponse(pages.render(error_page, notices=notices, json_url=_json_url(request)),
                                    status_code=status)
            if as_json:
                return Response(json.dumps(page.data, ensure_ascii=False, default=str), status_code=page.status,
                                media_type="application/json")
            return HTMLResponse(pages.render(page, notices=notices, json_url=_json_url(request)),
                                status_code=page.status)

        return endpoint

    def home(store: GraphStore, request: Request) -> pages.Page:
        return pages.home_page(store, _text(request, "q"))

    def entity(store: GraphStore, request: Request) -> pages.Page:
        return pages.entity_page(store, request.path_params["entity_id"])

    def route(store: GraphStore, request: Request) -> pages.Page:
        source, target = _text(request, "from"), _text(request, "to")
        if not source or not target:
            raise InputError("a route needs both ?from= and ?to= (names, aliases or ids)")
        return pages.route_page(store, source, target, good=_text(request, "good"),
                                chpl_tier=_text(request, "chpl_tier"), max_hops=_int(request, "max_hops", 4, 1, 8),
                                since=_text(request, "since"))

    def claim(store: GraphStore, request: Request) -> pages.Page:
        return pages.claim_page(store, request.path_params["claim_id"])

    def conflicts(store: GraphStore, _request: Request) -> pages.Page:
        return pages.conflicts_page(store)

    def goods(store: GraphStore, request: Request) -> pages.Page:
        return pages.goods_page(store, _text(request, "to"), request.query_params.get("chpl") in ("1", "true", "on"))

    static = StaticFiles(directory=str(resources.files("tradetrace.web").joinpath("static")))
    return Starlette(
        routes=[
            Route("/", page_endpoint(home), methods=["GET"]),
            Route("/entity/{entity_id:path}", page_endpoint(entity), methods=["GET"]),
            Route("/path", page_endpoint(route), methods=["GET"]),
            Route("/claim/{claim_id:path}", page_endpoint(claim), methods=["GET"]),
            Route("/conflicts", page_endpoint(conflicts), methods=["GET"]),
            Route("/goods", page_endpoint(goods), methods=["GET"]),
            Mount("/static", app=static, name="static"),
        ],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=sorted({*LOCAL_NAMES, host})),
                    Middleware(_ReadOnly)],
        lifespan=lifespan,
    )
