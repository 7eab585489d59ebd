"""Atomic file writes: a crash mid-write leaves the previous file intact.

The temporary file is named `.NAME.PID.XXXX.tmp` next to its target. A run
killed mid-write (kill -9) leaves it behind; the next write to that folder
removes every such file whose process is gone and logs each removal (the CLI
prints it), so leftovers never pile up unnoticed.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import ConflictError, display_path

log = logging.getLogger(__name__)
_TEMP = re.compile(r"^\.(?P<name>.+?)\.(?:(?P<pid>\d+)\.)?[A-Za-z0-9_]{6,}\.tmp$")
_LEGACY_AGE = 60.0  # seconds: a temp file without a pid is left over after this


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like when we read it, to detect concurrent edits."""

    exists: bool
    sha256: str

    @classmethod
    def of(cls, path: Path) -> Fingerprint:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return cls(False, "")
        return cls.of_bytes(data)

    @classmethod
    def of_bytes(cls, data: bytes) -> Fingerprint:
        """The fingerprint of bytes already read: the very bytes that were parsed."""
        return cls(True, hashlib.sha256(data).hexdigest())


def atomic_write_bytes(path: Path, data: bytes, expect: Fingerprint | None = None, *,
                       durable: bool = True, sweep: bool = True) -> bool:
    """Write `data` to `path` via temp file + fsync + rename.

    Returns False (and touches nothing) when the file already holds `data`, so
    unchanged outputs keep their mtime. With `expect`, refuses to replace a file
    that changed since it was read.
    `durable=False`: no fsync, for outputs rebuilt from the sources (as a compiler
    writes them): a crash still never leaves a half-written file under `path`, but
    a power cut may lose its newest version (about 7 ms a file saved on ext4).
    `sweep=False`: the caller removed the folder's leftovers already (see
    remove_leftovers), so thousands of writes into one folder do not list it each.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if sweep:
        remove_leftovers(path.parent)
    if expect is not None and Fingerprint.of(path) != expect:
        raise ConflictError("file changed on disk since it was read; not overwriting it "
                            "(re-run the command to merge the new version)", path)
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.",
                               suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
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
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(path.parent)
    return True


def atomic_write_text(path: Path, text: str, expect: Fingerprint | None = None, *,
                      durable: bool = True, sweep: bool = True) -> bool:
    return atomic_write_bytes(path, text.encode("utf-8"), expect, durable=durable,
                              sweep=sweep)


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


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(directory: Path) -> list[Path]:
    """Delete temporary files that killed writers left in `directory` (never
    one a live process is still writing) and log each; returns them."""
    removed: list[Path] = []
    try:
        names = [n for n in os.listdir(directory) if n.endswith(".tmp") and n.startswith(".")]
    except OSError:
        return removed
    for name in names:
        m = _TEMP.match(name)
        if not m:
            continue
        tmp = directory / name
        pid = m.group("pid")
        try:
            stale = (not _alive(int(pid)) if pid
                     else time.time() - tmp.stat().st_mtime > _LEGACY_AGE)
            if stale and tmp.is_file() and not tmp.is_symlink():
                tmp.unlink()
        except (OSError, ValueError):
            continue
        if stale:
            removed.append(tmp)
            log.warning("%s: removed a temporary file left by an interrupted write",
                        display_path(tmp))
    return removed
