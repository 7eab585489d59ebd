"""Review states: stored as a translator comment that GNU tools keep, valid
only while the reviewed text is unchanged."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest
from serve_support import LOCALE, SLUG, TOKEN, Fixture, client, make_fixture

from pipeline.catalog.pofile import read_catalog, write_catalog
from pipeline.catalog.review import mark_reviewed, review_of
from pipeline.cli import main

WHEN = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
HEAD = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: en\\n"\n\n')


def catalog(tmp_path: Path, entries: dict[str, str], name: str = "a.po") -> Path:
    path = tmp_path / name
    path.write_text(HEAD, encoding="utf-8")
    loaded = read_catalog(path)
    for msgid, msgstr in entries.items():
        loaded.po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    write_catalog(loaded.po, path)
    return path


def reviewed_catalog(tmp_path: Path) -> Path:
    path = catalog(tmp_path, {"第一段。": "First.", "第二段。": "Second.", "第三段。": "Third."})
    loaded = read_catalog(path)
    for entry in loaded.po:
        mark_reviewed(entry, "Li Hua <li@example.org>", WHEN)
    write_catalog(loaded.po, path)
    return path


def reviews(path: Path) -> dict[str, str | None]:
    return {e.msgid: (r.who if (r := review_of(e)) else None)
            for e in read_catalog(path).po if not e.obsolete}


def test_review_follows_the_text() -> None:
    entry = polib.POEntry(msgid="段。", msgstr="Para.", tcomment="my note")
    mark_reviewed(entry, "Li Hua", WHEN)
    assert review_of(entry).who == "Li Hua" and review_of(entry).date == "2026-12-01"
    assert entry.tcomment.split("\n")[0] == "my note"
    entry.msgstr = "Changed."  # any tool changing the text: back to translated
    assert review_of(entry) is None
    entry.msgstr = "Para."
    entry.flags.append("fuzzy")
    assert review_of(entry) is None


gnu = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext not installed")


@pytest.mark.gnu
@gnu
def test_reviews_survive_msgcat(tmp_path: Path) -> None:
    path = reviewed_catalog(tmp_path)
    out = tmp_path / "cat.po"
    subprocess.run(["msgcat", "-o", str(out), str(path)], check=True)
    assert set(reviews(out).values()) == {"Li Hua <li@example.org>"}


@pytest.mark.gnu
@gnu
def test_reviews_survive_msgmerge_and_drop_where_the_source_changed(tmp_path: Path) -> None:
    path = reviewed_catalog(tmp_path)
    pot = tmp_path / "a.pot"
    pot.write_text(HEAD + 'msgid "第一段。"\nmsgstr ""\n\nmsgid "第二段。"\nmsgstr ""\n\n'
                   'msgid "第三段，改了。"\nmsgstr ""\n', encoding="utf-8")
    out = tmp_path / "merged.po"
    subprocess.run(["msgmerge", "--quiet", "-o", str(out), str(path), str(pot)], check=True)
    got = reviews(out)
    assert got["第一段。"] == got["第二段。"] == "Li Hua <li@example.org>"
    # the changed source is a new (or fuzzy-matched) entry: not reviewed
    assert got.get("第三段，改了。") is None


@pytest.mark.slow
def test_check_require_reviewed_and_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    fx = make_fixture(tmp_path / "project")
    root = str(fx.root)
    assert main(["-C", root, "check", "--require-reviewed"]) == 1
    assert "BL307" in capsys.readouterr().out
    loaded = read_catalog(fx.po_path)
    for entry in loaded.po:
        if entry.msgstr and "fuzzy" not in entry.flags:
            mark_reviewed(entry, "Editor", WHEN)
    write_catalog(loaded.po, fx.po_path)
    main(["-C", root, "check", "--require-reviewed"])
    assert "BL307" not in capsys.readouterr().out
    assert main(["-C", root, "status", "--json"]) == 0
    assert '"reviewed": ' in capsys.readouterr().out


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_workbench_marks_reviewed_and_an_edit_clears_it(tmp_path: Path) -> None:
    fx: Fixture = make_fixture(tmp_path / "project")
    api_path = f"/api/articles/{SLUG}/{LOCALE}"
    auth = {"X-Bilingual-Token": TOKEN}
    with client(fx) as api:
        view = api.get(api_path).json()
        seg = next(s for s in view["segments"] if s["id"] == fx.translated)
        base = {"msgstr": seg["msgstr"], "fuzzy": False, "comment": seg["comment"]}
        body = {"fingerprint": view["fingerprint"], "edits": [
            {"segment": fx.translated, "msgstr": seg["msgstr"], "base": base, "reviewed": True}]}
        answer = api.patch(api_path, json=body, headers=auth)
        assert answer.status_code == 200, answer.text
        [after] = answer.json()["segments"]
        assert after["reviewed"] and after["reviewed_by"].startswith("Test Translator")
        assert after["comment"] == seg["comment"]  # the review line is not in the comment box
        edit = {"segment": fx.translated, "msgstr": seg["msgstr"] + " Edited.",
                "base": base, "comment": after["comment"]}
        answer = api.patch(api_path, json={"fingerprint": view["fingerprint"], "edits": [edit]},
                           headers=auth)
        [after] = answer.json()["segments"]
        assert answer.status_code == 200 and not after["reviewed"]
        assert "reviewed:" not in fx.entry(fx.translated).tcomment
