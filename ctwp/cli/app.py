"""The ``ctwp`` command: its commands, global options and the one error path.

Every expected failure (a usage error, a missing file, invalid data) is one line on stderr
and an exit code (see ``ctwp.core.errors``). The environment failing (a full disk) is one line
and exit code 4; a reader that goes away (``ctwp list | head -1``) ends ctwp silently, with
the exit status of a tool ended by SIGPIPE. Anything else is a bug in ctwp, reported in one
line with exit code 3, or as a traceback with ``--debug``.
"""

from __future__ import annotations

import gc

# Importing typer and a command builds many objects and no garbage, so the cycle collector,
# run every few hundred new objects, only costs start-up time: off while this module loads
# (as it is while a command runs), then as it was, for those who import the app (tests).
_COLLECTING = gc.isenabled()
gc.disable()

import atexit
import contextlib
import copy
import errno
import functools
import importlib
import inspect
import io
import os
import re
import sys
import types
from collections.abc import Iterator
from typing import Annotated, NoReturn

import typer
from typer._click.exceptions import (
    ClickException,  # typer vendors click; no public name for it
)
from typer.core import TyperCommand, TyperGroup

from ctwp import __version__
from ctwp.core.errors import EXIT_BUG, EXIT_CLOSED_PIPE, EXIT_ENVIRONMENT, CtwpError, one_line

# Every command: its name, and the function that runs it, as "module:function" in ctwp.cli.
# A command's module is imported only when that command runs (or a help lists it), so
# start-up does not grow with the number of commands.
COMMANDS = {
    "validate": "validate_command:validate",
    "list": "list_command:list_items",
    "due": "due_command:due",
    "status": "status_command:status",
    "show": "show_command:show",
    "agencies": "agencies_command:agencies",
    "recs": "recs_command:recs",
    "diff": "diff_command:diff",
    "report": "report_command:report",
    "new": "new_command:new",
    "schema": "schema_command:schema",
    "render": "render_command:render",
    "export": "export_command:export",
    "site": "site_command:site",
}


class _ClosedPipe(Exception):
    """The reader of stdout or stderr has gone; raised past click, which would exit 1."""


class _Group(TyperGroup):
    def list_commands(self, ctx) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx, name: str):
        return _build_command(name) if name in COMMANDS else None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _ClosedPipe from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        args = sys.argv[1:] if args is None else list(args)
        try:
            with without_cycle_collection():
                code = super().main(args, prog_name or "ctwp", complete_var, standalone_mode=False, **extra)
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        except (_ClosedPipe, BrokenPipeError):
            _quit_silently()
        except ClickException as error:
            if not error.format_message():  # the help, shown for a command given nothing
                sys.exit(error.exit_code)
            from ctwp.cli.usage_errors import usage_line

            _fail(usage_line(error, args, list(COMMANDS)), error.exit_code)
        except CtwpError as error:
            _fail(str(error), error.exit_code)
        except typer.Abort:
            _fail("interrupted", 130)
        except OSError as error:
            # What is not handled where it happens is writing to stdout or stderr.
            if "--debug" in args:
                raise
            hint = "free some space, or write elsewhere" if error.errno in (errno.ENOSPC, errno.EDQUOT) else None
            _forget_unwritten_output()
            _fail(f"cannot write the output: {(error.strerror or str(error)).lower()}" + (f"; {hint}" if hint else ""), EXIT_ENVIRONMENT)
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


_LONGEST_MESSAGE = 1000  # characters; values in messages are shortened already, this is the backstop


def _fail(message: str, code: int) -> None:
    message = one_line(message)
    if len(message) > _LONGEST_MESSAGE:
        message = message[: _LONGEST_MESSAGE - 1] + "…"
    with contextlib.suppress(OSError):
        print(f"ctwp: error: {message}", file=sys.stderr, flush=True)
    sys.exit(code)


def _quit_silently() -> None:
    _forget_unwritten_output()
    sys.exit(EXIT_CLOSED_PIPE)


