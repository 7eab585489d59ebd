"""The memory's index on disk, so a lookup does not rebuild it (the I/O edge).

`bilingual memory lookup` used to read every catalog and TMX file of the locale
and index them on each call (2.9 s and 178 MB over 41,714 units). The index is
now kept under `.bilingual/cache/memory-index/LOCALE/KEY/`, where KEY is a hash
of what it was built from: every catalog's and TMX file's path, size and
modification time, the source language and our version. So it is rebuilt only
when a catalog or TMX file changes (or is added or removed), and a lookup loads
numpy arrays (memory-mapped) and decodes only the few units it scores: the
bigram postings (pipeline.memory.index), a sorted array of source hashes for
exact matches, and the units as JSON records in one file with their offsets.
A directory appears whole (written aside, then renamed); older ones are removed.
Like every cache here it is never a source of truth.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import overload

import numpy as np

from .. import __version__
from ..cache import CACHE_DIR
from ..project import Project
from .index import TranslationMemory
from .model import MemoryUnit, UnitKind
from .paths import catalog_paths, memory_dir

FORMAT = "3"  # 3: character postings for the partial-match scan
_ARRAYS = ("keys", "starts", "ends", "owners", "sizes", "hashes", "hash_units", "offsets",
           "char_keys", "char_starts", "char_ends", "char_owners", "lengths")


def index_root(project: Project, locale: str) -> Path:
    return project.root / CACHE_DIR / "memory-index" / locale


def sources_key(project: Project, locale: str, files: Sequence[Path] | None = None) -> str:
    """A hash of everything the locale's memory is built from, by stat (cheap)."""
    parts: list[object] = [FORMAT, __version__, project.config.publication.source_language]
    if files is None:
        files = [*catalog_paths(project, locale), *tmx_paths(project)]
    for path in files:
        info = path.stat()
        parts.append([path.relative_to(project.root).as_posix(), info.st_size,
                      info.st_mtime_ns])
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:24]


def tmx_paths(project: Project) -> list[Path]:
    return sorted(memory_dir(project).glob("*.tmx"))


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def _record(unit: MemoryUnit) -> bytes:
    return json.dumps([unit.source, unit.target, unit.origin_file, unit.origin_line,
                       unit.segment_id, unit.kind.value, unit.article, unit.created,
                       unit.lost_codes], ensure_ascii=False).encode()


