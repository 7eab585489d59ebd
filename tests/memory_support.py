"""A second article built from the real one, for the translation-memory tests
(the memory, its TMX exchange and the workbench's memory panel)."""

from __future__ import annotations

from pathlib import Path

import polib
from support import copy_real_project

from pipeline.memory.sentences import sentence_pairs
from pipeline.project import Project

REAL_PO = Path(__file__).resolve().parents[1] / "locales/en/LC_MESSAGES/shangdang.po"


def _paragraphs() -> list[polib.POEntry]:
    """Translated body paragraphs of the real article, longest first."""
    entries = [e for e in polib.pofile(str(REAL_PO))
               if e.msgstr and not e.obsolete and "(paragraph)" in e.comment]
    return sorted(entries, key=lambda e: (-len(e.msgid), e.msgid))


def _edit(text: str) -> str:
    """A light edit: one character in the middle changed, one appended before the end."""
    middle = len(text) // 2
    changed = "新" if text[middle] != "新" else "旧"
    return text[:middle] + changed + text[middle + 1:-1] + "等" + text[-1]


class SecondArticle:
    def __init__(self, root: Path):
        copy_real_project(root)
        paragraphs = _paragraphs()
        aligned = [e for e in paragraphs if sentence_pairs(e.msgid, e.msgstr)]
        self.reused_from = aligned[0]
        self.reused_source, self.reused_target = sentence_pairs(
            self.reused_from.msgid, self.reused_from.msgstr)[0]
        rest = [e for e in paragraphs if e is not self.reused_from]
        self.verbatim = rest[:3]
        self.edited = rest[3:5]
        self.edited_text = [_edit(e.msgid) for e in self.edited]
        # Long enough around the reused sentence that the paragraph as a whole matches nothing.
        self.new_paragraph = ("这是一段全新的介绍文字，讲述另一个地方在山区修建公路、开办学校、"
                              "照顾老人和儿童的故事，与前面的文章毫无关系。" + self.reused_source
                              + "最后再补充一句完全不同的话，谈谈当地的天气、饮食和节日风俗。")
        body = [e.msgid for e in self.verbatim] + self.edited_text + [self.new_paragraph]
        (root / "content" / "second.md").write_text(
            "---\ntitle: 第二篇\n---\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        self.project = Project.at(root)
        self.po_path = self.project.catalog_path("second", "en")

    def entries(self) -> dict[str, polib.POEntry]:
        return {e.msgid: e for e in polib.pofile(str(self.po_path)) if not e.obsolete}
