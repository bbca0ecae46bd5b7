"""Reading and writing files safely.

Reading: only regular files (symbolic links are followed, to a regular file), never more
than the size limit, whatever ``stat`` says, and never waiting on a FIFO or a device.

Writing (``--output``): a whole new file, or the old one untouched. A new file follows the
umask and a replaced one keeps its mode. A symbolic link is written through: its target is
replaced and the link kept. A character device or a FIFO (``/dev/null``, a named pipe) is
written to as a stream, never replaced; a block device or a socket is refused.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from ctwp.core.errors import EnvironmentFailure, UsageError


class NotRegularFile(OSError):
    """The path names a folder, a FIFO, a device or a socket."""

    def __init__(self, kind: str) -> None:
        super().__init__(errno.EINVAL, f"it is {kind}, not a regular file")
        self.kind = kind


class TooLarge(OSError):
    """The file holds more than the limit; ``size`` is what stat says, or None when stat said less."""

    def __init__(self, size: int | None) -> None:
        super().__init__(errno.EFBIG, "the file is too large")
        self.size = size


def file_kind(mode: int) -> str:
    """What a file of this mode is, in words."""
    for test, kind in (
        (stat.S_ISREG, "a regular file"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return kind
    return "a special file"


def read_limited(path: Path, limit: int, follow_links: bool = True, check: Callable[[os.stat_result], None] | None = None) -> bytes:
    """The bytes of the regular file at ``path``: at most ``limit``, else ``TooLarge``.

    Opened without blocking, so a FIFO cannot hang the reader; checked on the open file, so
    what is read is what was checked; read to the limit and no further, so a file that says
    it is small (``/proc``, a link to ``/dev/zero``) cannot exhaust memory. ``check`` may
    refuse the open file's status by raising OSError.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0))
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(file_kind(status.st_mode))
        if check is not None:
            check(status)
    except BaseException:
        os.close(descriptor)
        raise
    with open(descriptor, "rb", buffering=0, closefd=True) as stream:
        return _read_open(stream, status, limit)


def _read_open(stream, status: os.stat_result, limit: int) -> bytes:
    if status.st_size > limit:
        raise TooLarge(status.st_size)
    chunks, total = [], 0
    while total <= limit:
        chunk = stream.read(min(limit + 1 - total, 1 << 20) or 1)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise TooLarge(None)
    return b"".join(chunks)


# The streams ctwp was started with, by the names that reach them.
_OPEN_STREAM = re.compile(r"/dev/std(?:out|err)|/dev/fd/(\d+)|/proc/self/fd/(\d+)")


class _Target(NamedTuple):
    """Where ``--output`` writes: a file to replace or create, or a stream to write to."""

    given: str  # as the user wrote it
    path: Path  # the file to write: links resolved
    stream: bool  # a character device or FIFO: written to, never replaced
    mode: int | None  # the mode a replaced file keeps; None for a new file


def write_file(path: str | Path, text: str, force: bool = False) -> None:
    """Write ``text`` to ``path`` (see the module's docstring for what each kind of path means).

    An existing file is replaced only with ``force``, through a temporary file renamed into
    place: a write that fails leaves the old file whole and no temporary file behind.
    """
    _write(_output_target(str(path), force), text.encode())


def write_binary(path: str | Path, data: bytes, force: bool = False) -> None:
    """Write ``data`` to ``path`` as ``write_file`` writes text: for a database or a workbook."""
    _write(_output_target(str(path), force), data)


def check_output(path: str | Path, force: bool = False) -> None:
    """Refuse, before any work, an ``--output`` that ``write_file`` would refuse."""
    _output_target(str(path), force)


def _write(target: _Target, data: bytes) -> None:
    try:
        if target.stream:
            _write_stream(target, data)
        else:
            _replace(target, data)
    except OSError as error:
        raise _write_failure(target.given, error, target.path) from None


