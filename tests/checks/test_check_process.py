"""How a check process is set up for speed: what it changes must not change a finding."""

from __future__ import annotations

import re
from pathlib import Path
from re import _compiler  # type: ignore[attr-defined]

import pysbd
import pytest
from pysbd.lang.english import English

from pipeline.cache import VerdictCache
from pipeline.checks.runner import RunSettings
from pipeline.commands import check_run
from pipeline.config import Style
from pipeline.glossary import Glossary


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = _compiler.compile

    def counting(pattern, flags=0):  # type: ignore[no-untyped-def]
        seen.append(pattern)
        return real(pattern, flags)
    monkeypatch.setattr(_compiler, "compile", counting)
    return seen


def test_a_check_worker_keeps_the_sentence_splitters_patterns_compiled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pysbd calls `re` with a pattern per abbreviation it meets; with Python 3.11's
    512 remembered, a text naming many abbreviations compiled them all again."""
    monkeypatch.setattr(re, "_MAXCACHE", 512)  # 3.11's own bound, whatever ran before
    shared = check_run.Shared(Glossary(()), Style(), RunSettings(),
                              VerdictCache.open(tmp_path, enabled=False))
    check_run._worker(shared)  # what every worker (or the one process) runs first
    text = " ".join(f"He met {abbr}. Smith there." for abbr in English.Abbreviation.ABBREVIATIONS)
    segmenter = pysbd.Segmenter(language="en", clean=False)
    first = segmenter.segment(text)
    compiled = _compiles(monkeypatch)
    assert segmenter.segment(text) == first
    assert compiled == []
