"""Errors raised by the PO tooling."""
from __future__ import annotations

from pathlib import Path

from ..errors import PipelineError


class PoFormatError(PipelineError):
    """A PO file we refuse to rewrite: malformed, or using a construct that
    polib would read lossily (so rewriting it would silently drop data).

    Same argument order as every other error: ``(message, path, line)``;
    ``line`` is 1-based, 0 or None means "the file as a whole".
    """

    def __init__(self, message: str, path: Path | str, line: int | None = None) -> None:
        super().__init__(message, path, line or None)

    def __reduce__(self) -> tuple[type, tuple[str, Path | None, int | None]]:  # keep pickling (e.g. multiprocessing) working
        return (type(self), (self.message, self.path, self.line))
