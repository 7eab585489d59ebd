"""`bilingual update`: merge each template into its locale catalogs (msgmerge semantics)."""

from __future__ import annotations

import os
from datetime import datetime, timezone

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from ..cache import CanonicalCache
from ..catalog.merge import merge_catalog
from ..catalog.pofile import read_catalog
from ..catalog.template import gettext_date
from ..errors import PipelineError, display_path
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
           create: bool = False, quiet: bool = False, use_cache: bool = True) -> int:
    extract(project, article, quiet=True, use_cache=use_cache)
    cache = CanonicalCache.open(project.root, use_cache)
    if create and locale is None:
        raise PipelineError("--create needs --locale L")
    if create and locale is not None:
        validate_locale(locale)
    locales = [locale] if create and locale else project.locales(locale)
    if not locales:
        raise PipelineError("no locales yet: start one with `bilingual update --locale en --create`",
                            project.locales_dir)
    for slug in project.articles(article):
        template = read_catalog(project.template_path(slug)).po
        for loc in locales:
            path = project.catalog_path(slug, loc)
            if path.exists():
                loaded = read_catalog(path)
                merged = merge_catalog(loaded.po, template)
                if cache.unchanged(loaded.fingerprint, loaded.po, merged):
                    changed = False  # the very bytes on disk: skip formatting
                else:
                    changed = cache.write(merged, path, expect=loaded.fingerprint)
            else:
                merged = merge_catalog(new_catalog(template, loc), template)
                changed = cache.write(merged, path)
            if not quiet:
                active = [e for e in merged if not e.obsolete]
                fuzzy = sum(1 for e in active if "fuzzy" in e.flags)
                empty = sum(1 for e in active if not e.msgstr)
                obsolete = sum(1 for e in merged if e.obsolete)
                say(f"{display_path(path)}: {len(active)} entries, {fuzzy} fuzzy, "
                    f"{empty} untranslated, {obsolete} obsolete"
                    f"{'' if changed else ' (unchanged)'}")
    cache.save()
    return 0
