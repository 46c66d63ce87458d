"""The ``tradetrace`` command line: the typer app, its commands, and the error boundary.

The CLI is the only place that prints or exits. The boundary is the app's own command group: any
:class:`ontology.errors.TradetraceError` raised by any command becomes a one-line ``error: ...`` on stderr
and exit status 1, with no traceback. A look-up that names nothing stored (:class:`~ontology.errors.NotFound`,
with "did you mean ...") or several things (:class:`~ontology.errors.Ambiguous`, with the candidates listed
on stderr) exits 2, as a usage error does: the command was fine, the words need changing. Batch commands
report bad files one by one, finish the rest, and exit 1 at the end.

The commands live in :mod:`tradetrace.commands`, one module per family; this module registers them in the
order ``--help`` lists them. The shared options are in :mod:`tradetrace.options`, the terminal in
:mod:`tradetrace.console`.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ontology.errors import Ambiguous, NotFound, TradetraceError
from tradetrace import __version__
from tradetrace.commands import export, ingest, investigate, store
from tradetrace.console import print_error, print_note
from tradetrace.web import commands as web

LOOKUP_EXIT = 2
"""Exit status of a look-up that matches nothing or several things."""

INTERNAL_EXIT = 70
"""Exit status of an unexpected internal error (EX_SOFTWARE of sysexits.h)."""

__all__ = ["app", "main"]


class _ErrorBoundary(TyperGroup):
    """The root command group: turns a :class:`TradetraceError` from any command into a message and exit 1."""

    # typer vendors its own click; its Context type is private, hence Any for the context.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except Ambiguous as error:
            print_error(str(error))
            for candidate_id, description in error.candidates:
                print_note(f"  {candidate_id}  {description}")
            raise typer.Exit(LOOKUP_EXIT) from error
        except NotFound as error:
            print_error(str(error))
            raise typer.Exit(LOOKUP_EXIT) from error
        except TradetraceError as error:
            print_error(str(error))
            raise typer.Exit(1) from error
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as error:  # a defect of ours: say so in one line, no traceback unless asked for
            if os.environ.get("TRADETRACE_DEBUG"):
                raise
            print_error(f"internal error ({type(error).__name__}: {error}); nothing more was written. "
                        "Run again with TRADETRACE_DEBUG=1 for the traceback, and please report it")
            raise typer.Exit(INTERNAL_EXIT) from error


app = typer.Typer(
    name="tradetrace",
    help="Sourced triples about goods, suppliers and claims, extracted from news articles.",
    cls=_ErrorBoundary,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)



def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"tradetrace {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Sourced triples about goods, suppliers and claims, extracted from news articles."""


for command in (ingest.ingest, ingest.extract, store.entities, store.cypher, store.stats, store.check, store.recluster,
                investigate.path, investigate.goods, investigate.claims, investigate.provenance,
                investigate.corroborate, investigate.conflicts):
    app.command()(command)
app.add_typer(export.push_app, name="push")
app.add_typer(export.export_app, name="export")
app.command()(web.serve)
app.add_typer(web.view_app, name="view")


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, like KeyboardInterrupt, so that no ``except Exception`` swallows
    it: the transaction in flight rolls back (or, past its COMMIT, completes) on the way out."""


#: Exit status after SIGTERM (128 + 15, as a shell reports a process it terminated).
TERMINATED_EXIT = 143


_signalled: list[bool] = []  # non-empty once SIGTERM arrived


def _terminate(signum: int, frame: object) -> None:
    _signalled.append(True)
    raise Terminated


def _quiet_termination(report: Any) -> None:
    """An unraisable-exception hook that drops :class:`Terminated`: raised while the storage engine was in a
    callback of its own (it checks the signal handlers before a query), it cannot stop the work, and
    :func:`main` reports the signal once the command is done."""
    if not isinstance(report.exc_value, Terminated):
        sys.__unraisablehook__(report)


def main() -> None:
    """Console-script entry point. SIGTERM is handled like SIGINT: the work in flight stops at the next
    Python instruction, a transaction in flight rolls back, and the process exits 143. A SIGTERM that
    arrives inside the storage engine's own callback cannot interrupt it: the command then finishes, and
    the process still exits 143."""
    signal.signal(signal.SIGTERM, _terminate)
    sys.unraisablehook = _quiet_termination
    try:
        app()
    except Terminated:
        print_error("terminated (SIGTERM): the transaction in flight, if any, was rolled back; "
                    "run the same command again to complete it")
        sys.exit(TERMINATED_EXIT)
    except SystemExit:
        if not _signalled:
            raise
    if _signalled:
        print_error("terminated (SIGTERM): the signal came inside the storage engine, which completed the "
                    "command first")
        sys.exit(TERMINATED_EXIT)
