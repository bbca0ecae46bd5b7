"""A cache of validated data, so that queries need not validate again what has not changed.

An entry is keyed by the content of every file it was built from, by the ctwp code that
checked them and by the limits in force: any change to any of them gives another key, so a
stale entry is never read. One entry is kept per data folder. ``CTWP_CACHE_DIR`` sets where
(default: ``$XDG_CACHE_HOME/ctwp`` or ``~/.cache/ctwp``); ``CTWP_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_FORMAT = b"ctwp-cache-1"


def cache_folder() -> Path | None:
    setting = os.environ.get("CTWP_CACHE_DIR")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ctwp"


def cache_key(files: list[tuple[Path, bytes]]) -> bytes:
    """A digest of the files' names and contents, the checking code, and the limits."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(sys.version.encode())
    for module in sorted(_PACKAGE.glob("*.py")):  # the code that reads and checks the data
        status = module.stat()
        digest.update(f"{module.name}:{status.st_size}:{status.st_mtime_ns}\0".encode())
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
    return folder / (hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:32] + ".marshal")


def load(data_dir: Path, key: bytes) -> object | None:
    """The value stored for ``data_dir`` under ``key``, or None."""
    entry = _entry(data_dir)
    if entry is None:
        return None
    try:
        stored_key, value = marshal.loads(entry.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return value if stored_key == key else None


def store(data_dir: Path, key: bytes, value: object) -> None:
    """Keep ``value`` for ``data_dir`` under ``key``; a cache that cannot be written is skipped."""
    entry = _entry(data_dir)
    if entry is None:
        return
    import tempfile  # only when writing, which most runs do not

    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(marshal.dumps((key, value)))
            os.replace(temporary, entry)
        except OSError:
            os.unlink(temporary)
            raise
