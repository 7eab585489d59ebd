"""TBX as other tools write it (v2, v3 DCA/DCT, Microsoft, Weblate) and ours as they read it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree
from support import CORPORA, copy_real_project, make_project

from pipeline.cli import main
from pipeline.glossary import load_glossary
from pipeline.glossary.tbx import parse_tbx
from pipeline.glossary.tbx_write import TbxVersion, write_tbx

TBX_DIR = CORPORA / "interop-dev" / "tbx"
ROW = {"term": "一村一品", "english": "one village, one product", "variants": "OVOP",
       "forbidden": "one village one product", "type": "slogan", "pinyin": "yī cūn yī pǐn",
       "note": "line one\nline two", "gloss": "each village one speciality"}


def _v3(entries: str) -> bytes:
    return ('<?xml version="1.0"?><tbx type="TBX-Basic" style="dca" xml:lang="en" '
            'xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>x</p>'
            f"</sourceDesc></fileDesc></tbxHeader><text><body>\n{entries}\n</body></text></tbx>"
            ).encode()


def _sec(lang: str, *terms: tuple[str, str]) -> str:
    body = "".join(f"<termSec><term>{t}</term>"
                   + (f'<termNote type="administrativeStatus">{s}</termNote>' if s else "")
                   + "</termSec>" for t, s in terms)
    return f'<langSec xml:lang="{lang}">{body}</langSec>'


@pytest.mark.parametrize("status", ["deprecatedTerm-admn-sts", "supersededTerm-admn-sts",
                                    "obsolete", "forbidden", "deprecated"])
def test_every_forbidding_status_is_forbidden_never_approved(status: str) -> None:
    data = _v3('<conceptEntry id="c1">' + _sec("zh-CN", ("矿井", ""))
               + _sec("en", ("pit", status), ("mine", "admittedTerm-admn-sts")) + "</conceptEntry>")
    [row] = parse_tbx(data, Path("x.tbx"), "zh-Hans", "en").rows
    assert (row["english"], row["forbidden"]) == ("mine", "pit")


def test_preferred_wins_admitted_are_variants_and_definitions_notes_kept() -> None:
    data = _v3('<conceptEntry id="c1"><descrip type="definition">a place coal is dug</descrip>'
               "<note>from the 2019 report</note>" + _sec("zh-Hans", ("矿井", ""))
               + _sec("fr", ("puits", ""))
               + _sec("en-GB", ("pit", "admittedTerm-admn-sts"), ("mine", "preferredTerm-admn-sts"))
               + "</conceptEntry>")
    [row] = parse_tbx(data, Path("x.tbx"), "zh-Hans", "en").rows
    assert (row["english"], row["variants"], row["gloss"], row["note"]) == (
        "mine", "pit", "a place coal is dug", "from the 2019 report")


def test_dct_style_statuses() -> None:
    data = ('<tbx type="TBX-Basic" style="dct" xmlns="urn:iso:std:iso:30042:ed-2" '
            'xmlns:min="http://www.tbxinfo.net/ns/min"><text><body><conceptEntry id="c1">'
            '<langSec xml:lang="zh"><termSec><term>矿井</term></termSec></langSec>'
            '<langSec xml:lang="en"><termSec><term>mine</term><min:administrativeStatus>'
            'preferredTerm-admn-sts</min:administrativeStatus></termSec><termSec><term>pit</term>'
            "<min:administrativeStatus>deprecatedTerm-admn-sts</min:administrativeStatus>"
            "</termSec></langSec></conceptEntry></body></text></tbx>").encode()
    [row] = parse_tbx(data, Path("x.tbx"), "zh-Hans", "en").rows
    assert (row["english"], row["forbidden"]) == ("mine", "pit")


def test_traditional_chinese_is_not_the_source() -> None:
    data = _v3('<conceptEntry id="c1">' + _sec("zh-TW", ("礦井", "")) + _sec("en", ("mine", ""))
               + "</conceptEntry>")
    reading = parse_tbx(data, Path("x.tbx"), "zh-Hans", "en")
    assert reading.rows == [] and "no zh-Hans term" in reading.warnings[0].message


def test_incomplete_and_duplicate_entries_are_warnings_not_errors(tmp_path: Path,
                                                                  capsys) -> None:
    data = _v3('<conceptEntry id="c1">' + _sec("zh", ("矿井", "")) + _sec("en", ("mine", ""))
               + '</conceptEntry>\n<conceptEntry id="c2">' + _sec("en", ("orphan", ""))
               + '</conceptEntry>\n<conceptEntry id="c3">' + _sec("zh", ("矿井", ""))
               + _sec("en", ("pit", "")) + "</conceptEntry>")
    source = tmp_path / "theirs.tbx"
    source.write_bytes(data)
    root = make_project(tmp_path / "p", {})
    assert main(["-C", str(root), "glossary", "import", str(source)]) == 0
    err = capsys.readouterr().err
    assert f"{source}:3: warning: entry c2 skipped: no zh-Hans term" in err
    assert f"{source}:4: warning: entry c3: '矿井' is also in an entry at line 2: merged" in err
    assert "theirs.csv" not in err
    [term] = load_glossary(root / "glossary").terms
    assert (term.english, term.variants) == ("mine", ("pit",))


def test_a_row_the_glossary_would_refuse_is_skipped_located(tmp_path: Path, capsys) -> None:
    data = _v3('<conceptEntry id="c1">' + _sec("zh", ("矿井", "")) + _sec("en", ("mine", ""))
               + '</conceptEntry>\n<conceptEntry id="c2">' + _sec("zh", ("矿", ""))
               + _sec("en", ("ore", ""), ("ORE", "deprecated")) + "</conceptEntry>")
    source = tmp_path / "t.tbx"
    source.write_bytes(data)
    root = make_project(tmp_path / "p", {})
    assert main(["-C", str(root), "glossary", "import", str(source)]) == 0
    assert [t.term for t in load_glossary(root / "glossary").terms] == ["矿井", "矿"]


def test_v3_and_v2_round_trip_every_column() -> None:
    for version in TbxVersion:
        back = parse_tbx(write_tbx([ROW], "zh-Hans", "en", version), Path("x.tbx"))
        assert back.rows == [ROW], version


def test_no_forbidden_leaves_them_out(tmp_path: Path) -> None:
    root = copy_real_project(tmp_path / "p")
    out = tmp_path / "g.tbx"
    assert main(["-C", str(root), "glossary", "export", "--no-forbidden", "-o", str(out)]) == 0
    assert b"deprecatedTerm-admn-sts" not in out.read_bytes()
    assert b"preferredTerm-admn-sts" in out.read_bytes()


def test_our_v3_is_tbx_basic_dca_shaped(tmp_path: Path) -> None:
    """The structure and picklists of TBX-Basic v3 DCA (the RelaxNG schema is not
    shipped by any package; see test_our_v3_against_the_tbx_basic_schema)."""
    root = copy_real_project(tmp_path / "p")
    out = tmp_path / "g.tbx"
    assert main(["-C", str(root), "glossary", "export", "-o", str(out)]) == 0
    tree = etree.fromstring(out.read_bytes())
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert tree.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and tree.get("style") == "dca"
    assert tree.xpath("count(//t:conceptEntry[not(@id)])", namespaces=ns) == 0
    statuses = set(tree.xpath("//t:termNote[@type='administrativeStatus']/text()", namespaces=ns))
    assert statuses == {"preferredTerm-admn-sts", "admittedTerm-admn-sts",
                        "deprecatedTerm-admn-sts"}
    assert set(tree.xpath("//t:termNote[@type='partOfSpeech']/text()", namespaces=ns)) <= {
        "adjective", "noun", "other", "verb", "adverb"}
    assert not tree.xpath("//t:termNote[not(parent::t:termSec)]", namespaces=ns)
    assert set(tree.xpath("//t:descrip/@type", namespaces=ns)) <= {"subjectField", "definition"}


# The schemas TBX-Basic 1.2 publishes, LTAC-Global's TBX_Core_RNG/TBXcoreStructV03.rng and
# TBX-Basic_dialect/DCA/TBX-Basic_DCA.sch: no package ships them and they carry no
# licence to copy, so they stay out of the repository; put both in one folder and name
# it in $BILINGUAL_TBX_SCHEMAS.
SCHEMAS = Path(os.environ.get("BILINGUAL_TBX_SCHEMAS", "/nonexistent"))


def _v3_schema_files(tbx: bytes) -> dict[str, str]:
    """The schema each xml-model instruction names, by its schematypens: file name."""
    tree = etree.fromstring(tbx).getroottree()
    found = {}
    for node in tree.xpath("/processing-instruction('xml-model')"):
        found[node.get("schematypens")] = node.get("href").rsplit("/", 1)[-1]
    return found


def test_our_v3_names_the_schemas_tbx_basic_publishes(tmp_path: Path) -> None:
    root = copy_real_project(tmp_path / "p")
    out = tmp_path / "g.tbx"
    assert main(["-C", str(root), "glossary", "export", "-o", str(out)]) == 0
    assert _v3_schema_files(out.read_bytes()) == {
        "http://relaxng.org/ns/structure/1.0": "TBXcoreStructV03.rng",
        "http://purl.oclc.org/dsdl/schematron": "TBX-Basic_DCA.sch"}
    head = out.read_bytes()[:600].decode()
    assert "LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng" in head
    assert "LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" in head


@pytest.mark.slow
@pytest.mark.skipif(not SCHEMAS.is_dir(), reason="TBX-Basic v3 schemas not available "
                    "($BILINGUAL_TBX_SCHEMAS)")
def test_our_v3_against_the_schemas_it_names(tmp_path: Path) -> None:
    """TBX v3 validation as LTAC's validator does it: the RelaxNG core structure, then
    the dialect's Schematron (picklists, levels, references)."""
    pytest.importorskip("elementpath")
    from schematron_support import schematron_failures

    root = copy_real_project(tmp_path / "p")
    out = tmp_path / "g.tbx"
    assert main(["-C", str(root), "glossary", "export", "-o", str(out)]) == 0
    data = out.read_bytes()
    names = _v3_schema_files(data)
    rng = etree.RelaxNG(etree.parse(str(SCHEMAS / names["http://relaxng.org/ns/structure/1.0"])))
    assert rng.validate(etree.fromstring(data)), rng.error_log
    sch = SCHEMAS / names["http://purl.oclc.org/dsdl/schematron"]
    assert schematron_failures(sch, data) == []
    # the same check sees a status outside the dialect's picklist, at its line
    bad = _v3('<conceptEntry id="c1">' + _sec("zh-Hans", ("矿井", ""))
              + _sec("en", ("mine", "sortOfAllowed")) + "</conceptEntry>")
    assert [f.line for f in schematron_failures(sch, bad)] == [2]


