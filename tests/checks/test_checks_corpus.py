"""Real public Chinese texts (tests/data/checks/): correct English passes the
entry rules with no error or warning; every planted mistake is caught."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from pipeline.checks.findings import Severity
from pipeline.checks.rules.base import EntryView
from pipeline.checks.runner import EntryContext, check_entry
from pipeline.glossary import parse_glossary

DATA = Path(__file__).resolve().parents[1] / "data" / "checks"
CTX = EntryContext.of(parse_glossary((DATA / "glossary.csv").read_text(encoding="utf-8"),
                                     DATA / "glossary.csv"))


def entries(name: str) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(DATA / name)) if e.msgid]


def findings(entry: polib.POEntry, name: str) -> list:  # type: ignore[type-arg]
    return check_entry(EntryView(name, entry.linenum, "x", "en", entry), CTX)


@pytest.mark.parametrize("name", ["fushan.po", "jiangling.po", "taixing.po"])
def test_correct_translations_are_clean(name: str) -> None:
    noisy = [(e.linenum, f.code, f.message) for e in entries(name) for f in findings(e, name)
             if f.severity != Severity.INFO]
    assert noisy == []


def test_every_planted_mistake_is_caught_as_an_error() -> None:
    planted = entries("planted.po")
    assert len(planted) >= 10
    for entry in planted:
        expected = entry.tcomment.removeprefix("expect:").strip()
        got = {f.code for f in findings(entry, "planted.po") if f.severity == Severity.ERROR}
        assert expected in got, (entry.linenum, expected, got)
