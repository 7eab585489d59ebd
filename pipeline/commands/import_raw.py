"""`bilingual import RAW --slug SLUG`: a PDF, Word file, web page or raw text extraction
-> content/SLUG.md. The kind of file is told by its bytes, not its name."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_write_bytes, atomic_write_text
from ..errors import PipelineError, display_path
from ..importer import import_file, report_lines
from ..importer.kinds import sniff
from ..project import Project, validate_slug
from .base import Command
from .common import say, warn


@dataclass(frozen=True)
class ImportOptions:
    raw: Path
    slug: str
    force: bool = False  # overwrite an existing content/SLUG.md
    dry_run: bool = False  # print the Markdown, write nothing
    encoding: str | None = None  # None: detected
    verbose: bool = False  # every change, not one line per kind


def import_command(project: Project, options: ImportOptions) -> int:
    raw, slug, dry_run = options.raw, options.slug, options.dry_run
    validate_slug(slug)
    if raw.is_dir():
        raise PipelineError("a directory, not a file: give the one file to import", raw)
    if not raw.is_file():
        raise PipelineError("no such file to import", raw)
    target = project.source_path(slug)
    if target.exists() and not options.force and not dry_run:
        raise PipelineError("already exists and is the reviewed source of truth; not "
                            "overwriting it (use --force, or --dry-run to compare)", target)
    data = raw.read_bytes()
    result = import_file(raw, data, options.encoding)
    # The report is diagnostics (stderr), so `--dry-run > file.md` gives clean Markdown.
    for line in report_lines(result, display_path(raw), options.verbose):
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


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("raw", type=Path, metavar="RAW",
                        help="the file to import (PDF, .docx, .html or text)")
    parser.add_argument("--slug", required=True,
                        help="the article's name: content/SLUG.md, locales/SLUG.pot, build/SLUG.*")
    parser.add_argument("--force", action="store_true",
                        help="overwrite an existing content/SLUG.md")
    parser.add_argument("--dry-run", action="store_true", help="print the Markdown, write nothing")
    parser.add_argument("--encoding", metavar="NAME",
                        help="the raw text's encoding (default: detected; e.g. gb18030, utf-16)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list every change, not one line per kind")


COMMAND = Command(ImportOptions, _arguments, import_command,
                  description="Turn a PDF, Word file (.docx), saved web page (news site, WeChat "
                              "article) or raw text extraction into Markdown for review; "
                              "reports every change and flags what needs an editor. The kind "
                              "of file is told by its bytes.")
