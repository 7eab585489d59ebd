"""A round trip through OmegaT (Debian's 3.6, console mode), as a team does it
(docs/manual/interop.md, "OmegaT"): our catalog goes into an OmegaT project's
`source/`, the translator's work is OmegaT's own `omegat/project_save.tmx`,
OmegaT writes the translated catalog to `target/`, and `bilingual update` takes it
back with nothing lost; OmegaT's exported memories serve our memory lookup.

The translator's session is simulated the way OmegaT stores it: OmegaT writes a
TMX of every segment of the project (`console-createpseudotranslatetmx`), the
translations typed for the untranslated segments go into its target variants, and
that file is the project's `project_save.tmx`."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest
from lxml import etree
from support import copy_real_project

from pipeline.catalog.pofile import parse_catalog, write_catalog
from pipeline.catalog.review import mark_reviewed
from pipeline.cli import main
from pipeline.commands.update import UpdateOptions, update
from pipeline.project import Project

OMEGAT = shutil.which("omegat")
pytestmark = [pytest.mark.slow, pytest.mark.omegat,
              pytest.mark.skipif(OMEGAT is None, reason="OmegaT absent (apt-get install omegat)")]
CATALOG = "locales/en/LC_MESSAGES/shangdang.po"
# An OmegaT 3.6 project as its "new project" dialog writes it, with sentence
# segmentation off: a catalog entry is one segment, as in our memory.
PROJECT_FILE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes><mask>**/.svn/**</mask></source_dir_excludes>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>zh-CN</source_lang>
        <target_lang>en</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""


def _omegat(project: Path, mode: str, *options: str) -> None:
    subprocess.run([str(OMEGAT), f"--mode={mode}", *options, "--quiet", "--no-team",
                    "--disable-project-locking", f"--config-dir={project.parent / 'cfg'}",
                    str(project)], check=True, capture_output=True, timeout=600)


def _omegat_project(where: Path, catalog: Path) -> Path:
    for name in ("source", "target", "omegat", "tm", "glossary", "dictionary"):
        (where / name).mkdir(parents=True)
    (where / "omegat.project").write_text(PROJECT_FILE, encoding="utf-8")
    shutil.copy(catalog, where / "source" / catalog.name)
    return where


def _translator_saves(project: Path, typed: dict[str, str]) -> None:
    """`typed` (source → translation) as OmegaT stores a translator's work."""
    every_segment = project.parent / "segments.tmx"
    _omegat(project, "console-createpseudotranslatetmx",
            f"--pseudotranslatetmx={every_segment}", "--pseudotranslatetype=empty")
    tree = etree.parse(str(every_segment), etree.XMLParser(load_dtd=False, no_network=True))
    for tu in tree.iter("tu"):
        source, target = tu.findall("tuv/seg")
        if source.text in typed:
            target.text = typed[source.text]
        else:
            tu.getparent().remove(tu)
    tree.write(str(project / "omegat" / "project_save.tmx"), encoding="UTF-8",
               xml_declaration=True, doctype=tree.docinfo.doctype)


EDITED = "edited in OmegaT"


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, dict[str, str]]:
    """The real project with every third entry untranslated, one fuzzy entry with
    its previous msgid, reviewed entries, a translator comment and an obsolete
    entry; OmegaT run over it with the translator's work: the untranslated entries
    and two edits of translated ones."""
    tmp = tmp_path_factory.mktemp("omegat")
    root = copy_real_project(tmp / "p")
    po = polib.pofile(str(root / CATALOG))
    messages = [e for e in po if e.msgid and not e.obsolete]
    typed = {e.msgid: e.msgstr for e in messages[::3]}
    for entry in messages[::3]:
        entry.msgstr = ""
    messages[1].flags.append("fuzzy")
    messages[1].previous_msgid = messages[1].msgid + "（旧）"
    messages[2].tcomment = "keep the county's old name"
    for entry in messages[4:7]:
        mark_reviewed(entry, "Rev Iewer <r@example.org>", datetime(2030, 1, 2, tzinfo=UTC))
    po.append(polib.POEntry(msgid="已删去的段落。", msgstr="A paragraph since cut.",
                            obsolete=True))
    po.save()
    update(Project.at(root), UpdateOptions(quiet=True))
    before = (root / CATALOG).read_bytes()
    project = _omegat_project(tmp / "omegat-project", root / CATALOG)
    edits = {e.msgid: f"{e.msgstr} ({EDITED})" for e in (messages[7], messages[8])}
    _translator_saves(project, typed | edits)
    _omegat(project, "console-translate")
    return root, before, typed | edits


