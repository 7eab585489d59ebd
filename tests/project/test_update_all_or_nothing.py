"""`update` is all or nothing per article (issue 27): a catalog another tool
rewrites while update runs ends complete (its edits and every template entry),
and one that cannot be merged leaves its template where it was, with an exit
code that says so."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from support import make_project

from pipeline.cli import main
from pipeline.commands import update as update_module

PARAGRAPHS = [f"第{n}段讲的是产业发展的第{n}个方面，内容较长，需要换行才能写完整。" for n in range(12)]


def _project(tmp_path: Path) -> tuple[Path, Path, Path]:
    make_project(tmp_path, {"a": "\n\n".join(PARAGRAPHS) + "\n"})
    assert main(["-C", str(tmp_path), "update", "--locale", "en", "--create"]) == 0
    po_path = tmp_path / "locales/en/LC_MESSAGES/a.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = f"Paragraph about {entry.msgid[1:3]}."
    po.save()
    # The source changes: new paragraphs at the top move every line and add entries.
    new = [f"新增的第{n}段，也讲产业。" for n in range(9)]
    (tmp_path / "content/a.md").write_text("\n\n".join(new + PARAGRAPHS) + "\n",
                                           encoding="utf-8")
    return tmp_path, po_path, tmp_path / "locales/a.pot"


def _another_tool_rewrites(path: Path) -> None:
    """Poedit-like: its own wrapping (comments too) and one translation changed."""
    po = polib.pofile(str(path), wrapwidth=30)
    po[0].msgstr = "Changed in another tool."
    po.save()


def test_a_catalog_rewritten_during_update_ends_complete(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, po_path, pot_path = _project(tmp_path)
    real = update_module.save_catalog
    calls = []

    def save(path, loaded, merged, **options):  # type: ignore[no-untyped-def]
        if not calls:
            _another_tool_rewrites(path)
        calls.append(path)
        return real(path, loaded, merged, **options)

    monkeypatch.setattr(update_module, "save_catalog", save)
    code = main(["-C", str(root), "update", "--no-memory"])
    template = {e.msgid: e for e in polib.pofile(str(pot_path))}
    after = {e.msgid: e for e in polib.pofile(str(po_path)) if not e.obsolete}
    assert code == 0 and set(template) == set(after)
    stale = [m for m, e in template.items()
             if (after[m].occurrences, after[m].comment) != (e.occurrences, e.comment)]
    assert stale == []  # every entry merged with the template it now stands beside
    assert "Changed in another tool." in {e.msgstr for e in after.values()}


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_a_catalog_that_cannot_be_merged_does_not_advance_its_template(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root, po_path, pot_path = _project(tmp_path)
    pot_before = pot_path.read_bytes()
    real = update_module.save_catalog
    counter = [0]

    def save(path, loaded, merged, **options):  # type: ignore[no-untyped-def]
        def rewrite() -> None:  # on every look, a new version
            counter[0] += 1
            po = polib.pofile(str(path), wrapwidth=30 + counter[0] % 40)
            po[0].msgstr = f"Version {counter[0]}."
            po.save()
        rewrite()
        return real(path, loaded, merged, **options)

    monkeypatch.setattr(update_module, "save_catalog", save)
    monkeypatch.setattr("pipeline.catalog.pofile.replace_verified",
                        _rewriting_first(po_path, counter), raising=False)
    code = main(["-C", str(root), "update", "--no-memory"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "was not advanced" in err and "a.pot" in err
    assert pot_path.read_bytes() == pot_before
    assert "Traceback" not in err


def _rewriting_first(path: Path, counter: list[int]):  # type: ignore[no-untyped-def]
    from pipeline.catalog import pofile
    real = pofile.replace_verified

    def replace(target, data, expect, **kwargs):  # type: ignore[no-untyped-def]
        counter[0] += 1
        po = polib.pofile(str(path), wrapwidth=30 + counter[0] % 40)
        po[0].msgstr = f"Version {counter[0]}."
        po.save()
        return real(target, data, expect, **kwargs)

    return replace
