"""The fast paths give exactly the slow paths' answers; the benchmark still runs."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.langid.script import clearly_chinese, clearly_english
from pipeline.checks.rules.language import detect_language
from pipeline.glossary.match import EnglishMatcher, rendering_pattern
from pipeline.project import Project

ROOT = Path(__file__).resolve().parents[2]

# Letters that fold in surprising ways under IGNORECASE (ſ = s, K = k, ı/İ = i),
# quotes, apostrophes, joiners and word characters next to a rendering.
ALPHABET = "abeiksyIKSY ſKıİ'’\"“”-–_é9,." 
WORDS = ["city", "cities", "bus", "Shangdang", "district", "Lu’an", "tyres", "'one",
         "village'", "ab", "Ka", "ies", "x"]


def full_scan(text: str, rendering: str) -> list[tuple[int, int]]:
    return [m.span() for m in rendering_pattern(rendering).finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
       st.lists(st.one_of(st.sampled_from(WORDS), st.text(ALPHABET, max_size=4)), max_size=8))
@pytest.mark.slow
def test_prefiltered_spans_equal_a_full_scan(words, pieces):
    rendering = " ".join(words)
    text = " ".join(pieces) + " " + rendering.upper() + "s " + rendering + "’s" + rendering
    assert EnglishMatcher.spans(text, rendering) == full_scan(text, rendering)


@pytest.mark.parametrize("text, rendering", [
    ("the Shangdang District’s plan", "Shangdang District"),  # inflection after a verbatim copy
    ("SHANGDANG-district and ſhangdang", "Shangdang District"),
    ("xShangdang District", "Shangdang District"),
    ("ſhangdang and İndustry", "Shangdang"),  # re folds ſ to s, İ to i, K (Kelvin) to k
    ("İndustry and King", "industry"),
    ("King", "king"),  # inside a word: no match
    ("three cities, one city", "city"),
    ("“one village, one product”", "“one village, one product”"),
    ("Lu'an and Lu’an", "Lu’an"),
])
def test_prefiltered_spans_on_known_traps(text, rendering):
    assert EnglishMatcher.spans(text, rendering) == full_scan(text, rendering)


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_cheap_script_test_agrees_with_langdetect_on_the_real_catalog():
    import polib

    from pipeline.checks.rules.base import plain_text
    po = polib.pofile(str(ROOT / "locales/en/LC_MESSAGES/shangdang.po"))
    decided = 0
    for entry in po:
        if "(credits)" in entry.comment:  # name lists: the rules never ask langdetect
            continue
        source, target = plain_text(entry.msgid), plain_text(entry.msgstr)
        if clearly_chinese(source):
            decided += 1
            assert detect_language(source) in (None, "zh-cn", "zh-tw")
        if clearly_english(target):
            decided += 1
            assert detect_language(target) in (None, "en")
    assert decided > len(po) * 1.5  # most texts never reach langdetect


def test_cheap_script_test_leaves_other_languages_to_langdetect():
    assert not clearly_english("Le développement de la ville et de la région est important.")
    assert not clearly_english("Die Entwicklung der Stadt und der Region ist wichtig für alle.")
    assert not clearly_chinese("これは日本語の文章です。産業の発展")
    assert not clearly_english("The town 上党 and the district of the city")


def test_locales_lists_directories_only(tmp_path):
    (tmp_path / "content").mkdir()
    for name in ("en", "fr"):
        (tmp_path / "locales" / name / "LC_MESSAGES").mkdir(parents=True)
    for number in range(5):
        (tmp_path / "locales" / f"a{number}.pot").write_text("", encoding="utf-8")
    (tmp_path / "locales" / "notes").mkdir()
    assert Project(tmp_path).locales() == ["en", "fr"]


@pytest.mark.slow
@pytest.mark.gnu
def test_benchmark_runs_at_a_small_size(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "scale.py"), "--articles", "20",
                             "--keep", str(tmp_path)], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    for stage in ("sequence", "extract", "update", "check", "build", "status",
                  "check 10k terms", "floor: markdown-it parse + polib load"):
        assert re.search(rf"^   {re.escape(stage)}\s+\d+\.\d\d s", out, re.M), stage
    assert "check / pofilter" in out and "four stages / floor" in out
    catalogs = list((tmp_path / "corpus-20" / "locales" / "en" / "LC_MESSAGES").glob("*.po"))
    assert len(catalogs) == 20
    assert all(polib.pofile(str(p)).percent_translated() == 100 for p in catalogs)


@pytest.mark.slow
def test_varied_corpus_repeats_no_entry_and_translates_every_one(tmp_path):
    """bench/varied.py (check_speed's corpus): every body entry's source is new text,
    every catalog complete; a figure of a reused sentence changes in both languages."""
    sys.path.insert(0, str(ROOT / "bench"))
    from varied import Pair, Varied, make_varied_corpus
    corpus = make_varied_corpus(tmp_path / "c", 6)
    stats = json.loads((corpus / "stats.json").read_text(encoding="utf-8"))
    assert stats["entries"] == stats["translated"] == 6 * 43
    assert stats["distinct_segments"] == 6 * 41  # all but each article's kicker and credits
    catalogs = sorted((corpus / "locales" / "en" / "LC_MESSAGES").glob("*.po"))
    assert len(catalogs) == 6
    assert all(polib.pofile(str(p)).percent_translated() == 100 for p in catalogs)
    varied = Varied([[Pair("产量3300万吨。", "output of 3300 tonnes.", False)]], random.Random(1))
    first, again = varied._fresh(varied.docs[0][0]), varied._fresh(varied.docs[0][0])
    assert first.zh == "产量3300万吨。" and again.zh != first.zh
    assert again.zh[2:6] in again.en and again.zh[2:6].isdigit()


def test_check_speed_times_another_checkouts_check_in_the_same_rounds(tmp_path):
    """`bench/check_speed.py --against TREE`: the other checkout's check is the same
    command, run with that tree on the path, alternating with this one and pofilter."""
    sys.path.insert(0, str(ROOT / "bench"))
    from check_speed import commands
    plain = commands(tmp_path, tmp_path / "out", 2)
    both = commands(tmp_path, tmp_path / "out", 2, tmp_path / "old")
    assert set(plain) == {"check", "pofilter"}
    assert list(both) == ["check", "check@other", "pofilter"]
    assert both["check@other"] == ["env", f"PYTHONPATH={(tmp_path / 'old').resolve()}",
                                   *plain["check"]]
