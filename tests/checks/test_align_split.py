"""The plain-English fast path of `split_english` splits exactly as pysbd does."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.align.split import _chunks, _pysbd_sentences, plain_english, split_english

ROOT = Path(__file__).resolve().parents[2]
# Beside the clone (CI); a worktree sits one level deeper.
CORPUS = next((base / "shared" / "corpora" / "parallel-dev" / "pairs.jsonl"
               for base in (ROOT.parent, ROOT.parent.parent)
               if (base / "shared" / "corpora").is_dir()),
              ROOT.parent / "shared" / "corpora" / "parallel-dev" / "pairs.jsonl")

_WORDS = st.sampled_from(["the", "county", "Changzhi", "output", "rose", "2023", "by",
                          "12%", "in", "Mr", "etc", "No", "approx", "we", "US", "A",
                          "mid-year", "farmers’", "and", "e", "Jan", "vs", "is", "it",
                          "“green", "growth”", "“Yes”", "“No.”", "Beijing", "Dr", "St",
                          "Gen", "McDonald", "Xinhua", "OK", "China's", "don't", "O'Brien",
                          "farmers'", "'so", "3.5",
                          "18.9", "1.6%", "0.02", "2020", "14", '"green', 'growth"',
                          '"Yes"'])
_MARKS = st.sampled_from(["", "", "", ",", ";", ":", ".", "!", "?", " —", "."])


@st.composite
def english(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.tuples(_WORDS, _MARKS), min_size=1, max_size=30))
    return " ".join(word + mark for word, mark in words)


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@settings(max_examples=400, deadline=None)
@given(english())
def test_plain_english_agrees_with_pysbd(text: str) -> None:
    fast = plain_english(text)
    if fast is not None:
        assert fast == _pysbd_sentences(text, "en")


def test_plain_english_takes_prose_and_leaves_the_rest() -> None:
    text = "Output rose in the county. Farmers gained! Who lost? Nobody"
    assert [s.text for s in plain_english(text) or ()] == [
        "Output rose in the county.", "Farmers gained!", "Who lost?", "Nobody"]
    # A straight double quote is read as the curly ones are.
    text = 'He called it "green growth" again. Then he left.'
    assert [s.text for s in plain_english(text) or ()] == [
        'He called it "green growth" again.', "Then he left."]
    assert plain_english(text) == _pysbd_sentences(text, "en")
    # A decimal point is no sentence end, for pysbd as here.
    text = "It rose 3.5 percent. Then it fell by 1.6 points."
    assert [s.text for s in plain_english(text) or ()] == ["It rose 3.5 percent.", "Then it fell by 1.6 points."]
    assert plain_english(text) == _pysbd_sentences(text, "en")
    for hard in ("He met Mr. Li. Then", "It rose in 2020. Then", "The U.S. Army",
                 "He said “Go.” Then", "(Xinhua) Beijing", "See (below). Then", "Wait... Then", "etc. And"):
        assert plain_english(hard) is None
    # A sentence may end with a name: pysbd ends it there unless the name is an
    # abbreviation of its list (Gen., St.), so a capitalised word is a plain end too.
    text = "Rain fell in Beijing. Then it stopped."
    assert [s.text for s in plain_english(text) or ()] == ["Rain fell in Beijing.", "Then it stopped."]
    assert plain_english(text) == _pysbd_sentences(text, "en")
    assert plain_english("He saw St. Paul. Then") is None
    # An apostrophe inside a word is no quote (pysbd reads only the others as quotes).
    text = "China's output rose. It didn't fall."
    assert [s.text for s in plain_english(text) or ()] == ["China's output rose.", "It didn't fall."]
    assert plain_english(text) == _pysbd_sentences(text, "en")
    assert plain_english("They said 'go on. Now' and left.") is None
    assert split_english("He met Mr. Li. Then he left.") == _pysbd_sentences(
        "He met Mr. Li. Then he left.", "en")


def _real_english() -> list[str]:
    texts = [e.msgstr for path in sorted((ROOT / "locales").rglob("*.po"))
             for e in polib.pofile(str(path)) if e.msgstr]
    if CORPUS.exists():
        import json
        lines = [json.loads(raw)["en"].strip()
                 for raw in CORPUS.read_text(encoding="utf-8").splitlines()]
        texts += lines + [" ".join(lines[k:k + 4]) for k in range(0, len(lines) - 4, 3)]
    return texts


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_plain_english_agrees_with_pysbd_on_real_text() -> None:
    checked = 0
    for text in _real_english():
        fast = plain_english(text)
        if fast is not None:
            checked += 1
            assert fast == _pysbd_sentences(text, "en"), text
    assert checked > 0  # the Shangdang article alone has plain paragraphs


# Pieces pysbd reads in context: abbreviations, decimals, quotes, brackets, lists.
_HARD = st.sampled_from(["Co., Ltd.", "Mr. Li", "2.6 billion", "U.S.", "“growth”.", "(Shanxi)",
                         "(see below.", "it.)", "1.", "2.", "a.", "b)", "June 30.", "farmers'",
                         "it's", "‘green’", "--", "Port.", "HarmonyOS.", "(i)", "etc.", "No. 1"])


@st.composite
def mixed_english(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.one_of(st.tuples(_WORDS, _MARKS), st.tuples(_HARD, st.just(""))),
                          min_size=1, max_size=40))
    return " ".join(word + mark for word, mark in words)


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@settings(max_examples=400, deadline=None)
@given(mixed_english())
def test_english_cut_into_chunks_splits_as_pysbd_on_the_whole(text: str) -> None:
    assert split_english.__wrapped__(text) == _pysbd_sentences(text, "en")


def test_chunks_stop_where_pysbd_reads_across_sentences() -> None:
    text = "The firm is Lu’an Co., Ltd. in town. Output rose to 2.6 billion. It grew."
    assert [text[a:b] for a, b in _chunks(text)] == [
        "The firm is Lu’an Co., Ltd. in town.", "Output rose to 2.6 billion.", "It grew."]
    for across in ("It rose (as planned. Then it fell) again. Next one.",
                   "Steps are 1. plan it. Then 2. do it. Done now.",
                   "They said 'go on. Now' and left. Then it ended.",
                   "Options a. are cheap. And b. dear. Now we go."):
        assert len(_chunks(across)) == 1, across
        assert split_english.__wrapped__(across) == _pysbd_sentences(across, "en")


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_english_cut_into_chunks_agrees_with_pysbd_on_real_text() -> None:
    checked = 0
    for text in _real_english():
        if plain_english(text) is None and len(_chunks(text)) > 1:
            checked += 1
            assert split_english.__wrapped__(text) == _pysbd_sentences(text, "en"), text
    assert checked > 0  # the Shangdang article's paragraphs with “…” or Co., Ltd.


def test_pysbd_compiles_each_pattern_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """pysbd builds ~1,700 patterns on news text, more than re keeps: a text seen
    again must not compile them again (patterns.py; a quarter of pysbd's time)."""
    import re
    from re import _compiler  # type: ignore[attr-defined]

    text = "Mr. Li met Dr. Wang at 3 p.m. in the U.S. on Jan. 5 (approx. 2 hrs.). It rained."
    before = _pysbd_sentences(text, "en")
    re.purge()  # as after a run of other texts pushed pysbd's patterns out of re's cache
    compiled: list[object] = []
    real = _compiler.compile
    monkeypatch.setattr(_compiler, "compile", lambda *args: compiled.append(args) or real(*args))
    assert _pysbd_sentences(text, "en") == before
    assert compiled == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="我们的人。！？；!?”’」』）)》】〉 a1", max_size=16))
def test_chinese_without_quotes_is_cut_by_one_expression(text: str) -> None:
    """A segment without an opening mark is cut by `_END_RUN` (split_chinese's fast
    path) exactly where the character-by-character `_cuts` cuts it."""
    from pipeline.checks.align import split

    assert not split._OPENER.search(text)
    assert [m.end() for m in split._END_RUN.finditer(text)] == split._cuts(text)