def _messages(path: Path) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(path)) if e.msgid and not e.obsolete]


def test_omegat_translations_come_back_and_nothing_else_changes(
        round_trip: tuple[Path, bytes, dict[str, str]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    root, before, typed = round_trip
    project = root.parent / "omegat-project"
    returned = project / "target" / "shangdang.po"
    filled = {e.msgid: e.msgstr for e in polib.pofile(str(returned)) if e.msgid in typed}
    assert filled == typed  # OmegaT used every unit of its project_save.tmx
    work = shutil.copytree(root, tmp_path / "p")
    # Meanwhile an editor changed two entries in the catalog, one of which the
    # translator edited too.
    po = polib.pofile(str(work / CATALOG))
    messages = [e for e in po if e.msgid and not e.obsolete]
    ours = {messages[8].msgid: "The editor's version.", messages[10].msgid: "The editor's."}
    for entry in (messages[8], messages[10]):
        entry.msgstr = ours[entry.msgid]
    po.save()
    update(Project.at(work), UpdateOptions(quiet=True))
    capsys.readouterr()
    assert main(["-C", str(work), "xliff", "import", str(returned),
                 "--base", str(project / "source" / "shangdang.po")]) == 1
    out, err = capsys.readouterr()
    conflicts = [line for line in err.splitlines() if "conflict" in line]
    assert len(conflicts) == 1 and conflicts[0].startswith(f"{returned}:")
    assert "The editor's version." in conflicts[0]
    assert typed[messages[8].msgid][:60] in conflicts[0]  # theirs, as OmegaT gave it
    assert f"{len(typed) - 1} translations taken" in out
    expected = parse_catalog(before, tmp_path / "expected.po").po
    for entry in expected:
        if not entry.obsolete:
            entry.msgstr = ours.get(entry.msgid) or typed.get(entry.msgid) or entry.msgstr
    write_catalog(expected, tmp_path / "expected.po")
    # Order, notes, translator comments, review marks, the fuzzy entry with its
    # translation and previous msgid (OmegaT wrote it out empty), the obsolete
    # entry: byte for byte.
    assert (work / CATALOG).read_bytes() == (tmp_path / "expected.po").read_bytes()


def test_copying_omegat_output_over_the_catalog_would_lose_the_fuzzy_translation(
        round_trip: tuple[Path, bytes, dict[str, str]]) -> None:
    """Why the returned catalog is merged, not copied over."""
    root, _, _ = round_trip
    sent = _messages(root.parent / "omegat-project" / "source" / "shangdang.po")
    back = _messages(root.parent / "omegat-project" / "target" / "shangdang.po")
    assert "fuzzy" in sent[1].flags and sent[1].msgstr
    assert back[1].msgid == sent[1].msgid and back[1].msgstr == ""


@pytest.mark.parametrize("name", ["project_save.tmx", "omegat-project-omegat.tmx",
                                  "omegat-project-level1.tmx", "omegat-project-level2.tmx"])
def test_memories_omegat_wrote_serve_our_lookup(
        round_trip: tuple[Path, bytes, dict[str, str]], tmp_path: Path,
        name: str, capsys: pytest.CaptureFixture[str]) -> None:
    root, _, typed = round_trip
    project = root.parent / "omegat-project"
    written = project / "omegat" / name if name == "project_save.tmx" else project / name
    work = copy_real_project(tmp_path / "p")
    po = polib.pofile(str(work / CATALOG))
    for entry in po:
        entry.msgstr = ""  # only the imported memory can answer
    po.save()
    assert main(["-C", str(work), "memory", "import", str(written)]) == 0
    imported = capsys.readouterr().out
    assert "usable for zh-Hans→en" in imported, imported
    source, translation = next((s, t) for s, t in typed.items() if len(s) > 20)
    assert main(["-C", str(work), "memory", "lookup", source]) == 0
    assert translation in capsys.readouterr().out
