"""The gate's screen (checks/align/screen.py): a pair it passes is one the full
aligner finds no lone sentence in, so screening changes no finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.align import align_pair
from pipeline.checks.align.aligner import lone_alignment
from pipeline.checks.align.screen import plainly_paired
from pipeline.checks.rules.sentences import GATE_CONFIDENCE

ROOT = Path(__file__).resolve().parents[2]
CORPUS = next((base / "shared" / "corpora" / "parallel-dev" / "pairs.jsonl"
               for base in (ROOT.parent, ROOT.parent.parent)
               if (base / "shared" / "corpora").is_dir()),
              ROOT.parent / "shared" / "corpora" / "parallel-dev" / "pairs.jsonl")

# Sentence pairs written for these tests (translations of our own).
PAIRS = [
    ("乡村振兴，人才是关键。", "Talent is the key to rural revitalization."),
    ("人才哪里找？", "Where is talent to be found?"),
    ("截至7月25日24时，福建省累计报告境外输入确诊病例69例。",
     "By midnight on July 25, Fujian had reported 69 imported confirmed cases."),
    ("去年全区粮食产量达到3.2万吨，比上年增长5%，创历史新高。",
     "Last year the district harvested 32,000 tonnes of grain. That was 5% more than "
     "the year before and a record."),
    ("一只貉在山涧旁悠闲玩耍。", "A raccoon dog played at ease beside a mountain stream."),
    ("当地政府投入1200万元改造老旧小区。",
     "The local government spent 12 million yuan renovating old housing estates."),
    ("村民们的收入明显提高了。", "The villagers' incomes have clearly risen."),
    ("这座工厂每年生产8000台拖拉机，产品远销30多个国家和地区。",
     "The factory makes 8,000 tractors a year. They are sold in more than 30 countries "
     "and regions."),
]


def _lone(zh: str, en: str) -> int:
    alignment = align_pair(zh, en)
    return len(alignment.omitted(GATE_CONFIDENCE)) + len(alignment.added(GATE_CONFIDENCE))


def _paragraph(pairs: list[tuple[str, str]], drop: tuple[str, int] | None) -> tuple[str, str]:
    zh = "".join(z for k, (z, _) in enumerate(pairs) if drop != ("zh", k))
    en = " ".join(e for k, (_, e) in enumerate(pairs) if drop != ("en", k))
    return zh, en


@st.composite
def paragraphs(draw: st.DrawFn, pool: list[tuple[str, str]]) -> tuple[str, str]:
    chosen = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=6))
    drop = draw(st.one_of(st.none(), st.tuples(st.sampled_from(["zh", "en"]),
                                               st.integers(0, len(chosen) - 1))))
    return _paragraph(chosen, drop)


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@settings(max_examples=300, deadline=None)
@given(paragraphs(PAIRS))
def test_a_screened_pair_has_no_lone_sentence(pair: tuple[str, str]) -> None:
    zh, en = pair
    if plainly_paired(zh, en):
        assert _lone(zh, en) == 0


def test_the_screen_passes_split_sentences_and_stops_a_deletion() -> None:
    zh, en = _paragraph(PAIRS[2:4] + PAIRS[7:8], None)
    assert plainly_paired(zh, en)  # two of the three are two English sentences
    for drop in (("zh", 1), ("en", 1), ("zh", 2)):
        zh, en = _paragraph(PAIRS[2:4] + PAIRS[7:8], drop)
        assert not plainly_paired(zh, en), drop


def _wmt_lines() -> list[tuple[str, str]]:
    rows = [json.loads(raw) for raw in CORPUS.read_text(encoding="utf-8").splitlines()]
    return [(r["zh"].strip(), r["en"].strip()) for r in rows
            if r["article"].startswith("wmt21") and not r["heading"]
            and r["zh"].strip()[-1:] in "。！？”" and r["en"].strip()[-1:] in ".!?\"”"]


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="no ../shared/corpora/parallel-dev")
def test_a_screened_real_paragraph_has_no_lone_sentence() -> None:
    lines = _wmt_lines()[:400]
    screened = 0
    for start in range(0, len(lines) - 6, 5):
        run = lines[start:start + 4]
        for drop in (None, ("zh", 1), ("en", 2)):
            zh, en = _paragraph(run, drop)
            if plainly_paired(zh, en):
                screened += 1
                assert _lone(zh, en) == 0, (zh, en)
    assert screened > 0


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@settings(max_examples=100, deadline=None)
@given(paragraphs(PAIRS))
def test_the_best_path_shortcut_loses_no_lone_sentence(pair: tuple[str, str]) -> None:
    zh, en = pair
    shortcut = lone_alignment(zh, en)
    full = align_pair(zh, en)
    if shortcut is None:
        assert not full.omitted() and not full.added()
    else:
        assert shortcut == full


def test_a_pieces_stems_are_found_once() -> None:
    """The screen tries a piece against several sentences and the evidence reads it
    again: its stems are computed once (lexicon.english_stems keeps them)."""
    from pipeline.checks.align.lexicon import english_stems

    english_stems.cache_clear()
    assert plainly_paired("人才是关键。人才哪里找？", "Talent is the key. Where is talent found?")
    first = english_stems.cache_info()
    plainly_paired("人才是关键。人才哪里找？", "Talent is the key. Where is talent found?")
    assert english_stems.cache_info().misses == first.misses


def _no_pysbd(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every text handed to pysbd (the exact English split), with fresh caches."""
    from pipeline.checks.align import split

    split.split_english.cache_clear()
    split.rough_english.cache_clear()
    split._chunk_sentences.cache_clear()
    asked: list[str] = []
    real = split._pysbd_pieces
    monkeypatch.setattr(split, "_pysbd_pieces",
                        lambda text, language: asked.append(text) or real(text, language))
    return asked


