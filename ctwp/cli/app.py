"""The ``ctwp`` command: its commands, global options and the one error path.

Every expected failure (a usage error, a missing file, invalid data) is one line on stderr
and an exit code (see ``ctwp.errors``); anything else is a bug in ctwp, reported in one
line with exit code 3, or as a traceback with ``--debug``.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from typing import Annotated

import typer
from typer._click.exceptions import (
    ClickException,  # typer vendors click; no public name for it
)
from typer.core import TyperGroup

from ctwp import __version__
from ctwp.cli import (
    agencies_command,
    diff_command,
    due_command,
    export_command,
    list_command,
    new_command,
    recs_command,
    render_command,
    schema_command,
    show_command,
    site_command,
    status_command,
    validate_command,
)
from ctwp.cli.usage_errors import usage_line
from ctwp.errors import CtwpError

EXIT_BUG = 3


class _Group(TyperGroup):
    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        args = sys.argv[1:] if args is None else list(args)
        try:
            with without_cycle_collection():
                code = super().main(args, prog_name or "ctwp", complete_var, standalone_mode=False, **extra)
        except ClickException as error:
            if not error.format_message():  # the help, shown for a command given nothing
                sys.exit(error.exit_code)
            _fail(usage_line(error, args, list(self.commands)), error.exit_code)
        except CtwpError as error:
            _fail(str(error), error.exit_code)
        except typer.Abort:
            _fail("interrupted", 130)
        except Exception as error:
            if "--debug" in args:
                raise
            _fail(f"internal error ({type(error).__name__}: {error}); run again with --debug for the traceback", EXIT_BUG)
        sys.exit(code if isinstance(code, int) else 0)


@contextlib.contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Run a command without the cycle collector: a command builds up to millions of small
    objects and no reference cycles, and the collector, walking them again and again, would
    make large data sets take more than linear time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _fail(message: str, code: int) -> None:
    print(f"ctwp: error: {message}", file=sys.stderr)
    sys.exit(code)


app = typer.Typer(
    cls=_Group,
    name="ctwp",
    help="New Zealand's Counter-Terrorism Work Programme as validated data: validate, query, diff.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        print(f"ctwp {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback when ctwp itself fails.")] = False,
) -> None:
    """New Zealand's Counter-Terrorism Work Programme as validated data: validate, query, diff."""


app.command("validate")(validate_command.validate)
app.command("list")(list_command.list_items)
app.command("due")(due_command.due)
app.command("status")(status_command.status)
app.command("show")(show_command.show)
app.command("agencies")(agencies_command.agencies)
app.command("recs")(recs_command.recs)
app.command("diff")(diff_command.diff)
app.command("new")(new_command.new)
app.command("schema")(schema_command.schema)
app.command("render")(render_command.render)
app.command("export")(export_command.export)
app.command("site")(site_command.site)


def run() -> None:
    app()
