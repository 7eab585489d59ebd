"""Partial memory matches (pipeline/memory/partial.py): a phrase from inside a
paragraph finds the paragraph, as OmegaT's partial matches do, where a fuzzy
match over whole segments finds nothing."""

from __future__ import annotations

import pytest

from pipeline.memory.index import TranslationMemory
from pipeline.memory.model import MemoryUnit
from pipeline.memory.partial import fragment_matches, longest_run, partial_matches

PARAGRAPH = "上党区依托煤炭资源优势，大力发展现代煤化工产业，推动产业链延伸。"
UNITS = [
    MemoryUnit(PARAGRAPH, "Shangdang District builds on its coal to grow a modern coal "
               "chemical industry and lengthen the industrial chain.", "content/a.md", 7),
    MemoryUnit("长治市是山西省的地级市。", "Changzhi is a prefecture-level city of Shanxi.",
               "content/b.md", 3),
]
PHRASE = "大力发展现代煤化工产业"


def test_a_phrase_inside_a_paragraph_is_a_partial_match() -> None:
    assert TranslationMemory(UNITS).lookup(PHRASE, 75.0) == []  # whole segments: nothing
    found = partial_matches(PHRASE, UNITS)
    assert [m.unit.origin_file for m in found] == ["content/a.md"]
    assert found[0].run == PHRASE and found[0].score == 100.0
    assert PARAGRAPH[found[0].start:found[0].end] == PHRASE


def test_most_of_the_phrase_still_matches_and_unrelated_text_does_not() -> None:
    near = "大力发展现代煤炭化工产业"  # one character more than the paragraph has
    found = partial_matches(near, UNITS, min_share=60.0)
    assert found and found[0].unit.origin_file == "content/a.md"
    assert len(found[0].run) >= 6
    assert partial_matches("完全无关的句子内容", UNITS) == []
    assert partial_matches("上", UNITS) == []  # one character matches everything


def test_own_article_and_identical_units_are_not_partial() -> None:
    assert partial_matches(PHRASE, UNITS, exclude_file="content/a.md") == []
    assert partial_matches(PARAGRAPH, UNITS) == []  # equal: a whole match, not partial
    assert longest_run("现代煤化工", PARAGRAPH) == (PARAGRAPH.index("现代煤化工"),
                                                 PARAGRAPH.index("现代煤化工") + 5)


def test_a_shorter_unit_inside_a_sentence_is_a_fragment_match() -> None:
    clause = MemoryUnit("大力发展现代煤化工产业", "vigorously develop a modern coal chemical "
                        "industry", "content/c.md", 2)
    sentence = "今年，长治县大力发展现代煤化工产业，效果明显。"
    [found] = fragment_matches(sentence, [*UNITS, clause])
    assert found.unit is clause and found.score == 100.0
    assert sentence[found.start:found.end] == clause.source  # the run, in the sentence
    # Scattered characters are no fragment; nor is the article's own unit.
    assert fragment_matches("大力推动现代化的煤炭工业发展产业", [clause]) == []
    assert fragment_matches(sentence, [clause], exclude_file="content/c.md") == []


def _generated_memory() -> tuple[list[MemoryUnit], list[str]]:
    """The real article's paragraphs and sentences, each also with characters changed,
    and queries cut from them: phrases, clauses, a changed phrase, unrelated text."""
    import random
    from pathlib import Path

    import polib

    from pipeline.memory.sentences import split_source
    po = Path(__file__).resolve().parents[2] / "locales/en/LC_MESSAGES/shangdang.po"
    sources = [e.msgid for e in polib.pofile(str(po)) if e.msgstr and not e.obsolete]
    sources += [s for text in sources for s in split_source(text)]
    rng = random.Random(5)
    pool = "".join(sorted({c for s in sources for c in s}))
    texts = list(sources)
    for text in sources * 3:
        chars = list(text)
        for _ in range(rng.randint(1, max(1, len(chars) // 5))):
            chars[rng.randrange(len(chars))] = rng.choice(pool)
        texts.append("".join(chars))
    units = [MemoryUnit(t, f"target {i}", f"content/a{i % 7}.md") for i, t in enumerate(texts)]
    queries = []
    for _ in range(150):
        text = rng.choice(sources)
        size = rng.randint(2, min(40, len(text)))
        start = rng.randrange(len(text) - size + 1)
        phrase = text[start:start + size]
        if rng.random() < 0.4 and size > 4:
            where = rng.randrange(size)
            phrase = phrase[:where] + rng.choice(pool) + phrase[where + 1:]
        queries.append(phrase)
    return units, [*queries, "完全无关的一句话", "的的的的的的的的", "上党"]


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_the_prefilter_gives_the_same_partial_matches_as_the_full_scan(tmp_path) -> None:
    """The character pre-filter (TranslationMemory.partial_pool) drops only units
    that cannot reach the share, in memory and from the index on disk."""
    from pipeline.memory.store import StoredMemory, save_index

    units, queries = _generated_memory()
    memory = TranslationMemory(units)
    save_index(memory, tmp_path / "index")
    stored = StoredMemory(tmp_path / "index")
    dropped = 0
    for query in queries:
        for share in (50.0, 60.0, 75.0, 90.0):
            full = partial_matches(query, memory.units, share, 3, exclude_file="content/a3.md")
            for where in (memory, stored):
                pool = list(where.partial_pool(query, share))
                got = partial_matches(query, pool, share, 3, exclude_file="content/a3.md")
                assert [(m.unit, m.score, m.start, m.end) for m in got] == \
                    [(m.unit, m.score, m.start, m.end) for m in full], (query, share)
            dropped += len(memory.units) - len(pool)
    assert dropped > len(queries) * 4 * len(units) // 2  # most units never scanned


def test_the_prefilter_keeps_a_unit_that_starts_with_the_end_of_the_query() -> None:
    """partial_ratio also scores the unit's first and last stretches shorter than the
    query: 4 shared characters of 11 score 200 * 4 / 15 = 53, though 4 < 50% of 11."""
    query = "上党区依托煤炭资源优势"
    unit = MemoryUnit("资源优势长治市是山西省的地级市也是一个城市", "t", "content/b.md")
    memory = TranslationMemory([unit, UNITS[1]])
    found = partial_matches(query, memory.units, 50.0)
    assert [m.unit for m in found] == [unit] and round(found[0].score) == 53
    assert list(memory.partial_pool(query, 50.0)) == [unit]
