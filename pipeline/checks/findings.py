"""What `bilingual check` reports: findings with a stable code, a severity and a place.

Every code is a `Rule` in `registry.RULES` with its default severity.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .registry import RULES, Rule, Severity

__all__ = ["RULES", "Finding", "Rule", "Severity", "counts", "make", "quoted"]


@dataclass(frozen=True)
class Finding:
    """One problem at one place. `file`/`line` locate it (a .po entry, a glossary
    row, a source line); `source_ref` adds the Markdown source (`content/x.md:19`)."""

    file: str
    line: int
    code: str
    severity: Severity
    message: str
    term: str = ""  # the glossary term / number / placeholder concerned: waivers match on it
    expected: str = ""
    found: str = ""
    source_ref: str = ""  # "content/x.md:19", or "" when there is no source line
    draft: bool = False  # found on a fuzzy (draft) translation: never fails CI without --strict

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line, self.code, self.message)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)


def make(code: str, file: str, line: int, message: str, *, term: str = "",
         expected: str = "", found: str = "", source_ref: str = "") -> Finding:
    """A finding with the code's default severity."""
    return Finding(file=file, line=line, code=code, severity=RULES[code].severity,
                   message=message, term=term, expected=expected, found=found,
                   source_ref=source_ref)


def quoted(text: str, limit: int = 60) -> str:
    """A snippet for messages: one line, shortened, in double quotes."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f'"{flat}"'


def changed_snippets(old: str, new: str, limit: int = 40, context: int = 8) -> tuple[str, str]:
    """Quoted snippets of two versions of a text around where they differ (a long
    paragraph whose 460 became 480 shows the 480, not its unchanged opening)."""
    old, new = " ".join(old.split()), " ".join(new.split())
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < min(len(old), len(new)) - prefix
           and old[-1 - suffix] == new[-1 - suffix]):
        suffix += 1
    start = max(0, prefix - context)

    def snippet(text: str) -> str:
        end = min(len(text), max(len(text) - suffix + context, start + 1))
        body, more = text[start:end], end < len(text)
        if len(body) > limit:
            body, more = body[: limit - 1].rstrip(), True
        return f'"{"…" if start else ""}{body}{"…" if more else ""}"'
    return snippet(old), snippet(new)


def counts(findings: list[Finding]) -> dict[Severity, int]:
    tally = {s: 0 for s in Severity}
    for finding in findings:
        tally[finding.severity] += 1
    return tally
