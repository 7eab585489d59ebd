"""`bilingual import RAW --slug SLUG`: a raw extraction -> content/SLUG.md for review."""

from __future__ import annotations

from pathlib import Path

from ..atomic import atomic_write_bytes, atomic_write_text
from ..errors import PipelineError, display_path
from ..importer import import_raw
from ..project import Project, validate_slug
from .common import say, warn


def import_command(project: Project, raw: Path, slug: str, force: bool = False,
                   dry_run: bool = False) -> int:
    validate_slug(slug)
    if not raw.is_file():
        raise PipelineError("no such raw text file", raw)
    data = raw.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PipelineError("not valid UTF-8 (convert the extraction to UTF-8 first)", raw,
                            data[: exc.start].count(b"\n") + 1) from None
    if not text.strip():
        raise PipelineError("no text to import (the file is empty)", raw, 1)
    target = project.source_path(slug)
    if target.exists() and not force and not dry_run:
        raise PipelineError("already exists and is the reviewed source of truth; not "
                            "overwriting it (use --force, or --dry-run to compare)", target)
    result = import_raw(text)
    where = display_path(raw)
    # The report is diagnostics (stderr), so `--dry-run > file.md` gives clean Markdown.
    for note in result.changes:
        warn(f"{where}:{note.line}: fixed: {note.message}")
    for note in result.flags:
        warn(f"{where}:{note.line}: review: {note.message}")
    if dry_run:
        say(result.markdown.rstrip("\n"))
        return 0
    provenance = project.content_dir / f"{slug}.raw.txt"
    if raw.resolve() != provenance.resolve():
        atomic_write_bytes(provenance, data)  # verbatim, byte for byte
    atomic_write_text(target, result.markdown)
    say(f"{display_path(target)}: written ({len(result.changes)} changes, "
        f"{len(result.flags)} to review); raw text kept as {display_path(provenance)}")
    return 0