def test_our_v2_has_the_doctype_tbxcheck_wants(tmp_path: Path) -> None:
    root = copy_real_project(tmp_path / "p")
    out = tmp_path / "g.tbx"
    assert main(["-C", str(root), "glossary", "export", "--tbx-version", "2", "-o",
                 str(out)]) == 0
    tree = etree.parse(str(out))
    assert tree.docinfo.doctype == '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">'
    assert tree.getroot().get("type") == "TBX-Basic"
    assert tree.xpath("//encodingDesc/p[@type='XCSURI']/text()") == ["TBXBasicXCSV02.xcs"]


def test_translate_toolkit_reads_our_statuses(tmp_path: Path) -> None:
    tbx = pytest.importorskip("translate.storage.tbx")
    root = copy_real_project(tmp_path / "p")
    out = tmp_path / "g.tbx"
    assert main(["-C", str(root), "glossary", "export", "--tbx-version", "2", "-o",
                 str(out)]) == 0
    store = tbx.tbxfile.parsestring(out.read_bytes())
    glossary = {t.term: t for t in load_glossary(root / "glossary").terms}
    checked = 0
    for unit in store.units:
        term = glossary[unit.source]
        targets = unit.get_target_terms()
        if not hasattr(targets[0], "deprecated"):
            pytest.skip("this Translate Toolkit has no term statuses")
        assert [t.text for t in targets if not t.deprecated] == list(term.accepted)
        assert [t.text for t in targets if t.deprecated] == list(term.forbidden)
        checked += bool(term.forbidden)
    assert checked > 10


