"""`bilingual xliff export|import`: one catalog as XLIFF 1.2 or 2.0 for an agency,
and their translations merged back entry by entry (from their XLIFF file, or from
the .po a CAT tool such as OmegaT gives back)."""

from __future__ import annotations

import argparse
import copy
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_write_bytes
from ..catalog.pofile import parse_catalog, read_catalog, save_catalog
from ..catalog.returned import returned_document, returned_units
from ..catalog.xliff import (
    Document,
    Unit,
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
    file: Path  # their XLIFF file, or the .po their tool gave back
    article: str | None = None  # None: the file's original (a .po: its name)
    locale: str | None = None  # None: the file's target language
    base: Path | None = None  # a returned .po: the catalog as it was sent


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PipelineError("no such file", path) from None


def _their_units(project: Project, options: ImportOptions) -> tuple[str, str, list[Unit]]:
    """Article, locale and units of their file, checked against the project."""
    source = options.file
    if source.suffix != ".po":
        if options.base is not None:
            raise PipelineError("--base is for a returned .po (an XLIFF file carries "
                                "its own)", source)
        document, units = read_xliff(_read(source), source)
        slug = options.article or _slug_of(project, document.original, source)
        loc = options.locale or _locale_of(project, document.target_lang, source)
        check_document(document, _document(project, slug, loc), source)
        return slug, loc, units
    theirs = parse_catalog(_read(source), source).po
    sent = parse_catalog(_read(options.base), options.base).po if options.base else None
    document = returned_document(theirs)
    slug = options.article or source.name.split(".")[0]
    if not project.source_path(slug).exists():
        raise PipelineError(f"no article '{slug}' (choose one with --article)", source)
    loc = options.locale or _locale_of(project, document.target_lang, source)
    expected = _document(project, slug, loc)
    check_document(Document(expected.original, document.source_lang or expected.source_lang,
                            document.target_lang or expected.target_lang), expected, source)
    return slug, loc, returned_units(theirs, sent)


def import_command(project: Project, options: ImportOptions) -> int:
    source = options.file
    slug, loc, units = _their_units(project, options)
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
    parser.add_argument("file", type=Path, metavar="FILE.xlf|FILE.po",
                        help="their XLIFF file, or the catalog their tool gave back "
                             "(OmegaT's target/SLUG.po)")
    parser.add_argument("--article", metavar="SLUG",
                        help="default: the file's original (a .po: its name)")
    parser.add_argument("--locale", metavar="L", help="default: the file's target language")
    parser.add_argument("--base", type=Path, metavar="SENT.po",
                        help="a returned .po: the catalog as it was sent (OmegaT's "
                             "source/SLUG.po), so their edits are taken, not conflicts")


COMMAND = CommandGroup({
    "export": Action("write locales/L/LC_MESSAGES/SLUG.po as XLIFF",
                     Command(ExportOptions, _export_arguments, export_command)),
    "import": Action("merge an XLIFF file's (or a returned .po's) translations into its "
                     "catalog",
                     Command(ImportOptions, _import_arguments, import_command)),
}, description="Export a catalog as XLIFF for Trados, memoQ or Phrase; import their file, "
               "merged entry by entry.")
