"""A cache of validated data, so that queries need not validate again what has not changed.

An entry is keyed by the content of every file it was built from, by the ctwp code that
checked them and by the limits in force: any change to any of them gives another key, so a
stale entry is never read. One entry is kept per data folder. ``CTWP_CACHE_DIR`` sets where
(default: ``$XDG_CACHE_HOME/ctwp`` or ``~/.cache/ctwp``); ``CTWP_CACHE_DIR=off`` turns it off.

The key holds no secret, so the cache trusts only what no one else could have written, as
ssh trusts a key file: a folder of the user's own (made 0700) that no other user can write,
in folders no other user can write (unless sticky, as /tmp is), and entries that are the
user's own regular files (written 0600), within a size bound. Anything else is not read,
and the data is validated afresh.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
import sys
from pathlib import Path

from ctwp.core.files import read_limited

try:  # CPython's own BLAKE2: importing hashlib loads OpenSSL, 3 ms of every start
    from _blake2 import blake2b
except ImportError:
    from hashlib import blake2b

# The code that reads and checks the data: this layer and the one below it.
_CHECKING_CODE = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "core")
_FORMAT = b"ctwp-cache-3\n"
_KEY_BYTES = 32


def cache_folder() -> Path | None:
    setting = os.environ.get("CTWP_CACHE_DIR")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ctwp"


def cache_key(files: list[tuple[Path, bytes]]) -> bytes:
    """A digest of the files' names and contents, the checking code, and the limits."""
    digest = blake2b(_FORMAT, digest_size=_KEY_BYTES)
    digest.update(sys.version.encode())
    for module in sorted(path for folder in _CHECKING_CODE for path in folder.glob("*.py")):
        status = module.stat()
        digest.update(f"{module.parent.name}/{module.name}:{status.st_size}:{status.st_mtime_ns}\0".encode())
    for name in ("CTWP_MAX_FILE_MB", "CTWP_MAX_DEPTH"):
        digest.update(f"{name}={os.environ.get(name)}\0".encode())
    for path, content in files:
        digest.update(f"{path}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.digest()


def _entry(data_dir: Path) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    return folder / (blake2b(str(data_dir.resolve()).encode(), digest_size=16).hexdigest() + ".marshal")


def load(data_dir: Path, key: bytes, data_bytes: int) -> object | None:
    """The value stored for ``data_dir`` under ``key``, or None.

    ``data_bytes``, the size of the files the value was built from, bounds what is read.
    """
    entry = _entry(data_dir)
    if entry is None or not _trusted_folder(entry.parent):
        return None
    header = len(_FORMAT) + _KEY_BYTES
    try:
        content = read_limited(entry, header + 8 * data_bytes + 2**20, follow_links=False, check=_trusted_file)
    except OSError:  # missing, not a regular file, another's, too large, unreadable
        return None
    if content[:header] != _FORMAT + key:
        return None
    try:
        return marshal.loads(content[header:])
    except (ValueError, EOFError, TypeError):
        return None


def store(data_dir: Path, key: bytes, value: object) -> None:
    """Keep ``value`` for ``data_dir`` under ``key``; a cache that cannot be written is skipped."""
    entry = _entry(data_dir)
    if entry is None:
        return
    import tempfile  # only when writing, which most runs do not

    with contextlib.suppress(OSError):
        _make_private_folder(entry.parent)
        if not _trusted_folder(entry.parent):
            return
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")  # mode 0600, whatever the umask
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(_FORMAT + key)
                stream.write(marshal.dumps(value))
            os.replace(temporary, entry)
        except OSError:
            os.unlink(temporary)
            raise


def _make_private_folder(folder: Path) -> None:
    """Make ``folder`` and any missing folders above it, readable by the user alone."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700)


def _user() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def _trusted_folder(folder: Path) -> bool:
    """The cache folder is the user's, and neither it nor a folder above it can be written
    by anyone else (a folder above may be shared when sticky, as /tmp is)."""
    user = _user()
    if user is None:
        return True
    try:
        status = folder.stat()
        if not stat.S_ISDIR(status.st_mode) or status.st_uid != user or status.st_mode & 0o022:
            return False
        for above in Path(os.path.realpath(folder)).parents:
            status = above.stat()
            if status.st_uid not in (0, user) or (status.st_mode & 0o022 and not status.st_mode & stat.S_ISVTX):
                return False
    except OSError:
        return False
    return True


def _trusted_file(status: os.stat_result) -> None:
    """Refuse an entry that is not the user's own, or that others can write."""
    user = _user()
    if user is not None and (status.st_uid != user or status.st_mode & 0o022):
        raise PermissionError("a cache entry another user could have written")
