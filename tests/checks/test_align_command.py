"""`bilingual align` end to end on a throwaway project, and BL308 through `check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree
from support import make_project, translate

from pipeline.cli import main
from pipeline.commands.update import UpdateOptions, update
from pipeline.project import Project

SOURCE = """---
title: 人才
---

乡村振兴，人才是关键。人才哪里找？优秀返乡农民工群体是不可或缺的生力军。

截至7月25日24时，福建省累计报告境外输入确诊病例69例。一只貉在山涧旁悠闲玩耍。
"""
PARAGRAPH = "乡村振兴，人才是关键。人才哪里找？优秀返乡农民工群体是不可或缺的生力军。"
SECOND = "截至7月25日24时，福建省累计报告境外输入确诊病例69例。一只貉在山涧旁悠闲玩耍。"
ENGLISH = ("Talent is the key to rural revitalization. Where is talent found? Outstanding "
           "returning rural migrant workers are an indispensable force in the fight.")
PO = Path("locales/en/LC_MESSAGES/talent.po")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    make_project(tmp_path, {"talent": SOURCE})
    monkeypatch.chdir(tmp_path)
    proj = Project(tmp_path)
    update(proj, UpdateOptions(locale="en", create=True, quiet=True))
    translate(tmp_path / PO, {"人才": "Talent", PARAGRAPH: ENGLISH,
                              # the second sentence left out
                              SECOND: "By 24:00 on July 25, Fujian had reported 69 imported "
                                      "confirmed cases."})
    return proj


def test_json_has_exact_sentences_and_empty_sides(project: Project,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", "--format", "json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    paragraph = next(e for e in entries if e["line"] == 5)
    assert paragraph["article"] == "talent"
    assert [(k["source"], k["target"]) for k in paragraph["links"]] == [
        ("乡村振兴，人才是关键。", "Talent is the key to rural revitalization."),
        ("人才哪里找？", "Where is talent found?"),
        ("优秀返乡农民工群体是不可或缺的生力军。", "Outstanding returning rural migrant workers "
                                       "are an indispensable force in the fight.")]
    second = next(e for e in entries if e["line"] == 7)
    assert [(k["source"], k["target"]) for k in second["links"]][-1] == ("一只貉在山涧旁悠闲玩耍。", "")
    assert all(0 <= k["confidence"] <= 1 for e in entries for k in e["links"])


def test_text_is_side_by_side(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", "--article", "talent", "--locale", "en"]) == 0
    out = capsys.readouterr().out
    assert "content/talent.md:5 (en)" in out
    assert any("人才哪里找？" in line and "│ Where is talent found?" in line
               for line in out.splitlines())
    assert any("1-0" in line and "一只貉" in line and line.endswith("│ —")
               for line in out.splitlines())


def test_tmx_has_sentence_units(project: Project, capsysbinary: pytest.CaptureFixture[bytes]
                                ) -> None:
    assert main(["align", "--format", "tmx"]) == 0
    root = etree.fromstring(capsysbinary.readouterr().out)
    assert root.find("header").get("segtype") == "sentence"
    pairs = [[seg.text for seg in tu.iter("seg")] for tu in root.iter("tu")]
    assert ["人才哪里找？", "Where is talent found?"] in pairs
    assert all(len(p) == 2 and all(p) for p in pairs)  # never a one-sided unit


def test_check_warns_of_the_omitted_sentence(project: Project,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--rule", "BL308", "--rule", "BL309"])
    out = capsys.readouterr().out
    assert 'warning[BL308] source sentence "一只貉在山涧旁悠闲玩耍。" has no counterpart' in out
    assert "BL309" not in out.split("\n\n")[0]


def test_alignments_are_cached_per_catalog(project: Project, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A second run reads the alignments back (same output, nothing aligned); an
    edited catalog, or --no-cache, is aligned afresh."""
    from pipeline.commands import align as command

    assert main(["align", "--format", "json"]) == 0
    first = capsys.readouterr().out
    assert (project.root / ".bilingual" / "cache" / "align.json").exists()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("aligned again")

    monkeypatch.setattr(command, "catalog_alignments", refuse)
    assert main(["align", "--format", "json"]) == 0
    assert capsys.readouterr().out == first
    with pytest.raises(AssertionError, match="aligned again"):
        main(["align", "--format", "json", "--no-cache"])
    po = project.root / PO
    po.write_text(po.read_text(encoding="utf-8").replace("Fujian had", "Fujian has"),
                  encoding="utf-8")
    with pytest.raises(AssertionError, match="aligned again"):
        main(["align", "--format", "json"])