def test_csv_with_their_column_names(tmp_path: Path, capsys) -> None:
    theirs = tmp_path / "sheet.csv"
    theirs.write_text("Chinese,English,Comment,Extra\n矿井,mine,from the report,x\n",
                      encoding="utf-8-sig")
    root = make_project(tmp_path / "p", {})
    assert main(["-C", str(root), "glossary", "import", str(theirs), "--column",
                 "term=Chinese", "--column", "english=English", "--column",
                 "note=Comment"]) == 0
    [term] = load_glossary(root / "glossary").terms
    assert (term.term, term.english, term.note, term.type) == (
        "矿井", "mine", "from the report", "other")
    out = tmp_path / "out.csv"
    assert main(["-C", str(root), "glossary", "export", "-o", str(out), "--column",
                 "term=Chinese"]) == 0
    assert out.read_text(encoding="utf-8").startswith("Chinese,english,")
    assert main(["-C", str(root), "glossary", "import", str(theirs), "-o",
                 str(tmp_path / "x.csv")]) == 2
    assert "no column 'term'" in capsys.readouterr().err


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_xlsx_with_their_column_names_both_ways(tmp_path: Path, capsys) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Chinese", "English", "Comment", "Variants"])
    sheet.append(["矿井", "mine", 2018, "pit|shaft"])
    sheet.append([None, None, None, None])  # a blank row in the middle is no term
    sheet.append(["上党", "Shangdang", "place name", None])
    theirs = tmp_path / "sheet.xlsx"
    book.save(theirs)
    root = make_project(tmp_path / "p", {})
    assert main(["-C", str(root), "glossary", "import", str(theirs), "--column",
                 "term=Chinese", "--column", "english=English", "--column", "note=Comment",
                 "--column", "variants=Variants"]) == 0
    terms = {t.term: t for t in load_glossary(root / "glossary").terms}
    assert (terms["矿井"].english, terms["矿井"].note, terms["矿井"].variants) == (
        "mine", "2018", ("pit", "shaft"))
    assert terms["上党"].type == "other"
    out = tmp_path / "out.xlsx"
    assert main(["-C", str(root), "glossary", "export", "-o", str(out), "--column",
                 "term=Chinese", "--column", "english=English"]) == 0
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("Chinese", "English", "variants")
    assert {r[0]: r[2] for r in rows[1:]} == {"矿井": "pit|shaft", "上党": None}
    # and back: the exported sheet makes the same glossary in another project
    other = make_project(tmp_path / "q", {})
    assert main(["-C", str(other), "glossary", "import", str(out), "-o",
                 str(other / "glossary/sheet.csv"), "--column", "term=Chinese", "--column",
                 "english=English"]) == 0
    assert (other / "glossary/sheet.csv").read_bytes() == \
        (root / "glossary/sheet.csv").read_bytes()
    capsys.readouterr()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"Chinese,English\n")
    assert main(["-C", str(root), "glossary", "import", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{broken}: not an XLSX workbook") and "Traceback" not in err


# -- files made by other tools ---------------------------------------------------------

def _sample(name: str) -> Path:
    path = TBX_DIR / name
    if not path.exists():
        pytest.skip(f"{name} absent (../shared/corpora/interop-dev)")
    return path


@pytest.mark.parametrize("name", ["tbxv3-basic-dca-astronomy.tbx",
                                  "tbxv3-basic-dct-astronomy.tbx", "tbxv3-core-astronomy.tbx"])
def test_tbx_v3_samples_read_completely(name: str) -> None:
    path = _sample(name)
    reading = parse_tbx(path.read_bytes(), path, "en", "es")
    entries = etree.parse(str(path)).getroot().xpath(
        "//*[local-name()='conceptEntry'][*[local-name()='langSec'][@xml:lang='en']]"
        "[*[local-name()='langSec'][@xml:lang='es']]")
    assert reading.entries == 45 and len(entries) == 39
    assert {r["term"] for r in reading.rows} >= {"open cluster", "circumstellar accretion disk"}
    # every skipped entry lacks English or Spanish, and says so with its line
    assert len(reading.warnings) == 45 - 39
    assert all("no en or es term" in w.message or "no es term" in w.message
               or "no en term" in w.message for w in reading.warnings)


def test_dca_and_dct_give_the_same_glossary() -> None:
    dca, dct = (_sample(f"tbxv3-basic-{s}-astronomy.tbx") for s in ("dca", "dct"))
    def without_notes(path: Path) -> list[dict[str, str]]:
        # the DCT sample leaves out a few of the DCA sample's source notes
        return [{**row, "note": ""} for row in parse_tbx(path.read_bytes(), path, "en", "es").rows]
    assert without_notes(dca) == without_notes(dct)
    rows = parse_tbx(dca.read_bytes(), dca, "en", "es").rows
    assert any(r["forbidden"] for r in rows) and any(r["gloss"] for r in rows)


def test_weblate_obsolete_never_becomes_approved() -> None:
    path = _sample("weblate-fr-extended-metadata.tbx")
    reading = parse_tbx(path.read_bytes(), path, "en", "fr")
    assert "bus de données" not in {r["english"] for r in reading.rows}
    assert "its only fr terms are forbidden" in reading.warnings[0].message


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_microsoft_duplicates_merge_with_warnings(tmp_path: Path, capsys) -> None:
    path = _sample("ms-ug-CN.tbx")
    root = make_project(tmp_path / "p", {})
    (root / "bilingual.toml").write_text('[publication]\nsource_language = "en-US"\n',
                                         encoding="utf-8")
    assert main(["-C", str(root), "glossary", "import", str(path), "--locale", "ug"]) == 0
    out, err = capsys.readouterr()
    assert "5783 entries read" in out and "merged into it" in err
    terms = load_glossary(root / "glossary").terms
    assert len(terms) > 5000 and len({t.term for t in terms}) == len(terms)


def test_microsoft_traditional_sample_is_not_simplified() -> None:
    path = _sample("ms-zh-Hant-sample.tbx")
    reading = parse_tbx(path.read_bytes(), path, "zh-Hans", "en")
    assert reading.rows == [] and reading.entries == 2
    reading = parse_tbx(path.read_bytes(), path, "zh-Hant", "en")
    assert len(reading.rows) == 2 and all(r["gloss"] for r in reading.rows)
