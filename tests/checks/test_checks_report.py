"""Formatters and the waiver syntax of `bilingual check`, as pure functions."""

from __future__ import annotations

import json

import polib
import pytest

from pipeline.checks.findings import Finding, Severity, make
from pipeline.checks.report import format_github, format_json, format_text, rule_summary, summary
from pipeline.checks.rules.base import EntryView
from pipeline.checks.waivers import apply_waivers, parse_waivers

A = make("BL101", "locales/en/LC_MESSAGES/a.po", 12, '专业镇: expected "specialized town", '
         "found none", term="专业镇", expected="specialized town", source_ref="content/a.md:3")
B = make("BL403", "locales/en/LC_MESSAGES/a.po", 30, "50% off, 100%\nsecond line")
C = make("BL802", "glossary/terms.csv", 4, "1 term(s) used by no article: 闲置 (line 4)")


def test_summary_counts_and_plurals() -> None:
    assert summary([]) == "0 errors, 0 warnings, 0 info"
    assert summary([A, B, C]) == "1 error, 1 warning, 1 info"
    assert summary([A, A, B, B]) == "2 errors, 2 warnings, 0 info"


def test_text_lines_are_compiler_style() -> None:
    assert format_text([A, C]).splitlines() == [
        'locales/en/LC_MESSAGES/a.po:12: error[BL101] 专业镇: expected "specialized town", '
        "found none [content/a.md:3]",
        "glossary/terms.csv:4: info[BL802] 1 term(s) used by no article: 闲置 (line 4)",
        "BL101 term-rendering: 1 (a 1)",  # one summary line per rule, counts per article
        "BL802 unused-term: 1 (terms 1)",
        "1 error, 0 warnings, 1 info",
    ]


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_rule_summary_names_the_articles_with_most_findings_and_counts_the_rest() -> None:
    many = [make("BL703", f"locales/en/LC_MESSAGES/art-{i:05}.po", 1, "serial comma")
            for i in range(1, 13_001) for _ in range(1 + (i % 7 == 0) + (i == 11_998))]
    [line] = rule_summary(many)
    assert line == ("BL703 serial-comma: 14,858 (art-11998 3, art-00007 2, art-00014 2, "
                    "art-00021 2, art-00028 2, art-00035 2, art-00042 2, art-00049 2, "
                    "art-00056 2, art-00063 2, and 12,990 more articles)")


def test_json_rows() -> None:
    assert json.loads(format_json([])) == []
    [row] = json.loads(format_json([A]))
    assert row["severity"] == "error" and row["term"] == "专业镇" and row["line"] == 12
    assert set(row) >= {"file", "line", "code", "severity", "message", "term", "expected", "found"}


def test_github_annotations_escape_data_and_properties() -> None:
    weird = Finding("dir,with:odd/a.po", 3, "BL301", Severity.WARNING, "untranslated")
    lines = format_github([A, B, C, weird]).splitlines()
    assert lines[0] == ('::error file=locales/en/LC_MESSAGES/a.po,line=12,title=BL101::专业镇: '
                        'expected "specialized town", found none [content/a.md:3]')
    assert lines[1] == ("::warning file=locales/en/LC_MESSAGES/a.po,line=30,title=BL403::"
                        "50%25 off, 100%25%0Asecond line")
    assert lines[2].startswith("::notice file=glossary/terms.csv,line=4,title=BL802::")
    assert lines[3].startswith("::warning file=dir%2Cwith%3Aodd/a.po,line=3,")
    assert lines[-1] == "1 error, 2 warnings, 1 info"


def view(tcomment: str = "", flags: tuple[str, ...] = ()) -> EntryView:
    entry = polib.POEntry(msgid="x", msgstr="y", tcomment=tcomment, flags=list(flags))
    return EntryView(file="locales/en/LC_MESSAGES/a.po", line=12, slug="a", locale="en",
                     entry=entry)


def test_waiver_syntax() -> None:
    found, problems = parse_waivers(view(
        "check: ignore BL101 专业镇 — named later\n"
        "Check: Ignore bl502 -- company names\n"
        "check: ignore BL403\n"
        "check: ignore BL603\n"
        "just a note: ignore this", flags=("fuzzy",)))
    assert problems == []
    assert [(e.code, e.term, e.reason) for e in found] == [
        ("BL101", "专业镇", "named later"), ("BL502", "", "company names"),
        ("BL403", "", ""), ("BL603", "", "")]


def test_malformed_waivers() -> None:
    _, problems = parse_waivers(view("check: ignore\ncheck: ignore BL901\n"
                                        "check: skip BL101\ncheck: ignore BL1"))
    assert [p.code for p in problems] == ["BL902"] * 4
    assert "unknown code 'BL901'" in problems[1].message


def test_a_waiver_may_name_anything_its_finding_names() -> None:
    """Several words are one term; it may be the source's or the translation's
    text of the finding (the issue: "the term must be one word" refused them)."""
    waivers, problems = parse_waivers(view(
        "check: ignore BL402 3.3 million — a deliberate conversion\n"
        "check: ignore BL101 Party member"))
    assert problems == []
    assert [w.term for w in waivers] == ["3.3 million", "Party member"]
    extra = make("BL402", A.file, 12, "x", term="3.3 million", found="3.3 million")
    term = make("BL101", A.file, 12, "x", term="党员", expected="Party member")
    other = make("BL402", A.file, 12, "x", term="3.4 million", found="3.4 million")
    assert apply_waivers([extra, term, other], waivers) == [other]


def test_apply_waivers_by_place_code_and_term() -> None:
    waivers, _ = parse_waivers(view("check: ignore BL101 专业镇\ncheck: ignore BL101 新质"))
    other_term = make("BL101", A.file, 12, "x", term="上党区")
    elsewhere = make("BL101", A.file, 99, "x", term="专业镇")
    kept = apply_waivers([A, other_term, elsewhere], waivers)
    assert other_term in kept and elsewhere in kept and A not in kept
    [unused] = [f for f in kept if f.code == "BL901"]
    assert "新质" in unused.message and unused.line == 13  # the second comment line
    # Codes a scoped run did not evaluate cannot be called unused.
    kept = apply_waivers([A], waivers, unchecked=frozenset({"BL101"}))
    assert kept == []
