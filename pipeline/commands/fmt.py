"""`bilingual fmt [--check] FILES...`: GNU canonical form for .po/.pot files."""

from __future__ import annotations

from pathlib import Path

from ..errors import PipelineError, display_path
from ..po.errors import PoFormatError
from ..po.fmt import fmt_paths
from .common import say


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; directories stand for every .po/.pot file below them."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in (".po", ".pot"))
        elif path.is_file():
            found.append(path)
        else:
            raise PipelineError("no such file or directory", path)
    return found


def fmt_command(files: list[Path], check: bool) -> int:
    files = expand(files)
    try:
        changed = fmt_paths(files, check)
    except PoFormatError as exc:
        raise PipelineError(exc.message, exc.path, exc.line or None) from None
    for path in changed:
        say(f"{display_path(path)}: {'not in GNU canonical form' if check else 'reformatted'}")
    return 1 if check and changed else 0
