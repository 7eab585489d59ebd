"""Errors that reach the user as one `file:line: message` line."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


class PipelineError(Exception):
    """Bad input or a refused operation; the CLI prints it and exits 2."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = display_path(self.path)
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class WriteError(PipelineError):
    """A file could not be written (a full disk, a read-only file or folder):
    nothing was changed. `errno` says which, for callers that answer differently."""

    def __init__(self, message: str, path: Path | str | None = None,
                 errno: int | None = None):
        super().__init__(message, path)
        self.errno = errno


class ConflictError(PipelineError):
    """A file changed on disk after we read it; we refuse to overwrite it."""


def display_path(path: Path) -> str:
    """Show paths relative to the working directory when possible (compiler style):
    `path.resolve().relative_to(Path.cwd().resolve())`, with each directory's real
    path looked up once. Commands show a path per article, and resolving every
    component of each cost a tenth of a second per 1,000 articles."""
    here = os.getcwd()
    full = os.path.join(here, path)
    directory, name = os.path.split(full)
    if name in ("", ".", "..") or os.path.islink(full):
        real = os.path.realpath(full)
    else:  # a plain name: the real path of its directory, then the name
        real = os.path.join(_real_path(directory), name)
    base = _real_path(here)
    if real == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    return real[len(prefix):] if real.startswith(prefix) else str(path)


@lru_cache(maxsize=512)
def _real_path(directory: str) -> str:
    return os.path.realpath(directory)
