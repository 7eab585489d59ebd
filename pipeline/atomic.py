"""Atomic file writes: a crash mid-write leaves the previous file intact."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ConflictError


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like when we read it, to detect concurrent edits."""

    exists: bool
    sha256: str

    @classmethod
    def of(cls, path: Path) -> "Fingerprint":
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return cls(False, "")
        return cls.of_bytes(data)

    @classmethod
    def of_bytes(cls, data: bytes) -> "Fingerprint":
        """The fingerprint of bytes already read: the very bytes that were parsed."""
        return cls(True, hashlib.sha256(data).hexdigest())


def atomic_write_bytes(path: Path, data: bytes, expect: Fingerprint | None = None) -> bool:
    """Write `data` to `path` via temp file + fsync + rename.

    Returns False (and touches nothing) when the file already holds `data`, so
    unchanged outputs keep their mtime. With `expect`, refuses to replace a file
    that changed since it was read.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if expect is not None and Fingerprint.of(path) != expect:
        raise ConflictError("file changed on disk since it was read; not overwriting it "
                            "(re-run the command to merge the new version)", path)
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:  # what open() would have given a new file
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(path.parent)
    return True


def atomic_write_text(path: Path, text: str, expect: Fingerprint | None = None) -> bool:
    return atomic_write_bytes(path, text.encode("utf-8"), expect)


def _fsync_dir(directory: Path) -> None:
    # Make the rename itself durable; not all platforms allow opening dirs.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
