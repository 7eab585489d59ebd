"""Memory units of each catalog, remembered by the SHA-256 of its bytes.

Aligning sentences is most of the cost of building a locale's memory, and it
is a pure function of the catalog's bytes, its article, its source reference
and the locale. So the units of a catalog are kept under
`.bilingual/cache/memory/LOCALE/`, one small file per catalog version (a
header line, then zlib-compressed JSON: about an eighth of the catalog's
size), and reused while the catalog's bytes are the same; a build writes only
the catalogs it missed and removes the files of versions no longer on disk.
Like every cache here it is never a source of truth: a directory from another
version, or a file that does not parse, is discarded with a note, and
`--no-cache` neither reads nor writes it.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..cache import CACHE_DIR
from ..leftovers import remove_leftovers
from .model import MemoryUnit, UnitKind

HEADER = f"bilingual-memory-units 3 {__version__}"  # 3: sentence units from the aligner
STAMP = "VERSION"
_NAME = re.compile(r"^[a-z0-9_-]+-[0-9a-f]{64}\.txt$")


@dataclass(frozen=True)
class CatalogKey:
    """What a catalog's units depend on besides its bytes."""

    slug: str
    source_ref: str
    locale: str


def cache_dir(root: Path, locale: str) -> Path:
    return root / CACHE_DIR / "memory" / locale


def encode(key: CatalogKey, units: list[MemoryUnit]) -> str | None:
    """One JSON line: each segment with its sentence pairs (they share its origin,
    and every unit of a catalog its article and date). None if `units` do not
    have that shape, which catalog_units never gives."""
    segments: list[list[object]] = []
    first = units[0] if units else None
    for unit in units:
        if first is not None and (unit.article, unit.created) != (first.article, first.created):
            return None
        if unit.kind is UnitKind.SEGMENT:
            segments.append([unit.source, unit.target, unit.origin_file, unit.origin_line,
                             unit.segment_id, []])
            continue
        owner = segments[-1] if segments else None
        if owner is None or (owner[2], owner[3], owner[4]) != (
                unit.origin_file, unit.origin_line, unit.segment_id):
            return None
        pairs = owner[5]
        assert isinstance(pairs, list)
        pairs.append([unit.source, unit.target])
    return json.dumps([key.slug, key.source_ref, key.locale,
                       first.article if first else "", first.created if first else "",
                       segments], ensure_ascii=False)


def decode(line: str, key: CatalogKey) -> list[MemoryUnit]:
    """The units `encode` wrote for `key`; ValueError if the line is anything else."""
    raw = json.loads(line)
    if not (isinstance(raw, list) and len(raw) == 6 and raw[:3] == [
            key.slug, key.source_ref, key.locale] and _strings(raw[3:5])
            and isinstance(raw[5], list)):
        raise ValueError("not this catalog's units")
    article, created = raw[3], raw[4]
    units: list[MemoryUnit] = []
    for segment in raw[5]:
        if not (isinstance(segment, list) and len(segment) == 6
                and _strings([*segment[:3], segment[4]]) and type(segment[3]) is int
                and isinstance(segment[5], list)):
            raise ValueError("not a segment")
        source, target, origin, line_no, segment_id, pairs = segment
        units.append(MemoryUnit(source, target, origin, line_no, segment_id,
                                UnitKind.SEGMENT, article, created))
        for pair in pairs:
            if not (isinstance(pair, list) and len(pair) == 2 and _strings(pair)):
                raise ValueError("not a sentence pair")
            units.append(MemoryUnit(pair[0], pair[1], origin, line_no, segment_id,
                                    UnitKind.SENTENCE, article, created))
    return units


def _strings(values: list[object]) -> bool:
    return all(isinstance(v, str) for v in values)


def _note(path: Path) -> None:
    print(f"note: {path}: not this version's cache; discarded", file=sys.stderr)


def _skipped(path: Path, exc: OSError) -> None:
    print(f"note: {path}: memory cache skipped ({exc.strerror or exc}); the memory is "
          "read from the catalogs", file=sys.stderr)


@dataclass
class UnitCache:
    """Units by catalog digest for one locale."""

    directory: Path | None  # None: --no-cache
    used: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, root: Path, locale: str, enabled: bool = True) -> UnitCache:
        if not enabled:
            return cls(None)
        directory = cache_dir(root, locale)
        stamp = directory / STAMP
        try:
            current = stamp.read_text(encoding="utf-8") == HEADER + "\n"
        except (OSError, UnicodeDecodeError):
            current = False
        if not current:
            try:
                if directory.is_dir() and any(directory.iterdir()):
                    _note(directory)
                    _remove(directory, keep=set())
                directory.mkdir(parents=True, exist_ok=True)
                (root / CACHE_DIR.parent / ".gitignore").write_text("*\n", encoding="utf-8")
                _write(stamp, (HEADER + "\n").encode("ascii"))
            except OSError as exc:  # a cache is optional: a read-only .bilingual/ skips it
                _skipped(directory, exc)
                return cls(None)
        return cls(directory)

    def _path(self, digest: str, key: CatalogKey) -> Path:
        assert self.directory is not None
        return self.directory / f"{key.slug}-{digest}.txt"

    def get(self, digest: str, key: CatalogKey) -> list[MemoryUnit] | None:
        if self.directory is None:
            return None
        path = self._path(digest, key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            data = b""
        header, _, packed = data.partition(b"\n")
        try:
            if header != HEADER.encode("ascii"):
                raise ValueError("foreign header")
            units = decode(zlib.decompress(packed).decode("utf-8"), key)
        except (ValueError, zlib.error):  # UnicodeDecodeError, JSONDecodeError are ValueErrors
            _note(path)
            return None
        self.used.add(path.name)
        return units

    def put(self, digest: str, key: CatalogKey, units: list[MemoryUnit]) -> None:
        line = encode(key, units) if self.directory is not None else None
        if line is not None:
            path = self._path(digest, key)
            try:
                _write(path, HEADER.encode("ascii") + b"\n"
                       + zlib.compress(line.encode("utf-8")))
            except OSError as exc:  # full or read-only: go on without the cache
                _skipped(path.parent, exc)
                self.directory = None
                return
            self.used.add(path.name)

    def prune(self) -> None:
        """Remove the files of catalog versions this build did not use (a build
        covers every catalog of the locale, so nobody needs them)."""
        if self.directory is not None:
            try:
                _remove(self.directory, keep=self.used)
            except OSError as exc:
                _skipped(self.directory, exc)


def _remove(directory: Path, keep: set[str]) -> None:
    remove_leftovers(directory)  # temporary files of killed runs (never a live one's)
    for name in os.listdir(directory):
        if name not in keep and _NAME.match(name):
            (directory / name).unlink(missing_ok=True)


def _write(path: Path, data: bytes) -> None:
    """Replace `path` atomically (a reader never sees half a file), without the fsync
    of pipeline.atomic: a cache file lost in a crash is only a miss."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.",
                               suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
