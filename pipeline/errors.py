"""Errors that reach the user as one `file:line: message` line."""

from __future__ import annotations

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


class ConflictError(PipelineError):
    """A file changed on disk after we read it; we refuse to overwrite it."""


def display_path(path: Path) -> str:
    """Show paths relative to the working directory when possible (compiler style)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
