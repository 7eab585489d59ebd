"""The memory's index on disk: the same matches as a fresh build, rebuilt only
when a catalog or TMX file changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import copy_real_project

from pipeline.cli import main
from pipeline.memory import project_memory as project_memory_module
from pipeline.memory.model import MemoryUnit
from pipeline.memory.project_memory import project_memory
from pipeline.memory.store import StoredMemory, index_root, indexed_memory
from pipeline.project import Project

TMX = ('<?xml version="1.0"?><tmx version="1.4"><header srclang="zh-CN"/><body>'
       '<tu><tuv xml:lang="zh-CN"><seg>打开<ph x="1">{0}</ph>文件。</seg></tuv>'
       '<tuv xml:lang="en"><seg>Open the file.</seg></tuv></tu>'
       '<tu><tuv xml:lang="zh-CN"><seg>{tail}</seg></tuv>'
       '<tuv xml:lang="en"><seg>Extra.</seg></tuv></tu></body></tmx>')


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = copy_real_project(tmp_path / "p")
    (root / "content").mkdir(exist_ok=True)
    (root / "memory").mkdir()
    (root / "memory" / "m.tmx").write_text(TMX.replace("{tail}", "额外的一句。"), encoding="utf-8")
    return Project.at(root)


def _same(a: list, b: list) -> bool:
    return [(m.unit, m.score) for m in a] == [(m.unit, m.score) for m in b]


def test_the_index_gives_the_same_matches_as_a_fresh_build(project: Project) -> None:
    fresh = project_memory(project, "en")
    stored = indexed_memory(project, "en")
    assert isinstance(stored, StoredMemory) and len(stored) == len(fresh)
    assert list(stored.units) == list(fresh.units)
    queries = [u.source for u in fresh.units[:40:3]]
    queries += [q[:-2] + "的" for q in queries] + ["打开{0}文件。", "完全无关的句子"]
    for query in queries:
        for exclude in (None, "content/shangdang.md"):
            assert _same(stored.lookup(query, 50, 5, exclude), fresh.lookup(query, 50, 5, exclude)), query
    [lost] = stored.lookup("打开{0}文件。", 90, 1)
    assert lost.unit.lost_codes == 1 and not lost.exact


def test_rebuilt_only_when_a_source_changes(project: Project,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    indexed_memory(project, "en")
    [first] = list(index_root(project, "en").iterdir())

    def no_build(self: object) -> None:
        raise AssertionError("rebuilt although nothing changed")
    monkeypatch.setattr(project_memory_module.StartOfRunMemory, "memory", no_build)
    indexed_memory(project, "en").lookup("上党区")
    monkeypatch.undo()
    tmx = project.root / "memory" / "m.tmx"
    tmx.write_text(TMX.replace("{tail}", "新的一句话。"), encoding="utf-8")
    os.utime(tmx, ns=(tmx.stat().st_atime_ns, tmx.stat().st_mtime_ns + 10**9))
    memory = indexed_memory(project, "en")
    assert [d.name for d in index_root(project, "en").iterdir()] != [first.name]
    assert len(list(index_root(project, "en").iterdir())) == 1
    assert memory.lookup("新的一句话。")[0].unit.target == "Extra."


def test_lookup_command_uses_the_index(project: Project, capsys) -> None:
    assert main(["-C", str(project.root), "memory", "lookup", "打开{0}文件。",
                 "--threshold", "90"]) == 0
    out = capsys.readouterr().out
    assert "99%  memory/m.tmx:1" in out and "Open the file." in out
    assert index_root(project, "en").is_dir()


def test_units_come_back_whole() -> None:
    unit = MemoryUnit("源“文”\n", "Target\t\"x\"", "memory/a b.tmx", 3, "p-1", article="a",
                      created="20260101T000000Z", lost_codes=2)
    import tempfile

    from pipeline.memory.index import TranslationMemory
    from pipeline.memory.store import save_index
    with tempfile.TemporaryDirectory() as folder:
        save_index(TranslationMemory([unit]), Path(folder) / "i")
        assert list(StoredMemory(Path(folder) / "i").units) == [unit]


def test_lookup_of_a_phrase_inside_a_paragraph_is_a_partial_match(project: Project,
                                                                  capsys) -> None:
    """A phrase from inside a paragraph scores low as a whole; as in OmegaT, the
    unit holding it is offered as a partial match, the shared run marked."""
    import json

    phrase = "煤炭产业一直是全区的支柱产业"
    assert main(["-C", str(project.root), "memory", "lookup", phrase]) == 0
    out = capsys.readouterr().out
    assert "(partial: inside a segment)" in out and f"[{phrase}]" in out
    assert "pillar industry" in out
    assert main(["-C", str(project.root), "memory", "lookup", phrase, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    partial = [r for r in rows if r["kind"] == "partial"]
    assert partial and partial[0]["source"][slice(*partial[0]["run"])] == phrase
