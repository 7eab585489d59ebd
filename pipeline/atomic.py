"""Atomic file writes: a crash mid-write leaves the previous file intact.

The temporary file is named `.NAME.PID.XXXX.tmp` next to its target. A run
killed mid-write (kill -9) leaves it behind; the next write to that folder
removes every such file whose process is gone and logs each removal (the CLI
prints it; leftovers.py), so leftovers never pile up unnoticed.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .errors import ConflictError, WriteError, display_path
from .leftovers import remove_leftovers


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

    @classmethod
    def of_optional(cls, data: bytes | None) -> Fingerprint:
        """The fingerprint of bytes read, or of a missing file (None)."""
        return cls(False, "") if data is None else cls.of_bytes(data)


def atomic_write_bytes(path: Path, data: bytes, expect: Fingerprint | None = None, *,
                       durable: bool = True, sweep: bool = True) -> bool:
    with reported(path):
        return _atomic_write_bytes(path, data, expect, durable=durable, sweep=sweep)


def _atomic_write_bytes(path: Path, data: bytes, expect: Fingerprint | None = None, *,
                        durable: bool = True, sweep: bool = True) -> bool:
    """Write `data` to `path` via temp file + fsync + rename.

    Returns False (and touches nothing) when the file already holds `data`, so
    unchanged outputs keep their mtime. With `expect`, refuses to replace a file
    that changed since it was read (ConflictError), even one saved in the instant
    before the rename (see `replace_verified`); callers that would rather merge
    such a file use `replace_verified` themselves (catalog.pofile.save_catalog).
    `durable=False`: no fsync, for outputs rebuilt from the sources (as a compiler
    writes them): a crash still never leaves a half-written file under `path`, but
    a power cut may lose its newest version (about 7 ms a file saved on ext4).
    `sweep=False`: the caller removed the folder's leftovers already (see
    remove_leftovers), so thousands of writes into one folder do not list it each.
    """
    if expect is None:
        try:
            if path.read_bytes() == data:
                return False
        except (FileNotFoundError, NotADirectoryError):
            pass
        _prepare(path.parent, sweep)
        tmp = _temp_with(path, data, durable)
        try:
            os.replace(tmp, path)
        except BaseException:
            _discard(tmp)
            raise
        if durable:
            _fsync_dir(path.parent)
        return True
    swap = replace_verified(path, data, expect, durable=durable, sweep=sweep)
    if swap.expected:
        return swap.written
    if swap.written and swap.displaced is not None:  # put the other writer's file back
        replace_verified(path, swap.displaced, Fingerprint.of_bytes(data), durable=durable)
    raise ConflictError("file changed on disk since it was read; not overwriting it "
                        "(re-run the command to merge the new version)", path)


@dataclass(frozen=True)
class Swap:
    """What `replace_verified` did.

    `displaced` is what `path` held at the instant of the swap (None: no file).
    `expected`: it was what the caller read. Otherwise another process saved in
    between and `written` is False: `displaced` is what `path` holds (our file,
    if it was swapped in for an instant, was swapped out again), for the caller
    to merge and write in turn. Only a file deleted meanwhile is written over
    (`written`, `displaced` None).
    """

    written: bool
    displaced: bytes | None
    expected: bool


def replace_verified(path: Path, data: bytes, expect: Fingerprint, *, durable: bool = True,
                     sweep: bool = True) -> Swap:
    with reported(path):
        return _replace_verified(path, data, expect, durable=durable, sweep=sweep)


def _replace_verified(path: Path, data: bytes, expect: Fingerprint, *, durable: bool = True,
                      sweep: bool = True) -> Swap:
    """Put `data` at `path` only over the version `expect` describes, and say
    what was replaced.

    On Linux the new file and the old one swap names in one step
    (renameat2 RENAME_EXCHANGE): the file that was displaced is then read and
    compared with `expect`, so a save that landed after our last look is never
    discarded unseen. Where the exchange is not available (another OS, a file
    system without it), our own writers serialise on a lock of the folder and
    the file is compared once more just before the rename: the window left is
    that of one rename after one read, and only another program can use it.
    """
    current = _read_or_none(path)
    if Fingerprint.of_optional(current) != expect:
        return Swap(False, current, False)
    if current == data:
        return Swap(False, current, True)
    _prepare(path.parent, sweep)
    tmp = _temp_with(path, data, durable)
    try:
        # The last look, now that the new file is ready: what is there, and which
        # file it is (so the exchange can tell at once whether it displaced it).
        now, identity = _look(path)
        if Fingerprint.of_optional(now) != expect:
            _discard(tmp)
            return Swap(False, now, False)
        swap = _exchange(tmp, path, expect, data, identity)
    except BaseException:
        _discard(tmp)
        raise
    if swap.written and durable:
        _fsync_dir(path.parent)
    return swap


@contextlib.contextmanager
def reported(path: Path) -> Iterator[None]:
    """An OSError while writing `path` as one clear WriteError naming `path` (not
    the temporary file) and what to do; nothing was changed."""
    try:
        yield
    except WriteError:
        raise
    except OSError as exc:
        raise write_error(exc, path) from None


def write_error(exc: OSError, path: Path) -> WriteError:
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return WriteError("disk full (or over quota): nothing was written; free some space "
                          "and run again", path, code)
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return WriteError(f"cannot write here: {display_path(path.parent)} is read-only (or "
                          "not ours); make it writable and run again; nothing was changed",
                          path, code)
    return WriteError(f"cannot write: {exc.strerror or exc}; nothing was changed", path, code)


Identity = tuple[int, int, int, int]


def _identity(st: os.stat_result) -> Identity:
    """Which file, in which state: a rename changes none of these (only ctime)."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _look(path: Path) -> tuple[bytes | None, Identity | None]:
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None, None
    with os.fdopen(fd, "rb") as handle:
        identity = _identity(os.fstat(fd))
        return handle.read(), identity


