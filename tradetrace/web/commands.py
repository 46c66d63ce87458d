"""``tradetrace serve`` and ``tradetrace view path|claim``: the web view's commands, registered by
:mod:`tradetrace.app`.

They live in the web package rather than :mod:`tradetrace.commands` because the web layer reads the
CLI's JSON shapes from :mod:`tradetrace.commands.investigate` (through its adapter): a command module
importing the web package would close an import circle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradetrace.console import err, print_warning
from tradetrace.options import DEFAULT_DB, DbOption, open_read_only

__all__ = ["serve", "view_app", "view_claim", "view_path"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")
OutputOption = Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.", dir_okay=False)]


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to bind (loopback unless told).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8765,
) -> None:
    """Serve a local, read-only web view of the store: search, entities, routes, provenance, conflicts, goods."""
    import uvicorn

    from tradetrace.web.drawing import dot_available
    from tradetrace.web.server import create_app

    with open_read_only(db):  # a missing or broken store fails here, in one line, not inside the server;
        pass                  # what opening it recovered is printed here too
    if host not in LOOPBACK:
        print_warning(f"serving on {host}: anyone who can reach it can read the store")
    if not dot_available():
        print_warning("Graphviz's `dot` is not installed: pages will have no drawings "
                      "(Debian: apt-get install graphviz)")
    err.print(f"serving {db} read-only on http://{host}:{port}/ (Ctrl-C to stop)", highlight=False)
    uvicorn.run(create_app(db, host=host), host=host, port=port, log_level="warning")


view_app = typer.Typer(help="Write a page as one self-contained HTML file (opens from disk, no network).",
                       no_args_is_help=True)


def _warn_without_drawing(extras: dict[str, object]) -> None:
    if extras.get("drawing_error"):
        print_warning(f"no drawing: {extras['drawing_error']}")


@view_app.command("path")
def view_path(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Supplier: name, alias or id.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Recipient: name, alias or id.")],
    output: OutputOption,
    db: DbOption = DEFAULT_DB,
    good: Annotated[str | None, typer.Option("--good", "-g", help="Only routes of this good.")] = None,
    chpl_tier: Annotated[str | None, typer.Option("--chpl-tier", help="Only goods of this CHPL tier.")] = None,
    max_hops: Annotated[int, typer.Option("--max-hops", min=1, help="Longest route in legs.")] = 4,
    since: Annotated[str | None, typer.Option("--since", help="Only legs dated on/after (YYYY[-MM[-DD]]).")] = None,
) -> None:
    """The route page from FROM to TO, drawn, with every hop's evidence, as one HTML file."""
    from tradetrace.web.pages import route_page, write_standalone

    with open_read_only(db) as store:
        page = route_page(store, source, target, good=good, chpl_tier=chpl_tier, max_hops=max_hops, since=since)
        write_standalone(page, output)
    _warn_without_drawing(page.extras)
    err.print(f"wrote {output}: {len(page.data)} route(s)", highlight=False)


@view_app.command("claim")
def view_claim(
    claim: Annotated[str, typer.Argument(metavar="CLAIM_ID_OR_TEXT", help="A claim id or part of its text.")],
    output: OutputOption,
    db: DbOption = DEFAULT_DB,
) -> None:
    """The claim's provenance tree with every report, as one HTML file."""
    from tradetrace.web.pages import claim_page, write_standalone

    with open_read_only(db) as store:
        page = claim_page(store, claim)
        write_standalone(page, output)
    _warn_without_drawing(page.extras)
    err.print(f"wrote {output}: {len(page.data['reports'])} report(s), "
              f"{page.data['independent_origins']} independent origin(s)", highlight=False)
