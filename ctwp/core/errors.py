"""Expected failures, each with the exit code that tells a caller what happened; and the
words messages share: values echoed safely, counts with their plurals."""

from __future__ import annotations

import re

EXIT_INVALID = 1  # invalid data, or differences when they were asked for
EXIT_USAGE = 2  # a bad option, argument, path or period
EXIT_BUG = 3  # a bug in ctwp: no input may reach it
EXIT_ENVIRONMENT = 4  # the environment failed: a file that cannot be written, a full disk
EXIT_CLOSED_PIPE = 141  # the reader of the output went away: 128 + SIGPIPE, as a shell reports a tool it ends


class CtwpError(Exception):
    """A failure the user can act on: shown as one line, never as a traceback."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class UsageError(CtwpError):
    exit_code = EXIT_USAGE


class InvalidDataError(CtwpError):
    exit_code = EXIT_INVALID


class EnvironmentFailure(CtwpError):
    exit_code = EXIT_ENVIRONMENT


# What a terminal would act on rather than show: C0 and C1 controls (ESC starts a terminal
# command), DEL, the line and paragraph separators, and the bidirectional controls, which
# reorder what follows them (a path could be made to read as another).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
SHOWN_LENGTH = 60  # characters of a value a message echoes


def one_line(text: str) -> str:
    """``text`` with those characters escaped (``\\x1b``, ``\\u202e``), so that a message stays
    one line and reads as it was written. Every line ctwp writes on stderr goes through it."""
    return _CONTROL.sub(lambda match: repr(match[0])[1:-1], text)  # Python escapes every one of them


def shown(value: object, limit: int = SHOWN_LENGTH) -> str:
    """A value as a message echoes it: quoted, escaped, and shortened when long."""
    text = str(value)
    if len(text) > limit:
        return f"{one_line(repr(text[: limit - 1] + '…'))} ({len(text):,} characters)"
    return one_line(repr(text))


def counted(number: int, noun: str) -> str:
    """``1 year``, ``2 years``, ``100,000 items``."""
    return f"{number:,} {noun}{'s' * (number != 1)}"
