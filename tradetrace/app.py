"""The ``tradetrace`` command line: the typer app, its commands, and the error boundary.

The CLI is the only place that prints or exits. The boundary is the app's own command group: any
:class:`ontology.errors.TradetraceError` raised by any command becomes a one-line ``error: ...`` on stderr
and exit status 1, with no traceback. Batch commands report bad files one by one, finish the rest, and
exit 1 at the end.

The commands live in :mod:`tradetrace.commands`, one module per family; this module registers them in the
order ``--help`` lists them. The shared options are in :mod:`tradetrace.options`, the terminal in
:mod:`tradetrace.console`.
"""

from __future__ import annotations

import signal
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from ontology.errors import TradetraceError
from tradetrace.commands import export, ingest, investigate, store
from tradetrace.console import print_error

__all__ = ["app", "main"]


class _ErrorBoundary(TyperGroup):
    """The root command group: turns a :class:`TradetraceError` from any command into a message and exit 1."""

    # typer vendors its own click; its Context type is private, hence Any for the context.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TradetraceError as error:
            print_error(str(error))
            raise typer.Exit(1) from error


app = typer.Typer(
    name="tradetrace",
    help="Sourced triples about goods, suppliers and claims, extracted from news articles.",
    cls=_ErrorBoundary,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for command in (ingest.ingest, ingest.extract, store.entities, store.cypher, store.stats, store.check, investigate.path,
                investigate.goods, investigate.claims, investigate.provenance, investigate.corroborate,
                investigate.conflicts):
    app.command()(command)
app.add_typer(export.push_app, name="push")
app.add_typer(export.export_app, name="export")


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, like KeyboardInterrupt, so that no ``except Exception`` swallows
    it: the transaction in flight rolls back (or, past its COMMIT, completes) on the way out."""


#: Exit status after SIGTERM (128 + 15, as a shell reports a process it terminated).
TERMINATED_EXIT = 143


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main() -> None:
    """Console-script entry point. SIGTERM is handled like SIGINT: the work in flight stops at the next
    Python instruction, a transaction in flight rolls back, and the process exits 143."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except Terminated:
        print_error("terminated (SIGTERM): the transaction in flight, if any, was rolled back; "
                    "run the same command again to complete it")
        sys.exit(TERMINATED_EXIT)
