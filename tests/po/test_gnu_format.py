"""The GNU-exact .po writer must agree byte-for-byte with GNU msgcat 0.21."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.catalog.pofile import write_catalog
from pipeline.commands.fmt import fmt_files as fmt_paths
from pipeline.errors import PipelineError
from pipeline.po import linebreak as lb
from pipeline.po.errors import PoFormatError
from pipeline.po.read import parse_pofile
from pipeline.po.write import format_pofile


def read_pofile(path: Path) -> polib.POFile:
    return parse_pofile(path.read_bytes(), path)


def write_pofile(po: polib.POFile, path: Path) -> None:
    write_catalog(po, path)

MSGCAT = shutil.which("msgcat")
_no_msgcat = pytest.mark.skipif(MSGCAT is None, reason="GNU msgcat (gettext) is not on PATH")


def needs_msgcat(test):  # type: ignore[no-untyped-def]
    """GNU msgcat is the reference: a `gnu` test, skipped with the reason when it is absent."""
    return pytest.mark.gnu(_no_msgcat(test))


def msgcat(text: str | bytes, tmp_path: Path) -> str:
    src = tmp_path / "in.po"
    src.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    proc = subprocess.run([MSGCAT, str(src)], capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout.decode("utf-8")


# ----------------------------------------------------------------- catalogs --
ZH_1 = ("为深入贯彻落实党的二十大精神，上党区确保全年煤炭产量稳定在3300万吨。围绕“1+2+15”主导产业，"
        "加快建设PET基膜、光伏组件、新能源汽车零部件等重点项目（总投资约120亿元），推动《上党区"
        "“十四五”规划》落地见效；同时，实施“产业焕新”行动：培育规上企业15家、专精特新企业8家，"
        "力争工业增加值增长8.5%以上，R&D经费投入强度达到2.3%，单位GDP能耗下降3.2%。")
ZH_2 = ("产业,是一个地区经济发展的核心引擎,也是一座城市蓬勃向上的动力源泉。近年来,上党区委、区政府"
        "科学谋划、整体推进,紧紧围绕产业发展这一关键主题,积极推动传统产业转型升级,大力培育新兴产业,"
        "聚焦“一村一品”“一镇一特”发展路径,结合全区“六品六化”战略布局和“一园、两路、三区”发展思路,"
        "以打造绿色特优农产品专业镇和大健康医药专业镇为契机,围绕粮品、果蔬品、畜品、酿品、药品、"
        "功能保健品六大特色产业,持续推进现代农业产业园、农业现代化示范区建设,带动全区“特”“优”农业"
        "产业逐步实现集群融合发展（2023—2025年）。")
EN_1 = ("Shangdang District will keep annual coal output stable at 33 million tonnes, "
        "build up the \"1+2+15\" leading industries -- PET base film, photovoltaic modules, "
        "new-energy-vehicle parts -- and grow industrial value-added by at least 8.5% "
        "(state-of-the-art, well-known, long-term, high-quality, data-driven development).")
HEADER = {
    "Project-Id-Version": "bilingual 0.1.0", "Report-Msgid-Bugs-To": "",
    "POT-Creation-Date": "2024-05-01 10:00+0800", "PO-Revision-Date": "2024-05-02 11:30+0800",
    "Last-Translator": "张伟 <zhang.wei@example.org>", "Language-Team": "Chinese (Simplified) <zh@li.org>",
    "Language": "zh_CN", "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit", "Plural-Forms": "nplurals=2; plural=(n != 1);",
    "X-Generator": "Poedit 3.4.2", "X-Source-Language": "zh_CN",
    "X-Poedit-SearchPath-0": "content/very/long/path/name/that/goes/on/and/on/shangdang.md",
}


def new_po(**extra: str) -> polib.POFile:
    po = polib.POFile()
    po.metadata = dict(HEADER, **extra)
    po.header = "Translations for the bilingual pipeline.\nCopyright (C) 2024\n\nThis file is distributed under the MIT license."
    return po


def cat_chinese() -> polib.POFile:
    po = new_po()
    po.append(polib.POEntry(msgid=ZH_1, msgstr=EN_1, occurrences=[("content/shangdang.md", "12")]))
    po.append(polib.POEntry(msgid=EN_1, msgstr=ZH_1))
    po.append(polib.POEntry(msgid=ZH_2, msgstr=ZH_2 + ZH_1))
    po.append(polib.POEntry(msgid="PET基膜", msgstr="PET base film"))
    for n in (39, 40, 41, 76, 77, 78, 150):  # around the wrap column
        po.append(polib.POEntry(msgid=(ZH_1 * 2)[:n], msgstr=(ZH_2 * 2)[:n]))
    return po


def cat_english_escapes() -> polib.POFile:
    po = new_po()
    po.append(polib.POEntry(msgid=EN_1, msgstr=EN_1.upper()))
    po.append(polib.POEntry(msgid="Line one\nLine two is here\n", msgstr="第一行\n第二行\n"))
    po.append(polib.POEntry(msgid="ends with newline only\n", msgstr="tab\there \"quoted\" C:\\path\\to\\file"))
    po.append(polib.POEntry(msgid="\n\nleading newlines and a very long tail " + "word-" * 20,
                            msgstr="\\" * 90 + "\"" * 30))
    po.append(polib.POEntry(msgid="x" * 200, msgstr="y" * 70 + " " + "z" * 70))
    po.append(polib.POEntry(msgid="carriage\rreturn and\vvertical\fform\bfeed", msgstr="ok"))
    return po


def cat_context_plural() -> polib.POFile:
    po = new_po()
    po.append(polib.POEntry(msgctxt="menu|file", msgid="Open", msgstr="打开"))
    po.append(polib.POEntry(msgctxt="上下文：" + ZH_1[:60], msgid="Open", msgstr="开启"))
    po.append(polib.POEntry(msgid="%(count)d file was processed in the current batch run",
                            msgid_plural="%(count)d files were processed in the current batch run " + EN_1,
                            msgstr_plural={0: "已处理%(count)d个文件。" + ZH_1, 1: "已处理%(count)d个文件"},
                            flags=["python-format"]))
    po.append(polib.POEntry(msgctxt="ctx", msgid="One apple", msgid_plural="%d apples",
                            msgstr_plural={0: "", 1: ""}, flags=["c-format"]))
    return po


def cat_fuzzy_previous() -> polib.POFile:
    po = new_po()
    po.metadata_is_fuzzy = ["fuzzy"]
    po.append(polib.POEntry(msgid=ZH_1, msgstr=EN_1, flags=["fuzzy"], previous_msgid=ZH_1[:-20] + ZH_2[:50],
                            previous_msgctxt="旧的上下文", tcomment="译者：请核对数字。"))
    po.append(polib.POEntry(msgid="%d item", msgid_plural="%d items", msgstr_plural={0: "%d 项", 1: "%d 项"},
                            flags=["c-format", "fuzzy"], previous_msgid="%d thing " + EN_1,
                            previous_msgid_plural="%d things"))
    po.append(polib.POEntry(msgid="untranslated but fuzzy", msgstr="", flags=["fuzzy"],
                            previous_msgid="old"))
    return po


def cat_obsolete() -> polib.POFile:
    po = new_po()
    po.append(polib.POEntry(msgid="alive", msgstr="活着"))
    po.append(polib.POEntry(msgid=ZH_2, msgstr=EN_1, obsolete=True, tcomment="kept for reference"))
    po.append(polib.POEntry(msgid="gone", msgstr="", obsolete=True))  # msgcat drops it
    po.append(polib.POEntry(msgid="%s old", msgid_plural="%s olds", msgstr_plural={0: "旧" + ZH_1, 1: "旧"},
                            obsolete=True, flags=["fuzzy", "python-format"], msgctxt="ctx",
                            previous_msgid="an even older msgid " + EN_1))
    po.append(polib.POEntry(msgid="between", msgstr="之间"))
    return po


def cat_references_flags() -> polib.POFile:
    po = new_po()
    refs = [(f"pipeline/very/deeply/nested/module_{i}.py", str(i * 7)) for i in range(12)]
    refs += [("./content/上党区.md", "3"), ("./content/上党区.md", "3"), ("templates/base.html", ""),
             ("x" * 90 + ".py", "1")]
    po.append(polib.POEntry(msgid="Referenced", msgstr="引用", occurrences=refs,
                            comment="Extracted comment line one.\n\nLine three after a blank one.",
                            tcomment="Translator note\n\n  indented note"))
    po.append(polib.POEntry(msgid="Progress: %(done)d of %(total)d files -- " + EN_1[:60] + "% d",
                            msgstr="进度：%(done)d / %(total)d 个文件" + ZH_1[:40] + "%(a b)s",
                            flags=["python-format", "fuzzy", "no-c-format", "range: 0..10"]))
    po.append(polib.POEntry(msgid=EN_1 + " %-s % d", msgstr=EN_1, flags=["c-format", "no-wrap"]))
    po.append(polib.POEntry(msgid="brace {name.attr} " + EN_1, msgstr=ZH_1 + "{name.attr}",
                            flags=["python-brace-format"]))
    return po


CATALOGS = {f.__name__[4:]: f for f in (cat_chinese, cat_english_escapes, cat_context_plural,
                                         cat_fuzzy_previous, cat_obsolete, cat_references_flags)}


# -------------------------------------------------------------- msgcat tests --
@needs_msgcat
@pytest.mark.parametrize("name", CATALOGS)
def test_our_output_is_what_msgcat_writes(name: str, tmp_path: Path) -> None:
    ours = format_pofile(CATALOGS[name]())
    assert msgcat(ours, tmp_path) == ours


@needs_msgcat
@pytest.mark.parametrize("name", CATALOGS)
def test_reader_writer_reproduce_msgcat(name: str, tmp_path: Path) -> None:
    canonical = msgcat(str(CATALOGS[name]()), tmp_path)  # polib's own (different) wrapping
    path = tmp_path / "canon.po"
    path.write_text(canonical, encoding="utf-8")
    assert format_pofile(read_pofile(path)) == canonical
    assert fmt_paths([path], check=True) == []


@needs_msgcat
def test_fmt_paths_rewrites_to_msgcat_bytes(tmp_path: Path) -> None:
    files = []
    for name, make in CATALOGS.items():
        f = tmp_path / f"{name}.po"
        f.write_text(str(make()), encoding="utf-8")
        files.append(f)
    expected = {f: msgcat(f.read_bytes(), tmp_path) for f in files}
    assert set(fmt_paths(files, check=True)) == set(files)
    assert all(f.read_text(encoding="utf-8") != expected[f] for f in files)  # check: untouched
    assert set(fmt_paths(files, check=False)) == set(files)
    for f in files:
        assert f.read_text(encoding="utf-8") == expected[f]
    assert fmt_paths(files, check=False) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# ------------------------------------------------------------ property test --
CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 300)] + list("煤炭产量稳定上党区")
TOKENS = (CJK * 3 + list("“”，。、；：（）《》！？—…") + list(
    "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789      .,;:!?-+%()[]{}<>/&'\"\\\n\t")
    + ["the ", "well-known ", "state-of-the-art ", "3300", "%d", "%(name)s", "{0}", "PET基膜"])
# Hypothesis favours short text; build strings from 25-220 tokens so that
# most examples really need wrapping (CJK counts two columns).
LONG_TEXT = st.lists(st.sampled_from(TOKENS), min_size=25, max_size=220).map("".join)


@needs_msgcat
@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(LONG_TEXT, min_size=2, max_size=6),
       flags=st.sampled_from([[], ["python-format"], ["c-format"], ["python-brace-format"],
                              ["fuzzy"], ["no-wrap"]]),
       shape=st.sampled_from(["plain", "plain", "context", "plural", "previous", "obsolete"]))
def test_random_strings_match_msgcat(texts: list[str], flags: list[str], shape: str,
                                     tmp_path: Path) -> None:
    po = new_po()
    for i in range(0, len(texts) - 1, 2):
        entry = polib.POEntry(msgid=f"{i}:{texts[i]}", msgstr=texts[i + 1], flags=list(flags))
        if shape == "context":
            entry.msgctxt = texts[i + 1][::-1]
        elif shape == "plural":
            entry.msgid_plural, entry.msgstr = texts[i][::-1], ""
            entry.msgstr_plural = {0: texts[i + 1], 1: texts[i]}
        elif shape == "previous":
            entry.previous_msgid = texts[i + 1] + texts[i]
        elif shape == "obsolete":
            entry.obsolete, entry.previous_msgid = True, texts[i]
        po.append(entry)
    ours = format_pofile(po)
    assert msgcat(ours, tmp_path) == ours


@needs_msgcat
def test_polib_blind_spots_are_kept_like_gnu(tmp_path: Path) -> None:
    """Constructs polib reads lossily are restored from the raw text."""
    raw = (GOOD_HEAD
           + "# trailing blanks kept   \n##double hash\n#\ttab\n#. one\n#.\n#. three\n"
           + 'msgid "a"\nmsgstr "b"\n\n'
           + "# obsolete, with previous strings\n#, fuzzy\n"
           + '#~| msgctxt "old ctx"\n#~| msgid "' + "旧" * 50 + '"\n'
           + '#~ msgid "gone"\n#~ msgstr "' + ZH_1 + '"\n')
    f = tmp_path / "blind.po"
    f.write_text(raw, encoding="utf-8")
    expected = msgcat(raw, tmp_path)
    assert fmt_paths([f], check=False) == [f]
    assert f.read_text(encoding="utf-8") == expected
    assert "#~| msgctxt" in expected and "# trailing blanks kept   \n" in expected


# ---------------------------------------------------------- real catalogs --
CACHE = Path(os.environ.get("BILINGUAL_CATALOG_CACHE", Path.home() / ".cache" / "bilingual-test-catalogs"))
# Pinned, so the expected bytes cannot move under us; downloaded once into CACHE.
PINNED = {"django": "5.2.19", "sphinx": "9.0.4"}
REAL = ["django/conf/locale/zh_Hans/LC_MESSAGES/django.po",
        "django/contrib/admin/locale/zh_Hans/LC_MESSAGES/django.po",
        "django/contrib/admin/locale/zh_Hans/LC_MESSAGES/djangojs.po",
        "django/contrib/auth/locale/zh_Hans/LC_MESSAGES/django.po",
        "django/contrib/humanize/locale/zh_Hans/LC_MESSAGES/django.po",
        "django/contrib/gis/locale/zh_Hans/LC_MESSAGES/django.po",
        "sphinx/locale/zh_CN/LC_MESSAGES/sphinx.po"]


@pytest.fixture(scope="session")
def real_catalogs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    wheels = {n: sorted(CACHE.glob(f"{n}-{v}-*.whl")) for n, v in PINNED.items()}
    if not all(wheels.values()):
        CACHE.mkdir(parents=True, exist_ok=True)
        try:
            proc = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                                   *(f"{n}=={v}" for n, v in PINNED.items()), "-d", str(CACHE)],
                                  capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            pytest.skip(f"cannot download Django/Sphinx wheels (offline?): {exc}")
        wheels = {n: sorted(CACHE.glob(f"{n}-{v}-*.whl")) for n, v in PINNED.items()}
        if proc.returncode or not all(wheels.values()):
            pytest.skip(f"pip download of Django/Sphinx failed (offline?): {proc.stderr.strip()[-300:]}")
    out = tmp_path_factory.mktemp("real")
    found: dict[str, Path] = {}
    for whl in (wheels["django"][-1], wheels["sphinx"][-1]):
        with zipfile.ZipFile(whl) as zf:
            for member in REAL:
                if member in zf.namelist():
                    target = out / member.replace("/", "__")
                    target.write_bytes(zf.read(member))
                    found[member] = target
    if len(found) < 4:
        pytest.skip(f"expected zh_Hans/zh_CN catalogs not found in {CACHE}")
    return found


@needs_msgcat
@pytest.mark.network
@pytest.mark.parametrize("member", REAL)
def test_real_catalogs_match_msgcat(member: str, real_catalogs: dict[str, Path], tmp_path: Path) -> None:
    if member not in real_catalogs:
        pytest.skip(f"{member} not shipped in this release")
    original = real_catalogs[member]
    canonical = msgcat(original.read_bytes(), tmp_path)
    canon_path = tmp_path / "canon.po"
    canon_path.write_text(canonical, encoding="utf-8")
    assert format_pofile(read_pofile(canon_path)) == canonical
    assert format_pofile(read_pofile(original)) == canonical  # straight from Transifex output


# ------------------------------------------------------- refusals, io, api --
GOOD_HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize("body, line, why", [
    ('msgid "a\\q"\nmsgstr "b"\n', 5, "escape"),  # \a, octal, hex: tests/test_msgcat_accepts.py
    ('msgid "a" junk\nmsgstr "b"\n', 5, "string literal"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 8, "duplicate"),
    ('# trailing comment only\n', 6, "not attached"),
    ('msgid "a"\nmsgstr[0] "b"\n', 6, "msgstr[0]"),
    ('#~ msgid "a"\nmsgstr "b"\n', 6, "#~"),
    ('msgid "a"\n', 5, "missing 'msgstr' section"),  # at the msgid, as msgfmt says
])
def test_malformed_or_lossy_input_is_refused(tmp_path: Path, body: str, line: int, why: str) -> None:
    f = tmp_path / "bad.po"
    f.write_text(GOOD_HEAD + body, encoding="utf-8")
    before = f.read_bytes()
    with pytest.raises(PipelineError) as info:
        fmt_paths([f], check=False)
    assert info.value.path == f and info.value.line == line and why in info.value.message
    assert f.read_bytes() == before


def test_refusals_for_header_and_encoding(tmp_path: Path) -> None:
    f = tmp_path / "h.po"
    f.write_bytes(GOOD_HEAD.encode() + b'msgid "\xff"\nmsgstr ""\n')
    with pytest.raises(PoFormatError, match="UTF-8"):
        read_pofile(f)


def test_write_pofile_is_atomic_and_keeps_mode(tmp_path: Path) -> None:
    f = tmp_path / "a.po"
    f.write_text("old", encoding="utf-8")
    f.chmod(0o640)
    write_pofile(cat_chinese(), f)
    assert f.read_text(encoding="utf-8") == format_pofile(cat_chinese())
    assert f.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_cjk_breaks_between_ideographs_not_before_punctuation() -> None:
    text = "确保全年煤炭产量稳定在3300万吨。围绕“1+2+15”主导产业"
    br = lb.possible_linebreaks(text)
    allowed = {text[i] for i, b in enumerate(br) if b == lb.POSSIBLE}
    assert "保" in allowed and "。" not in allowed and "”" not in allowed
    assert lb.char_width("煤") == 2 and lb.char_width("，") == 2 and lb.char_width("a") == 1
    assert lb.char_width("\u0301") == 0


# Characters of every class the pair-table fast path takes (and spaces), and of the
# ones it must leave to the state machine (marks, joiners, flags, Hebrew, ZWSP, CR/LF).
PLAIN_CHARS = "ab AZ09  -,.;:!?()[]{}\"'/%$+\\—…·\u00a0\u3000中文，。“”、（）《》ー한국ア"
SPECIAL_CHARS = "\u0301\u200d\u200b\U0001F1E6\U0001F1E7\u05d0\n\r\t\U0001F600\u0e01\ufeff"


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(st.text(PLAIN_CHARS, max_size=40), st.text(PLAIN_CHARS + SPECIAL_CHARS, max_size=40))
def test_the_pair_table_fast_path_breaks_as_the_state_machine(plain: str, mixed: str) -> None:
    props = lb._resolved_classes(plain)
    assert lb._PLAIN_OR_SPACE.issuperset(props)
    assert lb._pair_table_linebreaks(props) == lb._state_machine_linebreaks(props)
    # The dispatch: texts with other classes go to the state machine.
    assert lb.possible_linebreaks(mixed) == lb._state_machine_linebreaks(
        lb._resolved_classes(mixed))
