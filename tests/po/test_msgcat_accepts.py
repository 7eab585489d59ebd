"""`fmt` accepts what GNU msgcat accepts, and writes what it writes: every C escape,
headers msgcat merged, "Generated-By:\\n", a CR inside a comment, and flags it does not
know (kept, never dropped: a translator's tool put them there)."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support import CORPORA

from pipeline.commands.fmt import fmt_files
from pipeline.po.read import catalog_encoding, parse_pofile
from pipeline.po.write import format_pofile

MSGCAT = shutil.which("msgcat")
MSGUNFMT = shutil.which("msgunfmt")
HEAD = ('msgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n')
# Flag words gettext 0.21 does not know: its msgcat drops them, we keep them.
NEWER_FLAGS = re.compile(r"(?:rust|go|d|modula2|cplusplus)-format|x-[a-z-]+")


def _msgcat(path: Path) -> bytes:
    proc = subprocess.run([MSGCAT, str(path)], capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


def _ours(path: Path) -> bytes:
    po = parse_pofile(path.read_bytes(), path)
    return format_pofile(po).encode(catalog_encoding(po))


def _without_unknown_flags(text: bytes) -> bytes:
    lines = []
    for line in text.decode("latin-1").split("\n"):  # any charset: bytes kept as they are
        if line.startswith("#, "):
            words = [w for w in line[3:].split(", ") if not NEWER_FLAGS.fullmatch(w)]
            if not words:
                continue
            line = "#, " + ", ".join(words)
        lines.append(line)
    return "\n".join(lines).encode("latin-1")


CASES = {
    "escapes": HEAD + '\nmsgid "bell\\a bs\\b ff\\f vt\\v oct\\101\\7 hex\\x41\\x7f"\n'
                      'msgstr "x\\a\\b\\f\\v\\101\\x42\\344\\270\\255"\n',
    "generated-by": HEAD + '"Generated-By:\\n"\n\nmsgid "a"\nmsgstr "b"\n',
    "merged-header": HEAD + '"#-#-#-#-#  a.po (x)  #-#-#-#-#\\n"\n"Project-Id-Version: y\\n"\n'
                            '"Language:zh_CN\\n"\n\nmsgid "a"\nmsgstr "b"\n',
    "cr-in-comments": "# a comment\r with a CR\n" + HEAD
                      + '\n#. extracted\r note\n# translator\r note\nmsgid "a"\nmsgstr "b"\n',
    "unknown-flags": HEAD + '\n#, fuzzy, c-format, rust-format\nmsgid "%s a"\nmsgstr "%s b"\n'
                            '\n#, rust-format\nmsgid "{} c"\nmsgstr "{} d"\n',
}


@pytest.mark.gnu
@pytest.mark.skipif(MSGCAT is None, reason="GNU msgcat is not on PATH")
@pytest.mark.parametrize("name", CASES)
def test_fmt_writes_what_msgcat_writes(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.po"
    path.write_bytes(CASES[name].encode("utf-8"))
    ours = _ours(path)
    assert _without_unknown_flags(ours) == _msgcat(path)
    fmt_files([path], check=False)
    assert path.read_bytes() == ours and _ours(path) == ours  # and again: no change


def test_unknown_flags_are_kept_in_place(tmp_path: Path) -> None:
    path = tmp_path / "f.po"
    path.write_bytes((HEAD + '\n#, c-format, rust-format, x-custom\nmsgid "a %s"\n'
                      'msgstr "b %s"\n').encode())
    assert "#, c-format, rust-format, x-custom\n" in _ours(path).decode()


def test_escapes_are_read_as_gnu_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "e.po"
    path.write_bytes(CASES["escapes"].encode())
    [entry] = list(parse_pofile(path.read_bytes(), path))
    assert entry.msgid == "bell\a bs\b ff\f vt\v octA\a hexA\x7f"
    assert entry.msgstr == "x\a\b\f\vAB中"


def test_a_merged_header_keeps_its_lines_and_takes_edits(tmp_path: Path) -> None:
    path = tmp_path / "m.po"
    path.write_bytes(CASES["merged-header"].encode())
    po = parse_pofile(path.read_bytes(), path)
    po.metadata["PO-Revision-Date"] = "2026-12-07 04:00+0000"
    text = format_pofile(po)
    assert '"#-#-#-#-#  a.po (x)  #-#-#-#-#\\n"' in text and '"Language:zh_CN\\n"' in text
    assert text.index('"PO-Revision-Date: 2026-12-07 04:00+0000\\n"') > text.index("#-#-#")


# -- catalogs in another charset (#27) ---------------------------------------------------

LEGACY = (HEAD.replace("UTF-8", "{charset}").replace(  # a quote in the header, as Weblate writes
    '"Content-Type', '"Last-Translator: \\"Eve\\" <e@example.org>\\n"\n"Content-Type')
          + '\nmsgid "{word}"\nmsgstr ""\n"Industry is "\n"the engine, {word}"\n')


@pytest.mark.parametrize(("charset", "word"), [("ISO-8859-1", "café"), ("GB2312", "中文"),
                                               ("EUC-JP", "日本語"), ("KOI8-R", "мир")])
def test_fmt_keeps_a_catalogs_own_charset(charset: str, word: str, tmp_path: Path) -> None:
    """msgcat reads a catalog in the charset it declares and writes it back in that
    charset; fmt refused every one that was not UTF-8 ("file is not valid UTF-8")."""
    text = LEGACY.format(charset=charset, word=word)
    path = tmp_path / "legacy.po"
    path.write_bytes(text.encode(charset))
    assert fmt_files([path], check=False) == [path]
    expected = text.replace('msgstr ""\n"Industry is "\n"the engine', 'msgstr "Industry is the engine')
    assert path.read_bytes() == expected.encode(charset)
    assert fmt_files([path], check=True) == []


@pytest.mark.gnu
@pytest.mark.skipif(MSGCAT is None, reason="GNU msgcat is not on PATH")
@pytest.mark.parametrize("charset", ["ISO-8859-15", "GB18030", "BIG5-HKSCS", "EUC-KR", "GB2312",
                                     "EUC-JP", "BIG5"])
def test_a_catalog_in_another_charset_is_what_msgcat_writes(charset: str, tmp_path: Path) -> None:
    """In a CJK legacy charset (GB2312, EUC-JP, BIG5, EUC-KR...) msgcat counts
    “quotes”, ·, — and × two columns wide and breaks beside them as beside
    ideographs: long lines wrap elsewhere than in UTF-8."""
    words = {"ISO-8859-15": "€uro café, à côté", "GB18030": "产业“引擎”·发展×",
             "BIG5-HKSCS": "產業“引擎”·發展", "EUC-KR": "한국어 “산업”·×",
             "GB2312": "产业“引擎”发展×°", "EUC-JP": "日本語の“産業”×°",
             "BIG5": "產業“引擎”·發展—×"}[charset]
    path = tmp_path / "legacy.po"
    long = "".join(f"{words}{k}" for k in range(9))
    path.write_bytes((HEAD.replace("UTF-8", charset) + f'\nmsgid ""\n"{words} "\n"a"\n'
                      f'msgstr ""\n"{words} "\n"b"\n\nmsgid "{long}"\nmsgstr "{long}"\n'
                      ).encode(charset))
    expected = _msgcat(path)
    assert _ours(path) == expected
    fmt_files([path], check=False)
    assert path.read_bytes() == expected


# -- real catalogs -----------------------------------------------------------------------

def _interop() -> list[Path]:
    folder = CORPORA / "interop-dev" / "po"
    return sorted(folder.glob("*.po")) if folder.is_dir() else []


@pytest.mark.gnu
@pytest.mark.skipif(MSGCAT is None or not _interop(), reason="msgcat or interop-dev absent")
@pytest.mark.parametrize("path", _interop(), ids=lambda p: p.name)
def test_every_interop_catalog_is_what_msgcat_writes(path: Path) -> None:
    ours = _ours(path)
    assert _without_unknown_flags(ours) == _msgcat(path)
    if b"rust-format" in path.read_bytes():
        assert b"rust-format" in ours


def _system_catalogs() -> list[Path]:
    return sorted(Path("/usr/share/locale").glob("*/LC_MESSAGES/*.mo"))


def held_out(path: Path) -> bool:
    """One catalog in five, by a hash of its path, was never looked at while tuning."""
    return hashlib.sha1(str(path).encode()).digest()[0] % 5 == 0


def compare_system_catalog(mo: Path, tmp_path: Path) -> str:
    """'same', 'refused: …' (what fmt would not read) or 'differs'."""
    po = tmp_path / (mo.parent.parent.name + "-" + mo.stem + ".po")
    proc = subprocess.run([MSGUNFMT, str(mo), "-o", str(po)], capture_output=True, check=False)
    if proc.returncode or not po.exists():
        return "skipped: msgunfmt failed"
    expected = _msgcat(po)
    try:
        ours = _ours(po)
    except Exception as exc:  # reported per catalog
        return f"refused: {exc}"
    return "same" if _without_unknown_flags(ours) == expected else "differs"


@pytest.mark.gnu
@pytest.mark.slow
@pytest.mark.skipif(MSGCAT is None or MSGUNFMT is None or not _system_catalogs(),
                    reason="msgcat/msgunfmt or system catalogs absent")
def test_system_catalogs_are_what_msgcat_writes(tmp_path: Path) -> None:
    """Every 10th catalog in /usr/share/locale, decompiled with msgunfmt."""
    sample = _system_catalogs()[::10]
    results = {mo: compare_system_catalog(mo, tmp_path) for mo in sample}
    bad = {str(mo): r for mo, r in results.items() if r not in ("same",)
           and not r.startswith("skipped")}
    assert not bad, bad
    assert sum(r == "same" for r in results.values()) >= min(100, len(sample) // 2)
