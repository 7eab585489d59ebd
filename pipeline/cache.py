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

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import polib

from . import __version__
from .atomic import Fingerprint, atomic_write_bytes, atomic_write_text
from .errors import WriteError, display_path
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


def _cache_folder(path: Path) -> None:
    """The folder of a cache file, made and kept out of git."""
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent.parent / ".gitignore").write_text("*\n", encoding="utf-8")


def _write(path: Path, lines: list[str]) -> None:
    with _optional(path):
        _cache_folder(path)
        # Derived, as every cache file: no fsync (a file lost in a crash is only a miss).
        atomic_write_text(path, "\n".join([HEADER, *lines]) + "\n", durable=False)


@contextlib.contextmanager
def _optional(path: Path) -> Iterator[None]:
    """A cache is optional: one that cannot be written (a read-only .bilingual/, a
    full disk) is skipped with a note, and the command goes on."""
    try:
        yield
    except (OSError, WriteError) as exc:
        reason = exc.message if isinstance(exc, WriteError) else (exc.strerror or str(exc))
        print(f"note: {display_path(path)}: cache not saved ({reason}); the next run "
              "starts afresh", file=sys.stderr)


def _is_digest(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


@dataclass
class CanonicalCache:
    """Hashes of catalog bytes known to be in GNU canonical form."""

    path: Path | None  # None: --no-cache (nothing read, nothing saved)
    known: set[str] = field(default_factory=set)
    dirty: bool = False
    added: set[str] = field(default_factory=set)  # since the last take_added

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
            self.added.add(sha256)
            self.dirty = True

    def take_added(self) -> set[str]:
        """The digests learnt since the last call (a worker hands them back)."""
        added, self.added = self.added, set()
        return added

    def merge(self, digests: set[str]) -> None:
        """Digests a worker learnt."""
        for sha256 in digests:
            self.remember_digest(sha256)

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
    # Verdicts learnt since the last take_added(): a worker process hands these back.
    added: dict[str, str] = field(default_factory=dict)

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
            key = digest(text.encode("utf-8"))
            self.verdicts[key] = self.added[key] = verdict
            self.dirty = True

    def take_added(self) -> dict[str, str]:
        added, self.added = self.added, {}
        return added

    def merge(self, verdicts: dict[str, str]) -> None:
        """Verdicts a worker process learnt (see take_added)."""
        if self.path is not None and verdicts:
            self.verdicts.update(verdicts)
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        _write(self.path, [f"{k} {v}" for k, v in sorted(self.verdicts.items())])


@cache
def code_fingerprint() -> str:
    """The tool's own version, down to its source: a cache written by other code
    (an upgrade, or a developer's edit under the same version number) never matches."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for path in sorted(_code_files(package)):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _code_files(package: Path) -> Iterator[Path]:
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]  # compiled copies
        for name in files:
            if os.path.splitext(name)[1] in CODE_SUFFIXES:
                yield Path(folder, name)


CODE_SUFFIXES = frozenset({".py", ".html", ".css", ".js", ".json", ".txt", ".j2"})


def key_of(*parts: bytes | str | None) -> str:
    """One digest of a stage's inputs (None, b"" and "" are all distinct)."""
    h = hashlib.sha256()
    for part in parts:
        if part is None:
            h.update(b"\x00N")
            continue
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(b"\x00S" if isinstance(part, str) else b"\x00B")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def files_digest(directory: Path, pattern: str = "*") -> str:
    """The names and bytes of the files matching `pattern` in `directory` (a glossary)."""
    parts: list[bytes | str | None] = []
    if directory.is_dir():
        for path in sorted(directory.glob(pattern)):
            if path.is_file():
                parts += [path.name, path.read_bytes()]
    return key_of(*parts)


@dataclass
class ResultCache:
    """A stage's per-article results by the digest of everything they depend on.

    `.bilingual/cache/STAGE.json` is a header line (JSON: format, code), then one
    line per article: its name (JSON), its key and its result (plain JSON, the
    stage decides its shape), tab-separated. Results are kept as that JSON text
    and decoded only when asked for, so a run holds an archive's results as the
    file's bytes, not as millions of objects, and rewrites unchanged ones as they
    were. A lookup hits only when the key is the one computed now, so any changed
    input, or other code, is a miss. The file is rewritten only when something
    changed; a corrupt or foreign one is discarded with a note."""

    path: Path | None  # None: --no-cache
    entries: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # name -> key, JSON
    dirty: bool = False

    @classmethod
    def open(cls, root: Path, stage: str, enabled: bool = True) -> ResultCache:
        if not enabled:
            return cls(None)
        path = root / CACHE_DIR / f"{stage}.json"
        try:
            with path.open("rb") as lines:  # a line at a time: never the whole file as text
                try:
                    head = json.loads(next(lines, b""))
                except ValueError:
                    head = None
                entries = _result_lines(lines) if isinstance(head, dict) else None
        except FileNotFoundError:
            return cls(path)
        except OSError:
            head = entries = None
        if (entries is None or head.get("format") != HEADER
                or head.get("code") != code_fingerprint()):
            # Another version's cache is expected after an upgrade: no note for that.
            if not (entries is not None and head.get("format") == HEADER):
                print(f"note: {path}: not this version's cache; discarded", file=sys.stderr)
            return cls(path, dirty=True)
        return cls(path, entries)

    def get(self, name: str, key: str) -> Any | None:
        if self.path is None:
            return None
        found = self.entries.get(name)
        if found is None or found[0] != key:
            return None
        try:
            return json.loads(found[1])
        except ValueError:  # a damaged line: a miss, and rewritten by this run's put
            return None

    def put(self, name: str, key: str, result: Any) -> None:
        if self.path is None:
            return
        stored = (key, json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode())
        if self.entries.get(name) != stored:
            self.entries[name] = stored
            self.dirty = True

    def keep_only(self, names: Iterable[str]) -> None:
        """Forget articles that are gone (so the file does not grow forever)."""
        wanted = set(names)
        for name in [n for n in self.entries if n not in wanted]:
            del self.entries[name]
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        header = json.dumps({"format": HEADER, "code": code_fingerprint()}).encode()
        lines = (b"%s\t%s\t%s\n" % (json.dumps(name, ensure_ascii=False).encode(),
                                     key.encode(), result)
                 for name, (key, result) in self.entries.items())
        with _optional(self.path):
            _cache_folder(self.path)
            atomic_write_bytes(self.path, header + b"\n" + b"".join(lines), durable=False)
        self.dirty = False  # derived: a lost file is a miss


def _result_lines(lines: Iterable[bytes]) -> dict[str, tuple[str, bytes]] | None:
    """name -> (key, result JSON as UTF-8) from ResultCache's article lines; None if
    any line is not one (JSON never holds a raw tab or newline: the split is exact).
    Bytes, not str: a line holding one ideograph would take two bytes a character."""
    entries: dict[str, tuple[str, bytes]] = {}
    for line in lines:
        name, tab, rest = line.rstrip(b"\n").partition(b"\t")
        key, tab2, result = rest.partition(b"\t")
        if not (tab and tab2 and key.isalnum() and name.startswith(b'"')):
            return None
        try:
            entries[json.loads(name)] = (key.decode("ascii"), result)
        except ValueError:
            return None
    return entries
