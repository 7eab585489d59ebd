"""What a run may skip: catalogs already in the form we would write.

Formatting a catalog in GNU form (the line breaker) is most of `extract` and
`update`. A file whose bytes we wrote ourselves is canonical, so if what we are
about to write has the same content as what we read from it, the output would
be those very bytes (formatting is a fixed point) and writing can be skipped.
The cache remembers the SHA-256 of every catalog written in canonical form, under
`.bilingual/cache/` (ignored by git, safe to delete, never a source of truth).
A file it does not recognise, or one from another tool version, is discarded
with a note; a miss only costs the formatting it would have cost anyway.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from . import __version__
from .atomic import Fingerprint, atomic_write_text
from .po.write import format_pofile

CACHE_DIR = Path(".bilingual") / "cache"
FILE = "canonical.txt"
HEADER = f"bilingual-cache 1 {__version__}"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_key(po: polib.POFile) -> tuple[object, ...]:
    """Everything format_pofile prints, so equal keys give equal bytes."""
    def entry(e: polib.POEntry) -> tuple[object, ...]:
        return (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr,
                tuple(sorted(e.msgstr_plural.items())), e.obsolete, e.comment, e.tcomment,
                tuple(e.occurrences), tuple(e.flags), getattr(e, "previous_msgctxt", None),
                getattr(e, "previous_msgid", None), getattr(e, "previous_msgid_plural", None))
    return (po.header, tuple(po.metadata.items()), bool(po.metadata_is_fuzzy),
            tuple(entry(e) for e in po))


def _read(path: Path, valid: Callable[[str], bool]) -> list[str] | None:
    """The cache file's lines after the header; None if absent; [] (with a note)
    if it is corrupt or from another version."""
    try:
        lines = path.read_text(encoding="ascii").splitlines()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        lines = []
    if not lines or lines[0] != HEADER or not all(map(valid, lines[1:])):
        print(f"note: {path}: not this version's cache; discarded", file=sys.stderr)
        return []
    return lines[1:]


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent.parent / ".gitignore").write_text("*\n", encoding="utf-8")
    atomic_write_text(path, "\n".join([HEADER, *lines]) + "\n")


def _is_digest(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


@dataclass
class CanonicalCache:
    """Hashes of catalog bytes known to be in GNU canonical form."""

    path: Path | None  # None: --no-cache (nothing read, nothing saved)
    known: set[str] = field(default_factory=set)
    dirty: bool = False

    @classmethod
    def open(cls, root: Path, enabled: bool = True) -> CanonicalCache:
        if not enabled:
            return cls(None)
        path = root / CACHE_DIR / FILE
        lines = _read(path, _is_digest)
        return cls(path, set(lines or ()), dirty=lines == [])

    def unchanged(self, read: Fingerprint, po: polib.POFile, to_write: polib.POFile) -> bool:
        """Would writing `to_write` over the file read as `po` change no byte?"""
        return (self.path is not None and read.sha256 in self.known
                and content_key(po) == content_key(to_write))

    def write(self, po: polib.POFile, path: Path, expect: Fingerprint | None = None) -> bool:
        """write_catalog, remembering the canonical bytes; returns whether they changed."""
        text = format_pofile(po)
        changed = atomic_write_text(path, text, expect)
        self.remember(text.encode("utf-8"))
        return changed

    def remember(self, data: bytes) -> None:
        self.remember_digest(digest(data))

    def remember_digest(self, sha256: str) -> None:
        """Bytes known canonical by their SHA-256 (as a Fingerprint carries it)."""
        if self.path is not None and sha256 not in self.known:
            self.known.add(sha256)
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        _write(self.path, sorted(self.known))


VERDICTS = "langdetect.txt"


@dataclass
class VerdictCache:
    """langdetect's answers by SHA-256 of the text: deterministic (seeded), so a
    rerun of `check` need not load langdetect's profiles at all."""

    path: Path | None
    verdicts: dict[str, str] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def open(cls, root: Path, enabled: bool = True) -> VerdictCache:
        if not enabled:
            return cls(None)
        path = root / CACHE_DIR / VERDICTS
        lines = _read(path, lambda line: _is_digest(line[:64]) and line[64:65] == " "
                      and len(line) > 65)
        return cls(path, dict(line.split(" ", 1) for line in lines or ()), dirty=lines == [])

    def get(self, text: str) -> str | None:
        return self.verdicts.get(digest(text.encode("utf-8")))

    def put(self, text: str, verdict: str) -> None:
        if self.path is not None:
            self.verdicts[digest(text.encode("utf-8"))] = verdict
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        _write(self.path, [f"{k} {v}" for k, v in sorted(self.verdicts.items())])
