"""`bilingual xliff export|import`: one catalog as XLIFF 1.2 or 2.0 for an agency,
and their translations merged back entry by entry."""

from __future__ import annotations

import argparse
import copy
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_write_bytes
from ..catalog.pofile import read_catalog, save_catalog
from ..catalog.xliff import (
    Document,
    XliffVersion,
    check_document,
    merge_units,
    read_xliff,
    write_xliff,
)
from ..errors import PipelineError, display_path
from ..langtags import same_language
from ..project import Project
from .base import Action, Command, CommandGroup, values
from .common import say, warn

SHOWN = 10  # conflicts and unknown units listed; the rest are counted


def _document(project: Project, slug: str, locale: str) -> Document:
    return Document(project.source_ref(slug), project.config.publication.source_language,
                    locale.replace("_", "-"))


def _one(project: Project, article: str | None, locale: str | None) -> tuple[str, str]:
    if article is None:
        raise PipelineError("choose the article with --article SLUG")
    if locale is None:
        locales = project.locales(None)
        if len(locales) != 1:
            raise PipelineError("choose the locale with --locale L "
                                f"(locales: {', '.join(locales) or 'none'})")
        locale = locales[0]
    if not project.source_path(article).exists():
        raise PipelineError(f"no article '{article}'", project.source_path(article))
    return article, locale


@dataclass(frozen=True)
class ExportOptions:
    article: str | None = None  # required on the command line
    locale: str | None = None  # needed if the project has several
    version: XliffVersion = XliffVersion.V12  # 1.2: what every CAT tool reads
    output: Path | None = None  # None: SLUG.L.xlf here


def export_command(project: Project, options: ExportOptions) -> int:
    slug, loc = _one(project, options.article, options.locale)
    version = options.version.value
    catalog = read_catalog(project.catalog_path(slug, loc))
    data = write_xliff(catalog.po, _document(project, slug, loc), options.version)
    target = options.output or Path(f"{slug}.{loc}.xlf")
    atomic_write_bytes(target, data)
    count = data.count(b"<trans-unit ") + data.count(b"<unit ")
    say(f"{display_path(target)}: {count} units, XLIFF {version} "
        f"({project.config.publication.source_language} → {loc})")
    return 0


@dataclass(frozen=True)
class ImportOptions:
    file: Path  # their XLIFF file
    article: str | None = None  # None: the file's original
    locale: str | None = None  # None: the file's target language


def import_command(project: Project, options: ImportOptions) -> int:
    source, article, locale = options.file, options.article, options.locale
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise PipelineError("no such file", source) from None
    document, units = read_xliff(data, source)
    slug = article or _slug_of(project, document.original, source)
    loc = locale or _locale_of(project, document.target_lang, source)
    check_document(document, _document(project, slug, loc), source)
    path = project.catalog_path(slug, loc)
    base = read_catalog(path)
    edit = copy.deepcopy(base.po)
    result = merge_units(edit, units)
    outcome = save_catalog(path, base, edit) if result.taken or result.source_changed \
        else None
    for unit, ours in result.conflicts[:SHOWN]:
        warn(f"{display_path(source)}:{unit.line}: conflict: unit {unit.id} changed in the "
             f"catalog too; kept the catalog's \"{ours[:60]}\", not \"{(unit.target or '')[:60]}\"")
    for unit in result.unknown[:SHOWN]:
        warn(f"{display_path(source)}:{unit.line}: warning: unit {unit.id}: no such entry in "
             f"{display_path(path)} (removed since the export?)")
    hidden = max(0, len(result.conflicts) - SHOWN) + max(0, len(result.unknown) - SHOWN)
    if hidden:
        warn(f"{display_path(source)}: … and {hidden} more")
    if outcome is not None and outcome.conflicts:
        warn(f"{display_path(path)}: changed while importing; {len(outcome.conflicts)} "
             "entries kept as they are on disk")
    say(f"{display_path(path)}: {len(result.taken)} translations taken, "
        f"{len(result.source_changed)} as fuzzy (source changed), {result.unchanged} "
        f"unchanged, {len(result.conflicts)} conflicts, {len(result.unknown)} unknown units")
    return 1 if result.conflicts else 0


def _slug_of(project: Project, original: str, source: Path) -> str:
    prefix, suffix = project.source_ref("X").split("X")
    if original.startswith(prefix) and original.endswith(suffix):
        slug = original[len(prefix):len(original) - len(suffix)]
        if project.source_path(slug).exists():
            return slug
    raise PipelineError(f"this file is for '{original or '?'}', which is not an article of "
                        "this project", source)


def _locale_of(project: Project, target_lang: str, source: Path) -> str:
    found = [loc for loc in project.locales(None) if same_language(loc, target_lang)]
    if len(found) != 1:
        raise PipelineError(f"its target language is '{target_lang}': "
                            f"{'no' if not found else 'more than one'} locale of this project "
                            "matches (choose one with --locale)", source)
    return found[0]


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--article", metavar="SLUG", required=True,
                        help="the article whose catalog to export")
    parser.add_argument("--locale", metavar="L", help="the target locale (needed if several)")
    parser.add_argument("--version", choices=values(XliffVersion), default="1.2",
                        help="XLIFF version (default 1.2, which every CAT tool reads)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE.xlf",
                        help="where to write (default: SLUG.L.xlf here)")


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.xlf",
                        help="the XLIFF 1.2 or 2.0 file the agency sent back")
    parser.add_argument("--article", metavar="SLUG", help="default: the file's original")
    parser.add_argument("--locale", metavar="L", help="default: the file's target language")


COMMAND = CommandGroup({
    "export": Action("write locales/L/LC_MESSAGES/SLUG.po as XLIFF",
                     Command(ExportOptions, _export_arguments, export_command)),
    "import": Action("merge an XLIFF file's translations into its catalog",
                     Command(ImportOptions, _import_arguments, import_command)),
}, description="Export a catalog as XLIFF for Trados, memoQ or Phrase; import their file, "
               "merged entry by entry.")
