"""Translation memory: a second article built from the real one gets its translations
from the memory as msgmerge --compendium would give them."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from memory_support import SecondArticle

from pipeline.commands.update import UpdateOptions, update
from pipeline.memory import MemoryUnit, TranslationMemory, UnitKind
from pipeline.memory.sentences import split_source


@pytest.fixture
def second(tmp_path: Path) -> SecondArticle:
    return SecondArticle(tmp_path)


def test_update_fills_from_memory(second: SecondArticle) -> None:
    update(second.project, UpdateOptions(quiet=True))
    entries = second.entries()
    for original in second.verbatim:
        entry = entries[original.msgid]
        assert entry.msgstr == original.msgstr
        assert "fuzzy" not in entry.flags
        line = original.occurrences[0][1]
        assert f"memory: exact from content/shangdang.md:{line}" in entry.comment.splitlines()
    for original, text in zip(second.edited, second.edited_text, strict=False):
        entry = entries[text]
        assert entry.msgstr == original.msgstr
        assert "fuzzy" in entry.flags
        assert entry.previous_msgid == original.msgid
        note = [n for n in entry.comment.splitlines() if n.startswith("memory: ")]
        assert len(note) == 1 and note[0].endswith(f"% from content/shangdang.md:"
                                                   f"{original.occurrences[0][1]}")
    offered = entries[second.new_paragraph]
    assert "fuzzy" in offered.flags
    assert offered.msgstr == second.reused_target
    assert offered.previous_msgid == second.reused_source
    assert any(n.startswith("memory: sentence 2/3: exact from content/shangdang.md:")
               for n in offered.comment.splitlines())
    assert entries["第二篇"].msgstr == ""  # nothing like it in the memory


def test_second_update_changes_no_byte(second: SecondArticle) -> None:
    update(second.project, UpdateOptions(quiet=True))
    first = second.po_path.read_bytes()
    real = second.project.catalog_path("shangdang", "en").read_bytes()
    update(second.project, UpdateOptions(quiet=True))
    assert second.po_path.read_bytes() == first
    assert second.project.catalog_path("shangdang", "en").read_bytes() == real
    assert first.count(b"#. memory: exact from") == 3


def test_no_memory_and_existing_translations_win(second: SecondArticle) -> None:
    update(second.project, UpdateOptions(quiet=True, memory=False))
    entries = second.entries()
    assert all(not e.msgstr for e in entries.values())
    po = polib.pofile(str(second.po_path))
    mine = po.find(second.verbatim[0].msgid)
    mine.msgstr = "My own translation."
    po.save()
    update(second.project, UpdateOptions(quiet=True))
    entries = second.entries()
    assert entries[second.verbatim[0].msgid].msgstr == "My own translation."
    assert "memory:" not in entries[second.verbatim[0].msgid].comment
    assert entries[second.verbatim[1].msgid].msgstr == second.verbatim[1].msgstr


def test_memory_never_offers_an_entry_its_own_article() -> None:
    unit = MemoryUnit("上党区煤炭产业是支柱产业。", "Coal is the pillar.", "content/a.md", 5)
    memory = TranslationMemory([unit])
    assert memory.lookup(unit.source, exclude_file="content/a.md") == []
    assert memory.lookup(unit.source, exclude_file="content/b.md")[0].exact


def test_fuzzy_lookup_scores_and_threshold() -> None:
    units = [MemoryUnit(f"第{i}个村庄发展了特色农业产业。", f"Village {i}.", "content/a.md", i)
             for i in range(50)]
    memory = TranslationMemory(units)
    best = memory.lookup("第7个村庄发展了特色农业。", threshold=75)
    assert best and best[0].unit.target == "Village 7." and 75 <= best[0].score < 100
    assert memory.lookup("完全不相干的一句话。", threshold=75) == []


def test_source_sentences_keep_closing_quotes() -> None:
    assert split_source("他说：“好。”然后走了！真的吗？没有结尾") == [
        "他说：“好。”", "然后走了！", "真的吗？", "没有结尾"]


def test_fuzzy_and_obsolete_entries_are_not_memory(tmp_path: Path) -> None:
    from pipeline.memory.units import catalog_units
    po = polib.POFile()
    po.append(polib.POEntry(msgid="甲。", msgstr="A.", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="乙。", msgstr="B.", obsolete=True))
    po.append(polib.POEntry(msgid="丙。", msgstr="C.", occurrences=[("content/x.md", "3")]))
    units = list(catalog_units(po, "x", "content/x.md"))
    assert [(u.source, u.origin, u.kind) for u in units] == [
        ("丙。", "content/x.md:3", UnitKind.SEGMENT)]
