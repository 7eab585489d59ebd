"""`bilingual import RAW --slug SLUG`: a PDF, Word file, web page or raw text extraction
-> content/SLUG.md. The kind of file is told by its bytes, not its name."""

from __future__ import annotations

from pathlib import Path

from ..atomic import atomic_write_bytes, atomic_write_text
from ..errors import PipelineError, display_path
from ..importer import import_file, report_lines
from ..importer.kinds import sniff
from ..project import Project, validate_slug
from .common import say, warn


def import_command(project: Project, raw: Path, slug: str, force: bool = False,
                   dry_run: bool = False, encoding: str | None = None,
                   verbose: bool = False) -> int:
    validate_slug(slug)
    if not raw.is_file():
        raise PipelineError("no such raw text file", raw)
    target = project.source_path(slug)
    if target.exists() and not force and not dry_run:
        raise PipelineError("already exists and is the reviewed source of truth; not "
                            "overwriting it (use --force, or --dry-run to compare)", target)
    data = raw.read_bytes()
    result = import_file(raw, data, encoding)
    # The report is diagnostics (stderr), so `--dry-run > file.md` gives clean Markdown.
    for line in report_lines(result, display_path(raw), verbose):
        warn(line)
    if dry_run:
        say(result.markdown.rstrip("\n"))
        return 0
    suffix = f".raw{sniff(data, raw).value}"
    provenance = project.content_dir / f"{slug}{suffix}"
    if raw.resolve() != provenance.resolve():
        atomic_write_bytes(provenance, data)  # verbatim, byte for byte
    atomic_write_text(target, result.markdown)
    say(f"{display_path(target)}: written ({len(result.changes)} changes, "
        f"{len(result.flags)} to review); raw kept as {display_path(provenance)}")
    return 0
