"""Errors that name the real file and what to do (issue 27): a full disk, a
read-only catalog (refused unless --force), a read-only cache (skipped with a
note), a .mo whose catalog is gone, an edition damaged behind the build's back,
an empty catalog given to fmt, and a header field msgcat accepts."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
from pathlib import Path

import polib
import pytest
from serve_support import API, AUTH, Fixture
from support import make_project

from pipeline.cli import main
from pipeline.serve.security import SECURITY_HEADERS

SOURCE = "---\ntitle: 标题\n---\n\n产业是引擎。\n"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    make_project(tmp_path, {"a": SOURCE})
    assert main(["-C", str(tmp_path), "update", "--locale", "en", "--create"]) == 0
    return tmp_path


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", full)


def _add_paragraph(root: Path) -> None:
    (root / "content/a.md").write_text(SOURCE + "\n第二段。\n", encoding="utf-8")


def test_a_full_disk_names_the_catalog_and_changes_nothing(
        project: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    po = project / "locales/en/LC_MESSAGES/a.po"
    before = po.read_bytes()
    _add_paragraph(project)
    _disk_full(monkeypatch)
    assert main(["-C", str(project), "update", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "a.po: disk full" in err and "free some space" in err, err
    assert ".tmp" not in err and "Traceback" not in err
    assert po.read_bytes() == before
    assert not [p for p in po.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_a_workbench_save_on_a_full_disk_is_a_clear_507(
        api, fx: Fixture, monkeypatch: pytest.MonkeyPatch) -> None:
    view = api.get(API).json()
    seg = next(s for s in view["segments"] if s["status"] == "translated")
    _disk_full(monkeypatch)
    response = api.patch(API, headers=AUTH, json={
        "fingerprint": view["fingerprint"],
        "edits": [{"segment": seg["id"], "msgstr": "New."}]})
    assert response.status_code == 507, response.text
    assert "disk full" in response.json()["detail"] and fx.po_path.name in response.text
    for name in SECURITY_HEADERS:
        assert name in {k.lower() for k in response.headers}, name


def test_a_read_only_catalog_is_refused_unless_forced(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = project / "locales/en/LC_MESSAGES/a.po"
    po.chmod(0o444)
    before = po.read_bytes()
    _add_paragraph(project)
    assert main(["-C", str(project), "update"]) == 2
    err = capsys.readouterr().err
    assert "a.po: is read-only" in err and "--force" in err
    assert po.read_bytes() == before
    assert main(["-C", str(project), "update", "--force"]) == 0
    assert "第二段。" in po.read_text(encoding="utf-8")
    assert stat.S_IMODE(po.stat().st_mode) == 0o444  # still as its owner left it


def test_a_workbench_save_on_a_read_only_catalog_says_why(api, fx: Fixture) -> None:
    view = api.get(API).json()
    seg = next(s for s in view["segments"] if s["status"] == "translated")
    fx.po_path.chmod(0o444)
    response = api.patch(API, headers=AUTH, json={
        "fingerprint": view["fingerprint"],
        "edits": [{"segment": seg["id"], "msgstr": "New."}]})
    assert response.status_code == 409 and "read-only" in response.json()["detail"]


def test_a_cache_that_cannot_be_written_is_skipped_with_a_note(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(project / ".bilingual", ignore_errors=True)
    (project / ".bilingual").write_text("not a folder", encoding="utf-8")
    _add_paragraph(project)
    for command in (["update"], ["check"], ["build"]):
        assert main(["-C", str(project), *command]) in (0, 1), command
        err = capsys.readouterr().err
        assert "cache not saved" in err or "cache skipped" in err, (command, err)
        assert "Traceback" not in err


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_a_mo_goes_with_its_catalog(project: Path) -> None:
    assert main(["-C", str(project), "build", "--drafts"]) == 0
    mo = project / "locales/en/LC_MESSAGES/a.mo"
    assert mo.exists()
    (project / "locales/en/LC_MESSAGES/a.po").unlink()
    main(["-C", str(project), "build", "--drafts"])
    assert not mo.exists()


def test_an_edition_damaged_with_the_same_size_and_time_is_rebuilt(project: Path) -> None:
    assert main(["-C", str(project), "build", "--drafts"]) == 0
    page = project / "build/a.en.html"
    good = page.read_bytes()
    info = page.stat()
    page.write_bytes(good.replace(b"<html", b"<xtml", 1))  # same size
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))  # same time
    assert main(["-C", str(project), "build", "--drafts"]) == 0
    assert page.read_bytes() == good


def test_fmt_refuses_an_empty_catalog_like_every_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.po"
    empty.write_bytes(b"")
    assert main(["fmt", "--check", str(empty)]) == 2
    assert "empty.po:1: empty catalog" in capsys.readouterr().err


GENERATED_BY = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                '"Generated-By:\\n"\n\nmsgid "a"\nmsgstr "b"\n')


def test_an_empty_header_field_msgcat_accepts_is_accepted_and_kept(
        tmp_path: Path, project: Path) -> None:
    po = tmp_path / "g.po"
    po.write_text(GENERATED_BY, encoding="utf-8")
    assert main(["fmt", "--check", str(po)]) == 0
    if shutil.which("msgcat"):
        assert subprocess.run(["msgcat", str(po)], capture_output=True,
                              check=True).stdout == po.read_bytes()
    catalog = project / "locales/en/LC_MESSAGES/a.po"
    text = catalog.read_text(encoding="utf-8").replace(
        '"Content-Transfer-Encoding: 8bit\\n"\n',
        '"Content-Transfer-Encoding: 8bit\\n"\n"Generated-By:\\n"\n')
    catalog.write_text(text, encoding="utf-8")
    _add_paragraph(project)
    assert main(["-C", str(project), "update"]) == 0
    assert main(["-C", str(project), "status"]) == 0
    assert '"Generated-By:\\n"' in catalog.read_text(encoding="utf-8")
    assert polib.pofile(str(catalog)).metadata["Generated-By"] == ""
