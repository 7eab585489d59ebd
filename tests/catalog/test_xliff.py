"""XLIFF 1.2 and 2.0 for agencies: valid per the OASIS schemas, read by Translate
Toolkit, and merged back entry by entry (three-way, as the workbench saves)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from lxml import etree
from support import copy_real_project

from pipeline.catalog.xliff import XLIFF12, XLIFF20
from pipeline.cli import main

# The OASIS schemas as Debian's php-symfony-translation ships them (no PyPI package
# does; tests never fetch).
SCHEMAS = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
CATALOG = "locales/en/LC_MESSAGES/shangdang.po"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_real_project(tmp_path / "p")
    (root / "content").mkdir(exist_ok=True)
    return root


def _export(root: Path, version: str, out: Path) -> Path:
    assert main(["-C", str(root), "xliff", "export", "--article", "shangdang", "--locale",
                 "en", "--version", version, "-o", str(out)]) == 0
    return out


def _import(root: Path, path: Path, *extra: str) -> int:
    return main(["-C", str(root), "xliff", "import", str(path), *extra])


class _LocalXml(etree.Resolver):
    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        if url.endswith("xml.xsd"):
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        return None


@pytest.mark.skipif(not SCHEMAS.is_dir(), reason="OASIS XLIFF schemas absent "
                    "(apt-get install php-symfony-translation)")
@pytest.mark.parametrize("version, xsd", [("1.2", "xliff-core-1.2-strict.xsd"),
                                          ("2.0", "xliff-core-2.0.xsd")])
def test_valid_against_the_oasis_schema(project: Path, tmp_path: Path, version: str,
                                        xsd: str) -> None:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXml())
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / xsd), parser))
    out = _export(project, version, tmp_path / f"s{version}.xlf")
    assert schema.validate(etree.parse(str(out))), schema.error_log


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_one_unit_per_entry_with_ids_notes_and_states(project: Path, tmp_path: Path,
                                                      version: str) -> None:
    po = polib.pofile(str(project / CATALOG))
    po[1].flags.append("fuzzy")
    po[2].msgstr = ""
    po.save()
    tree = etree.parse(str(_export(project, version, tmp_path / "s.xlf")))
    ns = {"x": XLIFF12 if version == "1.2" else XLIFF20}
    units = tree.xpath("//x:trans-unit | //x:unit", namespaces=ns)
    assert len(units) == len([e for e in po if not e.obsolete])
    assert units[0].get("id") == "kicker" and units[1].get("id") == "title"
    if version == "1.2":
        file = tree.find(f"{{{XLIFF12}}}file")
        assert (file.get("source-language"), file.get("target-language")) == ("zh-Hans", "en")
        states = [u.find("x:target", ns).get("state") if u.find("x:target", ns) is not None
                  else None for u in units[:4]]
        assert states == ["translated", "needs-review-translation", None, "translated"]
        assert units[0].find("x:note", ns).text.startswith("segment: kicker")
    else:
        assert (tree.getroot().get("srcLang"), tree.getroot().get("trgLang")) == ("zh-Hans", "en")
        states = [u.find("x:segment", ns).get("state") for u in units[:4]]
        assert states == ["translated", "initial", "initial", "translated"]
        assert units[1].find("x:segment", ns).get("subState") == "bilingual:fuzzy"
        assert "term: 上党区 = Shangdang District" in units[0].find("x:notes/x:note", ns).text


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_round_trip_changes_nothing(project: Path, tmp_path: Path, version: str) -> None:
    before = (project / CATALOG).read_bytes()
    out = _export(project, version, tmp_path / "s.xlf")
    assert _import(project, out) == 0
    assert (project / CATALOG).read_bytes() == before


def test_translate_toolkit_round_trip_12(project: Path, tmp_path: Path) -> None:
    xliff = pytest.importorskip("translate.storage.xliff")
    out = _export(project, "1.2", tmp_path / "s.xlf")
    store = xliff.xlifffile.parsestring(out.read_bytes())
    assert [u.getid().rsplit("\x04", 1)[-1] for u in store.units][:2] == ["kicker", "title"]
    resaved = tmp_path / "resaved.xlf"
    resaved.write_bytes(bytes(store))  # an untouched re-save changes nothing
    before = (project / CATALOG).read_bytes()
    assert _import(project, resaved) == 0 and (project / CATALOG).read_bytes() == before
    store.units[1].target = "Industry Renewed"
    resaved.write_bytes(bytes(store))
    assert _import(project, resaved) == 0
    entry = next(e for e in polib.pofile(str(project / CATALOG)) if e.msgid.startswith("产业焕新姿"))
    assert entry.msgstr == "Industry Renewed" and "fuzzy" not in entry.flags


def test_translate_toolkit_round_trip_20(project: Path, tmp_path: Path) -> None:
    xliff2 = pytest.importorskip("translate.storage.xliff2")
    out = _export(project, "2.0", tmp_path / "s.xlf")
    store = xliff2.Xliff2File.parsestring(out.read_bytes())
    store.units[1].target = "Industry Renewed"
    resaved = tmp_path / "resaved.xlf"
    resaved.write_bytes(bytes(store))
    assert _import(project, resaved) == 0
    entry = next(e for e in polib.pofile(str(project / CATALOG)) if e.msgid.startswith("产业焕新姿"))
    assert entry.msgstr == "Industry Renewed"


def _edit_unit(path: Path, unit_id: str, target: str, state: str | None = None) -> None:
    tree = etree.parse(str(path))
    ns = {"x": XLIFF12}
    [unit] = tree.xpath(f"//x:trans-unit[@id='{unit_id}']", namespaces=ns)
    node = unit.find("x:target", ns)
    node.text = target
    if state:
        node.set("state", state)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def test_three_way_per_entry(project: Path, tmp_path: Path, capsys) -> None:
    out = _export(project, "1.2", tmp_path / "s.xlf")
    _edit_unit(out, "kicker", "Shangdang (agency)")        # changed only there: taken
    _edit_unit(out, "title", "Their title")                 # changed on both sides: conflict
    po = polib.pofile(str(project / CATALOG))
    next(e for e in po if e.msgid.startswith("产业焕新姿")).msgstr = "Our newer title"
    credits = next(e for e in po if e.msgid.startswith("策划"))
    credits.msgstr = "Our credits"                          # changed only here: kept
    po.save()
    capsys.readouterr()
    assert _import(project, out) == 1
    err = capsys.readouterr().err
    assert "conflict: unit title changed in the catalog too" in err and f"{out}:" in err
    after = {e.msgid: e.msgstr for e in polib.pofile(str(project / CATALOG))}
    assert after["上党区"] == "Shangdang (agency)"
    assert after["产业焕新姿 蝶变向新行"] == "Our newer title"
    assert after[credits.msgid] == "Our credits"


def test_their_draft_state_comes_in_fuzzy(project: Path, tmp_path: Path) -> None:
    out = _export(project, "1.2", tmp_path / "s.xlf")
    _edit_unit(out, "kicker", "Shangdang?", "needs-review-translation")
    assert _import(project, out) == 0
    [entry] = [e for e in polib.pofile(str(project / CATALOG)) if e.msgid == "上党区"]
    assert entry.msgstr == "Shangdang?" and "fuzzy" in entry.flags


def test_a_unit_whose_source_changed_lands_fuzzy(project: Path, tmp_path: Path) -> None:
    po = polib.pofile(str(project / CATALOG))
    po[0].msgstr = ""
    po.save()
    out = _export(project, "2.0", tmp_path / "s.xlf")
    text = out.read_text(encoding="utf-8").replace("<source xml:space=\"preserve\">上党区</",
                                                   "<source xml:space=\"preserve\">上党区旧</")
    text = text.replace('<segment state="initial">\n        <source xml:space="preserve">上党区旧</source>',
                        '<segment state="translated">\n        <source xml:space="preserve">上党区旧</source>\n'
                        '        <target xml:space="preserve">Old Shangdang</target>')
    out.write_text(text, encoding="utf-8")
    assert _import(project, out) == 0
    [entry] = [e for e in polib.pofile(str(project / CATALOG)) if e.msgid == "上党区"]
    assert entry.msgstr == "Old Shangdang" and "fuzzy" in entry.flags
    assert entry.previous_msgid == "上党区旧"


@pytest.mark.parametrize("change, message", [
    (("content/shangdang.md", "content/other.md"), "this file is for 'content/other.md'"),
    (('source-language="zh-Hans"', 'source-language="zh-TW"'), "its source language is 'zh-TW'"),
    (('target-language="en"', 'target-language="fr"'), "its target language is 'fr'"),
])
def test_a_file_for_another_article_or_pair_is_refused(project: Path, tmp_path: Path, capsys,
                                                       change: tuple[str, str],
                                                       message: str) -> None:
    out = _export(project, "1.2", tmp_path / "s.xlf")
    out.write_text(out.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    before = (project / CATALOG).read_bytes()
    capsys.readouterr()
    assert _import(project, out, "--article", "shangdang", "--locale", "en") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{out}: ") and message in err and "Traceback" not in err
    assert (project / CATALOG).read_bytes() == before


def test_a_change_made_only_in_the_catalog_is_no_conflict(project: Path, tmp_path: Path,
                                                         capsys) -> None:
    out = _export(project, "1.2", tmp_path / "s.xlf")
    po = polib.pofile(str(project / CATALOG))
    next(e for e in po if e.msgid == "上党区").msgstr = "Our kicker"
    po.save()
    capsys.readouterr()
    assert _import(project, out) == 0
    assert "conflict" not in capsys.readouterr().err
    assert next(e for e in polib.pofile(str(project / CATALOG))
                if e.msgid == "上党区").msgstr == "Our kicker"


def test_a_returned_po_is_merged_not_copied(project: Path, tmp_path: Path, capsys) -> None:
    """A CAT tool's returned catalog (OmegaT writes a fuzzy entry's translation out
    empty): an empty msgstr never erases ours; with the catalog as sent as --base,
    their edit is taken and an entry changed only here is kept, without conflicts."""
    sent = tmp_path / "sent" / "shangdang.po"
    sent.parent.mkdir()
    po = polib.pofile(str(project / CATALOG))
    messages = [e for e in po if e.msgid]
    messages[1].flags.append("fuzzy")
    po.save()
    sent.write_bytes((project / CATALOG).read_bytes())
    theirs = polib.pofile(str(sent))
    mine = [e for e in theirs if e.msgid]
    mine[0].msgstr, mine[1].msgstr, mine[2].msgstr = "Their kicker", "", "Their credits"
    mine[1].flags.remove("fuzzy")
    returned = tmp_path / "target" / "shangdang.po"
    returned.parent.mkdir()
    theirs.save(str(returned))
    po = polib.pofile(str(project / CATALOG))
    [e for e in po if e.msgid][3].msgstr = "Ours, changed meanwhile"
    po.save()
    capsys.readouterr()
    assert _import(project, returned, "--base", str(sent)) == 0
    assert "2 translations taken" in capsys.readouterr().out
    after = [e for e in polib.pofile(str(project / CATALOG)) if e.msgid]
    assert [e.msgstr for e in after[:4]] == ["Their kicker", messages[1].msgstr,
                                             "Their credits", "Ours, changed meanwhile"]
    assert "fuzzy" in after[1].flags
    assert _import(project, returned) == 1  # without the base, any difference conflicts