def _exchange(tmp: Path, path: Path, expect: Fingerprint, data: bytes,
              identity: Identity | None) -> Swap:
    """Move `tmp` to `path`; see replace_verified. `tmp` is gone afterwards."""
    if expect.exists:
        if _renameat2(tmp, path, _RENAME_EXCHANGE):
            with open(tmp, "rb") as held:  # the displaced file, whatever its name becomes
                if _identity(os.fstat(held.fileno())) == identity:
                    displaced = held.read()
                    if Fingerprint.of_bytes(displaced) == expect:
                        _discard(tmp)
                        return Swap(True, displaced, True)
                return _give_back(tmp, path, held, data)
        if not path.exists():  # deleted since: nothing there to lose
            os.replace(tmp, path)
            return Swap(True, None, False)
    elif _renameat2(tmp, path, _RENAME_NOREPLACE):
        return Swap(True, None, True)
    elif path.exists():  # created meanwhile: the caller merges it
        _discard(tmp)
        return Swap(False, _read_or_none(path), False)
    with _folder_lock(path.parent):
        current = _read_or_none(path)
        if Fingerprint.of_optional(current) != expect:
            _discard(tmp)
            return Swap(False, current, False)
        os.replace(tmp, path)
        return Swap(True, current, True)


def _give_back(tmp: Path, path: Path, held: BinaryIO, data: bytes) -> Swap:
    """Another program saved after our last look and the exchange displaced its
    file to `tmp` (`held` is open on it): swap it back at once, before reading
    a byte of it (microseconds, not the milliseconds a merge takes, so a
    program that reads and saves meanwhile sees its own save). Should yet
    another save land in those microseconds, it is the newest and keeps the
    name. The caller merges whatever is at `path` now."""
    expected_there = data
    with contextlib.ExitStack() as opened:
        for _ in range(10):
            if not _renameat2(tmp, path, _RENAME_EXCHANGE):  # deleted meanwhile
                if not path.exists():
                    os.replace(tmp, path)
                else:
                    _discard(tmp)
                break
            came = opened.enter_context(open(tmp, "rb"))  # `held` has its name again
            if came.read() == expected_there:
                _discard(tmp)
                break
            held.seek(0)  # a newer save landed meanwhile: it gets its name back in turn
            expected_there, held = held.read(), came
        held.seek(0)
        return Swap(False, held.read(), False)


_RENAME_NOREPLACE, _RENAME_EXCHANGE = 1, 2
_AT_FDCWD = -100
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


@functools.cache
def _libc_renameat2() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here, not at import: every command (and `serve`) loads this module

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):  # glibc before 2.28, musl
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _renameat2(old: Path, new: Path, flags: int) -> bool:
    """renameat2(2); False where the kernel or file system cannot do it (or the
    target is missing for an exchange, or present for a no-replace)."""
    function = _libc_renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(old), _AT_FDCWD, os.fsencode(new), flags) == 0:
        return True
    import ctypes  # loaded by _libc_renameat2 already

    code = ctypes.get_errno()
    if code in _UNSUPPORTED or code in (errno.ENOENT, errno.EEXIST):
        return False
    raise OSError(code, os.strerror(code), str(new))


@contextlib.contextmanager
def _folder_lock(directory: Path) -> Iterator[None]:
    """An advisory lock on the folder, shared by our writers in every process."""
    try:
        import fcntl
        fd = os.open(directory, os.O_RDONLY)
    except (ImportError, OSError):
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _prepare(directory: Path, sweep: bool) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    if sweep:
        remove_leftovers(directory)


def _temp_with(path: Path, data: bytes, durable: bool) -> Path:
    """A temporary file beside `path` holding `data`, with `path`'s permissions."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.",
                                suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:  # what open() would have given a new file
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.chmod(tmp, mode)
    except BaseException:
        _discard(tmp)
        raise
    return tmp


def _discard(tmp: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


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
