"""Errors raised by the PO tooling."""
from __future__ import annotations

from pathlib import Path


class PoFormatError(Exception):
    """A PO file we refuse to rewrite: malformed, or using a construct that
    polib would read lossily (so rewriting it would silently drop data).

    ``line`` is 1-based; 0 means "the file as a whole".
    """

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # keep pickling (e.g. multiprocessing) working
        return (type(self), (self.path, self.line, self.message))
