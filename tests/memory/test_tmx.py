"""TMX interchange: ours is read by Translate Toolkit, theirs by us; round trip keeps matches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from memory_support import SecondArticle
from support import copy_real_project, make_project

from pipeline.cli import main
from pipeline.commands.update import UpdateOptions, update
from pipeline.memory.project_memory import project_memory
from pipeline.project import Project

tmx = pytest.importorskip("translate.storage.tmx")


def _export(project_root: Path, out: Path) -> None:
    assert main(["-C", str(project_root), "memory", "export", "--locale", "en",
                 "-o", str(out)]) == 0


def test_translate_toolkit_reads_our_tmx(tmp_path: Path) -> None:
    root = copy_real_project(tmp_path / "p")
    (root / "content").mkdir(exist_ok=True)
    out = tmp_path / "ours.tmx"
    _export(root, out)
    store = tmx.tmxfile.parsestring(out.read_bytes())
    pairs = {u.source: u.target for u in store.units}
    memory = project_memory(Project.at(root), "en")
    segments = {u.source: u.target for u in memory.units if u.kind.value == "segment"}
    assert pairs == segments and len(pairs) > 10
    text = out.read_text(encoding="utf-8")
    assert 'srclang="zh-Hans"' in text and 'xml:lang="en"' in text
    assert 'creationdate="2026' in text and '<prop type="x-article">shangdang</prop>' in text


def test_we_import_a_translate_toolkit_tmx(tmp_path: Path, capsys) -> None:
    store = tmx.tmxfile(sourcelanguage="zh-CN", targetlanguage="en-GB")
    store.addtranslation("煤炭产业一直是全区的支柱产业。", "zh-CN",
                         "Coal has long been the district's pillar industry.", "en-GB")
    store.addtranslation("空的译文。", "zh-CN", "", "en-GB")
    theirs = tmp_path / "theirs.tmx"
    theirs.write_bytes(bytes(store))
    root = make_project(tmp_path / "p", {"a": "---\ntitle: 题\n---\n\n"
                                         "煤炭产业一直是全区的支柱产业。\n"})
    assert main(["-C", str(root), "update", "--locale", "en", "--create"]) == 0
    capsys.readouterr()
    assert main(["-C", str(root), "memory", "import", str(theirs)]) == 0
    out = capsys.readouterr().out
    assert "2 units read, 1 usable" in out and "skipped 1: empty segment" in out
    assert (root / "memory" / "theirs.tmx").read_bytes() == theirs.read_bytes()
    update(Project.at(root), UpdateOptions(quiet=True))
    po = (root / "locales/en/LC_MESSAGES/a.po").read_text(encoding="utf-8")
    assert 'msgstr "Coal has long been the district\'s pillar industry."' in po
    assert "#. memory: exact from memory/theirs.tmx:" in po


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_round_trip_into_an_empty_project_gives_the_same_matches(tmp_path: Path) -> None:
    second = SecondArticle(tmp_path / "p")
    update(second.project, UpdateOptions(quiet=True))
    expected = second.entries()
    out = tmp_path / "all.tmx"
    # Export only the first article's memory: the second must get it all from the TMX.
    (second.project.root / "locales/en/LC_MESSAGES/second.po").unlink()
    _export(second.project.root, out)
    empty = tmp_path / "empty"
    (empty / "content").mkdir(parents=True)
    shutil.copy(second.project.source_path("second"), empty / "content" / "second.md")
    assert main(["-C", str(empty), "update", "--locale", "en", "--create", "--no-memory"]) == 0
    assert main(["-C", str(empty), "memory", "import", str(out)]) == 0
    project = Project.at(empty)
    update(project, UpdateOptions(quiet=True))
    import polib
    got = {e.msgid: e for e in polib.pofile(str(project.catalog_path("second", "en")))}
    for msgid, entry in expected.items():
        assert (got[msgid].msgstr, got[msgid].flags, got[msgid].previous_msgid) == \
               (entry.msgstr, entry.flags, entry.previous_msgid), msgid


@pytest.mark.parametrize("text, line", [
    (b"<?xml version='1.0'?>\n<tmx version='1.4'>\n<header/>\n<body>\n<tu>\n</body>\n</tmx>\n", 6),
    (b"<?xml version='1.0'?>\n<xliff/>\n", 2),
    (b"<tmx version='1.4'>\n<body/>\n</tmx>\n", 1),
])
def test_malformed_tmx_is_one_located_error(tmp_path: Path, capsys, text: bytes,
                                            line: int) -> None:
    root = make_project(tmp_path / "p", {"a": "---\ntitle: 题\n---\n\n正文。\n"})
    bad = tmp_path / "bad.tmx"
    bad.write_bytes(text)
    assert main(["-C", str(root), "memory", "import", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{bad}:{line}: ") and "\n" not in err
    assert not (root / "memory" / "bad.tmx").exists()


def test_lookup_prints_scores(tmp_path: Path, capsys) -> None:
    root = copy_real_project(tmp_path / "p")
    assert main(["-C", str(root), "memory", "lookup",
                 "上党区是全国重点产煤县之一，煤炭产业是全区的支柱产业。"]) == 0
    out = capsys.readouterr().out
    assert "%  content/shangdang.md:" in out and "pillar industry" in out
