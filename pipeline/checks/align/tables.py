"""The aligner's word tables, parsed once per machine and kept compact in the user's cache dir.

CC-CEDICT's gzip text takes about 0.6 s to read and parse, and pypinyin's tables
about as long to import; every `check` worker paid both. Parsed, they are plain
dicts of strings, which `marshal` writes and reads back in a fraction of that.
A table's file is named by what it was built from (the data package's version)
and by FORMAT, which changes whenever the parsing here or in lexicon.py does,
so a stale table is never read. Nothing is fetched: a table is built from the
installed package on first need, and if the cache dir cannot be written the
table is simply built again next time.
"""

from __future__ import annotations

import marshal
import os
import tempfile
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import TypeVar

from ...machine_cache import cache_dir

FORMAT = 2  # bump when a table's content changes for the same package version
T = TypeVar("T", dict[str, str], dict[int, str])  # what marshal writes back exactly


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "none"


def cached(name: str, build: Callable[[], T], valid: Callable[[T], bool]) -> T:
    """The table `name` (its source named in it, e.g. "cedict-1.2"), read from the
    cache dir if it has the shape `valid` expects, or built and written there for the
    next process. (A table of another shape under the same name once emptied the
    dictionary silently: nine false BL309 on the project's own article.)"""
    path = cache_dir() / f"{name}-f{FORMAT}.marshal"
    try:
        found: T = marshal.loads(path.read_bytes())
        if isinstance(found, dict) and valid(found):
            return found
    except (OSError, EOFError, ValueError, TypeError):
        pass  # absent, unreadable or cut short: build it afresh
    table = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside then renamed: a worker never reads a half-written table.
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, delete=False) as out:
            out.write(marshal.dumps(table))
        os.replace(out.name, path)
    except OSError:
        pass  # a read-only home: the table is simply built each time
    return table


def _toneless(reading: str) -> str:
    """hé -> he, lǘ -> lu, ḿ -> m: the readings as names spell them."""
    bare = "".join(c for c in unicodedata.normalize("NFD", reading)
                   if not unicodedata.combining(c))
    return bare.lower().replace("ü", "u").replace("v", "u")


def _build_readings() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict
    table: dict[int, str] = {}
    for code, readings in pinyin_dict.items():
        toneless = dict.fromkeys(_toneless(r) for r in readings.split(","))
        table[code] = ",".join(r for r in toneless if r.isascii() and r.isalpha())
    return table


@lru_cache(maxsize=1)
def readings() -> dict[int, str]:
    """Code point -> its toneless pinyin readings, comma-separated (pypinyin's
    character table: every reading, as a name may use any)."""
    return cached(f"readings-pypinyin-{package_version('pypinyin')}", _build_readings,
                  lambda table: all(isinstance(code, int) for code in table))
