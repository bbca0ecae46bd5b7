"""Expected failures, each with the exit code that tells a caller what happened."""

from __future__ import annotations

EXIT_INVALID = 1  # invalid data, or differences when they were asked for
EXIT_USAGE = 2  # a bad option, argument, path or period


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
