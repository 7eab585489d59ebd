"""pysbd's regular expressions compiled once per process instead of once per text.

pysbd builds its patterns as strings at every call (one per abbreviation it meets,
about 1,700 in all on news text) and hands them to `re.sub`, `re.findall` and the
like, whose cache keeps 512: each text compiled most of them again, a quarter of
pysbd's time. `install` gives pysbd's modules a `re` whose functions keep every
compiled pattern; the patterns, and so the sentences, are the same.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

_ROOM = 8192  # far more than pysbd's patterns (English: ~1,700 on the WMT21 news)


@lru_cache(maxsize=_ROOM)
def compiled(pattern: str | re.Pattern[str], flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _sub(pattern: str, repl: str | Callable[[re.Match[str]], str], string: str,
         count: int = 0, flags: int = 0) -> str:
    return compiled(pattern, flags).sub(repl, string, count)


def _findall(pattern: str, string: str, flags: int = 0) -> list[Any]:
    return compiled(pattern, flags).findall(string)


def _finditer(pattern: str, string: str, flags: int = 0) -> Iterator[re.Match[str]]:
    return compiled(pattern, flags).finditer(string)


def _search(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return compiled(pattern, flags).search(string)


def _match(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return compiled(pattern, flags).match(string)


def _split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
    return compiled(pattern, flags).split(string, maxsplit)


class _CachingRe(types.ModuleType):
    """`re` with the module functions pysbd calls going through `compiled`."""

    sub = staticmethod(_sub)
    findall = staticmethod(_findall)
    finditer = staticmethod(_finditer)
    search = staticmethod(_search)
    match = staticmethod(_match)
    split = staticmethod(_split)
    compile = staticmethod(compiled)

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)  # escape, flags, Pattern...


_CACHING_RE = _CachingRe("re")


def install() -> None:
    """Point every loaded pysbd module's `re` at the caching one (idempotent)."""
    for name, module in list(sys.modules.items()):
        if (name == "pysbd" or name.startswith("pysbd.")) and getattr(module, "re", None) is re:
            module.re = _CACHING_RE  # type: ignore[attr-defined]
