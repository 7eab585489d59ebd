"""Hosting on Weblate (docs/manual/interop.md): what Weblate does to a catalog, Translate
Toolkit's re-save and its msgmerge add-on with "Keep previous msgids", loses nothing
that `bilingual update` does not restore: notes, translator comments, review marks,
fuzzy entries with their previous msgid, obsolete entries, the GNU line form."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest
from support import copy_real_project

from pipeline.catalog.pofile import parse_catalog, write_catalog
from pipeline.catalog.review import mark_reviewed
from pipeline.commands.update import UpdateOptions, update
from pipeline.project import Project

pytestmark = [pytest.mark.slow]
CATALOG = "locales/en/LC_MESSAGES/shangdang.po"
MSGMERGE = shutil.which("msgmerge")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project after a source change: reviewed entries, a translator comment,
    a fuzzy entry with its previous msgid and an obsolete one, in update's form."""
    root = copy_real_project(tmp_path_factory.mktemp("weblate") / "p")
    po = polib.pofile(str(root / CATALOG))
    for entry in list(po)[:8]:
        mark_reviewed(entry, "Rev Iewer <r@example.org>", datetime(2030, 1, 2, 3, 4, tzinfo=UTC))
    list(po)[9].tcomment = "keep the county's old name"
    po.save()
    source = root / "content/shangdang.md"
    paragraphs = source.read_text(encoding="utf-8").split("\n\n")
    prose = [i for i, p in enumerate(paragraphs)
             if len(p) > 40 and not p.startswith(("#", "---", "!", "|"))]
    paragraphs[prose[2]] = paragraphs[prose[2]][:-3] + "，略有改动。"
    del paragraphs[prose[4]]
    source.write_text("\n\n".join(paragraphs), encoding="utf-8")
    update(Project.at(root), UpdateOptions(quiet=True))
    text = (root / CATALOG).read_text(encoding="utf-8")
    for mark in ("# reviewed: ", "\n#. ", "\n# keep", "\n#, fuzzy", "\n#| msgid", "\n#~ msgid"):
        assert mark in text, mark
    return root


def _tt_resave(path: Path, width: int = 77) -> None:
    store = pytest.importorskip("translate.storage.po").pofile.parsefile(str(path))
    store.wrapper.width = width
    path.write_bytes(bytes(store))


def _tt_edit_unwrapped(path: Path) -> None:
    """A translator's edit in Weblate, saved with "Long lines wrapping: no wrapping"."""
    store = pytest.importorskip("translate.storage.po").pofile.parsefile(str(path))
    store.wrapper.width = -1
    unit = next(u for u in store.units if u.istranslated() and len(u.target) > 200)
    unit.target = unit.target + " (edited in Weblate)"
    path.write_bytes(bytes(store))
    edited = next(line for line in path.read_text(encoding="utf-8").splitlines()
                  if "(edited in Weblate)" in line)
    assert edited.startswith("msgstr") and len(edited) > 200  # one line, unwrapped


def _msgmerge(*options: str) -> Callable[[Path], None]:
    def run(path: Path) -> None:
        if MSGMERGE is None:
            pytest.skip("GNU msgmerge is not on PATH")
        subprocess.run([MSGMERGE, *options, "-U", "-q", "--backup=none", str(path),
                        str(path.parent.parent.parent / "shangdang.pot")], check=True)
    return run


def _expected_after(original: bytes, path: Path, tmp: Path) -> bytes:
    """The original with only the edits a tool made to translations (none, or the
    Weblate edit), in the GNU form: what `update` must give back."""
    theirs = {e.msgid: e.msgstr for e in polib.pofile(str(path)) if not e.obsolete}
    expected = tmp / "expected.po"
    po = parse_catalog(original, expected).po
    for entry in po:
        if not entry.obsolete and entry.msgid in theirs:
            entry.msgstr = theirs[entry.msgid]
    write_catalog(po, expected)
    return expected.read_bytes()


@pytest.mark.gnu
@pytest.mark.parametrize("tool", [_tt_resave, _tt_edit_unwrapped,
                                  _msgmerge("--previous"), _msgmerge("--previous", "--no-wrap"),
                                  lambda p: (_tt_edit_unwrapped(p),
                                             _msgmerge("--previous", "--no-wrap")(p))],
                         ids=["tt-resave", "tt-edit-no-wrap", "msgmerge-previous",
                              "msgmerge-previous-no-wrap", "tt-edit-then-msgmerge"])
def test_update_restores_what_weblate_changed(project: Path, tmp_path: Path,
                                              tool: Callable[[Path], None]) -> None:
    root = shutil.copytree(project, tmp_path / "p")
    original = (root / CATALOG).read_bytes()
    tool(root / CATALOG)
    expected = _expected_after(original, root / CATALOG, tmp_path)
    update(Project.at(root), UpdateOptions(quiet=True))
    assert (root / CATALOG).read_bytes() == expected


@pytest.mark.gnu
def test_msgmerge_without_previous_loses_the_previous_msgid(project: Path,
                                                            tmp_path: Path) -> None:
    """Why the add-on needs "Keep previous msgids": without it the old source of a
    fuzzy entry is gone, and nothing can bring it back."""
    root = shutil.copytree(project, tmp_path / "p")
    _msgmerge()(root / CATALOG)
    update(Project.at(root), UpdateOptions(quiet=True))
    text = (root / CATALOG).read_text(encoding="utf-8")
    assert "\n#, fuzzy" in text and "\n#| msgid" not in text
