"""Writing files so that nothing is lost: a whole new file, or the old one untouched."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from pathlib import Path

from ctwp.errors import UsageError


def write_file(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed into place.

    An existing file is replaced only with ``force``; a write that fails midway leaves the
    old file whole and no temporary file behind.
    """
    import tempfile  # only when a file is written

    folder = _check_writable(path, force)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _check_writable(path: Path, force: bool) -> Path:
    """The folder ``path`` would be written in, after checking that it may be."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder", "give a file name")
    if path.exists() and not force:
        raise UsageError(f"{path} exists", "add --force to replace it")
    if not path.parent.is_dir():
        raise UsageError(f"no such folder: {path.parent}")
    return path.parent


@contextlib.contextmanager
def stdout_to(path: Path | None, force: bool = False) -> Iterator[None]:
    """Send what is written to stdout inside the block to ``path`` instead (when given)."""
    if path is None:
        yield
        return
    _check_writable(path, force)  # before the work, not after it
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        yield
    write_file(path, buffer.getvalue(), force)
