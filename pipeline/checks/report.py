"""Formatters: findings -> text (compiler style), JSON, or GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from .findings import Finding, Severity, counts

FORMATS = ("text", "json", "github")


def summary(findings: Sequence[Finding]) -> str:
    tally = counts(list(findings))

    def n(count: int, word: str, plural: str) -> str:
        return f"{count} {word if count == 1 else plural}"
    return ", ".join([n(tally[Severity.ERROR], "error", "errors"),
                      n(tally[Severity.WARNING], "warning", "warnings"),
                      n(tally[Severity.INFO], "info", "info")])


def text_line(f: Finding) -> str:
    where = f" [{f.source_line}]" if f.source_line else ""
    return f"{f.file}:{f.line}: {f.severity.value}[{f.code}] {f.message}{where}"


def format_text(findings: Sequence[Finding]) -> str:
    return "\n".join([*(text_line(f) for f in findings), summary(findings)]) + "\n"


def as_dict(f: Finding) -> dict[str, object]:
    return {"file": f.file, "line": f.line, "code": f.code, "severity": f.severity.value,
            "message": f.message, "term": f.term, "expected": f.expected, "found": f.found,
            "source": f.source_line}


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
    where = f" [{f.source_line}]" if f.source_line else ""
    return f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_escape_data(f.message + where)}"


def format_github(findings: Sequence[Finding]) -> str:
    # The summary is a plain log line; GitHub shows the annotations on the diff.
    return "\n".join([*(github_line(f) for f in findings), summary(findings)]) + "\n"


FORMATTERS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "text": format_text, "json": format_json, "github": format_github,
}
