"""Every `bilingual` command in one table: its name, the module that declares it
(`COMMAND = ...` at its end, see commands/base.py) and its line in `bilingual -h`.

A module is imported only when its command is chosen, so `bilingual fmt` does not
load the renderer. A new command is one module plus one line here.
"""

from __future__ import annotations

import importlib
from typing import NamedTuple

from .base import Runnable


class CommandEntry(NamedTuple):
    name: str
    module: str  # under pipeline/commands/
    help: str


COMMANDS: tuple[CommandEntry, ...] = (
    CommandEntry("init", "init", "start a new publication in DIR (default: here)"),
    CommandEntry("import", "import_raw",
                 "turn a PDF, .docx, saved web page or raw text into content/SLUG.md"),
    CommandEntry("extract", "extract", "write the translation templates locales/SLUG.pot"),
    CommandEntry("update", "update", "merge templates into locales/L/LC_MESSAGES/SLUG.po"),
    CommandEntry("build", "build", "write bilingual and English editions to build/"),
    CommandEntry("align", "align", "the sentence links of every translated entry (derived, "
                                   "never stored): side by side with confidences, or as JSON "
                                   "or TMX"),
    CommandEntry("status", "status", "translation progress per article and locale"),
    CommandEntry("check", "check", "the glossary and translation gate (exit 1 on errors)"),
    CommandEntry("serve", "serve", "the translation workbench in the browser"),
    CommandEntry("memory", "memory", "the translation memory: TMX export/import, lookup"),
    CommandEntry("terms", "terms", "candidate glossary terms found in the articles"),
    CommandEntry("glossary", "glossary", "the glossary as TBX or CSV: export and import"),
    CommandEntry("xliff", "xliff", "one catalog as XLIFF 1.2/2.0 for agencies, and back"),
    CommandEntry("fmt", "fmt", "rewrite .po files in GNU canonical form (as msgcat)"),
)
BY_NAME = {entry.name: entry for entry in COMMANDS}


def load(entry: CommandEntry) -> Runnable:
    """The command its module declares (imported now, not before)."""
    found: Runnable = importlib.import_module(f"{__package__}.{entry.module}").COMMAND
    return found
