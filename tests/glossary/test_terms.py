"""`bilingual terms` on crafted text: each kind of evidence, and the glossary filter."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from support import make_project

from pipeline.cli import main
from pipeline.glossary.load import COLUMNS

pytestmark = pytest.mark.slow  # jieba loads its dictionary (~1-4 s)

A = ("---\ntitle: 甲文\n---\n\n"
     "全区聚焦“六品六化”，推行“一村一品”发展模式，构建“1+2+15”产业体系。\n\n"
     "山西潞宝集团有限公司在苏店镇建设光伏玻璃生产线，光伏玻璃产量大增。\n\n"
     "东掌村发展特色养殖，专业镇建设成效明显。\n")
B = ("---\ntitle: 乙文\n---\n\n"
     "光伏玻璃项目落地苏店镇，带动光伏玻璃产业链。\n\n"
     "绿色特优农产品专业镇继续发展。\n")
GLOSSARY = "绿色特优农产品专业镇,green specialty agricultural products town,,,place,,\n"


def _terms(tmp_path: Path, capsys, *extra: str) -> dict[str, list[str]]:
    root = make_project(tmp_path, {"a": A, "b": B}, GLOSSARY)
    assert main(["-C", str(root), "terms", "--format", "json", *extra]) == 0
    rows = json.loads(capsys.readouterr().out)
    return {r["term"]: [r["evidence"], str(r["count"]), ",".join(r["articles"]),
                        f"{r['where']}: {r['context']}"] for r in rows}


def test_the_table_has_column_headers(tmp_path: Path, capsys) -> None:
    root = make_project(tmp_path, {"a": A, "b": B}, GLOSSARY)
    assert main(["-C", str(root), "terms"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["term", "evidence", "count", "articles"]
    assert any(line.startswith("光伏玻璃") for line in lines[1:])
    assert "candidate(s) from" in lines[-1]


def test_one_flag_spelling_for_json_and_csv(tmp_path: Path, capsys) -> None:
    root = make_project(tmp_path, {"a": A, "b": B}, GLOSSARY)
    assert main(["-C", str(root), "status", "--format", "json"]) == 0
    new = json.loads(capsys.readouterr().out)
    assert main(["-C", str(root), "status", "--json"]) == 0  # the old spelling, kept
    assert json.loads(capsys.readouterr().out) == new
    assert main(["-C", str(root), "terms", "--format", "csv"]) == 0
    by_format = capsys.readouterr().out
    assert main(["-C", str(root), "terms", "--csv"]) == 0
    assert capsys.readouterr().out == by_format
    with pytest.raises(SystemExit):
        main(["status", "--help"])
    shown = capsys.readouterr().out
    assert "--format" in shown and "--json" not in shown


def test_candidates_by_kind(tmp_path: Path, capsys) -> None:
    found = _terms(tmp_path, capsys)
    assert found["六品六化"][0] == "quoted"
    assert found["一村一品"][0] == "quoted"
    assert found["1+2+15"][0] == "slogan"
    assert found["苏店镇"][0] == "name" and found["苏店镇"][1] == "2"
    assert found["苏店镇"][2] == "a,b"
    assert found["东掌村"][0] == "name"
    assert any(t.endswith("集团有限公司") for t in found)
    assert found["光伏玻璃"][0] == "n-gram" and found["光伏玻璃"][1] == "4"
    assert found["光伏玻璃"][3].startswith("content/a.md:")
    assert "光伏玻璃" in found["光伏玻璃"][3]
    # In the glossary, or inside a longer glossary term: left out.
    assert "绿色特优农产品专业镇" not in found and "专业镇" not in found


def test_csv_rows_are_ready_to_fill_in(tmp_path: Path, capsys) -> None:
    root = make_project(tmp_path, {"a": A, "b": B}, GLOSSARY)
    assert main(["-C", str(root), "terms", "--article", "b", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and tuple(rows[0]) == COLUMNS  # the glossary's own header, in order
    assert {r["term"] for r in rows} >= {"光伏玻璃"}
    assert all(r["english"] == "" for r in rows)


def test_rare_words_are_terms_lists_and_bare_endings_are_not() -> None:
    """A two-character noun that general Chinese rarely uses but the article repeats
    (药茶) is a candidate; a common one (企业) is not; nor is a quoted list
    (“一区、两园”) or an ending with nothing before it (有限公司)."""
    from pipeline.glossary import Glossary
    from pipeline.glossary.candidates import Passage, mine_terms

    texts = ["当地药茶远近闻名，企业纷纷开发药茶。", "药茶走进千家万户，企业增收。",
             "打造“一区、两园”格局，“一区、两园”建设加快。", "有限公司有限公司"]
    found = {c.term for c in mine_terms([Passage("a", n, t) for n, t in enumerate(texts)],
                                        Glossary(()))}
    assert "药茶" in found
    assert "企业" not in found
    assert not any("、" in term for term in found)
    assert "有限公司" not in found


def _mined(texts: list[str]) -> set[str]:
    from pipeline.glossary import Glossary
    from pipeline.glossary.candidates import Passage, mine_terms

    return {c.term for c in mine_terms([Passage("a", n, t) for n, t in enumerate(texts)],
                                       Glossary(()))}


def test_pieces_of_longer_words_are_not_terms_but_short_place_names_are() -> None:
    """高质量 only ever inside 高质量发展 is not a term of its own; 红绿 always before
    彩 is a piece of a word jieba split; 上党 mostly inside 上党区 is the district's
    short name; a word inside a longer word jieba left whole (文旅 in 文旅康养)
    counts there too; numerals break a phrase (药酒全系列产品 is no term, 药酒 is)."""
    found = _mined(["推动高质量发展，上党区加快高质量发展。", "上党区的红绿彩酒、红绿彩瓷和红绿彩上榜。",
                    "上党区打造文旅项目。", "入选山西省文旅康养示范区。",
                    "打造药酒全系列产品。", "开发药酒全系列产品。", "上党历史悠久。"])
    assert "高质量发展" in found and "高质量" not in found
    assert "红绿" not in found
    assert "上党区" in found and "上党" in found
    assert "文旅" in found
    assert "药酒" in found and "药酒全系列产品" not in found


def test_names_need_a_name_before_their_ending() -> None:
    """The tail of a village's name (沟村 of 白家沟村) and a word for places
    (宝藏乡村: 乡村 is the countryside) are not names."""
    found = _mined(["白家沟村樱桃、桥沟村葡萄远近闻名。", "白家沟村樱桃、桥沟村葡萄销往全国。",
                    "建设宝藏乡村。"])
    assert "沟村" not in found
    assert "宝藏乡村" not in found
