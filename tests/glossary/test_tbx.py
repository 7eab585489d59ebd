"""The glossary as TBX: CSV -> TBX -> CSV loses nothing; Translate Toolkit reads ours."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from support import copy_real_project, make_project

from pipeline.cli import main
from pipeline.glossary import load_glossary
from pipeline.glossary.tbx import parse_tbx
from pipeline.glossary.tbx_write import write_tbx

tbx = pytest.importorskip("translate.storage.tbx")


def _terms(directory: Path) -> list[tuple[object, ...]]:
    return [dataclasses.astuple(dataclasses.replace(t, path=None, line=0))
            for t in load_glossary(directory).terms]


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_csv_tbx_csv_round_trip_of_the_real_glossary(tmp_path: Path) -> None:
    root = copy_real_project(tmp_path / "p")
    out = tmp_path / "g.tbx"
    assert main(["-C", str(root), "glossary", "export", "-o", str(out)]) == 0
    empty = make_project(tmp_path / "e", {})
    assert main(["-C", str(empty), "glossary", "import", str(out)]) == 0
    assert (empty / "glossary" / "g.csv").is_file()
    assert _terms(empty / "glossary") == _terms(root / "glossary")
    assert len(_terms(root / "glossary")) > 100
    # Importing again over the same glossary skips every term, writes no duplicates.
    assert main(["-C", str(empty), "glossary", "import", str(out), "-o",
                 str(empty / "glossary" / "again.csv")]) == 0
    assert _terms(empty / "glossary") == _terms(root / "glossary")


def test_translate_toolkit_reads_our_tbx(tmp_path: Path) -> None:
    root = copy_real_project(tmp_path / "p")
    out = tmp_path / "g.tbx"
    # Translate Toolkit reads TBX v2 (martif/langSet/tig) only.
    assert main(["-C", str(root), "glossary", "export", "--tbx-version", "2",
                 "-o", str(out)]) == 0
    store = tbx.tbxfile.parsestring(out.read_bytes())
    glossary = load_glossary(root / "glossary")
    assert {u.source: u.target for u in store.units} == {t.term: t.english
                                                         for t in glossary.terms}
    text = out.read_text(encoding="utf-8")
    assert "deprecatedTerm-admn-sts" in text and "admittedTerm-admn-sts" in text
    assert '<termNote type="partOfSpeech">properNoun</termNote>' in text


def test_a_new_column_round_trips_without_code() -> None:
    rows = [{"term": "一村一品", "english": "one village, one product", "variants": "",
             "forbidden": "one village one product | OVOP", "type": "slogan", "pinyin": "",
             "note": "line one\nline two", "gloss": "each village one speciality"}]
    back = parse_tbx(write_tbx(rows, "zh-Hans", "en"), Path("x.tbx")).rows
    assert back == [rows[0]]


def test_foreign_tbx_without_statuses(tmp_path: Path) -> None:
    data = ("<martif type='TBX'><text><body><termEntry>"
            "<langSet xml:lang='zh-CN'><ntig><termGrp><term>矿</term></termGrp></ntig></langSet>"
            "<langSet xml:lang='en'><tig><term>mine</term></tig><tig><term>pit</term></tig>"
            "</langSet></termEntry></body></text></martif>").encode()
    [row] = parse_tbx(data, tmp_path / "x.tbx").rows
    assert (row["term"], row["english"], row["variants"], row["type"]) == (
        "矿", "mine", "pit", "other")


def test_malformed_tbx_is_located(tmp_path: Path, capsys) -> None:
    root = make_project(tmp_path / "p", {})
    bad = tmp_path / "bad.tbx"
    bad.write_bytes(b"<martif>\n<text>\n</martif>\n")
    assert main(["-C", str(root), "glossary", "import", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:3: malformed TBX")


def test_an_entity_is_one_located_error_not_a_traceback(tmp_path: Path, capsys) -> None:
    """lxml keeps an unresolved entity as a node, which ended the import in a
    traceback (#27): it is refused at its line, and nothing is read."""
    root = make_project(tmp_path / "p", {})
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    theirs = tmp_path / "x.tbx"
    theirs.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY e SYSTEM '
                      f'"{secret.as_uri()}">]>\n<martif type="TBX"><text><body><termEntry>'
                      '<langSet xml:lang="zh"><tig><term>产业</term></tig></langSet>'
                      '<langSet xml:lang="en"><tig><term>&e;</term></tig></langSet>'
                      '</termEntry></body></text></martif>\n', encoding="utf-8")
    assert main(["-C", str(root), "glossary", "import", str(theirs)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{theirs}:2: this TBX declares or uses an XML entity"), err
    assert not (root / "glossary").exists() or not any(
        "SECRET" in p.read_text() for p in (root / "glossary").iterdir())
