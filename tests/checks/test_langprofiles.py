"""The lazily built langdetect table, and the array detector, answer exactly as langdetect's own."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# Each side in a fresh interpreter: langdetect keeps its table in a module global.
PROBE = r"""
import json, sys
from langdetect import DetectorFactory, detector_factory
if sys.argv[1] == "lazy":
    from pipeline.checks.langid.profiles import install
    install()
DetectorFactory.seed = 0
detector_factory.init_factory()
texts = json.loads(sys.stdin.read())
out = []
for text in texts:
    detector = detector_factory._factory.create()
    if sys.argv[2:] == ["array"]:
        from pipeline.checks.langid.fast import ArrayDetector
        detector = ArrayDetector(detector_factory._factory)
    detector.append(text)
    try:
        out.append([[l.lang, l.prob] for l in detector.get_probabilities()])
    except Exception as exc:
        out.append(type(exc).__name__)
print(json.dumps([type(detector_factory._factory.word_lang_prob_map).__name__, out]))
"""

TEXTS = [
    "Industry Renewed, a Transformation Taking Flight, part 12",
    "Shangdang Qu Jingji Kaifaqu Guanli Weiyuanhui",  # pinyin: the case BL502 is for
    "Die Industrie des Bezirks wächst seit Jahren stetig und schafft neue Arbeitsplätze.",
    "La industria del distrito crece y crea nuevos puestos de trabajo cada año.",
    "L'industrie du district se renouvelle et attire de nouveaux investissements.",
    "上党区坚持把工业作为立区之本、强区之基，推动传统产业转型升级。",
    "長治市上黨區の産業は変わりつつある。",
    "상당구의 산업은 새로운 모습으로 바뀌고 있다.",
    "Промышленность района быстро развивается.",
    "12345 67890 !!! ???",
    "",
    "The district's coal output held steady at 33 million tonnes, and its new industries grew.",
]


def _run(mode: str, *detector: str) -> list[object]:
    import json
    done = subprocess.run([sys.executable, "-c", PROBE, mode, *detector], input=json.dumps(TEXTS),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.slow
def test_lazy_table_gives_langdetects_own_answers_and_probabilities() -> None:
    stock_kind, stock = _run("stock")
    lazy_kind, lazy = _run("lazy")
    assert (stock_kind, lazy_kind) == ("dict", "LazyProbabilities")  # each side is what it says
    assert lazy == stock


@pytest.mark.slow
def test_array_detector_gives_langdetects_own_answers_and_probabilities() -> None:
    _, stock = _run("stock")
    for table in ("stock", "lazy"):
        _, array = _run(table, "array")
        assert array == stock, table


def _same_as_langdetect(texts: list[str]) -> None:
    from langdetect import DetectorFactory, detector_factory
    from langdetect.detector import Detector

    from pipeline.checks.langid.fast import ArrayDetector
    from pipeline.checks.langid.fast import detect as fast_detect
    from pipeline.checks.langid.profiles import install
    install()
    DetectorFactory.seed = 0
    detector_factory.init_factory()
    factory = detector_factory._factory
    for text in texts:
        answers = []
        for kind in (Detector, ArrayDetector):
            detector = kind(factory)
            detector.append(text)
            try:
                answers.append([(p.lang, p.prob) for p in detector.get_probabilities()])
            except Exception as exc:  # "no features": both must raise it
                answers.append(type(exc).__name__)
        assert answers[0] == answers[1], text
        assert _answer(fast_detect, text) == _answer(stock_detect, text), text


def _answer(detect: Callable[[str], str], text: str) -> str:
    try:
        return detect(text)
    except Exception as exc:
        return type(exc).__name__


def stock_detect(text: str) -> str:
    from langdetect import detector_factory
    detector = detector_factory._factory.create()
    detector.append(text)
    answer: str = detector.detect()
    return answer


@pytest.mark.slow  # about 0.7 s; CI runs it
@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(
    ["the ", "of ", "district ", "Shangdang ", "Qu ", "und ", "der ", "la ", "ñ", "é", "上党",
     "区", "の", "상당", "ПРОМ", "Промышленность ", "12 ", "—", "“", "COAL ", "ABC", " ", "'s ",
     "   ", "http://x.cn/a?b=1 ", "ab@c.org ", "Tiếng Việt ", "ș", "ア", "O'Neil", "mRNA "]),
    min_size=1, max_size=30).map("".join))
def test_array_detector_on_mixed_texts(text: str) -> None:
    _same_as_langdetect([text])


@pytest.mark.slow  # half a second; CI runs it
def test_array_detector_on_professional_translations() -> None:
    import json
    from pathlib import Path
    here = Path(__file__).resolve()
    pairs = next((base / "shared" / "corpora" / "parallel-dev" / "pairs.jsonl"
                  for base in here.parents if (base / "shared" / "corpora").is_dir()), None)
    if pairs is None or not pairs.exists():
        pytest.skip("../shared/corpora/parallel-dev is not here")
    rows = [json.loads(line) for line in pairs.read_text(encoding="utf-8").splitlines()]
    _same_as_langdetect([r["en"] for r in rows[::40]] + [r["zh"] for r in rows[::97]])


def test_a_row_is_built_once_by_langdetects_formula() -> None:
    from pipeline.checks.langid.profiles import LazyProbabilities
    profiles = [{"name": "a", "freq": {"x": 3, "xy": 2, "long": 9}, "n_words": [6, 4, 1]},
                {"name": "b", "freq": {"x": 1}, "n_words": [2, 1, 1]}]
    table = LazyProbabilities(profiles, width=3)
    assert "x" in table and "long" in table and "zz" not in table
    assert table["x"] == [0.5, 0.5, 0.0] and table["xy"] == [0.5, 0.0, 0.0]
    assert table["long"] == [0.0, 0.0, 0.0]  # langdetect keeps only 1- to 3-grams
    assert table["x"] is table["x"]
    with pytest.raises(KeyError):
        table["zz"]


@pytest.mark.slow  # loads langdetect's profiles: about a second
def test_walk_draws_langdetects_random_numbers_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """The random walk draws each step's n-gram with getrandbits, as Random._randbelow
    would (one call fewer a step), and answers as langdetect does."""
    import random
    texts = ["The district's coal output held steady at 33 million tonnes.",
             "Shangdang Qu Jingji Kaifaqu Guanli Weiyuanhui Bangongshi Zhuren",
             "La industria del distrito crece y crea nuevos puestos de trabajo cada año."]
    from pipeline.checks.langid.profiles import install
    install()
    from langdetect import DetectorFactory, detector_factory
    DetectorFactory.seed = 0
    detector_factory.init_factory()
    expected = [stock_detect(text) for text in texts]

    def no_randbelow(self: random.Random, n: int) -> int:
        raise AssertionError("a step drawn through _randbelow")
    monkeypatch.setattr(random.Random, "_randbelow", no_randbelow)
    from pipeline.checks.langid.fast import detect
    assert [detect(text) for text in texts] == expected
