"""Usage errors that click finds (an unknown command or option, a bad or missing value), in
ctwp's one-line form: what went wrong; what to do."""

from __future__ import annotations

import re

from typer._click.exceptions import (  # typer vendors click; no public names for these
    BadOptionUsage,
    BadParameter,
    ClickException,
    MissingParameter,
    NoSuchOption,
)

from ctwp.core.suggest import did_you_mean

_NO_SUCH_COMMAND = re.compile(r"No such command (['\"])(.*?)\1\.")
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)")
_NEEDS_VALUE = re.compile(r"Option '(.*)' requires (?:an argument|\d+ arguments)")
_TAKES_NO_VALUE = re.compile(r"Option '(.*)' does not take a value")


def usage_line(error: ClickException, args: list[str], commands: list[str]) -> str:
    """``error`` as one line; ``args`` are the command line's and ``commands`` ctwp's commands,
    for the did-you-mean hints."""
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx else " ".join(["ctwp", *[arg for arg in args if arg in commands][:1]])
    see = f"see '{command} --help'"
    message = error.message
    if isinstance(error, NoSuchOption):
        options = [name for param in ctx.command.params for name in param.opts if name.startswith("--")] if ctx else []
        return f"unknown option {error.option_name}; {(options and did_you_mean(error.option_name, options)) or see}"
    if isinstance(error, MissingParameter) and error.param is not None:
        return f"missing {error.param.param_type_name} {_param_name(error)}; {see}"
    if isinstance(error, BadParameter) and error.param is not None:
        return f"{_param_name(error)}: {message.rstrip('.')}; {see}"
    if isinstance(error, BadOptionUsage) and (match := _NEEDS_VALUE.match(message)):
        return f"{match[1]} needs a value; {see}"
    if isinstance(error, BadOptionUsage) and (match := _TAKES_NO_VALUE.match(message)):
        return f"{match[1]} takes no value; {see}"
    if match := _NO_SUCH_COMMAND.match(message):
        return f"unknown command {match[2]!r}; {did_you_mean(match[2], commands)}"
    if match := _EXTRA_ARGUMENTS.match(message):
        extra = match[1].split()
        return f"unexpected argument{'s' * (len(extra) != 1)} {', '.join(map(repr, extra))}; {see}"
    return f"{message[:1].lower()}{message[1:].rstrip('.')}; {see}"


def _param_name(error: BadParameter) -> str:
    """The option as the user wrote it (its long name), or the argument's metavar."""
    param = error.param
    if param.param_type_name == "argument":
        return param.human_readable_name if param.metavar is None else param.metavar.strip(".[]")
    long_names = [name for name in param.opts if name.startswith("--")]
    return (long_names or param.opts)[0]