def test_an_intact_pair_is_cleared_without_pysbd(monkeypatch: pytest.MonkeyPatch) -> None:
    """The gate decides on the rough English cut (split.rough_english): "Mr." cut
    off is joined back by the aligner, and pysbd, half the cost, is never asked."""
    asked = _no_pysbd(monkeypatch)
    zh = "李先生在北京工作了十年。他说，这座城市变化很大。"
    en = "Mr. Li has worked in Beijing for ten years. He said the city had changed a lot."
    assert lone_alignment(zh, en) is None
    assert asked == []


def test_a_lone_sentence_is_quoted_as_pysbd_cuts_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the rough cut leaves a sentence alone, the pair is aligned again on
    pysbd's sentences: the finding quotes "Mr. Li …" whole, not "Li …"."""
    asked = _no_pysbd(monkeypatch)
    zh = "李先生在北京工作了十年。"
    en = ("Mr. Li has worked in Beijing for ten years. Mr. Wang, his neighbour, "
          "bought 3 tractors and 12 cows in Shanxi last spring.")
    alignment = lone_alignment(zh, en)
    assert alignment is not None and asked
    assert [alignment.target_of(k) for k in alignment.added()] == [
        "Mr. Wang, his neighbour, bought 3 tractors and 12 cows in Shanxi last spring."]


def test_as_many_pieces_as_sentences_pass_on_lengths_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counts and lengths that agree pass without a dictionary or number look-up
    (screen.evenly_paired: most intact multi-sentence segments)."""
    from pipeline.checks.align import screen

    def no_lookup(*_: object) -> bool:
        raise AssertionError("looked up")

    monkeypatch.setattr(screen, "_carried", no_lookup)
    zh, en = _paragraph([PAIRS[0], PAIRS[4], PAIRS[6]], None)
    assert plainly_paired(zh, en)


def test_a_deletion_hidden_by_an_abbreviation_is_still_aligned() -> None:
    """"Mr." cut off makes the counts equal again after a deletion; the lengths
    then pair a sentence with its neighbour's translation and disagree."""
    zh = "李先生在北京工作了十年。村民们的收入明显提高了。一只貉在山涧旁悠闲玩耍。"
    en = ("Mr. Li has worked in Beijing for ten years. "
          "The villagers' incomes have clearly risen.")
    assert not plainly_paired(zh, en)
    alignment = lone_alignment(zh, en)
    assert alignment is not None
    assert [alignment.source_of(k) for k in alignment.omitted(GATE_CONFIDENCE)] == [
        "一只貉在山涧旁悠闲玩耍。"]


def test_a_closing_quote_after_a_space_ends_a_piece() -> None:
    """`… owners. ” Hu` is two pieces (split.ROUGH_END), as pysbd makes two sentences:
    the pair passes the screen instead of being aligned."""
    zh = "“在松山，野生动物是真正的主人。”胡巧立说，保护区现已安装200余台红外相机。"
    en = ("\"In Songshan, wild animals are the real owners. ” Hu Qiaoli said the reserve "
          "now has more than 200 infrared cameras.")
    assert plainly_paired(zh, en)