def save_index(memory: TranslationMemory, directory: Path) -> None:
    """Write `memory` as an index directory (written aside, then renamed into place)."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(prefix=".building-", dir=directory.parent))
    try:
        records = [_record(u) for u in memory.units]
        offsets = np.zeros(len(records) + 1, dtype=np.int64)
        np.cumsum([len(r) for r in records], out=offsets[1:])
        (aside / "units.jsonl").write_bytes(b"".join(records))
        hashes = np.array([_hash(u.source) for u in memory.units], dtype=np.uint64)
        order = np.argsort(hashes, kind="stable")
        small = np.int32 if len(memory._owners) < 2**31 else np.int64
        arrays = {"keys": memory._keys, "starts": memory._starts.astype(small),
                  "ends": memory._ends.astype(small), "owners": memory._owners.astype(small),
                  "sizes": memory._sizes.astype(np.int32),
                  "hashes": hashes[order], "hash_units": order.astype(np.int64),
                  "offsets": offsets, "char_keys": memory._char_keys.astype(np.uint32),
                  "char_starts": memory._char_starts.astype(np.int64),
                  "char_ends": memory._char_ends.astype(np.int64),
                  "char_owners": memory._char_owners.astype(np.int32),
                  "lengths": memory._lengths.astype(np.int32)}
        _write_arrays(aside / "arrays.bin", {name: np.ascontiguousarray(arrays[name])
                                             for name in _ARRAYS})
        try:
            os.rename(aside, directory)
        except OSError:  # built meanwhile by another process: theirs is the same
            shutil.rmtree(aside, ignore_errors=True)
    except BaseException:
        shutil.rmtree(aside, ignore_errors=True)
        raise


def _write_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """All arrays in one file: a JSON line saying where each is, then their bytes
    (8-byte aligned), so a lookup maps one file instead of opening eight."""
    layout: dict[str, list[object]] = {}
    position = 0
    for name, array in arrays.items():
        layout[name] = [array.dtype.str, position, len(array)]
        position += -(-array.nbytes // 8) * 8
    head = json.dumps(layout).encode() + b"\n"
    head += b" " * (-len(head) % 8)
    with open(path, "wb") as file:
        file.write(len(head).to_bytes(8, "little") + head)
        for array in arrays.values():
            data = array.tobytes()
            file.write(data + b"\0" * (-len(data) % 8))


def _read_arrays(path: Path) -> dict[str, np.ndarray]:
    with open(path, "rb") as file:
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    size = int.from_bytes(mapped[:8], "little")
    layout = json.loads(mapped[8:8 + size])
    start = 8 + size
    return {name: np.frombuffer(mapped, dtype=np.dtype(dtype), count=count,
                                offset=start + position)
            for name, (dtype, position, count) in layout.items()}


class _StoredUnits(Sequence[MemoryUnit]):
    """The units of an index, decoded one at a time when asked for."""

    def __init__(self, blob: bytes | mmap.mmap, offsets: np.ndarray):
        self._blob, self._offsets = blob, offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, number: int) -> MemoryUnit: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[MemoryUnit]: ...

    def __getitem__(self, number: int | slice) -> MemoryUnit | Sequence[MemoryUnit]:
        if isinstance(number, slice):
            return [self[i] for i in range(*number.indices(len(self)))]
        if number < 0:
            number += len(self)
        start, end = int(self._offsets[number]), int(self._offsets[number + 1])
        (source, target, origin_file, origin_line, segment_id, kind, article, created,
         lost) = json.loads(self._blob[start:end])
        return MemoryUnit(source, target, origin_file, origin_line, segment_id,
                          UnitKind(kind), article, created, lost)

    def __iter__(self) -> Iterator[MemoryUnit]:
        return (self[i] for i in range(len(self)))


class StoredMemory(TranslationMemory):
    """A TranslationMemory read from an index directory: same lookups, no rebuild."""

    def __init__(self, directory: Path):  # loads what the base class builds
        arrays = _read_arrays(directory / "arrays.bin")
        self._keys, self._starts, self._ends = arrays["keys"], arrays["starts"], arrays["ends"]
        self._owners, self._sizes = arrays["owners"], arrays["sizes"]
        self._hashes, self._hash_units = arrays["hashes"], arrays["hash_units"]
        self._char_keys, self._char_owners = arrays["char_keys"], arrays["char_owners"]
        self._char_starts, self._char_ends = arrays["char_starts"], arrays["char_ends"]
        self._lengths = arrays["lengths"]
        with open(directory / "units.jsonl", "rb") as file:  # mapped: only what is read
            blob = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) \
                if os.fstat(file.fileno()).st_size else b""
        self.units = _StoredUnits(blob, arrays["offsets"])  # type: ignore[assignment]

    def _exact_numbers(self, source: str) -> Sequence[int]:
        wanted = np.uint64(_hash(source))
        first = int(np.searchsorted(self._hashes, wanted, side="left"))
        last = int(np.searchsorted(self._hashes, wanted, side="right"))
        numbers = sorted(int(n) for n in self._hash_units[first:last])
        return [n for n in numbers if self.units[n].source == source]


def indexed_memory(project: Project, locale: str) -> TranslationMemory:
    """The locale's memory from its index, built (and older indexes removed) when a
    catalog or TMX file changed since."""
    def build() -> TranslationMemory:
        from .project_memory import StartOfRunMemory  # a build needs pysbd: only then
        return StartOfRunMemory(project, locale).memory()
    return _indexed(index_root(project, locale), sources_key(project, locale), build)


def indexed_tmx_memory(project: Project, locale: str) -> TranslationMemory:
    """The imported TMX files' units alone, from an index of their own, rebuilt only
    when a TMX file changes: the workbench saves a catalog on every edit, and the
    large part of a memory must not be rebuilt for that."""
    def build() -> TranslationMemory:
        from .project_memory import tmx_memory_units
        return TranslationMemory(tmx_memory_units(project, locale))
    root = project.root / CACHE_DIR / "memory-index-tmx" / locale
    return _indexed(root, sources_key(project, locale, tmx_paths(project)), build)


def _indexed(root: Path, key: str, build: Callable[[], TranslationMemory]) -> TranslationMemory:
    directory = root / key
    if not (directory / "arrays.bin").exists():
        save_index(build(), directory)
        for old in root.iterdir():
            if old != directory and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    try:
        return StoredMemory(directory)
    except (OSError, ValueError):  # removed or damaged meanwhile: build in memory
        return build()