def _forget_unwritten_output() -> None:
    """Point stdout at /dev/null, so that output still buffered is not written (and failing
    again) at exit."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


SUMMARY = (
    "New Zealand's Counter-Terrorism Work Programme as validated data: validate the editions and progress reports; "
    "query items, due dates and each milestone's state; record progress; draft the next edition; diff editions "
    "and revisions; render documents, export calendars and publish a static site."
)

app = typer.Typer(
    cls=_Group,
    name="ctwp",
    help=SUMMARY,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        print(f"ctwp {__version__}")
        raise typer.Exit()


@app.callback(help=SUMMARY)
def _global_options(
    version: Annotated[
        bool, typer.Option("--version", "-V", "-v", callback=_show_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback when ctwp itself fails.")] = False,
) -> None:
    """The options that come before any command; the help is SUMMARY."""


@functools.cache  # a program that runs commands again and again (the tests) builds each once
def _build_command(name: str):
    """The click command ``name``, built from its function as typer builds a registered one."""
    module, function_name = COMMANDS[name].split(":")
    function = getattr(importlib.import_module(f"ctwp.cli.{module}"), function_name)
    # Each paragraph of the docstring as one line, so that the help wraps at the terminal's
    # width instead of breaking where the source does; the first paragraph is the summary.
    paragraphs = [_help_paragraph(paragraph) for paragraph in inspect.cleandoc(function.__doc__ or "").split("\n\n")]
    single = typer.Typer(add_completion=False)
    single.command(name, cls=_Command, help="\n\n".join(paragraphs) or None, short_help=paragraphs[0] or None)(function)
    return typer.main.get_command(single)


def _help_paragraph(paragraph: str) -> str:
    """A docstring paragraph as the help shows it: one line, except examples, which keep
    their lines (one command a line)."""
    return paragraph if paragraph.startswith("Example") else " ".join(paragraph.split())


class _Command(TyperCommand):
    def format_help_text(self, ctx, formatter) -> None:
        # Rich help keeps a paragraph's lines; click's plain help (docs/reference.md) rewraps
        # every paragraph but one that starts with a line holding only \b. Said by a copy: the
        # command is shared by every run in the process.
        plain = copy.copy(self)
        plain.help = self.help and re.sub(r"(?m)^(?=Example)", "\b\n", self.help)
        super(_Command, plain).format_help_text(ctx, formatter)


def run() -> None:
    _without_pydantic_plugins()
    try:
        app()
    except SystemExit as leaving:
        _leave(leaving)


def _leave(leaving: SystemExit) -> NoReturn:
    """End the process as ``leaving`` says, without the interpreter's teardown when nothing is
    left for it to do: freeing every module and object a command loaded takes a tenth of a
    short command's time. Left to Python when anything is registered to run at exit or another
    thread runs, or when the standard streams cannot be flushed (its message and exit status)."""
    threading = sys.modules.get("threading")
    at_exit = getattr(atexit, "_ncallbacks", lambda: 1)()  # CPython's count; elsewhere, assume there are some
    code = 0 if leaving.code is None else leaving.code
    if not isinstance(code, int) or at_exit or (threading and threading.active_count() > 1):
        raise leaving
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise leaving from None
    os._exit(code)


def _without_pydantic_plugins() -> None:
    """Run with no pydantic plugins: ctwp's models take none, and looking for them imports
    importlib.metadata and reads every installed package's metadata, a sixth of the time of a
    query that validates. (PYDANTIC_DISABLE_PLUGINS skips the reading, not the import.) Only the
    ctwp command does this; a program that imports ctwp keeps its plugins."""
    if "pydantic.plugin._loader" not in sys.modules:
        loader = types.ModuleType("pydantic.plugin._loader")
        loader.get_plugins = tuple  # no plugins
        sys.modules["pydantic.plugin._loader"] = loader


if _COLLECTING:
    gc.enable()
