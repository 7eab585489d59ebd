"""Crash safety of writes, and `bilingual fmt` on files from other tools."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from support import REPO

from pipeline.atomic import Fingerprint, atomic_write_text
from pipeline.cli import main
from pipeline.errors import ConflictError

REAL_PO = REPO / "locales/en/LC_MESSAGES/shangdang.po"


def test_crash_during_write_leaves_the_old_file_and_no_temp(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.po"
    target.write_text("old", encoding="utf-8")

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt  # as if the process were interrupted before the rename

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "new " * 10000)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_write_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    target = tmp_path / "a.po"
    target.write_text("v1", encoding="utf-8")
    seen = Fingerprint.of(target)
    target.write_text("v2 by a translator", encoding="utf-8")
    with pytest.raises(ConflictError, match="changed on disk"):
        atomic_write_text(target, "v3", expect=seen)
    assert target.read_text(encoding="utf-8") == "v2 by a translator"


def test_unchanged_output_is_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    assert atomic_write_text(target, "x") is True
    mtime = target.stat().st_mtime_ns
    assert atomic_write_text(target, "x") is False
    assert target.stat().st_mtime_ns == mtime


def test_fmt_check_and_rewrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    canonical = tmp_path / "ok.po"
    shutil.copy(REAL_PO, canonical)
    assert main(["fmt", "--check", str(canonical)]) == 0
    # What an editor that does not wrap (or wraps at 76) might save.
    text = REAL_PO.read_text(encoding="utf-8")
    unwrapped = tmp_path / "editor.po"
    unwrapped.write_text(text.replace('"\n"', ""), encoding="utf-8")
    assert main(["fmt", "--check", str(unwrapped)]) == 1
    assert "editor.po: not in GNU canonical form" in capsys.readouterr().out
    assert unwrapped.read_text(encoding="utf-8") != text  # --check changed nothing
    assert main(["fmt", str(unwrapped)]) == 0
    assert unwrapped.read_bytes() == REAL_PO.read_bytes()


def test_fmt_refuses_malformed_files_and_writes_nothing(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = tmp_path / "good.po", tmp_path / "bad.po"
    good.write_text(REAL_PO.read_text(encoding="utf-8").replace('"\n"', ""), encoding="utf-8")
    bad.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "a\nmsgstr "b"\n', encoding="utf-8")
    before = good.read_bytes()
    assert main(["fmt", str(good), str(bad)]) == 2
    assert "bad.po:5: malformed string literal" in capsys.readouterr().err
    assert good.read_bytes() == before


@pytest.mark.gnu
@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext (msgcat) not installed")
def test_committed_catalogs_are_what_msgcat_writes() -> None:
    for path in [*REPO.glob("locales/*.pot"), *REPO.glob("locales/*/LC_MESSAGES/*.po")]:
        out = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
        assert out == path.read_bytes(), path


def test_fmt_takes_directories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "en/LC_MESSAGES").mkdir(parents=True)
    target = tmp_path / "en/LC_MESSAGES/a.po"
    target.write_text(REAL_PO.read_text(encoding="utf-8").replace('"\n"', ""), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a catalog", encoding="utf-8")
    assert main(["fmt", "--check", str(tmp_path)]) == 1
    assert "a.po: not in GNU canonical form" in capsys.readouterr().out
    assert main(["fmt", str(tmp_path)]) == 0
    assert target.read_bytes() == REAL_PO.read_bytes()


# -- nothing lost when another process writes meanwhile; leftovers cleaned ------------


def _noncanonical_copy(tmp_path: Path) -> Path:
    import polib
    po = polib.pofile(str(REAL_PO), wrapwidth=60)  # another tool's wrapping
    target = tmp_path / "a.po"
    po.save(str(target))
    return target


def test_fmt_keeps_an_edit_made_while_it_runs(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import polib

    from pipeline.commands import fmt as fmt_module
    target = _noncanonical_copy(tmp_path)
    msgid = next(e.msgid for e in polib.pofile(str(target)) if e.msgid and e.msgstr)
    real = fmt_module.canonical_text

    def format_then_someone_saves(po: polib.POFile, path: Path) -> str:
        text = real(po, path)  # fmt has read the file; now a translator saves in Poedit
        other = polib.pofile(str(path), wrapwidth=60)
        next(e for e in other if e.msgid == msgid).msgstr = "Saved while fmt ran."
        other.save()
        return text

    monkeypatch.setattr(fmt_module, "canonical_text", format_then_someone_saves)
    assert main(["fmt", str(target)]) == 0
    after = polib.pofile(str(target))
    assert next(e for e in after if e.msgid == msgid).msgstr == "Saved while fmt ran."
    monkeypatch.setattr(fmt_module, "canonical_text", real)
    assert main(["fmt", "--check", str(target)]) == 0  # and the file is canonical


def test_fmt_check_refuses_nul_like_the_other_commands(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a.po"
    target.write_bytes(REAL_PO.read_bytes().replace(b'msgstr "', b'msgstr "a\x00', 3))
    assert main(["fmt", "--check", str(target)]) == 2
    err = capsys.readouterr().err
    assert "a.po:" in err and "NUL" in err


def test_leftover_temp_files_are_removed_and_reported(tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    target = tmp_path / "a.po"
    target.write_text("old", encoding="utf-8")
    gone = tmp_path / f".a.po.{2**22 + 12345}.abcdef12.tmp"  # above pid_max: not alive
    gone.write_text("half-written", encoding="utf-8")
    mine = tmp_path / f".a.po.{os.getpid()}.abcdef12.tmp"  # a live writer's: kept
    mine.write_text("being written", encoding="utf-8")
    with caplog.at_level("WARNING"):
        atomic_write_text(target, "new")
    assert not gone.exists() and mine.exists()
    assert "left by an interrupted write" in caplog.text and gone.name in caplog.text
