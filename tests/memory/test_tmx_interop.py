"""TMX as other tools write it: unit srclang, either direction, language tags by
script, inline codes kept, any BOM, located warnings (never a traceback)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from support import CORPORA, make_project

from pipeline.cli import main
from pipeline.commands.update import UpdateOptions, update
from pipeline.memory.index import TranslationMemory
from pipeline.memory.project_memory import project_memory
from pipeline.memory.tmx import SkipReason, parse_tmx
from pipeline.project import Project

INTEROP = CORPORA / "interop-dev"
ZH = "煤炭产业一直是全区的支柱产业。"
EN = "Coal has long been the district's pillar industry."


def _tmx(units: str, header_src: str = "zh-CN", version: str = "1.4") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="{version}">\n'
            f'<header srclang="{header_src}" datatype="plaintext" segtype="sentence" '
            f'adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/>\n'
            f"<body>\n{units}\n</body>\n</tmx>\n").encode()


def _tu(pairs: list[tuple[str, str]], srclang: str = "") -> str:
    attr = f' srclang="{srclang}"' if srclang else ""
    tuvs = "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in pairs)
    return f"<tu{attr}>{tuvs}</tu>"


def _read(data: bytes, target: str | None = "en", source: str = "zh-Hans"):
    return parse_tmx(data, Path("m.tmx"), target, "memory/m.tmx", source)


def test_each_units_srclang_wins_over_the_header() -> None:
    reading = _read(_tmx(_tu([("en", EN), ("zh-CN", ZH)], srclang="zh-CN"), header_src="en"))
    assert [(u.source, u.target) for u in reading.units] == [(ZH, EN)]


def test_an_en_to_zh_memory_is_used_in_reverse_and_said_so() -> None:
    data = _tmx(_tu([("en-US", EN), ("zh-CN", ZH)]), header_src="en-US")
    reading = _read(data)
    assert [(u.source, u.target) for u in reading.units] == [(ZH, EN)]
    assert reading.reversed == 1


@pytest.mark.parametrize("tag, usable", [("zh-CN", True), ("ZH-CN", True), ("zh", True),
                                         ("zh-Hans", True), ("zh_CN", True), ("zh-SG", True),
                                         ("zh-TW", False), ("zh-Hant", False), ("zh-HK", False)])
def test_chinese_tags_are_compared_by_script(tag: str, usable: bool) -> None:
    reading = _read(_tmx(_tu([(tag, ZH), ("en-GB", EN)]), header_src=tag))
    assert len(reading.units) == usable
    if not usable:
        assert reading.skipped[SkipReason.NO_SOURCE] == 1
        assert reading.warnings[0].line == 5 and "no zh-Hans variant" in reading.warnings[0].message


def test_a_unit_in_one_language_is_a_located_warning_not_a_traceback() -> None:
    data = _tmx(_tu([("en-US", "colour"), ("en-GB", "colour")]) + "\n"
                + _tu([("zh-CN", ZH), ("en", EN)]), header_src="en-US")
    reading = _read(data)
    assert len(reading.units) == 1 and reading.skipped[SkipReason.ONE_LANGUAGE] == 1
    assert reading.warnings[0].line == 5
    assert "every variant is in one language (en-GB, en-US)" in reading.warnings[0].message


def test_inline_codes_stay_as_placeholders_and_a_lost_one_is_never_exact() -> None:
    kept = _tu([("zh-CN", '点击<ph x="1">{0}</ph>继续。'), ("en", 'Click <ph x="1">{0}</ph> to go on.')])
    lost = _tu([("zh-CN", '打开<bpt i="1">&lt;b&gt;</bpt>文件<ept i="1">&lt;/b&gt;</ept>。'),
                ("en", "Open the file.")])
    reading = _read(_tmx(kept + "\n" + lost))
    first, second = reading.units
    assert (first.source, first.target) == ("点击{0}继续。", "Click {0} to go on.")
    assert first.lost_codes == 0 and second.lost_codes == 2
    assert second.source == "打开<b>文件</b>。" and reading.lost_codes == 1
    memory = TranslationMemory(reading.units)
    assert memory.lookup("点击{0}继续。")[0].exact
    [match] = memory.lookup("打开<b>文件</b>。")
    assert not match.exact and match.score < 100


def test_a_lost_code_fills_the_catalog_as_fuzzy(tmp_path: Path) -> None:
    source = "打开{0}文件。"
    root = make_project(tmp_path / "p", {"a": f"---\ntitle: 题\n---\n\n{source}\n"})
    assert main(["-C", str(root), "update", "--locale", "en", "--create"]) == 0
    (root / "memory").mkdir()
    (root / "memory" / "m.tmx").write_bytes(
        _tmx(_tu([("zh-CN", '打开<ph x="1">{0}</ph>文件。'), ("en", "Open the file.")])))
    update(Project.at(root), UpdateOptions(quiet=True))
    po = (root / "locales/en/LC_MESSAGES/a.po").read_text(encoding="utf-8")
    assert '#, fuzzy\n#| msgid "打开{0}文件。"' in po.replace("#, fuzzy, ", "#, fuzzy\n")
    assert 'msgstr "Open the file."' in po


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF8, "utf-8"),
                                        (codecs.BOM_UTF16_LE, "utf-16-le"),
                                        (codecs.BOM_UTF16_BE, "utf-16-be"),
                                        (codecs.BOM_UTF32_LE, "utf-32-le")])
def test_any_encoding_with_a_bom(bom: bytes, codec: str) -> None:
    text = _tmx(_tu([("zh-CN", ZH), ("en", EN)])).decode()
    # The declaration says UTF-8 as many tools write it; the BOM is what counts.
    reading = _read(bom + text.encode(codec))
    assert [(u.source, u.target) for u in reading.units] == [(ZH, EN)]


def test_tmx_11_lang_attribute_and_a_tmx_2_note() -> None:
    old = _tmx('<tu><tuv lang="ZH-CN"><seg>中文</seg></tuv><tuv lang="EN-US"><seg>Chinese</seg>'
               "</tuv></tu>", version="1.1")
    assert [(u.source, u.target) for u in _read(old).units] == [("中文", "Chinese")]
    new = _tmx('<tu><tuv xml:lang="zh"><seg>按<sc id="1"/>这里<ec startRef="1"/></seg></tuv>'
               '<tuv xml:lang="en"><seg>Press <sc id="1"/>here<ec startRef="1"/></seg></tuv></tu>',
               version="2.0")
    reading = _read(new)
    assert len(reading.units) == 1 and reading.units[0].lost_codes == 0
    assert any("TMX 2.0" in note.message for note in reading.notes)


@pytest.mark.parametrize("entity", ['<!ENTITY x SYSTEM "{uri}">', '<!ENTITY x "a">'])
def test_entities_are_never_loaded_and_refused_at_their_line(
        tmp_path: Path, entity: str, capsys) -> None:
    """An entity is not read, so its unit would be silently short: one located error (#27)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    root = make_project(tmp_path / "p", {"a": f"---\ntitle: 题\n---\n\n{ZH}\n"})
    assert main(["-C", str(root), "update", "--locale", "en", "--create"]) == 0
    theirs = tmp_path / "theirs.tmx"
    theirs.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE tmx [{entity.format(uri=secret.as_uri())}]>\n'
                      '<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>'
                      '中&x;文</seg></tuv><tuv xml:lang="en"><seg>Chinese</seg></tuv></tu></body>'
                      '</tmx>', encoding="utf-8")
    capsys.readouterr()
    assert main(["-C", str(root), "memory", "import", str(theirs)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{theirs}:2: this TMX declares or uses an XML entity"), err
    assert "Traceback" not in err and "SECRET" not in err
    assert not any("SECRET" in p.read_text(errors="replace") for p in root.rglob("*")
                   if p.is_file())


def test_import_summarises_per_locale_and_warns_located(tmp_path: Path, capsys) -> None:
    root = make_project(tmp_path / "p", {"a": f"---\ntitle: 题\n---\n\n{ZH}\n"})
    assert main(["-C", str(root), "update", "--locale", "en", "--create"]) == 0
    theirs = tmp_path / "theirs.tmx"
    theirs.write_bytes(_tmx(_tu([("en-US", EN), ("zh-CN", ZH)]) + "\n"
                            + _tu([("en-US", "a"), ("fr", "b")]), header_src="en-US"))
    capsys.readouterr()
    assert main(["-C", str(root), "memory", "import", str(theirs)]) == 0
    out, err = capsys.readouterr()
    assert "2 units read, 1 usable for zh-Hans→en, 1 skipped" in out
    assert "1 of them written en→zh-Hans, used in reverse" in out
    assert f"{theirs.name}:6: warning: unit not used: no zh-Hans variant (it has en-US, fr)" in err
    matches = project_memory(Project.at(root), "en").lookup(ZH)
    assert matches and matches[0].unit.target == EN


# -- files made by other tools (../shared/corpora/interop-dev/tmx) -------------------

def _corpus(pattern: str) -> list[Path]:
    return sorted((INTEROP / "tmx").glob(pattern)) if (INTEROP / "tmx").is_dir() else []


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@pytest.mark.skipif(not _corpus("*.tmx"), reason="../shared/corpora/interop-dev absent")
def test_every_tmx_from_other_tools_imports_or_warns(tmp_path: Path, capsys) -> None:
    root = make_project(tmp_path / "p", {"a": f"---\ntitle: 题\n---\n\n{ZH}\n"})
    assert main(["-C", str(root), "update", "--locale", "en", "--create"]) == 0
    for path in _corpus("*.tmx"):
        capsys.readouterr()
        assert main(["-C", str(root), "memory", "import", str(path)]) == 0, path
        out, err = capsys.readouterr()
        assert "usable for zh-Hans→en" in out and "Traceback" not in err
        for line in err.splitlines():
            assert line.startswith(f"{path}:") or line.startswith(str(path)), line


@pytest.mark.skipif(not _corpus("omegat36-align-*.tmx"), reason="interop-dev absent")
@pytest.mark.parametrize("variant, usable", [("zh-CN", 22), ("ZH-CN", 22), ("zh", 22),
                                             ("zh-Hans", 22), ("zh-TW", 0)])
def test_omegat_alignments_by_source_tag(variant: str, usable: int) -> None:
    path = INTEROP / "tmx" / f"omegat36-align-{variant}.tmx"
    if not path.exists():
        pytest.skip(f"{path.name} absent")
    reading = parse_tmx(path.read_bytes(), path, "en", path.name, "zh-Hans")
    assert len(reading.units) == usable and reading.read == 22


@pytest.mark.skipif(not _corpus("okapi-compkit-*.tmx"), reason="interop-dev absent")
def test_okapi_compliance_kit_in_an_english_to_french_project() -> None:
    readings = {p.stem.removeprefix("okapi-compkit-"): parse_tmx(p.read_bytes(), p, "fr-CA",
                                                                 p.name, "en-US")
                for p in _corpus("okapi-compkit-*.tmx")}
    placeholders = readings["ImportTest2A"]
    pairs = {u.source: u.target for u in placeholders.units}
    assert pairs["The big <b>black</b> <u>cat</u> sleeps."] == \
        "Le gros <u>chat</u> <b>noir</b> dors."
    assert pairs['Picture: <img src="img.png"/>'] == 'Image: <img src="img.png"/>'
    # the unit whose variants come target first is read the right way round
    assert pairs["Some text with a part highlighted."] == "Du texte avec une portion délimitée."
    assert all(u.lost_codes == 0 for u in placeholders.units)
    for one_language in ("ImportTest1D", "ImportTest1H"):
        if one_language in readings:
            reading = readings[one_language]
            assert reading.skipped[SkipReason.ONE_LANGUAGE] == reading.read == 3
