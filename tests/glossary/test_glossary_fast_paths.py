"""Term matching without compiling, remembered answers, and imports left for later:
each gives exactly what the plain path gives."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cache import VerdictCache
from pipeline.checks.rules import glossary_rules
from pipeline.glossary import Glossary, TermMatcher
from pipeline.glossary import match as M
from pipeline.glossary.model import Term
from pipeline.glossary.prefilter import folded, match_end

ROOT = Path(__file__).resolve().parents[2]

# Renderings with every shape _word_pattern knows: plurals in -ies/-s/-y, quoted
# words, apostrophes, quote-only words, en dashes, digits and punctuation.
RENDER_WORDS = ["city", "cities", "bus", "industries", "policy", "day", "Lu’an", "'one",
                "village'", "“one", "product”", "“", "a–b", "No.1", "x", "ab", "tyres", "Ka"]
TEXT_PIECES = [*RENDER_WORDS, "CITY", "citieds", "ied", "s", "es", "ed", "d", "’s", "'s", "ies",
               "y", " ", "  ", "-", "–", "‐", "\n", "\"", "'", "’", "“", "”",
               "ſ", "\u212a", "ı", "İ", "é", "_", "9", ","]


def reference_word_pattern(word: str) -> str:
    core = word.strip(M._QUOTES)
    lead = r"[\"'“”‘’]?" if core != word else ""
    if not core:
        return re.escape(word)
    escaped = "".join(r"[’']" if ch in "'’" else re.escape(ch) for ch in core)
    if core[-1].isalpha():
        lower = core.lower()
        if len(core) > 4 and lower.endswith("ies"):
            escaped = escaped[:-3] + r"(?:y|ies|ied)"
        elif len(core) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
            escaped = escaped[:-1] + r"(?:s|es|ed|d|[’']s)?"
        elif core[-1] in "yY" and len(core) > 1 and core[-2].lower() not in "aeiou":
            escaped = escaped[:-1] + r"(?:y|ies|ied)"
        else:
            escaped += r"(?:s|es|ed|d|[’']s)?"
    return f"{lead}{escaped}{lead}"


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@settings(max_examples=400, deadline=None)
@given(st.text("abisuyASY'’\"“”-.9é", min_size=1, max_size=8))
def test_word_forms_write_the_same_pattern(word: str) -> None:
    assert M._word_pattern(word) == reference_word_pattern(word)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(RENDER_WORDS), min_size=1, max_size=3).map(" ".join),
       st.lists(st.sampled_from(TEXT_PIECES), max_size=14).map("".join))
@pytest.mark.slow
def test_plan_ends_where_the_pattern_ends(rendering: str, text: str) -> None:
    steps = M._plan(rendering)
    pattern = M.rendering_pattern(rendering)
    text = text + " " + rendering + "s " + rendering.upper()
    for start in range(len(text) + 1):
        match = pattern.match(text, start)
        expected = match.end() if match else None
        if steps is not None:
            assert match_end(steps, folded(text), start) == expected, (start, text)
        assert M._match_end(rendering, text, start) == expected


@pytest.mark.parametrize("text, rendering", [
    ("BUſ and buſes", "bus"), ("ſhangdang \u212aa", "Shangdang ka"), ("İndustry", "industry"),
    ("“one village, one product”s", "“one village, one product”"), ("Lu'an’s", "Lu’an"),
    ("city’ sdistrict", "city'"), ("a– b", "a–b"), ("cit-ies y", "city"),
])
def test_plan_on_known_traps(text: str, rendering: str) -> None:
    pattern = M.rendering_pattern(rendering)
    for start in range(len(text) + 1):
        match = pattern.match(text, start)
        assert M._match_end(rendering, text, start) == (match.end() if match else None)


def test_non_ascii_renderings_go_to_the_regex() -> None:
    assert M._plan("Café Street") is None
    assert M.EnglishMatcher.spans("the CAFÉ street", "Café Street") == [(4, 15)]


def test_term_hits_are_remembered_as_copies() -> None:
    matcher = TermMatcher(Glossary((Term("上党区", "Shangdang District"),)))
    hits = matcher.find("上党区和上党区")
    hits.clear()
    assert len(matcher.find("上党区和上党区")) == 2


def test_accepted_spans_are_fresh_lists() -> None:
    term = Term("城", "city", ("town",))
    spans = M.EnglishMatcher.accepted_spans("a city, a town", term)
    spans.append((0, 0))
    assert M.EnglishMatcher.accepted_spans("a city, a town", term) == [(2, 6), (10, 14)]


def test_glossary_qa_answers_are_remembered_and_checked(tmp_path: Path, monkeypatch) -> None:
    terms = (Term("冯波", "Feng Po", type="person"), Term("上党区", "Shangdang District",
                                                         type="place"))
    glossary = Glossary(terms)
    cache = VerdictCache.open(tmp_path)
    first = glossary_rules.glossary_qa(glossary, str, cache)
    cache.save()
    assert [f.message for f in first] == ["冯波: 'Feng Po' is not the pinyin of 冯波 (Feng Bo)"]

    def no_pypinyin(term: Term) -> list[str]:
        raise AssertionError("asked pypinyin again")
    monkeypatch.setattr(glossary_rules, "check_term", no_pypinyin)
    assert glossary_rules.glossary_qa(glossary, str, VerdictCache.open(tmp_path)) == first

    # A remembered answer that is not a list of messages is not trusted.
    monkeypatch.undo()
    broken = VerdictCache.open(tmp_path)
    for key in broken.verdicts:
        broken.verdicts[key] = "{not json"
    assert glossary_rules.glossary_qa(glossary, str, broken) == first


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_check_imports_neither_pypinyin_nor_langdetect_until_asked() -> None:
    code = ("import sys; import pipeline.cli, pipeline.commands.check, pipeline.checks.runner; "
            "print(sorted(m for m in ('pypinyin', 'langdetect') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)}).stdout
    assert out.strip() == "[]"
