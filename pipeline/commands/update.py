"""`bilingual update`: merge each template into its locale catalogs (msgmerge semantics).

Order of writes, per article: every `.po` first, then the `.pot`. A `.pot` on
disk that is new therefore means its catalogs were merged against it; a run
killed in between leaves an old `.pot`, and the next `update` redoes the merge
(which is idempotent). Each `.po` is written by `save_catalog`, so an edit
saved meanwhile by the workbench, Poedit or a `git pull` is merged, not lost.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from ..catalog.merge import merge_catalog
from ..catalog.pofile import read_catalog, save_catalog, write_catalog
from ..catalog.template import gettext_date
from ..errors import PipelineError, display_path
from ..project import Project, validate_locale
from .common import project_glossary, say, warn
from .extract import fresh_template

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
           create: bool = False, quiet: bool = False) -> int:
    if create and locale is None:
        raise PipelineError("--create needs --locale L")
    if create and locale is not None:
        validate_locale(locale)
    locales = [locale] if create and locale else project.locales(locale)
    if not locales:
        raise PipelineError("no locales yet: start one with `bilingual update --locale en --create`",
                            project.locales_dir)
    glossary = project_glossary(project.glossary_dir)
    for slug in project.articles(article):
        template = fresh_template(project, slug, glossary)
        for loc in locales:
            path = project.catalog_path(slug, loc)
            if path.exists():
                loaded = read_catalog(path)
                merged = merge_catalog(loaded.po, template)
                saved = save_catalog(path, loaded, merged)
                changed, merged = saved.changed, saved.po
                if saved.merged:
                    warn(f"{display_path(path)}: changed on disk during update; merged "
                         "entry by entry" + (f", {len(saved.conflicts)} entries kept as on "
                                             "disk" if saved.conflicts else ""))
            else:
                merged = merge_catalog(new_catalog(template, loc), template)
                changed = write_catalog(merged, path)
            if not quiet:
                active = [e for e in merged if not e.obsolete]
                fuzzy = sum(1 for e in active if "fuzzy" in e.flags)
                empty = sum(1 for e in active if not e.msgstr)
                obsolete = sum(1 for e in merged if e.obsolete)
                say(f"{display_path(path)}: {len(active)} entries, {fuzzy} fuzzy, "
                    f"{empty} untranslated, {obsolete} obsolete"
                    f"{'' if changed else ' (unchanged)'}")
        write_catalog(template, project.template_path(slug))  # last: see the docstring
    return 0
