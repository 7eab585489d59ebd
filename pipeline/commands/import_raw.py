"""`bilingual import RAW --slug SLUG`: a PDF, Word file, web page or raw text extraction
-> content/SLUG.md. The kind of file is told by its bytes, not its name."""

from __future__ import annotations

from pathlib import Path

from ..atomic import atomic_write_bytes, atomic_write_text
from ..errors import PipelineError, display_path
from ..importer import ImportResult, import_lines, import_raw, report_lines
from ..importer.decode import decode
from ..importer.kinds import FileKind, sniff
from ..importer.report import Change
from ..importer.styled import import_pieces
from ..project import Project, validate_slug
from .common import say, warn


def convert(raw: Path, data: bytes, encoding: str | None) -> ImportResult:
    kind = sniff(data, raw)
    if kind is FileKind.PDF:
        from ..importer.pdf import pdf_lines
        return import_lines(pdf_lines(data, raw))
    if kind is FileKind.DOCX:
        from ..importer.word import docx_pieces
        return import_pieces(docx_pieces(data, raw), ImportResult(markdown=""))
    if kind is FileKind.HTML:
        from ..importer.web import html_pieces
        result = ImportResult(markdown="")
        return import_pieces(html_pieces(data, raw, result), result)
    decoded = decode(data, raw, encoding)
    if not decoded.text.strip():
        raise PipelineError("no text to import (the file is empty)", raw, 1)
    result = import_raw(decoded.text)
    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        result.change(Change.ENCODING, 1, f"decoded as {decoded.encoding}")
    if decoded.line_ends != "LF":
        result.change(Change.LINE_ENDS, 1, f"{decoded.line_ends} line ends read as lines")
    return result


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
    result = convert(raw, data, encoding)
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
