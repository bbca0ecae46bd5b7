"""Limits that keep hostile input from taking unbounded time or memory.

Each is set far above what a real programme file needs, and can be changed with an
environment variable.
"""

from __future__ import annotations

import os

from ctwp.core.errors import UsageError, shown

DEFAULT_MAX_FILE_MB = 20  # a real year file is about 10 KB, some 450 bytes an item
DEFAULT_MAX_DEPTH = 32  # a programme file nests 7 levels deep


def _setting(name: str, default: int) -> int:
    text = os.environ.get(name)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise UsageError(f"{name}={shown(text)} is not a whole number above 0")
    return value


def max_file_bytes() -> int:
    return _setting("CTWP_MAX_FILE_MB", DEFAULT_MAX_FILE_MB) * 1024 * 1024


def max_depth() -> int:
    return _setting("CTWP_MAX_DEPTH", DEFAULT_MAX_DEPTH)
