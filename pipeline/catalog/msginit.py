"""msginit: a fresh catalog for a locale, with the complete headers GNU tools write."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from ..errors import PipelineError
from .header import header_value
from .template import gettext_date

DEFAULT_TRANSLATOR = "FULL NAME <EMAIL@ADDRESS>"


def new_catalog(template: polib.POFile, locale: str, now: datetime | None = None,
                translator: str = "") -> polib.POFile:
    """msginit: a fresh catalog with complete headers for `locale`. Last-Translator:
    $BILINGUAL_TRANSLATOR, else `translator` (bilingual.toml's), else msginit's
    placeholder."""
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
        "PO-Revision-Date": gettext_date(now or datetime.now(UTC)),
        "Last-Translator": (os.environ.get("BILINGUAL_TRANSLATOR", "").strip()
                            or translator.strip() or DEFAULT_TRANSLATOR),
        "Language-Team": f"{parsed.english_name} <{locale}@li.org>",
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": f"nplurals={plural.num_plurals}; plural={plural.plural_expr};",
        "X-Source-Language": template.metadata.get("X-Source-Language", "zh-Hans"),
    }
    for name, value in po.metadata.items():  # $BILINGUAL_TRANSLATOR among them
        header_value(name, value)
    return po
