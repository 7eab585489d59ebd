"""`bilingual update`: merge each template into its locale catalogs (msgmerge semantics)."""

from __future__ import annotations

import os
from datetime import datetime, timezone

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from ..catalog.merge import merge_catalog
from ..catalog.pofile import read_catalog, write_catalog
from ..catalog.template import gettext_date
from ..errors import PipelineError, display_path
from ..memory import FillReport, TranslationMemory, fill_from_memory
from ..memory.project_memory import project_memory
from ..project import Project, validate_locale
from .common import say
from .extract import extract

DEFAULT_TRANSLATOR = "FULL NAME <EMAIL@ADDRESS>"


def new_catalog(template: polib.POFile, locale: str, now: datetime | None = None) -> polib.POFile:
    """msginit: a fresh catalog with complete headers for `locale`."""
    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise PipelineError(f"unknown locale '{locale}' (use a code such as en, en_GB, fr)") from None
    plural = get_plural(str(parsed))
    po = polib.POFile(wrapwidth=79)
    slug = template.metadata.get("Project-Id-Version", "").removeprefix("bilingual ")
    po.header = (f"{parsed.english_name} translation of the article \"{slug}\".\n"
                 "Edit with any gettext editor; `bilingual update` keeps your work.")
    po.metadata = {
        "Project-Id-Version": template.metadata.get("Project-Id-Version", "bilingual"),
        "Report-Msgid-Bugs-To": template.metadata.get("Report-Msgid-Bugs-To", ""),
        "POT-Creation-Date": template.metadata.get("POT-Creation-Date", ""),
        "PO-Revision-Date": gettext_date(now or datetime.now(timezone.utc)),
        "Last-Translator": os.environ.get("BILINGUAL_TRANSLATOR", DEFAULT_TRANSLATOR),
        "Language-Team": f"{parsed.english_name} <{locale}@li.org>",
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": f"nplurals={plural.num_plurals}; plural={plural.plural_expr};",
        "X-Source-Language": template.metadata.get("X-Source-Language", "zh-Hans"),
    }
    return po


def update(project: Project, article: str | None = None, locale: str | None = None,
           create: bool = False, quiet: bool = False, memory: bool = True) -> int:
    extract(project, article, quiet=True)
    if create and locale is None:
        raise PipelineError("--create needs --locale L")
    if create and locale is not None:
        validate_locale(locale)
    locales = [locale] if create and locale else project.locales(locale)
    if not locales:
        raise PipelineError("no locales yet: start one with `bilingual update --locale en --create`",
                            project.locales_dir)
    settings = project.config.memory
    use_memory = memory and settings.enabled
    # One memory per locale, built before any catalog changes, so the result does
    # not depend on the order in which articles are updated.
    memories: dict[str, TranslationMemory] = {}
    for slug in project.articles(article):
        template = read_catalog(project.template_path(slug)).po
        for loc in locales:
            path = project.catalog_path(slug, loc)
            loaded = read_catalog(path) if path.exists() else None
            old = loaded.po if loaded is not None else new_catalog(template, loc)
            merged = merge_catalog(old, template)
            filled = FillReport()
            if use_memory:
                if loc not in memories:
                    memories[loc] = project_memory(project, loc)
                filled = fill_from_memory(merged, loaded.po if loaded else None, memories[loc],
                                          settings.fuzzy_threshold, project.source_ref(slug))
            changed = write_catalog(merged, path,
                                    expect=loaded.fingerprint if loaded else None)
            if not quiet:
                active = [e for e in merged if not e.obsolete]
                fuzzy = sum(1 for e in active if "fuzzy" in e.flags)
                empty = sum(1 for e in active if not e.msgstr)
                obsolete = sum(1 for e in merged if e.obsolete)
                say(f"{display_path(path)}: {len(active)} entries, {fuzzy} fuzzy, "
                    f"{empty} untranslated, {obsolete} obsolete"
                    f"{_memory_summary(filled)}"
                    f"{'' if changed else ' (unchanged)'}")
    return 0


def _memory_summary(report: FillReport) -> str:
    if not report.total:
        return ""
    return (f"; from memory: {report.exact} exact, {report.fuzzy} fuzzy, "
            f"{report.sentences} by sentence")
