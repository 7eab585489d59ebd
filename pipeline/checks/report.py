"""Formatters: findings -> text (compiler style), JSON, GitHub annotations or SARIF.

The JSON is a list of objects with the fields of `as_dict` (documented in the
docs/manual/checks.md); fields are only ever added, never renamed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath

from .findings import Finding, Severity, counts
from .registry import RULE_LIST, RULES

FORMATS = ("text", "json", "github", "sarif")


def summary(findings: Sequence[Finding]) -> str:
    tally = counts(list(findings))

    def n(count: int, word: str, plural: str) -> str:
        return f"{count} {word if count == 1 else plural}"
    return ", ".join([n(tally[Severity.ERROR], "error", "errors"),
                      n(tally[Severity.WARNING], "warning", "warnings"),
                      n(tally[Severity.INFO], "info", "info")])


def _article(f: Finding) -> str:
    return PurePosixPath(f.file).stem


SUMMARY_ARTICLES = 10  # per rule line; an archive's thousands would make it unreadable


def rule_summary(findings: Sequence[Finding]) -> list[str]:
    """One line per rule that fired: its count, then the count per article (file
    stem), most first, at most SUMMARY_ARTICLES of them and how many more."""
    lines = []
    by_code: dict[str, Counter[str]] = {}
    articles: dict[str, str] = {}  # file -> stem: an archive's findings name few files
    for f in findings:
        article = articles.get(f.file)
        if article is None:
            article = articles[f.file] = _article(f)
        by_code.setdefault(f.code, Counter())[article] += 1
    for code in sorted(by_code):
        per = by_code[code]
        ranked = sorted(per.items(), key=lambda item: (-item[1], item[0]))
        where = ", ".join(f"{name} {n}" for name, n in ranked[:SUMMARY_ARTICLES])
        if len(ranked) > SUMMARY_ARTICLES:
            where += f", and {len(ranked) - SUMMARY_ARTICLES:,} more articles"
        lines.append(f"{code} {RULES[code].name}: {sum(per.values()):,} ({where})")
    return lines


def text_line(f: Finding) -> str:
    where = f" [{f.source_ref}]" if f.source_ref else ""
    draft = " (draft)" if f.draft else ""
    return f"{f.file}:{f.line}: {f.severity.value}[{f.code}]{draft} {f.message}{where}"


def format_text(findings: Sequence[Finding]) -> str:
    tail = rule_summary(findings) if findings else []
    return "\n".join([*(text_line(f) for f in findings), *tail, summary(findings)]) + "\n"


def as_dict(f: Finding) -> dict[str, object]:
    return {"file": f.file, "line": f.line, "code": f.code, "rule": RULES[f.code].name,
            "severity": f.severity.value, "message": f.message, "term": f.term,
            "expected": f.expected, "found": f.found, "source": f.source_ref,
            "draft": f.draft}


def format_json(findings: Sequence[Finding]) -> str:
    return json.dumps([as_dict(f) for f in findings], ensure_ascii=False, indent=2) + "\n"


# GitHub has error/warning/notice; "info" is a notice.
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(f: Finding) -> str:
    props = [f"file={_escape_property(f.file)}"]
    if f.line:
        props.append(f"line={f.line}")
    props.append(f"title={_escape_property(f.code)}")
    where = f" [{f.source_ref}]" if f.source_ref else ""
    return f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_escape_data(f.message + where)}"


def format_github(findings: Sequence[Finding]) -> str:
    # The summary is a plain log line; GitHub shows the annotations on the diff.
    return "\n".join([*(github_line(f) for f in findings), summary(findings)]) + "\n"


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_log(findings: Sequence[Finding]) -> dict[str, object]:
    """A SARIF 2.1.0 log: one run, every registry rule in the driver, one result a finding."""
    index = {r.code: i for i, r in enumerate(RULE_LIST)}
    rules = [{"id": r.code, "name": r.name, "shortDescription": {"text": r.doc},
              "fullDescription": {"text": r.doc},
              "help": {"text": r.example or r.doc},
              "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
              "properties": {"scope": r.scope.value}} for r in RULE_LIST]
    results = []
    for f in findings:
        region = {"startLine": max(f.line, 1)}
        results.append({
            "ruleId": f.code, "ruleIndex": index[f.code], "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message + (f" [{f.source_ref}]" if f.source_ref else "")},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.file},
                                                "region": region}}],
            "properties": {"term": f.term, "expected": f.expected, "found": f.found,
                           "draft": f.draft},
        })
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "bilingual check", "informationUri":
                            "https://example.org/bilingual", "rules": rules}},
        "results": results}]}


def format_sarif(findings: Sequence[Finding]) -> str:
    return json.dumps(sarif_log(findings), ensure_ascii=False, indent=2) + "\n"


def at_least(findings: Sequence[Finding], minimum: Severity) -> list[Finding]:
    """`--severity`: the findings at or above `minimum`."""
    return [f for f in findings if f.severity.rank >= minimum.rank]


FORMATTERS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "text": format_text, "json": format_json, "github": format_github, "sarif": format_sarif,
}
