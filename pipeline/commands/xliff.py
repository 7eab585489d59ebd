"""`bilingual xliff export|import`: one catalog as XLIFF 1.2 or 2.0 for an agency,
and their translations merged back entry by entry."""

from __future__ import annotations

import copy
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


def export_command(project: Project, article: str | None, locale: str | None,
                   version: str, output: Path | None) -> int:
    slug, loc = _one(project, article, locale)
    catalog = read_catalog(project.catalog_path(slug, loc))
    data = write_xliff(catalog.po, _document(project, slug, loc), XliffVersion(version))
    target = output or Path(f"{slug}.{loc}.xlf")
    atomic_write_bytes(target, data)
    count = data.count(b"<trans-unit ") + data.count(b"<unit ")
    say(f"{display_path(target)}: {count} units, XLIFF {version} "
        f"({project.config.publication.source_language} → {loc})")
    return 0


def import_command(project: Project, source: Path, article: str | None,
                   locale: str | None) -> int:
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
