"""Rebuilding the memory index after a TMX file changes aligns only the units it
has not seen (pipeline.memory.pair_cache), and gives the same units and the same
lookups as aligning every unit."""

from __future__ import annotations

import random
from pathlib import Path

import polib
import pytest

from pipeline.memory import project_memory as project_memory_module
from pipeline.memory.index import TranslationMemory
from pipeline.memory.model import MemoryUnit
from pipeline.memory.pair_cache import pairs_path
from pipeline.memory.sentences import sentence_pairs
from pipeline.memory.store import indexed_memory
from pipeline.memory.tmx import parse_tmx, write_tmx
from pipeline.memory.units import with_sentences
from pipeline.project import Project

REAL_PO = Path(__file__).resolve().parents[2] / "locales/en/LC_MESSAGES/shangdang.po"


def _pairs() -> list[tuple[str, str]]:
    return [(e.msgid, e.msgstr) for e in polib.pofile(str(REAL_PO))
            if e.msgstr and not e.obsolete and len(e.msgid) > 40]


def _generated(count: int, seed: int) -> list[MemoryUnit]:
    """Real paragraphs with their real English, a few characters changed in each."""
    rng = random.Random(seed)
    pairs = _pairs()
    pool = "".join(sorted({c for s, _ in pairs for c in s}))
    units = []
    for _ in range(count):
        source, target = rng.choice(pairs)
        chars = list(source)
        for _ in range(rng.randint(1, 4)):
            chars[rng.randrange(len(chars))] = rng.choice(pool)
        units.append(MemoryUnit("".join(chars), target, "memory/big.tmx"))
    return units


def _reference(project: Project) -> TranslationMemory:
    """Every unit aligned afresh, no cache: what the index must equal."""
    path = project.root / "memory" / "big.tmx"
    reading = parse_tmx(path.read_bytes(), path, "en", "memory/big.tmx", "zh-Hans")
    return TranslationMemory(list(with_sentences(reading.units, "en")))


def _view(memory: TranslationMemory) -> list[tuple[str, str, str]]:
    return [(u.source, u.target, u.kind.value) for u in memory.units]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources the aligner is asked about while the memory is built."""
    asked: list[str] = []

    def counting(source: str, target: str, language: str = "en") -> list[tuple[str, str]]:
        asked.append(source)
        return sentence_pairs(source, target, language)
    monkeypatch.setattr(project_memory_module, "sentence_pairs", counting)
    return asked


@pytest.mark.slow
def test_a_rebuild_aligns_only_new_units_and_looks_up_the_same(
        tmp_path: Path, counted: list[str]) -> None:
    root = tmp_path / "p"
    for name in ("content", "locales/en/LC_MESSAGES", "memory"):
        (root / name).mkdir(parents=True)
    project = Project.at(root)
    units = _generated(40, seed=1)
    tmx = root / "memory" / "big.tmx"
    tmx.write_bytes(write_tmx(units, "zh-Hans", "en"))
    first = indexed_memory(project, "en")
    assert len(counted) == 40 and pairs_path(root, "en").is_file()
    assert _view(first) == _view(_reference(project))
    added = _generated(3, seed=2)
    tmx.write_bytes(write_tmx(units + added, "zh-Hans", "en"))  # the file changed
    counted.clear()
    rebuilt = indexed_memory(project, "en")
    assert sorted(counted) == sorted(u.source for u in added)  # only the new units
    reference = _reference(project)
    assert _view(rebuilt) == _view(reference)
    assert any(u.kind.value == "sentence" for u in reference.units)
    rng = random.Random(3)
    queries = [u.source for u in rng.sample(reference.units, 12)]
    queries += [q[:-3] + "某某。" for q in queries[:6]]  # fuzzy ones
    for query in queries:
        for threshold in (50, 75):
            got = rebuilt.lookup(query, threshold, 5)
            want = reference.lookup(query, threshold, 5)
            assert [(m.unit.source, m.unit.target, m.score) for m in got] == \
                [(m.unit.source, m.unit.target, m.score) for m in want]


@pytest.mark.slow
def test_a_damaged_cache_is_discarded_with_a_note(tmp_path: Path, counted: list[str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "p"
    for name in ("content", "locales/en/LC_MESSAGES", "memory"):
        (root / name).mkdir(parents=True)
    project = Project.at(root)
    (root / "memory" / "big.tmx").write_bytes(write_tmx(_generated(5, seed=4), "zh-Hans", "en"))
    pairs_path(root, "en").parent.mkdir(parents=True)
    pairs_path(root, "en").write_bytes(b"something else\n\x00")
    memory = indexed_memory(project, "en")
    assert "not this version's cache; discarded" in capsys.readouterr().err
    assert _view(memory) == _view(_reference(project)) and len(counted) == 5