def _write_stream(target: _Target, data: bytes) -> None:
    if found := _OPEN_STREAM.fullmatch(target.given):
        descriptor = int(found[1] or found[2] or (1 if found[0].endswith("stdout") else 2))
        sys.stdout.flush()
        while data:
            data = data[os.write(descriptor, data) :]
        return
    # Non-blocking, so that a FIFO nobody reads is an error (ENXIO), not a hang.
    descriptor = os.open(target.path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    os.set_blocking(descriptor, True)
    with open(descriptor, "wb") as stream:
        stream.write(data)


def _replace(target: _Target, data: bytes) -> None:
    import tempfile  # only when a file is written

    mode = target.mode if target.mode is not None else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=target.path.parent, prefix=f".{target.path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, target.path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it
    os.umask(mask)
    return mask


def _output_target(given: str, force: bool) -> _Target:
    """What writing to ``given`` means, after checking that it may be done."""
    if given.endswith(("/", os.sep)):
        raise UsageError(f"--output {given} names a folder", "give a file name, such as report.csv")
    path = Path(given)
    if _OPEN_STREAM.fullmatch(given):  # what ctwp was started with: written to as it is, whatever it is
        return _Target(given, path, stream=True, mode=None)
    try:
        status = path.lstat()
    except FileNotFoundError:
        check_parent_folder(path)
        return _Target(given, path, stream=False, mode=None)
    except OSError as error:
        raise _write_failure(given, error) from None
    if stat.S_ISLNK(status.st_mode):
        _check_link(path, status)
        try:
            status = path.stat()  # through the link, as the kernel follows it
        except OSError:
            raise UsageError(
                f"{given} is a link to {os.readlink(path)}, which does not exist", "give a file name, not a broken link"
            ) from None
        if stat.S_ISREG(status.st_mode):
            path = Path(os.path.realpath(path))  # the file to replace, beside which the temporary file goes
    if stat.S_ISDIR(status.st_mode):
        raise UsageError(f"{given} is a folder", "give a file name")
    if stat.S_ISCHR(status.st_mode) or stat.S_ISFIFO(status.st_mode):
        return _Target(given, path, stream=True, mode=None)
    if not stat.S_ISREG(status.st_mode):
        raise UsageError(f"{given} is {file_kind(status.st_mode)}", "give a file, a character device or a FIFO")
    if not force:
        raise UsageError(f"{given} exists", "add --force to replace it")
    return _Target(given, path, stream=False, mode=stat.S_IMODE(status.st_mode) & 0o777)


def check_parent_folder(path: Path) -> None:
    """A new file or folder is made only in a folder that exists: a mistyped path is not
    made into a tree of folders."""
    if path.parent.is_dir():
        return
    if path.parent.exists():
        raise UsageError(f"{path.parent} is not a folder", "give a path in a folder")
    raise UsageError(f"no such folder: {path.parent}", "make it first, or give a path in a folder that exists")


def _check_link(path: Path, link: os.stat_result) -> None:
    """Refuse a link another user planted in a shared folder, as Linux's protected_symlinks does."""
    if not hasattr(os, "geteuid"):
        return
    folder = path.parent.stat()
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if shared and link.st_uid not in (os.geteuid(), folder.st_uid):
        raise UsageError(f"{path} is a link that another user made in a shared folder", "give a file name of your own")


_WRITE_HINTS = {
    errno.EACCES: "choose a folder you may write in",
    errno.EPERM: "choose a folder you may write in",
    errno.EROFS: "the file system is read-only; write elsewhere",
    errno.ENOSPC: "free some space, or write elsewhere",
    errno.EDQUOT: "free some space, or write elsewhere",
    errno.ENXIO: "start the program that reads the FIFO first",
}


def _write_failure(given: str, error: OSError, path: Path | None = None) -> EnvironmentFailure:
    reason, hint = (error.strerror or str(error)).lower(), _WRITE_HINTS.get(error.errno)
    if error.errno == errno.ENXIO:
        if path is not None and _is_fifo(path):
            reason = "no program is reading it"
        else:  # a device with nothing behind it, such as /dev/tty when ctwp runs without a terminal
            reason, hint = "the device is not connected (ctwp has no terminal, or the device is absent)", "write to a file instead"
    return EnvironmentFailure(f"cannot write {given}: {reason}", hint)


def _is_fifo(path: Path) -> bool:
    try:
        return stat.S_ISFIFO(path.stat().st_mode)
    except OSError:
        return False


@contextlib.contextmanager
def stdout_to(path: str | Path | None, force: bool = False) -> Iterator[None]:
    """Send what is written to stdout inside the block to ``path`` instead (when given)."""
    if path is None:
        yield
        return
    target = _output_target(str(path), force)  # before the work, not after it
    buffer, notes = io.StringIO(), io.StringIO()
    # The notes (a summary line) are said once the output is written: a failed write is
    # one line on stderr, not a summary of what was never written followed by the error.
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(notes):
        yield
    _write(target, buffer.getvalue().encode())
    sys.stderr.write(notes.getvalue())
