"""po.splice: a changed catalog over its old text reads back as the catalog, and
leaves every unchanged entry's text as it was."""

from __future__ import annotations

import random
from pathlib import Path

import polib
import pytest
from support import REPO

from pipeline.cache import content_key
from pipeline.po.read import parse_pofile
from pipeline.po.splice import splice

REAL_PO = REPO / "locales/en/LC_MESSAGES/shangdang.po"


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("width", [40, 60, 79])
def test_a_splice_reads_back_as_the_new_catalog(tmp_path: Path, seed: int, width: int) -> None:
    other = tmp_path / "a.po"
    polib.pofile(str(REAL_PO), wrapwidth=width).save(str(other))  # another tool's layout
    text = other.read_text(encoding="utf-8")
    old = parse_pofile(text.encode("utf-8"), other)
    new = parse_pofile(text.encode("utf-8"), other)
    rng = random.Random(seed)
    changed = rng.sample(range(len(new)), 3)
    for index in changed:
        entry = new[index]
        entry.msgstr = f"Changed {seed} " + "word " * rng.randrange(30)
        if rng.random() < 0.5:
            entry.flags = ["fuzzy"] if "fuzzy" not in entry.flags else []
        if rng.random() < 0.5:
            entry.tcomment = "A translator's note."
    new.metadata["PO-Revision-Date"] = "2030-01-01 00:00+0000"
    result = splice(text, old, new)
    assert result is not None
    assert content_key(parse_pofile(result.encode("utf-8"), other)) == content_key(new)
    kept = [line for line in text.splitlines() if line in set(result.splitlines())]
    assert len(kept) > len(text.splitlines()) * 0.5  # most of the old text is untouched


def test_different_messages_are_not_spliced(tmp_path: Path) -> None:
    text = REAL_PO.read_text(encoding="utf-8")
    old = parse_pofile(text.encode("utf-8"), REAL_PO)
    new = parse_pofile(text.encode("utf-8"), REAL_PO)
    new.append(polib.POEntry(msgid="新的", msgstr="New"))
    assert splice(text, old, new) is None


OMEGAT_HEADER = ('msgid ""\nmsgstr "Project-Id-Version: x\\n"\n"PO-Revision-Date: 2026-01-01 00:00+0000\\n"\n'
                 '"Language-Team: Chinese <https://hosted.weblate.org/"\n"projects/a/b/zh_Hans/>\\n"\n'
                 '"Content-Type: text/plain; charset=UTF-8\\n"\n')


@pytest.mark.parametrize("leading", [False, True], ids=["omegat", "weblate"])
def test_a_header_laid_out_by_another_tool_changes_only_its_changed_fields(
        tmp_path: Path, leading: bool) -> None:
    """OmegaT starts the header on the `msgstr` line and Weblate wraps a long field:
    a save rewrote the whole header in msgcat's form (#27); it changes the lines of
    the fields that changed, and adds the new ones."""
    head = OMEGAT_HEADER.replace('msgstr "', 'msgstr ""\n"', 1) if leading else OMEGAT_HEADER
    text = head + '\nmsgid "一"\nmsgstr "One"\n\nmsgid "二"\nmsgstr "Two"\n'
    path = tmp_path / "a.po"
    old = parse_pofile(text.encode("utf-8"), path)
    new = parse_pofile(text.encode("utf-8"), path)
    new.metadata["PO-Revision-Date"] = "2030-01-01 00:00+0000"
    new.metadata["Last-Translator"] = 'Eve "E" <e@example.org>'
    new[1].msgstr = "Two, edited"
    result = splice(text, old, new)
    assert result is not None
    assert content_key(parse_pofile(result.encode("utf-8"), path)) == content_key(new)
    removed = [line for line in text.splitlines() if line not in result.splitlines()]
    added = [line for line in result.splitlines() if line not in text.splitlines()]
    assert removed == ['"PO-Revision-Date: 2026-01-01 00:00+0000\\n"', 'msgstr "Two"']
    assert added == ['"PO-Revision-Date: 2030-01-01 00:00+0000\\n"',
                     '"Last-Translator: Eve \\"E\\" <e@example.org>\\n"', 'msgstr "Two, edited"']


@pytest.mark.parametrize("width", [40, 79])
def test_saves_in_a_row_splice_as_from_a_fresh_scan(tmp_path: Path, width: int) -> None:
    """The layout a splice remembers of the text it wrote is what a scan of that
    text finds: ten saves in a row give the same text with and without it, and the
    second save over a text scans nothing."""
    from pipeline.po import splice as module

    other = tmp_path / "a.po"
    polib.pofile(str(REAL_PO), wrapwidth=width).save(str(other))
    text = other.read_text(encoding="utf-8")
    rng = random.Random(width)
    scans: list[int] = []
    real_scan = module.scan
    kept: dict[bytes, module.Layout] = {}  # what the previous splice remembered of its output
    for step in range(10):
        old = parse_pofile(text.encode("utf-8"), other)
        new = parse_pofile(text.encode("utf-8"), other)
        entry = new[rng.randrange(len(new))]
        entry.msgstr = f"Step {step}: " + "word " * rng.randrange(40)
        if rng.random() < 0.3:
            entry.tcomment = f"note {step}\nover two lines"
        module._LAYOUTS.clear()
        fresh = splice(text, old, new)  # from a scan of the text
        assert fresh is not None
        if step:
            module._LAYOUTS.clear()
            module._LAYOUTS.update(kept)
            module.scan = lambda path, t: scans.append(1) or real_scan(path, t)
            try:
                assert splice(text, old, new) == fresh
            finally:
                module.scan = real_scan
            assert scans == []
        digest = module._digest(fresh.encode("utf-8"))
        kept = {digest: module._LAYOUTS[digest]}
        text = fresh
