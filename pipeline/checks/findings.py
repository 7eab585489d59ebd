"""What `bilingual check` reports: findings with a stable code, a severity and a place.

Every code is listed in RULES with its default severity, so the README's code
table, the formatters and the strict-mode promotion all read from one place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One problem at one place. `file`/`line` locate it (a .po entry, a glossary
    row, a source line); `source_line` adds the Markdown source (`content/x.md:19`)."""

    file: str
    line: int
    code: str
    severity: Severity
    message: str
    term: str = ""  # the glossary term / number / placeholder concerned: exceptions match on it
    expected: str = ""
    found: str = ""
    source_line: str = ""

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line, self.code, self.message)

    def with_severity(self, severity: Severity) -> "Finding":
        return replace(self, severity=severity)


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    draft: bool = False  # a warning while translating, an error with --strict


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: dict[str, Rule] = {rule.code: rule for rule in (
    Rule("BL101", _E, "glossary term without its approved rendering or an allowed variant"),
    Rule("BL102", _E, "forbidden rendering of a glossary term"),
    Rule("BL201", _W, "the same source segment translated differently in another catalog"),
    Rule("BL202", _I, "a term's approved rendering is never used in an article, only variants"),
    Rule("BL301", _W, "untranslated entry", draft=True),
    Rule("BL302", _W, "fuzzy entry (translation of an earlier source, needs review)", draft=True),
    Rule("BL303", _W, "obsolete entry left in the catalog", draft=True),
    Rule("BL304", _W, "no catalog for an article in a locale", draft=True),
    Rule("BL305", _W, "catalog out of date with its source (run `bilingual update`)",
         draft=True),
    Rule("BL306", _W, "catalog or template whose article is gone (renamed or deleted)",
         draft=True),
    Rule("BL401", _E, "number in the source missing from the translation"),
    Rule("BL402", _E, "number in the translation not in the source"),
    Rule("BL403", _W, "exact number made approximate, or approximate made exact"),
    Rule("BL501", _E, "Chinese/CJK characters in the English translation"),
    Rule("BL502", _W, "translation does not look like English (langdetect)"),
    Rule("BL503", _W, "source does not look like Chinese (langdetect)"),
    Rule("BL504", _W, "full-width punctuation in the English translation"),
    Rule("BL601", _E, "inline Markdown (emphasis, strong, code, links, images) differs"),
    Rule("BL602", _E, "link or image target differs"),
    Rule("BL603", _E, "placeholder ({name}, %s, %(x)s) missing or added"),
    Rule("BL801", _E, "the glossary cannot be loaded"),
    Rule("BL802", _I, "glossary terms found in no article"),
    Rule("BL803", _E, "glossary pinyin or name rendering that does not match the Chinese"),
    Rule("BL901", _I, "exception that suppressed nothing"),
    Rule("BL902", _W, "malformed exception comment or flag"),
)}


def make(code: str, file: str, line: int, message: str, **fields: str) -> Finding:
    """A finding with the code's default severity."""
    return Finding(file=file, line=line, code=code, severity=RULES[code].severity,
                   message=message, **fields)


def quoted(text: str, limit: int = 60) -> str:
    """A snippet for messages: one line, shortened, in double quotes."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f'"{flat}"'


def counts(findings: list[Finding]) -> dict[Severity, int]:
    tally = {s: 0 for s in Severity}
    for finding in findings:
        tally[finding.severity] += 1
    return tally
